"""What both binary estimators share: parameters, prediction, and inference accessors.

The two estimators differ only in how they find the parameters; once ``coef_`` and
``intercept_`` are set, prediction is the same function :math:`\\sigma(\\beta_0 +
x^\\top\\beta)`, and for cross-entropy the same likelihood-based inference applies.
"""

from __future__ import annotations

import copy
import functools
import inspect
import sys
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .exceptions import InvalidInputError, NotFittedError
from .link import sigmoid
from .objective import Objective
from .results import LogitInference, Summary, null_log_likelihood
from .validation import (
    BinaryData,
    MulticlassData,
    check_finite_logits,
    check_known_labels,
    check_sample_weight,
    check_X,
    default_feature_names,
)

__all__ = ["BinaryLinearClassifier", "EstimatorBase", "LikelihoodInferenceMixin"]

Array = NDArray[np.float64]


class EstimatorBase:
    """Shared by every estimator: scikit-learn's parameter protocol, fit checks, ``verbose``."""

    # Read by scikit-learn < 1.6, which predates __sklearn_tags__.
    _estimator_type = "classifier"
    # Whether more than two classes are supported (scikit-learn's multi_class tag).
    _multi_class = False

    # -- parameters (scikit-learn protocol) -----------------------------------------
    @classmethod
    def _get_param_names(cls) -> list[str]:
        signature = inspect.signature(cls.__init__)
        return [name for name in signature.parameters if name != "self"]

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """Constructor arguments, as scikit-learn's ``get_params``.

        Parameters
        ----------
        deep : bool, default=True
            Also return the parameters of arguments that have ``get_params`` themselves,
            as ``"<argument>__<parameter>"`` (scikit-learn's convention for nested
            estimators). The package's optimizer and loss instances have none, so for them
            ``deep`` changes nothing.

        Returns
        -------
        dict
            Parameter names mapped to the values given to the constructor (or
            :meth:`set_params`), unchanged: the estimator does no work before ``fit``.
        """
        params = {name: getattr(self, name) for name in self._get_param_names()}
        if deep:
            for name, value in list(params.items()):
                if hasattr(value, "get_params") and not isinstance(value, type):
                    nested = value.get_params(deep=True)
                    params.update({f"{name}__{key}": v for key, v in nested.items()})
        return params

    def set_params(self, **params: Any) -> EstimatorBase:
        """Set constructor arguments, as scikit-learn's ``set_params``.

        ``"<argument>__<parameter>"`` keys are forwarded to the argument's own
        ``set_params``.
        """
        valid = self._get_param_names()
        for key, value in params.items():
            name, _, nested = key.partition("__")
            if name not in valid:
                raise ValueError(
                    f"Invalid parameter {name!r} for {type(self).__name__}; valid parameters "
                    f"are {', '.join(valid)}."
                )
            if nested:
                getattr(self, name).set_params(**{nested: value})
            else:
                setattr(self, name, value)
        return self

    def __sklearn_tags__(self) -> Any:
        """scikit-learn estimator tags: a classifier on dense, finite, 2-D input.

        scikit-learn is imported here, not at module level, because it is not a runtime
        dependency; this method is only ever called by scikit-learn itself.
        """
        from sklearn.utils import ClassifierTags, InputTags, Tags, TargetTags

        return Tags(
            estimator_type="classifier",
            target_tags=TargetTags(required=True),
            classifier_tags=ClassifierTags(multi_class=self._multi_class),
            input_tags=InputTags(two_d_array=True, allow_nan=False, sparse=False),
        )

    def __sklearn_is_fitted__(self) -> bool:
        """Whether ``fit`` has run (read by ``sklearn.utils.validation.check_is_fitted``)."""
        return hasattr(self, "coef_")

    def __repr__(self) -> str:
        signature = inspect.signature(type(self).__init__)
        changed = [
            f"{name}={getattr(self, name)!r}"
            for name, param in signature.parameters.items()
            if name != "self" and not _same(getattr(self, name), param.default)
        ]
        return f"{type(self).__name__}({', '.join(changed)})"

    # -- fitted state -----------------------------------------------------------------
    def _check_fitted(self) -> None:
        if not hasattr(self, "coef_"):
            raise _not_fitted_error_class()(
                f"This {type(self).__name__} instance is not fitted yet; call fit(X, y) first."
            )

    # -- data seen in fit, checked again at prediction ------------------------------
    def _store_data_description(self, data: BinaryData | MulticlassData) -> None:
        """``classes_``, ``n_features_in_`` and (for frames) ``feature_names_in_``."""
        self.classes_ = data.classes
        self.n_features_in_ = data.X.shape[1]
        if data.feature_names is not None:
            self.feature_names_in_ = np.asarray(data.feature_names, dtype=object)
        elif hasattr(self, "feature_names_in_"):
            del self.feature_names_in_

    @staticmethod
    def _param_names(data: BinaryData | MulticlassData, fit_intercept: bool) -> list[str]:
        names = data.feature_names or default_feature_names(data.X.shape[1])
        return (["intercept"] if fit_intercept else []) + list(names)

    def _check_predict_X(self, X: Any) -> Array:
        """Validate ``X`` against what ``fit`` saw: column count and, for frames, names.

        The messages and the warn-or-raise choices are scikit-learn's, so that pipelines
        and its estimator checks treat both estimators like its own.
        """
        self._check_fitted()
        X_arr, names = check_X(X)
        fitted_names = getattr(self, "feature_names_in_", None)
        if names is not None and fitted_names is not None:
            if list(names) != list(fitted_names):
                raise InvalidInputError(
                    "The feature names should match those that were passed during fit: "
                    f"fitted with {list(fitted_names)}, got {list(names)}."
                )
        elif names is not None:
            warnings.warn(
                f"X has feature names, but {type(self).__name__} was fitted without feature names",
                UserWarning,
                stacklevel=3,
            )
        elif fitted_names is not None:
            warnings.warn(
                f"X does not have valid feature names, but {type(self).__name__} was fitted "
                "with feature names",
                UserWarning,
                stacklevel=3,
            )
        if X_arr.shape[1] != self.n_features_in_:
            raise InvalidInputError(
                f"X has {X_arr.shape[1]} features, but {type(self).__name__} is expecting "
                f"{self.n_features_in_} features as input."
            )
        return X_arr

    def score(self, X: Any, y: Any, sample_weight: Any = None) -> float:
        """Mean (weighted) accuracy of :meth:`predict` on ``X`` against ``y``."""
        predictions = self.predict(X)
        check_known_labels(y, self.classes_, predictions.shape[0])
        y_arr = np.asarray(y).reshape(-1)
        weights = check_sample_weight(sample_weight, predictions.shape[0])
        return float(weights @ (predictions == y_arr) / weights.sum())

    # -- progress printing (the ``verbose`` parameter) --------------------------------------
    def _verbosity(self) -> int:
        verbose = getattr(self, "verbose", 0)
        if isinstance(verbose, bool):
            return int(verbose)
        if not isinstance(verbose, int | np.integer) or verbose < 0:
            raise InvalidInputError(
                f"{type(self).__name__}: verbose must be an integer >= 0, got {verbose!r}."
            )
        return int(verbose)

    def _newton_printer(self) -> Callable[[int, float, Array, float, float], None] | None:
        """Callback for :func:`~logreg_nn.optim.newton_raphson` printing one line per iteration.

        Each line shows the objective after the step and, for the step just taken, the
        largest gradient entry and the Newton decrement :math:`-g^\top d` at its start and
        the step length chosen by step-halving (1 is a full Newton step).
        """
        if not self._verbosity():
            return None

        def report(iteration: int, value: float, gradient: Array, decrement: float, step: float):
            print(
                f"Newton iteration {iteration:>3}: objective {value:.10g}  "
                f"max|gradient| {np.abs(gradient).max():.3e}  decrement {decrement:.3e}  "
                f"step {step:g}"
            )

        return report

    def _epoch_printer(self, max_epochs: int) -> Callable[[int, float, Array, Array], None] | None:
        """Callback for the training loop printing a line every ``k`` epochs.

        ``k = verbose`` when ``verbose > 1``; ``verbose=1`` prints about ten lines over
        ``max_epochs`` (``k = max(1, max_epochs // 10)``). A line shows the objective, the
        Euclidean norm of its full gradient and the size of the last epoch's update.
        """
        verbose = self._verbosity()
        if not verbose:
            return None
        every = verbose if verbose > 1 else max(1, max_epochs // 10)
        width = len(str(max_epochs))
        previous: list[Array] = []

        def report(epoch: int, value: float, gradient: Array, params: Array) -> None:
            step = float(np.linalg.norm(params - previous[0])) if previous else 0.0
            previous[:] = [params.copy()]
            if epoch % every == 0:
                print(
                    f"epoch {epoch:>{width}}: loss {value:.10g}  |gradient| "
                    f"{np.linalg.norm(gradient):.3e}  step {step:.3e}"
                )

        return report

    def _print_outcome(self, unit: str, count: int, converged: bool, value: float) -> None:
        """Closing line of a verbose fit, like statsmodels' ``disp`` summary line."""
        if self._verbosity():
            outcome = "converged" if converged else "stopped without converging"
            print(f"{type(self).__name__}: {outcome} after {count} {unit}; objective {value:.10g}")


class LikelihoodInferenceMixin(EstimatorBase):
    """Likelihood-based inference accessors, read from the ``_inference`` stored by ``fit``.

    Estimators without a likelihood optimum (a network trained on another loss, separated
    or aliased data) leave ``_inference`` as ``None``; the accessors then raise.
    """

    def _require_inference(self) -> LogitInference:
        self._check_fitted()
        inference = getattr(self, "_inference", None)
        reason = getattr(self, "_inference_error", None)
        if inference is None and reason is not None:
            # Separation or aliased columns: no unique finite optimum to do inference at.
            # A fresh copy (rebuilt with its certificate by the error's __reduce__) so
            # repeated accesses do not chain tracebacks onto one stored instance.
            raise copy.copy(reason)
        if inference is None:
            raise AttributeError(
                f"Likelihood-based inference is defined only at a cross-entropy optimum; this "
                f"model was trained with loss={getattr(self, 'loss', None)!r}."
            )
        return inference

    def cov_params(self) -> Array:
        """Covariance matrix of the parameters (intercept first): the inverse Hessian."""
        return self._require_inference().cov_params

    def conf_int(self, alpha: float = 0.05) -> Array:
        """Wald confidence intervals, shape ``(n_params, 2)``, intercept first."""
        return self._require_inference().conf_int(alpha)

    @property
    def bse_(self) -> Array:
        """Standard errors of the parameters (intercept first)."""
        return self._require_inference().bse

    @property
    def zvalues_(self) -> Array:
        """Wald z statistics (intercept first)."""
        return self._require_inference().zvalues

    @property
    def pvalues_(self) -> Array:
        """Two-sided Wald p-values (intercept first)."""
        return self._require_inference().pvalues

    @property
    def llf_(self) -> float:
        """Log-likelihood at the fitted parameters."""
        return self._require_inference().llf

    @property
    def llnull_(self) -> float:
        """Log-likelihood of the intercept-only model."""
        return self._require_inference().llnull

    @property
    def llr_(self) -> float:
        """Likelihood-ratio statistic against the intercept-only model."""
        return self._require_inference().llr

    @property
    def llr_pvalue_(self) -> float:
        """p-value of the likelihood-ratio test."""
        return self._require_inference().llr_pvalue

    @property
    def deviance_(self) -> float:
        """Residual deviance, ``-2 * llf_``."""
        return self._require_inference().deviance

    @property
    def null_deviance_(self) -> float:
        """Null deviance, ``-2 * llnull_``."""
        return self._require_inference().null_deviance

    @property
    def aic_(self) -> float:
        """Akaike information criterion."""
        return self._require_inference().aic

    @property
    def bic_(self) -> float:
        """Bayesian information criterion (``log`` of the total sample weight)."""
        return self._require_inference().bic

    @property
    def prsquared_(self) -> float:
        """McFadden's pseudo-R²."""
        return self._require_inference().prsquared

    @property
    def df_model_(self) -> int:
        """Model degrees of freedom (number of slopes)."""
        return self._require_inference().df_model

    @property
    def df_resid_(self) -> float:
        """Residual degrees of freedom."""
        return self._require_inference().df_resid

    @property
    def nobs_(self) -> float:
        """Number of observations (total sample weight)."""
        return self._require_inference().nobs

    def _summary_method(self) -> tuple[str, int, bool]:
        raise NotImplementedError

    def summary(self, alpha: float = 0.05, yname: str = "y") -> Summary:
        """Regression table like statsmodels' ``Logit.fit().summary()``.

        Parameters
        ----------
        alpha : float, default=0.05
            Significance level of the confidence intervals.
        yname : str, default="y"
            Name of the outcome shown in the header.

        Returns
        -------
        Summary
            Printable (``print(model.summary())``), with ``as_text()`` and ``as_html()``.
        """
        inference = self._require_inference()
        method, n_iter, converged = self._summary_method()
        return inference.summary(
            method=method, n_iter=n_iter, converged=converged, dep_variable=yname, alpha=alpha
        )


class BinaryLinearClassifier(LikelihoodInferenceMixin):
    """Base class of the binary estimators: prediction and Wald inference."""

    def _store_parameters(self, data: BinaryData, theta: Array, fit_intercept: bool) -> None:
        self._store_data_description(data)
        self.intercept_ = float(theta[0]) if fit_intercept else 0.0
        self.coef_ = np.array(theta[1:] if fit_intercept else theta, dtype=np.float64)

    def _store_inference(
        self,
        data: BinaryData,
        objective: Objective,
        theta: Array,
        hessian: Array,
        logits: Array | None = None,
    ) -> None:
        # The solver's logits at theta, when it has them, save a pass over X.
        z = objective.linear_predictor(theta) if logits is None else logits
        log_lik = -float(data.sample_weight @ objective.loss.value(data.y, z))
        self._inference = LogitInference(
            params=np.array(theta, dtype=np.float64),
            hessian=hessian,
            llf=log_lik,
            llnull=null_log_likelihood(
                np.bincount(data.y.astype(np.intp), weights=data.sample_weight, minlength=2),
                objective.fit_intercept,
            ),
            nobs=float(data.sample_weight.sum()),
            param_names=self._param_names(data, objective.fit_intercept),
            fit_intercept=objective.fit_intercept,
            l2=objective.l2,
        )

    @property
    def params_(self) -> Array:
        """All parameters, intercept first (when fitted), as statsmodels' ``params``."""
        self._check_fitted()
        if self.fit_intercept:
            return np.concatenate(([self.intercept_], self.coef_))
        return self.coef_.copy()

    # -- prediction -------------------------------------------------------------------
    def decision_function(self, X: Any) -> Array:
        r"""Logits :math:`\hat\beta_0 + X\hat\beta` (log-odds of class ``classes_[1]``).

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
        """
        X_arr = self._check_predict_X(X)
        with np.errstate(over="ignore", invalid="ignore"):
            z = X_arr @ self.coef_ + self.intercept_
        return check_finite_logits(z)

    def predict_proba(self, X: Any) -> Array:
        """Class probabilities, columns ordered as ``classes_``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, 2)
            ``[:, 1]`` is :math:`\\sigma(z)`; ``[:, 0]`` is :math:`\\sigma(-z)`, computed
            directly so that small probabilities keep their digits.
        """
        z = self.decision_function(X)
        return np.column_stack((sigmoid(-z), sigmoid(z)))

    def predict(self, X: Any) -> np.ndarray:
        """Most probable class label (``classes_[1]`` where the logit is positive)."""
        z = self.decision_function(X)
        return self.classes_[(z > 0).astype(np.intp)]


@functools.cache
def _sklearn_not_fitted_error(sklearn_error: type[Exception]) -> type[NotFittedError]:
    return type("NotFittedError", (NotFittedError, sklearn_error), {"__module__": __name__})


def _not_fitted_error_class() -> type[NotFittedError]:
    """The package's ``NotFittedError``, also scikit-learn's when scikit-learn is loaded.

    Code that already imported scikit-learn (a pipeline, a grid search) catches
    ``sklearn.exceptions.NotFittedError``; the subclass of both satisfies it without
    making scikit-learn a dependency of the package.
    """
    sklearn_exceptions = sys.modules.get("sklearn.exceptions")
    if sklearn_exceptions is None:
        return NotFittedError
    return _sklearn_not_fitted_error(sklearn_exceptions.NotFittedError)


def _same(value: Any, default: Any) -> bool:
    if value is default:
        return True
    try:
        return bool(value == default)
    except (TypeError, ValueError):
        return False
