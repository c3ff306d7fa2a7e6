"""Numerical robustness: extreme feature scales, a million rows, extreme imbalance, 1e300.

pytest runs with ``error::RuntimeWarning``, so any overflow or invalid operation inside the
package fails these tests.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from logreg_nn import LogisticRegression, SingleNeuronNetwork, certify
from logreg_nn.datasets import make_logistic
from logreg_nn.exceptions import InvalidInputError
from logreg_nn.link import logit

X, Y = make_logistic(300, coef=[1.0, -0.7, 0.3], intercept=-0.4, random_state=11)
REFERENCE = LogisticRegression().fit(X, Y)


@pytest.mark.parametrize("scale", [1e-8, 1e8], ids=["1e-8", "1e8"])
def test_rescaled_features_rescale_the_coefficients_inversely(scale: float) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # neither convergence nor conditioning warnings
        model = LogisticRegression().fit(X * scale, Y)
    assert model.converged_
    np.testing.assert_allclose(model.coef_ * scale, REFERENCE.coef_, rtol=1e-8)
    assert model.intercept_ == pytest.approx(REFERENCE.intercept_, rel=1e-8)
    # Standard errors are equivariant too: z statistics do not depend on units.
    np.testing.assert_allclose(model.zvalues_, REFERENCE.zvalues_, rtol=1e-6)
    assert certify(model, X * scale, Y).is_unique_global_optimum


@pytest.mark.parametrize(
    "scale",
    [
        pytest.param(1e-8, id="1e-8"),
        pytest.param(1e8, id="1e8"),
    ],
)
def test_rescaled_features_network_newton_agrees(scale: float) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        net = SingleNeuronNetwork(optimizer="newton", max_epochs=50, random_state=0).fit(
            X * scale, Y
        )
    np.testing.assert_allclose(net.coef_ * scale, REFERENCE.coef_, rtol=1e-8)
    assert certify(net, X * scale, Y).is_unique_global_optimum


def test_mixed_scales_in_one_design() -> None:
    scales = np.array([1e-8, 1.0, 1e8])
    model = LogisticRegression().fit(X * scales, Y)
    np.testing.assert_allclose(model.coef_ * scales, REFERENCE.coef_, rtol=1e-8)
    assert certify(model, X * scales, Y).is_unique_global_optimum


@pytest.mark.slow
def test_a_million_rows_one_binary_column_matches_the_closed_form() -> None:
    # With one binary covariate the MLE is closed-form: the intercept is the logit of the
    # event rate at x = 0 and the slope the log odds ratio.
    rng = np.random.default_rng(12)
    n = 1_000_000
    x = (rng.uniform(size=n) < 0.3).astype(np.float64)
    y = (rng.uniform(size=n) < np.where(x == 1.0, 0.25, 0.6)).astype(np.float64)
    rate0, rate1 = y[x == 0].mean(), y[x == 1].mean()
    model = LogisticRegression().fit(x[:, None], y)
    assert model.intercept_ == pytest.approx(float(logit(rate0)), rel=1e-9)
    assert model.coef_[0] == pytest.approx(float(logit(rate1) - logit(rate0)), rel=1e-9)
    # Standard errors from the closed-form information matrix of a 2x2 table.
    counts = [np.sum((x == v) & (y == c)) for v in (0.0, 1.0) for c in (0.0, 1.0)]
    se_slope = np.sqrt(sum(1.0 / c for c in counts))
    assert model.bse_[1] == pytest.approx(se_slope, rel=1e-7)


@pytest.mark.slow
def test_a_million_rows_one_continuous_column_network_agrees() -> None:
    X_big, y_big = make_logistic(1_000_000, coef=[0.5], intercept=-1.0, random_state=13)
    model = LogisticRegression().fit(X_big, y_big)
    net = SingleNeuronNetwork(optimizer="newton", random_state=0).fit(X_big, y_big)
    np.testing.assert_allclose(net.params_, model.params_, rtol=1e-8)
    # A million draws pin the truth down to a few standard errors.
    assert np.all(np.abs(model.params_ - [-1.0, 0.5]) < 5 * model.bse_)


def test_extreme_imbalance_without_signal_gives_logit_of_the_rate() -> None:
    # One positive in 10 000. The feature carries no signal by construction: it sums to
    # zero and the positive sits at 0, so the slope's score equation holds at slope 0 and
    # the MLE is exactly (logit(1e-4), 0).
    half = np.linspace(0.01, 3.0, 4_999)
    x = np.concatenate([half, -half, [0.0, 0.0]])
    y = np.zeros(x.size)
    y[-1] = 1.0
    assert x.size == 10_000 and y.sum() == 1
    model = LogisticRegression().fit(x[:, None], y)
    assert model.converged_
    assert model.intercept_ == pytest.approx(float(logit(1e-4)), rel=1e-10)
    assert abs(model.coef_[0]) < 1e-10
    assert model.predict_proba(x[:1, None])[0, 1] == pytest.approx(1e-4, rel=1e-8)
    net = SingleNeuronNetwork(optimizer="newton", random_state=0).fit(x[:, None], y)
    np.testing.assert_allclose(net.params_, model.params_, rtol=1e-8, atol=1e-10)
    assert certify(model, x[:, None], y).is_unique_global_optimum


def test_extreme_imbalance_with_signal_agrees_with_the_network() -> None:
    rng = np.random.default_rng(14)
    X_imb = rng.normal(size=(10_000, 2))
    y = np.zeros(10_000)
    # A handful of positives among many negatives, placed where the model says they are likely.
    y[np.argsort(X_imb[:, 0] + 0.5 * rng.normal(size=10_000))[-5:]] = 1.0
    model = LogisticRegression().fit(X_imb, y)
    net = SingleNeuronNetwork(optimizer="newton", random_state=0).fit(X_imb, y)
    np.testing.assert_allclose(net.params_, model.params_, rtol=1e-7)


@pytest.mark.parametrize("estimator", [LogisticRegression(), SingleNeuronNetwork()])
@pytest.mark.parametrize("value", [1e300, -1e300, 1e200])
def test_values_of_1e300_fail_with_a_clear_error(estimator, value: float) -> None:
    huge = X.copy()
    huge[7, 1] = value
    with pytest.raises(InvalidInputError, match="too large for float64 arithmetic"):
        estimator.fit(huge, Y)


def test_large_but_representable_features_fit() -> None:
    # 1e60 is well inside the float64 range of the Hessian: the fit succeeds and rescales.
    model = LogisticRegression().fit(X * 1e60, Y)
    np.testing.assert_allclose(model.coef_ * 1e60, REFERENCE.coef_, rtol=1e-8)
    assert np.isfinite(model.bse_).all()


def test_predicting_on_1e300_is_finite_when_the_logit_is() -> None:
    row = np.array([[1e300, 0.0, 0.0]])
    probabilities = REFERENCE.predict_proba(row)
    assert np.isfinite(probabilities).all()
    assert probabilities[0, 1] == (1.0 if REFERENCE.coef_[0] > 0 else 0.0)
