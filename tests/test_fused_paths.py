r"""The fused fast paths give the same bits as the plainly written formulas.

Cross-entropy's ``value``, ``hessian``, ``derivatives`` and ``value_and_gradient`` work a
block of entries at a time with shared exponentials, and ``Objective.value_and_gradient``
and ``Objective.gradient_and_hessian_at`` ask for two quantities at once; they exist only
for speed, so they must agree exactly with the masked
formula :math:`-y\log\sigma(z) - (1-y)\log\sigma(-z)`, with ``sigmoid(z) - y`` and with
``sigmoid(z) * sigmoid(-z)``, including at ``+-1e300``, ``+-inf``, ``nan``,
fractional labels and array lengths that are not a multiple of the block, with every
floating-point warning turned into an error.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from logreg_nn import losses
from logreg_nn.link import sigmoid
from logreg_nn.losses import CrossEntropy, Focal, Hinge, SquaredError
from logreg_nn.objective import Objective

EXTREMES = np.array([0.0, -0.0, 1e-300, -1e-300, 36.0, -36.0, 745.0, -745.0, 1e300, -1e300])


def _logits(rng, n):
    z = rng.standard_normal(n) * 30.0
    z[: EXTREMES.size] = EXTREMES
    return z


@pytest.mark.parametrize("labels", ["binary", "fractional"])
@pytest.mark.parametrize("n", [1, 7, losses.ELEMENTWISE_BLOCK + 3])
def test_cross_entropy_fused_matches_value_and_gradient_bit_for_bit(labels, n):
    rng = np.random.default_rng(n)
    z = _logits(rng, max(n, EXTREMES.size))[:n]
    y = (rng.random(n) < 0.5) * 1.0 if labels == "binary" else rng.random(n)
    loss = CrossEntropy()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values, gradient = loss.value_and_gradient(y, z)
        first, second = loss.derivatives(y, z)
        plain = loss.value(y, z)
        hessian = loss.hessian(y, z)
    reference = losses._masked_value(y, z)[0]
    np.testing.assert_array_equal(values, reference)
    np.testing.assert_array_equal(plain, reference)
    np.testing.assert_array_equal(gradient, sigmoid(z) - y)
    np.testing.assert_array_equal(first, sigmoid(z) - y)
    np.testing.assert_array_equal(second, sigmoid(z) * sigmoid(-z))
    np.testing.assert_array_equal(hessian, sigmoid(z) * sigmoid(-z))


def test_cross_entropy_fused_handles_infinite_and_nan_logits_in_any_block():
    z = np.zeros(2 * losses.ELEMENTWISE_BLOCK + 5)
    y = np.ones_like(z)
    y[1::2] = 0.0
    special = [np.inf, -np.inf, np.inf, -np.inf, np.nan]
    z[[3, 4, losses.ELEMENTWISE_BLOCK + 1, losses.ELEMENTWISE_BLOCK + 2, -1]] = special
    loss = CrossEntropy()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values, gradient = loss.value_and_gradient(y, z)
        first, second = loss.derivatives(y, z)
        hessian = loss.hessian(y, z)
    np.testing.assert_array_equal(values, losses._masked_value(y, z)[0])
    np.testing.assert_array_equal(gradient, sigmoid(z) - y)
    np.testing.assert_array_equal(first, sigmoid(z) - y)
    np.testing.assert_array_equal(second, sigmoid(z) * sigmoid(-z))
    np.testing.assert_array_equal(hessian, sigmoid(z) * sigmoid(-z))
    assert values[3] == np.inf and values[4] == np.inf  # y=0, z=+inf and y=1, z=-inf


def test_cross_entropy_fused_broadcasts_scalars_and_keeps_shape():
    loss = CrossEntropy()
    values, gradient = loss.value_and_gradient(1.0, np.array([[-2.0, 0.0], [3.0, 1e300]]))
    assert values.shape == gradient.shape == (2, 2)
    z = np.array([[-2.0, 0.0], [3.0, 1e300]])
    np.testing.assert_array_equal(values, losses._masked_value(np.ones((2, 2)), z)[0])
    value, slope = loss.value_and_gradient(0.0, 2.0)
    assert np.ndim(value) == 0 and np.ndim(loss.value(0.0, 2.0)) == 0
    assert value == losses._masked_value(np.float64(0.0), np.float64(2.0))[0]
    assert slope == sigmoid(2.0) - 0.0


@pytest.mark.parametrize("loss", [CrossEntropy(), SquaredError(), Hinge(), Focal(2.0)], ids=repr)
def test_objective_fused_calls_match_the_separate_calls(loss):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((300, 4))
    y = (rng.random(300) < 0.4) * 1.0
    weights = rng.uniform(0.5, 2.0, 300)
    objective = Objective(loss, X, y, weights, l2=0.3)
    theta = rng.standard_normal(5)
    value, gradient = objective.value_and_gradient(theta)
    assert value == objective.value(theta)
    np.testing.assert_array_equal(gradient, objective.gradient(theta))
    z = objective.linear_predictor(theta)
    fused_gradient, fused_hessian = objective.gradient_and_hessian_at(z, theta)
    np.testing.assert_array_equal(fused_gradient, objective.gradient_at(z, theta))
    np.testing.assert_array_equal(fused_hessian, objective.hessian_at(z, theta))
