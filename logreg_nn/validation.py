"""Input checks shared by every public entry point.

Each check converts what users pass (lists, numpy arrays of any numeric dtype, pandas
objects) into float64 arrays, or raises :class:`~logreg_nn.exceptions.InvalidInputError`
with a message that names the argument and the problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .exceptions import InvalidInputError

__all__ = ["BinaryData", "check_X", "check_binary_data", "check_sample_weight", "check_y"]


def _column_names(X: Any) -> list[str] | None:
    columns = getattr(X, "columns", None)
    if columns is None:
        return None
    return [str(c) for c in columns]


def _describe(arr: np.ndarray) -> str:
    return f"{arr.ndim}-D array of shape {arr.shape}"


def _as_numeric(values: Any, name: str) -> np.ndarray:
    if hasattr(values, "toarray") and hasattr(values, "nnz"):
        raise InvalidInputError(
            f"{name} is a sparse matrix; sparse input is not supported: densify it with "
            f"{name}.toarray()."
        )
    try:
        arr = np.asarray(values)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{name} could not be read as an array: {exc}") from None
    if arr.dtype == object:
        # pandas frames with mixed or nullable columns arrive as object arrays.
        try:
            arr = arr.astype(np.float64)
        except (TypeError, ValueError):
            raise InvalidInputError(
                f"{name} contains non-numeric values (dtype object); encode strings and "
                "categories as numbers first."
            ) from None
    if np.iscomplexobj(arr):
        raise InvalidInputError(
            f"Complex data not supported: {name} is complex; logistic regression needs real "
            "numbers."
        )
    if arr.dtype.kind not in "biuf":
        raise InvalidInputError(
            f"{name} must be numeric, got dtype {arr.dtype}; encode strings and categories "
            "as numbers first."
        )
    return arr


def _require_finite(arr: np.ndarray, name: str) -> None:
    if arr.dtype.kind == "f" and not np.isfinite(arr).all():
        bad = np.argwhere(~np.isfinite(arr))[0]
        where = tuple(int(i) for i in bad)
        kind = "NaN" if np.isnan(arr[where]) else "inf"
        total = int((~np.isfinite(arr)).sum())
        raise InvalidInputError(
            f"{name} contains {kind} (first at index {where if len(where) > 1 else where[0]}, "
            f"{total} non-finite value(s) in all); remove or impute them."
        )


def check_X(
    X: Any, *, name: str = "X", n_features: int | None = None
) -> tuple[NDArray[np.float64], list[str] | None]:
    """Validate a feature matrix.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        Numeric, finite, two-dimensional, non-empty.
    name : str, default="X"
        Argument name used in error messages.
    n_features : int, optional
        Expected number of columns (at prediction time).

    Returns
    -------
    X : ndarray of float64
        The data, copied only when the dtype or memory layout requires it.
    feature_names : list of str or None
        Column names when ``X`` is a DataFrame.

    Raises
    ------
    InvalidInputError
        Non-numeric, complex, NaN/inf values, wrong dimension, empty, or wrong number of columns.

    Examples
    --------
    >>> from logreg_nn.validation import check_X
    >>> check_X([[1, 2], [3, 4]])[0].dtype
    dtype('float64')
    >>> check_X([1, 2, 3])
    Traceback (most recent call last):
    ...
    logreg_nn.exceptions.InvalidInputError: X must be 2-D (n_samples, n_features), got a 1-D ...
    """
    names = _column_names(X)
    arr = _as_numeric(X, name)
    if arr.ndim != 2:
        hint = (
            "; Reshape your data with X.reshape(-1, 1) if it is one feature"
            if arr.ndim == 1
            else ""
        )
        raise InvalidInputError(
            f"{name} must be 2-D (n_samples, n_features), got a {_describe(arr)}{hint}."
        )
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        # Worded as scikit-learn's check_array words it, which its estimator checks match.
        what = "sample(s)" if arr.shape[0] == 0 else "feature(s)"
        raise InvalidInputError(
            f"{name} is empty: found array with 0 {what} (shape={arr.shape}) while a minimum "
            "of 1 is required."
        )
    arr = np.asarray(arr, dtype=np.float64)
    _require_finite(arr, name)
    if n_features is not None and arr.shape[1] != n_features:
        raise InvalidInputError(
            f"{name} has {arr.shape[1]} features, but the model was fitted with {n_features}."
        )
    return arr, names


def check_y(y: Any, n_samples: int, *, name: str = "y") -> tuple[NDArray[np.float64], np.ndarray]:
    """Validate binary labels and map them to 0/1.

    Parameters
    ----------
    y : array_like of shape (n_samples,)
        Exactly two distinct values of any sortable type (0/1, -1/+1, booleans, strings).
        The larger value (in sorted order) becomes class 1, as in scikit-learn.
    n_samples : int
        Number of rows of ``X``.
    name : str, default="y"
        Argument name used in error messages.

    Returns
    -------
    y01 : ndarray of float64
        Labels coded 0.0 and 1.0.
    classes : ndarray
        The two original label values, ``classes[1]`` being coded 1.

    Raises
    ------
    InvalidInputError
        Wrong shape or length, NaN, fewer or more than two classes.

    Examples
    --------
    >>> from logreg_nn.validation import check_y
    >>> check_y(["no", "yes", "yes"], 3)
    (array([0., 1., 1.]), array(['no', 'yes'], dtype='<U3'))
    """
    if y is None:
        raise InvalidInputError(
            f"This estimator requires {name} to be passed, but the target {name} is None."
        )
    arr = np.asarray(y)
    if arr.ndim == 2 and arr.shape[1] == 1:
        arr = arr[:, 0]
    if arr.ndim != 1:
        raise InvalidInputError(f"{name} must be 1-D (n_samples,), got a {_describe(arr)}.")
    if arr.shape[0] != n_samples:
        raise InvalidInputError(
            f"X and {name} have mismatched lengths: X has {n_samples} rows, {name} has "
            f"{arr.shape[0]}."
        )
    if np.iscomplexobj(arr):
        raise InvalidInputError(
            f"Complex data not supported: {name} is complex; labels must be two distinct values."
        )
    if arr.dtype.kind == "f" and not np.isfinite(arr).all():
        raise InvalidInputError(f"{name} contains NaN or inf; labels must be two distinct values.")
    if arr.dtype == object and any(v is None for v in arr):
        raise InvalidInputError(f"{name} contains missing values (None).")
    try:
        classes, coded = np.unique(arr, return_inverse=True)
    except TypeError:
        raise InvalidInputError(f"{name} mixes label types that cannot be compared.") from None
    if classes.size == 1:
        raise InvalidInputError(
            f"{name} has only one class ({classes[0]!r}); logistic regression needs both classes."
        )
    if classes.size > 2:
        shown = ", ".join(repr(c) for c in classes[:5].tolist())
        continuous = arr.dtype.kind == "f" and not np.all(classes == np.round(classes))
        raise InvalidInputError(
            f"{name} has {classes.size} classes ({shown}{', ...' if classes.size > 5 else ''})"
            f"{'; it looks like a continuous target' if continuous else ''}. Only binary "
            "classification is supported: labels must take exactly two distinct values."
        )
    return coded.astype(np.float64), classes


def check_sample_weight(
    sample_weight: Any, n_samples: int, *, name: str = "sample_weight"
) -> NDArray[np.float64]:
    """Validate sample weights, defaulting to ones.

    Parameters
    ----------
    sample_weight : array_like of shape (n_samples,) or None
        Non-negative, finite, not all zero. Weights act like frequency weights: an
        integer weight ``k`` is the same as repeating the row ``k`` times.
    n_samples : int
        Number of rows of ``X``.
    name : str, default="sample_weight"
        Argument name used in error messages.

    Returns
    -------
    ndarray of float64

    Examples
    --------
    >>> from logreg_nn.validation import check_sample_weight
    >>> check_sample_weight(None, 2)
    array([1., 1.])
    >>> check_sample_weight([1.0, -1.0], 2)
    Traceback (most recent call last):
    ...
    logreg_nn.exceptions.InvalidInputError: sample_weight has negative values ...
    """
    if sample_weight is None:
        return np.ones(n_samples)
    arr = _as_numeric(sample_weight, name)
    if arr.ndim != 1:
        raise InvalidInputError(f"{name} must be 1-D (n_samples,), got a {_describe(arr)}.")
    if arr.shape[0] != n_samples:
        raise InvalidInputError(
            f"X and {name} have mismatched lengths: X has {n_samples} rows, {name} has "
            f"{arr.shape[0]}."
        )
    arr = np.asarray(arr, dtype=np.float64)
    _require_finite(arr, name)
    if (arr < 0).any():
        first = int(np.argmax(arr < 0))
        raise InvalidInputError(
            f"{name} has negative values (first at index {first}); weights must be >= 0."
        )
    if not (arr > 0).any():
        raise InvalidInputError(f"{name} is all zero; at least one observation needs weight.")
    return arr


@dataclass(frozen=True)
class BinaryData:
    """Validated training data of a binary model."""

    X: NDArray[np.float64]
    y: NDArray[np.float64]
    sample_weight: NDArray[np.float64]
    classes: np.ndarray
    feature_names: list[str] | None


def check_binary_data(
    X: Any, y: Any, sample_weight: Any = None, *, fit_intercept: bool = True
) -> BinaryData:
    """Validate ``X``, ``y`` and ``sample_weight`` together for a binary model.

    Beyond the separate checks, both classes must keep positive weight and there must be at
    least as many weighted observations as parameters.

    Examples
    --------
    >>> from logreg_nn.validation import check_binary_data
    >>> data = check_binary_data([[0.0], [1.0], [2.0]], [3, 7, 7])
    >>> data.y, data.classes
    (array([0., 1., 1.]), array([3, 7]))
    """
    X_arr, names = check_X(X)
    n_samples, n_features = X_arr.shape
    y01, classes = check_y(y, n_samples)
    weights = check_sample_weight(sample_weight, n_samples)
    for code in (0.0, 1.0):
        if not (weights[y01 == code] > 0).any():
            raise InvalidInputError(
                f"y has a single class once zero weights are dropped: every observation of "
                f"class {classes[int(code)]!r} has sample_weight 0."
            )
    n_params = n_features + int(fit_intercept)
    n_used = int((weights > 0).sum())
    if n_used < n_params:
        raise InvalidInputError(
            f"n_samples ({n_used} with positive weight) is smaller than the number of "
            f"parameters ({n_params} = {n_features} features"
            f"{' + intercept' if fit_intercept else ''}); the coefficients are not identifiable."
        )
    return BinaryData(X_arr, y01, weights, classes, names)


def default_feature_names(n_features: int) -> list[str]:
    """``["x1", "x2", ...]``, the names used when ``X`` carries none."""
    return [f"x{j + 1}" for j in range(n_features)]
