"""Passes over the rows split between the cores give what the one-thread passes give.

On large data (``BLAS_SPLIT_MIN_ROWS`` rows) the weighted Gram matrix and the Newton step's
single pass (:meth:`Objective.value_and_gradient_along`) run one range of rows per core with
BLAS limited to one thread. The tests lower that threshold so that small data take the same
code, and compare with the plain formulas, with the one-thread path, and with the two-pass
composition the fused pass replaces.
"""

import os
import threading
import time

import numpy as np
import pytest

import logreg_nn._parallel as parallel
import logreg_nn.objective as objective_module
import logreg_nn.validation as validation_module
from logreg_nn import LogisticRegression
from logreg_nn.objective import Objective, SoftmaxObjective

threadpool_info = pytest.importorskip("threadpoolctl").threadpool_info

N_ROWS = 9_001


@pytest.fixture
def split_small(monkeypatch):
    """Split passes from 2 rows on, in blocks of a few rows, so small data use every path."""
    monkeypatch.setattr(parallel, "BLAS_SPLIT_MIN_ROWS", 2)
    monkeypatch.setattr(objective_module, "BLAS_SPLIT_MIN_ROWS", 2)
    monkeypatch.setattr(objective_module, "STEP_CHUNK_ENTRIES", 997)


@pytest.fixture
def without_threadpoolctl(monkeypatch):
    monkeypatch.setattr(parallel, "ThreadpoolController", None)
    parallel._blas_controls.cache_clear()
    yield
    parallel._blas_controls.cache_clear()


def _problem(fit_intercept=True, weighted=False, l2=0.0, n=N_ROWS, p=7, loss="cross_entropy"):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((n, p)) * rng.uniform(0.1, 10.0, p)
    X[:, -1] = 0.0  # a zero column must not upset the blocks
    y = (rng.random(n) < 0.4).astype(float)
    weights = rng.uniform(0.0, 3.0, n) if weighted else None
    objective = Objective(loss, X, y, weights, l2=l2, fit_intercept=fit_intercept)
    theta = rng.standard_normal(objective.n_params) * 0.1
    direction = rng.standard_normal(objective.n_params) * 0.05
    return objective, theta, direction


def _blas_threads():
    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("l2", [0.0, 0.7])
@pytest.mark.parametrize("loss", ["cross_entropy", "squared_error"])
def test_fused_step_matches_the_two_passes(split_small, fit_intercept, weighted, l2, loss):
    objective, theta, direction = _problem(fit_intercept, weighted, l2, loss=loss)
    z = objective.linear_predictor(theta).copy()
    dz, landed, value, gradient = objective.value_and_gradient_along(z, theta, direction)
    expected_dz = objective.design_times(direction)
    expected_value, expected_gradient = objective.value_and_gradient_at(
        z + expected_dz, theta + direction
    )
    np.testing.assert_allclose(dz, expected_dz, rtol=0, atol=1e-13 * np.abs(expected_dz).max())
    np.testing.assert_array_equal(landed, z + dz)
    assert value == pytest.approx(expected_value, rel=1e-13)
    scale = np.abs(expected_gradient).max()
    np.testing.assert_allclose(gradient, expected_gradient, rtol=0, atol=1e-12 * scale)


def test_fused_step_below_the_threshold_is_the_two_pass_composition():
    # Small data keep the two passes: the results are then the same bits.
    objective, theta, direction = _problem()
    z = objective.linear_predictor(theta).copy()
    dz, landed, value, gradient = objective.value_and_gradient_along(z, theta, direction)
    expected_dz = objective.design_times(direction)
    expected = objective.value_and_gradient_at(z + expected_dz, theta + direction)
    np.testing.assert_array_equal(dz, expected_dz)
    np.testing.assert_array_equal(landed, z + expected_dz)
    assert value == expected[0]
    np.testing.assert_array_equal(gradient, expected[1])


def test_fused_step_allocates_no_design_sized_array(split_small, traced_peak):
    objective, theta, direction = _problem(n=60_000, p=40)
    z = objective.linear_predictor(theta).copy()
    _, peak = traced_peak(lambda: objective.value_and_gradient_along(z, theta, direction))
    # dz and the landed logits (2 n floats) plus per-block temporaries; X is 40 n floats.
    assert peak < 0.15 * objective.X.nbytes


@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_split_gram_matches_the_formula(split_small, fit_intercept, dtype, traced_peak):
    objective, _, _ = _problem(fit_intercept, n=60_000, p=40)
    weights = np.random.default_rng(1).uniform(0.0, 0.25, objective.n_samples)
    gram, peak = traced_peak(lambda: objective.weighted_gram(weights, dtype))
    X = objective.X
    design = np.column_stack((np.ones(X.shape[0]), X)) if fit_intercept else X
    expected = design.T @ (design * weights[:, None])
    diagonal = np.sqrt(np.diag(expected) + 1e-300)
    error = np.abs(gram - expected) / np.maximum(np.outer(diagonal, diagonal), 1e-300)
    assert error.max() <= (1e-13 if dtype is np.float64 else 1e-5)
    np.testing.assert_array_equal(gram, gram.T)
    assert peak < 0.25 * X.nbytes


def test_split_gram_matches_the_one_thread_path(split_small, monkeypatch):
    objective, _, _ = _problem(n=20_000, p=30)
    weights = np.random.default_rng(2).uniform(0.0, 0.25, objective.n_samples)
    split = objective.weighted_gram(weights)
    monkeypatch.setattr(parallel, "BLAS_SPLIT_MIN_ROWS", 10**12)
    whole = objective.weighted_gram(weights)
    scale = np.sqrt(np.outer(np.diag(whole), np.diag(whole)))
    assert np.abs(split - whole).max() <= 1e-13 * scale.max()


def test_blas_threads_are_restored_after_a_split_pass_and_after_an_error(split_small):
    before = _blas_threads()
    seen = []

    def record(rows):
        seen.append(_blas_threads())
        return rows.stop - rows.start

    assert sum(parallel.map_blas_rows(record, 1000)) == 1000
    assert _blas_threads() == before
    if parallel._cores() > 1 and parallel._blas_controls() is not None:
        # Inside the split every BLAS runs one thread.
        assert all(threads == [1] * len(before) for threads in seen)

    def fail(rows):
        raise RuntimeError("inside a range")

    with pytest.raises(RuntimeError, match="inside a range"):
        parallel.map_blas_rows(fail, 1000)
    assert _blas_threads() == before


def test_without_threadpoolctl_a_pass_runs_once_on_all_rows(split_small, without_threadpoolctl):
    calls = []
    parallel.map_blas_rows(calls.append, 1000)
    assert calls == [slice(0, 1000)]
    objective, theta, direction = _problem()
    z = objective.linear_predictor(theta).copy()
    _, _, value, _ = objective.value_and_gradient_along(z, theta, direction)
    expected_dz = objective.design_times(direction)
    expected = objective.value_and_gradient_at(z + expected_dz, theta + direction)[0]
    assert value == pytest.approx(expected, rel=1e-13)


def test_fits_with_split_passes_agree_with_one_thread_fits(split_small, monkeypatch):
    rng = np.random.default_rng(3)
    X = rng.standard_normal((6_000, 5))
    y = (rng.random(6_000) < 1.0 / (1.0 + np.exp(-(X @ np.linspace(-1, 1, 5) + 0.2)))) * 1.0
    split = LogisticRegression().fit(X, y)
    monkeypatch.setattr(parallel, "BLAS_SPLIT_MIN_ROWS", 10**12)
    monkeypatch.setattr(objective_module, "BLAS_SPLIT_MIN_ROWS", 10**12)
    whole = LogisticRegression().fit(X, y)
    np.testing.assert_allclose(split.coef_, whole.coef_, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(split.bse_, whole.bse_, rtol=1e-11)


def test_softmax_step_matches_its_two_passes():
    rng = np.random.default_rng(4)
    X = rng.standard_normal((500, 4))
    objective = SoftmaxObjective(X, rng.integers(0, 3, 500), 3, reference=True)
    theta = rng.standard_normal(objective.n_params) * 0.1
    direction = rng.standard_normal(objective.n_params) * 0.1
    z = objective.linear_predictor(theta)
    dz, landed, value, gradient = objective.value_and_gradient_along(z, theta, direction)
    np.testing.assert_array_equal(dz, objective.design_times(direction))
    expected = objective.value_and_gradient_at(z + dz, theta + direction)
    np.testing.assert_array_equal(landed, z + dz)
    assert value == expected[0]
    np.testing.assert_array_equal(gradient, expected[1])


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_value_and_gradient_from_scratch_in_one_pass(split_small, fit_intercept):
    # The network's full-batch epoch: logits and gradient of a new point in one pass,
    # with the logits remembered for the next call at the same point.
    objective, theta, _ = _problem(fit_intercept, weighted=True, l2=0.3)
    value, gradient = objective.value_and_gradient(theta)
    z = objective.design_times(theta)
    expected_value, expected_gradient = objective.value_and_gradient_at(z, theta)
    assert value == pytest.approx(expected_value, rel=1e-13)
    scale = np.abs(expected_gradient).max()
    np.testing.assert_allclose(gradient, expected_gradient, rtol=0, atol=1e-12 * scale)
    remembered = objective.linear_predictor(theta)
    np.testing.assert_allclose(remembered, z, rtol=0, atol=1e-13)
    assert objective.linear_predictor(theta.copy()) is remembered


def test_a_split_pass_started_inside_a_split_pass_runs_in_its_worker(split_small):
    # The outer pass holds the lock; an inner one must not wait for it.
    def count(rows):
        return rows.stop - rows.start

    results = []
    # In a daemon thread, so that a deadlock fails the test instead of hanging the run.
    outer = threading.Thread(
        target=lambda: results.extend(
            parallel.map_blas_rows(lambda rows: parallel.map_blas_rows(count, 10), 1000)
        ),
        daemon=True,
    )
    outer.start()
    outer.join(timeout=30)
    assert not outer.is_alive(), "a split pass inside a split pass deadlocked"
    assert results and all(part == [10] for part in results)


def test_gram_ranges_are_capped_by_memory(split_small, monkeypatch):
    calls = []
    original = parallel.map_blas_rows

    def recording(func, n_rows, max_parts=None):
        calls.append(max_parts)
        return original(func, n_rows, max_parts)

    monkeypatch.setattr(objective_module, "map_blas_rows", recording)
    objective, _, _ = _problem(n=400, p=50)
    objective.weighted_gram(np.ones(400))
    assert calls == [2]


def test_scope_limits_blas_for_its_duration_and_splits_small_passes(split_small, monkeypatch):
    before = _blas_threads()
    seen_parts = []
    monkeypatch.setattr(parallel, "SCOPE_SPLIT_MIN_ROWS", 100)
    with pytest.raises(RuntimeError, match="inside the scope"):
        with parallel.one_blas_thread_scope(1000):
            if parallel._cores() > 1 and parallel._blas_controls() is not None:
                assert set(_blas_threads()) == {1}
            # Nested scopes and passes inside the scope take no second lock.
            with parallel.one_blas_thread_scope(1000):
                seen_parts.append(parallel.map_blas_rows(lambda rows: rows, 1000))
                seen_parts.append(parallel.map_blas_rows(lambda rows: rows, 50))
            raise RuntimeError("inside the scope")
    assert _blas_threads() == before
    assert seen_parts[1] == [slice(0, 50)]
    if parallel._cores() > 1 and parallel._blas_controls() is not None:
        assert len(seen_parts[0]) == min(parallel._cores(), 1000)


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_split_products_with_the_design_match_numpy(split_small, fit_intercept):
    objective, theta, _ = _problem(fit_intercept)
    r = np.random.default_rng(5).standard_normal(objective.n_samples)
    with parallel.one_blas_thread_scope(objective.n_samples):
        times = objective.design_times(theta)
        transpose_times = objective.design_transpose_times(r)
    design = objective.X
    if fit_intercept:
        design = np.column_stack((np.ones(objective.n_samples), design))
    np.testing.assert_allclose(times, design @ theta, rtol=1e-13, atol=1e-12)
    expected = design.T @ r
    np.testing.assert_allclose(
        transpose_times, expected, rtol=0, atol=1e-12 * np.abs(expected).max()
    )


def test_a_callback_can_wait_for_a_fit_in_another_thread(split_small):
    # The limit of a solve holds no lock while the solve runs: a callback that hands a
    # fit to another thread and waits for it must not wait forever.
    from logreg_nn.optim import newton_raphson

    objective, _, _ = _problem()
    X, y = objective.X[:, :3], objective.y
    finished = []

    def callback(iteration, value, gradient, decrement, step):
        if iteration == 1:
            other = threading.Thread(
                target=lambda: finished.append(LogisticRegression().fit(X, y)), daemon=True
            )
            other.start()
            other.join(timeout=30)

    before = _blas_threads()
    newton_raphson(objective, np.zeros(objective.n_params), callback=callback)
    assert finished, "the fit in the other thread did not finish while the callback waited"
    assert _blas_threads() == before


def test_overlapping_limited_regions_restore_the_threads_once_all_have_left(split_small):
    before = _blas_threads()
    inside, release = threading.Event(), threading.Event()

    def hold():
        with parallel.one_blas_thread_scope(10**6):
            inside.set()
            release.wait(timeout=30)

    other = threading.Thread(target=hold, daemon=True)
    other.start()
    assert inside.wait(timeout=30)
    with parallel.one_blas_thread_scope(10**6):
        pass
    # The other region is still inside: the limit is still held, for it.
    still_held = parallel._LIMIT["holders"]
    release.set()
    other.join(timeout=30)
    limits = parallel._cores() > 1 and parallel._blas_controls() is not None
    assert still_held == (1 if limits else 0)
    assert parallel._LIMIT == {"holders": 0, "limiter": None}
    assert _blas_threads() == before


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_split_signed_gram_matches_the_formula(split_small, fit_intercept):
    objective, _, _ = _problem(fit_intercept, n=30_000, p=20, loss="squared_error")
    weights = np.random.default_rng(6).standard_normal(objective.n_samples)
    gram = objective.weighted_gram(weights)
    design = objective.X
    if fit_intercept:
        design = np.column_stack((np.ones(objective.n_samples), design))
    expected = design.T @ (design * weights[:, None])
    scale = np.abs(np.diag(design.T @ design)).max()
    assert np.abs(gram - expected).max() <= 1e-12 * scale


def _worker_threads():
    # Each range waits for the others, so every worker the pass needs takes one range.
    n_ranges = parallel._cores()
    together = threading.Barrier(n_ranges, timeout=30)

    def worker(rows):
        together.wait()
        return threading.current_thread()

    return set(parallel.map_rows(worker, parallel._split(1000, n_ranges)))


@pytest.mark.skipif(parallel._cores() < 2, reason="one core: a pass is never split")
def test_split_passes_reuse_one_pool_of_threads():
    # A thread's first BLAS call sets up buffers: a new pool per pass paid for that on
    # every pass. The pool's threads are not the caller's.
    first = _worker_threads()
    for _ in range(20):
        assert _worker_threads() == first
    assert threading.current_thread() not in first


def test_passes_from_several_threads_share_the_pool():
    objective, theta, _ = _problem(n=2_000)
    expected = objective.design_times(theta)
    results, errors = [], []

    def run():
        try:
            for _ in range(20):
                results.append(parallel.map_rows(lambda rows: rows, parallel._split(100, 2)))
            np.testing.assert_array_equal(objective.design_times(theta), expected)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    callers = [threading.Thread(target=run, daemon=True) for _ in range(4)]
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join(timeout=60)
    assert not any(caller.is_alive() for caller in callers), "shared pool deadlocked"
    assert not errors
    assert results == [[slice(0, 50), slice(50, 100)]] * 80


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_forked_child_makes_its_own_pool():
    _worker_threads()  # the parent's pool exists before the fork
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        # The parent's worker threads do not exist here: a pass must still finish.
        code = 0 if len(_worker_threads()) >= 1 else 1
        os._exit(code)
    deadline = time.monotonic() + 60
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            pytest.fail("a split pass in a forked child hung")
        time.sleep(0.05)
    assert os.waitstatus_to_exitcode(status) == 0


@pytest.mark.parametrize(
    ("n_rows", "n_columns", "limited"),
    [
        (10_000, 200, True),  # Gram matrices of 4e8 multiply-adds dominate the solve
        (10_000, 50, False),
        (100_000, 50, False),
        (4_000, 1_000, False),  # too few rows to split
        (2**19, 1, True),  # many rows
    ],
)
def test_the_scope_covers_large_data_and_large_gram_matrices(n_rows, n_columns, limited):
    if parallel._cores() < 2 or parallel._blas_controls() is None:
        pytest.skip("BLAS cannot be limited here, or there is one core")
    before = _blas_threads()
    with parallel.one_blas_thread_scope(n_rows, n_columns):
        inside = _blas_threads()
        split = len(parallel.map_blas_rows(lambda rows: rows, n_rows))
    assert (set(inside) == {1}) == limited
    assert (split == min(parallel._cores(), n_rows)) == limited
    assert _blas_threads() == before


def test_a_split_pass_inside_a_pool_thread_does_not_wait_on_the_pool(monkeypatch):
    # Every pool thread running a range that itself maps ranges (as a column scan called
    # from a user's loss inside a split pass would): they must run in place.
    monkeypatch.setattr(parallel, "MIN_ENTRIES_PER_THREAD", 1)
    cores = parallel._cores()
    X = np.random.default_rng(8).standard_normal((100 * cores, 3))
    results = []

    def outer():
        results.extend(
            parallel.map_rows(
                lambda rows: validation_module.column_scale(X[rows]),
                parallel._split(X.shape[0], cores),
            )
        )

    runner = threading.Thread(target=outer, daemon=True)
    runner.start()
    runner.join(timeout=30)
    assert not runner.is_alive(), "a pass mapped from inside the pool deadlocked"
    np.testing.assert_array_equal(np.max(results, axis=0), np.abs(X).max(axis=0))


@pytest.mark.skipif(parallel._cores() < 2, reason="one core: the ranges run in turn")
def test_a_failing_range_is_reported_only_once_the_others_have_stopped():
    finished = []
    second_started = threading.Event()

    def task(rows):
        if rows.start == 0:
            # Fail only once the second range runs: a range not yet started is cancelled.
            assert second_started.wait(timeout=30)
            raise FloatingPointError("overflow in the first range")
        second_started.set()
        time.sleep(0.3)
        finished.append(rows)
        return rows

    with pytest.raises(FloatingPointError, match="first range"):
        parallel.map_rows(task, parallel._split(10, 2))
    # The second range was still writing when the first failed; the caller saw the error
    # only after it had finished.
    assert finished == [slice(5, 10)]


@pytest.mark.parametrize("layout", ["fortran", "strided"])
def test_split_products_read_other_layouts_in_place(split_small, layout, traced_peak):
    # np.dot would copy a block that is not C-contiguous: those layouts take X.T @ r.
    objective, theta, direction = _problem(n=9_001, p=40)
    base = objective.X
    if layout == "fortran":
        X = np.asfortranarray(base)
    else:
        wide = np.zeros((base.shape[0], 2 * base.shape[1]))
        wide[:, ::2] = base
        X = wide[:, ::2]
    other = Objective("cross_entropy", X, objective.y)
    r = np.random.default_rng(9).standard_normal(objective.n_samples)
    z = other.linear_predictor(theta)
    expected = objective.design_transpose_times(r)
    result, peak = traced_peak(lambda: other.design_transpose_times(r))
    np.testing.assert_allclose(result, expected, rtol=1e-12, atol=1e-12 * np.abs(expected).max())
    assert peak < 0.1 * base.nbytes
    _, step_peak = traced_peak(lambda: other.value_and_gradient_along(z, theta, direction))
    assert step_peak < 0.25 * base.nbytes
