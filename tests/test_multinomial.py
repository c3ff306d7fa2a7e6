"""Multinomial logistic regression and the softmax network (issue 7).

The softmax network has K(p+1) weights of which (K-1)(p+1) are identifiable: the tests check
that different starts end at different weights but identical predictions, and that the
differences to the reference class are the maximum-likelihood estimates, which in turn match
statsmodels' MNLogit.
"""

import numpy as np
import pytest
import statsmodels.api as sm
from sklearn.datasets import load_iris, load_wine

from logreg_nn import (
    LogisticRegression,
    MultinomialLogisticRegression,
    SeparationError,
    SingleNeuronNetwork,
    SoftmaxNetwork,
)
from logreg_nn.link import log_softmax, softmax
from logreg_nn.objective import SoftmaxObjective


def standardise(X):
    return (X - X.mean(axis=0)) / X.std(axis=0)


@pytest.fixture(scope="module")
def anes():
    data = sm.datasets.anes96.load_pandas().data
    X = data[["logpopul", "selfLR", "age", "educ", "income"]]
    return X, data["PID"].to_numpy()


@pytest.fixture(scope="module")
def wine_two_features():
    # Alcohol and malic acid: the three cultivars overlap, so the MLE exists (the exact
    # separation test clears it); with all 13 features the wines are completely separated.
    wine = load_wine()
    return standardise(wine.data[:, :2]), wine.target


def test_log_softmax_is_stable_and_normalised():
    Z = np.array([[0.0, 1e300, -1e300], [-745.0, -746.0, -800.0], [1.0, 1.0, 1.0]])
    log_p = log_softmax(Z)
    assert np.isfinite(log_p[1]).all()
    np.testing.assert_allclose(np.exp(log_p).sum(axis=1), 1.0, rtol=1e-15)
    assert log_p[0, 1] == 0.0
    np.testing.assert_allclose(softmax(Z)[2], 1 / 3, rtol=1e-15)


@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("reference", [False, True])
@pytest.mark.parametrize("l2", [0.0, 0.7])
def test_softmax_objective_derivatives_match_finite_differences(reference, l2, fit_intercept):
    rng = np.random.default_rng(3)
    X = rng.normal(size=(40, 3))
    codes = rng.integers(0, 4, size=40)
    weights = rng.uniform(0.5, 2.0, size=40)
    f = SoftmaxObjective(
        X, codes, 4, weights, l2=l2, reference=reference, fit_intercept=fit_intercept
    )
    theta = rng.normal(scale=0.5, size=f.n_params)
    step = 1e-6
    basis = np.eye(f.n_params)
    numeric_grad = np.array(
        [(f.value(theta + step * e) - f.value(theta - step * e)) / (2 * step) for e in basis]
    )
    np.testing.assert_allclose(f.gradient(theta), numeric_grad, rtol=1e-6, atol=1e-7)
    numeric_hess = np.array(
        [(f.gradient(theta + step * e) - f.gradient(theta - step * e)) / (2 * step) for e in basis]
    )
    np.testing.assert_allclose(f.hessian(theta), numeric_hess, rtol=1e-5, atol=1e-6)


def test_mle_matches_statsmodels_mnlogit(anes):
    X, y = anes
    reference = sm.MNLogit(y, sm.add_constant(X)).fit(method="newton", disp=False, tol=1e-12)
    model = MultinomialLogisticRegression().fit(X, y)
    ours = model.params_
    theirs = reference.params.to_numpy().T
    np.testing.assert_allclose(ours, theirs, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(model.bse_, reference.bse.to_numpy().T, rtol=1e-6)
    np.testing.assert_allclose(model.llf_, reference.llf, rtol=1e-10)
    # statsmodels fits the null model iteratively; ours is the closed form (class shares).
    np.testing.assert_allclose(model.llnull_, reference.llnull, rtol=1e-8)
    np.testing.assert_allclose(model.aic_, reference.aic, rtol=1e-10)
    np.testing.assert_allclose(model.bic_, reference.bic, rtol=1e-10)
    np.testing.assert_allclose(model.prsquared_, reference.prsquared, rtol=1e-8)
    np.testing.assert_allclose(model.llr_pvalue_, reference.llr_pvalue, rtol=1e-6, atol=1e-300)
    assert model.df_model_ == reference.df_model
    assert "MNLogit" in str(model.summary())


def test_network_starts_differ_but_differences_equal_the_mle(wine_two_features):
    X, y = wine_two_features
    mle = MultinomialLogisticRegression().fit(X, y)
    weights, relative = [], []
    for seed in range(3):
        rng = np.random.default_rng(seed)
        init = rng.normal(scale=2.0, size=3 * 3)
        net = SoftmaxNetwork(optimizer="nesterov", init=init, random_state=seed).fit(X, y)
        assert net.converged_
        coef, intercept = net.relative_to_reference()
        np.testing.assert_allclose(coef, mle.coef_, rtol=0, atol=1e-6)
        np.testing.assert_allclose(intercept, mle.intercept_, rtol=0, atol=1e-6)
        np.testing.assert_allclose(net.predict_proba(X), mle.predict_proba(X), rtol=0, atol=1e-8)
        weights.append(net.coef_)
        relative.append(coef)
    spread = max(np.abs(w - weights[0]).max() for w in weights[1:])
    assert spread > 0.1, "different starts should end at different (non-identifiable) weights"


def test_two_classes_reduce_to_the_binary_models():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(150, 2))
    y = (X @ [1.0, -0.7] + rng.logistic(size=150) > 0).astype(int)
    binary = LogisticRegression().fit(X, y)
    multi = MultinomialLogisticRegression().fit(X, y)
    np.testing.assert_allclose(multi.coef_[0], binary.coef_, rtol=1e-10)
    np.testing.assert_allclose(multi.bse_[0], binary.bse_, rtol=1e-8)
    np.testing.assert_allclose(multi.llf_, binary.llf_, rtol=1e-12)
    neuron = SingleNeuronNetwork(optimizer="nesterov", random_state=0).fit(X, y)
    softmax_net = SoftmaxNetwork(optimizer="nesterov", random_state=0).fit(X, y)
    np.testing.assert_allclose(
        softmax_net.coef_[1] - softmax_net.coef_[0], neuron.coef_, rtol=0, atol=1e-7
    )


def test_separated_iris_raises_and_penalty_restores_an_optimum():
    iris = load_iris()
    with pytest.raises(SeparationError) as info:
        MultinomialLogisticRegression().fit(iris.data, iris.target)
    assert info.value.kind in {"complete", "quasi-complete"}
    model = MultinomialLogisticRegression(l2=1.0).fit(iris.data, iris.target)
    assert model.converged_


def test_labels_of_any_type_and_input_errors():
    X = np.array([[0.0], [1.0], [2.0], [0.5], [1.5], [2.5], [0.2], [1.2], [2.2]])
    y = np.array(["b", "c", "a", "c", "a", "b", "a", "b", "c"])
    model = MultinomialLogisticRegression().fit(X, y)
    assert list(model.classes_) == ["a", "b", "c"]
    assert set(model.predict(X)) <= {"a", "b", "c"}
    with pytest.raises(ValueError, match="two classes"):
        MultinomialLogisticRegression().fit(X, np.zeros(9))
    with pytest.raises(ValueError, match="cross_entropy"):
        SoftmaxNetwork(loss="hinge").fit(X, y)
