r"""An optimality certificate: is this fitted model at the unique global optimum of its loss?

A point :math:`\hat\theta` minimises a convex, twice-differentiable objective :math:`F` iff
:math:`\nabla F(\hat\theta) = 0`; it is the *unique* minimiser when in addition
:math:`\nabla^2 F(\hat\theta)` is positive definite (then :math:`F` is strictly convex
around it, and a convex function has no other minimiser). For a non-convex loss the same
two facts only certify a *local* minimum. :func:`certify` evaluates both at a fitted
model's parameters, on the model's *own* loss, and states the verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .base import BinaryLinearClassifier
from .exceptions import InvalidInputError, NotFittedError
from .losses import Loss, get_loss
from .objective import Objective
from .validation import check_binary_data, check_real

__all__ = ["Certificate", "certify"]

UNIQUE_GLOBAL = "unique global optimum"
GLOBAL_NOT_UNIQUE = "global optimum, not unique (singular Hessian)"
LOCAL_MINIMUM = "local minimum of a non-convex loss (not certified global)"
STATIONARY = "stationary point of a non-convex loss (saddle or maximum)"
NONSMOOTH = "non-smooth loss: optimality cannot be certified by derivatives"
NOT_CONVERGED = "not converged (gradient not zero)"


@dataclass(frozen=True)
class Certificate:
    """What :func:`certify` found.

    Attributes
    ----------
    verdict : str
        One of ``"unique global optimum"``, ``"global optimum, not unique (singular
        Hessian)"``, ``"local minimum of a non-convex loss (not certified global)"``,
        ``"stationary point of a non-convex loss (saddle or maximum)"``, ``"non-smooth
        loss: optimality cannot be certified by derivatives"``, ``"not converged
        (gradient not zero)"``.
    loss : str
        Name of the loss the model was trained on.
    gradient_norm : float
        Largest absolute gradient entry per unit of sample weight, each entry divided by
        its design column's largest absolute value (so the verdict does not depend on the
        units of the features).
    min_eigenvalue, max_eigenvalue : float
        Extreme eigenvalues of the objective's Hessian at the parameters.
    """

    verdict: str
    loss: str
    gradient_norm: float
    min_eigenvalue: float
    max_eigenvalue: float

    @property
    def is_unique_global_optimum(self) -> bool:
        """Whether the verdict is ``"unique global optimum"``."""
        return self.verdict == UNIQUE_GLOBAL

    def __str__(self) -> str:
        return (
            f"{self.verdict} [loss={self.loss}, max|grad|/n={self.gradient_norm:.2e}, "
            f"Hessian eigenvalues in [{self.min_eigenvalue:.3g}, {self.max_eigenvalue:.3g}]]"
        )


def _model_loss(model: Any) -> Loss:
    return get_loss(getattr(model, "loss", "cross_entropy"))


def certify(
    model: Any, X: Any, y: Any, sample_weight: Any = None, *, gtol: float = 1e-6
) -> Certificate:
    r"""Check first- and second-order optimality of a fitted model on its own loss.

    Parameters
    ----------
    model : LogisticRegression or SingleNeuronNetwork
        A fitted estimator (its ``loss``, ``l2`` and ``fit_intercept`` define the objective).
    X, y, sample_weight : array_like
        The data the model was fitted on.
    gtol : float, default=1e-6
        The gradient counts as zero when its largest entry per unit of sample weight is at
        most ``gtol``.

    Returns
    -------
    Certificate

    Notes
    -----
    The Hessian is called positive definite when, after dividing each row and column by
    its design column's largest absolute value, its smallest eigenvalue exceeds
    :math:`10^{-12}` times its largest. Verdicts: for a convex smooth loss (cross-entropy,
    exponential, label smoothing) a zero gradient with a positive-definite Hessian is the
    *unique global optimum*; for a non-convex loss (squared error, focal) it is only a local
    minimum, and an indefinite Hessian means a saddle point.

    Examples
    --------
    >>> from logreg_nn import LogisticRegression, SingleNeuronNetwork, certify
    >>> from logreg_nn.datasets import make_logistic
    >>> X, y = make_logistic(100, coef=[1.5], intercept=-0.5, random_state=1)
    >>> certify(LogisticRegression().fit(X, y), X, y).verdict
    'unique global optimum'
    >>> brier = SingleNeuronNetwork(loss="squared_error", optimizer="newton", random_state=0)
    >>> certify(brier.fit(X, y), X, y).verdict
    'local minimum of a non-convex loss (not certified global)'
    """
    # An explicit type test: a multinomial model also has coef_ and fit_intercept, but its
    # parameters are matrices that the binary Objective below would misread.
    if not isinstance(model, BinaryLinearClassifier):
        raise InvalidInputError(
            f"certify needs a fitted LogisticRegression or SingleNeuronNetwork (a binary "
            f"estimator), got {type(model).__name__}."
        )
    if not hasattr(model, "coef_"):
        raise NotFittedError("certify needs a fitted model; call fit(X, y) first.")
    gtol = check_real(gtol, "gtol", minimum=0.0, strict=True, owner="certify")
    loss = _model_loss(model)
    data = check_binary_data(X, y, sample_weight, fit_intercept=model.fit_intercept)
    if not np.array_equal(data.classes, model.classes_):
        raise InvalidInputError(
            f"y's labels {data.classes.tolist()!r} differ from the classes the model was "
            f"fitted on {model.classes_.tolist()!r}; pass the training data."
        )
    if data.X.shape[1] != model.coef_.shape[0]:
        raise InvalidInputError(
            f"X has {data.X.shape[1]} features, but the model was fitted with "
            f"{model.coef_.shape[0]}."
        )
    objective = Objective(
        loss, data.X, data.y, data.sample_weight, l2=model.l2, fit_intercept=model.fit_intercept
    )
    theta = model.params_
    units = objective.parameter_scale()
    gradient_norm = float(np.abs(objective.gradient(theta) / units).max()) / objective.weight_sum
    hessian = objective.hessian(theta)
    eigenvalues = np.linalg.eigvalsh(hessian)
    # Definiteness is judged in the same feature-free units as the gradient: rescaling a
    # feature by c multiplies its Hessian row and column by c, which must not flip the verdict.
    scaled = np.linalg.eigvalsh(hessian / units[:, None] / units[None, :])
    verdict = _verdict(loss, gradient_norm <= gtol, float(scaled[0]), float(scaled[-1]))
    return Certificate(
        verdict, loss.name, gradient_norm, float(eigenvalues[0]), float(eigenvalues[-1])
    )


def _verdict(loss: Loss, stationary: bool, low: float, high: float) -> str:
    if not loss.smooth:
        return NONSMOOTH
    if not stationary:
        return NOT_CONVERGED
    positive_definite = low > 1e-12 * max(abs(high), np.finfo(float).tiny)
    if loss.convex:
        return UNIQUE_GLOBAL if positive_definite else GLOBAL_NOT_UNIQUE
    return LOCAL_MINIMUM if positive_definite else STATIONARY
