"""Every loss: derivatives by finite differences, limits at huge logits, and its minimiser.

The derivatives are checked against central differences of the loss's own ``value``
(for the gradient) and ``gradient`` (for the Hessian), so a wrong sign, a missing factor or a
formula for the wrong loss fails. Stability is checked at ``z = +-1e300`` and ``+-inf`` with
every floating-point warning turned into an error.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from scipy.optimize import minimize_scalar

from logreg_nn import InvalidInputError
from logreg_nn.losses import (
    CrossEntropy,
    Exponential,
    Focal,
    Hinge,
    LabelSmoothing,
    Loss,
    SquaredError,
    get_loss,
)

ALL_LOSSES = [
    CrossEntropy(),
    SquaredError(),
    Hinge(),
    Exponential(),
    Focal(0.0),
    Focal(0.5),
    Focal(2.0),
    Focal(5.0),
    LabelSmoothing(0.1),
    LabelSmoothing(0.3),
]
IDS = [repr(loss) for loss in ALL_LOSSES]
Z = np.linspace(-8.0, 8.0, 161) + 0.013  # offset: no grid point at a kink or at 0
STEP = 1e-5


def central_difference(f, y, z, h=STEP):
    return (f(y, z + h) - f(y, z - h)) / (2.0 * h)


def away_from_kink(loss: Loss, y: float, z: np.ndarray) -> np.ndarray:
    if isinstance(loss, Hinge):
        return np.abs((2 * y - 1) * z - 1.0) > 10 * STEP
    return np.ones(z.shape, dtype=bool)


@pytest.mark.parametrize("loss", ALL_LOSSES, ids=IDS)
@pytest.mark.parametrize("y", [0.0, 1.0])
def test_gradient_matches_finite_differences(loss, y):
    keep = away_from_kink(loss, y, Z)
    numeric = central_difference(loss.value, y, Z[keep])
    scale = np.maximum(1.0, np.abs(numeric))
    assert np.max(np.abs(loss.gradient(y, Z[keep]) - numeric) / scale) < 1e-7


@pytest.mark.parametrize("loss", ALL_LOSSES, ids=IDS)
@pytest.mark.parametrize("y", [0.0, 1.0])
def test_hessian_matches_finite_differences(loss, y):
    keep = away_from_kink(loss, y, Z)
    numeric = central_difference(loss.gradient, y, Z[keep])
    scale = np.maximum(1.0, np.abs(numeric))
    assert np.max(np.abs(loss.hessian(y, Z[keep]) - numeric) / scale) < 1e-7


@pytest.mark.parametrize("loss", [CrossEntropy(), SquaredError(), LabelSmoothing(0.2)], ids=repr)
def test_fractional_labels_have_consistent_derivatives(loss):
    # Observed proportions as labels: the derivatives must still be those of the value.
    y = 0.3
    assert np.allclose(loss.gradient(y, Z), central_difference(loss.value, y, Z), atol=1e-8)
    assert np.allclose(loss.hessian(y, Z), central_difference(loss.gradient, y, Z), atol=1e-8)


def test_hinge_kink_uses_the_zero_subgradient_and_zero_curvature():
    loss = Hinge()
    assert float(loss.gradient(1.0, 1.0)) == 0.0
    assert float(loss.gradient(0.0, -1.0)) == 0.0
    assert float(loss.gradient(1.0, 1.0 - 1e-12)) == -1.0
    assert float(loss.gradient(0.0, -1.0 + 1e-12)) == 1.0
    assert np.all(loss.hessian([0.0, 1.0], [-1.0, 1.0]) == 0.0)


@pytest.mark.parametrize("loss", ALL_LOSSES, ids=IDS)
def test_huge_and_infinite_logits_are_warning_free_and_not_nan(loss):
    z = np.array([-np.inf, -1e300, -800.0, 800.0, 1e300, np.inf])
    for y in (0.0, 1.0):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            with np.errstate(invalid="raise", divide="raise"):
                values = loss.value(y, z)
                gradients = loss.gradient(y, z)
                hessians = loss.hessian(y, z)
        for out in (values, gradients, hessians):
            assert out.shape == z.shape
            assert not np.isnan(out).any(), (y, out)
        assert np.all(values >= 0)


def test_cross_entropy_limits():
    loss = CrossEntropy()
    z = np.array([-np.inf, -1e300, 1e300, np.inf])
    assert loss.value(1.0, z).tolist() == [np.inf, 1e300, 0.0, 0.0]
    assert loss.value(0.0, z).tolist() == [0.0, 0.0, 1e300, np.inf]
    assert loss.gradient(1.0, z).tolist() == [-1.0, -1.0, 0.0, 0.0]
    assert loss.gradient(0.0, z).tolist() == [0.0, 0.0, 1.0, 1.0]
    assert loss.hessian(1.0, z).tolist() == [0.0, 0.0, 0.0, 0.0]


def test_cross_entropy_keeps_digits_where_the_naive_formula_returns_zero():
    # -log(sigmoid(40)) computed naively is -log(1.0) = 0; the true value is e^-40.
    assert float(CrossEntropy().value(1.0, 40.0)) == pytest.approx(np.exp(-40.0), rel=1e-15)
    assert float(CrossEntropy().value(0.0, -40.0)) == pytest.approx(np.exp(-40.0), rel=1e-15)


def test_other_limits():
    z = np.array([-np.inf, -1e300, 1e300, np.inf])
    assert SquaredError().value(1.0, z).tolist() == [1.0, 1.0, 0.0, 0.0]
    assert SquaredError().gradient(1.0, z).tolist() == [0.0, 0.0, 0.0, 0.0]
    assert Hinge().value(1.0, z).tolist() == [np.inf, 1e300, 0.0, 0.0]
    assert Hinge().gradient(0.0, z).tolist() == [0.0, 0.0, 1.0, 1.0]
    assert Exponential().value(1.0, z).tolist() == [np.inf, np.inf, 0.0, 0.0]
    assert Exponential().gradient(1.0, z).tolist() == [-np.inf, -np.inf, 0.0, 0.0]
    for gamma in (0.5, 2.0):
        focal = Focal(gamma)
        assert focal.value(1.0, z).tolist() == [np.inf, 1e300, 0.0, 0.0]
        assert focal.gradient(1.0, z).tolist() == [-1.0, -1.0, 0.0, 0.0]
        assert focal.hessian(1.0, z).tolist() == [0.0, 0.0, 0.0, 0.0]
    smooth = LabelSmoothing(0.2)  # targets 0.1 and 0.9: both infinite ends cost infinity
    assert smooth.value(1.0, z).tolist() == pytest.approx([np.inf, 0.9e300, 0.1e300, np.inf])
    assert smooth.gradient(1.0, z).tolist() == pytest.approx([-0.9, -0.9, 0.1, 0.1])


@pytest.mark.parametrize("p", [0.1, 0.35, 0.8])
def test_population_minimisers(p):
    """The minimiser of E[loss] over a Bernoulli(p) label is what each docstring claims."""
    log_odds = np.log(p / (1 - p))

    def argmin(loss: Loss) -> float:
        def risk(z):
            return p * float(loss.value(1.0, z)) + (1 - p) * float(loss.value(0.0, z))

        return minimize_scalar(risk, bounds=(-20, 20), method="bounded", options={"xatol": 1e-10}).x

    assert argmin(CrossEntropy()) == pytest.approx(log_odds, abs=1e-6)
    assert argmin(SquaredError()) == pytest.approx(log_odds, abs=1e-5)  # proper scoring rule
    assert argmin(Exponential()) == pytest.approx(log_odds / 2, abs=1e-6)  # half the log-odds
    smoothed = 0.8 * p + 0.1
    assert argmin(LabelSmoothing(0.2)) == pytest.approx(np.log(smoothed / (1 - smoothed)), abs=1e-6)
    # Focal pulls towards 1/2: a strictly smaller |log-odds| than the truth.
    assert abs(argmin(Focal(2.0))) < abs(log_odds) - 0.05
    # Hinge estimates the sign of the log-odds only (the Bayes classifier at +-1).
    assert argmin(Hinge()) == pytest.approx(np.sign(log_odds), abs=1e-4)


@pytest.mark.parametrize("loss", ALL_LOSSES, ids=IDS)
def test_curvature_bound_holds(loss):
    if loss.curvature_bound is None:
        # Only the unbounded (exponential) or kinked (hinge) losses may lack a bound.
        assert isinstance(loss, Hinge | Exponential)
        return
    z = np.linspace(-40, 40, 4001)
    for y in (0.0, 1.0):
        assert np.abs(loss.hessian(y, z)).max() <= loss.curvature_bound


@pytest.mark.parametrize("loss", ALL_LOSSES, ids=IDS)
def test_declared_convexity_matches_the_second_derivative(loss):
    z = np.linspace(-15, 15, 3001)
    smallest = min(float(loss.hessian(y, z).min()) for y in (0.0, 1.0))
    if loss.convex:
        assert smallest >= 0.0
    elif isinstance(loss, Focal) and loss.gamma == 0.0:
        assert smallest >= 0.0  # gamma=0 is cross-entropy, flagged non-convex conservatively
    else:
        assert smallest < 0.0


def test_registry_and_validation():
    assert {get_loss(n).name for n in ("cross_entropy", "hinge", "focal")} == {
        "cross_entropy",
        "hinge",
        "focal",
    }
    assert get_loss("label_smoothing") == LabelSmoothing()
    focal = Focal(1.0)
    assert get_loss(focal) is focal
    with pytest.raises(InvalidInputError, match="valid losses"):
        get_loss("mse")
    with pytest.raises(InvalidInputError, match="gamma"):
        Focal(-1.0)
    with pytest.raises(InvalidInputError, match="epsilon"):
        LabelSmoothing(1.0)


def test_focal_zero_and_smoothing_zero_are_cross_entropy():
    for y in (0.0, 1.0):
        expected = CrossEntropy().value(y, Z)
        assert np.allclose(Focal(0.0).value(y, Z), expected, rtol=1e-14)
        assert np.allclose(LabelSmoothing(0.0).value(y, Z), expected, rtol=1e-14)
        assert np.allclose(Focal(0.0).hessian(y, Z), CrossEntropy().hessian(y, Z), rtol=1e-12)
