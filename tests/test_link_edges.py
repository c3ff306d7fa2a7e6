"""Edge cases of the public link functions: out-of-range input and extreme logits."""

import warnings

import numpy as np
import pytest

from logreg_nn import InvalidInputError
from logreg_nn.link import log_softmax, logit


@pytest.mark.parametrize("p", [1.5, -0.1, np.nan])
def test_logit_refuses_values_that_are_not_probabilities(p):
    with pytest.raises(InvalidInputError, match="probabilities in"):
        logit(p)


def test_logit_is_infinite_at_the_boundaries():
    np.testing.assert_array_equal(logit([0.0, 1.0]), [-np.inf, np.inf])


def test_log_softmax_extreme_rows_are_warning_free():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = log_softmax([[1e308, -1e308], [np.inf, 0.0], [-np.inf, -np.inf], [0.0, -np.inf]])
    np.testing.assert_array_equal(out[0], [0.0, -np.inf])
    assert np.isnan(out[1]).all() and np.isnan(out[2]).all()
    np.testing.assert_array_equal(out[3], [0.0, -np.inf])
