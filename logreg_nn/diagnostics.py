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

from .exceptions import InvalidInputError, RankDeficiencyError, SeparationError
from .validation import column_scale

__all__ = [
    "ALIAS_TOLERANCE",
    "CONDITION_LIMIT",
    "LP_ROWS",
    "LP_ROWS_PER_PARAMETER",
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

#: Most rows in the first linear program of the separation test; more are added only where
#: its direction is contradicted (see ``check_separation``), which bounds its memory.
LP_ROWS = 20_000

#: Rows per parameter in that first program. A fit's rows nearest its boundary mix the
#: classes, so a few per parameter nearly always overlap already and settle the question
#: in one small program.
LP_ROWS_PER_PARAMETER = 5

# Sum of margins (in scaled units) above which the linear program has found separation.
_LP_TOLERANCE = 1e-7
# Singular values below this fraction of the largest (or below _LP_TOLERANCE) count as
# zero when a working set of the separation test is checked for directions it leaves free,
# and rows reaching into those directions by more than _NULL_SPACE_TOLERANCE (scaled
# units) are added.
_NULL_SPACE_RANK = 1e-8
_NULL_SPACE_TOLERANCE = 1e-12


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


def check_separation(
    X: Array,
    y: Array,
    sample_weight: Array | None = None,
    *,
    fit_intercept: bool = True,
    max_rows: int | None = None,
    logits: Array | None = None,
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
    max_rows : int, optional
        Rows in the first linear program; by default ``LP_ROWS_PER_PARAMETER`` per
        parameter, at most ``LP_ROWS``. Rows are added only where its direction is
        contradicted (cutting planes), so the dense constraint matrix stays small and no
        copy of ``X`` is made; the answer is exact.
    logits : ndarray of shape (n_samples,), optional
        A fit's logits. The first program then takes the rows nearest the fitted boundary
        (smallest :math:`|z_i|`), which mix the classes and nearly always overlap already;
        without them it takes evenly spaced rows.

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
    keep = _kept(sample_weight, X.shape[0])
    problem = _BinaryMargins(X, y, keep, fit_intercept)
    closeness = None if logits is None else np.abs(_checked_logits(logits, (X.shape[0],)))
    kind, solution = _cutting_plane_lp(problem, np.flatnonzero(keep), max_rows, closeness)
    scale = problem.scale
    empty = np.array([], dtype=np.intp)
    if solution is None:
        return SeparationCertificate(kind, np.zeros(scale.size), empty, np.zeros(X.shape[0]))
    margins_scaled = problem.margins(solution)
    norm = np.linalg.norm(solution / scale)
    on_boundary = keep & (np.abs(margins_scaled) <= _LP_TOLERANCE)
    boundary = empty if kind == "complete" else np.flatnonzero(on_boundary)
    return SeparationCertificate(kind, solution / scale / norm, boundary, margins_scaled / norm)


def _kept(sample_weight: Array | None, n_samples: int) -> NDArray[np.bool_]:
    if sample_weight is None:
        return np.ones(n_samples, dtype=bool)
    return np.asarray(sample_weight) > 0


def _checked_logits(logits: Array, shape: tuple[int, ...]) -> Array:
    logits = np.asarray(logits, dtype=np.float64)
    if logits.shape != shape:
        raise InvalidInputError(
            f"logits has shape {logits.shape}; the separation test needs shape {shape}, one "
            "logit per observation (and class)."
        )
    return logits


class _ScaledDesign:
    r"""The design :math:`\tilde X` with columns scaled to unit maximum over the kept rows.

    Scaling conditions the linear programs. Only the rows a program needs are formed, and
    products with all rows are taken from ``X`` itself, so no :math:`n \times p` copy is made.
    """

    def __init__(self, X: Array, keep: NDArray[np.bool_], fit_intercept: bool) -> None:
        self.X = X
        self.first = int(fit_intercept)
        slopes = column_scale(X, None if keep.all() else keep)
        slopes[~(slopes > 0)] = 1.0
        self.scale = np.r_[1.0, slopes] if fit_intercept else slopes

    def rows(self, index: NDArray[np.intp]) -> Array:
        """Scaled rows ``index`` of the design, intercept column first."""
        block = self.X[index] / self.scale[self.first :]
        if self.first:
            block = np.column_stack((np.ones(index.size), block))
        return block

    def times(self, coefs: Array) -> Array:
        """Scaled design times ``coefs`` (one column per column of ``coefs``), from ``X``."""
        out = self.X @ (coefs[self.first :] / self.scale[self.first :, None])
        if self.first:
            out += coefs[0]
        return out


class _BinaryMargins:
    """Rows :math:`a_i = s_i\\tilde x_i` (scaled) of the binary programs, and their margins."""

    def __init__(self, X: Array, y: Array, keep: NDArray[np.bool_], fit_intercept: bool):
        self.design = _ScaledDesign(X, keep, fit_intercept)
        self.scale = self.design.scale
        self.signs = 2.0 * np.asarray(y, dtype=np.float64) - 1.0

    def rows(self, index: NDArray[np.intp]) -> Array:
        """Constraint rows of observations ``index``."""
        return self.design.rows(index) * self.signs[index, None]

    def margins(self, direction: Array) -> Array:
        """Margins :math:`a_i^\\top d` of every observation (one pass over ``X``)."""
        return self.signs * self.design.times(direction[:, None])[:, 0]


class _PairMargins:
    r"""Rows of the multinomial programs, one per pair of an observation :math:`i` and a
    class :math:`m \ne y_i`, and their margins.

    The row of pair :math:`(i, m)` holds :math:`+\tilde x_i` in class :math:`y_i`'s block
    and :math:`-\tilde x_i` in class :math:`m`'s; class 0's block is fixed at zero and
    dropped. Pairs are numbered observation by observation.
    """

    def __init__(
        self,
        X: Array,
        codes: NDArray[np.intp],
        n_classes: int,
        keep: NDArray[np.bool_],
        fit_intercept: bool,
    ) -> None:
        codes = np.asarray(codes, dtype=np.intp)
        self.design = _ScaledDesign(X, keep, fit_intercept)
        self.n_classes = n_classes
        self.scale = np.tile(self.design.scale, n_classes - 1)
        shift = np.arange(n_classes - 1)
        # The other classes of observation i, in increasing order: skip its own.
        others = shift[None, :] + (shift[None, :] >= codes[:, None])
        self.observation = np.repeat(np.arange(X.shape[0]), n_classes - 1)
        self.own = codes[self.observation]
        self.other = others.ravel()

    def rows(self, index: NDArray[np.intp]) -> Array:
        """Constraint rows of pairs ``index``."""
        scaled = self.design.rows(self.observation[index])
        width = scaled.shape[1]
        rows = np.zeros((index.size, self.n_classes, width))
        at = np.arange(index.size)
        rows[at, self.own[index]] += scaled
        rows[at, self.other[index]] -= scaled
        return rows.reshape(index.size, -1)[:, width:]

    def differences(self, scores: Array) -> Array:
        """Own-class minus other-class score of every pair, from an ``(n, K)`` array."""
        return scores[self.observation, self.own] - scores[self.observation, self.other]

    def margins(self, direction: Array) -> Array:
        """Margins of every pair under ``direction`` (one pass over ``X``)."""
        width = self.design.scale.size
        blocks = np.vstack((np.zeros(width), direction.reshape(self.n_classes - 1, width)))
        return self.differences(self.design.times(blocks.T))


def _cutting_plane_lp(
    problem: _BinaryMargins | _PairMargins,
    candidates: NDArray[np.intp],
    max_rows: int | None,
    closeness: Array | None,
) -> tuple[str, Array | None]:
    r"""Solve :func:`_separation_lp` on all ``candidates`` rows, starting from a subset.

    The programs only ever see the rows of a working set :math:`S`, and each round adds
    rows, at most as many as :math:`S` already has, until the answer holds for every row:

    * A direction found on :math:`S` is checked on every row. Rows it misclassifies
      (margin below zero) or, for complete separation, leaves on the hyperplane join
      :math:`S`, the worst first. If there are none, it separates the whole data.
    * Overlap of :math:`S` means every direction with :math:`A_S d \ge 0` has
      :math:`A_S d = 0`, so a direction separating the whole data must lie in the null
      space of :math:`A_S`. If that is :math:`\{0\}` the whole data overlap. Otherwise
      rows with a component in that null space join :math:`S`; without any, the whole
      data have the same null space and overlap too.

    Each round adds rows not yet in :math:`S`, so the loop ends, at the latest with every
    row in it, and its answer is the one the program on all rows would give.
    """
    working = _first_rows(candidates, _first_size(max_rows, problem.scale.size), closeness)
    while True:
        rows = problem.rows(working)
        kind, solution = _separation_lp(rows)
        if solution is None:
            free = _null_space(rows)
            if free.shape[1] == 0:
                return kind, None
            reach = _reach(problem, free)
            # Rows reaching furthest into the free directions first.
            priority = -reach[candidates]
            wrong = priority < -_NULL_SPACE_TOLERANCE
        else:
            priority = problem.margins(solution)[candidates]
            if kind == "complete":
                wrong = priority <= _LP_TOLERANCE
            else:
                wrong = priority < -_LP_TOLERANCE
        # Rows of the program itself can miss only by its own feasibility tolerance.
        new = np.flatnonzero(wrong & ~np.isin(candidates, working))
        if new.size == 0:
            return kind, solution
        if new.size > working.size:
            new = new[np.argpartition(priority[new], working.size - 1)[: working.size]]
        working = np.union1d(working, candidates[new])


def _null_space(rows: Array) -> Array:
    """Orthonormal basis (columns) of the directions the rows (nearly) annihilate.

    Generous on purpose: a direction wrongly counted here only costs another round. Below
    ``_LP_TOLERANCE`` (the columns have unit maximum) the programs cannot tell a margin
    from zero, so such directions count as free whatever the largest singular value.
    """
    # The full set of right singular vectors only when there are fewer rows than columns
    # (the rest of them span the complement); never the m x m left ones of many rows.
    _, singular, vt = np.linalg.svd(rows, full_matrices=rows.shape[0] < rows.shape[1])
    largest = singular[0] if singular.size else 0.0
    cut = max(_NULL_SPACE_RANK * largest, _LP_TOLERANCE)
    return vt[int(np.count_nonzero(singular > cut)) :].T


def _reach(problem: _BinaryMargins | _PairMargins, free: Array) -> Array:
    """Largest absolute margin of every row over the columns of ``free``.

    One pass over ``X`` per column, keeping a running maximum: nothing of the size rows
    times columns of ``free`` is formed.
    """
    reach = np.abs(problem.margins(free[:, 0]))
    for direction in free.T[1:]:
        np.maximum(reach, np.abs(problem.margins(direction)), out=reach)
    return reach


def _first_size(max_rows: int | None, n_params: int) -> int:
    if max_rows is None:
        return min(LP_ROWS, LP_ROWS_PER_PARAMETER * n_params)
    return max(1, int(max_rows))


def _first_rows(
    candidates: NDArray[np.intp], size: int, closeness: Array | None
) -> NDArray[np.intp]:
    """``size`` of the candidates: the closest to the fitted boundary, or evenly spaced."""
    if size >= candidates.size:
        return candidates
    if closeness is None:
        return candidates[np.linspace(0, candidates.size - 1, size).astype(np.intp)]
    nearest = np.argpartition(closeness[candidates], size - 1)[:size]
    return np.sort(candidates[nearest])


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
    max_rows: int | None = None,
    logits: Array | None = None,
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
    max_rows : int, optional
        Pairs :math:`(i, m)` in the first linear program, as in :func:`check_separation`.
    logits : ndarray of shape (n_samples, n_classes), optional
        A fit's logits: the first program then takes the pairs whose two logits are
        closest.

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
    keep = _kept(sample_weight, X.shape[0])
    problem = _PairMargins(X, codes, n_classes, keep, fit_intercept)
    closeness = None
    if logits is not None:
        fitted = _checked_logits(logits, (X.shape[0], n_classes))
        closeness = np.abs(problem.differences(fitted))
    candidates = np.flatnonzero(keep[problem.observation])
    kind, solution = _cutting_plane_lp(problem, candidates, max_rows, closeness)
    n = X.shape[0]
    empty = np.array([], dtype=np.intp)
    if solution is None:
        return SeparationCertificate(kind, np.zeros(problem.scale.size), empty, np.zeros(n))
    smallest = problem.margins(solution).reshape(n, n_classes - 1).min(axis=1)
    direction = solution / problem.scale
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
