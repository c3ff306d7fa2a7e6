r"""More than two classes: multinomial logistic regression and the softmax network.

A network with no hidden layer and :math:`K` softmax outputs predicts

.. math::

    P(y = k \mid x) = \frac{e^{\beta_{k0} + x^\top\beta_k}}{\sum_{j=1}^{K} e^{\beta_{j0} +
    x^\top\beta_j}},

which is the multinomial logistic model. Trained on categorical cross-entropy it minimises
the multinomial negative log-likelihood, but with :math:`K(p+1)` parameters of which only
:math:`(K-1)(p+1)` are identifiable: adding one vector to every :math:`\beta_k` changes no
probability. The loss is convex but not strictly convex and its optimum is an affine set.
:class:`MultinomialLogisticRegression` pins the over-parametrisation down by fixing a
reference class (``classes_[0]``, :math:`\beta_0 = 0`), which gives a unique maximum
likelihood estimate under full rank and no separation; :class:`SoftmaxNetwork` keeps all
:math:`K` weight vectors, and its *differences* to the reference class are that estimate.
"""

from __future__ import annotations

import dataclasses
import warnings
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .base import EstimatorBase, LikelihoodInferenceMixin
from .diagnostics import check_multinomial_separation, raise_if_rank_deficient, separation_error
from .exceptions import ConvergenceWarning, InvalidInputError, SeparationWarning
from .link import log_softmax
from .logistic import _check_hyperparameters, separation_suspected, warn_if_ill_conditioned
from .network import GradientTrainingMixin
from .objective import SoftmaxObjective
from .optim import newton_raphson
from .results import LogitInference, Summary, null_log_likelihood
from .validation import (
    MulticlassData,
    check_finite_logits,
    check_multiclass_data,
)

__all__ = ["MultinomialLogisticRegression", "SoftmaxNetwork"]

Array = NDArray[np.float64]


@dataclasses.dataclass(frozen=True)
class MultinomialInference(LogitInference):
    """:class:`~logreg_nn.results.LogitInference` for :math:`K-1` equations.

    The covariance, Wald statistics and information criteria are those of the flat
    parameter vector; only the model degrees of freedom and the printed model name change.
    """

    n_equations: int = 1

    @property
    def df_model(self) -> int:
        """Number of slopes, :math:`(K-1)p`."""
        return self.k - self.n_equations * int(self.fit_intercept)

    def summary(self, **kwargs: Any) -> Summary:
        """Summary table with one row per (class, parameter)."""
        table = super().summary(**kwargs)
        left = [
            ("Model:", "MNLogit") if key == "Model:" else (key, value) for key, value in table.left
        ]
        return dataclasses.replace(table, title="MNLogit Regression Results", left=left)


class _MultinomialPredictor(EstimatorBase):
    """Prediction shared by the multinomial estimators, from ``_all_logit_weights()``."""

    _multi_class = True
    classes_: np.ndarray

    def _all_logit_weights(self) -> tuple[Array, Array]:
        raise NotImplementedError

    def decision_function(self, X: Any) -> Array:
        """Logits of every class.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, n_classes)
        """
        X_arr = self._check_predict_X(X)
        coef, intercept = self._all_logit_weights()
        with np.errstate(over="ignore", invalid="ignore"):
            z = X_arr @ coef.T + intercept
        return check_finite_logits(z)

    def predict_log_proba(self, X: Any) -> Array:
        """Log class probabilities (stable log-softmax of the logits)."""
        return log_softmax(self.decision_function(X))

    def predict_proba(self, X: Any) -> Array:
        """Class probabilities, columns ordered as ``classes_``."""
        return np.exp(self.predict_log_proba(X))

    def predict(self, X: Any) -> np.ndarray:
        """Most probable class label."""
        return self.classes_[np.argmax(self.decision_function(X), axis=1)]


def _raise_if_separated(
    data: MulticlassData, fit_intercept: bool, names: list[str], logits: Array
) -> None:
    certificate = check_multinomial_separation(
        data.X,
        data.codes,
        data.classes.size,
        data.sample_weight,
        fit_intercept=fit_intercept,
        logits=logits,
    )
    if certificate.separated:
        per_class = [f"{cls}:{name}" for cls in data.classes[1:] for name in names]
        raise separation_error(certificate, per_class)


class MultinomialLogisticRegression(LikelihoodInferenceMixin, _MultinomialPredictor):
    r"""Multinomial logistic regression by maximum likelihood (Newton–Raphson).

    Parameters
    ----------
    l2 : float, default=0.0
        Ridge penalty on the slopes of every non-reference class.
    fit_intercept : bool, default=True
    tol : float, default=1e-10
        Tolerance on half the squared Newton decrement and the largest gradient entry per
        unit of sample weight.
    max_iter : int, default=100
        Maximum number of Newton iterations (see
        :class:`~logreg_nn.LogisticRegression` for what counts as one).

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        ``classes_[0]`` is the reference class, whose coefficients are fixed at zero.
    coef_ : ndarray of shape (n_classes - 1, n_features)
        Slopes of each non-reference class relative to the reference.
    intercept_ : ndarray of shape (n_classes - 1,)
    params_ : ndarray of shape (n_classes - 1, n_features + 1)
        ``[intercept, coef...]`` per non-reference class (statsmodels' ``MNLogit`` params,
        transposed).
    bse_, zvalues_, pvalues_ : ndarray of shape (n_classes - 1, n_params)
    llf_, llnull_, aic_, bic_, prsquared_, llr_, llr_pvalue_ : float
    n_iter_ : int
    converged_ : bool

    Notes
    -----
    Newton's method on the :math:`(K-1)(p+1)` free parameters of
    :class:`~logreg_nn.objective.SoftmaxObjective` (``reference=True``), with the block
    Hessian :math:`\tilde X^\top\operatorname{diag}(w_i p_{ik}(\delta_{kl} -
    p_{il}))\tilde X`. Rank deficiency is detected on the first Hessian and separation by an
    exact linear program (:func:`~logreg_nn.diagnostics.check_multinomial_separation`).
    With :math:`K = 2` it is :class:`~logreg_nn.LogisticRegression`.

    Examples
    --------
    >>> import numpy as np
    >>> from logreg_nn import MultinomialLogisticRegression
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(300, 2))
    >>> y = np.argmax(X @ [[0.0, 1.0, -1.0], [0.0, 0.5, 1.0]] + rng.gumbel(size=(300, 3)), axis=1)
    >>> model = MultinomialLogisticRegression().fit(X, y)
    >>> model.coef_.shape, bool(model.converged_)
    ((2, 2), True)
    """

    def __init__(
        self, l2: float = 0.0, fit_intercept: bool = True, tol: float = 1e-10, max_iter: int = 100
    ) -> None:
        self.l2 = l2
        self.fit_intercept = fit_intercept
        self.tol = tol
        self.max_iter = max_iter

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> MultinomialLogisticRegression:
        """Fit by Newton–Raphson; raises on rank deficiency and separation.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
        y : array_like of shape (n_samples,)
            Two or more distinct labels.
        sample_weight : array_like of shape (n_samples,), optional

        Returns
        -------
        self
        """
        _check_hyperparameters(self.l2, self.tol, self.max_iter, type(self).__name__)
        data = check_multiclass_data(X, y, sample_weight, fit_intercept=self.fit_intercept)
        n_classes = data.classes.size
        objective = SoftmaxObjective(
            data.X,
            data.codes,
            n_classes,
            data.sample_weight,
            l2=self.l2,
            fit_intercept=self.fit_intercept,
            reference=True,
        )
        names = self._param_names(data, self.fit_intercept)
        unpenalised = self.l2 == 0

        def check_rank(hessian: Array) -> None:
            # Every diagonal block has positive weights, so it has the rank of X~.
            if unpenalised:
                raise_if_rank_deficient(hessian[: objective.row_size, : objective.row_size], names)

        result = newton_raphson(
            objective,
            self._start(data, objective),
            tol=self.tol,
            max_iter=self.max_iter,
            check_hessian=check_rank,
        )
        if unpenalised and separation_suspected(result.converged, result.logits):
            _raise_if_separated(data, self.fit_intercept, names, result.logits)
        if not result.converged:
            warnings.warn(
                f"{type(self).__name__} did not converge in {result.n_iter} Newton iterations "
                f"(largest gradient entry {np.abs(result.gradient).max():.3e}).",
                ConvergenceWarning,
                stacklevel=2,
            )
        self._store_data_description(data)
        self.n_iter_, self.converged_ = result.n_iter, result.converged
        rows = objective.unravel(result.theta)
        self.params_ = rows
        self.intercept_ = rows[:, 0].copy() if self.fit_intercept else np.zeros(n_classes - 1)
        self.coef_ = rows[:, int(self.fit_intercept) :].copy()
        warn_if_ill_conditioned(result.hessian)
        log_lik = -float(data.sample_weight @ objective.loss.value(data.codes, result.logits))
        self._inference = MultinomialInference(
            params=result.theta.copy(),
            hessian=result.hessian,
            llf=log_lik,
            llnull=null_log_likelihood(
                np.bincount(data.codes, weights=data.sample_weight, minlength=n_classes),
                self.fit_intercept,
            ),
            nobs=float(data.sample_weight.sum()),
            param_names=[f"{cls}: {name}" for cls in data.classes[1:] for name in names],
            fit_intercept=self.fit_intercept,
            l2=float(self.l2),
            n_equations=n_classes - 1,
        )
        return self

    def _start(self, data: MulticlassData, objective: SoftmaxObjective) -> Array:
        rows = np.zeros((objective.n_free, objective.row_size))
        if self.fit_intercept:
            # Intercept-only MLE: log of each class's frequency relative to the reference.
            counts = np.bincount(data.codes, weights=data.sample_weight)
            rows[:, 0] = np.log(counts[1:]) - np.log(counts[0])
        return rows.ravel()

    def _all_logit_weights(self) -> tuple[Array, Array]:
        coef = np.vstack((np.zeros(self.n_features_in_), self.coef_))
        return coef, np.concatenate(([0.0], self.intercept_))

    def _matrix(self, values: Array) -> Array:
        return values.reshape(self.params_.shape)

    @property
    def bse_(self) -> Array:
        """Standard errors, one row per non-reference class."""
        return self._matrix(super().bse_)

    @property
    def zvalues_(self) -> Array:
        """Wald statistics, one row per non-reference class."""
        return self._matrix(super().zvalues_)

    @property
    def pvalues_(self) -> Array:
        """Two-sided Wald p-values, one row per non-reference class."""
        return self._matrix(super().pvalues_)

    def cov_params(self) -> Array:
        """Covariance of the flat parameters (row-major over ``params_``)."""
        return super().cov_params()

    def conf_int(self, alpha: float = 0.05) -> Array:
        """Wald intervals, shape ``(n_classes - 1, n_params, 2)``."""
        return super().conf_int(alpha).reshape(*self.params_.shape, 2)

    def _summary_method(self) -> tuple[str, int, bool]:
        return "Newton-Raphson", self.n_iter_, self.converged_


class SoftmaxNetwork(GradientTrainingMixin, _MultinomialPredictor):
    r"""A network with no hidden layer and :math:`K` softmax outputs, trained on cross-entropy.

    Parameters
    ----------
    optimizer : str or Optimizer, default="gd"
        As for :class:`~logreg_nn.SingleNeuronNetwork`.
    learning_rate : float or None, default=None
        ``None`` uses :math:`1/L` with :math:`L = \tfrac12\lambda_{\max}(\tilde X^\top
        \tilde X)` (Böhning's curvature bound), 0.01 for Adam, 1 for Newton.
    max_epochs : int, default=10000
    batch_size : int or None, default=None
    l2 : float, default=0.0
        Weight decay on every output's weights (biases excluded). With ``l2 > 0`` the
        weights are unique: the decay picks the minimiser whose weights sum to zero. The
        biases, not decayed, can still all shift by one constant.
    tol : float, default=1e-10
    init : array_like of shape (n_classes * (n_features + 1),) or None
        Starting parameters, one row ``[bias, weights...]`` per class, raveled.
    random_state : int, Generator or None
    fit_intercept : bool, default=True
    loss : {"cross_entropy"}, default="cross_entropy"
        Only categorical cross-entropy is implemented for several outputs.
    verbose : int, default=0
        Print progress every ``verbose`` epochs (about ten lines for ``verbose=1``).

    Attributes
    ----------
    coef_ : ndarray of shape (n_classes, n_features)
        One weight vector per output. Not identifiable: another start gives other weights.
    intercept_ : ndarray of shape (n_classes,)
    history_ : TrainingHistory
    n_epochs_ : int
    converged_ : bool

    Examples
    --------
    >>> import numpy as np
    >>> from logreg_nn import MultinomialLogisticRegression, SoftmaxNetwork
    >>> rng = np.random.default_rng(1)
    >>> X = rng.normal(size=(200, 2))
    >>> y = np.argmax(X @ [[0.0, 1.0, -1.0], [0.0, 0.5, 1.0]] + rng.gumbel(size=(200, 3)), axis=1)
    >>> net = SoftmaxNetwork(optimizer="nesterov", random_state=0).fit(X, y)
    >>> mle = MultinomialLogisticRegression().fit(X, y)
    >>> coef, intercept = net.relative_to_reference()
    >>> bool(np.allclose(coef, mle.coef_, atol=1e-6))
    True
    """

    def __init__(
        self,
        optimizer: Any = "gd",
        learning_rate: float | None = None,
        max_epochs: int = 10000,
        batch_size: int | None = None,
        l2: float = 0.0,
        tol: float = 1e-10,
        init: Any = None,
        random_state: Any = None,
        fit_intercept: bool = True,
        loss: str = "cross_entropy",
        verbose: int = 0,
    ) -> None:
        self.optimizer = optimizer
        self.learning_rate = learning_rate
        self.max_epochs = max_epochs
        self.batch_size = batch_size
        self.l2 = l2
        self.tol = tol
        self.init = init
        self.random_state = random_state
        self.fit_intercept = fit_intercept
        self.loss = loss
        self.verbose = verbose

    _init_layout = "one row [bias, weights...] per class, raveled"

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> SoftmaxNetwork:
        """Train all :math:`K` outputs.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
        y : array_like of shape (n_samples,)
        sample_weight : array_like of shape (n_samples,), optional

        Returns
        -------
        self
        """
        if self.loss != "cross_entropy":
            raise InvalidInputError(
                f"SoftmaxNetwork supports loss='cross_entropy' only, got {self.loss!r}."
            )
        _check_hyperparameters(
            self.l2, self.tol, self.max_epochs, type(self).__name__, "max_epochs"
        )
        data = check_multiclass_data(X, y, sample_weight, fit_intercept=self.fit_intercept)
        n_classes = data.classes.size
        objective = SoftmaxObjective(
            data.X,
            data.codes,
            n_classes,
            data.sample_weight,
            l2=self.l2,
            fit_intercept=self.fit_intercept,
        )
        theta = self._train_network(objective)
        self._store_data_description(data)
        rows = objective.unravel(theta)
        self.intercept_ = rows[:, 0].copy() if self.fit_intercept else np.zeros(n_classes)
        self.coef_ = rows[:, int(self.fit_intercept) :].copy()
        self._warn_after_training(data, objective, theta, self.converged_)
        return self

    def _warn_after_training(
        self, data: MulticlassData, objective: SoftmaxObjective, theta: Array, converged: bool
    ) -> None:
        logits = objective.linear_predictor(theta)
        if self.l2 == 0 and separation_suspected(converged, logits):
            certificate = check_multinomial_separation(
                data.X,
                data.codes,
                data.classes.size,
                data.sample_weight,
                fit_intercept=self.fit_intercept,
                logits=logits,
            )
            if certificate.separated:
                warnings.warn(
                    f"The classes are {certificate.kind}ly separated: cross-entropy has no "
                    "finite minimiser and the weights grow without bound.",
                    SeparationWarning,
                    stacklevel=3,
                )
                return
        if not converged:
            warnings.warn(
                f"SoftmaxNetwork did not converge in {self.n_epochs_} epochs (gradient norm "
                f"{self.history_.gradient_norm[-1]:.3e}).",
                ConvergenceWarning,
                stacklevel=3,
            )

    def _all_logit_weights(self) -> tuple[Array, Array]:
        return self.coef_, self.intercept_

    def relative_to_reference(self) -> tuple[Array, Array]:
        """Weights and biases minus those of the reference class ``classes_[0]``.

        These are identifiable, and equal
        :class:`MultinomialLogisticRegression`'s ``coef_`` and ``intercept_`` at the optimum.

        Returns
        -------
        coef : ndarray of shape (n_classes - 1, n_features)
        intercept : ndarray of shape (n_classes - 1,)
        """
        self._check_fitted()
        return self.coef_[1:] - self.coef_[0], self.intercept_[1:] - self.intercept_[0]
