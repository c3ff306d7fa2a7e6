r"""Figure helpers shared by the gallery: loss landscapes, training paths, distances to an optimum.

Each helper draws on an :class:`matplotlib.axes.Axes` it is given, labels every artist it
adds and returns them, so that an example decides on layout, legends and titles itself.
matplotlib is an optional dependency (the ``docs`` extra): it is imported inside the
functions that draw, never when :mod:`logreg_nn` is imported. :func:`loss_grid` needs
numpy only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .exceptions import InvalidInputError
from .objective import Objective

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.contour import QuadContourSet
    from matplotlib.lines import Line2D

__all__ = [
    "loss_grid",
    "plot_distance_to_optimum",
    "plot_loss_contours",
    "plot_trajectories",
]

Array = NDArray[np.float64]

PARAMETER_NAMES = ("intercept $\\beta_0$", "slope $\\beta_1$")


def _grid_axis(values: ArrayLike, name: str) -> Array:
    axis = np.asarray(values, dtype=np.float64)
    if axis.ndim != 1 or axis.size < 2 or not np.isfinite(axis).all():
        raise InvalidInputError(f"{name} must be a finite 1-D array of at least 2 values.")
    return axis


def _base_point(objective: Objective, fixed: ArrayLike | None, indices: Sequence[int]) -> Array:
    n_params = objective.n_params
    if len(indices) != 2 or len(set(indices)) != 2:
        raise InvalidInputError(f"indices must name two different parameters, got {indices!r}.")
    if not all(isinstance(i, int | np.integer) and 0 <= i < n_params for i in indices):
        raise InvalidInputError(
            f"indices {tuple(indices)!r} out of range for {n_params} parameters (intercept first)."
        )
    if fixed is None:
        if n_params != 2:
            raise InvalidInputError(
                f"The objective has {n_params} parameters: pass `fixed`, the values of the "
                "parameters that are not on the grid."
            )
        return np.zeros(2)
    base = np.array(fixed, dtype=np.float64)
    if base.shape != (n_params,) or not np.isfinite(base).all():
        raise InvalidInputError(
            f"fixed must be a finite vector of shape ({n_params},), got shape {base.shape}."
        )
    return base


def loss_grid(
    objective: Objective,
    intercepts: ArrayLike,
    slopes: ArrayLike,
    fixed: ArrayLike | None = None,
    *,
    indices: Sequence[int] = (0, 1),
) -> Array:
    r"""Objective values over a 2-D grid of two parameters.

    Parameters
    ----------
    objective : Objective
        The function :math:`F(\theta)` to evaluate (any loss, penalty and weights).
    intercepts : array_like of shape (n_x,)
        Values of the first gridded parameter (the intercept by default).
    slopes : array_like of shape (n_y,)
        Values of the second gridded parameter (the first slope by default).
    fixed : array_like of shape (n_params,), optional
        Values of every parameter; the two gridded entries are overwritten. Required when
        the objective has more than two parameters.
    indices : pair of int, default=(0, 1)
        Positions in :math:`\theta` (intercept first) of the two gridded parameters.

    Returns
    -------
    ndarray of shape (n_y, n_x)
        ``values[j, i]`` is :math:`F` at ``intercepts[i]``, ``slopes[j]`` — the layout
        :meth:`matplotlib.axes.Axes.contour` expects.

    Raises
    ------
    InvalidInputError
        For a malformed grid, bad indices or a missing or misshapen ``fixed``.

    Notes
    -----
    The logits are affine in :math:`\theta`: with :math:`\theta = \theta_f + a e_i + b e_j`,
    :math:`z = \tilde X\theta_f + a\,\tilde X e_i + b\,\tilde X e_j`. So the grid costs
    three products with the design matrix plus elementwise loss evaluations, one row of
    the grid at a time, instead of one pass over the data per grid point.

    Examples
    --------
    >>> import numpy as np
    >>> from logreg_nn.objective import Objective
    >>> from logreg_nn.plotting import loss_grid
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> y = np.array([0.0, 1.0, 0.0, 1.0])
    >>> f = Objective("cross_entropy", X, y)
    >>> values = loss_grid(f, [-1.0, 0.0, 1.0], [0.0, 0.5])
    >>> values.shape
    (2, 3)
    >>> bool(np.isclose(values[0, 1], f.value(np.zeros(2))))  # 4 log 2 at theta = 0
    True
    """
    a_values = _grid_axis(intercepts, "intercepts")
    b_values = _grid_axis(slopes, "slopes")
    i, j = (int(k) for k in indices)
    base = _base_point(objective, fixed, (i, j))
    base[[i, j]] = 0.0
    unit_i = np.zeros_like(base)
    unit_i[i] = 1.0
    unit_j = np.zeros_like(base)
    unit_j[j] = 1.0
    z_base = objective.design_times(base)
    column_i = objective.design_times(unit_i)
    column_j = objective.design_times(unit_j)

    mask = objective.penalty_mask()
    penalty_base = float(mask @ base**2)
    weights = objective.sample_weight
    values = np.empty((b_values.size, a_values.size))
    for row, b in enumerate(b_values):
        z = z_base + b * column_j + a_values[:, None] * column_i
        data_term = objective.loss.value(objective.y, z) @ weights
        squares = penalty_base + mask[i] * a_values**2 + mask[j] * b**2
        values[row] = data_term + 0.5 * objective.l2 * squares
    return values


def _default_levels(values: Array, n_levels: int) -> Array:
    # Geometric spacing above the minimum puts most contours near the optimum, where the
    # trajectories end, instead of spending them on the steep walls of the grid.
    low, high = float(values.min()), float(values.max())
    span = max(high - low, np.finfo(float).tiny)
    return low + span * np.geomspace(1e-3, 1.0, n_levels)


def plot_loss_contours(
    ax: Axes,
    objective: Objective,
    intercepts: ArrayLike,
    slopes: ArrayLike,
    levels: int | ArrayLike = 15,
    *,
    fixed: ArrayLike | None = None,
    indices: Sequence[int] = (0, 1),
    label: str | None = None,
    axis_labels: Sequence[str] = PARAMETER_NAMES,
    cmap: str | None = "viridis",
    filled: bool = False,
    **contour_kwargs: Any,
) -> QuadContourSet:
    """Contours of an objective over two of its parameters.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw.
    objective : Objective
        The function to draw.
    intercepts, slopes : array_like
        Grid of the two parameters (see :func:`loss_grid`).
    levels : int or array_like, default=15
        Number of contour levels, spaced geometrically above the grid minimum, or the
        levels themselves.
    fixed, indices
        As in :func:`loss_grid`.
    label : str, optional
        Label of the contour set; defaults to ``"<loss> contours"``.
    axis_labels : pair of str
        Labels of the x and y axes.
    cmap : str or None, default="viridis"
        Colour map of the levels; ignored when ``colors`` is passed.
    filled : bool, default=False
        Filled contours (:meth:`~matplotlib.axes.Axes.contourf`) instead of lines.
    **contour_kwargs
        Passed to :meth:`~matplotlib.axes.Axes.contour` (e.g. ``colors``, ``linewidths``,
        ``alpha``).

    Returns
    -------
    matplotlib.contour.QuadContourSet

    Examples
    --------
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> from logreg_nn.objective import Objective
    >>> from logreg_nn.plotting import plot_loss_contours
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> y = np.array([0.0, 1.0, 0.0, 1.0])
    >>> ax = Figure().subplots()
    >>> grid = np.linspace(-3.0, 3.0, 30)
    >>> plot_loss_contours(ax, Objective("cross_entropy", X, y), grid, grid).get_label()
    'cross_entropy contours'
    """
    a_values = _grid_axis(intercepts, "intercepts")
    b_values = _grid_axis(slopes, "slopes")
    values = loss_grid(objective, a_values, b_values, fixed, indices=indices)
    if isinstance(levels, int | np.integer):
        if levels < 2:
            raise InvalidInputError(f"levels must be at least 2, got {levels!r}.")
        levels = _default_levels(values, int(levels))
    draw = ax.contourf if filled else ax.contour
    if "colors" in contour_kwargs:
        cmap = None
    contours = draw(
        a_values, b_values, values, levels=np.asarray(levels), cmap=cmap, **contour_kwargs
    )
    contours.set_label(label if label is not None else f"{objective.loss.name} contours")
    ax.set_xlabel(axis_labels[0])
    ax.set_ylabel(axis_labels[1])
    return contours


def _params(history: Any) -> Array:
    params = np.asarray(getattr(history, "params", history), dtype=np.float64)
    if params.ndim != 2 or params.shape[0] < 1:
        raise InvalidInputError(
            "Each history must be a TrainingHistory or an array of shape (n_points, n_params)."
        )
    return params


def _check_labels(histories: Sequence[Any], labels: Sequence[str]) -> None:
    if len(histories) != len(labels):
        raise InvalidInputError(
            f"Got {len(histories)} histories but {len(labels)} labels; give one label each."
        )


def plot_trajectories(
    ax: Axes,
    histories: Sequence[Any],
    labels: Sequence[str],
    *,
    indices: Sequence[int] = (0, 1),
    colors: Sequence[Any] | None = None,
    **line_kwargs: Any,
) -> list[Line2D]:
    """Parameter paths of several training runs, with start and end markers.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw (typically over :func:`plot_loss_contours`).
    histories : sequence of TrainingHistory or ndarray of shape (n_points, n_params)
        One path per run, e.g. ``SingleNeuronNetwork.history_``.
    labels : sequence of str
        One label per path.
    indices : pair of int, default=(0, 1)
        Which parameters go on the x and y axes.
    colors : sequence of colours, optional
        One colour per path; the axes' colour cycle by default.
    **line_kwargs
        Passed to :meth:`~matplotlib.axes.Axes.plot` for the paths.

    Returns
    -------
    list of matplotlib.lines.Line2D
        The paths (legend handles). Start markers (circles) and end markers (crosses) are
        labelled ``"<label>: start"`` and ``"<label>: end"``.

    Examples
    --------
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> from logreg_nn.plotting import plot_trajectories
    >>> ax = Figure().subplots()
    >>> path = np.array([[0.0, 0.0], [0.5, 1.0], [0.6, 1.2]])
    >>> [line.get_label() for line in plot_trajectories(ax, [path], ["gd"])]
    ['gd']
    """
    _check_labels(histories, labels)
    i, j = (int(k) for k in indices)
    lines = []
    for k, (history, label) in enumerate(zip(histories, labels, strict=True)):
        params = _params(history)
        style = dict(line_kwargs)
        if colors is not None:
            style["color"] = colors[k]
        (line,) = ax.plot(params[:, i], params[:, j], label=label, **style)
        color = line.get_color()
        ax.plot(*params[0, [i, j]], "o", color=color, mfc="none", label=f"{label}: start")
        ax.plot(*params[-1, [i, j]], "x", color=color, ms=8, label=f"{label}: end")
        lines.append(line)
    return lines


def plot_distance_to_optimum(
    ax: Axes,
    histories: Sequence[Any],
    theta_star: ArrayLike,
    labels: Sequence[str],
    *,
    colors: Sequence[Any] | None = None,
    **line_kwargs: Any,
) -> list[Line2D]:
    r"""Distance :math:`\lVert\theta_t - \theta^\star\rVert_2` against epoch, on a log scale.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Where to draw; its y axis is set to a log scale.
    histories : sequence of TrainingHistory or ndarray of shape (n_points, n_params)
        One parameter path per run; row ``t`` is epoch ``t``.
    theta_star : array_like of shape (n_params,)
        The optimum, e.g. ``LogisticRegression().fit(X, y).params_``.
    labels : sequence of str
        One label per path.
    colors : sequence of colours, optional
    **line_kwargs
        Passed to :meth:`~matplotlib.axes.Axes.plot`.

    Returns
    -------
    list of matplotlib.lines.Line2D

    Notes
    -----
    A distance that is exactly zero (an iterate equal to :math:`\theta^\star` in floating
    point) has no place on a log axis and is left out of the drawn line.

    Examples
    --------
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> from logreg_nn.plotting import plot_distance_to_optimum
    >>> ax = Figure().subplots()
    >>> path = np.array([[3.0, 4.0], [0.3, 0.4]])
    >>> (line,) = plot_distance_to_optimum(ax, [path], np.zeros(2), ["gd"])
    >>> line.get_ydata().tolist()
    [5.0, 0.5]
    """
    _check_labels(histories, labels)
    optimum = np.asarray(theta_star, dtype=np.float64)
    lines = []
    for k, (history, label) in enumerate(zip(histories, labels, strict=True)):
        params = _params(history)
        if optimum.shape != (params.shape[1],):
            raise InvalidInputError(
                f"theta_star has shape {optimum.shape}, but the path {label!r} has "
                f"{params.shape[1]} parameters."
            )
        distance = np.linalg.norm(params - optimum, axis=1)
        style = dict(line_kwargs)
        if colors is not None:
            style["color"] = colors[k]
        (line,) = ax.plot(np.arange(distance.size), distance, label=label, **style)
        lines.append(line)
    ax.set_yscale("log", nonpositive="mask")
    ax.set_xlabel("epoch")
    ax.set_ylabel(r"$\|\theta_t - \hat\theta\|_2$")
    return lines


# --------------------------------------------------------------------------------------
# gallery-b helpers (plot_07 ... plot_11) go below this line.
# --------------------------------------------------------------------------------------
