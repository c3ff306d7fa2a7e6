"""Inference is refused, with the diagnosis, where no unique finite optimum exists.

A network may be trained on collinear or separated data (the docs show what it does), but
standard errors there would be NaN or meaningless; asking for them must raise the same
diagnosis LogisticRegression raises at fit time.
"""

import warnings

import numpy as np
import pytest

from logreg_nn import (
    RankDeficiencyError,
    SeparationError,
    SeparationWarning,
    SingleNeuronNetwork,
)
from logreg_nn.datasets import make_logistic, make_separable


def test_network_on_aliased_columns_refuses_inference_and_names_the_column():
    X, y = make_logistic(200, coef=[1.0, -1.0], random_state=0)
    X = np.column_stack((X, X[:, 0] + X[:, 1]))
    net = SingleNeuronNetwork(optimizer="nesterov", random_state=0).fit(X, y)
    assert net.converged_
    for access in (lambda: net.bse_, net.summary, net.cov_params, lambda: net.pvalues_):
        with pytest.raises(RankDeficiencyError) as info:
            access()
        assert info.value.aliased == ["x3"]
    # Prediction stays available: every minimiser gives the same logits.
    assert net.predict_proba(X).shape == (200, 2)


def test_network_on_separated_data_refuses_inference_with_the_certificate():
    X, y = make_separable(40, random_state=0)
    with pytest.warns(SeparationWarning):
        net = SingleNeuronNetwork(max_epochs=300, random_state=0).fit(X, y)
    with pytest.raises(SeparationError) as info:
        net.summary()
    assert info.value.kind == "complete"
    margins = (2 * y - 1) * (np.column_stack((np.ones(40), X)) @ info.value.direction)
    assert margins.min() > 0


def test_weight_decay_restores_inference_on_aliased_columns():
    X, y = make_logistic(200, coef=[1.0, -1.0], random_state=0)
    X = np.column_stack((X, X[:, 0] + X[:, 1]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        net = SingleNeuronNetwork(optimizer="nesterov", l2=1.0, random_state=0).fit(X, y)
    assert np.isfinite(net.bse_).all()


def test_a_fitted_network_keeping_its_diagnosis_pickles():
    import pickle

    X, y = make_separable(40, random_state=0)
    with pytest.warns(SeparationWarning):
        net = SingleNeuronNetwork(max_epochs=50, random_state=0).fit(X, y)
    restored = pickle.loads(pickle.dumps(net))
    with pytest.raises(SeparationError) as info:
        restored.summary()
    np.testing.assert_array_equal(info.value.direction, net._inference_error.direction)
