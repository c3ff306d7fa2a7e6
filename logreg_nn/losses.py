r"""Per-sample losses of a single sigmoid neuron, as functions of the logit.

Every loss here is a function :math:`\ell(y, z)` of a label :math:`y \in \{0, 1\}` and the
logit :math:`z = \beta_0 + x^\top\beta` (the neuron's pre-activation). Each class exposes the
value and the first two derivatives with respect to :math:`z`; the objective layer
(:mod:`logreg_nn.objective`) turns them into the gradient :math:`X^\top g` and Hessian
:math:`X^\top \operatorname{diag}(h) X` over the coefficients. Writing the derivatives in
:math:`z` keeps the chain rule in one place and lets the tests check each loss by finite
differences on a scalar.

Only :class:`CrossEntropy` is the negative Bernoulli log-likelihood, so only its minimiser is
the logistic-regression maximum-likelihood estimate. The others are there to show what
changes when the loss changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .exceptions import InvalidInputError
from .link import log_sigmoid, log_softmax, sigmoid

__all__ = [
    "CategoricalCrossEntropy",
    "CrossEntropy",
    "Exponential",
    "Focal",
    "Hinge",
    "LabelSmoothing",
    "Loss",
    "SquaredError",
    "get_loss",
]

Array = NDArray[np.float64]

#: Entries processed at a time by :meth:`CrossEntropy.value_and_gradient`: its few
#: buffers of this length (128 KiB each) stay in the core's cache between steps.
ELEMENTWISE_BLOCK = 16384


def _pair(y: ArrayLike, z: ArrayLike) -> tuple[Array, Array]:
    return np.asarray(y, dtype=np.float64), np.asarray(z, dtype=np.float64)


def _signs(y: Array) -> Array:
    # Map labels {0, 1} to {-1, +1}: the margin form s * z of the symmetric losses.
    return 2.0 * y - 1.0


def _times(weight: Array, log_p: Array) -> Array:
    """``weight * log_p`` with ``0 * (-inf)`` taken as 0, as in the limit."""
    weight, log_p = np.broadcast_arrays(weight, log_p)
    out = np.zeros(weight.shape)
    np.multiply(weight, log_p, out=out, where=weight != 0)
    return out


def _exp_minus_abs(z: Array) -> Array:
    """:math:`e^{-|z|}` in a new array: in :math:`(0, 1]`, never overflowing."""
    e = np.abs(z, out=np.empty_like(z))
    np.negative(e, out=e)
    return np.exp(e, out=e)


class Loss:
    r"""Base class: a per-sample loss :math:`\ell(y, z)` and its derivatives in :math:`z`.

    Attributes
    ----------
    name : str
        Registry name used by :func:`get_loss` and by the estimators' ``loss`` argument.
    convex : bool
        Whether :math:`\ell` is convex in :math:`z` for both labels (then the objective is
        convex in the coefficients, because :math:`z` is linear in them).
    smooth : bool
        Whether :math:`\ell` is twice differentiable everywhere.
    diverges_under_separation : bool
        Whether the infimum of the objective is approached only as the coefficients go to
        infinity when the classes are separated (no finite minimiser then).
    curvature_bound : float or None
        :math:`\sup_{y, z} |\partial^2 \ell / \partial z^2|` when finite; the Lipschitz
        constant of the objective's gradient is this times :math:`\|X\|_2^2`.
    """

    name: ClassVar[str] = ""
    convex: ClassVar[bool] = True
    smooth: ClassVar[bool] = True
    diverges_under_separation: ClassVar[bool] = True
    curvature_bound: float | None = None

    def value(self, y: ArrayLike, z: ArrayLike) -> Array:
        """Per-sample loss values."""
        raise NotImplementedError

    def gradient(self, y: ArrayLike, z: ArrayLike) -> Array:
        r"""Per-sample first derivatives :math:`\partial\ell/\partial z`."""
        raise NotImplementedError

    def hessian(self, y: ArrayLike, z: ArrayLike) -> Array:
        r"""Per-sample second derivatives :math:`\partial^2\ell/\partial z^2`."""
        raise NotImplementedError

    def derivatives(self, y: ArrayLike, z: ArrayLike) -> tuple[Array, Array]:
        """First and second derivatives together (a loss may share work between them)."""
        return self.gradient(y, z), self.hessian(y, z)

    def value_and_gradient(self, y: ArrayLike, z: ArrayLike) -> tuple[Array, Array]:
        """Values and first derivatives together (a loss may share work between them)."""
        return self.value(y, z), self.gradient(y, z)

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and vars(self) == vars(other)

    def __hash__(self) -> int:
        return hash((type(self), tuple(sorted(vars(self).items()))))


class CrossEntropy(Loss):
    r"""Binary cross-entropy: the negative Bernoulli log-likelihood of one observation.

    Notes
    -----
    With :math:`p = \sigma(z)`,

    .. math::

        \ell(y, z) &= -y\log p - (1-y)\log(1-p)
                    = -y \log\sigma(z) - (1-y)\log\sigma(-z), \\
        \frac{\partial\ell}{\partial z} &= \sigma(z) - y, \qquad
        \frac{\partial^2\ell}{\partial z^2} = \sigma(z)\,\sigma(-z) \in (0, \tfrac14].

    Summed over a sample it is minus the log-likelihood of the logistic model, so its
    minimiser *is* the maximum-likelihood estimate, and the population minimiser satisfies
    :math:`\sigma(z^*) = P(y = 1 \mid x)`: it estimates the log-odds. The second derivative
    is positive, so the summed loss is strictly convex whenever the design has full column
    rank. Labels may also be fractions in :math:`[0, 1]` (observed proportions).

    Examples
    --------
    >>> import numpy as np
    >>> from logreg_nn.losses import CrossEntropy
    >>> loss = CrossEntropy()
    >>> loss.value(np.array([1.0, 0.0]), np.array([0.0, 0.0]))
    array([0.69314718, 0.69314718])
    >>> float(loss.gradient(1.0, 1e300)), float(loss.hessian(1.0, 1e300))
    (0.0, 0.0)
    """

    name = "cross_entropy"
    curvature_bound = 0.25

    def value(self, y: ArrayLike, z: ArrayLike) -> Array:
        r"""Per-sample losses, computed as :math:`y(t + \max(-z, 0)) + (1-y)(t + \max(z, 0))`.

        Here :math:`t = \log(1 + e^{-|z|})` is the tail shared by :math:`-\log\sigma(z)`
        and :math:`-\log\sigma(-z)` (see :func:`~logreg_nn.link.log_sigmoid`), so one
        exponential and one logarithm serve both. The work is done ``ELEMENTWISE_BLOCK``
        entries at a time in small reused buffers, which stay in cache across the
        elementwise steps instead of streaming each through memory. A block with an
        infinite logit, where a label of 0 or 1 multiplies an infinite log-probability,
        takes the masked form with :math:`0 \cdot \infty = 0`.
        """
        return _blockwise(_value_block, _masked_value, y, z, 1)[0]

    def gradient(self, y: ArrayLike, z: ArrayLike) -> Array:
        y, z = _pair(y, z)
        return sigmoid(z) - y

    def hessian(self, y: ArrayLike, z: ArrayLike) -> Array:
        r"""Hessian :math:`\sigma(z)\sigma(-z)` from one exponential, in blocks.

        Bit for bit :func:`~logreg_nn.link.sigmoid` times its mirror, which would take two
        exponentials and two masked selections.
        """
        return _blockwise(_hessian_block, _plain_hessian, y, z, 1)[0]

    def derivatives(self, y: ArrayLike, z: ArrayLike) -> tuple[Array, Array]:
        r"""Gradient :math:`\sigma(z) - y` and Hessian :math:`\sigma(z)\sigma(-z)`, one exponential.

        With :math:`e = e^{-|z|}`, :math:`\sigma(z)` and :math:`\sigma(-z)` are
        :math:`1/(1+e)` and :math:`e/(1+e)` in the order given by the sign of :math:`z`,
        so one exponential and two divisions give both, bit for bit as :func:`sigmoid`
        computes them, and their product is the Hessian. Computed in blocks, as
        :meth:`value`.
        """
        return _blockwise(_derivatives_block, _plain_derivatives, y, z, 2)

    def value_and_gradient(self, y: ArrayLike, z: ArrayLike) -> tuple[Array, Array]:
        r"""Loss values and gradients :math:`\sigma(z) - y` from one exponential.

        :math:`\sigma(z) = \max(e, [z \ge 0]) / (1 + e)` with :math:`e = e^{-|z|}`: the
        same bits as :meth:`value` and :meth:`gradient`, with one exponential and one
        logarithm instead of two exponentials, computed in blocks as :meth:`value`.
        """
        return _blockwise(_value_and_gradient_block, _plain_value_and_gradient, y, z, 2)


def _blockwise(
    kernel: Callable[..., None],
    fallback: Callable[[Array, Array], tuple[Array, ...]],
    y: ArrayLike,
    z: ArrayLike,
    n_out: int,
) -> tuple[Array, ...]:
    """Apply ``kernel`` to ``ELEMENTWISE_BLOCK`` entries at a time; ``fallback`` to blocks
    containing a non-finite logit."""
    y, z = np.broadcast_arrays(*_pair(y, z))
    shape = z.shape
    y, z = y.reshape(-1), z.reshape(-1)
    outs = tuple(np.empty_like(z) for _ in range(n_out))
    size = max(1, min(ELEMENTWISE_BLOCK, z.size))
    scratch = np.empty((3, size))
    for start in range(0, z.size, size):
        part = slice(start, start + size)
        count = min(size, z.size - start)
        if np.isfinite(z[part]).all():
            kernel(y[part], z[part], *(out[part] for out in outs), scratch[:, :count])
        else:
            for out, piece in zip(outs, fallback(y[part], z[part]), strict=True):
                out[part] = piece
    # A 0-d input gives numpy scalars, as the plain ufunc expressions do.
    return tuple(out.reshape(shape)[()] for out in outs)


def _masked_value(y: Array, z: Array) -> tuple[Array]:
    # -y log sigma(z) - (1 - y) log sigma(-z), with 0 * (-inf) taken as 0.
    tail = _exp_minus_abs(z)
    np.log1p(tail, out=tail)
    log_p = np.minimum(z, -0.0)
    log_p -= tail
    log_q = np.minimum(-z, -0.0)
    log_q -= tail
    return (-_times(y, log_p) - _times(1.0 - y, log_q),)


def _plain_derivatives(y: Array, z: Array) -> tuple[Array, Array]:
    return sigmoid(z) - y, sigmoid(z) * sigmoid(-z)


def _plain_hessian(y: Array, z: Array) -> tuple[Array]:
    return (np.broadcast_to(sigmoid(z) * sigmoid(-z), np.broadcast_shapes(y.shape, z.shape)),)


def _plain_value_and_gradient(y: Array, z: Array) -> tuple[Array, Array]:
    return _masked_value(y, z)[0], sigmoid(z) - y


def _tail(z: Array, e: Array, tail: Array) -> None:
    # e = exp(-|z|) and t = log1p(e), into the given buffers.
    np.abs(z, out=e)
    np.negative(e, out=e)
    np.exp(e, out=e)
    np.log1p(e, out=tail)


def _finish_value(y: Array, z: Array, values: Array, tail: Array, other: Array) -> None:
    # y (t + max(-z, 0)) + (1 - y) (t + max(z, 0)): the masked form's bits, since
    # -(y log p) = y (t - min(z, -0)) exactly. Overwrites tail and other.
    np.negative(z, out=values)
    np.maximum(values, 0.0, out=values)
    values += tail
    values *= y
    np.maximum(z, 0.0, out=other)
    other += tail
    other *= np.subtract(1.0, y, out=tail)
    values += other


def _value_block(y: Array, z: Array, values: Array, scratch: Array) -> None:
    e, tail, other = scratch
    _tail(z, e, tail)
    _finish_value(y, z, values, tail, other)


def _value_and_gradient_block(
    y: Array, z: Array, values: Array, gradient: Array, scratch: Array
) -> None:
    # sigma(z) = max(e, [z >= 0]) / (1 + e): 1/(1+e) for z >= 0 and e/(1+e) below, as
    # sigmoid computes it, without a masked selection.
    e, tail, other = scratch
    _tail(z, e, tail)
    np.add(e, 1.0, out=other)
    np.maximum(e, z >= 0, out=gradient)
    gradient /= other
    gradient -= y
    _finish_value(y, z, values, tail, other)


def _derivatives_block(y: Array, z: Array, gradient: Array, hessian: Array, scratch: Array) -> None:
    e, denominator, _ = scratch
    np.abs(z, out=e)
    np.negative(e, out=e)
    np.exp(e, out=e)
    np.add(e, 1.0, out=denominator)
    np.maximum(e, z >= 0, out=gradient)
    gradient /= denominator
    gradient -= y
    _finish_hessian(e, denominator, hessian)


def _hessian_block(y: Array, z: Array, hessian: Array, scratch: Array) -> None:
    e, denominator, _ = scratch
    np.abs(z, out=e)
    np.negative(e, out=e)
    np.exp(e, out=e)
    np.add(e, 1.0, out=denominator)
    _finish_hessian(e, denominator, hessian)


def _finish_hessian(e: Array, denominator: Array, hessian: Array) -> None:
    # sigma(z) sigma(-z) = (e / (1 + e)) (1 / (1 + e)), in sigmoid's bits; overwrites
    # the denominator.
    np.divide(e, denominator, out=hessian)
    np.divide(1.0, denominator, out=denominator)
    hessian *= denominator


class SquaredError(Loss):
    r"""Squared error on the probability scale, the Brier score :math:`(y - \sigma(z))^2`.

    Notes
    -----
    With :math:`p = \sigma(z)` and :math:`p' = p(1-p)`,

    .. math::

        \ell &= (y - p)^2, \qquad
        \frac{\partial\ell}{\partial z} = 2(p - y)\,p(1-p), \\
        \frac{\partial^2\ell}{\partial z^2} &= 2p(1-p)\,\bigl[p(1-p) + (p - y)(1 - 2p)\bigr].

    The second derivative is negative for confidently wrong predictions, so the objective is
    *not* convex in the coefficients: it can have several stationary points, and gradient
    methods can stall on plateaus where the sigmoid saturates. The Brier score is a strictly
    proper scoring rule, so the population minimiser is still :math:`P(y=1\mid x)` under a
    correct model (the estimator is consistent, by nonlinear least squares), but it is less
    efficient than maximum likelihood and converges to a different pseudo-true value under
    misspecification.

    Examples
    --------
    >>> from logreg_nn.losses import SquaredError
    >>> float(SquaredError().value(1.0, 0.0))
    0.25
    >>> float(SquaredError().hessian(0.0, 4.0)) < 0  # confidently wrong: concave there
    True
    """

    name = "squared_error"
    convex = False
    # |p'| <= 1/4 and |p''| <= 1/(6 sqrt 3), so |l''| <= 2 (1/16 + 1/(6 sqrt 3)) < 0.32.
    curvature_bound = 0.32

    def value(self, y: ArrayLike, z: ArrayLike) -> Array:
        y, z = _pair(y, z)
        return (y - sigmoid(z)) ** 2

    def gradient(self, y: ArrayLike, z: ArrayLike) -> Array:
        y, z = _pair(y, z)
        p, q = sigmoid(z), sigmoid(-z)
        return 2.0 * (p - y) * p * q

    def hessian(self, y: ArrayLike, z: ArrayLike) -> Array:
        y, z = _pair(y, z)
        p, q = sigmoid(z), sigmoid(-z)
        return 2.0 * p * q * (p * q + (p - y) * (q - p))


class Hinge(Loss):
    r"""Hinge loss on the logit, :math:`\max(0, 1 - s z)` with :math:`s = 2y - 1`.

    Notes
    -----
    .. math::

        \ell = \max(0,\, 1 - s z), \qquad
        \frac{\partial\ell}{\partial z} = -s\,\mathbb{1}[s z < 1], \qquad
        \frac{\partial^2\ell}{\partial z^2} = 0 .

    The loss has a kink at :math:`s z = 1`; the derivative returned there is the
    subgradient 0 and the second derivative is the generalized one (zero almost
    everywhere). The population minimiser is :math:`z^* = \operatorname{sign}(P(y=1\mid x) -
    \tfrac12)`: hinge loss estimates the Bayes decision boundary, not a probability, so
    :math:`\sigma(z)` of a hinge fit is not a calibrated probability. Without a penalty the
    scale of the coefficients is fixed only by the margin of 1.

    Examples
    --------
    >>> from logreg_nn.losses import Hinge
    >>> Hinge().value([1.0, 0.0, 1.0], [2.0, 0.5, 0.5])
    array([0. , 1.5, 0.5])
    """

    name = "hinge"
    smooth = False
    diverges_under_separation = False
    curvature_bound = None

    def value(self, y: ArrayLike, z: ArrayLike) -> Array:
        y, z = _pair(y, z)
        return np.maximum(0.0, 1.0 - _signs(y) * z)

    def gradient(self, y: ArrayLike, z: ArrayLike) -> Array:
        y, z = _pair(y, z)
        s = _signs(y)
        return np.where(s * z < 1.0, -s, 0.0)

    def hessian(self, y: ArrayLike, z: ArrayLike) -> Array:
        y, z = _pair(y, z)
        return np.zeros(np.broadcast_shapes(y.shape, z.shape))


class Exponential(Loss):
    r"""Exponential loss :math:`e^{-s z}` with :math:`s = 2y - 1` (AdaBoost's loss).

    Notes
    -----
    .. math::

        \ell = e^{-s z}, \qquad
        \frac{\partial\ell}{\partial z} = -s\,e^{-s z}, \qquad
        \frac{\partial^2\ell}{\partial z^2} = e^{-s z} > 0 .

    Strictly convex, but unbounded curvature. Its population minimiser is
    :math:`z^* = \tfrac12\log\frac{P(y=1\mid x)}{P(y=0\mid x)}`, half the log-odds, so under a
    correct logistic model it estimates :math:`\beta/2`, and :math:`\sigma(2z)` is the
    probability. For a confidently wrong prediction the value is ``inf`` once
    :math:`e^{-sz}` exceeds the float range, which is the correctly rounded result.

    Examples
    --------
    >>> from logreg_nn.losses import Exponential
    >>> Exponential().value([1.0, 0.0], [0.0, 0.0])
    array([1., 1.])
    """

    name = "exponential"
    curvature_bound = None

    def value(self, y: ArrayLike, z: ArrayLike) -> Array:
        y, z = _pair(y, z)
        with np.errstate(over="ignore"):
            # exp of a huge margin is +inf, the correctly rounded value of the loss.
            return np.exp(-_signs(y) * z)

    def gradient(self, y: ArrayLike, z: ArrayLike) -> Array:
        y, z = _pair(y, z)
        return -_signs(y) * self.value(y, z)

    def hessian(self, y: ArrayLike, z: ArrayLike) -> Array:
        return self.value(y, z)


class Focal(Loss):
    r"""Focal loss :math:`-(1 - q)^\gamma \log q`, with :math:`q` the probability of the true class.

    Parameters
    ----------
    gamma : float, default=2.0
        Focusing parameter :math:`\gamma \ge 0`; ``gamma=0`` is cross-entropy.

    Notes
    -----
    With :math:`s = 2y - 1`, margin :math:`m = s z`, :math:`q = \sigma(m)` and
    :math:`u = 1 - q`,

    .. math::

        \ell &= -u^\gamma \log q, \qquad
        \frac{\partial\ell}{\partial z} = s\,u^\gamma\bigl(\gamma\, q\log q - u\bigr), \\
        \frac{\partial^2\ell}{\partial z^2} &= \gamma\,(q\log q)\,(u - \gamma q)\,u^\gamma
            + (2\gamma + 1)\,q\,u^{\gamma + 1}.

    The factor :math:`u^\gamma` down-weights well-classified observations. The population
    minimiser is not :math:`P(y=1\mid x)`: focal fits pull probabilities towards
    :math:`\tfrac12`, so the coefficients are not the maximum-likelihood ones, and the loss
    is not convex in :math:`z` for every :math:`\gamma` (treated here as non-convex).

    Examples
    --------
    >>> from logreg_nn.losses import CrossEntropy, Focal
    >>> import numpy as np
    >>> z = np.linspace(-3, 3, 7)
    >>> bool(np.allclose(Focal(0.0).value(1.0, z), CrossEntropy().value(1.0, z)))
    True
    """

    name = "focal"
    convex = False

    def __init__(self, gamma: float = 2.0) -> None:
        if not np.isfinite(gamma) or gamma < 0:
            raise InvalidInputError(f"Focal: gamma must be a finite number >= 0, got {gamma!r}.")
        self.gamma = float(gamma)
        # |l''| <= (2 gamma + 1) / 4 + gamma (1/e) (1 + gamma): a safe, simple bound.
        self.curvature_bound = (2.0 * self.gamma + 1.0) / 4.0 + self.gamma * (
            1.0 + self.gamma
        ) / np.e

    def __repr__(self) -> str:
        return f"Focal(gamma={self.gamma!r})"

    def _parts(self, y: ArrayLike, z: ArrayLike) -> tuple[Array, Array, Array, Array, Array]:
        y, z = _pair(y, z)
        s = _signs(y)
        margin = s * z
        q, u = sigmoid(margin), sigmoid(-margin)
        log_q = log_sigmoid(margin)
        return s, q, u, log_q, _q_log_q(q, log_q)

    def value(self, y: ArrayLike, z: ArrayLike) -> Array:
        _, _, u, log_q, _ = self._parts(y, z)
        return -(u**self.gamma) * log_q

    def gradient(self, y: ArrayLike, z: ArrayLike) -> Array:
        s, _, u, _, q_log_q = self._parts(y, z)
        return s * u**self.gamma * (self.gamma * q_log_q - u)

    def hessian(self, y: ArrayLike, z: ArrayLike) -> Array:
        _, q, u, _, q_log_q = self._parts(y, z)
        g = self.gamma
        return g * q_log_q * (u - g * q) * u**g + (2.0 * g + 1.0) * q * u ** (g + 1.0)


def _q_log_q(q: Array, log_q: Array) -> Array:
    # q log q -> 0 as q -> 0; computing it as 0 * (-inf) would give NaN.
    out = np.zeros(q.shape)
    np.multiply(q, log_q, out=out, where=q > 0)
    return out


class LabelSmoothing(Loss):
    r"""Cross-entropy against smoothed targets :math:`t = (1-\varepsilon)\,y + \varepsilon/2`.

    Parameters
    ----------
    epsilon : float, default=0.1
        Smoothing strength in :math:`[0, 1)`; ``epsilon=0`` is cross-entropy.

    Notes
    -----
    .. math::

        \ell = -t\log\sigma(z) - (1-t)\log\sigma(-z), \qquad
        \frac{\partial\ell}{\partial z} = \sigma(z) - t, \qquad
        \frac{\partial^2\ell}{\partial z^2} = \sigma(z)\sigma(-z).

    Strictly convex like cross-entropy, but its minimiser matches
    :math:`\sigma(z^*) = (1-\varepsilon)P(y=1\mid x) + \varepsilon/2`: probabilities are
    shrunk towards :math:`\tfrac12`, so the coefficients are shrunk towards zero, and a
    finite minimiser exists even when the classes are separated.

    Examples
    --------
    >>> from logreg_nn.losses import LabelSmoothing
    >>> float(LabelSmoothing(0.2).gradient(1.0, 0.0))  # sigma(0) - 0.9
    -0.4
    """

    name = "label_smoothing"
    diverges_under_separation = False
    curvature_bound = 0.25

    def __init__(self, epsilon: float = 0.1) -> None:
        if not np.isfinite(epsilon) or not 0.0 <= epsilon < 1.0:
            raise InvalidInputError(f"LabelSmoothing: epsilon must lie in [0, 1), got {epsilon!r}.")
        self.epsilon = float(epsilon)

    def __repr__(self) -> str:
        return f"LabelSmoothing(epsilon={self.epsilon!r})"

    def targets(self, y: ArrayLike) -> Array:
        """Smoothed targets :math:`(1-\\varepsilon)y + \\varepsilon/2`."""
        return (1.0 - self.epsilon) * np.asarray(y, dtype=np.float64) + self.epsilon / 2.0

    def value(self, y: ArrayLike, z: ArrayLike) -> Array:
        return CrossEntropy().value(self.targets(y), z)

    def gradient(self, y: ArrayLike, z: ArrayLike) -> Array:
        return CrossEntropy().gradient(self.targets(y), z)

    def hessian(self, y: ArrayLike, z: ArrayLike) -> Array:
        return CrossEntropy().hessian(self.targets(y), z)


class CategoricalCrossEntropy(Loss):
    r"""Categorical cross-entropy of K softmax outputs (the multinomial negative log-likelihood).

    Labels are integer codes :math:`y_i \in \{0, \dots, K-1\}` and the logits a matrix
    :math:`Z` with one column per class.

    Notes
    -----
    .. math::

        \ell(y, z) = -\log\operatorname{softmax}(z)_y
                   = \log\sum_k e^{z_k} - z_y, \qquad
        \frac{\partial\ell}{\partial z_k} = p_k - \mathbb 1[y = k], \qquad
        \frac{\partial^2\ell}{\partial z_k\,\partial z_l} = p_k(\delta_{kl} - p_l).

    The Hessian in :math:`z` is :math:`\operatorname{diag}(p) - pp^\top \preceq \tfrac12 I`
    (Böhning's bound), whence ``curvature_bound = 0.5``. It is singular along
    :math:`(1, \dots, 1)`: adding a constant to every logit changes nothing, which is why
    a softmax layer's weights are identified only up to a common shift. With
    :math:`K = 2` and logits :math:`(0, z)` it is :class:`CrossEntropy`.

    Examples
    --------
    >>> import numpy as np
    >>> from logreg_nn.losses import CategoricalCrossEntropy, CrossEntropy
    >>> z = np.array([[0.0, 1.5], [0.0, -0.3]])
    >>> bool(np.allclose(CategoricalCrossEntropy().value(np.array([1, 0]), z),
    ...                  CrossEntropy().value(np.array([1.0, 0.0]), z[:, 1])))
    True
    """

    name = "cross_entropy"
    curvature_bound = 0.5

    def value(self, y: ArrayLike, z: ArrayLike) -> Array:
        codes = np.asarray(y, dtype=np.intp)
        log_p = log_softmax(z)
        return -log_p[np.arange(codes.size), codes]

    def gradient(self, y: ArrayLike, z: ArrayLike) -> Array:
        return self.value_and_gradient(y, z)[1]

    def value_and_gradient(self, y: ArrayLike, z: ArrayLike) -> tuple[Array, Array]:
        """Both from one :func:`~logreg_nn.link.log_softmax`."""
        codes = np.asarray(y, dtype=np.intp)
        rows = np.arange(codes.size)
        log_p = log_softmax(z)
        p = np.exp(log_p)
        p[rows, codes] -= 1.0
        return -log_p[rows, codes], p

    def hessian(self, y: ArrayLike, z: ArrayLike) -> Array:
        """Class probabilities :math:`p`; the objective builds the Hessian blocks from them."""
        return np.exp(log_softmax(z))


_REGISTRY: dict[str, type[Loss]] = {
    cls.name: cls for cls in (CrossEntropy, SquaredError, Hinge, Exponential, Focal, LabelSmoothing)
}


def get_loss(loss: str | Loss) -> Loss:
    """Return a loss instance from its registry name, or the instance itself.

    Parameters
    ----------
    loss : str or Loss
        One of ``"cross_entropy"``, ``"squared_error"``, ``"hinge"``, ``"exponential"``,
        ``"focal"``, ``"label_smoothing"``, or a :class:`Loss` instance (for example
        ``Focal(gamma=1.0)``).

    Returns
    -------
    Loss

    Raises
    ------
    InvalidInputError
        For an unknown name; the message lists the valid ones.

    Examples
    --------
    >>> from logreg_nn.losses import get_loss
    >>> get_loss("focal")
    Focal(gamma=2.0)
    """
    if isinstance(loss, Loss):
        return loss
    if isinstance(loss, str) and loss in _REGISTRY:
        return _REGISTRY[loss]()
    valid = ", ".join(repr(name) for name in _REGISTRY)
    raise InvalidInputError(f"Unknown loss {loss!r}; valid losses are {valid} or a Loss instance.")
