"""Same seed, same bits: fits are reproducible exactly, and the seed really matters."""

from __future__ import annotations

import numpy as np
import pytest

from logreg_nn import LogisticRegression, SingleNeuronNetwork
from logreg_nn.datasets import make_logistic, make_separable
from logreg_nn.optim import SGD

X, Y = make_logistic(120, coef=[1.0, -0.5], intercept=0.3, random_state=21)

OPTIMIZERS = ["gd", "momentum", "nesterov", "sgd", "adam", "newton"]


def fit(optimizer: object, random_state: object, **kwargs: object) -> SingleNeuronNetwork:
    return SingleNeuronNetwork(
        optimizer=optimizer, random_state=random_state, max_epochs=60, **kwargs
    ).fit(X, Y)


def assert_bit_identical(a: SingleNeuronNetwork, b: SingleNeuronNetwork) -> None:
    assert np.array_equal(a.params_, b.params_)
    assert np.array_equal(a.history_.params, b.history_.params)
    assert np.array_equal(a.history_.loss, b.history_.loss)
    assert np.array_equal(a.history_.gradient_norm, b.history_.gradient_norm)
    assert a.n_epochs_ == b.n_epochs_


@pytest.mark.filterwarnings("ignore::logreg_nn.exceptions.ConvergenceWarning")
@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_same_seed_gives_bit_identical_training(optimizer: str) -> None:
    assert_bit_identical(fit(optimizer, 5), fit(optimizer, 5))


@pytest.mark.filterwarnings("ignore::logreg_nn.exceptions.ConvergenceWarning")
@pytest.mark.parametrize("batch_size", [1, 7, 32])
def test_sgd_with_shuffling_is_reproducible(batch_size: int) -> None:
    first = fit("sgd", 8, batch_size=batch_size)
    second = fit("sgd", 8, batch_size=batch_size)
    assert_bit_identical(first, second)
    averaged = [fit(SGD(averaging=True), 8, batch_size=batch_size) for _ in range(2)]
    assert_bit_identical(*averaged)


@pytest.mark.filterwarnings("ignore::logreg_nn.exceptions.ConvergenceWarning")
def test_generators_seeded_alike_give_identical_fits() -> None:
    first = fit("sgd", np.random.default_rng(3))
    second = fit("sgd", np.random.default_rng(3))
    assert_bit_identical(first, second)


@pytest.mark.filterwarnings("ignore::logreg_nn.exceptions.ConvergenceWarning")
def test_refitting_one_instance_repeats_itself() -> None:
    net = SingleNeuronNetwork(optimizer="sgd", random_state=4, max_epochs=30)
    first = net.fit(X, Y).history_.params.copy()
    second = net.fit(X, Y).history_.params
    assert np.array_equal(first, second)


@pytest.mark.filterwarnings("ignore::logreg_nn.exceptions.ConvergenceWarning")
def test_different_seeds_give_different_sgd_paths() -> None:
    # Same starting point, so any difference comes from the shuffling of mini-batches.
    start = [0.0, 0.0, 0.0]
    a = fit("sgd", 1, init=start)
    b = fit("sgd", 2, init=start)
    assert np.array_equal(a.history_.params[0], b.history_.params[0])
    assert not np.array_equal(a.history_.params[1], b.history_.params[1])


@pytest.mark.filterwarnings("ignore::logreg_nn.exceptions.ConvergenceWarning")
def test_different_seeds_give_different_starting_points() -> None:
    a = fit("gd", 1)
    b = fit("gd", 2)
    assert not np.array_equal(a.history_.params[0], b.history_.params[0])


def test_full_batch_training_converges_to_the_same_optimum_from_any_seed() -> None:
    fits = [SingleNeuronNetwork(optimizer="newton", random_state=seed).fit(X, Y) for seed in (1, 2)]
    np.testing.assert_allclose(fits[0].params_, fits[1].params_, rtol=0, atol=1e-10)


def test_irls_is_deterministic() -> None:
    first = LogisticRegression().fit(X, Y)
    second = LogisticRegression().fit(X, Y)
    assert np.array_equal(first.params_, second.params_)
    assert np.array_equal(first.bse_, second.bse_)
    assert first.n_iter_ == second.n_iter_


def test_data_generators_are_reproducible() -> None:
    for make in (
        lambda seed: make_logistic(50, coef=[1.0, 2.0], random_state=seed),
        lambda seed: make_separable(50, 3, random_state=seed, quasi=True),
    ):
        (X1, y1), (X2, y2), (X3, _) = make(9), make(9), make(10)
        assert np.array_equal(X1, X2) and np.array_equal(y1, y2)
        assert not np.array_equal(X1, X3)
