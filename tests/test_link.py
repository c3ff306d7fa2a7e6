"""The sigmoid and log-sigmoid: exact against 60-digit decimal references, warning-free.

The references use :mod:`decimal` (no mpmath): ``exp`` and ``ln`` of a ``Decimal`` are
correctly rounded at the context precision, so with 60 digits the reference is exact to far
below one float64 ulp.
"""

from __future__ import annotations

import math
import warnings
from decimal import Decimal, localcontext

import numpy as np
import pytest

from logreg_nn import log_sigmoid, sigmoid
from logreg_nn.link import logit

# Logits spanning underflow of exp (-745), the saturation of float64 (|z| ~ 37) and the
# region where a naive log(sigmoid(z)) loses all digits (z > 0 large).
GRID = np.concatenate(
    (
        -np.geomspace(1e-8, 740.0, 60),
        [0.0],
        np.geomspace(1e-8, 740.0, 60),
        [-36.7, -20.0, -1.5, 1.5, 20.0, 36.7],
    )
)


def decimal_sigmoid(z: float) -> float:
    with localcontext() as ctx:
        ctx.prec = 60
        return float(1 / (1 + (-Decimal(z)).exp()))


def decimal_log_sigmoid(z: float) -> float:
    with localcontext() as ctx:
        ctx.prec = 60
        t = (-Decimal(z)).exp()
        if t < Decimal("1e-25"):
            # 1 + t would round to 1 at 60 digits: use log1p(t) = t - t^2/2 + O(t^3).
            return float(-(t - t * t / 2))
        return float(-(1 + t).ln())


def ulps(actual: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """Distance in units of the last place of the expected value."""
    spacing = np.spacing(np.abs(expected))
    return np.abs(actual - expected) / np.maximum(spacing, np.finfo(float).smallest_subnormal)


def test_sigmoid_is_correctly_rounded_to_two_ulps():
    expected = np.array([decimal_sigmoid(z) for z in GRID])
    assert ulps(sigmoid(GRID), expected).max() <= 2.0


def test_log_sigmoid_is_correctly_rounded_to_two_ulps():
    expected = np.array([decimal_log_sigmoid(z) for z in GRID])
    assert ulps(log_sigmoid(GRID), expected).max() <= 2.0


@pytest.mark.parametrize("z", [1e-3, 0.5, 3.0, 17.0, 36.0, 100.0, 700.0])
def test_sigmoid_symmetry_sums_to_one_within_one_ulp(z):
    total = float(sigmoid(z) + sigmoid(-z))
    # One ulp below 1 is 2**-53, above 1 it is 2**-52.
    assert abs(total - 1.0) <= 2.0**-52


@pytest.mark.parametrize("z", [-40.0, -100.0, -700.0, -1e10, -1e300])
def test_log_sigmoid_large_negative_is_z_minus_exp_z(z):
    # log sigma(z) = z - log1p(e^z) and log1p(e^z) = e^z (1 + O(e^z)).
    assert float(log_sigmoid(z)) == z - math.exp(z)


@pytest.mark.parametrize("z", [20.0, 40.0, 200.0, 700.0])
def test_log_sigmoid_large_positive_keeps_its_digits(z):
    # log sigma(z) = -log1p(e^-z) = -e^-z (1 - e^-z/2 + ...): the naive log(sigmoid(z))
    # returns 0 here, the stable form returns the tiny negative number.
    expected = -math.exp(-z) * (1.0 - math.exp(-z) / 2.0)
    assert float(log_sigmoid(z)) == pytest.approx(expected, rel=4e-16)
    assert float(log_sigmoid(z)) < 0.0


def test_limits_are_exact_at_infinity_and_huge_logits():
    z = np.array([-np.inf, -1e300, 1e300, np.inf])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            s = sigmoid(z)
            log_s = log_sigmoid(z)
            log_one_minus_s = log_sigmoid(-z)
    assert s.tolist() == [0.0, 0.0, 1.0, 1.0]
    assert log_s.tolist() == [-np.inf, -1e300, 0.0, 0.0]
    assert log_one_minus_s.tolist() == [0.0, 0.0, -1e300, -np.inf]


def test_nan_propagates_and_shapes_are_kept():
    z = np.array([[np.nan, 0.0], [1.0, -1.0]])
    assert sigmoid(z).shape == (2, 2)
    assert np.isnan(sigmoid(z)[0, 0]) and np.isnan(log_sigmoid(z)[0, 0])
    assert sigmoid(z)[0, 1] == 0.5
    assert sigmoid(0.0).shape == ()


def test_sigmoid_is_monotone_on_the_grid():
    z = np.sort(GRID)
    assert np.all(np.diff(sigmoid(z)) >= 0)
    assert np.all(np.diff(log_sigmoid(z)) >= 0)


def test_logit_inverts_sigmoid():
    z = np.linspace(-30.0, 30.0, 121)
    # Relative accuracy degrades with p near 1 (the spacing of p, not the formula).
    assert np.allclose(logit(sigmoid(z)), z, rtol=0, atol=1e-14 * np.exp(np.abs(z)).clip(1))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert logit(np.array([0.0, 1.0])).tolist() == [-np.inf, np.inf]
