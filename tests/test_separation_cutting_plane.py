"""The separation test started on a subset of rows (cutting planes) gives the full answer.

Large data sets start the linear program on ``max_rows`` rows and add only the rows its
direction gets wrong; these tests force that path with a tiny ``max_rows`` and compare with
the one-shot program on every row.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from logreg_nn.datasets import make_logistic, make_separable
from logreg_nn.diagnostics import check_separation


def design(X):
    return np.column_stack((np.ones(X.shape[0]), X))


@pytest.mark.parametrize("quasi", [False, True])
def test_subset_start_certifies_separation_on_every_row(quasi):
    X, y = make_separable(2000, n_features=3, random_state=4, quasi=quasi)
    full = check_separation(X, y)
    started_small = check_separation(X, y, max_rows=40)
    assert started_small.kind == full.kind == ("quasi-complete" if quasi else "complete")
    margins = (2 * y - 1) * (design(X) @ started_small.direction)
    assert margins.min() >= -1e-9
    np.testing.assert_array_equal(started_small.boundary, full.boundary)


def test_overlap_found_on_a_subset_is_final():
    X, y = make_logistic(2000, coef=[1.0, -2.0], random_state=0)
    assert check_separation(X, y, max_rows=40).kind == "overlap"


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(30, 400),
    margin=st.floats(0.01, 2.0),
    quasi=st.booleans(),
    flip=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
)
def test_subset_start_agrees_with_the_full_program(n, margin, quasi, flip, seed):
    X, y = make_separable(n, n_features=2, margin=margin, random_state=seed, quasi=quasi)
    if flip:
        # One mislabelled observation: usually the classes then overlap, sometimes not.
        y = y.copy()
        y[-1] = 1.0 - y[-1]
    assert check_separation(X, y, max_rows=8).kind == check_separation(X, y).kind
