r"""Maximum-likelihood logistic regression, fitted by Newton–Raphson (IRLS).

The statistician's estimator: maximise the Bernoulli log-likelihood

.. math::

    \ell(\beta_0, \beta) = \sum_i w_i\bigl[y_i\log\sigma(z_i) + (1-y_i)\log\sigma(-z_i)\bigr],
    \qquad z_i = \beta_0 + x_i^\top\beta,

which is minus the summed cross-entropy of :mod:`logreg_nn.losses`. The objective, its
gradient and Hessian come from :class:`~logreg_nn.objective.Objective`, the very layer the
network trains on.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from .base import BinaryLinearClassifier
from .diagnostics import (
    CONDITION_LIMIT,
    check_separation,
    equilibrated_condition_number,
    raise_if_rank_deficient,
    separation_error,
)
from .exceptions import ConvergenceWarning, IllConditionedWarning
from .link import logit
from .objective import Objective
from .optim import newton_raphson
from .validation import BinaryData, check_binary_data, check_integer, check_real

__all__ = ["LogisticRegression"]

# Logits beyond this size (probabilities within 2e-9 of 0 or 1) make separation plausible
# enough to run the exact test after the fit.
SUSPICIOUS_LOGIT = 20.0


def separation_suspected(converged: bool, logits: np.ndarray) -> bool:
    """Whether a fit's outcome warrants the exact (linear-programming) separation test.

    Under separation the likelihood has no maximiser, so a fit either fails to converge
    or stops with fitted probabilities within ``2e-9`` of 0 or 1; on overlapping data
    neither happens, and the linear program is skipped.
    """
    return not converged or bool(np.abs(logits).max() > SUSPICIOUS_LOGIT)


def _check_hyperparameters(
    l2: Any, tol: Any, max_iter: Any, owner: str, iteration_name: str = "max_iter"
) -> None:
    check_real(l2, "l2", minimum=0.0, owner=owner)
    check_real(tol, "tol", minimum=0.0, strict=True, owner=owner)
    check_integer(max_iter, iteration_name, minimum=1, owner=owner)


def raise_if_separated(
    data: BinaryData, fit_intercept: bool, names: list[str], logits: np.ndarray
) -> None:
    """Run the exact separation test and raise the certificate-carrying error if separated.

    ``logits`` are the fit's: the test's first linear program takes the rows nearest the
    fitted boundary.
    """
    certificate = check_separation(
        data.X, data.y, data.sample_weight, fit_intercept=fit_intercept, logits=logits
    )
    if certificate.separated:
        raise separation_error(certificate, names)


def warn_if_ill_conditioned(hessian: np.ndarray) -> None:
    """Warn when the equilibrated Hessian's condition number exceeds ``CONDITION_LIMIT``."""
    condition = equilibrated_condition_number(hessian)
    if condition > CONDITION_LIMIT:
        warnings.warn(
            f"The Hessian is ill-conditioned (condition number {condition:.2e} after scaling "
            f"to unit diagonal, limit {CONDITION_LIMIT:.0e}): the columns are nearly "
            "collinear, so standard errors and confidence intervals are unreliable.",
            IllConditionedWarning,
            stacklevel=3,
        )


class LogisticRegression(BinaryLinearClassifier):
    r"""Binary logistic regression by maximum likelihood (Newton–Raphson / IRLS).

    Parameters
    ----------
    l2 : float, default=0.0
        Ridge penalty :math:`\frac{\lambda}{2}\lVert\beta\rVert^2` on the coefficients (never
        the intercept). ``0`` gives the maximum-likelihood estimate. scikit-learn's ``C``
        corresponds to ``l2 = 1 / C``.
    fit_intercept : bool, default=True
        Whether to estimate an intercept :math:`\beta_0`.
    tol : float, default=1e-10
        Convergence tolerance on half the squared Newton decrement and on the largest
        gradient entry per unit of sample weight.
    max_iter : int, default=100
        Maximum number of Newton iterations. On large data most of them reuse a sampled
        or an earlier exact Hessian (see :func:`~logreg_nn.optim.newton_raphson`), so
        they can outnumber statsmodels' for the same fit while forming fewer Gram
        matrices.
    verbose : int, default=0
        ``0`` is silent; any positive value prints one line per Newton iteration
        (objective, largest gradient entry, Newton decrement, step length) and a closing
        line, like statsmodels' ``disp``.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,)
        Estimated slopes :math:`\hat\beta`.
    intercept_ : float
        Estimated intercept :math:`\hat\beta_0` (0.0 without intercept).
    classes_ : ndarray of shape (2,)
        Original labels; ``classes_[1]`` is the class whose probability is modelled.
    n_iter_ : int
        Newton iterations performed (steps, whichever Hessian each used).
    converged_ : bool
        Whether the tolerance was met.
    n_features_in_ : int
        Number of features seen in ``fit``.
    feature_names_in_ : ndarray of str
        Column names, when ``X`` was a DataFrame.
    bse_, zvalues_, pvalues_ : ndarray
        Standard errors, Wald statistics and p-values (intercept first).
    llf_, llnull_, deviance_, aic_, bic_, prsquared_ : float
        Log-likelihood, null log-likelihood, deviance, information criteria, McFadden R².

    See Also
    --------
    SingleNeuronNetwork : The same model trained as a neural network.

    Notes
    -----
    Newton's step for this objective is :math:`\theta \leftarrow \theta + (\tilde X^\top W
    \tilde X)^{-1}\tilde X^\top(y - p)` with :math:`W = \operatorname{diag}(p_i(1-p_i))`,
    which is exactly a weighted least-squares fit of the working response
    :math:`z + W^{-1}(y-p)`: IRLS. The fit starts from the intercept-only estimate. With
    at least 200 000 observations the first, far-from-optimal iterations form the Hessian
    from a fixed subsample of rows (a cheaper, still positive-definite approximation); the
    last iterations, the stopping test and the Hessian behind the standard errors are always
    exact (:func:`~logreg_nn.optim.newton_raphson`).

    Before returning numbers the fit checks the two conditions under which the maximum
    likelihood estimate exists and is unique: full column rank (the first Hessian is
    factorised column by column; aliased columns raise
    :class:`~logreg_nn.exceptions.RankDeficiencyError`) and overlap of the classes (when
    the fit ends with logits beyond :math:`\pm 20` or without converging, an exact linear
    program decides; separation raises :class:`~logreg_nn.exceptions.SeparationError` with
    the separating direction). Neither check applies with ``l2 > 0``, which always has a
    unique optimum.

    Examples
    --------
    >>> from logreg_nn import LogisticRegression
    >>> from logreg_nn.datasets import load_challenger
    >>> data = load_challenger()
    >>> model = LogisticRegression().fit(data.data, data.target)
    >>> round(model.intercept_, 4), model.coef_.round(4)
    (15.0429, array([-0.2322]))
    >>> model.bse_.round(4)
    array([7.3786, 0.1082])
    """

    def __init__(
        self,
        l2: float = 0.0,
        fit_intercept: bool = True,
        tol: float = 1e-10,
        max_iter: int = 100,
        verbose: int = 0,
    ) -> None:
        self.l2 = l2
        self.fit_intercept = fit_intercept
        self.tol = tol
        self.max_iter = max_iter
        self.verbose = verbose

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> LogisticRegression:
        """Fit by Newton–Raphson.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
            Features; a DataFrame's column names are kept for :meth:`summary`.
        y : array_like of shape (n_samples,)
            Two distinct label values.
        sample_weight : array_like of shape (n_samples,), optional
            Non-negative frequency weights.

        Returns
        -------
        self

        Raises
        ------
        InvalidInputError
            Bad shapes, NaN/inf, labels that are not two classes, invalid weights.
        RankDeficiencyError
            Aliased (collinear) columns, named in the message.
        SeparationError
            Complete or quasi-complete separation: no maximum-likelihood estimate exists.
        """
        _check_hyperparameters(self.l2, self.tol, self.max_iter, "LogisticRegression")
        data = check_binary_data(X, y, sample_weight, fit_intercept=self.fit_intercept)
        objective = Objective(
            "cross_entropy",
            data.X,
            data.y,
            data.sample_weight,
            l2=self.l2,
            fit_intercept=self.fit_intercept,
            column_scale=data.column_scale,
        )
        names = self._param_names(data, self.fit_intercept)
        unpenalised = self.l2 == 0

        def check_rank(hessian: np.ndarray) -> None:
            if unpenalised:
                raise_if_rank_deficient(hessian, names)

        result = newton_raphson(
            objective,
            self._start(data),
            tol=self.tol,
            max_iter=self.max_iter,
            check_hessian=check_rank,
            callback=self._newton_printer(),
        )
        self._print_outcome("Newton iterations", result.n_iter, result.converged, result.value)
        if unpenalised and separation_suspected(result.converged, result.logits):
            raise_if_separated(data, self.fit_intercept, names, result.logits)
        if not result.converged:
            warnings.warn(
                f"LogisticRegression did not converge in {result.n_iter} Newton iterations "
                f"(largest gradient entry {np.abs(result.gradient).max():.3e}, half squared "
                f"Newton decrement {result.decrement / 2:.3e}, tol {self.tol:g}); increase "
                "max_iter or check the data.",
                ConvergenceWarning,
                stacklevel=2,
            )
        self.n_iter_ = result.n_iter
        self.converged_ = result.converged
        self._store_parameters(data, result.theta, self.fit_intercept)
        warn_if_ill_conditioned(result.hessian)
        self._store_inference(data, objective, result.theta, result.hessian, result.logits)
        return self

    def _start(self, data: BinaryData) -> np.ndarray:
        theta = np.zeros(data.X.shape[1] + int(self.fit_intercept))
        if self.fit_intercept:
            # The intercept-only MLE: one Newton iteration saved on most data sets.
            mean = float(data.sample_weight @ data.y) / float(data.sample_weight.sum())
            theta[0] = float(logit(mean))
        return theta

    def _summary_method(self) -> tuple[str, int, bool]:
        return "Newton-Raphson", self.n_iter_, self.converged_
