"""LogisticRegression against its peers: statsmodels, scikit-learn, and Stata's published fit.

Real data sets shipped with the peers, all with an existing maximum-likelihood estimate:
statsmodels' Spector & Mazzeo (1980) grades (32 rows), statsmodels' Fair (1978) affairs
survey with ``affairs > 0`` as outcome (6366 rows), and scikit-learn's breast cancer data
restricted to three features (mean radius, mean texture, mean smoothness). With all 30
features the breast cancer classes are linearly separable, so no estimate exists: that is
the separation test.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from logreg_nn import LogisticRegression, SeparationError

sm = pytest.importorskip("statsmodels.api")
sklearn_linear = pytest.importorskip("sklearn.linear_model")

BREAST_CANCER_FEATURES = [0, 1, 4]  # mean radius, mean texture, mean smoothness
RTOL = 1e-8


@pytest.fixture(scope="module", params=["spector", "fair", "breast_cancer_3"])
def real_data(request):
    if request.param == "breast_cancer_3":
        X, y = request.getfixturevalue("breast_cancer")
        return X[:, BREAST_CANCER_FEATURES], y
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="module")
def fits(real_data):
    X, y = real_data
    ours = LogisticRegression().fit(X, y)
    theirs = sm.Logit(y, sm.add_constant(X, prepend=True)).fit(
        method="newton", disp=0, maxiter=100, tol=1e-12
    )
    return ours, theirs


def assert_relative(actual, expected, rtol):
    actual, expected = np.asarray(actual, dtype=float), np.asarray(expected, dtype=float)
    error = np.max(np.abs(actual - expected) / np.abs(expected))
    assert error <= rtol, f"max relative difference {error:.3e} > {rtol:g}"


def test_coefficients_match_statsmodels(fits):
    ours, theirs = fits
    assert theirs.mle_retvals["converged"]
    assert ours.converged_
    assert_relative(ours.params_, theirs.params, RTOL)


def test_inference_matches_statsmodels(fits):
    ours, theirs = fits
    assert_relative(ours.bse_, theirs.bse, RTOL)
    assert_relative(ours.zvalues_, theirs.tvalues, RTOL)
    assert_relative(ours.cov_params(), theirs.cov_params(), 1e-7)
    assert_relative(ours.conf_int(), theirs.conf_int(), RTOL)
    assert_relative(ours.conf_int(alpha=0.1), theirs.conf_int(alpha=0.1), RTOL)
    # p-values live on a log scale (some are 1e-30): compare relatively where representable.
    assert_relative(ours.pvalues_, theirs.pvalues, 1e-6)


def test_likelihood_summaries_match_statsmodels(fits):
    ours, theirs = fits
    for name in ("llf", "llnull", "llr", "aic", "bic", "prsquared"):
        assert_relative(getattr(ours, f"{name}_"), getattr(theirs, name), RTOL)
    assert ours.llr_pvalue_ == pytest.approx(theirs.llr_pvalue, rel=1e-6, abs=1e-300)
    assert ours.df_model_ == theirs.df_model
    assert ours.df_resid_ == theirs.df_resid
    assert ours.nobs_ == theirs.nobs
    assert ours.deviance_ == pytest.approx(-2 * theirs.llf, rel=RTOL)


def test_predictions_match_statsmodels(fits, real_data):
    X, _ = real_data
    ours, theirs = fits
    expected = theirs.predict(sm.add_constant(X, prepend=True))
    assert np.allclose(ours.predict_proba(X)[:, 1], expected, rtol=1e-8, atol=1e-14)


def test_coefficients_match_scikit_learn_without_penalty(real_data, fits):
    X, y = real_data
    ours, _ = fits
    # scikit-learn >= 1.8 deprecates penalty=None; C=np.inf is the supported way to switch
    # the (default L2) penalty off. Any warning here would mean the comparison is not the MLE.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        theirs = sklearn_linear.LogisticRegression(
            C=np.inf, solver="newton-cholesky", tol=1e-12, max_iter=200
        ).fit(X, y)
    assert_relative(ours.coef_, theirs.coef_.ravel(), RTOL)
    assert ours.intercept_ == pytest.approx(theirs.intercept_[0], rel=RTOL)
    assert np.allclose(ours.predict_proba(X), theirs.predict_proba(X), rtol=1e-8, atol=1e-14)


def test_penalised_fit_matches_scikit_learn_ridge(spector):
    X, y = spector
    # scikit-learn minimises C * sum(loss) + ||beta||^2 / 2, i.e. l2 = 1 / C.
    theirs = sklearn_linear.LogisticRegression(
        C=0.5, solver="newton-cholesky", tol=1e-12, max_iter=200
    ).fit(X, y)
    ours = LogisticRegression(l2=2.0).fit(X, y)
    assert_relative(ours.coef_, theirs.coef_.ravel(), RTOL)
    assert ours.intercept_ == pytest.approx(theirs.intercept_[0], rel=RTOL)


def test_spector_matches_stata_published_results(spector):
    """Stata 11's logit of GRADE on GPA, TUCE, PSI, as published in statsmodels' test suite.

    ``statsmodels/discrete/tests/results/results_discrete.py``, class ``Spector``,
    attribute ``logit``; Stata's order is (GPA, TUCE, PSI, const). Stata stored the data
    as float32, so agreement with a float64 fit is ~1e-6 relative, not 1e-10.
    """
    results = pytest.importorskip("statsmodels.discrete.tests.results.results_discrete")
    stata = results.Spector.logit
    X, y = spector
    ours = LogisticRegression().fit(X, y)
    reorder = [1, 2, 3, 0]  # ours is (const, GPA, TUCE, PSI)
    assert_relative(ours.params_[reorder], stata.params, 1e-5)
    assert_relative(ours.bse_[reorder], stata.bse, 1e-5)
    assert_relative(ours.cov_params()[np.ix_(reorder, reorder)], stata.cov_params, 1e-5)
    assert_relative(ours.zvalues_[reorder], stata.z, 1e-5)
    assert_relative(ours.pvalues_[reorder], stata.pvalues, 1e-5)
    assert_relative(ours.conf_int()[reorder], stata.conf_int, 1e-5)
    for name in ("llf", "llnull", "llr", "aic", "bic", "prsquared", "llr_pvalue"):
        assert getattr(ours, f"{name}_") == pytest.approx(getattr(stata, name), rel=1e-5)
    assert np.allclose(ours.predict_proba(X)[:, 1], stata.phat, rtol=1e-5)
    assert np.allclose(ours.decision_function(X), stata.yhat, rtol=1e-5, atol=1e-6)


def test_all_breast_cancer_features_are_separated(breast_cancer):
    X, y = breast_cancer
    with pytest.raises(SeparationError, match="separated") as info:
        LogisticRegression().fit(X, y)
    error = info.value
    assert error.kind == "complete"
    direction = np.asarray(error.direction)
    assert direction.shape == (X.shape[1] + 1,)
    assert np.linalg.norm(direction) > 0
    # The certificate must really separate: s_i * (x~_i @ d) >= 0 for every observation,
    # and > 0 for all of them under complete separation.
    margins = (2 * y - 1) * (direction[0] + X @ direction[1:])
    scale = np.abs(direction[0]) + np.abs(X) @ np.abs(direction[1:])
    assert np.all(margins >= -1e-9 * scale)
    assert np.all(margins > 0)
