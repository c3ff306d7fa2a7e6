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

from ._parallel import map_rows, row_ranges
from .exceptions import InvalidInputError

__all__ = [
    "BinaryData",
    "MulticlassData",
    "check_X",
    "check_binary_data",
    "check_bool",
    "check_finite_logits",
    "check_integer",
    "check_known_labels",
    "check_labels",
    "check_multiclass_data",
    "check_random_state",
    "check_real",
    "check_sample_weight",
    "check_y",
    "column_scale",
]

#: Largest allowed value of ``max|x_j|**2 * sum(w) * n_params``, about 1e150. The Hessian
#: :math:`\tilde X^\top W \tilde X` is bounded by it, and the norms and eigenvalue solvers
#: applied to the Hessian square its entries, so the bound is the square root of the
#: largest float64 with a margin of 1e-4.
GRAM_LIMIT = float(np.sqrt(np.finfo(np.float64).max)) * 1e-4

#: Smallest allowed value of ``max|x_j|**2 * sum(w)`` for a column that is not all zero,
#: about 1e-150: below it squared Hessian entries underflow, and the column would be
#: misdiagnosed as aliased or given an infinite step size.
GRAM_FLOOR = float(np.sqrt(np.finfo(np.float64).tiny)) * 1e4
#: Entries reduced at a time by :func:`column_scale` (512 KiB): a block that stays in
#: cache between its maximum and its minimum, so ``X`` is read from memory once, and,
#: when only some rows are scanned, the size of the copy of the chosen ones.
EXTREMES_CHUNK_ENTRIES = 2**16
#: Length of the rows :func:`column_scale`'s reductions run along. numpy reduces a block
#: over its first axis row by row, so with few columns the per-row overhead dominated;
#: viewing ``k`` consecutive rows of a C-ordered block as one row of ``k`` times the
#: columns cut the scan of 10^6 rows, split in two, from 64 to 9 ms (10 columns), 134 to
#: 49 ms (50) and 295 to 190 ms (200), timed in turns with the row-by-row scan.
EXTREMES_FOLD_ENTRIES = 4096


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


def column_scale(
    X: NDArray[np.float64], rows: NDArray[np.bool_] | None = None
) -> NDArray[np.float64]:
    r"""Largest absolute entry of each column of a 2-D float array, without a copy of it.

    Column maxima and minima are reduced ``EXTREMES_CHUNK_ENTRIES`` entries at a time, so no
    :math:`n \times p` temporary such as ``np.abs(X)`` is made and ``X`` is read once.
    NaN propagates through both reductions and an infinity into one of them, so the result
    is finite exactly when ``X`` is. On large data the rows are split between the cores
    (numpy's reductions run on one), as this pass is a large part of validating big data.
    ``rows``, a boolean mask with one entry per row, restricts the scan to those rows
    (still without a copy of them). With no rows to scan every entry is ``-inf``.

    Examples
    --------
    >>> import numpy as np
    >>> from logreg_nn.validation import column_scale
    >>> column_scale(np.array([[1.0, -5.0], [-3.0, 2.0]]))
    array([3., 5.])
    >>> column_scale(np.array([[1.0, -5.0], [-3.0, 2.0]]), rows=np.array([True, False]))
    array([1., 5.])
    """

    if rows is not None and (rows.dtype != np.bool_ or rows.shape != X.shape[:1]):
        raise InvalidInputError(
            f"column_scale: rows must be a boolean mask of shape {X.shape[:1]}, got dtype "
            f"{rows.dtype} and shape {rows.shape}."
        )

    def extremes(part: slice) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        return _column_extremes(X[part], None if rows is None else rows[part])

    parts = map_rows(extremes, row_ranges(*X.shape))
    high = np.max([part[0] for part in parts], axis=0)
    low = np.min([part[1] for part in parts], axis=0)
    np.negative(low, out=low)
    return np.maximum(high, low, out=high)


def _column_extremes(
    X: NDArray[np.float64], rows: NDArray[np.bool_] | None
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    n_rows, n_columns = X.shape
    if n_columns == 0:
        return np.full(0, -np.inf), np.full(0, np.inf)
    # Fold consecutive rows into rows of about EXTREMES_FOLD_ENTRIES entries (a view only
    # for C-ordered data): the extremes of the folded columns, then of their copies.
    fold = max(1, EXTREMES_FOLD_ENTRIES // n_columns) if X.flags.c_contiguous else 1
    chunk = fold * max(1, EXTREMES_CHUNK_ENTRIES // (n_columns * fold))
    high = np.full(fold * n_columns, -np.inf)
    low = np.full(fold * n_columns, np.inf)
    for start in range(0, n_rows, chunk):
        block = X[start : start + chunk]
        if rows is not None:
            # A copy of the chosen rows: one chunk at a time, freed before the next.
            block = block[rows[start : start + chunk]]
        _fold_into(block, fold, high, low)
    return high.reshape(fold, n_columns).max(axis=0), low.reshape(fold, n_columns).min(axis=0)


def _fold_into(
    block: NDArray[np.float64], fold: int, high: NDArray[np.float64], low: NDArray[np.float64]
) -> None:
    # Running extremes of a block whose rows are folded ``fold`` at a time; rows left over
    # from the last whole fold go into the first copy of the columns.
    n_columns = block.shape[1]
    whole = block.shape[0] - block.shape[0] % fold
    if whole:
        folded = block[:whole].reshape(-1, fold * n_columns)
        np.maximum(high, folded.max(axis=0), out=high)
        np.minimum(low, folded.min(axis=0), out=low)
    if whole < block.shape[0]:
        rest = block[whole:]
        np.maximum(high[:n_columns], rest.max(axis=0), out=high[:n_columns])
        np.minimum(low[:n_columns], rest.min(axis=0), out=low[:n_columns])


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
    arr, names = _as_matrix(X, name)
    _require_finite(arr, name)
    if n_features is not None and arr.shape[1] != n_features:
        raise InvalidInputError(
            f"{name} has {arr.shape[1]} features, but the model was fitted with {n_features}."
        )
    return arr, names


def _check_training_X(X: Any) -> tuple[NDArray[np.float64], list[str] | None, NDArray[np.float64]]:
    # check_X for fitting, also returning column_scale(X): its one pass over X tests
    # finiteness (the non-finite entry is located only when there is one), and the
    # magnitude check and the solvers' gradient units reuse it.
    arr, names = _as_matrix(X, "X")
    scale = column_scale(arr)
    if not np.isfinite(scale).all():
        _require_finite(arr, "X")
    return arr, names, scale


def _as_matrix(X: Any, name: str) -> tuple[NDArray[np.float64], list[str] | None]:
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
    return np.asarray(arr, dtype=np.float64), names


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
    codes, classes = check_labels(y, n_samples, name=name)
    if classes.size > 2:
        shown = ", ".join(repr(c) for c in classes[:5].tolist())
        continuous = "; it looks like a continuous target" if _looks_continuous(classes) else ""
        raise InvalidInputError(
            f"{name} has {classes.size} classes ({shown}{', ...' if classes.size > 5 else ''})"
            f"{continuous}. Only binary classification is supported: labels must take exactly "
            "two distinct values."
        )
    return codes.astype(np.float64), classes


def _label_array(y: Any, n_samples: int, name: str) -> np.ndarray:
    """``y`` as a 1-D array with one label per row of ``X`` (a single column is accepted)."""
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
    return arr


def _looks_continuous(classes: np.ndarray) -> bool:
    return classes.dtype.kind == "f" and not np.all(classes == np.round(classes))


def check_labels(y: Any, n_samples: int, *, name: str = "y") -> tuple[NDArray[np.intp], np.ndarray]:
    """Validate class labels and code them ``0 .. n_classes - 1`` in sorted order.

    Parameters
    ----------
    y : array_like of shape (n_samples,)
        At least two distinct values of one sortable type (integers, booleans, strings).
    n_samples : int
        Number of rows of ``X``.
    name : str, default="y"
        Argument name used in error messages.

    Returns
    -------
    codes : ndarray of intp
        Position of each label in ``classes``.
    classes : ndarray
        The distinct labels, sorted.

    Raises
    ------
    InvalidInputError
        Wrong shape or length, complex values, NaN/inf, missing values, labels that
        cannot be compared, a single class.

    Examples
    --------
    >>> from logreg_nn.validation import check_labels
    >>> check_labels(["b", "a", "c", "a"], 4)
    (array([1, 0, 2, 0]), array(['a', 'b', 'c'], dtype='<U1'))
    """
    arr = _label_array(y, n_samples, name)
    if np.iscomplexobj(arr):
        raise InvalidInputError(
            f"Complex data not supported: {name} is complex; labels must be class values."
        )
    if arr.dtype.kind == "f" and not np.isfinite(arr).all():
        raise InvalidInputError(f"{name} contains NaN or inf; labels must be class values.")
    if arr.dtype == object and any(v is None for v in arr):
        raise InvalidInputError(f"{name} contains missing values (None).")
    two = _two_numeric_labels(arr)
    if two is not None:
        return two
    try:
        classes, codes = np.unique(arr, return_inverse=True)
    except TypeError:
        raise InvalidInputError(f"{name} mixes label types that cannot be compared.") from None
    if classes.size == 1:
        raise InvalidInputError(
            f"{name} has only one class ({classes[0]!r}); classification needs at least two "
            "classes."
        )
    return codes.astype(np.intp), classes


def _two_numeric_labels(arr: np.ndarray) -> tuple[NDArray[np.intp], np.ndarray] | None:
    # np.unique sorts all n labels; binary numeric labels need only two comparisons each.
    if arr.dtype.kind not in "biuf" or arr.ndim != 1 or arr.size == 0:
        return None
    first = arr[0]
    differs = arr != first
    where = int(differs.argmax())
    if not differs[where]:
        return None
    second = arr[where]
    is_high = arr == max(first, second)
    if not (differs == (arr == second)).all():
        return None  # a third value: np.unique reports the classes
    return is_high.astype(np.intp), np.array(sorted((first, second)), dtype=arr.dtype)


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
    column_scale: NDArray[np.float64] | None = None


def check_binary_data(
    X: Any, y: Any, sample_weight: Any = None, *, fit_intercept: bool = True
) -> BinaryData:
    r"""Validate ``X``, ``y`` and ``sample_weight`` together for a binary model.

    Beyond the separate checks, both classes must keep positive weight, there must be at
    least as many weighted observations as parameters, and the features must be of a size
    whose Hessian :math:`\tilde X^\top W \tilde X` neither overflows nor underflows
    float64: every non-zero column needs :math:`\max_i |x_{ij}|^2 \sum_i w_i` between
    ``GRAM_FLOOR`` (about 1e-150) and ``GRAM_LIMIT / n_params`` (about 1e150 / n_params).
    Such data are rejected with a request to rescale rather than fitted into overflow
    warnings and NaN coefficients.

    Examples
    --------
    >>> from logreg_nn.validation import check_binary_data
    >>> data = check_binary_data([[0.0], [1.0], [2.0]], [3, 7, 7])
    >>> data.y, data.classes
    (array([0., 1., 1.]), array([3, 7]))
    """
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    X_arr, names, scale = _check_training_X(X)
    y01, classes = check_y(y, X_arr.shape[0])
    weights = check_sample_weight(sample_weight, X_arr.shape[0])
    _check_fit_sizes(X_arr, names, y01.astype(np.intp), classes, weights, fit_intercept, 1, scale)
    return BinaryData(X_arr, y01, weights, classes, names, scale)


@dataclass(frozen=True)
class MulticlassData:
    """Validated training data of a multinomial model."""

    X: NDArray[np.float64]
    codes: NDArray[np.intp]
    sample_weight: NDArray[np.float64]
    classes: np.ndarray
    feature_names: list[str] | None
    column_scale: NDArray[np.float64] | None = None


def check_multiclass_data(
    X: Any, y: Any, sample_weight: Any = None, *, fit_intercept: bool = True
) -> MulticlassData:
    """Validate ``X``, ``y`` (two or more classes) and ``sample_weight`` for a softmax model.

    The same checks as :func:`check_binary_data`, with any number of classes: every class
    must keep positive weight, and a float target with non-integer values is refused as
    continuous rather than fitted with one class per distinct value. The magnitude bounds
    count one parameter vector per class.

    Examples
    --------
    >>> from logreg_nn.validation import check_multiclass_data
    >>> data = check_multiclass_data([[0.0], [1.0], [2.0], [3.0]], ["a", "b", "c", "a"])
    >>> data.codes, data.classes
    (array([0, 1, 2, 0]), array(['a', 'b', 'c'], dtype='<U1'))
    """
    fit_intercept = check_bool(fit_intercept, "fit_intercept")
    X_arr, names, scale = _check_training_X(X)
    codes, classes = check_labels(y, X_arr.shape[0])
    if _looks_continuous(classes):
        raise InvalidInputError(
            f"y has {classes.size} distinct non-integer values; it looks like a continuous "
            "target. Classification needs class labels."
        )
    weights = check_sample_weight(sample_weight, X_arr.shape[0])
    _check_fit_sizes(X_arr, names, codes, classes, weights, fit_intercept, classes.size, scale)
    return MulticlassData(X_arr, codes, weights, classes, names, scale)


def _check_fit_sizes(
    X: NDArray[np.float64],
    names: list[str] | None,
    codes: NDArray[np.intp],
    classes: np.ndarray,
    weights: NDArray[np.float64],
    fit_intercept: bool,
    n_outputs: int,
    scale: NDArray[np.float64],
) -> None:
    """Checks that need ``X``, the labels and the weights together.

    Every class keeps positive weight, the weighted rows identify the
    ``n_features + fit_intercept`` parameters of each equation, and the magnitude of the
    ``n_outputs`` parameter vectors' Hessian stays within float64.
    """
    weighted = np.bincount(codes, weights=weights, minlength=classes.size) > 0
    if not weighted.all():
        missing = ", ".join(repr(c) for c in classes[~weighted].tolist())
        few = "a single class" if weighted.sum() < 2 else "a class without observations"
        raise InvalidInputError(
            f"y has {few} once zero weights are dropped: every observation of "
            f"class {missing} has sample_weight 0."
        )
    n_features = X.shape[1]
    n_params = n_features + int(fit_intercept)
    n_used = int((weights > 0).sum())
    if n_used < n_params:
        raise InvalidInputError(
            f"n_samples ({n_used} with positive weight) is smaller than the number of "
            f"parameters ({n_params} = {n_features} features"
            f"{' + intercept' if fit_intercept else ''}); the coefficients are not identifiable."
        )
    _check_magnitude(scale, weights, n_outputs * n_params, names)


def default_feature_names(n_features: int) -> list[str]:
    """``["x1", "x2", ...]``, the names used when ``X`` carries none."""
    return [f"x{j + 1}" for j in range(n_features)]


def _owned(name: str, owner: str | None) -> str:
    return f"{owner}: {name}" if owner else name


def check_real(
    value: Any,
    name: str,
    *,
    minimum: float | None = None,
    strict: bool = False,
    owner: str | None = None,
) -> float:
    """Validate a real, finite scalar hyperparameter, optionally bounded below.

    Parameters
    ----------
    value : object
        The value passed by the user.
    name : str
        Argument name used in error messages.
    minimum : float, optional
        Lower bound.
    strict : bool, default=False
        Whether the bound is strict (``value > minimum``).
    owner : str, optional
        Class or function the argument belongs to, prefixed to messages.

    Returns
    -------
    float

    Examples
    --------
    >>> from logreg_nn.validation import check_real
    >>> check_real(0.5, "learning_rate", minimum=0, strict=True)
    0.5
    >>> check_real("fast", "learning_rate", minimum=0, strict=True)
    Traceback (most recent call last):
    ...
    logreg_nn.exceptions.InvalidInputError: learning_rate must be a finite number > 0, got 'fast'.
    """
    bound = "" if minimum is None else f" {'>' if strict else '>='} {minimum:g}"
    problem = f"{_owned(name, owner)} must be a finite number{bound}, got {value!r}."
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    # bool is an int subclass, but True as a penalty or step size is a mistake, not 1.0.
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | float | np.number):
        raise InvalidInputError(problem)
    if isinstance(value, complex | np.complexfloating) or not np.isfinite(value):
        raise InvalidInputError(problem)
    number = float(value)
    if minimum is not None and (number <= minimum if strict else number < minimum):
        raise InvalidInputError(problem)
    return number


def check_integer(value: Any, name: str, *, minimum: int, owner: str | None = None) -> int:
    """Validate an integer hyperparameter ``>= minimum`` (booleans and floats rejected).

    Examples
    --------
    >>> from logreg_nn.validation import check_integer
    >>> check_integer(3, "batch_size", minimum=1)
    3
    >>> check_integer(1.5, "batch_size", minimum=1)
    Traceback (most recent call last):
    ...
    logreg_nn.exceptions.InvalidInputError: batch_size must be an integer >= 1, got 1.5.
    """
    if (
        isinstance(value, bool | np.bool_)
        or not isinstance(value, int | np.integer)
        or value < minimum
    ):
        raise InvalidInputError(
            f"{_owned(name, owner)} must be an integer >= {minimum}, got {value!r}."
        )
    return int(value)


def check_bool(value: Any, name: str, *, owner: str | None = None) -> bool:
    """Validate a flag: ``True`` or ``False`` (numpy booleans too), nothing merely truthy.

    Examples
    --------
    >>> from logreg_nn.validation import check_bool
    >>> check_bool("no", "fit_intercept")
    Traceback (most recent call last):
    ...
    logreg_nn.exceptions.InvalidInputError: fit_intercept must be True or False, got 'no'.
    """
    if not isinstance(value, bool | np.bool_):
        raise InvalidInputError(f"{_owned(name, owner)} must be True or False, got {value!r}.")
    return bool(value)


def check_random_state(value: Any, name: str = "random_state") -> np.random.Generator:
    """Turn ``None``, a non-negative integer or a ``Generator`` into a ``Generator``.

    Examples
    --------
    >>> from logreg_nn.validation import check_random_state
    >>> check_random_state(0).integers(10)
    np.int64(8)
    >>> check_random_state("seed")
    Traceback (most recent call last):
    ...
    logreg_nn.exceptions.InvalidInputError: random_state must be None, a non-negative ...
    """
    if value is None or isinstance(value, np.random.Generator):
        return np.random.default_rng(value)
    is_integer = isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_)
    if is_integer and value >= 0:
        return np.random.default_rng(int(value))
    raise InvalidInputError(
        f"{name} must be None, a non-negative integer or a numpy Generator, got {value!r}."
    )


def _column(j: int, names: list[str] | None) -> str:
    return f"column {names[j]!r}" if names else f"column {j}"


def _check_magnitude(
    column_max: NDArray[np.float64],
    weights: NDArray[np.float64],
    n_params: int,
    names: list[str] | None,
) -> None:
    # Work with logarithms: the products being bounded are exactly those that may overflow.
    largest_weight = float(weights.max())
    log_weight = np.log(largest_weight) + np.log(float((weights / largest_weight).sum()))
    if log_weight > np.log(GRAM_LIMIT):
        raise InvalidInputError(
            f"sample_weight has values too large for float64 arithmetic (up to "
            f"{largest_weight:.3g}); rescale the weights, which changes only the standard "
            "errors, not the estimates."
        )
    nonzero = column_max > 0
    log_gram = np.full(column_max.shape, -np.inf)
    log_gram[nonzero] = 2.0 * np.log(column_max[nonzero]) + log_weight
    too_large = np.flatnonzero(log_gram + np.log(n_params) > np.log(GRAM_LIMIT))
    if too_large.size:
        j = int(too_large[0])
        raise InvalidInputError(
            f"X has values too large for float64 arithmetic: {_column(j, names)} reaches "
            f"{column_max[j]:.3g}, so the Hessian X'WX would overflow (the limit here is "
            f"about {np.exp((np.log(GRAM_LIMIT / n_params) - log_weight) / 2):.3g}). Rescale the "
            "features (for example, standardise them); the coefficients scale inversely."
        )
    too_small = np.flatnonzero(nonzero & (log_gram < np.log(GRAM_FLOOR)))
    if too_small.size:
        j = int(too_small[0])
        raise InvalidInputError(
            f"X has values too small for float64 arithmetic: {_column(j, names)} is at most "
            f"{column_max[j]:.3g} in absolute value, so its Hessian entries underflow. Rescale "
            "the features (for example, standardise them); the coefficients scale inversely."
        )


def check_known_labels(y: Any, classes: np.ndarray, n_samples: int, *, name: str = "y") -> None:
    """Check that labels given to ``score`` are among the fitted ``classes_``.

    A label never seen in ``fit`` can never be predicted, so an accuracy computed with it
    would silently count as wrong every such observation.

    Examples
    --------
    >>> import numpy as np
    >>> from logreg_nn.validation import check_known_labels
    >>> check_known_labels(["yes", "maybe"], np.array(["no", "yes"]), 2)
    Traceback (most recent call last):
    ...
    logreg_nn.exceptions.InvalidInputError: y contains label(s) not seen in fit: 'maybe'...
    """
    arr = _label_array(y, n_samples, name)
    known = set(classes.tolist())
    unknown = sorted({repr(v) for v in arr.tolist() if v not in known})
    if unknown:
        shown = ", ".join(unknown[:5]) + (", ..." if len(unknown) > 5 else "")
        raise InvalidInputError(
            f"{name} contains label(s) not seen in fit: {shown}; the fitted classes_ are "
            f"{', '.join(repr(c) for c in classes.tolist())}."
        )


def check_finite_logits(z: NDArray[np.float64], *, name: str = "X") -> NDArray[np.float64]:
    """Refuse logits that overflowed float64 at prediction time.

    ``z`` has one logit per row (shape ``(n_samples,)``) or one per class and row (shape
    ``(n_samples, n_classes)``).

    Examples
    --------
    >>> import numpy as np
    >>> from logreg_nn.validation import check_finite_logits
    >>> check_finite_logits(np.array([0.5, np.inf]))
    Traceback (most recent call last):
    ...
    logreg_nn.exceptions.InvalidInputError: X has values so large that the logit of row 1 ...
    """
    if not np.isfinite(z).all():
        # One logit per row (binary) or one per class (multinomial): report the row.
        row = int(np.flatnonzero(~np.isfinite(z.reshape(z.shape[0], -1)).all(axis=1))[0])
        raise InvalidInputError(
            f"{name} has values so large that the logit of row {row} overflows float64; "
            "rescale the features the same way as for fitting."
        )
    return z
