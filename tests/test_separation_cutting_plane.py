"""The separation test started on a subset of rows (cutting planes) gives the full answer.

The linear programs start on a few rows per parameter (the rows nearest a fit's boundary
when its logits are given, else evenly spaced rows) and add rows only where the answer on
the subset is contradicted. These tests compare that path with the one-shot program on
every row (``max_rows`` = all rows), force the subset to miss the rows that decide, and
check what the path costs: the rows each program sees and the memory it allocates.
"""

from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from logreg_nn import LogisticRegression, diagnostics
from logreg_nn.datasets import make_logistic, make_separable
from logreg_nn.diagnostics import check_multinomial_separation, check_separation
from logreg_nn.exceptions import InvalidInputError, SeparationError


def design(X):
    return np.column_stack((np.ones(X.shape[0]), X))


def one_shot(X, y, sample_weight=None, **kwargs):
    return check_separation(X, y, sample_weight, max_rows=X.shape[0], **kwargs)


@pytest.fixture
def program_sizes(monkeypatch):
    """Rows of every linear program the separation test solves, in order."""
    sizes = []
    solve = diagnostics._separation_lp

    def recording(rows):
        sizes.append(rows.shape[0])
        return solve(rows)

    monkeypatch.setattr(diagnostics, "_separation_lp", recording)
    return sizes


def dummy_quasi(n=400, seed=0):
    """Overlapping data plus a 0/1 column that is 1 only in a few class-1 rows.

    The column is 0 on every other row, so the direction along it separates
    quasi-completely: those rows strictly, the rest on the hyperplane. A start that
    misses the few rows sees a column of zeros, and overlap there settles nothing.
    """
    rng = np.random.default_rng(seed)
    X, y = make_logistic(n, coef=[1.0, -1.0], random_state=seed)
    dummy = np.zeros(n)
    # Not among the 20 evenly spaced rows a start without logits takes.
    spaced = np.linspace(0, n - 1, 20).astype(int)
    ones = rng.choice(np.setdiff1d(np.flatnonzero(y == 1), spaced), size=3, replace=False)
    dummy[ones] = 1.0
    logits = np.where(dummy == 1, 40.0, 0.1 * rng.standard_normal(n))
    return np.column_stack((X, dummy)), y, logits


@pytest.mark.parametrize("quasi", [False, True])
def test_subset_start_certifies_separation_on_every_row(quasi):
    X, y = make_separable(2000, n_features=3, random_state=4, quasi=quasi)
    full = one_shot(X, y)
    started_small = check_separation(X, y, max_rows=40)
    assert started_small.kind == full.kind == ("quasi-complete" if quasi else "complete")
    margins = (2 * y - 1) * (design(X) @ started_small.direction)
    assert margins.min() >= -1e-9
    np.testing.assert_array_equal(started_small.boundary, full.boundary)


def test_overlap_found_on_a_subset_is_final():
    X, y = make_logistic(2000, coef=[1.0, -2.0], random_state=0)
    assert check_separation(X, y, max_rows=40).kind == "overlap"


@pytest.mark.parametrize("use_logits", [False, True])
def test_quasi_separation_missed_by_the_first_rows_is_still_found(use_logits, program_sizes):
    X, y, logits = dummy_quasi()
    full = one_shot(X, y)
    assert full.kind == "quasi-complete"
    program_sizes.clear()
    certificate = check_separation(X, y, max_rows=20, logits=logits if use_logits else None)
    assert certificate.kind == "quasi-complete"
    # The first program overlapped with the dummy column all zero; more rows were needed.
    assert len(program_sizes) > 1 and program_sizes[0] == 20
    np.testing.assert_array_equal(certificate.boundary, full.boundary)
    margins = (2 * y - 1) * (design(X) @ certificate.direction)
    assert margins.min() >= -1e-9 and margins.max() > 1e-3


def test_the_estimator_finds_quasi_separation_its_boundary_rows_hide():
    # The fitted boundary rows all have dummy = 0: the test must look beyond them.
    X, y, _ = dummy_quasi(seed=1)
    with pytest.raises(diagnostics.SeparationError) as info:
        LogisticRegression().fit(X, y)
    assert info.value.kind == "quasi-complete"


def test_confident_fit_on_overlapping_data_needs_one_small_program(program_sizes):
    # Logits beyond 20 make the estimator run the exact test, although the data overlap.
    X, y = make_logistic(20_000, coef=[8.0, -6.0, 5.0], random_state=3)
    model = LogisticRegression().fit(X, y)
    assert np.abs(model.decision_function(X)).max() > 20
    n_params = X.shape[1] + 1
    assert program_sizes == [diagnostics.LP_ROWS_PER_PARAMETER * n_params]


def test_each_round_at_most_doubles_the_rows(program_sizes):
    X, y = make_separable(5000, n_features=4, random_state=2, quasi=True)
    y = y.copy()
    y[::499] = 1.0 - y[::499]  # a few flipped labels: overlap, found only after rounds
    expected = one_shot(X, y).kind
    program_sizes.clear()
    certificate = check_separation(X, y, max_rows=10)
    assert certificate.kind == expected
    assert len(program_sizes) > 1
    for before, after in pairwise(program_sizes):
        assert before < after <= 2 * before


def test_no_copy_of_the_design(traced_peak):
    X, y = make_logistic(50_000, coef=np.full(40, 1.5), random_state=5)
    logits = design(X) @ np.r_[0.5, np.full(40, 1.5)]
    certificate, peak = traced_peak(lambda: check_separation(X, y, logits=logits))
    assert certificate.kind == "overlap"
    assert peak < 0.25 * X.nbytes


def tiny_boundary_rows(seed=0):
    """Separated data whose rows nearest the boundary are tiny: x = +-1e-9, +-2e-9, ...

    Without an intercept those rows alone overlap within the programs' tolerance, yet
    their one direction is not free in the rank sense unless small singular values count.
    """
    rng = np.random.default_rng(seed)
    tiny = 1e-9 * np.array([1.0, 2.0, 3.0, -1.0, -2.0, -3.0])
    x = np.r_[rng.uniform(0.5, 2, 50), -rng.uniform(0.5, 2, 50), tiny]
    return x[:, None], (x > 0).astype(float), 30.0 * x


def test_tiny_rows_near_the_boundary_do_not_hide_separation():
    X, y, logits = tiny_boundary_rows()
    assert one_shot(X, y, fit_intercept=False).kind == "quasi-complete"
    assert check_separation(X, y, fit_intercept=False, logits=logits).kind == "quasi-complete"
    with pytest.raises(SeparationError):
        LogisticRegression(fit_intercept=False).fit(X, y)


def test_rows_added_for_free_directions_cost_no_copy(program_sizes, traced_peak):
    # 38 dummy columns, each 1 on about 100 rows, and the fit's boundary rows have none:
    # the first program leaves all 38 directions free, and the rows reaching into them
    # are found by one pass over X per direction, not by an n x 38 array.
    rng = np.random.default_rng(0)
    n, levels = 40_000, 38
    continuous = rng.standard_normal((n, 2))
    level = rng.integers(0, 400, n)
    dummies = (level[:, None] == np.arange(levels)).astype(float)
    X = np.column_stack((continuous, dummies))
    z = continuous @ [1.0, -1.0] + dummies @ rng.uniform(2, 4, levels)
    y = (z + rng.logistic(size=n) > 0).astype(float)
    logits = z + 50 * dummies.any(axis=1)
    certificate, peak = traced_peak(lambda: check_separation(X, y, logits=logits))
    assert certificate.kind == "overlap"
    assert len(program_sizes) > 1
    assert peak < 0.25 * X.nbytes


def test_zero_weights_cost_no_copy(traced_peak):
    X, y = make_logistic(50_000, coef=np.full(40, 1.5), random_state=5)
    logits = design(X) @ np.r_[0.5, np.full(40, 1.5)]
    weights = np.r_[0.0, np.ones(X.shape[0] - 1)]
    certificate, peak = traced_peak(lambda: check_separation(X, y, weights, logits=logits))
    assert certificate.kind == "overlap"
    assert peak < 0.25 * X.nbytes


def test_logits_of_the_wrong_shape_are_refused():
    X, y = make_logistic(50, random_state=0)
    with pytest.raises(InvalidInputError, match=r"logits has shape \(49,\)"):
        check_separation(X, y, logits=np.zeros(49))
    with pytest.raises(InvalidInputError, match=r"shape \(50, 3\)"):
        check_multinomial_separation(X, np.arange(50) % 3, 3, logits=np.zeros((50, 2)))


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(30, 400),
    margin=st.floats(0.01, 2.0),
    quasi=st.booleans(),
    flip=st.booleans(),
    dummy=st.booleans(),
    with_logits=st.booleans(),
    intercept=st.booleans(),
    zero_weights=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
)
def test_subset_start_agrees_with_the_full_program(
    n, margin, quasi, flip, dummy, with_logits, intercept, zero_weights, seed
):
    X, y = make_separable(n, n_features=2, margin=margin, random_state=seed, quasi=quasi)
    rng = np.random.default_rng(seed)
    if flip:
        # One mislabelled observation: usually the classes then overlap, sometimes not.
        y = y.copy()
        y[-1] = 1.0 - y[-1]
    if dummy:
        # A column that is nonzero on one row only: a start that misses it sees zeros.
        extra = np.zeros(n)
        extra[rng.integers(n)] = 1.0
        X = np.column_stack((X, extra))
    logits = rng.standard_normal(n) if with_logits else None
    # Zero weights drop a tenth of the rows, which may be the ones that decide.
    weights = (rng.random(n) > 0.1).astype(float) if zero_weights else None
    kwargs = {"fit_intercept": intercept}
    started_small = check_separation(X, y, weights, max_rows=8, logits=logits, **kwargs)
    full = one_shot(X, y, sample_weight=weights, **kwargs)
    assert started_small.kind == full.kind
    if full.separated:
        # A quasi-complete direction is not unique (nor its boundary): check the one found.
        kept = slice(None) if weights is None else weights > 0
        columns = design(X) if intercept else X
        margins = ((2 * y - 1) * (columns @ started_small.direction))[kept]
        assert margins.min() >= -1e-9 and margins.max() > 1e-9


def multinomial_one_shot(X, codes, n_classes, **kwargs):
    pairs = X.shape[0] * (n_classes - 1)
    return check_multinomial_separation(X, codes, n_classes, max_rows=pairs, **kwargs)


def test_multinomial_pairs_are_numbered_observation_by_observation():
    X = np.array([[1.0], [2.0], [3.0]])
    codes = np.array([2, 0, 1])
    pairs = diagnostics._PairMargins(X, codes, 3, np.ones(3, dtype=bool), True)
    np.testing.assert_array_equal(pairs.observation, [0, 0, 1, 1, 2, 2])
    np.testing.assert_array_equal(pairs.own, [2, 2, 0, 0, 1, 1])
    np.testing.assert_array_equal(pairs.other, [0, 1, 1, 2, 0, 2])
    # Pair (observation 0, class 1): +x in class 2's block, -x in class 1's (class 0 dropped).
    np.testing.assert_array_equal(pairs.rows(np.array([1])), [[-1.0, -1 / 3, 1.0, 1 / 3]])


def test_multinomial_quasi_separation_missed_by_the_first_pairs_is_still_found():
    # A dummy column that is 1 only on a few rows of class 2: classes 0 and 1 overlap and
    # the logits put the dummy rows far from every boundary.
    rng = np.random.default_rng(0)
    n = 300
    codes = np.arange(n) % 3
    X = np.column_stack((rng.standard_normal(n), np.zeros(n)))
    X[np.flatnonzero(codes == 2)[:3], 1] = 1.0
    logits = rng.standard_normal((n, 3)) * 0.1
    logits[X[:, 1] == 1, 2] = 40.0
    full = multinomial_one_shot(X, codes, 3)
    assert full.kind == "quasi-complete"
    started_small = check_multinomial_separation(X, codes, 3, max_rows=6, logits=logits)
    assert started_small.kind == "quasi-complete"
    assert started_small.margins.min() >= -1e-9


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(12, 150),
    spread=st.floats(0.0, 6.0),
    with_logits=st.booleans(),
    intercept=st.booleans(),
    dummy=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
)
def test_multinomial_subset_start_agrees_with_the_full_program(
    n, spread, with_logits, intercept, dummy, seed
):
    # Three classes around centres `spread` apart: overlapping when close, separated when
    # far; the pair rows start from a few and grow as in the binary test.
    rng = np.random.default_rng(seed)
    codes = np.arange(n) % 3
    centres = spread * np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    X = centres[codes] + rng.standard_normal((n, 2))
    if dummy:
        extra = np.zeros(n)
        extra[rng.integers(n)] = 1.0
        X = np.column_stack((X, extra))
    logits = rng.standard_normal((n, 3)) if with_logits else None
    kwargs = {"fit_intercept": intercept}
    started_small = check_multinomial_separation(X, codes, 3, max_rows=6, logits=logits, **kwargs)
    full = multinomial_one_shot(X, codes, 3, **kwargs)
    assert started_small.kind == full.kind
    if full.separated:
        # A quasi-complete direction is not unique (nor its boundary): check the one found.
        assert started_small.margins.min() >= -1e-9
        assert (started_small.margins > 1e-9).any()
        np.testing.assert_allclose(started_small.margins[started_small.boundary], 0, atol=1e-7)
