"""The conditions of the equivalence theorem are diagnosed, with evidence a user can check.

Separation is decided by an exact linear program (``check_separation``); these tests verify
its certificate independently: the returned direction must really put every observation on
its own class's side of the hyperplane.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from logreg_nn import LogisticRegression, SingleNeuronNetwork, certify
from logreg_nn.datasets import make_logistic, make_separable
from logreg_nn.diagnostics import check_separation
from logreg_nn.exceptions import (
    ConvergenceWarning,
    IllConditionedWarning,
    RankDeficiencyError,
    SeparationError,
    SeparationWarning,
)


def signed_margins(X: np.ndarray, y: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """``s_i * (x~_i @ d)`` computed from scratch, intercept first."""
    design = np.column_stack([np.ones(X.shape[0]), X])
    return (2.0 * y - 1.0) * (design @ direction)


def margin_scale(X: np.ndarray, direction: np.ndarray) -> float:
    design = np.column_stack([np.ones(X.shape[0]), X])
    return float(np.abs(design).max() * np.abs(direction).sum())


def assert_certificate_separates(
    X: np.ndarray, y: np.ndarray, error: SeparationError
) -> np.ndarray:
    """Check the certificate against the data and return the margins."""
    direction = np.asarray(error.direction)
    assert direction.shape == (X.shape[1] + 1,)
    assert np.linalg.norm(direction) == pytest.approx(1.0)
    margins = signed_margins(X, y, direction)
    scale = margin_scale(X, direction)
    assert margins.min() >= -1e-9 * scale
    if error.kind == "complete":
        assert margins.min() > 0
        assert error.boundary.size == 0
    else:
        assert error.boundary.size > 0
        np.testing.assert_allclose(margins[error.boundary], 0.0, atol=1e-9 * scale)
        off = np.setdiff1d(np.arange(X.shape[0]), error.boundary)
        assert (margins[off] > 1e-9 * scale).any()
    return margins


# -- separation -----------------------------------------------------------------------


def separation_cases() -> list[pytest.param]:
    rng = np.random.default_rng(3)
    noise = rng.normal(size=60)
    binary_y = (np.arange(60) % 2).astype(float)
    # A binary covariate equal to the label: complete separation by one variable.
    complete_binary = np.column_stack([binary_y, noise])
    # x = 1 only in class 1, x = 0 in both classes: quasi-complete (the x = 0 rows sit on
    # the hyperplane x = 0), the classic "a category with no events" case.
    quasi_x = np.where((binary_y == 1) & (np.arange(60) < 30), 1.0, 0.0)
    quasi_binary = np.column_stack([quasi_x, noise])
    return [
        pytest.param(*make_separable(60, 2, random_state=0), "complete", id="make-separable"),
        pytest.param(
            *make_separable(60, 3, random_state=1, quasi=True),
            "quasi-complete",
            id="make-separable-quasi",
        ),
        pytest.param(complete_binary, binary_y, "complete", id="binary-covariate-complete"),
        pytest.param(quasi_binary, binary_y, "quasi-complete", id="binary-covariate-quasi"),
    ]


@pytest.mark.parametrize(("X", "y", "kind"), separation_cases())
def test_separation_error_kind_and_certificate(X: np.ndarray, y: np.ndarray, kind: str) -> None:
    assert check_separation(X, y).kind == kind
    with pytest.raises(SeparationError) as info:
        LogisticRegression().fit(X, y)
    error = info.value
    assert error.kind == kind
    assert isinstance(error, ValueError)
    message = str(error)
    assert f"{kind}ly separated" in message
    assert "l2 > 0" in message and "Firth" in message
    assert_certificate_separates(X, y, error)


def test_breast_cancer_all_features_is_completely_separated() -> None:
    datasets = pytest.importorskip("sklearn.datasets")
    data = datasets.load_breast_cancer()
    X, y = data.data, data.target.astype(float)
    with pytest.raises(SeparationError) as info:
        LogisticRegression().fit(X, y)
    assert info.value.kind == "complete"
    assert_certificate_separates(X, y, info.value)


def test_separation_error_names_the_separating_dataframe_column() -> None:
    X, y = make_separable(40, 1, random_state=2)
    frame = pd.DataFrame({"dose": X[:, 0], "noise": np.random.default_rng(0).normal(size=40)})
    with pytest.raises(SeparationError) as info:
        LogisticRegression().fit(frame, y)
    assert info.value.feature_names == ["intercept", "dose", "noise"]
    assert "dose" in str(info.value)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_overlapping_data_pass(seed: int) -> None:
    X, y = make_logistic(150, coef=[1.0, -0.5], random_state=seed)
    assert check_separation(X, y).kind == "overlap"
    model = LogisticRegression().fit(X, y)
    assert model.converged_


def test_zero_weight_rows_do_not_create_or_hide_separation() -> None:
    X, y = make_separable(40, 2, random_state=4)
    # One mislabelled row makes the data overlap, unless its weight is zero.
    y_bad = y.copy()
    y_bad[0] = 1.0 - y_bad[0]
    assert check_separation(X, y_bad).kind == "overlap"
    weights = np.ones(40)
    weights[0] = 0.0
    assert check_separation(X, y_bad, weights).kind == "complete"


@pytest.mark.parametrize("quasi", [False, True], ids=["complete", "quasi"])
def test_network_warns_separation_exactly_once_per_fit(quasi: bool) -> None:
    X, y = make_separable(40, 2, random_state=5, quasi=quasi)
    net = SingleNeuronNetwork(optimizer="nesterov", max_epochs=300, random_state=0)
    for _ in range(2):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            net.fit(X, y)
        kinds = [type(w.message) for w in caught]
        assert kinds.count(SeparationWarning) == 1
        assert ConvergenceWarning not in kinds
        assert "separated" in str(next(w.message for w in caught))


def test_network_with_weight_decay_does_not_warn_on_separable_data() -> None:
    X, y = make_separable(40, 2, random_state=5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        net = SingleNeuronNetwork(optimizer="newton", l2=1.0, random_state=0).fit(X, y)
    assert net.converged_


# -- rank deficiency ------------------------------------------------------------------


def rank_cases() -> list[pytest.param]:
    X, _ = make_logistic(80, coef=[0.8, -0.6, 0.4], random_state=7)
    a, b, c = X.T
    return [
        pytest.param(np.column_stack([a, b, a]), None, ["x3"], id="duplicated-column"),
        pytest.param(
            np.column_stack([a, b, 2.0 * a - 3.0 * b]), None, ["x3"], id="linear-combination"
        ),
        pytest.param(np.column_stack([a, np.full(80, 5.0), b]), None, ["x2"], id="constant-column"),
        pytest.param(np.column_stack([a, np.zeros(80), b]), None, ["x2"], id="zero-column"),
        pytest.param(
            np.column_stack([a, b, c, a + c, b]),
            ["age", "dose", "weight", "age_plus_weight", "dose_again"],
            ["age_plus_weight", "dose_again"],
            id="dataframe-two-aliased",
        ),
        pytest.param(
            np.column_stack([a, 1.0 - a + 0.0 * b, b]),
            ["a", "one_minus_a", "b"],
            ["one_minus_a"],
            id="dataframe-combination-with-intercept",
        ),
    ]


@pytest.mark.parametrize(("X", "names", "aliased"), rank_cases())
def test_rank_deficiency_names_the_aliased_columns(
    X: np.ndarray, names: list[str] | None, aliased: list[str]
) -> None:
    _, y = make_logistic(80, coef=[0.8, -0.6, 0.4], random_state=7)
    data = X if names is None else pd.DataFrame(X, columns=names)
    with pytest.raises(RankDeficiencyError) as info:
        LogisticRegression().fit(data, y)
    assert info.value.aliased == aliased
    for name in aliased:
        assert repr(name) in str(info.value)


def test_network_on_aliased_design_is_certified_not_unique() -> None:
    # The network has no rank check: it trains along the flat valley, and certify says
    # that the optimum it reached is one of many.
    X, y = make_logistic(80, coef=[0.8, -0.6], random_state=7)
    design = np.column_stack([X, X[:, 0]])
    net = SingleNeuronNetwork(optimizer="newton", random_state=0).fit(design, y)
    assert certify(net, design, y).verdict == "global optimum, not unique (singular Hessian)"


def test_penalty_removes_the_rank_error() -> None:
    X, y = make_logistic(80, coef=[0.8, -0.6], random_state=7)
    model = LogisticRegression(l2=1.0).fit(np.column_stack([X, X[:, 0]]), y)
    # Ridge splits the duplicated coefficient equally between the two copies.
    assert model.coef_[0] == pytest.approx(model.coef_[2], rel=1e-9)


# -- non-convergence ------------------------------------------------------------------


def test_irls_iteration_limit_warns_with_count_and_gradient() -> None:
    X, y = make_logistic(200, coef=[2.0, -1.0], random_state=8)
    with pytest.warns(ConvergenceWarning) as record:
        model = LogisticRegression(max_iter=1).fit(X, y)
    assert model.converged_ is False
    assert model.n_iter_ == 1
    message = str(record[0].message)
    assert "did not converge in 1 Newton iterations" in message
    reported = float(re.search(r"largest gradient entry ([0-9.e+-]+)", message).group(1))
    assert reported > 0


def test_network_epoch_limit_warns_with_count_and_gradient_norm() -> None:
    X, y = make_logistic(200, coef=[2.0, -1.0], random_state=8)
    with pytest.warns(ConvergenceWarning) as record:
        net = SingleNeuronNetwork(max_epochs=3, random_state=0).fit(X, y)
    assert net.converged_ is False
    message = str(record[0].message)
    assert "did not converge in 3 epochs" in message
    reported = float(re.search(r"gradient norm ([0-9.e+-]+)", message).group(1))
    assert reported == pytest.approx(net.history_.gradient_norm[-1], rel=1e-3)


# -- ill-conditioning -----------------------------------------------------------------


def test_nearly_collinear_design_warns_ill_conditioned() -> None:
    rng = np.random.default_rng(0)
    x1 = rng.normal(size=200)
    y = (rng.uniform(size=200) < 1.0 / (1.0 + np.exp(-x1))).astype(float)
    # Correlation 1 - 5e-11: not aliased (residual above the 1e-5 tolerance), yet the
    # equilibrated Hessian's condition number exceeds 1e10.
    X = np.column_stack([x1, x1 + 1e-5 * rng.normal(size=200)])
    with pytest.warns(IllConditionedWarning, match="ill-conditioned"):
        LogisticRegression().fit(X, y)


def test_well_conditioned_design_is_silent() -> None:
    X, y = make_logistic(200, coef=[1.0, 1.0], random_state=9)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        LogisticRegression().fit(X, y)


# -- properties -----------------------------------------------------------------------


@settings(max_examples=25, deadline=None)
@given(
    n_samples=st.integers(8, 80),
    n_features=st.integers(1, 4),
    margin=st.floats(0.05, 2.0),
    scale=st.sampled_from([1e-3, 1.0, 1e3]),
    seed=st.integers(0, 2**32 - 1),
    quasi=st.booleans(),
)
def test_random_separable_designs_raise_with_a_true_certificate(
    n_samples: int, n_features: int, margin: float, scale: float, seed: int, quasi: bool
) -> None:
    X, y = make_separable(n_samples, n_features, margin, random_state=seed, quasi=quasi)
    X = X * scale
    with pytest.raises(SeparationError) as info:
        LogisticRegression().fit(X, y)
    assert info.value.kind == ("quasi-complete" if quasi else "complete")
    assert_certificate_separates(X, y, info.value)


@settings(max_examples=25, deadline=None)
@given(
    n_features=st.integers(1, 4),
    data=st.data(),
    seed=st.integers(0, 2**32 - 1),
    factor=st.sampled_from([1.0, -2.0, 1e3]),
)
def test_a_duplicated_column_is_named(
    n_features: int, data: st.DataObject, seed: int, factor: float
) -> None:
    X, y = make_logistic(60, coef=np.linspace(-1.0, 1.0, n_features), random_state=seed)
    source = data.draw(st.integers(0, n_features - 1), label="duplicated column")
    position = data.draw(st.integers(source + 1, n_features), label="insert at")
    design = np.insert(X, position, factor * X[:, source], axis=1)
    with pytest.raises(RankDeficiencyError) as info:
        LogisticRegression().fit(design, y)
    assert info.value.aliased == [f"x{position + 1}"]
