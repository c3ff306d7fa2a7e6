r"""Checks of the two conditions the equivalence theorem needs.

The summed cross-entropy has a unique finite minimiser exactly when

1. the design :math:`\tilde X = [\mathbf 1, X]` has full column rank (otherwise the objective
   is flat along a null-space direction: :func:`aliased_columns`), and
2. the classes overlap: no hyperplane puts every observation on its own class's side, not
   even allowing some on the hyperplane itself (Albert & Anderson, 1984). Otherwise the
   likelihood keeps increasing along the separating direction and the maximum-likelihood
   estimate does not exist: :func:`check_separation`.

The separation test is exact: a linear program in the spirit of Konis (2007), solved by
``scipy.optimize.linprog`` (HiGHS).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linprog

from .exceptions import RankDeficiencyError, SeparationError

__all__ = [
    "ALIAS_TOLERANCE",
    "CONDITION_LIMIT",
    "LP_ROWS",
    "SeparationCertificate",
    "aliased_columns",
    "check_multinomial_separation",
    "check_separation",
    "equilibrated_condition_number",
    "raise_if_rank_deficient",
]

Array = NDArray[np.float64]

#: A column is aliased when, after scaling every column of the weighted Gram matrix to unit
#: length, its squared residual on the columns before it is below this value (a residual
#: norm below 1e-5 of the column's own norm).
ALIAS_TOLERANCE = 1e-10

#: Above this condition number of the equilibrated Hessian, standard errors keep fewer than
#: about six significant digits and a warning is issued.
CONDITION_LIMIT = 1e10

#: Rows in the first linear program of the separation test; more are added only where its
#: direction is contradicted (see ``check_separation``), which bounds its memory.
LP_ROWS = 20_000

# Sum of margins (in scaled units) above which the linear program has found separation.
_LP_TOLERANCE = 1e-7


@dataclass(frozen=True)
class SeparationCertificate:
    """Result of the exact separation test.

    Attributes
    ----------
    kind : {"overlap", "complete", "quasi-complete"}
        ``"overlap"`` means the maximum-likelihood estimate exists (given full rank).
    direction : ndarray
        A separating direction ``[intercept, slopes...]`` (unit Euclidean norm), zeros for
        overlap. For every observation ``s_i * (x~_i @ direction) >= 0`` with
        ``s_i = 2 y_i - 1``; strictly for complete separation.
    boundary : ndarray of int
        Observations lying on the separating hyperplane (quasi-complete separation).
    margins : ndarray
        ``s_i * (x~_i @ direction)`` for each observation.
    """

    kind: str
    direction: Array
    boundary: NDArray[np.intp]
    margins: Array = field(repr=False)

    @property
    def separated(self) -> bool:
        """Whether the classes are (completely or quasi-completely) separated."""
        return self.kind != "overlap"


def _design(X: Array, fit_intercept: bool) -> Array:
    if fit_intercept:
        return np.column_stack((np.ones(X.shape[0]), X))
    return X


def check_separation(
    X: Array,
    y: Array,
    sample_weight: Array | None = None,
    *,
    fit_intercept: bool = True,
    max_rows: int = LP_ROWS,
) -> SeparationCertificate:
    r"""Exact test for complete and quasi-complete separation.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)
        Labels coded 0/1.
    sample_weight : ndarray, optional
        Observations with zero weight are ignored.
    fit_intercept : bool, default=True
    max_rows : int, default=LP_ROWS
        Rows in the first linear program. Larger data sets are handled by adding rows
        (cutting planes), so the dense constraint matrix stays small; the answer is exact.

    Returns
    -------
    SeparationCertificate

    Notes
    -----
    With signs :math:`s_i = 2y_i - 1` and rows :math:`a_i = s_i \tilde x_i`, the classes are
    separated (completely or quasi-completely) iff some :math:`d \ne 0` has
    :math:`a_i^\top d \ge 0` for all :math:`i` and :math:`a_i^\top d > 0` for at least one.
    The linear program

    .. math::

        \max_{d} \sum_i a_i^\top d \quad\text{s.t.}\quad a_i^\top d \ge 0,\ -1 \le d_j \le 1

    has optimum 0 exactly when the classes overlap. A second program, maximising
    :math:`t` subject to :math:`a_i^\top d \ge t`, tells complete (:math:`t^* > 0`) from
    quasi-complete separation. Columns are scaled to unit maximum before solving, and the
    direction is mapped back to the original units.

    Examples
    --------
    >>> import numpy as np
    >>> from logreg_nn.diagnostics import check_separation
    >>> X = np.array([[1.0], [2.0], [3.0], [4.0]])
    >>> check_separation(X, np.array([0.0, 0.0, 1.0, 1.0])).kind
    'complete'
    >>> check_separation(X, np.array([0.0, 1.0, 0.0, 1.0])).kind
    'overlap'
    """
    scaled, scale, keep = _scaled_design(X, sample_weight, fit_intercept)
    rows = scaled * (2.0 * y - 1.0)[:, None]
    kind, solution = _cutting_plane_lp(rows, np.flatnonzero(keep), max_rows)
    empty = np.array([], dtype=np.intp)
    if solution is None:
        return SeparationCertificate(kind, np.zeros(scale.size), empty, np.zeros(X.shape[0]))
    margins_scaled = rows @ solution
    norm = np.linalg.norm(solution / scale)
    on_boundary = keep & (np.abs(margins_scaled) <= _LP_TOLERANCE)
    boundary = empty if kind == "complete" else np.flatnonzero(on_boundary)
    return SeparationCertificate(kind, solution / scale / norm, boundary, margins_scaled / norm)


def _scaled_design(
    X: Array, sample_weight: Array | None, fit_intercept: bool
) -> tuple[Array, Array, NDArray[np.bool_]]:
    """Design with columns scaled to unit maximum (conditions the LP), scales, kept rows."""
    keep = np.ones(X.shape[0], dtype=bool) if sample_weight is None else sample_weight > 0
    design = _design(X, fit_intercept)
    scale = np.abs(design[keep]).max(axis=0)
    scale[scale == 0] = 1.0
    return design / scale, scale, keep


def _cutting_plane_lp(
    rows: Array, candidates: NDArray[np.intp], max_rows: int
) -> tuple[str, Array | None]:
    r"""Solve :func:`_separation_lp` on all ``candidates`` rows, starting from a subset.

    The programs only ever see the rows of a working set. Overlap of a subset implies
    overlap of the whole data, so that answer is final. A direction found on the subset is
    checked on every row: rows it misclassifies (margin below zero), or, for complete
    separation, leaves on the hyperplane, join the working set and the programs are solved
    again. Each round adds rows the direction got wrong, so the loop ends, at the latest
    with every row in the set; the result is the one the full program would certify.
    """
    stride = max(1, -(-candidates.size // max_rows))
    working = candidates[::stride]
    while True:
        kind, solution = _separation_lp(rows[working])
        if solution is None:
            return kind, None
        margins = rows[candidates] @ solution
        if kind == "complete":
            wrong = margins <= _LP_TOLERANCE
        else:
            wrong = margins < -_LP_TOLERANCE
        if not wrong.any():
            return kind, solution
        working = np.union1d(working, candidates[wrong])


def _separation_lp(rows: Array) -> tuple[str, Array | None]:
    r"""Decide separation from margin rows :math:`a_i` (constraints :math:`a_i^\top d \ge 0`).

    Returns the kind and a direction in the (scaled) units of the rows, or ``None`` for
    overlap. The first program maximises the total margin in the box :math:`|d_j| \le 1`;
    the second maximises the smallest margin :math:`t \le 1` to tell complete separation.
    """
    n_params = rows.shape[1]
    bounds = [(-1.0, 1.0)] * n_params
    zeros = np.zeros(rows.shape[0])
    total = linprog(-rows.sum(axis=0), A_ub=-rows, b_ub=zeros, bounds=bounds, method="highs")
    if total.status != 0 or -total.fun <= _LP_TOLERANCE:
        return "overlap", None
    strict = linprog(
        np.r_[np.zeros(n_params), -1.0],
        A_ub=np.column_stack((-rows, np.ones(rows.shape[0]))),
        b_ub=zeros,
        bounds=[*bounds, (None, 1.0)],
        method="highs",
    )
    if strict.status == 0 and -strict.fun > _LP_TOLERANCE:
        return "complete", strict.x[:n_params]
    return "quasi-complete", total.x


def check_multinomial_separation(
    X: Array,
    codes: NDArray[np.intp],
    n_classes: int,
    sample_weight: Array | None = None,
    *,
    fit_intercept: bool = True,
) -> SeparationCertificate:
    r"""Exact separation test for multinomial (softmax) logistic regression.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    codes : ndarray of int
        Class codes ``0 .. n_classes - 1``.
    n_classes : int
    sample_weight : ndarray, optional
    fit_intercept : bool, default=True

    Returns
    -------
    SeparationCertificate
        ``direction`` is the ravel of a ``(n_classes - 1, n_params)`` matrix of coefficient
        vectors relative to class 0; ``margins`` has one entry per observation: its smallest
        margin over the other classes.

    Notes
    -----
    The multinomial MLE fails to exist iff some coefficient vectors :math:`d_1, \dots,
    d_{K-1}` (with :math:`d_0 = 0`) make every observation at least as likely under its own
    class's linear score as under any other, :math:`\tilde x_i^\top(d_{y_i} - d_m) \ge 0`
    for all :math:`m`, strictly for at least one pair (Albert & Anderson, 1984). That is the
    binary linear program with one row per pair :math:`(i, m \ne y_i)`.

    Examples
    --------
    >>> import numpy as np
    >>> from logreg_nn.diagnostics import check_multinomial_separation
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0], [4.0], [5.0]])
    >>> check_multinomial_separation(X, np.array([0, 0, 1, 1, 2, 2]), 3).kind
    'complete'
    >>> check_multinomial_separation(X, np.array([0, 1, 2, 0, 1, 2]), 3).kind
    'overlap'
    """
    scaled, scale, keep = _scaled_design(X, sample_weight, fit_intercept)
    n, k = scaled.shape
    observation = np.repeat(np.arange(n), n_classes - 1)
    other = np.concatenate([[m for m in range(n_classes) if m != c] for c in codes])
    own = codes[observation]
    # Row for the pair (i, m): +x_i in block y_i, -x_i in block m; class 0's block is fixed at 0.
    rows = np.zeros((observation.size, n_classes * k))
    for pair, (i, c, m) in enumerate(zip(observation, own, other, strict=True)):
        rows[pair, c * k : (c + 1) * k] += scaled[i]
        rows[pair, m * k : (m + 1) * k] -= scaled[i]
    rows = rows[:, k:]
    kind, solution = _separation_lp(rows[keep[observation]])
    empty = np.array([], dtype=np.intp)
    if solution is None:
        return SeparationCertificate(kind, np.zeros(rows.shape[1]), empty, np.zeros(n))
    pair_margins = rows @ solution
    smallest = np.full(n, np.inf)
    np.minimum.at(smallest, observation, pair_margins)
    direction = (solution.reshape(n_classes - 1, k) / scale).ravel()
    norm = np.linalg.norm(direction)
    on_boundary = keep & (np.abs(smallest) <= _LP_TOLERANCE)
    boundary = empty if kind == "complete" else np.flatnonzero(on_boundary)
    return SeparationCertificate(kind, direction / norm, boundary, smallest / norm)


def separation_error(certificate: SeparationCertificate, names: Sequence[str]) -> SeparationError:
    """Build the error raised by :class:`~logreg_nn.LogisticRegression` for separated data."""
    terms = " + ".join(
        f"{coef:.3g}*{name}"
        for coef, name in zip(certificate.direction, names, strict=True)
        if abs(coef) > 1e-12
    )
    if certificate.kind == "complete":
        where = "every observation lies strictly on its own class's side of the hyperplane"
    else:
        count = certificate.boundary.size
        shown = ", ".join(str(i) for i in certificate.boundary[:10])
        more = ", ..." if count > 10 else ""
        where = (
            f"every observation lies on its own class's side or on the hyperplane; "
            f"{count} observation(s) lie on it (rows {shown}{more})"
        )
    message = (
        f"The classes are {certificate.kind}ly separated, so the maximum-likelihood estimate "
        f"does not exist (the log-likelihood keeps rising towards 0, never reaching it, as the "
        f"coefficients move along the normal of the hyperplane {terms} = 0: {where}). "
        f"Remedies: add a penalty (l2 > 0), use a Firth-type bias-reduced fit, or drop or "
        f"merge the separating variable(s). The certificate is in this error's .direction and "
        f".boundary attributes."
    )
    return SeparationError(
        message,
        kind=certificate.kind,
        direction=certificate.direction,
        boundary=certificate.boundary,
        feature_names=names,
    )


def aliased_columns(hessian: Array, tol: float = ALIAS_TOLERANCE) -> list[int]:
    r"""Indices of columns that are numerically linear combinations of earlier ones.

    Parameters
    ----------
    hessian : ndarray of shape (k, k)
        A weighted Gram matrix :math:`\tilde X^\top W \tilde X` with positive weights (for
        example the Hessian of the cross-entropy at any finite point), which has the rank of
        :math:`\tilde X`.
    tol : float, default=ALIAS_TOLERANCE
        Threshold on the squared relative residual.

    Returns
    -------
    list of int
        Aliased column indices in design order, like the ``NA`` coefficients of R's ``lm``.

    Notes
    -----
    After scaling to unit diagonal, a Cholesky factorisation in column order gives, for
    column :math:`j`, the pivot :math:`r_{jj}` = squared norm of the part of column
    :math:`j` orthogonal (in the :math:`W` inner product) to the columns before it. A pivot
    below ``tol`` marks the column aliased; it is then left out of later projections.

    Examples
    --------
    >>> import numpy as np
    >>> from logreg_nn.diagnostics import aliased_columns
    >>> X = np.column_stack([np.ones(5), np.arange(5.0), 2 * np.arange(5.0)])
    >>> aliased_columns(X.T @ X)
    [2]
    """
    diag = np.diag(hessian).copy()
    zero = diag <= 0
    diag[zero] = 1.0
    inv_sqrt = 1.0 / np.sqrt(diag)
    corr = hessian * inv_sqrt[:, None] * inv_sqrt[None, :]
    if not zero.any():
        # Full rank is the usual case: one factorisation, whose squared diagonal entries
        # are the column-order pivots of the loop below (up to rounding, which matters
        # only for a pivot within rounding of tol).
        try:
            pivots = np.diag(np.linalg.cholesky(corr)) ** 2
        except np.linalg.LinAlgError:
            pivots = np.zeros(1)
        if (pivots > tol).all():
            return []
    lower = np.zeros((0, 0))  # Cholesky factor of the kept columns
    kept: list[int] = []
    aliased: list[int] = []
    for j in range(corr.shape[0]):
        if zero[j]:
            aliased.append(j)
            continue
        coeffs = np.linalg.solve(lower, corr[kept, j]) if kept else np.zeros(0)
        pivot = corr[j, j] - float(coeffs @ coeffs)
        if pivot <= tol:
            aliased.append(j)
            continue
        size = len(kept)
        grown = np.zeros((size + 1, size + 1))
        grown[:size, :size] = lower
        grown[size, :size] = coeffs
        grown[size, size] = np.sqrt(pivot)
        lower = grown
        kept.append(j)
    return aliased


def raise_if_rank_deficient(hessian: Array, names: Sequence[str]) -> None:
    """Raise :class:`~logreg_nn.exceptions.RankDeficiencyError` naming the aliased columns."""
    aliased = aliased_columns(hessian)
    if not aliased:
        return
    aliased_names = [names[j] for j in aliased]
    listed = ", ".join(repr(name) for name in aliased_names)
    raise RankDeficiencyError(
        f"The design matrix does not have full column rank: column(s) {listed} are linear "
        f"combinations of earlier columns, the intercept's column of ones included, so "
        f"the coefficients are not identifiable and the objective is not strictly convex. "
        f"Drop the aliased column(s) or add a penalty (l2 > 0). "
        f"Tolerance: squared relative residual <= {ALIAS_TOLERANCE:g}.",
        aliased=aliased_names,
    )


def equilibrated_condition_number(hessian: Array) -> float:
    """Condition number of the Hessian after scaling it to unit diagonal.

    Scaling removes the dependence on the units of the features, so what remains measures
    collinearity.

    Examples
    --------
    >>> import numpy as np
    >>> from logreg_nn.diagnostics import equilibrated_condition_number
    >>> float(equilibrated_condition_number(np.diag([1.0, 1e6])))
    1.0
    """
    diag = np.diag(hessian)
    if (diag <= 0).any():
        return float("inf")
    inv_sqrt = 1.0 / np.sqrt(diag)
    eigenvalues = np.linalg.eigvalsh(hessian * inv_sqrt[:, None] * inv_sqrt[None, :])
    if eigenvalues[0] <= 0:
        return float("inf")
    return float(eigenvalues[-1] / eigenvalues[0])
