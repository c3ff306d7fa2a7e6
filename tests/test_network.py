"""The single-neuron network: with cross-entropy it reaches the MLE whatever the optimizer.

Two data sets: statsmodels' Spector data standardised (32 rows, 3 features) and a simulated
logistic sample (160 rows, 3 features). Three random starts per optimizer, drawn from
N(0, 1) -- far from the optimum on the scale of these coefficients, not the network's tiny
default initialisation. Tolerances are on the largest absolute parameter difference to
LogisticRegression's Newton/IRLS estimate.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pytest

from logreg_nn import (
    LogisticRegression,
    SeparationWarning,
    SingleNeuronNetwork,
    certify,
)
from logreg_nn.datasets import make_separable
from logreg_nn.losses import Focal, LabelSmoothing
from logreg_nn.objective import Objective
from logreg_nn.optim import SGD, RobbinsMonro

SEEDS = [0, 1, 2]
DATA = ["spector_standardised", "simulated"]


@pytest.fixture(scope="module", params=DATA)
def data(request):
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="module")
def mle(data):
    X, y = data
    return LogisticRegression().fit(X, y)


def random_start(seed: int, n_params: int) -> np.ndarray:
    return np.random.default_rng(1000 + seed).normal(0.0, 1.0, size=n_params)


def table_without_solver(model) -> list[str]:
    lines = str(model.summary()).splitlines()
    lines = [line for line in lines if not line.startswith("Solver:")]
    return [re.sub(r"Iterations:\s+\d+", "", line) for line in lines]


def max_difference(net, mle) -> float:
    return float(np.abs(net.params_ - mle.params_).max())


@pytest.mark.parametrize(
    ("optimizer", "tolerance"),
    [("gd", 1e-8), ("nesterov", 1e-8), ("newton", 1e-8), ("momentum", 1e-6), ("adam", 1e-6)],
)
@pytest.mark.parametrize("seed", SEEDS)
def test_full_batch_optimizers_reach_the_mle(data, mle, optimizer, tolerance, seed):
    X, y = data
    init = random_start(seed, X.shape[1] + 1)
    net = SingleNeuronNetwork(optimizer=optimizer, init=init, random_state=seed).fit(X, y)
    assert net.converged_
    assert max_difference(net, mle) <= tolerance
    assert certify(net, X, y).verdict == "unique global optimum"


@pytest.mark.parametrize("seed", SEEDS)
def test_sgd_with_robbins_monro_and_averaging_reaches_the_mle(data, mle, seed):
    """Mini-batch SGD: decaying steps 2 / (L (1 + t/10)) and Polyak-Ruppert averaging.

    Equal-sized mini-batches (16 of 32 rows, 32 of 160) so that each epoch's reshuffled
    batches cover the data exactly once. The tolerance is 1e-3: the averaged iterate still
    carries the early, far-away iterates, whose weight decays only like 1/t.
    """
    X, y = data
    n = len(y)
    step = 2.0 / Objective("cross_entropy", X, y).lipschitz_constant()
    net = SingleNeuronNetwork(
        optimizer=SGD(schedule=RobbinsMonro(power=1.0, offset=10), averaging=True),
        learning_rate=step,
        batch_size=16 if n == 32 else 32,
        max_epochs=3000 if n == 32 else 2000,
        init=random_start(seed, X.shape[1] + 1),
        random_state=seed,
    )
    with warnings.catch_warnings():
        # The full gradient never falls below tol=1e-10 within the epoch budget.
        warnings.simplefilter("ignore")
        net.fit(X, y)
    assert max_difference(net, mle) <= 1e-3


def test_constant_step_sgd_hovers_instead_of_converging(data, mle):
    # The counterpoint to the test above: with a constant step and no averaging the iterate
    # keeps moving at a distance set by the step size.
    X, y = data
    net = SingleNeuronNetwork(
        optimizer=SGD(schedule="constant"),
        learning_rate=0.5 / len(y),
        max_epochs=300,
        batch_size=4,
        random_state=0,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        net.fit(X, y)
    assert not net.converged_
    tail = net.history_.params[-50:]
    assert np.abs(tail - mle.params_).max(axis=1).min() > 1e-4
    assert np.abs(np.diff(tail, axis=0)).max() > 1e-4


@pytest.mark.parametrize("optimizer", ["gd", "nesterov", "newton"])
@pytest.mark.parametrize("l2", [0.5, 5.0])
def test_weight_decay_gives_penalised_irls(data, optimizer, l2):
    X, y = data
    ridge = LogisticRegression(l2=l2).fit(X, y)
    net = SingleNeuronNetwork(optimizer=optimizer, l2=l2, init=random_start(7, X.shape[1] + 1))
    net.fit(X, y)
    assert max_difference(net, ridge) <= 1e-8
    # ... and not the MLE: the penalty really acted.
    assert np.abs(ridge.coef_ - LogisticRegression().fit(X, y).coef_).max() > 1e-2


def test_weighted_training_matches_weighted_mle(data):
    X, y = data
    w = np.random.default_rng(3).uniform(0.5, 2.0, size=len(y))
    mle = LogisticRegression().fit(X, y, sample_weight=w)
    net = SingleNeuronNetwork(optimizer="nesterov", random_state=0).fit(X, y, sample_weight=w)
    assert max_difference(net, mle) <= 1e-8


def test_inference_at_the_network_optimum_equals_the_mle_inference(data, mle):
    X, y = data
    net = SingleNeuronNetwork(optimizer="nesterov", random_state=0).fit(X, y)
    assert np.allclose(net.bse_, mle.bse_, rtol=1e-7, atol=0)
    assert np.allclose(net.zvalues_, mle.zvalues_, rtol=1e-7, atol=0)
    assert np.allclose(net.pvalues_, mle.pvalues_, rtol=1e-6, atol=0)
    assert np.allclose(net.conf_int(), mle.conf_int(), rtol=1e-7, atol=1e-12)
    assert np.allclose(net.cov_params(), mle.cov_params(), rtol=1e-7, atol=1e-12)
    for name in ("llf_", "llnull_", "aic_", "bic_", "prsquared_", "deviance_", "llr_pvalue_"):
        assert getattr(net, name) == pytest.approx(getattr(mle, name), rel=1e-7)
    # The printed tables agree everywhere except the solver name and the iteration count.
    assert table_without_solver(net) == table_without_solver(mle)


@pytest.mark.parametrize(
    ("loss", "optimizer", "verdict"),
    [
        ("squared_error", "newton", "local minimum of a non-convex loss (not certified global)"),
        ("squared_error", "nesterov", "local minimum of a non-convex loss (not certified global)"),
        (Focal(2.0), "newton", "local minimum of a non-convex loss (not certified global)"),
        ("exponential", "newton", "unique global optimum"),
        (LabelSmoothing(0.1), "newton", "unique global optimum"),
    ],
    ids=["squared_error-newton", "squared_error-nesterov", "focal", "exponential", "smoothing"],
)
def test_other_smooth_losses_give_other_estimates(data, mle, loss, optimizer, verdict):
    X, y = data
    net = SingleNeuronNetwork(loss=loss, optimizer=optimizer, random_state=0).fit(X, y)
    assert net.converged_
    assert max_difference(net, mle) > 0.1
    certificate = certify(net, X, y)
    assert certificate.verdict == verdict
    # The MLE is not a stationary point of the other loss (and vice versa).
    assert certify(mle, X, y).is_unique_global_optimum
    other = Objective(loss, X, y)
    assert np.abs(other.gradient(mle.params_)).max() / len(y) > 1e-3


def test_hinge_gives_another_estimate_and_cannot_be_certified(data, mle):
    X, y = data
    net = SingleNeuronNetwork(loss="hinge", optimizer="gd", learning_rate=0.01, max_epochs=2000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # subgradient descent never meets a gradient test
        net.fit(X, y)
    assert max_difference(net, mle) > 0.1
    verdict = certify(net, X, y).verdict
    assert verdict == "non-smooth loss: optimality cannot be certified by derivatives"
    # Hinge fits carry no likelihood: inference is refused, not silently computed.
    with pytest.raises(AttributeError, match="cross-entropy"):
        _ = net.bse_


def test_squared_error_can_stop_at_different_points_from_different_starts(spector_standardised):
    # Non-convexity made visible: starts far out on the sigmoid's plateau stop elsewhere.
    X, y = spector_standardised
    estimates = []
    for scale in (0.0, 30.0):
        init = np.full(X.shape[1] + 1, scale)
        init[0] = -scale
        net = SingleNeuronNetwork(loss="squared_error", optimizer="newton", init=init)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            net.fit(X, y)
        estimates.append(net.params_)
    assert np.abs(estimates[0] - estimates[1]).max() > 1e-2


def test_history_records_the_training_path(spector_standardised):
    X, y = spector_standardised
    net = SingleNeuronNetwork(optimizer="gd", init=np.zeros(4)).fit(X, y)
    history = net.history_
    assert history.params.shape == (net.n_epochs_ + 1, 4)
    assert history.loss.shape == history.gradient_norm.shape == (net.n_epochs_ + 1,)
    assert np.array_equal(history.params[0], np.zeros(4))
    assert np.array_equal(history.params[-1], net.params_)
    f = Objective("cross_entropy", X, y)
    assert history.loss[0] == pytest.approx(len(y) * np.log(2), rel=1e-14)
    assert history.loss[5] == pytest.approx(f.value(history.params[5]), rel=1e-14)
    assert history.gradient_norm[5] == pytest.approx(np.linalg.norm(f.gradient(history.params[5])))
    # Gradient descent with step 1/L never increases a convex L-smooth objective.
    assert np.all(np.diff(history.loss) <= 1e-12 * history.loss[:-1])


def test_separated_data_warn_and_the_weights_grow():
    X, y = make_separable(40, n_features=2, random_state=0)
    net = SingleNeuronNetwork(optimizer="gd", max_epochs=500, init=np.zeros(3))
    with pytest.warns(SeparationWarning, match="separated"):
        net.fit(X, y)
    norms = np.linalg.norm(net.history_.params, axis=1)
    assert norms[-1] > norms[100] > norms[10]
    assert net.history_.loss[-1] < net.history_.loss[100] < net.history_.loss[10]


def test_same_seed_same_result_different_seed_different_path(spector_standardised):
    X, y = spector_standardised
    a = SingleNeuronNetwork(optimizer="sgd", max_epochs=20, random_state=1, batch_size=8)
    b = SingleNeuronNetwork(optimizer="sgd", max_epochs=20, random_state=1, batch_size=8)
    c = SingleNeuronNetwork(optimizer="sgd", max_epochs=20, random_state=2, batch_size=8)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for net in (a, b, c):
            net.fit(X, y)
    assert np.array_equal(a.history_.params, b.history_.params)
    assert not np.array_equal(a.history_.params, c.history_.params)
