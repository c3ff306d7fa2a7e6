r"""Solvers: Newton–Raphson/IRLS for the statistician, gradient methods for the network.

Two kinds of code live here, both working on an :class:`~logreg_nn.objective.Objective`:

* :func:`newton_raphson`, the maximum-likelihood solver of
  :class:`~logreg_nn.LogisticRegression`: Newton steps with step-halving, stopped on the
  Newton decrement and the largest gradient entry. For the canonical logit link the
  observed and expected information coincide, so this is also Fisher scoring and IRLS.
* one small class per update rule used by :class:`~logreg_nn.SingleNeuronNetwork`
  (``"gd"``, ``"momentum"``, ``"nesterov"``, ``"sgd"``, ``"adam"``, ``"newton"``), each
  mapping the current parameters and a gradient to the next parameters, with a step-size
  schedule (``"constant"`` or Robbins–Monro decay).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from numpy.typing import NDArray

from .diagnostics import equilibrated_condition_number
from .exceptions import InvalidInputError
from .objective import Objective

__all__ = [
    "SGD",
    "Adam",
    "GradientDescent",
    "Momentum",
    "Nesterov",
    "Newton",
    "NewtonResult",
    "Optimizer",
    "RobbinsMonro",
    "get_optimizer",
    "newton_direction",
    "newton_raphson",
]

Array = NDArray[np.float64]


# --------------------------------------------------------------------------------------
# Newton-Raphson / IRLS
# --------------------------------------------------------------------------------------
def newton_direction(hessian: Array, gradient: Array) -> Array:
    r"""Solve :math:`H d = -g`, modifying :math:`H` where it is not positive definite.

    For a positive-definite Hessian this is the Newton step. Otherwise (a non-convex loss
    away from a minimum) every eigenvalue is replaced by its absolute value, floored at
    :math:`10^{-8}\max|\lambda|`, so the direction still descends ("saddle-free" Newton).

    Examples
    --------
    >>> import numpy as np
    >>> from logreg_nn.optim import newton_direction
    >>> newton_direction(np.diag([2.0, 4.0]), np.array([2.0, 2.0]))
    array([-1. , -0.5])
    """
    try:
        lower = np.linalg.cholesky(hessian)
    except np.linalg.LinAlgError:
        eigenvalues, vectors = np.linalg.eigh(hessian)
        floor = 1e-8 * max(float(np.abs(eigenvalues).max()), np.finfo(float).tiny)
        modified = np.maximum(np.abs(eigenvalues), floor)
        return -(vectors @ ((vectors.T @ gradient) / modified))
    return -np.linalg.solve(lower.T, np.linalg.solve(lower, gradient))


@dataclass
class NewtonResult:
    """Outcome of :func:`newton_raphson`."""

    theta: Array
    n_iter: int
    converged: bool
    gradient: Array
    hessian: Array
    logits: Array
    value: float
    decrement: float
    exact_hessians: int = 0


#: Smallest number of observations for which :func:`newton_raphson` may start with
#: Hessians of a row sample: below it an exact Hessian costs little.
SUBSAMPLE_MIN_ROWS = 50_000
#: Rows per parameter in that sample: the error of its Hessian shrinks like
#: :math:`\sqrt{\text{parameters}/\text{rows}}`, so a fixed ratio gives about the same
#: progress per step whatever the width.
SUBSAMPLE_ROWS_PER_PARAMETER = 100
#: The sample is used only when it has at most this fraction of the rows.
SUBSAMPLE_MAX_FRACTION = 0.25
#: Newton decrement per unit of sample weight below which the exact Hessian is used, and
#: below which an exact Hessian is kept for the following steps.
EXACT_HESSIAN_DECREMENT = 1e-6
#: Largest condition number (after scaling to unit diagonal) of the sampled Hessian for
#: which the Hessians of all rows that only steer the steps are formed in single
#: precision. Rounding the scaled design to float32 perturbs the Hessian by about
#: :math:`2^{-24}` relative to its diagonal, so a step with it shrinks the error by
#: about that times the condition number: at most about 1e-3 here, still several digits
#: per step. On worse-conditioned designs (raw polynomial features, say) single
#: precision stalled the iteration or stopped it at a wrong point, so they use double.
SINGLE_PRECISION_MAX_CONDITION = 1e4
#: A kept Hessian is replaced when a step shrinks the decrement by less than this factor.
KEPT_HESSIAN_CONTRACTION = 1e-2
#: A change of the logits too small to matter: the last exact Hessian is reported as the
#: one at the estimate when no logit has moved by more than this since it was formed
#: (every weight :math:`\sigma(1-\sigma)` then differs by at most this relative amount).
NEGLIGIBLE_LOGIT_CHANGE = 1e-12


def _rounding_slack(value: float, n_terms: int) -> float:
    r"""Allowance for rounding in an objective summed over ``n_terms`` observations.

    A sum of :math:`n` rounded terms is off by about :math:`\sqrt{n}\,\epsilon\,|F|`, and
    two evaluations at nearly equal parameters differ by that much in either direction.
    Near the optimum the decrease Armijo asks for is smaller than this, so it is compared
    with this much slack: 16 times the estimate.
    """
    return 16.0 * np.sqrt(n_terms) * np.finfo(np.float64).eps * abs(value)


def _leaves_rounding_error(dz: Array, z: Array, decrement: float, previous: float) -> bool:
    # A step with a kept Hessian shrinks the error by about the contraction just observed,
    # sqrt(decrement / previous) (the decrement is quadratic in the error). After the step
    # the logits are then off by about max|dz| times that: stop once this is rounding.
    if not previous > 0.0:
        return True
    left = float(np.abs(dz).max()) * np.sqrt(decrement / previous)
    return left <= 4.0 * np.finfo(np.float64).eps * max(1.0, float(np.abs(z).max()))


def _hessian_stride(objective: Objective) -> int:
    # Every stride-th row forms the early Hessians; 1 means exact Hessians throughout.
    n_samples = objective.X.shape[0]
    rows = SUBSAMPLE_ROWS_PER_PARAMETER * objective.n_params
    too_few = n_samples < SUBSAMPLE_MIN_ROWS or rows > SUBSAMPLE_MAX_FRACTION * n_samples
    if too_few or not hasattr(objective, "subset"):
        return 1
    return n_samples // rows


def _positive_definite(matrix: Array) -> bool:
    try:
        np.linalg.cholesky(matrix)
    except np.linalg.LinAlgError:
        return False
    return True


def _armijo_step(
    objective: Objective,
    theta: Array,
    z: Array,
    value: float,
    direction: Array,
    dz: Array,
    slope: float,
    full_step: tuple[Array, float, Array],
) -> tuple[float, Array, Array, float, Array | None] | None:
    # The largest step 1, 1/2, 1/4, ... satisfying Armijo's condition, with the point, its
    # logits, value and (for the full step) gradient; None if 60 halvings found none.
    # ``full_step`` holds the logits, value and gradient at step 1, which the caller gets
    # with dz in one pass over the data: the full step is nearly always taken.
    # Near the optimum the predicted decrease falls below the rounding error of F itself;
    # without the slack Armijo rejects the (exact) full Newton step there and the iteration
    # stalls on ever shorter steps, just short of the gradient test.
    slack = _rounding_slack(value, z.shape[0])
    step = 1.0
    for _ in range(60):
        trial_theta = theta + step * direction
        if step == 1.0:
            trial_z, trial_value, trial_gradient = full_step
        else:
            trial_z = z + step * dz
            trial_value, trial_gradient = objective.value_at(trial_z, trial_theta), None
        if trial_value <= value + 1e-4 * step * slope + slack:
            return step, trial_theta, trial_z, trial_value, trial_gradient
        step /= 2.0
    return None


class _Curvature:
    """The Hessian :func:`newton_raphson` steps with, and where it came from.

    ``sample`` is the row-sample objective while sampled Hessians are in use; afterwards
    the matrix is of all rows, formed where the logits were ``drift`` (a bound on the
    largest change since) away from the current ones, and ``kept`` says whether the next
    step may reuse it instead of forming a new one. On data large enough for the sample,
    and when the sample's Hessian is well conditioned, those Hessians only steer the path
    and are formed in single precision (``precise`` is then False); the one returned at
    the estimate, the one that confirms the stopping test after single-precision steps,
    and the one the rank check sees, are always in double.
    """

    def __init__(self, objective: Objective, check: Callable[[Array], None] | None) -> None:
        self.objective = objective
        self.check = check
        self.stride = _hessian_stride(objective)
        self.sample = (
            None
            if self.stride == 1
            else objective.subset(slice(None, None, self.stride), float(self.stride))
        )
        # Double until a sampled Hessian shows single precision is accurate enough.
        self.steering_dtype: type = np.float64
        self.matrix: Array | None = None
        self.precise = False
        self.kept = False
        self.drift = np.inf
        self.exact_evaluations = 0

    def sampled(self, z: Array, theta: Array) -> Array | None:
        """The sample's Hessian at ``theta``, or None once it is no longer used.

        Its conditioning decides the precision of the Hessians of all rows that follow:
        single precision only while it is at most ``SINGLE_PRECISION_MAX_CONDITION``.
        """
        if self.sample is not None:
            hessian = self.sample.hessian_at(z[:: self.stride], theta)
            if _positive_definite(hessian):
                well_conditioned = (
                    equilibrated_condition_number(hessian) <= SINGLE_PRECISION_MAX_CONDITION
                )
                self.steering_dtype = np.float32 if well_conditioned else np.float64
                return hessian
            self.sample = None
        return None

    def exact(self, z: Array, theta: Array) -> Array:
        """Form the Hessian of all rows at ``theta``, to steer the next steps."""
        dtype = self.steering_dtype
        return self._record(self.objective.hessian_at(z, theta, dtype), dtype is np.float64)

    def confirms(
        self, z: Array, theta: Array, gradient: Array, test: Callable[[float, Array], bool]
    ) -> bool:
        """Whether the stopping ``test`` passes with the double-precision Hessian at
        ``theta`` (formed here, and kept for further steps if it does not)."""
        hessian = self.at_estimate(z, theta)
        if test(-float(gradient @ newton_direction(hessian, gradient)), gradient):
            return True
        self.steering_dtype = np.float64
        self.kept = True
        return False

    def moved(self, dz: Array, step: float = 1.0) -> None:
        """Record a change ``step * dz`` of the logits since the Hessian was formed."""
        self.drift += step * float(np.abs(dz).max()) if dz.size else 0.0

    def at_estimate(self, z: Array, theta: Array) -> Array:
        """The exact double-precision Hessian at ``theta``: the last one if it is that and
        the logits barely moved since, else formed here."""
        if self.precise and self.drift <= NEGLIGIBLE_LOGIT_CHANGE:
            return self.matrix
        return self._record(self.objective.hessian_at(z, theta), True)

    def _record(self, matrix: Array, precise: bool) -> Array:
        self.matrix, self.precise = matrix, precise
        self.drift = 0.0
        self.exact_evaluations += 1
        if precise and self.check is not None:
            # The rank check needs the double-precision Hessian: a column aliased to
            # rounding in double can look independent at single precision.
            self.check(matrix)
            self.check = None
        return matrix


def newton_raphson(
    objective: Objective,
    theta0: Array,
    *,
    tol: float = 1e-10,
    max_iter: int = 100,
    check_hessian: Callable[[Array], None] | None = None,
    callback: Callable[[int, float, Array, float, float], None] | None = None,
) -> NewtonResult:
    r"""Minimise a convex objective by Newton–Raphson with step-halving.

    Parameters
    ----------
    objective : Objective
        Smooth objective with positive-definite Hessian.
    theta0 : ndarray
        Starting parameters.
    tol : float, default=1e-10
        Stop when half the squared Newton decrement :math:`\lambda^2/2 = -g^\top d/2` (the
        predicted decrease of the objective) and the largest gradient entry per unit of
        sample weight, each divided by its column's largest absolute value
        (:meth:`~logreg_nn.objective.Objective.parameter_scale`), are both at most ``tol``.
    max_iter : int, default=100
        Maximum number of iterations, each a Newton step with an exact, sampled or kept
        Hessian (or a retry with the exact one after a failed line search).
    check_hessian : callable, optional
        Called with the first exact Hessian (for example to detect rank deficiency).
    callback : callable, optional
        Called as ``callback(iteration, value, gradient, decrement, step)`` after each step.

    Returns
    -------
    NewtonResult
        The last iterate, with the gradient and the exact Hessian at it, and the number of
        Hessians of all rows formed.

    Notes
    -----
    Iteration :math:`k` computes :math:`g = \nabla F(\theta_k)`, a Hessian :math:`H`, the
    direction :math:`d = -H^{-1}g`, and takes :math:`\theta_{k+1} = \theta_k + t d` with the
    largest :math:`t \in \{1, \tfrac12, \tfrac14, \dots\}` that satisfies the Armijo
    condition :math:`F(\theta_k + td) \le F(\theta_k) + 10^{-4} t g^\top d`. The logits are
    updated as :math:`z + t\,\tilde X d`. A step costs one product :math:`\tilde X d` and
    one :math:`\tilde X^\top r` at the full step, taken together in one pass over the data
    (:meth:`~logreg_nn.objective.Objective.value_and_gradient_along`), and, when a new
    Hessian is formed, one Gram matrix :math:`\tilde X^\top W \tilde X`; trying a shorter
    step costs no pass over the data. On large data these passes are split between the
    cores, and BLAS runs one thread, in the whole process, from the start of the solve to
    its end (:meth:`~logreg_nn.objective.Objective.split_scope`): ``callback`` and
    ``check_hessian`` run under that limit too.

    Which Hessian a step uses changes the path, never the fixed point (:math:`g = 0`), and
    the Gram matrix is the expensive part, so it is formed only where it pays:

    * With at least ``SUBSAMPLE_MIN_ROWS`` observations, of which
      ``SUBSAMPLE_ROWS_PER_PARAMETER`` per parameter are at most a fraction
      ``SUBSAMPLE_MAX_FRACTION``, the first steps use the Hessian of every :math:`k`-th
      row (that many rows, weights multiplied by :math:`k`): a direction close to
      Newton's at a :math:`k`-th of the cost. Once the decrement per unit of weight falls
      below ``EXACT_HESSIAN_DECREMENT``, or a sampled step fails to halve it or needs
      step-halving, the Hessian of all rows takes over; on such data it only steers the
      path and is formed in single precision, far more accurate than the progress a
      step needs (see :meth:`~logreg_nn.objective.Objective.weighted_gram`), unless the
      sample's Hessian has a condition number (at unit diagonal) above
      ``SINGLE_PRECISION_MAX_CONDITION``, where single precision is not.
    * An exact Hessian formed where the decrement per unit of weight is below
      ``EXACT_HESSIAN_DECREMENT`` is kept for the following steps (the chord method):
      the error of a step with it shrinks by a factor proportional to the distance
      between where it was formed and the optimum, so each step gains several digits
      for the price of a gradient. It is formed anew when a step shrinks the decrement
      by less than ``KEPT_HESSIAN_CONTRACTION`` or needs step-halving.
    * The stopping test uses a Hessian of all rows, current or kept; when that one is in
      single precision, the test is repeated after the final step with the double
      Hessian there, and the iteration goes on in double if it fails. Once it passes,
      one more step is taken: with the current Hessian it removes the remaining error
      quadratically; with a kept one the steps go on until the error left after the
      step, its size times the contraction just observed, is at the rounding level of
      the logits. The returned Hessian, behind the standard errors and the rank check,
      is in double precision and formed at the returned estimate, unless the last one is
      such and no logit moved by more than ``NEGLIGIBLE_LOGIT_CHANGE`` since it was
      formed.

    Examples
    --------
    >>> import numpy as np
    >>> from logreg_nn.objective import Objective
    >>> from logreg_nn.optim import newton_raphson
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0], [4.0]])
    >>> y = np.array([0.0, 0.0, 1.0, 0.0, 1.0])
    >>> result = newton_raphson(Objective("cross_entropy", X, y), np.zeros(2))
    >>> result.converged, result.n_iter, result.exact_hessians
    (True, 7, 5)
    """
    # On large data BLAS stays at one thread for the whole solve and the passes are split
    # between the cores (Objective.split_scope, see logreg_nn._parallel).
    scope = getattr(objective, "split_scope", nullcontext)
    with scope():
        theta = np.array(theta0, dtype=np.float64, copy=True)
        z = objective.linear_predictor(theta).copy()
        value = objective.value_at(z, theta)
        weight = objective.weight_sum
        units = objective.parameter_scale()
        curvature = _Curvature(objective, check_hessian)
        decrement = previous = float("inf")

        def converged(decrement: float, gradient: Array) -> bool:
            return decrement / 2.0 <= tol and np.abs(gradient / units).max() <= tol * weight

        def result(converged: bool, n_iter: int, gradient: Array) -> NewtonResult:
            hessian = curvature.at_estimate(z, theta)
            return NewtonResult(
                theta,
                n_iter,
                converged,
                gradient,
                hessian,
                z,
                value,
                decrement,
                curvature.exact_evaluations,
            )

        gradient = None
        for iteration in range(max_iter):
            if gradient is None:
                gradient = objective.gradient_at(z, theta)
            hessian = curvature.sampled(z, theta)
            sampled = hessian is not None
            if not sampled:
                hessian = curvature.matrix if curvature.kept else curvature.exact(z, theta)
            direction = newton_direction(hessian, gradient)
            decrement = -float(gradient @ direction)
            stale = not sampled and curvature.drift > 0.0
            if stale and decrement > KEPT_HESSIAN_CONTRACTION * previous:
                # The kept Hessian has stopped paying for itself: form it here.
                hessian = curvature.exact(z, theta)
                direction = newton_direction(hessian, gradient)
                decrement = -float(gradient @ direction)
                stale = False
            dz, landed, landed_value, landed_gradient = objective.value_and_gradient_along(
                z, theta, direction
            )
            if sampled:
                if decrement <= EXACT_HESSIAN_DECREMENT * weight or decrement > 0.5 * previous:
                    # Close enough for Newton's quadratic convergence, or the sample's curvature
                    # is too far off to make progress: the exact Hessian from the next iteration
                    # on, so the stopping test and the inference always use it.
                    curvature.sample = None
            elif converged(decrement, gradient) and (
                not stale or _leaves_rounding_error(dz, z, decrement, previous)
            ):
                # The tolerances bound the gradient, not the error: along poorly determined
                # directions the point passing them can still be ~1e-8 (relative) from the
                # optimum. A step with the Hessian of this point removes that error
                # quadratically, so take it (not counted as an iteration) and report the
                # gradient and Hessian there. A kept Hessian removes it only by its
                # contraction factor, so with one the steps go on until that is enough.
                steered_in_double = curvature.precise
                theta, z, value = theta + direction, landed, landed_value
                curvature.moved(dz)
                if steered_in_double or curvature.confirms(z, theta, landed_gradient, converged):
                    return result(True, iteration, landed_gradient)
                # The single-precision Hessian misjudged the decrement: go on in double, from
                # the double Hessian just formed here.
                gradient, previous = landed_gradient, decrement
                continue
            else:
                # Near the optimum a Hessian changes little from one iterate to the next, and
                # a step with it still shrinks the error by a large factor (a "chord" step):
                # keep it and pay only for the gradient until that factor degrades.
                curvature.kept = decrement <= EXACT_HESSIAN_DECREMENT * weight
            previous = decrement
            trial = _armijo_step(
                objective,
                theta,
                z,
                value,
                direction,
                dz,
                -decrement,
                (landed, landed_value, landed_gradient),
            )
            if trial is None:
                if sampled or stale:
                    # An approximate Hessian may be at fault: retry with the exact one here.
                    curvature.sample = None
                    curvature.kept = False
                    continue
                # No decrease along a descent direction: we are at the floor of floating point.
                return result(decrement / 2.0 <= np.sqrt(tol), iteration + 1, gradient)
            step, theta, z, value, next_gradient = trial
            if step < 1.0:
                curvature.sample = None
                curvature.kept = False
            curvature.moved(dz, step)
            if callback is not None:
                callback(iteration + 1, value, gradient, decrement, step)
            gradient = next_gradient
        return result(False, max_iter, objective.gradient_at(z, theta))


# --------------------------------------------------------------------------------------
# Step-size schedules
# --------------------------------------------------------------------------------------
class RobbinsMonro:
    r"""Decaying step sizes :math:`\eta_t = \eta_0\,(1 + t/t_0)^{-\kappa}`.

    Parameters
    ----------
    power : float, default=0.75
        Decay exponent :math:`\kappa \in (1/2, 1]`, so that :math:`\sum_t \eta_t = \infty`
        and :math:`\sum_t \eta_t^2 < \infty` (Robbins & Monro, 1951).
    offset : float or None, default=None
        :math:`t_0`, the number of updates before the step has decayed noticeably. ``None``
        uses the number of updates in one epoch.

    Examples
    --------
    >>> from logreg_nn.optim import RobbinsMonro
    >>> schedule = RobbinsMonro(power=1.0, offset=10)
    >>> schedule.factor(0), schedule.factor(10)
    (1.0, 0.5)
    """

    def __init__(self, power: float = 0.75, offset: float | None = None) -> None:
        if not 0.5 < power <= 1.0:
            raise InvalidInputError(f"RobbinsMonro: power must lie in (0.5, 1], got {power!r}.")
        if offset is not None and not offset > 0:
            raise InvalidInputError(f"RobbinsMonro: offset must be > 0, got {offset!r}.")
        self.power = float(power)
        self.offset = offset

    def start(self, updates_per_epoch: int) -> None:
        """Fix the offset from the epoch length when it was not given."""
        self._t0 = float(self.offset if self.offset is not None else max(updates_per_epoch, 1))

    def factor(self, t: int) -> float:
        """Multiplier of the base step at update ``t`` (counted from 0)."""
        t0 = getattr(self, "_t0", None) or float(self.offset or 1.0)
        return float((1.0 + t / t0) ** -self.power)

    def __repr__(self) -> str:
        return f"RobbinsMonro(power={self.power!r}, offset={self.offset!r})"


class Constant:
    """A constant step size (the multiplier is always 1)."""

    def start(self, updates_per_epoch: int) -> None:
        """Nothing to set up."""

    def factor(self, t: int) -> float:
        """Always 1."""
        return 1.0

    def __repr__(self) -> str:
        return "Constant()"


def _schedule(schedule: str | RobbinsMonro | Constant) -> RobbinsMonro | Constant:
    if isinstance(schedule, RobbinsMonro | Constant):
        return copy.deepcopy(schedule)
    if schedule == "constant":
        return Constant()
    if schedule == "robbins_monro":
        return RobbinsMonro()
    raise InvalidInputError(
        f"Unknown schedule {schedule!r}; valid schedules are 'constant', 'robbins_monro' or a "
        "RobbinsMonro(power, offset) instance."
    )


# --------------------------------------------------------------------------------------
# Update rules of the network
# --------------------------------------------------------------------------------------
class Optimizer:
    """Base class of the network's update rules.

    Subclasses implement :meth:`update`, the rule applied to the parameters given the
    gradient of the (mini-batch) objective at the current parameters. The training loop in
    :class:`~logreg_nn.SingleNeuronNetwork` calls :meth:`start` once, then :meth:`step`
    once per update, and reads the reported parameters from :meth:`current`.

    Parameters
    ----------
    schedule : {"constant", "robbins_monro"} or RobbinsMonro, default="constant"
        How the base step size changes with the update count.
    """

    name: ClassVar[str] = ""
    #: Whether the default batch size is a mini-batch rather than the whole data set.
    stochastic: ClassVar[bool] = False

    def __init__(self, schedule: str | RobbinsMonro | Constant = "constant") -> None:
        self.schedule = _schedule(schedule)

    def start(self, theta: Array, learning_rate: float, updates_per_epoch: int) -> None:
        """Reset the state before training from ``theta``."""
        self.learning_rate = float(learning_rate)
        self.t = 0
        self.schedule.start(updates_per_epoch)

    def step(self, theta: Array, gradient: Array, objective: Objective) -> Array:
        """Apply one update with the current scheduled step size."""
        eta = self.learning_rate * self.schedule.factor(self.t)
        new_theta = self.update(theta, gradient, objective, eta)
        self.t += 1
        return new_theta

    def update(self, theta: Array, gradient: Array, objective: Objective, eta: float) -> Array:
        """The update rule proper."""
        raise NotImplementedError

    def current(self, theta: Array) -> Array:
        """Parameters to report and test for convergence (the iterate itself by default)."""
        return theta

    def default_learning_rate(self, objective: Objective, batch_size: int) -> float:
        r"""A safe step from the data: :math:`1/L`.

        :math:`L` bounds the Lipschitz constant of the gradient of the objective
        (:meth:`~logreg_nn.objective.Objective.lipschitz_constant`). For mini-batches of size
        :math:`m` scaled by :math:`n/m` the bound is :math:`n\,c\,\max_i w_i\lVert\tilde
        x_i\rVert^2 + \lambda`. Losses with unbounded curvature use the curvature at the
        logits of the starting point.
        """
        if batch_size < objective.n_samples:
            bound = objective.loss.curvature_bound or 0.25
            # Row by row, with no n x p temporary such as X**2.
            row_norms = np.einsum("ij,ij->i", objective.X, objective.X)
            row_norms += float(objective.fit_intercept)
            lipschitz = (
                objective.n_samples * bound * float((objective.sample_weight * row_norms).max())
                + objective.l2
            )
            return 1.0 / lipschitz
        lipschitz = objective.lipschitz_constant()
        if lipschitz is None:
            lipschitz = 1.02 * objective.gram_spectral_norm() + objective.l2
        return 1.0 / lipschitz

    def __repr__(self) -> str:
        args = ", ".join(
            f"{k}={v!r}"
            for k, v in vars(self).items()
            if not k.startswith("_") and k not in {"learning_rate", "t"}
        )
        return f"{type(self).__name__}({args})"


class GradientDescent(Optimizer):
    r"""Plain (full-batch) gradient descent, :math:`\theta \leftarrow \theta - \eta\,\nabla F`.

    With :math:`\eta = 1/L` on a strongly convex objective the distance to the optimum
    shrinks by a factor :math:`1 - \mu/L` per step, :math:`L/\mu` being the condition
    number of the Hessian.
    """

    name = "gd"

    def update(self, theta: Array, gradient: Array, objective: Objective, eta: float) -> Array:
        return theta - eta * gradient


class Momentum(Optimizer):
    r"""Heavy ball :math:`v \leftarrow \mu v - \eta\nabla F`, :math:`\theta \leftarrow \theta + v`.

    Parameters
    ----------
    momentum : float, default=0.9
        :math:`\mu \in [0, 1)`.
    schedule : str or RobbinsMonro, default="constant"
    """

    name = "momentum"

    def __init__(self, momentum: float = 0.9, schedule: str | RobbinsMonro = "constant") -> None:
        super().__init__(schedule)
        if not 0.0 <= momentum < 1.0:
            raise InvalidInputError(f"Momentum: momentum must lie in [0, 1), got {momentum!r}.")
        self.momentum = float(momentum)

    def start(self, theta: Array, learning_rate: float, updates_per_epoch: int) -> None:
        super().start(theta, learning_rate, updates_per_epoch)
        self._velocity = np.zeros_like(theta)

    def update(self, theta: Array, gradient: Array, objective: Objective, eta: float) -> Array:
        self._velocity = self.momentum * self._velocity - eta * gradient
        return theta + self._velocity


class Nesterov(Optimizer):
    r"""Nesterov's accelerated gradient with adaptive restart.

    The optimizer keeps two sequences: the gradient-step iterate :math:`x_k` and the
    extrapolated point :math:`y_k` at which the gradient is evaluated (and which the
    network reports):

    .. math::

        x_{k+1} = y_k - \eta\nabla F(y_k), \qquad
        y_{k+1} = x_{k+1} + \frac{k}{k+3}\,(x_{k+1} - x_k).

    With ``restart=True`` the momentum is reset whenever :math:`\nabla F(y_k)^\top
    (x_{k+1} - x_k) > 0` (the step goes uphill: O'Donoghue & Candès' gradient restart),
    which recovers linear convergence on strongly convex objectives without knowing the
    condition number.

    Parameters
    ----------
    restart : bool, default=True
    schedule : str or RobbinsMonro, default="constant"
    """

    name = "nesterov"

    def __init__(self, restart: bool = True, schedule: str | RobbinsMonro = "constant") -> None:
        super().__init__(schedule)
        self.restart = bool(restart)

    def start(self, theta: Array, learning_rate: float, updates_per_epoch: int) -> None:
        super().start(theta, learning_rate, updates_per_epoch)
        self._x = theta.copy()
        self._k = 0

    def update(self, theta: Array, gradient: Array, objective: Objective, eta: float) -> Array:
        x_next = theta - eta * gradient
        if self.restart and float(gradient @ (x_next - self._x)) > 0.0:
            self._k = 0
        weight = self._k / (self._k + 3.0)
        y_next = x_next + weight * (x_next - self._x)
        self._x = x_next
        self._k += 1
        return y_next


class SGD(Optimizer):
    r"""Stochastic gradient descent on mini-batches, optionally with iterate averaging.

    Each update uses the gradient of the mini-batch objective rescaled by :math:`n/m`, an
    unbiased estimate of the full gradient. With a constant step the iterates keep
    hovering around the optimum at a distance that shrinks with the step; Robbins–Monro
    steps or Polyak–Ruppert averaging of the iterates make them converge.

    Parameters
    ----------
    schedule : {"constant", "robbins_monro"} or RobbinsMonro, default="robbins_monro"
    averaging : bool, default=False
        Report the running mean of the iterates from the second epoch on (Polyak &
        Juditsky, 1992).
    """

    name = "sgd"
    stochastic = True

    def __init__(
        self, schedule: str | RobbinsMonro = "robbins_monro", averaging: bool = False
    ) -> None:
        super().__init__(schedule)
        self.averaging = bool(averaging)

    def start(self, theta: Array, learning_rate: float, updates_per_epoch: int) -> None:
        super().start(theta, learning_rate, updates_per_epoch)
        self._burn_in = updates_per_epoch
        self._average = theta.copy()
        self._count = 0

    def update(self, theta: Array, gradient: Array, objective: Objective, eta: float) -> Array:
        new_theta = theta - eta * gradient
        if self.averaging and self.t + 1 >= self._burn_in:
            self._count += 1
            self._average += (new_theta - self._average) / self._count
        return new_theta

    def current(self, theta: Array) -> Array:
        if self.averaging and self._count > 0:
            return self._average
        return theta


class Adam(Optimizer):
    r"""Adam (Kingma & Ba, 2015): per-coordinate steps scaled by running moments.

    .. math::

        m \leftarrow \beta_1 m + (1-\beta_1) g,\quad
        v \leftarrow \beta_2 v + (1-\beta_2) g^2,\quad
        \theta \leftarrow \theta - \eta\,\frac{m/(1-\beta_1^t)}{\sqrt{v/(1-\beta_2^t)} + \epsilon}.

    The step is about :math:`\eta` per coordinate whatever the scale of the gradient, so the
    default learning rate is 0.01 in parameter units rather than :math:`1/L`. With a
    constant step Adam need not converge even on convex problems (Reddi et al., 2018); a
    Robbins–Monro schedule makes it settle.

    Parameters
    ----------
    beta1, beta2 : float, default=0.9, 0.999
    epsilon : float, default=1e-8
    schedule : str or RobbinsMonro, default="constant"
    """

    name = "adam"

    def __init__(
        self,
        beta1: float = 0.9,
        beta2: float = 0.999,
        epsilon: float = 1e-8,
        schedule: str | RobbinsMonro = "constant",
    ) -> None:
        super().__init__(schedule)
        for label, value in (("beta1", beta1), ("beta2", beta2)):
            if not 0.0 <= value < 1.0:
                raise InvalidInputError(f"Adam: {label} must lie in [0, 1), got {value!r}.")
        if not epsilon > 0:
            raise InvalidInputError(f"Adam: epsilon must be > 0, got {epsilon!r}.")
        self.beta1, self.beta2, self.epsilon = float(beta1), float(beta2), float(epsilon)

    def start(self, theta: Array, learning_rate: float, updates_per_epoch: int) -> None:
        super().start(theta, learning_rate, updates_per_epoch)
        self._m = np.zeros_like(theta)
        self._v = np.zeros_like(theta)

    def update(self, theta: Array, gradient: Array, objective: Objective, eta: float) -> Array:
        self._m = self.beta1 * self._m + (1.0 - self.beta1) * gradient
        self._v = self.beta2 * self._v + (1.0 - self.beta2) * gradient**2
        step = self.t + 1
        m_hat = self._m / (1.0 - self.beta1**step)
        v_hat = self._v / (1.0 - self.beta2**step)
        return theta - eta * m_hat / (np.sqrt(v_hat) + self.epsilon)

    def default_learning_rate(self, objective: Objective, batch_size: int) -> float:
        """0.01: Adam's steps are measured in parameter units."""
        return 0.01


class Newton(Optimizer):
    r"""Newton's method as an optimizer: :math:`\theta \leftarrow \theta - \eta H^{-1}\nabla F`.

    The step is halved until the objective decreases (the trial point's logits are cached,
    so the next epoch does not recompute them). For a non-convex loss the Hessian is
    modified to be positive definite (:func:`newton_direction`). The default learning rate
    is 1, the pure Newton step.
    """

    name = "newton"

    def update(self, theta: Array, gradient: Array, objective: Objective, eta: float) -> Array:
        hessian = objective.hessian(theta)
        direction = newton_direction(hessian, gradient)
        value = objective.value(theta)
        slope = float(gradient @ direction)
        # Same rounding slack as newton_raphson: near the optimum the predicted decrease is
        # below the rounding error of F and Armijo would reject every step, stalling here.
        slack = _rounding_slack(value, objective.X.shape[0])
        step = eta
        for _ in range(60):
            trial = theta + step * direction
            if objective.value(trial) <= value + 1e-4 * step * slope + slack:
                return trial
            step /= 2.0
        return theta

    def default_learning_rate(self, objective: Objective, batch_size: int) -> float:
        """1.0, the full Newton step."""
        return 1.0


_OPTIMIZERS: dict[str, type[Optimizer]] = {
    cls.name: cls for cls in (GradientDescent, Momentum, Nesterov, SGD, Adam, Newton)
}


def get_optimizer(optimizer: str | Optimizer) -> Optimizer:
    """Return a fresh optimizer from its name, or a copy of the given instance.

    Parameters
    ----------
    optimizer : str or Optimizer
        One of ``"gd"``, ``"momentum"``, ``"nesterov"``, ``"sgd"``, ``"adam"``,
        ``"newton"``, or an instance such as ``SGD(averaging=True)``.

    Raises
    ------
    InvalidInputError
        For an unknown name; the message lists the valid ones.

    Examples
    --------
    >>> from logreg_nn.optim import get_optimizer
    >>> get_optimizer("nesterov")
    Nesterov(schedule=Constant(), restart=True)
    """
    if isinstance(optimizer, Optimizer):
        return copy.deepcopy(optimizer)
    if isinstance(optimizer, str) and optimizer in _OPTIMIZERS:
        return _OPTIMIZERS[optimizer]()
    valid = ", ".join(repr(name) for name in _OPTIMIZERS)
    raise InvalidInputError(
        f"Unknown optimizer {optimizer!r}; valid optimizers are {valid} or an Optimizer instance."
    )
