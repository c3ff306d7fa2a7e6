"""The shortcuts newton_raphson and validation take for speed change the path, not the answer.

Sampled Hessians, kept ("chord") Hessians and reusing the last Hessian at the estimate must
give the estimate and the exact Hessian *at the estimate* that plain Newton–Raphson gives;
the parallel column scan must give what the serial one gives, NaN and inf included, and
the shortcut for two numeric labels what np.unique gives.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from logreg_nn import LogisticRegression, MultinomialLogisticRegression, datasets
from logreg_nn import _parallel as parallel_module
from logreg_nn import optim as optim_module
from logreg_nn import validation as validation_module
from logreg_nn.diagnostics import aliased_columns
from logreg_nn.exceptions import InvalidInputError, RankDeficiencyError
from logreg_nn.objective import Objective
from logreg_nn.optim import newton_direction, newton_raphson


def plain_newton(objective: Objective, theta: np.ndarray, steps: int = 30) -> np.ndarray:
    """Full Newton steps with the exact Hessian at every iterate (no line search needed)."""
    for _ in range(steps):
        theta = theta + newton_direction(objective.hessian(theta), objective.gradient(theta))
    return theta


def assert_same_hessian(actual: np.ndarray, desired: np.ndarray) -> None:
    """Entries equal relative to their rows' and columns' scale, sqrt(H_ii H_jj).

    An off-diagonal entry is a sum of signed terms and can be far smaller than that scale;
    its own relative error then says nothing about the matrix.
    """
    scale = np.sqrt(np.outer(np.diag(desired), np.diag(desired)))
    np.testing.assert_array_less(np.abs(actual - desired), 1e-12 * scale + 1e-300)


@pytest.fixture
def problem() -> Objective:
    X, y = datasets.make_logistic(4000, coef=[0.8, -0.5, 0.3, 1.0, -0.2, 0.4], random_state=3)
    return Objective("cross_entropy", X, y)


def test_the_default_path_reaches_plain_newtons_estimate_and_hessian(problem):
    result = newton_raphson(problem, np.zeros(7))
    reference = plain_newton(problem, np.zeros(7))
    assert result.converged
    np.testing.assert_allclose(result.theta, reference, rtol=0, atol=1e-13)
    exact = problem.hessian(result.theta)
    assert_same_hessian(result.hessian, exact)


def test_without_kept_hessians_every_step_forms_one(problem, monkeypatch):
    kept = newton_raphson(problem, np.zeros(7))
    monkeypatch.setattr(optim_module, "EXACT_HESSIAN_DECREMENT", 0.0)
    every = newton_raphson(problem, np.zeros(7))
    assert every.exact_hessians >= every.n_iter + 1
    assert kept.exact_hessians < every.exact_hessians
    np.testing.assert_allclose(kept.theta, every.theta, rtol=0, atol=1e-13)
    assert_same_hessian(kept.hessian, every.hessian)


def test_sampled_hessians_reach_the_same_estimate_and_exact_hessian(problem, monkeypatch):
    monkeypatch.setattr(optim_module, "SUBSAMPLE_MIN_ROWS", 1000)
    monkeypatch.setattr(optim_module, "SUBSAMPLE_ROWS_PER_PARAMETER", 50)
    sampled = newton_raphson(problem, np.zeros(7))
    reference = plain_newton(problem, np.zeros(7))
    assert sampled.converged
    np.testing.assert_allclose(sampled.theta, reference, rtol=0, atol=1e-13)
    assert_same_hessian(sampled.hessian, problem.hessian(sampled.theta))
    # The sample replaced exact Hessians on the way.
    monkeypatch.setattr(optim_module, "SUBSAMPLE_MIN_ROWS", 10**9)
    assert sampled.exact_hessians < newton_raphson(problem, np.zeros(7)).exact_hessians


def test_a_poor_kept_hessian_is_replaced(problem, monkeypatch):
    # Keeping from the first iterate on (far from the optimum) makes the kept Hessian a
    # poor one; the contraction test must then form new ones, and the answer not change.
    monkeypatch.setattr(optim_module, "EXACT_HESSIAN_DECREMENT", np.inf)
    far = newton_raphson(problem, np.full(7, 0.5))
    reference = plain_newton(problem, np.zeros(7))
    assert far.converged
    # More than the first Hessian and the one at the estimate: replacements happened.
    assert far.exact_hessians >= 3
    np.testing.assert_allclose(far.theta, reference, rtol=0, atol=1e-12)
    assert_same_hessian(far.hessian, problem.hessian(far.theta))


def test_logistic_regression_standard_errors_come_from_the_hessian_at_the_estimate():
    X, y = datasets.make_logistic(3000, coef=[0.5, -1.0, 0.25, 0.7], random_state=8)
    model = LogisticRegression().fit(X, y)
    objective = Objective("cross_entropy", X, y)
    theta = np.r_[model.intercept_, model.coef_]
    expected = np.sqrt(np.diag(np.linalg.inv(objective.hessian(theta))))
    np.testing.assert_allclose(model.bse_, expected, rtol=1e-11)


def test_full_rank_shortcut_agrees_with_the_column_loop(monkeypatch):
    rng = np.random.default_rng(4)
    X = rng.standard_normal((200, 6))
    # Column 4 = column 1 + a small independent part, column 5 nearly a sum of two others:
    # small pivots, on both sides of the tolerances below.
    X[:, 4] = X[:, 1] + 1e-4 * rng.standard_normal(200)
    X[:, 5] = X[:, 0] - X[:, 2] + 1e-6 * rng.standard_normal(200)
    gram = X.T @ X
    tolerances = [1e-14, 1e-12, 1e-10, 1e-9, 1e-8, 1e-6]
    with_shortcut = [aliased_columns(gram, tol=tol) for tol in tolerances]

    def refuse(matrix):
        raise np.linalg.LinAlgError("forced: take the column loop")

    monkeypatch.setattr(np.linalg, "cholesky", refuse)
    loop_only = [aliased_columns(gram, tol=tol) for tol in tolerances]
    assert with_shortcut == loop_only
    # The tolerances straddle both pivots, so both outcomes occur.
    assert [] in loop_only and [4, 5] in loop_only


@pytest.mark.parametrize("bad", [None, np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("row", [0, 2999, 5999])
def test_parallel_column_scale_equals_the_serial_scan(bad, row, monkeypatch):
    X = np.random.default_rng(5).standard_normal((6000, 7)) * np.arange(1, 8)
    if bad is not None:
        X[row, 3] = bad
    serial = validation_module.column_scale(X)
    monkeypatch.setattr(parallel_module, "MIN_ENTRIES_PER_THREAD", 1000)
    if len(parallel_module.row_ranges(*X.shape)) == 1:
        pytest.skip("one core: there is no parallel scan to compare")
    parallel = validation_module.column_scale(X)
    np.testing.assert_array_equal(parallel, serial)
    assert np.isfinite(parallel).all() == (bad is None)


@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("shape", [(1, 3), (25, 3), (26, 3), (1000, 7), (4099, 1), (50, 5000)])
@pytest.mark.parametrize("bad_row", [None, 0, -1])
def test_folded_column_scan_is_the_plain_one(order, shape, bad_row, monkeypatch):
    # Rows folded into wider rows, in chunks: row counts around the fold (8 rows of 3
    # columns here) and the chunk, a left-over row holding the only non-finite entry,
    # layouts that cannot fold, and masks that leave a ragged block.
    monkeypatch.setattr(validation_module, "EXTREMES_FOLD_ENTRIES", 24)
    monkeypatch.setattr(validation_module, "EXTREMES_CHUNK_ENTRIES", 120)
    rng = np.random.default_rng(11)
    X = rng.standard_normal(shape) * rng.uniform(0.1, 10.0, shape[1])
    if bad_row is not None:
        X[bad_row, -1] = np.nan
        X[bad_row, 0] = -np.inf
    X = np.asarray(X, order=order)
    expected = np.abs(X).max(axis=0)
    np.testing.assert_array_equal(validation_module.column_scale(X), expected)
    rows = rng.random(shape[0]) < 0.7
    rows[-1] = True
    np.testing.assert_array_equal(
        validation_module.column_scale(X, rows), np.abs(X[rows]).max(axis=0)
    )


def test_column_scan_of_no_columns_is_empty():
    # An intercept-only objective has no columns to scan.
    assert validation_module.column_scale(np.empty((5, 0))).shape == (0,)
    y = np.array([0.0, 1.0, 0.0, 1.0, 1.0, 1.0])
    result = newton_raphson(Objective("cross_entropy", np.empty((6, 0)), y), np.zeros(1))
    np.testing.assert_allclose(result.theta, [np.log(2.0)], rtol=1e-12)


@pytest.mark.parametrize("split", [False, True])
def test_column_scale_of_masked_rows_ignores_the_others(split, monkeypatch):
    # The separation test scans only rows of positive weight, without copying them.
    rng = np.random.default_rng(6)
    X = rng.standard_normal((6000, 5))
    rows = rng.random(6000) > 0.3
    X[np.flatnonzero(~rows)[:3], [0, 1, 2]] = [np.nan, np.inf, 1e300]
    if split:
        monkeypatch.setattr(parallel_module, "MIN_ENTRIES_PER_THREAD", 1000)
    np.testing.assert_array_equal(
        validation_module.column_scale(X, rows), np.abs(X[rows]).max(axis=0)
    )
    nothing = validation_module.column_scale(X, np.zeros(6000, dtype=bool))
    np.testing.assert_array_equal(nothing, np.full(5, -np.inf))
    with pytest.raises(InvalidInputError, match="boolean mask of shape"):
        validation_module.column_scale(X, rows.astype(int))
    with pytest.raises(InvalidInputError, match="boolean mask of shape"):
        validation_module.column_scale(X, rows[:-1])


@pytest.mark.parametrize(
    "labels",
    [
        np.array([1.0, 0.0, 1.0, 1.0]),
        np.array([3, 3, -1, 3]),
        np.array([True, False, True]),
        np.array([5.0, 0.0]),
        np.array([0.0, 1.0, 2.0, 1.0]),
        np.array([7, 7, 7, 2, 9]),
        np.array([0.0, -0.0, 1.0]),
    ],
)
def test_binary_label_shortcut_equals_np_unique(labels):
    codes, classes = validation_module.check_labels(labels, labels.size)
    expected_classes, expected_codes = np.unique(labels, return_inverse=True)
    np.testing.assert_array_equal(classes, expected_classes)
    assert classes.dtype == expected_classes.dtype
    np.testing.assert_array_equal(codes, expected_codes)
    assert codes.dtype == np.intp


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("sampled", [False, True])
def test_shortcuts_end_at_rounding_level_on_varied_designs(seed, sampled, monkeypatch):
    # Different widths, scales and class balances: wherever the shortcuts stop, the
    # estimate is plain Newton's to rounding and the Hessian is the one at the estimate.
    rng = np.random.default_rng(seed)
    p = int(rng.integers(1, 12))
    X, y = datasets.make_logistic(
        3000,
        coef=rng.normal(0.0, 1.5, p),
        intercept=float(rng.normal(-1.0, 1.0)),
        random_state=seed,
        feature_scale=float(10.0 ** rng.uniform(-2, 2)),
    )
    objective = Objective("cross_entropy", X, y)
    if sampled:
        monkeypatch.setattr(optim_module, "SUBSAMPLE_MIN_ROWS", 1000)
        monkeypatch.setattr(optim_module, "SUBSAMPLE_ROWS_PER_PARAMETER", 40)
    result = newton_raphson(objective, np.zeros(p + 1))
    reference = plain_newton(objective, np.zeros(p + 1))
    assert result.converged
    np.testing.assert_allclose(
        objective.linear_predictor(result.theta),
        objective.linear_predictor(reference),
        rtol=1e-13,
        atol=1e-12,
    )
    assert_same_hessian(result.hessian, objective.hessian(result.theta))


@pytest.mark.parametrize("shape", [(1, 50), (3, 40000), (6, 7)])
def test_row_ranges_never_give_a_thread_no_rows(shape, monkeypatch):
    # Wide data has few rows per entry: more threads than rows would leave empty ranges.
    monkeypatch.setattr(parallel_module, "MIN_ENTRIES_PER_THREAD", 1)
    ranges = parallel_module.row_ranges(*shape)
    assert all(r.stop > r.start for r in ranges)
    assert ranges[0].start == 0 and ranges[-1].stop == shape[0]
    X = np.arange(float(np.prod(shape))).reshape(shape) - 7.0
    np.testing.assert_array_equal(validation_module.column_scale(X), np.abs(X).max(axis=0))


def test_reaching_max_iter_with_a_kept_hessian_reports_the_hessian_at_the_last_point(problem):
    result = newton_raphson(problem, np.zeros(7), max_iter=5)
    assert not result.converged
    assert result.n_iter == 5
    assert_same_hessian(result.hessian, problem.hessian(result.theta))
    np.testing.assert_allclose(result.gradient, problem.gradient(result.theta), atol=1e-10)


def test_multinomial_sampled_and_kept_hessians_reach_the_plain_estimate(monkeypatch):
    rng = np.random.default_rng(11)
    X = rng.standard_normal((6000, 3))
    logits = X @ rng.normal(0.0, 0.8, (3, 3))
    probs = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs /= probs.sum(axis=1, keepdims=True)
    y = (probs.cumsum(axis=1) > rng.random((6000, 1))).argmax(axis=1)
    monkeypatch.setattr(optim_module, "SUBSAMPLE_MIN_ROWS", 1000)
    monkeypatch.setattr(optim_module, "SUBSAMPLE_ROWS_PER_PARAMETER", 30)
    fast = MultinomialLogisticRegression().fit(X, y)
    monkeypatch.setattr(optim_module, "SUBSAMPLE_MIN_ROWS", 10**9)
    monkeypatch.setattr(optim_module, "EXACT_HESSIAN_DECREMENT", 0.0)
    plain = MultinomialLogisticRegression().fit(X, y)
    np.testing.assert_allclose(fast.params_, plain.params_, rtol=1e-11, atol=1e-13)
    np.testing.assert_allclose(fast.bse_, plain.bse_, rtol=1e-11)


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_single_precision_gram_is_close_to_double(fit_intercept):
    rng = np.random.default_rng(21)
    X = rng.standard_normal((9000, 8)) * np.logspace(-2, 2, 8)
    objective = Objective("cross_entropy", X, np.zeros(9000), fit_intercept=fit_intercept)
    weights = rng.uniform(1e-4, 0.25, 9000)
    double = objective.weighted_gram(weights)
    single = objective.weighted_gram(weights, np.float32)
    scale = np.sqrt(np.outer(np.diag(double), np.diag(double)))
    assert (np.abs(single - double) <= 1e-5 * scale).all()
    assert not (single == double).all()  # the single-precision path did run


def test_rank_deficiency_is_found_when_single_precision_hessians_steer(monkeypatch):
    # On large data the steering Hessians are single precision, where an aliased column
    # need not look aliased: the rank check must still see a double-precision Hessian.
    monkeypatch.setattr(optim_module, "SUBSAMPLE_MIN_ROWS", 1000)
    monkeypatch.setattr(optim_module, "SUBSAMPLE_ROWS_PER_PARAMETER", 40)
    X, y = datasets.make_logistic(6000, coef=[0.7, -0.4, 0.2], random_state=5)
    X = np.column_stack([X, X[:, 0] - 2.0 * X[:, 2]])
    with pytest.raises(RankDeficiencyError, match="'x4'"):
        LogisticRegression().fit(X, y)


def _polynomial_design(n: int) -> tuple[np.ndarray, np.ndarray]:
    # Raw degree-4 polynomial features of four uniforms: 69 columns, condition ~2e5.
    rng = np.random.default_rng(0)
    U = rng.uniform(1.0, 3.0, (n, 4))
    columns = [
        np.prod(U[:, list(c)], axis=1)
        for degree in range(1, 5)
        for c in itertools.combinations_with_replacement(range(4), degree)
    ]
    logits = U[:, 0] - 0.5 * U[:, 1] * U[:, 2] + 0.2 * U[:, 3] ** 2
    return np.column_stack(columns), (rng.random(n) < 1.0 / (1.0 + np.exp(-logits))) * 1.0


def _steering_dtypes(monkeypatch) -> list[type]:
    """Record the precision of every Hessian of all rows the solver forms."""
    seen: list[type] = []
    original = Objective.hessian_at

    def recording(self, z, theta, dtype=np.float64):
        if self.n_samples >= optim_module.SUBSAMPLE_MIN_ROWS:
            seen.append(dtype)
        return original(self, z, theta, dtype)

    monkeypatch.setattr(Objective, "hessian_at", recording)
    return seen


def _true_half_decrement(objective: Objective, theta: np.ndarray) -> float:
    z = objective.design_times(theta)
    gradient = objective.gradient_at(z, theta)
    return float(-gradient @ newton_direction(objective.hessian_at(z, theta), gradient)) / 2


def test_ill_conditioned_large_designs_steer_in_double(monkeypatch):
    # Single-precision steering once stopped such a fit at a point 3e-3 (relative) from
    # the estimate while reporting convergence; the sampled Hessian's conditioning now
    # keeps these fits in double precision throughout.
    X, y = _polynomial_design(60_000)
    objective = Objective("cross_entropy", X, y)
    dtypes = _steering_dtypes(monkeypatch)
    result = newton_raphson(objective, np.zeros(X.shape[1] + 1))
    assert result.converged
    assert dtypes and all(dtype is np.float64 for dtype in dtypes)
    assert _true_half_decrement(objective, result.theta) <= 1e-10


def test_well_conditioned_large_designs_still_steer_in_single_precision(monkeypatch):
    rng = np.random.default_rng(13)
    X = rng.standard_normal((60_000, 8))
    y = (rng.random(60_000) < 1.0 / (1.0 + np.exp(-(X @ np.linspace(-1, 1, 8))))) * 1.0
    dtypes = _steering_dtypes(monkeypatch)
    result = newton_raphson(Objective("cross_entropy", X, y), np.zeros(9))
    assert result.converged
    assert np.float32 in dtypes and dtypes[-1] is np.float64


@pytest.mark.parametrize("split_grams", [True, False])
def test_a_misjudged_single_precision_decrement_is_caught_in_double(split_grams, monkeypatch):
    # With the conditioning check switched off, single precision misjudges the stopping
    # test; the double-precision Hessian at the estimate must catch it, so the fit either
    # really converges or says it did not. Without that check in double, and without
    # split Gram matrices, this fit claimed convergence here with a true half-decrement of
    # 1e-8. Whether it then converges within 100 steps depends on how single precision
    # rounds (the BLAS kernel, split Gram matrices or not): here it does without split
    # Gram matrices and stalls with them. Real fits keep the conditioning check on, which
    # keeps single precision out of such designs.
    monkeypatch.setattr(optim_module, "SINGLE_PRECISION_MAX_CONDITION", np.inf)
    if not split_grams:
        monkeypatch.setattr(parallel_module, "SCOPE_MIN_GRAM_WORK", np.inf)
    X, y = _polynomial_design(60_000)
    objective = Objective("cross_entropy", X, y)
    result = newton_raphson(objective, np.zeros(X.shape[1] + 1))
    assert result.converged == (_true_half_decrement(objective, result.theta) <= 1e-10)
