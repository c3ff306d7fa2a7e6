"""LogisticRegression alone: the optimum, weights, penalty, and the two failure modes."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from logreg_nn import (
    LogisticRegression,
    NotFittedError,
    RankDeficiencyError,
    SeparationError,
    certify,
)
from logreg_nn.datasets import load_challenger, make_logistic, make_separable
from logreg_nn.objective import Objective

sm = pytest.importorskip("statsmodels.api")


def test_challenger_estimates_match_the_literature_values():
    # Dalal, Fowlkes & Hoadley (1989) report the logistic fit 15.043 - 0.2322 * temperature.
    data = load_challenger()
    model = LogisticRegression().fit(data.data, data.target)
    assert model.intercept_ == pytest.approx(15.0429, abs=5e-5)
    assert model.coef_[0] == pytest.approx(-0.2322, abs=5e-5)
    assert model.converged_ and model.n_iter_ < 20


def test_fit_is_a_stationary_point_with_positive_definite_hessian(simulated):
    X, y = simulated
    model = LogisticRegression().fit(X, y)
    f = Objective("cross_entropy", X, y)
    # The stopping test is |gradient| <= tol * n in units where each column has maximum 1.
    units = np.r_[1.0, np.abs(X).max(axis=0)]
    assert np.abs(f.gradient(model.params_) / units).max() <= model.tol * len(y)
    assert np.linalg.eigvalsh(f.hessian(model.params_)).min() > 0
    assert certify(model, X, y).is_unique_global_optimum
    # Any perturbation increases the objective (a minimum, not just a stationary point).
    rng = np.random.default_rng(0)
    for _ in range(10):
        assert f.value(model.params_ + 1e-3 * rng.normal(size=4)) > f.value(model.params_)


def test_frequency_weights_equal_duplicated_rows(spector):
    X, y = spector
    counts = np.arange(len(y)) % 3 + 1
    weighted = LogisticRegression().fit(X, y, sample_weight=counts.astype(float))
    repeated = LogisticRegression().fit(np.repeat(X, counts, axis=0), np.repeat(y, counts))
    assert np.allclose(weighted.params_, repeated.params_, rtol=1e-10)
    assert np.allclose(weighted.bse_, repeated.bse_, rtol=1e-9)
    assert weighted.llf_ == pytest.approx(repeated.llf_, rel=1e-12)
    assert weighted.nobs_ == counts.sum()
    # and they differ from the unweighted fit (the weights are not ignored)
    assert not np.allclose(weighted.params_, LogisticRegression().fit(X, y).params_, rtol=1e-3)


def test_zero_weight_drops_the_row(spector):
    X, y = spector
    w = np.ones(len(y))
    w[[3, 10]] = 0.0
    dropped = LogisticRegression().fit(np.delete(X, [3, 10], axis=0), np.delete(y, [3, 10]))
    assert np.allclose(LogisticRegression().fit(X, y, w).params_, dropped.params_, rtol=1e-10)


def test_without_intercept_matches_statsmodels_without_constant(spector):
    X, y = spector
    ours = LogisticRegression(fit_intercept=False).fit(X, y)
    theirs = sm.Logit(y, X).fit(method="newton", disp=0, tol=1e-12)
    assert ours.intercept_ == 0.0
    assert np.allclose(ours.coef_, theirs.params, rtol=1e-8)
    assert np.allclose(ours.bse_, theirs.bse, rtol=1e-8)
    assert ours.llf_ == pytest.approx(theirs.llf, rel=1e-10)


def test_l2_penalty_solves_the_penalised_score_equation_and_shrinks(spector_standardised):
    X, y = spector_standardised
    mle = LogisticRegression().fit(X, y)
    previous = np.inf
    for l2 in (0.5, 2.0, 10.0):
        model = LogisticRegression(l2=l2).fit(X, y)
        gradient = Objective("cross_entropy", X, y, l2=l2).gradient(model.params_)
        assert np.abs(gradient).max() <= 1e-9
        norm = np.linalg.norm(model.coef_)
        assert norm < min(previous, np.linalg.norm(mle.coef_))
        previous = norm


@pytest.mark.parametrize("quasi", [False, True])
def test_separated_data_raise_with_a_valid_certificate(quasi):
    X, y = make_separable(60, n_features=3, random_state=4, quasi=quasi)
    with pytest.raises(SeparationError) as info:
        LogisticRegression().fit(X, y)
    error = info.value
    assert error.kind == ("quasi-complete" if quasi else "complete")
    d = error.direction
    margins = (2 * y - 1) * (d[0] + X @ d[1:])
    assert np.all(margins >= -1e-9)
    if quasi:
        assert {0, 1} <= set(np.asarray(error.boundary).tolist())
    else:
        assert np.all(margins > 0)


def test_separation_does_not_block_a_penalised_fit():
    X, y = make_separable(60, n_features=2, random_state=1)
    model = LogisticRegression(l2=1.0).fit(X, y)
    assert model.converged_ and np.all(np.isfinite(model.params_))


def test_aliased_columns_are_named():
    X, y = make_logistic(80, coef=[1.0, -1.0], random_state=2)
    X = np.column_stack((X, X[:, 0] - 2 * X[:, 1]))
    with pytest.raises(RankDeficiencyError, match="x3"):
        LogisticRegression().fit(X, y)


def test_prediction_methods_agree_with_the_parameters(simulated):
    X, y = simulated
    model = LogisticRegression().fit(X, y)
    z = model.intercept_ + X @ model.coef_
    assert np.allclose(model.decision_function(X), z, rtol=1e-14)
    proba = model.predict_proba(X)
    assert np.allclose(proba[:, 1], 1 / (1 + np.exp(-z)), rtol=1e-13)
    assert np.allclose(proba.sum(axis=1), 1.0, rtol=1e-15)
    assert np.array_equal(model.predict(X), (z > 0).astype(float))
    assert model.score(X, y) == pytest.approx(np.mean((z > 0) == y))


def test_string_labels_model_the_second_class(spector):
    X, y = spector
    labels = np.where(y == 1, "pass", "fail")  # sorted: "fail" < "pass"
    model = LogisticRegression().fit(X, labels)
    assert model.classes_.tolist() == ["fail", "pass"]
    assert np.allclose(model.params_, LogisticRegression().fit(X, y).params_, rtol=1e-12)
    assert set(model.predict(X)) <= {"fail", "pass"}


def test_not_converging_warns_and_says_so(spector):
    X, y = spector
    from logreg_nn import ConvergenceWarning

    with pytest.warns(ConvergenceWarning, match="did not converge"):
        model = LogisticRegression(max_iter=1).fit(X, y)
    assert not model.converged_


def test_unfitted_model_raises():
    with pytest.raises(NotFittedError):
        LogisticRegression().predict(np.zeros((2, 1)))


def test_newton_converges_quadratically(spector):
    X, y = spector
    mle = LogisticRegression().fit(X, y).params_
    errors = []
    for k in range(1, 6):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            errors.append(np.abs(LogisticRegression(max_iter=k).fit(X, y).params_ - mle).max())
    # Quadratic convergence: near the optimum each error is below the square of the previous.
    assert errors[-1] < errors[-2] ** 2 < errors[-3] ** 4
    assert errors[-1] < 1e-6
