"""The shared objective: value, gradient and Hessian in the parameters, checked numerically.

The gradient is compared with central differences of ``value`` and the Hessian with central
differences of ``gradient``, with sample weights, an L2 penalty, and with and without an
intercept, for smooth losses of every kind (convex and not).
"""

from __future__ import annotations

import numpy as np
import pytest

from logreg_nn.losses import CrossEntropy, Exponential, Focal, LabelSmoothing, SquaredError
from logreg_nn.objective import Objective

SMOOTH_LOSSES = [CrossEntropy(), SquaredError(), Exponential(), Focal(2.0), LabelSmoothing(0.1)]


def problem(seed: int = 0, n: int = 40, p: int = 3):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p))
    y = (rng.uniform(size=n) < 0.4).astype(float)
    w = rng.uniform(0.2, 3.0, size=n)
    return X, y, w


def numeric_gradient(f, theta, h=1e-6):
    out = np.empty_like(theta)
    for j in range(theta.size):
        e = np.zeros_like(theta)
        e[j] = h
        out[j] = (f(theta + e) - f(theta - e)) / (2 * h)
    return out


def numeric_jacobian(g, theta, h=1e-6):
    return np.column_stack(
        [(g(theta + h * e) - g(theta - h * e)) / (2 * h) for e in np.eye(theta.size)]
    )


CASES = [
    pytest.param(loss, l2, intercept, id=f"{loss!r}-l2={l2}-intercept={intercept}")
    for loss in SMOOTH_LOSSES
    for l2 in (0.0, 2.5)
    for intercept in (True, False)
]


@pytest.mark.parametrize(("loss", "l2", "fit_intercept"), CASES)
def test_gradient_and_hessian_match_finite_differences(loss, l2, fit_intercept):
    X, y, w = problem()
    f = Objective(loss, X, y, w, l2=l2, fit_intercept=fit_intercept)
    rng = np.random.default_rng(1)
    for _ in range(3):
        theta = rng.normal(scale=0.7, size=f.n_params)
        grad = f.gradient(theta)
        num_grad = numeric_gradient(f.value, theta)
        assert np.allclose(grad, num_grad, rtol=1e-6, atol=1e-6 * np.abs(num_grad).max())
        hess = f.hessian(theta)
        num_hess = numeric_jacobian(f.gradient, theta)
        assert np.allclose(hess, num_hess, rtol=1e-5, atol=1e-6 * np.abs(num_hess).max())
        assert np.allclose(hess, hess.T, rtol=1e-14, atol=0)


def test_value_is_the_weighted_sum_plus_half_l2_on_slopes_only():
    X, y, w = problem(seed=2)
    theta = np.array([0.7, -0.2, 0.4, 1.1])
    z = theta[0] + X @ theta[1:]
    p = 1 / (1 + np.exp(-z))
    expected = -np.sum(w * (y * np.log(p) + (1 - y) * np.log1p(-p)))
    expected += 0.5 * 3.0 * np.sum(theta[1:] ** 2)  # the intercept 0.7 is not penalised
    f = Objective("cross_entropy", X, y, w, l2=3.0)
    assert f.value(theta) == pytest.approx(expected, rel=1e-13)
    value, gradient = f.value_and_gradient(theta)
    assert value == f.value(theta)
    assert np.array_equal(gradient, f.gradient(theta))
    # The penalty's gradient is l2 * beta on the slopes and nothing on the intercept.
    unpenalised = Objective("cross_entropy", X, y, w)
    diff = f.gradient(theta) - unpenalised.gradient(theta)
    assert np.allclose(diff, np.concatenate(([0.0], 3.0 * theta[1:])), rtol=1e-12)


def test_cross_entropy_hessian_is_the_irls_information_matrix():
    X, y, w = problem(seed=3)
    theta = np.array([-0.3, 0.5, 0.1, -0.8])
    design = np.column_stack((np.ones(len(y)), X))
    p = 1 / (1 + np.exp(-design @ theta))
    expected = design.T @ (design * (w * p * (1 - p))[:, None])
    assert np.allclose(Objective("cross_entropy", X, y, w).hessian(theta), expected, rtol=1e-12)


def test_cached_logits_follow_the_parameters():
    X, y, w = problem(seed=4)
    f = Objective("cross_entropy", X, y, w)
    fresh = Objective("cross_entropy", X, y, w)
    a, b = np.array([0.1, 0.2, 0.3, 0.4]), np.array([-1.0, 0.5, 0.0, 2.0])
    f.gradient(a)
    assert np.array_equal(f.gradient(b), fresh.gradient(b))
    theta = a.copy()
    f.value(theta)
    theta[2] = 5.0  # mutated in place: the cache must not return the old logits
    assert f.value(theta) == fresh.value(theta)


def test_subset_with_scale_is_an_unbiased_minibatch_objective():
    X, y, w = problem(seed=5, n=30)
    f = Objective("cross_entropy", X, y, w, l2=1.0)
    theta = np.array([0.2, -0.1, 0.3, 0.5])
    assert f.subset(np.arange(30)).value(theta) == pytest.approx(f.value(theta), rel=1e-14)
    # Averaging the scaled gradient over a partition into equal batches gives the full one.
    batches = np.arange(30).reshape(3, 10)
    mean = sum(f.subset(rows, scale=3.0).gradient(theta) for rows in batches) / 3
    assert np.allclose(mean, f.gradient(theta), rtol=1e-12)


def test_lipschitz_constant_bounds_the_hessian_everywhere():
    X, y, w = problem(seed=6, n=60, p=4)
    for loss in (CrossEntropy(), SquaredError(), LabelSmoothing(0.2), Focal(1.0)):
        f = Objective(loss, X, y, w, l2=0.5)
        bound = f.lipschitz_constant()
        rng = np.random.default_rng(0)
        worst = max(
            np.abs(np.linalg.eigvalsh(f.hessian(rng.normal(scale=3, size=5)))).max()
            for _ in range(20)
        )
        assert worst <= bound
    # For cross-entropy the bound is tight at theta = 0 (all curvatures 1/4), up to 2 %.
    f = Objective("cross_entropy", X, y, w)
    at_zero = np.linalg.eigvalsh(f.hessian(np.zeros(5))).max()
    assert at_zero <= f.lipschitz_constant() <= 1.03 * at_zero
    assert Objective("hinge", X, y, w).lipschitz_constant() is None


def test_without_intercept_the_parameters_are_the_slopes():
    X, y, w = problem(seed=7)
    f = Objective("cross_entropy", X, y, w, fit_intercept=False)
    theta = np.array([0.3, -0.6, 0.9])
    assert f.n_params == 3
    assert np.allclose(f.linear_predictor(theta), X @ theta)
    assert np.all(f.penalty_mask() == 1.0)
