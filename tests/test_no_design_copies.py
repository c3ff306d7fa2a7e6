"""Paths outside the main fit that once made an n x p temporary: none is made now.

``tracemalloc`` sees numpy's data buffers, so the peak of a call measures every temporary
array; ``X`` exists before tracing starts. Each result is also checked against the plain
formula, so the copy-free form computes the same thing.
"""

import numpy as np
import pytest

from logreg_nn.objective import GRAM_CHUNK_ROWS, Objective
from logreg_nn.optim import get_optimizer


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(0)
    # More rows than one block of the Gram loop, so the blocks are summed.
    n = 12 * GRAM_CHUNK_ROWS + 17
    X = rng.standard_normal((n, 30)) * rng.uniform(0.1, 10, 30)
    y = (rng.random(n) < 0.5).astype(float)
    return X, y


@pytest.mark.parametrize("fit_intercept", [True, False])
def test_signed_weighted_gram_matches_the_formula_without_a_copy(data, fit_intercept, traced_peak):
    # Signed weights come from a non-convex loss's second derivative.
    X, y = data
    weights = np.random.default_rng(1).standard_normal(X.shape[0])
    objective = Objective("squared_error", X, y, fit_intercept=fit_intercept)
    gram, peak = traced_peak(lambda: objective.weighted_gram(weights))
    design = np.column_stack((np.ones(X.shape[0]), X)) if fit_intercept else X
    expected = design.T @ (design * weights[:, None])
    scale = np.sqrt(np.outer(np.abs(np.diag(design.T @ design)), np.diag(design.T @ design)))
    assert np.abs(gram - expected).max() <= 1e-12 * scale.max()
    assert peak < 0.25 * X.nbytes


def test_minibatch_step_size_needs_no_squared_copy_of_X(data, traced_peak):
    X, y = data
    weights = np.random.default_rng(2).uniform(0.5, 2.0, X.shape[0])
    objective = Objective("cross_entropy", X, y, weights)
    sgd = get_optimizer("sgd")
    rate, peak = traced_peak(lambda: sgd.default_learning_rate(objective, batch_size=32))
    row_norms = (X**2).sum(axis=1) + 1.0
    expected = 1.0 / (X.shape[0] * 0.25 * (weights * row_norms).max())
    assert rate == pytest.approx(expected, rel=1e-12)
    assert peak < 0.25 * X.nbytes


def test_non_positive_weights_take_the_symmetric_path(data):
    # The off-diagonal blocks of a softmax Hessian: -w p_k p_m <= 0 for every row.
    X, y = data
    weights = -np.random.default_rng(3).uniform(0.0, 1.0, X.shape[0])
    objective = Objective("cross_entropy", X, y)
    expected = objective._signed_weighted_gram(weights)
    gram = objective.weighted_gram(weights)
    scale = np.sqrt(np.outer(np.abs(np.diag(gram)), np.abs(np.diag(gram))))
    assert np.abs(gram - expected).max() <= 1e-12 * scale.max()
    single = objective.weighted_gram(weights, np.float32)
    assert single.dtype == np.float64
    assert np.abs(single - expected).max() <= 1e-5 * scale.max()
