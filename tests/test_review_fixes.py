"""Regression tests for the bugs found in the code review of the estimators.

Each test pins one path that used to return plausible numbers (or a bare numpy/Python
traceback) where a clear error naming the problem is due.
"""

from __future__ import annotations

import numpy as np
import pytest

from logreg_nn import MultinomialLogisticRegression, SoftmaxNetwork, certify
from logreg_nn.exceptions import InvalidInputError, NotFittedError
from logreg_nn.validation import check_finite_logits


@pytest.fixture(scope="module")
def three_classes():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(150, 2))
    logits = X @ [[0.0, 1.0, -1.0], [0.0, 0.5, 1.0]] + rng.gumbel(size=(150, 3))
    return X, np.argmax(logits, axis=1)


MULTICLASS = [
    pytest.param(MultinomialLogisticRegression, id="mnlogit"),
    pytest.param(lambda: SoftmaxNetwork(optimizer="newton", random_state=0), id="softmax"),
]


@pytest.mark.parametrize("make", MULTICLASS)
@pytest.mark.parametrize(
    ("label", "y_of", "message"),
    [
        ("mixed types", lambda y: np.where(y == 0, "a", y.astype(object)), "cannot be compared"),
        ("None", lambda y: np.where(y == 0, None, y.astype(object)), "missing values"),
        ("complex", lambda y: y + 0j, "y is complex"),
        ("continuous", lambda y: y + np.linspace(0.01, 0.5, y.size), "continuous target"),
        ("missing", lambda y: None, "requires y to be passed"),
    ],
)
def test_multiclass_labels_are_validated_like_binary_ones(
    make, three_classes, label, y_of, message
):
    X, y = three_classes
    with pytest.raises(InvalidInputError, match=message):
        make().fit(X, y_of(y))


@pytest.mark.parametrize("make", MULTICLASS)
@pytest.mark.parametrize(
    ("scale", "message"), [(1e160, "too large for float64"), (1e-170, "too small for float64")]
)
def test_multiclass_features_out_of_float64_range_are_refused(make, three_classes, scale, message):
    # Used to fail with an overflow RuntimeWarning, or a rank/divergence diagnosis that
    # blamed the data's collinearity or the learning rate instead of its scale.
    X, y = three_classes
    with pytest.raises(InvalidInputError, match=message):
        make().fit(X * scale, y)


@pytest.mark.parametrize("make", MULTICLASS)
def test_multiclass_fit_intercept_must_be_a_flag(make, three_classes):
    X, y = three_classes
    model = make()
    model.set_params(fit_intercept="no")
    with pytest.raises(InvalidInputError, match="fit_intercept must be True or False"):
        model.fit(X, y)


@pytest.mark.parametrize("make", MULTICLASS)
def test_multiclass_accepts_a_label_column(make, three_classes):
    X, y = three_classes
    np.testing.assert_allclose(make().fit(X, y[:, None]).coef_, make().fit(X, y).coef_)


@pytest.mark.parametrize("make", MULTICLASS)
def test_multiclass_score_refuses_labels_unseen_in_fit(make, three_classes):
    # Used to count every row of an unseen label as a wrong prediction: a plausible accuracy.
    X, y = three_classes
    model = make().fit(X, y)
    with pytest.raises(InvalidInputError, match="not seen in fit: 7"):
        model.score(X, np.where(y == 2, 7, y))
    with pytest.raises(InvalidInputError, match="mismatched lengths"):
        model.score(X, y[:-1])


@pytest.mark.parametrize("make", MULTICLASS)
def test_multiclass_prediction_checks_feature_names(make, three_classes):
    pd = pytest.importorskip("pandas")
    X, y = three_classes
    frame = pd.DataFrame(X, columns=["a", "b"])
    model = make().fit(frame, y)
    assert list(model.feature_names_in_) == ["a", "b"]
    with pytest.raises(InvalidInputError, match="feature names should match"):
        model.predict(frame.rename(columns={"a": "c"}))


def test_multiclass_logits_that_overflow_are_refused(three_classes):
    # A row of inf logits used to come back from log-softmax as NaN or a made-up certainty.
    X, y = three_classes
    model = MultinomialLogisticRegression().fit(X, y)
    huge = np.finfo(np.float64).max * np.sign(model.coef_[0])
    with pytest.raises(InvalidInputError, match="logit of row 1 overflows"):
        model.predict_proba(np.vstack((X[:1], huge)))
    with pytest.raises(InvalidInputError, match="logit of row 2 overflows"):
        check_finite_logits(np.array([[0.0, 1.0], [2.0, 3.0], [4.0, np.inf]]))


def test_mnlogit_inference_accessors_need_a_fit_and_match_the_binary_set(three_classes):
    X, y = three_classes
    with pytest.raises(NotFittedError):
        MultinomialLogisticRegression().bse_  # noqa: B018
    with pytest.raises(NotFittedError):
        MultinomialLogisticRegression().llf_  # noqa: B018
    model = MultinomialLogisticRegression().fit(X, y)
    assert model.deviance_ == pytest.approx(-2 * model.llf_)
    assert model.null_deviance_ == pytest.approx(-2 * model.llnull_)
    assert model.nobs_ == X.shape[0]
    assert model.df_resid_ == X.shape[0] - model.params_.size
    assert model.bse_.shape == model.params_.shape


@pytest.mark.parametrize("make", MULTICLASS)
def test_certify_refuses_multinomial_models_by_name(make, three_classes):
    X, y = three_classes
    with pytest.raises(InvalidInputError, match=r"binary estimator\), got (Multinomial|Softmax)"):
        certify(make().fit(X, y), X, y)
