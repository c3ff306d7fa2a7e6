"""Every error and warning logreg_nn raises, in one place.

All errors derive from :class:`ValueError` (so ``except ValueError`` keeps working, as with
scikit-learn) and all warnings from :class:`UserWarning`. Each carries the evidence a user
needs to check the diagnosis: the separating direction, the aliased columns, the final
gradient norm.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = [
    "ConvergenceWarning",
    "IllConditionedWarning",
    "InvalidInputError",
    "LogregNNWarning",
    "NotFittedError",
    "RankDeficiencyError",
    "SeparationError",
    "SeparationWarning",
    "TrainingDivergedError",
]


class InvalidInputError(ValueError):
    """An argument has the wrong shape, type or values (NaN, inf, labels, weights...)."""


class NotFittedError(ValueError, AttributeError):
    """A method that needs fitted parameters was called before ``fit``."""


class SeparationError(ValueError):
    """The classes are separated, so the maximum-likelihood estimate does not exist.

    Parameters
    ----------
    message : str
        Human-readable diagnosis.
    kind : {"complete", "quasi-complete"}
        Complete: a hyperplane puts every observation strictly on its class's side.
        Quasi-complete: some observations lie on the hyperplane, all others on their side.
    direction : ndarray
        Coefficients ``[intercept, slopes...]`` of the separating hyperplane (intercept
        first when the model has one): ``s_i * (x_i @ direction) >= 0`` for every
        observation, with ``s_i = +1`` for class 1 and ``-1`` for class 0.
    boundary : ndarray of int
        Indices of the observations lying on the hyperplane (empty for complete
        separation). Only these carry information about the coefficients.
    feature_names : sequence of str
        Names matching ``direction``.
    """

    def __init__(
        self,
        message: str,
        *,
        kind: str,
        direction: np.ndarray,
        boundary: np.ndarray,
        feature_names: Sequence[str],
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.direction = direction
        self.boundary = boundary
        self.feature_names = list(feature_names)

    def __reduce__(self) -> tuple:
        # Keyword-only evidence is not in ``args``; pickling (joblib, fitted estimators
        # that keep the diagnosis) must carry it along.
        evidence = {
            "kind": self.kind,
            "direction": self.direction,
            "boundary": self.boundary,
            "feature_names": self.feature_names,
        }
        return _rebuild, (type(self), str(self), evidence)


class RankDeficiencyError(ValueError):
    """The design matrix does not have full column rank: some columns are aliased.

    Parameters
    ----------
    message : str
        Human-readable diagnosis.
    aliased : list of str
        Names of the columns that are (numerically) linear combinations of the
        columns before them, in design order (the intercept comes first).
    """

    def __init__(self, message: str, *, aliased: Sequence[str]) -> None:
        super().__init__(message)
        self.aliased = list(aliased)

    def __reduce__(self) -> tuple:
        return _rebuild, (type(self), str(self), {"aliased": self.aliased})


def _rebuild(cls: type, message: str, evidence: dict) -> ValueError:
    """Unpickle an error whose evidence is passed by keyword."""
    return cls(message, **evidence)


class LogregNNWarning(UserWarning):
    """Base class of the warnings logreg_nn emits."""


class ConvergenceWarning(LogregNNWarning):
    """The solver stopped at its iteration limit before meeting its tolerance."""


class SeparationWarning(LogregNNWarning):
    """The network is being trained on separated classes: no finite optimum exists."""


class IllConditionedWarning(LogregNNWarning):
    """The Hessian is so ill-conditioned that standard errors lose most of their digits."""


class TrainingDivergedError(FloatingPointError, ValueError):
    """Training produced a non-finite loss or gradient (usually: the learning rate is too large)."""
