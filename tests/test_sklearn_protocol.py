"""Both estimators follow scikit-learn's estimator protocol without depending on it.

scikit-learn's own conformance suite (``parametrize_with_checks``) runs on three instances:

* ``LogisticRegression(l2=1.0)``: the penalised fit, whose optimum exists on any data, so
  that every check exercises the protocol rather than the separation test;
* ``LogisticRegression()``: the maximum-likelihood fit, which *correctly* refuses many of
  the checks' data sets because they are linearly separable (no MLE exists);
* ``SingleNeuronNetwork(optimizer="newton", max_epochs=50)``: the network, which keeps
  training on separated data (with a ``SeparationWarning``), kept short for runtime.

Every check expected to fail is listed in :func:`expected_failed_checks` with its reason;
the expectation is strict, so a listed check that starts passing fails the suite.
Skipped by scikit-learn itself (not by us): ``check_array_api_input``, which runs only when
the environment variable ``SCIPY_ARRAY_API`` is set; the estimators are numpy-only.
"""

from __future__ import annotations

import re
import sys
import warnings

import numpy as np
import pytest

sklearn = pytest.importorskip("sklearn")
pd = pytest.importorskip("pandas")

from sklearn.base import clone, is_classifier  # noqa: E402
from sklearn.model_selection import GridSearchCV, cross_val_score  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from sklearn.utils import get_tags  # noqa: E402
from sklearn.utils.estimator_checks import parametrize_with_checks  # noqa: E402

from logreg_nn import (  # noqa: E402
    ConvergenceWarning,
    LogisticRegression,
    NotFittedError,
    SingleNeuronNetwork,
)
from logreg_nn.datasets import make_logistic  # noqa: E402
from logreg_nn.exceptions import InvalidInputError  # noqa: E402
from logreg_nn.optim import Nesterov  # noqa: E402

# Checks that fail for reasons shared by every instance: deliberate design choices.
COMMON_EXPECTED_FAILURES = {
    "check_supervised_y_2d": (
        "a column-vector y of shape (n, 1) is accepted and flattened silently; scikit-learn "
        "wants its own DataConversionWarning class, which the package cannot raise without "
        "depending on scikit-learn"
    ),
    "check_dtype_object": (
        "non-numeric entries in an object X raise InvalidInputError, a ValueError like every "
        "error of the package; the check wants a TypeError"
    ),
    "check_sample_weight_equivalence_on_dense_data": (
        "the check fits 30 features on 27 positively weighted samples; the package refuses "
        "fits with fewer weighted observations than parameters (not identifiable) instead of "
        "returning one of infinitely many solutions"
    ),
}

# The default LogisticRegression raises SeparationError (no maximum-likelihood estimate
# exists) on the linearly separable blobs these checks fit; that is the correct answer.
SEPARATION_REASON = (
    "the check fits linearly separable data, on which the maximum-likelihood estimate does "
    "not exist: LogisticRegression() correctly raises SeparationError (LogisticRegression(l2=1.0) "
    "passes this check)"
)
SEPARATED_DATA_CHECKS = (
    "check_classifiers_classes",
    "check_dict_unchanged",
    "check_dont_overwrite_parameters",
    "check_estimators_fit_returns_self",
    "check_estimators_overwrite_params",
    "check_estimators_pickle",
    "check_f_contiguous_array_estimator",
    "check_fit2d_1feature",
    "check_fit2d_predict1d",
    "check_methods_sample_order_invariance",
    "check_methods_subset_invariance",
    "check_non_transformer_estimators_n_iter",
    "check_pipeline_consistency",
    "check_positive_only_tag_during_fit",
    "check_readonly_memmap_input",
    "check_sample_weights_not_overwritten",
    "check_sample_weights_shape",
)


def expected_failed_checks(estimator) -> dict[str, str]:
    """Checks that fail for ``estimator``, mapped to the reason."""
    expected = dict(COMMON_EXPECTED_FAILURES)
    if isinstance(estimator, LogisticRegression) and estimator.l2 == 0:
        expected.update(dict.fromkeys(SEPARATED_DATA_CHECKS, SEPARATION_REASON))
    return expected


CHECKED_ESTIMATORS = [
    LogisticRegression(l2=1.0),
    LogisticRegression(),
    SingleNeuronNetwork(optimizer="newton", max_epochs=50),
]


# Not inheriting from sklearn.base.BaseEstimator is the point (no runtime dependency), so
# scikit-learn's warning about it at collection time says nothing new.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*does not inherit from `sklearn.base")
    sklearn_checks = parametrize_with_checks(
        CHECKED_ESTIMATORS, expected_failed_checks=expected_failed_checks, xfail_strict=True
    )


@pytest.mark.filterwarnings("ignore::UserWarning")
@sklearn_checks
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


ESTIMATORS = [LogisticRegression(), SingleNeuronNetwork(optimizer="newton", max_epochs=200)]


@pytest.fixture(scope="module")
def data():
    return make_logistic(300, coef=[1.0, -0.5, 0.25], intercept=0.3, random_state=3)


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=type)
def test_clone_keeps_parameters_and_drops_fit(estimator, data):
    X, y = data
    fitted = clone(estimator).fit(X, y)
    copy = clone(fitted)
    assert copy.get_params() == fitted.get_params()
    assert not hasattr(copy, "coef_")


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=type)
def test_pipeline_and_cross_validation(estimator, data):
    X, y = data
    pipeline = make_pipeline(StandardScaler(), clone(estimator))
    scores = cross_val_score(pipeline, X, y, cv=3)
    assert scores.shape == (3,)
    assert np.all((scores > 0.5) & (scores <= 1.0))


def test_grid_search_over_both_estimators_parameters(data):
    X, y = data
    search = GridSearchCV(LogisticRegression(), {"l2": [0.0, 1.0, 100.0]}, cv=3).fit(X, y)
    assert search.best_params_["l2"] in (0.0, 1.0, 100.0)
    assert isinstance(search.best_estimator_, LogisticRegression)

    grid = {"optimizer": ["newton", "nesterov"], "l2": [0.0, 10.0]}
    net_search = GridSearchCV(SingleNeuronNetwork(max_epochs=2000, random_state=0), grid, cv=3)
    net_search.fit(X, y)
    assert set(net_search.cv_results_["params"][0]) == {"optimizer", "l2"}
    assert len(net_search.cv_results_["mean_test_score"]) == 4


def test_estimators_are_binary_classifiers_by_tags():
    for estimator in ESTIMATORS:
        assert is_classifier(estimator)
        tags = get_tags(estimator)
        assert tags.estimator_type == "classifier"
        assert tags.classifier_tags.multi_class is False
        assert tags.input_tags.sparse is False


def test_init_does_no_work_and_validates_at_fit(data):
    X, y = data
    # Invalid values are stored as given (scikit-learn's clone relies on it) ...
    model = LogisticRegression(l2=-1.0, max_iter=0)
    assert model.get_params() == {
        "l2": -1.0,
        "fit_intercept": True,
        "tol": 1e-10,
        "max_iter": 0,
        "verbose": 0,
    }
    # ... and rejected by fit, with the parameter named.
    with pytest.raises(InvalidInputError, match="l2"):
        model.fit(X, y)


def test_get_params_deep_and_set_params_nested():
    optimizer = Nesterov()
    net = SingleNeuronNetwork(optimizer=optimizer)
    shallow = net.get_params(deep=False)
    assert shallow["optimizer"] is optimizer
    # The optimizer has no get_params, so deep=True adds nothing.
    assert net.get_params(deep=True) == shallow

    class Configurable:
        def __init__(self, gamma=1.0):
            self.gamma = gamma

        def get_params(self, deep=True):
            return {"gamma": self.gamma}

        def set_params(self, **params):
            self.__dict__.update(params)
            return self

    net.set_params(loss=Configurable(2.0))
    assert net.get_params()["loss__gamma"] == 2.0
    net.set_params(loss__gamma=3.0)
    assert net.loss.gamma == 3.0
    with pytest.raises(ValueError, match="Invalid parameter 'learning_rat'"):
        net.set_params(learning_rat=0.1)


def test_fitted_attributes_without_dataframe(data):
    X, y = data
    model = LogisticRegression().fit(X, y)
    assert model.n_features_in_ == 3
    assert list(model.classes_) == [0, 1]
    assert not hasattr(model, "feature_names_in_")


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=type)
def test_feature_names_follow_scikit_learn(estimator, data):
    X, y = data
    frame = pd.DataFrame(X, columns=["age", "dose", "weight"])
    model = clone(estimator).fit(frame, y)
    np.testing.assert_array_equal(model.feature_names_in_, ["age", "dose", "weight"])

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        model.predict(frame)  # same columns: silent

    with pytest.raises(InvalidInputError, match="feature names should match"):
        model.predict(frame[["dose", "age", "weight"]])
    with pytest.warns(UserWarning, match="does not have valid feature names"):
        model.predict(X)

    # Refitting on an array forgets the names, and a frame then warns.
    model.fit(X, y)
    assert not hasattr(model, "feature_names_in_")
    with pytest.warns(UserWarning, match="X has feature names"):
        model.predict(frame)


@pytest.mark.parametrize("estimator", ESTIMATORS, ids=type)
def test_wrong_number_of_features_uses_scikit_learn_wording(estimator, data):
    X, y = data
    model = clone(estimator).fit(X, y)
    with pytest.raises(InvalidInputError, match=r"X has 2 features, but .* is expecting 3"):
        model.predict_proba(X[:, :2])


def test_not_fitted_error_is_also_scikit_learns():
    from sklearn.exceptions import NotFittedError as SklearnNotFittedError

    assert "sklearn.exceptions" in sys.modules
    model = SingleNeuronNetwork()
    with pytest.raises(NotFittedError) as info:
        model.predict(np.zeros((1, 2)))
    assert isinstance(info.value, SklearnNotFittedError)
    assert isinstance(info.value, ValueError)


# -- verbose: scikit-learn's ``verbose``, statsmodels' ``disp`` --------------------------------
@pytest.mark.parametrize("estimator", ESTIMATORS, ids=type)
def test_silent_by_default(estimator, data, capsys):
    clone(estimator).fit(*data)
    assert capsys.readouterr().out == ""


def test_logistic_regression_prints_each_newton_iteration(data, capsys):
    model = LogisticRegression(verbose=1).fit(*data)
    lines = capsys.readouterr().out.splitlines()
    iterations = [line for line in lines if line.startswith("Newton iteration")]
    assert len(iterations) == model.n_iter_
    objectives = [float(re.search(r"objective (\S+)", line).group(1)) for line in iterations]
    assert np.all(np.diff(objectives) <= 0)
    assert objectives[-1] == pytest.approx(-model.llf_, rel=1e-9)
    assert all("max|gradient|" in line and "decrement" in line for line in iterations)
    assert lines[-1] == (
        f"LogisticRegression: converged after {model.n_iter_} Newton iterations; "
        f"objective {-model.llf_:.10g}"
    )


@pytest.mark.parametrize(("verbose", "every"), [(1, 2), (4, 4)])
def test_network_prints_every_k_epochs(data, capsys, verbose, every):
    net = SingleNeuronNetwork(optimizer="gd", max_epochs=20, verbose=verbose)
    with pytest.warns(ConvergenceWarning):
        net.fit(*data)
    lines = capsys.readouterr().out.splitlines()
    epochs = [int(re.match(r"epoch +(\d+):", line).group(1)) for line in lines[:-1]]
    assert epochs == list(range(0, 21, every))
    losses = [float(re.search(r"loss (\S+)", line).group(1)) for line in lines[:-1]]
    np.testing.assert_allclose(losses, net.history_.loss[::every], rtol=1e-9)
    assert lines[-1].startswith("SingleNeuronNetwork: stopped without converging after 20 epochs")


@pytest.mark.parametrize("verbose", [-1, 1.5, "yes"])
def test_invalid_verbose_is_rejected_at_fit(data, verbose):
    with pytest.raises(InvalidInputError, match="verbose"):
        LogisticRegression(verbose=verbose).fit(*data)
