r"""A neural network with no hidden layer and one sigmoid output neuron.

Its prediction is :math:`\hat y = \sigma(\beta_0 + x^\top\beta)`: the *bias* :math:`\beta_0`
and the *weights* :math:`\beta` of the neuron are the intercept and coefficients of logistic
regression. It is trained the way networks are, by a gradient-based optimizer on a chosen
loss. With the cross-entropy loss it minimises the same objective as
:class:`~logreg_nn.LogisticRegression`; with any other loss it estimates something else.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .base import BinaryLinearClassifier
from .diagnostics import (
    SeparationCertificate,
    check_separation,
    raise_if_rank_deficient,
    separation_error,
)
from .exceptions import (
    ConvergenceWarning,
    InvalidInputError,
    RankDeficiencyError,
    SeparationWarning,
    TrainingDivergedError,
)
from .logistic import _check_hyperparameters, separation_suspected
from .losses import CrossEntropy, get_loss
from .objective import Objective
from .optim import Optimizer, get_optimizer
from .validation import (
    BinaryData,
    check_binary_data,
    check_integer,
    check_random_state,
    check_real,
)

__all__ = ["SingleNeuronNetwork", "TrainingHistory"]

Array = NDArray[np.float64]

# Default mini-batch size of stochastic optimizers when batch_size is None.
DEFAULT_MINIBATCH = 32


@dataclass(frozen=True)
class TrainingHistory:
    """Per-epoch record of training, one row per evaluated point (epoch 0 is the start).

    Attributes
    ----------
    params : ndarray of shape (n_epochs + 1, n_params)
        Reported parameters at the start of each epoch and at the end, intercept first.
    loss : ndarray of shape (n_epochs + 1,)
        Full objective (weighted loss sum plus penalty) at those parameters.
    gradient_norm : ndarray of shape (n_epochs + 1,)
        Euclidean norm of the full gradient there.
    """

    params: Array
    loss: Array
    gradient_norm: Array

    @property
    def intercept(self) -> Array:
        """Intercept trajectory (the first parameter)."""
        return self.params[:, 0]

    @property
    def n_epochs(self) -> int:
        """Number of completed epochs."""
        return self.params.shape[0] - 1


class GradientTrainingMixin:
    """Training by a gradient-based optimizer, shared by the single neuron and the softmax layer.

    Reads the constructor arguments ``optimizer``, ``learning_rate``, ``max_epochs``,
    ``batch_size``, ``tol``, ``init`` and ``random_state``, runs :func:`train` on an
    objective and stores ``history_``, ``n_epochs_`` and ``converged_``.
    """

    #: How ``init`` is laid out, for the error message of a wrongly shaped one.
    _init_layout = "bias first when fit_intercept=True, then one weight per feature"

    def _initial_parameters(self, objective: Any, rng: np.random.Generator) -> Array:
        n_params = objective.n_params
        if self.init is None:
            return random_start(objective, rng)
        try:
            theta = np.array(self.init, dtype=np.float64)
        except (TypeError, ValueError):
            raise InvalidInputError(f"init must be numeric, got {self.init!r}.") from None
        if theta.shape != (n_params,):
            raise InvalidInputError(
                f"init must have shape ({n_params},) ({self._init_layout}), "
                f"got shape {theta.shape}."
            )
        if not np.isfinite(theta).all():
            raise InvalidInputError("init contains NaN or inf.")
        return theta

    def _batch_size(self, optimizer: Optimizer, n_samples: int) -> int:
        if self.batch_size is None:
            return min(DEFAULT_MINIBATCH, n_samples) if optimizer.stochastic else n_samples
        size = check_integer(self.batch_size, "batch_size", minimum=1, owner=type(self).__name__)
        return min(size, n_samples)

    def _learning_rate(self, optimizer: Optimizer, objective: Any, batch: int) -> float:
        if self.learning_rate is None:
            return optimizer.default_learning_rate(objective, batch)
        return check_real(
            self.learning_rate, "learning_rate", minimum=0.0, strict=True, owner=type(self).__name__
        )

    def _train_network(self, objective: Any) -> Array:
        """Set up the optimizer from the constructor arguments, train, store the history."""
        optimizer = get_optimizer(self.optimizer)
        rng = check_random_state(self.random_state)
        theta = self._initial_parameters(objective, rng)
        batch = self._batch_size(optimizer, objective.n_samples)
        rate = self._learning_rate(optimizer, objective, batch)
        optimizer.start(theta, rate, -(-objective.n_samples // batch))
        theta, history, converged = train(
            objective,
            optimizer,
            theta,
            batch=batch,
            rng=rng,
            max_epochs=self.max_epochs,
            tol=self.tol,
            callback=self._epoch_printer(self.max_epochs),
        )
        self._print_outcome("epochs", history.n_epochs, converged, float(history.loss[-1]))
        self._optimizer = optimizer
        self.history_, self.n_epochs_, self.converged_ = history, history.n_epochs, converged
        return theta


class SingleNeuronNetwork(GradientTrainingMixin, BinaryLinearClassifier):
    r"""One sigmoid neuron trained by a gradient-based optimizer on a pluggable loss.

    Parameters
    ----------
    loss : str or Loss, default="cross_entropy"
        ``"cross_entropy"``, ``"squared_error"``, ``"hinge"``, ``"exponential"``,
        ``"focal"``, ``"label_smoothing"`` or a :class:`~logreg_nn.losses.Loss` instance.
    optimizer : str or Optimizer, default="gd"
        ``"gd"``, ``"momentum"``, ``"nesterov"``, ``"sgd"``, ``"adam"``, ``"newton"`` or an
        :class:`~logreg_nn.optim.Optimizer` instance such as ``SGD(averaging=True)``.
    learning_rate : float or None, default=None
        Base step size. ``None`` picks a safe step from the data: :math:`1/L`, with
        :math:`L` a bound on the Lipschitz constant of the gradient (for the summed
        cross-entropy :math:`\lambda_{\max}(\tilde X^\top\tilde X)/4`), 0.01 for Adam, 1 for
        Newton.
    max_epochs : int, default=10000
        Maximum number of passes over the data.
    batch_size : int or None, default=None
        Mini-batch size; ``None`` means the whole data set, except for ``"sgd"`` (32).
    l2 : float, default=0.0
        Weight decay on the summed loss, :math:`\frac{\lambda}{2}\lVert\beta\rVert^2`; the
        bias is not decayed.
    tol : float, default=1e-10
        Stop when the largest entry of the full gradient, per unit of sample weight, is at
        most ``tol``.
    init : array_like or None, default=None
        Starting parameters ``[bias, weights...]``; ``None`` draws them from
        :math:`N(0, 0.01^2)` divided by each column's largest absolute value (so the
        starting logits are small whatever the units), with ``random_state``.
    random_state : int, Generator or None, default=None
        Seed of the initial weights and the mini-batch shuffling.
    fit_intercept : bool, default=True
        Whether the neuron has a bias.
    verbose : int, default=0
        ``0`` is silent. Otherwise print the objective, its gradient norm and the size of
        the last update every ``verbose`` epochs, or, for ``verbose=1``, every
        ``max(1, max_epochs // 10)`` epochs; then a closing line.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
        Weights of the neuron.
    intercept_ : float
        Bias of the neuron.
    classes_ : ndarray of shape (2,)
    n_epochs_ : int
        Epochs performed.
    converged_ : bool
    history_ : TrainingHistory
        Parameters, loss and gradient norm per epoch.
    bse_, pvalues_, llf_, ... :
        With ``loss="cross_entropy"``, the same inference as
        :class:`~logreg_nn.LogisticRegression`, computed at the network's own optimum.

    See Also
    --------
    LogisticRegression : The maximum-likelihood fit of the same model.

    Notes
    -----
    Training minimises :math:`F(\theta) = \sum_i w_i\,\ell(y_i, \beta_0 + x_i^\top\beta) +
    \frac{\lambda}{2}\lVert\beta\rVert^2` (:class:`~logreg_nn.objective.Objective`). At
    each epoch the full gradient is evaluated once at the reported parameters; it serves as
    the history, the convergence test and, for full-batch optimizers, the update itself.
    When the loss has no finite minimiser because the classes are separated, training
    proceeds (the weights grow without bound) and a
    :class:`~logreg_nn.exceptions.SeparationWarning` says so.

    Examples
    --------
    >>> import numpy as np
    >>> from logreg_nn import LogisticRegression, SingleNeuronNetwork
    >>> from logreg_nn.datasets import make_logistic
    >>> X, y = make_logistic(200, coef=[1.0, -2.0], intercept=0.5, random_state=0)
    >>> net = SingleNeuronNetwork(optimizer="nesterov", random_state=0).fit(X, y)
    >>> mle = LogisticRegression().fit(X, y)
    >>> bool(np.allclose(net.coef_, mle.coef_, rtol=0, atol=1e-8))
    True
    """

    def __init__(
        self,
        loss: Any = "cross_entropy",
        optimizer: Any = "gd",
        learning_rate: float | None = None,
        max_epochs: int = 10000,
        batch_size: int | None = None,
        l2: float = 0.0,
        tol: float = 1e-10,
        init: Any = None,
        random_state: Any = None,
        fit_intercept: bool = True,
        verbose: int = 0,
    ) -> None:
        self.loss = loss
        self.optimizer = optimizer
        self.learning_rate = learning_rate
        self.max_epochs = max_epochs
        self.batch_size = batch_size
        self.l2 = l2
        self.tol = tol
        self.init = init
        self.random_state = random_state
        self.fit_intercept = fit_intercept
        self.verbose = verbose

    # -- training -----------------------------------------------------------------------
    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> SingleNeuronNetwork:
        """Train the neuron.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
        y : array_like of shape (n_samples,)
            Two distinct label values.
        sample_weight : array_like of shape (n_samples,), optional
            Non-negative weights of the per-sample losses.

        Returns
        -------
        self

        Raises
        ------
        InvalidInputError
            Bad data or hyperparameters.
        TrainingDivergedError
            The loss or gradient became non-finite (the learning rate is too large).
        """
        _check_hyperparameters(
            self.l2, self.tol, self.max_epochs, "SingleNeuronNetwork", "max_epochs"
        )
        loss = get_loss(self.loss)
        data = check_binary_data(X, y, sample_weight, fit_intercept=self.fit_intercept)
        objective = Objective(
            loss,
            data.X,
            data.y,
            data.sample_weight,
            l2=self.l2,
            fit_intercept=self.fit_intercept,
            column_scale=data.column_scale,
        )
        theta = self._train_network(objective)
        history, converged = self.history_, self.converged_
        self._store_parameters(data, theta, self.fit_intercept)
        separation = self._warn_after_training(data, objective, theta, converged, history)
        self._inference = None
        self._inference_error = None
        if isinstance(loss, CrossEntropy):
            self._store_inference_if_defined(data, objective, theta, separation)
        return self

    def _store_inference_if_defined(
        self, data: BinaryData, objective: Objective, theta: Array, separation: Any
    ) -> None:
        # Wald inference needs the unique finite optimum the theorem promises; where it does
        # not exist, keep the reason to raise when bse_, summary() and the like are asked for.
        if separation is not None:
            self._inference_error = separation_error(
                separation, self._param_names(data, self.fit_intercept)
            )
            return
        hessian = objective.hessian(theta)
        try:
            if self.l2 == 0:
                raise_if_rank_deficient(hessian, self._param_names(data, self.fit_intercept))
        except RankDeficiencyError as error:
            self._inference_error = error
            return
        self._store_inference(data, objective, theta, hessian)

    def _warn_after_training(
        self,
        data: BinaryData,
        objective: Objective,
        theta: Array,
        converged: bool,
        history: TrainingHistory,
    ) -> SeparationCertificate | None:
        """Warn about separation or non-convergence; return the separation certificate."""
        may_diverge = objective.loss.diverges_under_separation and self.l2 == 0
        logits = objective.linear_predictor(theta)
        if may_diverge and separation_suspected(converged, logits):
            certificate = check_separation(
                data.X, data.y, data.sample_weight, fit_intercept=self.fit_intercept, logits=logits
            )
            if certificate.separated:
                warnings.warn(
                    f"The classes are {certificate.kind}ly separated: the {objective.loss.name} "
                    "loss has no finite minimiser, so the weights grow without bound as "
                    "training continues (their direction, not their size, is meaningful). "
                    "Add weight decay (l2 > 0) for a finite optimum.",
                    SeparationWarning,
                    stacklevel=3,
                )
                return certificate
        if not converged:
            warnings.warn(
                f"SingleNeuronNetwork did not converge in {history.n_epochs} epochs (largest "
                f"gradient entry per unit weight "
                f"{np.abs(objective.gradient(theta)).max() / objective.weight_sum:.3e}, "
                f"gradient norm {history.gradient_norm[-1]:.3e}, tol {self.tol:g}); increase "
                "max_epochs, change the learning rate, or use a faster optimizer.",
                ConvergenceWarning,
                stacklevel=3,
            )
        return None

    def _summary_method(self) -> tuple[str, int, bool]:
        optimizer = (
            self.optimizer if isinstance(self.optimizer, str) else type(self.optimizer).__name__
        )
        return f"network, {optimizer}", self.n_epochs_, self.converged_


def random_start(objective: Any, rng: np.random.Generator) -> Array:
    """Small random parameters: :math:`N(0, 0.01^2)` per unit of each design column.

    Dividing by the column's largest absolute value keeps the starting logits near zero
    whatever the units of the features, so the sigmoid does not start saturated.
    """
    return rng.normal(0.0, 0.01, size=objective.n_params) / objective.parameter_scale()


def train(
    objective: Any,
    optimizer: Optimizer,
    theta: Array,
    *,
    batch: int,
    rng: np.random.Generator,
    max_epochs: int,
    tol: float,
    callback: Callable[[int, float, Array, Array], None] | None = None,
) -> tuple[Array, TrainingHistory, bool]:
    """Run the training loop shared by the networks.

    At the start of each epoch the full gradient is evaluated once at the reported
    parameters: it is recorded, tested against ``tol`` (largest entry per unit of sample
    weight) and, for full-batch training, used for the update itself, so a full-batch epoch
    costs one product for the logits and one for the gradient (on large data both in one
    pass over the data, see :meth:`~logreg_nn.objective.Objective.value_and_gradient`).

    ``callback(epoch, value, gradient, params)``, if given, sees each evaluated point.

    Returns the final parameters, the history and whether the tolerance was met.
    """
    full_batch = batch >= objective.n_samples
    threshold = tol * objective.weight_sum
    # Per-unit gradient, as in newton_raphson: rescaling a feature by c rescales its entry.
    units = objective.parameter_scale()
    params, losses, norms = [], [], []
    converged = False
    # Overflow is detected below and reported as TrainingDivergedError, which names the
    # cure, instead of surfacing as a numpy RuntimeWarning from deep inside a loss.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for epoch in range(max_epochs + 1):
            reported = optimizer.current(theta)
            value, gradient = objective.value_and_gradient(reported)
            if not (np.isfinite(value) and np.isfinite(gradient).all()):
                raise TrainingDivergedError(
                    f"Training diverged at epoch {epoch}: the loss or its gradient is not "
                    f"finite (loss={value!r}). Lower learning_rate (it was "
                    f"{optimizer.learning_rate:.3g}) or standardise the features."
                )
            params.append(reported.copy())
            losses.append(value)
            norms.append(float(np.linalg.norm(gradient)))
            if callback is not None:
                callback(epoch, value, gradient, reported)
            if np.abs(gradient / units).max() <= threshold:
                converged = True
                break
            if epoch == max_epochs:
                break
            if full_batch:
                theta = optimizer.step(theta, gradient, objective)
            else:
                theta = _stochastic_epoch(objective, optimizer, theta, batch, rng)
    history = TrainingHistory(np.array(params), np.array(losses), np.array(norms))
    return params[-1], history, converged


def _stochastic_epoch(
    objective: Any,
    optimizer: Optimizer,
    theta: Array,
    batch: int,
    rng: np.random.Generator,
) -> Array:
    n = objective.n_samples
    order = rng.permutation(n)
    for start in range(0, n, batch):
        rows = np.sort(order[start : start + batch])
        part = objective.subset(rows, scale=n / rows.size)
        theta = optimizer.step(theta, part.gradient(theta), part)
    return theta
