"""Hostile inputs: every one must raise a clear error naming the argument and the problem.

Each row of ``HOSTILE`` is an action that must fail, the exception type and a phrase the
message must contain. The actions cover both estimators (fit, predict*, score), certify and
the data generators.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pytest

from logreg_nn import LogisticRegression, SingleNeuronNetwork, certify
from logreg_nn.datasets import load_challenger, make_logistic, make_separable
from logreg_nn.exceptions import InvalidInputError, NotFittedError

X, Y = make_logistic(40, coef=[1.0, -1.0], intercept=0.2, random_state=0)
FITTED = LogisticRegression().fit(X, Y)
# Slopes above 1 in absolute value, so that a row of near-maximal floats overflows the logit.
STEEP = LogisticRegression().fit(X / 10, Y)


def with_value(array: np.ndarray, index: tuple[int, ...], value: Any) -> np.ndarray:
    copy = np.array(array, dtype=np.result_type(array, np.asarray(value)))
    copy[index] = value
    return copy


def one_row_per_class() -> np.ndarray:
    weights = np.zeros(Y.size)
    weights[[int(np.argmax(Y == 0)), int(np.argmax(Y == 1))]] = 1.0
    return weights


def overflowing_row(row: int) -> np.ndarray:
    # Each term of the logit is near the largest float64, with the sign of its coefficient.
    huge = X.copy()
    huge[row] = np.sign(STEEP.coef_) * np.finfo(np.float64).max
    return huge


LR = LogisticRegression
NET = SingleNeuronNetwork

# (id, action, exception, phrase in the message)
HOSTILE: list[tuple[str, Callable[[], Any], type[Exception], str]] = [
    # -- X --------------------------------------------------------------------------
    (
        "X-nan",
        lambda: LR().fit(with_value(X, (3, 1), np.nan), Y),
        InvalidInputError,
        "X contains NaN",
    ),
    (
        "X-inf",
        lambda: NET().fit(with_value(X, (0, 0), np.inf), Y),
        InvalidInputError,
        "X contains inf",
    ),
    (
        "X-minus-inf",
        lambda: LR().fit(with_value(X, (5, 0), -np.inf), Y),
        InvalidInputError,
        "X contains inf",
    ),
    ("X-complex", lambda: LR().fit(X + 1j, Y), InvalidInputError, "X is complex"),
    (
        "X-strings",
        lambda: LR().fit(np.full((40, 2), "a"), Y),
        InvalidInputError,
        "X must be numeric",
    ),
    (
        "X-object-mixed",
        lambda: NET().fit(np.array([[1.0, "b"]] * 40, dtype=object), Y),
        InvalidInputError,
        "non-numeric",
    ),
    (
        "X-dataframe-string-column",
        lambda: LR().fit(pd.DataFrame({"a": ["u", "v"] * 20, "b": X[:, 1]}), Y),
        InvalidInputError,
        "non-numeric",
    ),
    (
        "X-datetime",
        lambda: LR().fit(np.zeros((40, 1), dtype="datetime64[D]"), Y),
        InvalidInputError,
        "X must be numeric",
    ),
    ("X-1d", lambda: LR().fit(X[:, 0], Y), InvalidInputError, "X must be 2-D"),
    ("X-3d", lambda: NET().fit(X[:, :, None], Y), InvalidInputError, "3-D array"),
    ("X-scalar", lambda: LR().fit(3.0, Y), InvalidInputError, "X must be 2-D"),
    (
        "X-ragged-list",
        lambda: LR().fit([[1.0, 2.0], [3.0]], [0, 1]),
        InvalidInputError,
        "X could not be read",
    ),
    ("X-empty-rows", lambda: LR().fit(np.empty((0, 2)), []), InvalidInputError, "X is empty"),
    ("X-empty-columns", lambda: LR().fit(np.empty((40, 0)), Y), InvalidInputError, "0 feature(s)"),
    (
        "X-1e300",
        lambda: LR().fit(with_value(X, (0, 0), 1e300), Y),
        InvalidInputError,
        "too large for float64",
    ),
    (
        "X-1e300-network",
        lambda: NET().fit(with_value(X, (0, 1), -1e300), Y),
        InvalidInputError,
        "too large for float64",
    ),
    ("X-1e-300", lambda: LR().fit(X * 1e-300, Y), InvalidInputError, "too small for float64"),
    # -- y --------------------------------------------------------------------------
    ("y-mismatched-length", lambda: LR().fit(X, Y[:-1]), InvalidInputError, "mismatched lengths"),
    (
        "y-three-classes",
        lambda: NET().fit(X, np.arange(40) % 3),
        InvalidInputError,
        "has 3 classes",
    ),
    (
        "y-continuous",
        lambda: LR().fit(X, np.linspace(0, 1, 40)),
        InvalidInputError,
        "continuous target",
    ),
    ("y-single-class", lambda: LR().fit(X, np.ones(40)), InvalidInputError, "only one class"),
    (
        "y-nan",
        lambda: LR().fit(X, with_value(Y, (2,), np.nan)),
        InvalidInputError,
        "y contains NaN",
    ),
    ("y-none-values", lambda: LR().fit(X, [None, *Y[1:]]), InvalidInputError, "missing values"),
    ("y-2d", lambda: LR().fit(X, np.column_stack([Y, Y])), InvalidInputError, "y must be 1-D"),
    ("y-None", lambda: LR().fit(X, None), InvalidInputError, "requires y to be passed"),
    ("y-complex", lambda: LR().fit(X, Y + 1j), InvalidInputError, "y is complex"),
    # -- sample_weight --------------------------------------------------------------
    (
        "weights-negative",
        lambda: LR().fit(X, Y, with_value(np.ones(40), (7,), -1.0)),
        InvalidInputError,
        "sample_weight has negative values (first at index 7)",
    ),
    (
        "weights-nan",
        lambda: NET().fit(X, Y, with_value(np.ones(40), (1,), np.nan)),
        InvalidInputError,
        "sample_weight contains NaN",
    ),
    (
        "weights-all-zero",
        lambda: LR().fit(X, Y, np.zeros(40)),
        InvalidInputError,
        "sample_weight is all zero",
    ),
    (
        "weights-zero-on-one-class",
        lambda: LR().fit(X, Y, Y.copy()),
        InvalidInputError,
        "single class once zero weights are dropped",
    ),
    (
        "weights-wrong-length",
        lambda: LR().fit(X, Y, np.ones(39)),
        InvalidInputError,
        "X and sample_weight have mismatched lengths",
    ),
    (
        "weights-huge",
        lambda: LR().fit(X, Y, np.full(40, 1e300)),
        InvalidInputError,
        "sample_weight has values too large",
    ),
    # -- identifiability ------------------------------------------------------------
    (
        "fewer-rows-than-parameters",
        lambda: LR().fit(X[:2], [0, 1]),
        InvalidInputError,
        "smaller than the number of parameters (3 = 2 features + intercept)",
    ),
    (
        "fewer-weighted-rows-than-parameters",
        lambda: NET().fit(X, Y, one_row_per_class()),
        InvalidInputError,
        "with positive weight",
    ),
    # -- hyperparameters ------------------------------------------------------------
    ("l2-negative", lambda: LR(l2=-1.0).fit(X, Y), InvalidInputError, "l2 must be a finite"),
    ("l2-string", lambda: NET(l2="strong").fit(X, Y), InvalidInputError, "l2 must be"),
    (
        "tol-zero",
        lambda: LR(tol=0.0).fit(X, Y),
        InvalidInputError,
        "tol must be a finite number > 0",
    ),
    ("tol-nan", lambda: NET(tol=np.nan).fit(X, Y), InvalidInputError, "tol must be"),
    (
        "max-iter-zero",
        lambda: LR(max_iter=0).fit(X, Y),
        InvalidInputError,
        "max_iter must be an integer >= 1",
    ),
    ("max-iter-float", lambda: LR(max_iter=10.5).fit(X, Y), InvalidInputError, "max_iter"),
    (
        "max-epochs-zero",
        lambda: NET(max_epochs=0).fit(X, Y),
        InvalidInputError,
        "max_epochs must be an integer >= 1",
    ),
    (
        "batch-size-zero",
        lambda: NET(optimizer="sgd", batch_size=0).fit(X, Y),
        InvalidInputError,
        "batch_size must be an integer >= 1",
    ),
    (
        "learning-rate-zero",
        lambda: NET(learning_rate=0.0).fit(X, Y),
        InvalidInputError,
        "learning_rate must be a finite number > 0",
    ),
    (
        "learning-rate-negative",
        lambda: NET(learning_rate=-0.1).fit(X, Y),
        InvalidInputError,
        "learning_rate must be a finite number > 0",
    ),
    (
        "learning-rate-string",
        lambda: NET(learning_rate="fast").fit(X, Y),
        InvalidInputError,
        "learning_rate must be",
    ),
    (
        "unknown-loss",
        lambda: NET(loss="mse").fit(X, Y),
        InvalidInputError,
        "valid losses are 'cross_entropy', 'squared_error'",
    ),
    (
        "unknown-optimizer",
        lambda: NET(optimizer="rmsprop").fit(X, Y),
        InvalidInputError,
        "valid optimizers are 'gd', 'momentum', 'nesterov', 'sgd', 'adam', 'newton'",
    ),
    (
        "init-nan",
        lambda: NET(init=[np.nan, 0.0, 0.0]).fit(X, Y),
        InvalidInputError,
        "init contains NaN or inf",
    ),
    (
        "init-wrong-shape",
        lambda: NET(init=[0.0, 0.0]).fit(X, Y),
        InvalidInputError,
        "init must have shape (3,)",
    ),
    (
        "init-not-numeric",
        lambda: NET(init="zeros").fit(X, Y),
        InvalidInputError,
        "init must be numeric",
    ),
    (
        "random-state-string",
        lambda: NET(random_state="seed").fit(X, Y),
        InvalidInputError,
        "random_state must be None, a non-negative integer",
    ),
    (
        "fit-intercept-string",
        lambda: LR(fit_intercept="no").fit(X, Y),
        InvalidInputError,
        "fit_intercept must be True or False",
    ),
    # -- prediction -----------------------------------------------------------------
    ("predict-before-fit", lambda: LR().predict(X), NotFittedError, "not fitted yet"),
    ("predict-proba-before-fit", lambda: NET().predict_proba(X), NotFittedError, "not fitted yet"),
    ("score-before-fit", lambda: NET().score(X, Y), NotFittedError, "not fitted yet"),
    (
        "predict-wrong-feature-count",
        lambda: FITTED.predict(X[:, :1]),
        InvalidInputError,
        "X has 1 features",
    ),
    (
        "decision-function-nan",
        lambda: FITTED.decision_function(with_value(X, (0, 0), np.nan)),
        InvalidInputError,
        "X contains NaN",
    ),
    (
        "predict-overflowing-logit",
        lambda: STEEP.predict(overflowing_row(4)),
        InvalidInputError,
        "logit of row 4 overflows",
    ),
    (
        "score-unseen-labels",
        lambda: FITTED.score(X, np.where(Y > 0, "yes", "no")),
        InvalidInputError,
        "not seen in fit",
    ),
    ("score-wrong-length", lambda: FITTED.score(X, Y[:5]), InvalidInputError, "mismatched lengths"),
    (
        "score-negative-weights",
        lambda: FITTED.score(X, Y, -np.ones(40)),
        InvalidInputError,
        "negative values",
    ),
    # -- certify --------------------------------------------------------------------
    ("certify-unfitted", lambda: certify(LR(), X, Y), NotFittedError, "needs a fitted model"),
    (
        "certify-not-an-estimator",
        lambda: certify("model", X, Y),
        InvalidInputError,
        "certify needs a fitted LogisticRegression or SingleNeuronNetwork",
    ),
    (
        "certify-wrong-feature-count",
        lambda: certify(FITTED, X[:, :1], Y),
        InvalidInputError,
        "X has 1 features",
    ),
    (
        "certify-nan",
        lambda: certify(FITTED, with_value(X, (1, 1), np.nan), Y),
        InvalidInputError,
        "X contains NaN",
    ),
    (
        "certify-other-labels",
        lambda: certify(FITTED, X, np.where(Y > 0, "b", "a")),
        InvalidInputError,
        "differ from the classes the model was fitted on",
    ),
    (
        "certify-gtol-negative",
        lambda: certify(FITTED, X, Y, gtol=-1.0),
        InvalidInputError,
        "gtol must be a finite number > 0",
    ),
    # -- data generators ------------------------------------------------------------
    (
        "make-logistic-zero-samples",
        lambda: make_logistic(0),
        InvalidInputError,
        "n_samples must be an integer >= 1",
    ),
    (
        "make-logistic-nan-coef",
        lambda: make_logistic(10, coef=[np.nan]),
        InvalidInputError,
        "coef must be a non-empty, finite 1-D sequence",
    ),
    (
        "make-logistic-string-coef",
        lambda: make_logistic(10, coef=["a"]),
        InvalidInputError,
        "coef must be",
    ),
    (
        "make-logistic-nan-intercept",
        lambda: make_logistic(10, intercept=np.nan),
        InvalidInputError,
        "intercept must be a finite number",
    ),
    (
        "make-logistic-negative-scale",
        lambda: make_logistic(10, feature_scale=-1.0),
        InvalidInputError,
        "feature_scale must be a finite number > 0",
    ),
    (
        "make-logistic-unknown-link",
        lambda: make_logistic(10, link="cauchit"),
        InvalidInputError,
        "link must be 'logit' or 'probit'",
    ),
    (
        "make-separable-three-samples",
        lambda: make_separable(3),
        InvalidInputError,
        "n_samples must be an integer >= 4",
    ),
    (
        "make-separable-zero-margin",
        lambda: make_separable(10, margin=0.0),
        InvalidInputError,
        "margin must be a finite number > 0",
    ),
    (
        "make-separable-quasi-string",
        lambda: make_separable(10, quasi="yes"),
        InvalidInputError,
        "quasi must be True or False",
    ),
    (
        "load-challenger-as-frame-string",
        lambda: load_challenger(as_frame="yes"),
        InvalidInputError,
        "as_frame must be True or False",
    ),
]


@pytest.mark.parametrize(
    ("action", "error", "phrase"),
    [pytest.param(action, error, phrase, id=name) for name, action, error, phrase in HOSTILE],
)
def test_hostile_input_is_refused_clearly(
    action: Callable[[], Any], error: type[Exception], phrase: str
) -> None:
    with pytest.raises(error, match=re.escape(phrase)):
        action()


def test_table_is_large_and_ids_unique() -> None:
    names = [row[0] for row in HOSTILE]
    assert len(names) >= 30
    assert len(set(names)) == len(names)


def test_every_error_is_a_value_error() -> None:
    # Callers catching ValueError (as with scikit-learn) must catch all of them.
    assert issubclass(InvalidInputError, ValueError)
    assert issubclass(NotFittedError, ValueError)


# -- what must be accepted -------------------------------------------------------------


@pytest.mark.parametrize(
    "convert",
    [
        pytest.param(lambda a: a.tolist(), id="lists"),
        pytest.param(lambda a: pd.DataFrame(a, columns=["age", "dose"]), id="dataframe"),
        pytest.param(lambda a: a.astype(np.float32), id="float32"),
        pytest.param(lambda a: np.asfortranarray(a), id="fortran-order"),
        pytest.param(lambda a: a[::-1][::-1], id="non-contiguous-view"),
    ],
)
def test_equivalent_containers_give_identical_fits(convert: Callable[[np.ndarray], Any]) -> None:
    X32 = X.astype(np.float32).astype(np.float64)  # exactly representable in float32 too
    reference = LogisticRegression().fit(X32, Y)
    model = LogisticRegression().fit(convert(X32), Y)
    np.testing.assert_allclose(model.params_, reference.params_, rtol=1e-12, atol=1e-12)


def test_integer_and_bool_features_are_accepted() -> None:
    ints = np.round(X * 3).astype(np.int64)
    flags = np.column_stack([X[:, 0] > 0, X[:, 1]])
    fit_int = LogisticRegression().fit(ints, Y)
    fit_float = LogisticRegression().fit(ints.astype(float), Y)
    np.testing.assert_allclose(fit_int.params_, fit_float.params_, rtol=1e-12)
    fit_bool = SingleNeuronNetwork(optimizer="newton", random_state=0).fit(flags, Y)
    assert np.isfinite(fit_bool.params_).all()


@pytest.mark.parametrize(
    "labels",
    [
        pytest.param(np.where(Y > 0, "yes", "no"), id="strings"),
        pytest.param(Y > 0, id="bools"),
        pytest.param(2 * Y - 1, id="minus-one-plus-one"),
        pytest.param(np.where(Y > 0, 7, 3), id="arbitrary-integers"),
        pytest.param(pd.Series(np.where(Y > 0, "b", "a"), dtype="category"), id="categorical"),
    ],
)
def test_any_two_labels_map_to_the_same_fit(labels: Any) -> None:
    reference = LogisticRegression().fit(X, Y)
    model = LogisticRegression().fit(X, labels)
    np.testing.assert_allclose(model.params_, reference.params_, rtol=1e-12)
    assert len(model.classes_) == 2
    assert set(model.predict(X).tolist()) <= set(np.asarray(labels).tolist())
    assert model.score(X, labels) == pytest.approx(reference.score(X, Y))


def test_dataframe_column_names_reach_the_summary() -> None:
    frame = pd.DataFrame(X, columns=["age", "dose"])
    for model in (
        LogisticRegression().fit(frame, pd.Series(Y)),
        SingleNeuronNetwork(optimizer="newton", random_state=0).fit(frame, Y),
    ):
        assert list(model.feature_names_in_) == ["age", "dose"]
        text = model.summary().as_text()
        assert "age" in text and "dose" in text
