"""Edge cases of the public link functions: out-of-range input and extreme logits."""

import warnings

import numpy as np
import pytest

from logreg_nn import InvalidInputError, link
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


@pytest.mark.parametrize("n_classes", range(1, 10))
def test_row_reductions_across_classes_equal_numpys_bit_for_bit(n_classes):
    # log_softmax combines columns instead of reducing rows for speed; the numbers must not
    # change: the same sums (same order of addition), maxima and NaN.
    rng = np.random.default_rng(n_classes)
    Z = rng.standard_normal((500, n_classes)) * rng.choice([1e-3, 1.0, 1e3], size=(500, 1))
    Z[0, 0] = np.nan
    Z[1] = -np.inf
    with np.errstate(over="ignore"):
        E = np.exp(Z)
    np.testing.assert_array_equal(
        link._across_classes(np.add, E), np.add.reduce(E, axis=1, keepdims=True)
    )
    np.testing.assert_array_equal(
        link._across_classes(np.maximum, Z), np.maximum.reduce(Z, axis=1, keepdims=True)
    )
    with np.errstate(invalid="ignore", over="ignore"):
        shifted = Z - Z.max(axis=1, keepdims=True)
        expected = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    np.testing.assert_array_equal(link.log_softmax(Z), expected)
