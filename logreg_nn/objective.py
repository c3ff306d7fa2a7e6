r"""The objective layer: a per-sample loss summed over a data set, as a function of the parameters.

Both estimators minimise the same function of :math:`\theta = (\beta_0, \beta)`,

.. math::

    F(\theta) = \sum_{i=1}^n w_i\,\ell\bigl(y_i,\ \beta_0 + x_i^\top\beta\bigr)
                + \frac{\lambda}{2}\lVert\beta\rVert_2^2 ,

with sample weights :math:`w_i` and an L2 penalty :math:`\lambda` (``l2``) that never touches
the intercept. By the chain rule, with :math:`g_i = \partial\ell/\partial z_i` and
:math:`h_i = \partial^2\ell/\partial z_i^2`,

.. math::

    \nabla F = \tilde X^\top (w \odot g) + \lambda P\theta, \qquad
    \nabla^2 F = \tilde X^\top \operatorname{diag}(w \odot h)\,\tilde X + \lambda P,

where :math:`\tilde X = [\mathbf 1, X]` and :math:`P` is the identity with a zero for the
intercept. The intercept column is never materialised: its blocks are sums, which saves an
:math:`n \times (p+1)` copy of the data.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._parallel import BLAS_SPLIT_MIN_ROWS, map_blas_rows, one_blas_thread_scope
from .losses import Loss, get_loss
from .validation import column_scale

__all__ = ["Objective"]

Array = NDArray[np.float64]

#: Largest number of parameters for which :meth:`Objective.gram_spectral_norm` forms the
#: Gram matrix and computes its top eigenvalue exactly instead of by power iteration.
EXACT_SPECTRAL_LIMIT = 1024
#: Rows of the scaled design formed at a time by :meth:`Objective.weighted_gram`: a
#: block of a few megabytes that stays in cache between its scaling and its product.
GRAM_CHUNK_ROWS = 4096
#: Entries of ``X`` (8 MiB) per block of :meth:`Objective.value_and_gradient_along`: a
#: block that stays in cache from its product with the direction to its product with the
#: residuals, with enough rows that numpy's per-call overhead on the loss stays small.
STEP_CHUNK_ENTRIES = 2**20


class Objective:
    r"""Weighted, optionally penalised sum of a loss over a data set.

    Parameters
    ----------
    loss : str or Loss
        Per-sample loss (see :mod:`logreg_nn.losses`).
    X : ndarray of shape (n_samples, n_features)
        Validated float64 features (not copied).
    y : ndarray of shape (n_samples,)
        Labels coded 0/1.
    sample_weight : ndarray of shape (n_samples,), optional
        Non-negative weights; ones by default.
    l2 : float, default=0.0
        Strength :math:`\lambda` of the penalty :math:`\frac{\lambda}{2}\lVert\beta\rVert^2`.
    fit_intercept : bool, default=True
        Whether :math:`\theta` starts with an intercept :math:`\beta_0`.
    column_scale : ndarray of shape (n_features,), optional
        Largest absolute entry of each column of ``X`` when already known (input
        validation computes it), which saves :meth:`parameter_scale` a pass over ``X``.

    Notes
    -----
    Parameters are one flat vector, intercept first: ``theta = [b0, b1, ..., bp]`` (or
    ``[b1, ..., bp]`` without intercept). The last linear predictor is cached so that a
    gradient followed by a Hessian at the same point costs one product :math:`X\beta`.

    Examples
    --------
    >>> import numpy as np
    >>> from logreg_nn.objective import Objective
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> y = np.array([0.0, 1.0, 0.0, 1.0])
    >>> f = Objective("cross_entropy", X, y)
    >>> float(f.value(np.zeros(2)))  # 4 log 2
    2.772588722239781
    >>> f.gradient(np.zeros(2))      # X~^T (sigma(0) - y)
    array([ 0., -1.])
    """

    def __init__(
        self,
        loss: str | Loss,
        X: Array,
        y: Array,
        sample_weight: Array | None = None,
        *,
        l2: float = 0.0,
        fit_intercept: bool = True,
        column_scale: Array | None = None,
    ) -> None:
        self.loss = get_loss(loss)
        self.X = X
        self.y = y
        self.sample_weight = (
            np.ones(X.shape[0]) if sample_weight is None else np.asarray(sample_weight)
        )
        # Multiplying by a weight of 1 changes no bit: skip that pass over n numbers.
        self._unit_weights = bool((self.sample_weight == 1.0).all())
        self.l2 = float(l2)
        self.fit_intercept = bool(fit_intercept)
        self.n_samples, self.n_features = X.shape
        self.n_params = self.n_features + int(self.fit_intercept)
        self._cache_theta: Array | None = None
        self._cache_z: Array | None = None
        self._column_scale = column_scale
        self._parameter_scale: Array | None = None

    # -- parameters -------------------------------------------------------------------
    def split(self, theta: Array) -> tuple[float, Array]:
        """Return ``(intercept, coef)``; the intercept is 0.0 without ``fit_intercept``."""
        if self.fit_intercept:
            return float(theta[0]), theta[1:]
        return 0.0, theta

    def penalty_mask(self) -> Array:
        """Diagonal of :math:`P`: 1 for each coefficient, 0 for the intercept."""
        mask = np.ones(self.n_params)
        if self.fit_intercept:
            mask[0] = 0.0
        return mask

    def linear_predictor(self, theta: Array) -> Array:
        r"""Logits :math:`z = \beta_0 + X\beta`, one per observation (cached)."""
        cached = self._cached_logits(theta)
        if cached is not None:
            return cached
        intercept, coef = self.split(theta)
        if coef.any():
            z = self.design_times(theta)
        else:
            # The usual start (intercept only) needs no pass over X.
            z = np.full(self.n_samples, intercept)
        self._remember_logits(theta, z)
        return z

    def _cached_logits(self, theta: Array) -> Array | None:
        if self._cache_theta is not None and np.array_equal(theta, self._cache_theta):
            return self._cache_z
        return None

    def _remember_logits(self, theta: Array, z: Array) -> None:
        self._cache_theta = np.array(theta, dtype=np.float64, copy=True)
        self._cache_z = z

    def design_times(self, direction: Array) -> Array:
        r"""Product :math:`\tilde X d` for a direction ``d`` in parameter space (not cached)."""
        intercept, coef = self.split(direction)
        out = np.empty(self.n_samples)

        def rows_times(rows: slice) -> None:
            np.matmul(self.X[rows], coef, out=out[rows])

        map_blas_rows(rows_times, self.n_samples)
        if intercept != 0.0:
            out += intercept
        return out

    def design_transpose_times(self, r: Array) -> Array:
        r"""Product :math:`\tilde X^\top r` for a vector ``r`` over observations."""
        parts = map_blas_rows(lambda rows: _transpose_times(self.X[rows], r[rows]), self.n_samples)
        slopes = parts[0]
        for part in parts[1:]:
            slopes += part
        if self.fit_intercept:
            return np.concatenate(([r.sum()], slopes))
        return slopes

    def split_scope(self) -> AbstractContextManager[None]:
        """Context for a Newton solver's loop: on large data, or data whose Gram matrices
        are large, BLAS runs one thread throughout and the passes over ``X`` are split
        between the cores (see ``logreg_nn._parallel``)."""
        return one_blas_thread_scope(self.n_samples, self.n_params)

    # -- objective from the logits ----------------------------------------------------
    def _weighted(self, per_sample: Array) -> Array:
        """``sample_weight * per_sample``, without the pass when every weight is 1."""
        return per_sample if self._unit_weights else self.sample_weight * per_sample

    def _penalty(self, theta: Array) -> float:
        _, coef = self.split(theta)
        return 0.5 * self.l2 * float(coef @ coef)

    def value_at(self, z: Array, theta: Array) -> float:
        """Objective value given the logits ``z`` of ``theta`` (no pass over ``X``)."""
        losses = self.loss.value(self.y, z)
        return float(self.sample_weight @ losses) + self._penalty(theta)

    def gradient_at(self, z: Array, theta: Array) -> Array:
        """Gradient given the logits ``z`` of ``theta`` (one pass over ``X``)."""
        residual = self._weighted(self.loss.gradient(self.y, z))
        grad = self.design_transpose_times(residual)
        if self.l2:
            grad += self.l2 * self.penalty_mask() * theta
        return grad

    def hessian_at(self, z: Array, theta: Array, dtype: type = np.float64) -> Array:
        r"""Hessian :math:`\tilde X^\top \operatorname{diag}(wh)\tilde X + \lambda P`.

        ``dtype`` is the precision of the scaled design (see :meth:`weighted_gram`).
        """
        hess = self.weighted_gram(self._weighted(self.loss.hessian(self.y, z)), dtype)
        if self.l2:
            hess[np.diag_indices_from(hess)] += self.l2 * self.penalty_mask()
        return hess

    def gradient_and_hessian_at(self, z: Array, theta: Array) -> tuple[Array, Array]:
        """Gradient and Hessian given the logits ``z`` of ``theta``, sharing the loss's work.

        The loss's :meth:`~logreg_nn.losses.Loss.derivatives` gives both per-sample
        derivatives at once (for cross-entropy from one exponential instead of three).
        """
        first, second = self.loss.derivatives(self.y, z)
        grad = self.design_transpose_times(self._weighted(first))
        hess = self.weighted_gram(self._weighted(second))
        if self.l2:
            mask = self.penalty_mask()
            grad += self.l2 * mask * theta
            hess[np.diag_indices_from(hess)] += self.l2 * mask
        return grad, hess

    def weighted_gram(self, weights: Array, dtype: type = np.float64) -> Array:
        r"""The weighted Gram matrix :math:`\tilde X^\top \operatorname{diag}(v)\tilde X`.

        When every weight is non-negative (always, for the Hessian of a convex loss) the
        Gram matrix is :math:`B^\top B` with :math:`B = \sqrt{v}\odot\tilde X`, whose first
        column :math:`\sqrt{v}` gives the intercept blocks, so one symmetric rank-k
        product (half the work of a general product) yields every block. The slope
        columns of :math:`B` are formed ``GRAM_CHUNK_ROWS`` rows at a time in a small
        reused buffer that stays in cache while its products (with itself, and with
        :math:`\sqrt{v}` for the intercept row) are accumulated: ``X`` is read once and no
        :math:`n \times p` copy is made. On large data each core takes its own range of
        rows (``logreg_nn._parallel.map_blas_rows``) and the ranges' matrices are
        summed. Weights that are all non-positive (the off-diagonal
        blocks of a softmax Hessian) give minus the Gram matrix of their negation; mixed
        signs use a general product, block by block, with the intercept blocks as sums.

        With ``dtype=np.float32`` the blocks of :math:`B` are rounded to single precision
        (half the bytes for the symmetric product to read) and their products summed in
        double; the tests hold every entry within :math:`10^{-5}\sqrt{G_{ii}G_{jj}}` of the
        double-precision result. That is enough for a Hessian that only steers a solver,
        never for one behind standard errors.
        """
        if not (weights >= 0).all():
            if (weights <= 0).all():
                # The negated Gram matrix of the negated weights: still one syrk.
                return -self.weighted_gram(-weights, dtype)
            return self._signed_weighted_gram(weights)
        root = np.sqrt(weights).astype(dtype, copy=False)
        slopes, cross = self._summed_over_ranges(lambda rows: self._scaled_gram_of_rows(root, rows))
        gram = np.zeros((self.n_params, self.n_params))
        first = int(self.fit_intercept)
        gram[first:, first:] = slopes
        if self.fit_intercept:
            gram[0, 0] = weights.sum()
            gram[0, 1:] = cross
            gram[1:, 0] = cross
        return gram

    def _summed_over_ranges(
        self, gram_of_rows: Callable[[slice], tuple[Array, Array]]
    ) -> tuple[Array, Array]:
        # The (p x p matrix, p-vector) pairs of the row ranges, summed in place. Each range
        # holds its own matrix: no more ranges than keep those below a quarter of X.
        parts = map_blas_rows(
            gram_of_rows,
            self.n_samples,
            max_parts=max(1, self.n_samples // (4 * max(1, self.n_features))),
        )
        matrix, vector = parts[0]
        for more_matrix, more_vector in parts[1:]:
            matrix += more_matrix
            vector += more_vector
        return matrix, vector

    def _scaled_gram_of_rows(self, root: Array, rows: slice) -> tuple[Array, Array]:
        # B^T B over the slope columns of B = root * X, and B^T root, for one range of rows.
        start, stop = rows.start, rows.stop
        buffer = np.empty((max(1, min(GRAM_CHUNK_ROWS, stop - start)), self.n_features), root.dtype)
        slopes = np.zeros((self.n_features, self.n_features))
        cross = np.zeros(self.n_features)
        for begin in range(start, stop, buffer.shape[0]):
            end = min(begin + buffer.shape[0], stop)
            # A contiguous buffer (no column for the intercept) lets the scaling run at
            # copy speed; its leading rows are contiguous, so B.T @ B is a syrk. In single
            # precision the product is computed in it too: numpy's default (a double loop,
            # its result cast) took a third longer.
            scaled = buffer[: end - begin]
            np.multiply(
                self.X[begin:end],
                root[begin:end, None],
                out=scaled,
                dtype=scaled.dtype,
                casting="same_kind",
            )
            slopes += scaled.T @ scaled
            if self.fit_intercept:
                # The intercept column of B is sqrt(v): its products with B, while cached.
                cross += np.dot(root[begin:end], scaled)
        return slopes, cross

    def _signed_weighted_gram(self, weights: Array) -> Array:
        # A general product per block of rows, with the intercept row summed from the same
        # weighted block: X is read once and no n x p copy of the weighted design is made.
        def rows_gram(rows: slice) -> tuple[Array, Array]:
            gram = np.zeros((self.n_features, self.n_features))
            cross = np.zeros(self.n_features)
            for start in range(rows.start, rows.stop, GRAM_CHUNK_ROWS):
                stop = min(start + GRAM_CHUNK_ROWS, rows.stop)
                block = self.X[start:stop]
                weighted = block * weights[start:stop, None]
                gram += weighted.T @ block
                cross += weighted.sum(axis=0)
            return gram, cross

        gram, cross = self._summed_over_ranges(rows_gram)
        if not self.fit_intercept:
            return gram
        hess = np.empty((self.n_params, self.n_params))
        hess[0, 0] = weights.sum()
        hess[0, 1:] = cross
        hess[1:, 0] = cross
        hess[1:, 1:] = gram
        return hess

    # -- objective from the parameters ------------------------------------------------
    def value(self, theta: Array) -> float:
        """Objective value :math:`F(\\theta)`."""
        return self.value_at(self.linear_predictor(theta), theta)

    def gradient(self, theta: Array) -> Array:
        r"""Gradient :math:`\nabla F(\theta)`."""
        return self.gradient_at(self.linear_predictor(theta), theta)

    def value_and_gradient(self, theta: Array) -> tuple[float, Array]:
        """Value and gradient with a single product :math:`X\\beta` (cached as
        :meth:`linear_predictor` caches it); on large data that product and
        :math:`\\tilde X^\\top r` come from one pass, as in
        :meth:`value_and_gradient_along`."""
        cached = self._cached_logits(theta)
        if cached is not None or self.n_samples < BLAS_SPLIT_MIN_ROWS:
            return self.value_and_gradient_at(self.linear_predictor(theta), theta)
        z, value, grad = self._single_pass(None, np.zeros_like(theta), theta)[1:]
        self._remember_logits(theta, z)
        return value, grad

    def value_and_gradient_at(self, z: Array, theta: Array) -> tuple[float, Array]:
        """Value and gradient given the logits ``z``, sharing the loss's work between them.

        The loss's :meth:`~logreg_nn.losses.Loss.value_and_gradient` gives both per-sample
        quantities at once (for cross-entropy from one exponential instead of two).
        """
        losses, first = self.loss.value_and_gradient(self.y, z)
        value = float(self.sample_weight @ losses) + self._penalty(theta)
        grad = self.design_transpose_times(self._weighted(first))
        if self.l2:
            grad += self.l2 * self.penalty_mask() * theta
        return value, grad

    def value_and_gradient_along(
        self, z: Array, theta: Array, direction: Array
    ) -> tuple[Array, Array, float, Array]:
        r"""A step's change of the logits, and the value and gradient where it lands.

        Returns :math:`\Delta z = \tilde X d`, the logits :math:`z + \Delta z` of
        :math:`\theta + d`, and :math:`F` and :math:`\nabla F` there: what
        :meth:`design_times` followed by :meth:`value_and_gradient_at` give. From
        ``BLAS_SPLIT_MIN_ROWS`` rows on they come from one pass over ``X`` instead of
        two: the rows are taken ``STEP_CHUNK_ENTRIES`` entries at a time, each block,
        still in cache after :math:`X_b d`, gives :math:`X_b^\top r_b` for its residuals
        :math:`r_b`, and the blocks are shared between the cores
        (``logreg_nn._parallel.map_blas_rows``). The sums are then taken block by block,
        so the results can differ from the two-pass ones in the last bits.
        """
        if self.n_samples < BLAS_SPLIT_MIN_ROWS:
            # Data this small stay in cache between the two passes, and there the blocks'
            # overhead made one pass slower (9 against 7 ms at 10^5 x 50).
            return _along_in_two_passes(self, z, theta, direction)
        return self._single_pass(z, theta, direction)

    def _single_pass(
        self, z: Array | None, theta: Array, direction: Array
    ) -> tuple[Array, Array, float, Array]:
        # value_and_gradient_along in one pass over X; z=None stands for logits of zero,
        # whose landed logits are then dz itself.
        intercept, coef = self.split(direction)
        dz = np.empty(self.n_samples)
        moved = dz if z is None else np.empty(self.n_samples)
        rows_per_block = max(1, STEP_CHUNK_ENTRIES // max(1, self.n_features))

        def along(rows: slice) -> tuple[float, Array, float]:
            value, slopes, total = 0.0, np.zeros(self.n_features), 0.0
            for begin in range(rows.start, rows.stop, rows_per_block):
                part = slice(begin, min(begin + rows_per_block, rows.stop))
                block = self.X[part]
                np.matmul(block, coef, out=dz[part])
                if intercept != 0.0:
                    dz[part] += intercept
                if z is not None:
                    np.add(z[part], dz[part], out=moved[part])
                losses, first = self.loss.value_and_gradient(self.y[part], moved[part])
                value += float(self.sample_weight[part] @ losses)
                if not self._unit_weights:
                    first *= self.sample_weight[part]
                slopes += _transpose_times(block, first)
                total += float(first.sum())
            return value, slopes, total

        parts = map_blas_rows(along, self.n_samples)
        landed = theta + direction
        value = sum(part[0] for part in parts) + self._penalty(landed)
        grad = sum(part[1] for part in parts)
        if self.fit_intercept:
            grad = np.concatenate(([sum(part[2] for part in parts)], grad))
        if self.l2:
            grad += self.l2 * self.penalty_mask() * landed
        return dz, moved, value, grad

    def hessian(self, theta: Array) -> Array:
        r"""Hessian :math:`\nabla^2 F(\theta)`."""
        return self.hessian_at(self.linear_predictor(theta), theta)

    # -- helpers for the solvers ------------------------------------------------------
    def parameter_scale(self) -> Array:
        """Largest absolute entry of each design column (1 for the intercept and zero columns).

        Dividing the gradient by it measures the gradient in units where every column has
        maximum 1: a feature rescaled by :math:`c` multiplies its gradient entry, including
        the rounding noise that remains at the optimum, by :math:`c`, and a fixed absolute
        tolerance would then be unreachable for large :math:`c`. Computed from column
        maxima and minima (``validation.column_scale``, unless given to the
        constructor), so no temporary copy of ``X`` is made.
        """
        if self._parameter_scale is None:
            known = self._column_scale
            scale = column_scale(self.X) if known is None else np.array(known, dtype=np.float64)
            scale[scale == 0] = 1.0
            self._parameter_scale = np.r_[1.0, scale] if self.fit_intercept else scale
        return self._parameter_scale

    @property
    def weight_sum(self) -> float:
        """Sum of the sample weights (the effective number of observations)."""
        return float(self.sample_weight.sum())

    def subset(self, rows: Any, scale: float = 1.0) -> Objective:
        """The objective restricted to ``rows``, with weights multiplied by ``scale``.

        With ``scale = n / len(rows)`` for rows drawn uniformly, the mini-batch objective is
        an unbiased estimate of the full one (the penalty is kept whole).
        """
        return Objective(
            self.loss,
            self.X[rows],
            self.y[rows],
            self.sample_weight[rows] * scale,
            l2=self.l2,
            fit_intercept=self.fit_intercept,
        )

    def gram_spectral_norm(self, *, rtol: float = 1e-4, max_iter: int = 100) -> float:
        r"""Largest eigenvalue of :math:`\tilde X^\top W\tilde X`.

        Up to ``EXACT_SPECTRAL_LIMIT`` parameters the Gram matrix is formed with one
        symmetric product (:meth:`weighted_gram`) and its eigenvalues computed exactly:
        on well-conditioned data the top eigenvalues cluster, power iteration then needs
        50-100 iterations of two passes each and still ends about 1 % low, while the Gram
        matrix costs about one such iteration. Beyond the limit, power iteration (stopped
        at relative change ``rtol`` or ``max_iter``); its Rayleigh quotient approaches the
        eigenvalue from below, so callers add a margin.
        """
        if self.n_params <= EXACT_SPECTRAL_LIMIT:
            return float(np.linalg.eigvalsh(self.weighted_gram(self.sample_weight))[-1])
        v = np.ones(self.n_params) / np.sqrt(self.n_params)
        estimate = 0.0
        for _ in range(max_iter):
            u = self.design_transpose_times(self.sample_weight * self.design_times(v))
            new_estimate = float(v @ u)
            norm = float(np.linalg.norm(u))
            if norm == 0.0:
                return 0.0
            v = u / norm
            if abs(new_estimate - estimate) <= rtol * new_estimate:
                return new_estimate
            estimate = new_estimate
        return estimate

    def lipschitz_constant(self) -> float | None:
        r"""Upper bound :math:`L` on the Lipschitz constant of :math:`\nabla F`.

        :math:`L = c\,\lambda_{\max}(\tilde X^\top W \tilde X) + \lambda`, with :math:`c` the
        loss's curvature bound (1/4 for cross-entropy); ``None`` when the loss has no finite
        curvature bound (hinge, exponential). The power-iteration estimate is inflated by 2 %
        to stay above the true value.
        """
        bound = self.loss.curvature_bound
        if bound is None:
            return None
        return 1.02 * bound * self.gram_spectral_norm() + self.l2


class SoftmaxObjective:
    r"""Summed categorical cross-entropy of a softmax layer with no hidden layer.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        Validated float64 features.
    codes : ndarray of int, shape (n_samples,)
        Class codes in ``0 .. n_classes - 1``.
    n_classes : int
        Number of classes :math:`K`.
    sample_weight : ndarray, optional
    l2 : float, default=0.0
        Penalty :math:`\frac{\lambda}{2}\sum_k\lVert\beta_k\rVert^2` (intercepts excluded).
    fit_intercept : bool, default=True
    reference : bool, default=False
        If true, class 0's logit is fixed at 0 and only :math:`K-1` weight vectors are free:
        multinomial logistic regression's parametrisation. If false, all :math:`K` are free:
        the network's over-parametrisation.

    Notes
    -----
    The parameters are one flat vector, the row-major ravel of a matrix :math:`B` with one
    row :math:`(\beta_{k0}, \beta_k^\top)` per free class. With :math:`P` the softmax
    probabilities and :math:`Y` the one-hot labels,

    .. math::

        F(B) &= \sum_i w_i\Bigl[\log\sum_k e^{z_{ik}} - z_{i y_i}\Bigr]
               + \frac{\lambda}{2}\sum_k\lVert\beta_k\rVert^2,
        \qquad z_{ik} = \beta_{k0} + x_i^\top\beta_k, \\
        \nabla_{\beta_k} F &= \tilde X^\top W (P_{\cdot k} - Y_{\cdot k}) + \lambda\beta_k, \\
        \nabla^2_{\beta_k\beta_l} F &= \tilde X^\top
            \operatorname{diag}\bigl(w_i p_{ik}(\delta_{kl} - p_{il})\bigr)\tilde X.

    Without a reference class the Hessian is singular: shifting every :math:`\beta_k` by the
    same vector leaves every probability unchanged, so the objective is convex but not
    strictly convex and its minimisers form an affine set.

    Examples
    --------
    >>> import numpy as np
    >>> from logreg_nn.objective import SoftmaxObjective
    >>> X = np.array([[0.0], [1.0], [2.0]])
    >>> f = SoftmaxObjective(X, np.array([0, 1, 2]), 3)
    >>> float(f.value(np.zeros(f.n_params)))  # 3 log 3
    3.295836866004329
    >>> int(np.linalg.matrix_rank(f.hessian(np.zeros(f.n_params))))  # 6 parameters, rank 4
    4
    """

    def __init__(
        self,
        X: Array,
        codes: NDArray[np.intp],
        n_classes: int,
        sample_weight: Array | None = None,
        *,
        l2: float = 0.0,
        fit_intercept: bool = True,
        reference: bool = False,
    ) -> None:
        from .losses import CategoricalCrossEntropy

        self.loss = CategoricalCrossEntropy()
        self.X = X
        self.codes = np.asarray(codes, dtype=np.intp)
        self.n_classes = int(n_classes)
        self.sample_weight = (
            np.ones(X.shape[0]) if sample_weight is None else np.asarray(sample_weight)
        )
        self.l2 = float(l2)
        self.fit_intercept = bool(fit_intercept)
        self.reference = bool(reference)
        self.n_samples, self.n_features = X.shape
        self.n_free = self.n_classes - int(self.reference)
        self.row_size = self.n_features + int(self.fit_intercept)
        self.n_params = self.n_free * self.row_size
        # The loss-free part (products with X~, Gram matrices) is the binary objective's.
        self._design = Objective(
            "cross_entropy",
            X,
            np.zeros(X.shape[0]),
            self.sample_weight,
            fit_intercept=self.fit_intercept,
        )
        self._cache_theta: Array | None = None
        self._cache_z: Array | None = None

    @property
    def weight_sum(self) -> float:
        """Sum of the sample weights."""
        return float(self.sample_weight.sum())

    def unravel(self, theta: Array) -> Array:
        """Parameters as a matrix with one row ``[intercept, coef...]`` per free class."""
        return np.asarray(theta, dtype=np.float64).reshape(self.n_free, self.row_size)

    def _penalty_mask(self) -> Array:
        return np.tile(self._design.penalty_mask(), self.n_free)

    def _logits(self, rows: Array) -> Array:
        free = self.X @ (rows[:, 1:] if self.fit_intercept else rows).T
        if self.fit_intercept:
            free += rows[:, 0]
        if not self.reference:
            return free
        return np.column_stack((np.zeros(self.n_samples), free))

    def linear_predictor(self, theta: Array) -> Array:
        """Logits of all :math:`K` classes, shape ``(n_samples, n_classes)`` (cached)."""
        if self._cache_theta is not None and np.array_equal(theta, self._cache_theta):
            return self._cache_z
        z = self._logits(self.unravel(theta))
        self._cache_theta = np.array(theta, dtype=np.float64, copy=True)
        self._cache_z = z
        return z

    def design_times(self, direction: Array) -> Array:
        """Change of the logits along a direction in parameter space."""
        return self._logits(self.unravel(direction))

    def value_and_gradient_along(
        self, z: Array, theta: Array, direction: Array
    ) -> tuple[Array, Array, float, Array]:
        """The change of the logits along ``direction``, the logits there, and the value
        and gradient there (as :meth:`Objective.value_and_gradient_along`, in two passes)."""
        return _along_in_two_passes(self, z, theta, direction)

    def value_at(self, z: Array, theta: Array) -> float:
        """Objective value from the logits."""
        return float(self.sample_weight @ self.loss.value(self.codes, z)) + self._penalty(theta)

    def _penalty(self, theta: Array) -> float:
        return 0.5 * self.l2 * float(np.sum(self._penalty_mask() * theta**2))

    def gradient_at(self, z: Array, theta: Array) -> Array:
        """Gradient from the logits."""
        return self._gradient_from(self.loss.gradient(self.codes, z), theta)

    def _gradient_from(self, per_sample: Array, theta: Array) -> Array:
        # One product with every free class's residuals, one row each: a single pass over X.
        free = np.ascontiguousarray(per_sample[:, int(self.reference) :].T)
        free *= self.sample_weight
        slopes = free @ self.X
        if self.fit_intercept:
            slopes = np.column_stack((free.sum(axis=1), slopes))
        grad = slopes.ravel()
        if self.l2:
            grad += self.l2 * self._penalty_mask() * theta
        return grad

    def hessian_at(self, z: Array, theta: Array, dtype: type = np.float64) -> Array:
        """Block Hessian from the logits, one :math:`(p+1)^2` block per pair of free classes.

        ``dtype`` is the precision of the scaled design (see
        :meth:`Objective.weighted_gram`).
        """
        probs = self.loss.hessian(self.codes, z)[:, int(self.reference) :]
        size = self.row_size
        hess = np.empty((self.n_params, self.n_params))
        for k in range(self.n_free):
            for m in range(k, self.n_free):
                curvature = probs[:, k] * ((k == m) - probs[:, m]) * self.sample_weight
                block = self._design.weighted_gram(curvature, dtype)
                hess[k * size : (k + 1) * size, m * size : (m + 1) * size] = block
                hess[m * size : (m + 1) * size, k * size : (k + 1) * size] = block.T
        if self.l2:
            hess[np.diag_indices_from(hess)] += self.l2 * self._penalty_mask()
        return hess

    def gradient_and_hessian_at(self, z: Array, theta: Array) -> tuple[Array, Array]:
        """Gradient and Hessian from the logits (the interface :func:`newton_raphson` uses)."""
        return self.gradient_at(z, theta), self.hessian_at(z, theta)

    def value(self, theta: Array) -> float:
        """Objective value."""
        return self.value_at(self.linear_predictor(theta), theta)

    def gradient(self, theta: Array) -> Array:
        """Gradient."""
        return self.gradient_at(self.linear_predictor(theta), theta)

    def value_and_gradient(self, theta: Array) -> tuple[float, Array]:
        """Value and gradient with one product for the logits and one for the gradient."""
        return self.value_and_gradient_at(self.linear_predictor(theta), theta)

    def value_and_gradient_at(self, z: Array, theta: Array) -> tuple[float, Array]:
        """Value and gradient from the logits (the interface :func:`newton_raphson` uses).

        The loss gives both per-sample quantities from one log-softmax.
        """
        losses, per_sample = self.loss.value_and_gradient(self.codes, z)
        value = float(self.sample_weight @ losses) + self._penalty(theta)
        return value, self._gradient_from(per_sample, theta)

    def hessian(self, theta: Array) -> Array:
        """Hessian."""
        return self.hessian_at(self.linear_predictor(theta), theta)

    def subset(self, rows: Any, scale: float = 1.0) -> SoftmaxObjective:
        """The objective on ``rows`` with weights multiplied by ``scale`` (mini-batches)."""
        return SoftmaxObjective(
            self.X[rows],
            self.codes[rows],
            self.n_classes,
            self.sample_weight[rows] * scale,
            l2=self.l2,
            fit_intercept=self.fit_intercept,
            reference=self.reference,
        )

    def gram_spectral_norm(self) -> float:
        r"""Largest eigenvalue of :math:`\tilde X^\top W\tilde X`."""
        return self._design.gram_spectral_norm()

    def parameter_scale(self) -> Array:
        """Column scales of the design, repeated for each free class."""
        return np.tile(self._design.parameter_scale(), self.n_free)

    def lipschitz_constant(self) -> float:
        r"""Bound :math:`\tfrac12\lambda_{\max}(\tilde X^\top W\tilde X) + \lambda` (Böhning)."""
        return 1.02 * 0.5 * self.gram_spectral_norm() + self.l2


def _transpose_times(block: Array, vector: Array) -> Array:
    # block.T @ vector. numpy's @ holds the interpreter lock for this shape, so the ranges
    # of a split pass would run one after the other; np.dot computes it with the same BLAS
    # call and releases the lock, but copies a block that is not C-contiguous (a Fortran-
    # ordered or strided X), so it is used only where it reads the block in place.
    if block.flags.c_contiguous:
        return np.dot(vector, block)
    return block.T @ vector


def _along_in_two_passes(
    objective: Objective | SoftmaxObjective, z: Array, theta: Array, direction: Array
) -> tuple[Array, Array, float, Array]:
    # value_and_gradient_along as its definition: the product X~ d, then the value and
    # gradient at the landed logits.
    dz = objective.design_times(direction)
    moved = z + dz
    return (dz, moved, *objective.value_and_gradient_at(moved, theta + direction))
