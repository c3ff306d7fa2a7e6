"""Data for the examples: simulated logistic and separable data, and the Challenger O-rings.

The generators return plain ``(X, y)`` arrays so every example is reproducible from a seed;
the real data set ships inside the package (no download).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .exceptions import InvalidInputError
from .link import sigmoid
from .validation import check_bool, check_random_state, check_real

__all__ = ["Dataset", "load_challenger", "make_logistic", "make_separable"]

Array = NDArray[np.float64]


def _positive_int(value: Any, name: str, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise InvalidInputError(f"{name} must be an integer >= {minimum}, got {value!r}.")
    return int(value)


def make_logistic(
    n_samples: int = 200,
    coef: ArrayLike = (1.0, -2.0),
    intercept: float = 0.5,
    random_state: Any = None,
    *,
    link: str = "logit",
    feature_scale: float = 1.0,
) -> tuple[Array, Array]:
    r"""Draw data from a logistic (or probit) model with standard normal features.

    Parameters
    ----------
    n_samples : int, default=200
    coef : array_like, default=(1.0, -2.0)
        True slopes :math:`\beta`; their number sets the number of features.
    intercept : float, default=0.5
        True intercept :math:`\beta_0`.
    random_state : int, Generator or None
    link : {"logit", "probit"}, default="logit"
        ``"probit"`` draws from :math:`P(y=1\mid x) = \Phi(\beta_0 + x^\top\beta)`, a
        misspecified model for logistic regression.
    feature_scale : float, default=1.0
        Standard deviation of the features.

    Returns
    -------
    X : ndarray of shape (n_samples, len(coef))
    y : ndarray of shape (n_samples,)
        Labels 0.0/1.0.

    Notes
    -----
    :math:`x_i \sim N(0, s^2 I)`, :math:`y_i \mid x_i \sim \operatorname{Bernoulli}(F(\beta_0
    + x_i^\top\beta))` with :math:`F = \sigma` or :math:`\Phi`.

    Examples
    --------
    >>> from logreg_nn.datasets import make_logistic
    >>> X, y = make_logistic(5, coef=[1.0, 2.0, 3.0], random_state=0)
    >>> X.shape, y.shape
    ((5, 3), (5,))
    """
    n = _positive_int(n_samples, "n_samples")
    try:
        beta = np.atleast_1d(np.asarray(coef, dtype=np.float64))
    except (TypeError, ValueError):
        beta = np.array([np.nan])
    if beta.ndim != 1 or beta.size == 0 or not np.isfinite(beta).all():
        raise InvalidInputError(
            f"coef must be a non-empty, finite 1-D sequence of slopes, got {coef!r}."
        )
    intercept = check_real(intercept, "intercept")
    feature_scale = check_real(feature_scale, "feature_scale", minimum=0.0, strict=True)
    if link not in {"logit", "probit"}:
        raise InvalidInputError(f"link must be 'logit' or 'probit', got {link!r}.")
    rng = check_random_state(random_state)
    X = rng.normal(0.0, feature_scale, size=(n, beta.size))
    z = X @ beta + intercept
    if link == "logit":
        p = sigmoid(z)
    else:
        from scipy.special import ndtr

        p = ndtr(z)
    y = (rng.uniform(size=n) < p).astype(np.float64)
    return X, y


def make_separable(
    n_samples: int = 100,
    n_features: int = 2,
    margin: float = 0.5,
    random_state: Any = None,
    *,
    quasi: bool = False,
) -> tuple[Array, Array]:
    """Draw two classes that a hyperplane separates.

    Parameters
    ----------
    n_samples : int, default=100
    n_features : int, default=2
    margin : float, default=0.5
        Half-width of the empty band around the separating hyperplane
        :math:`x_1 + \\dots + x_p = 0` (scaled by :math:`1/\\sqrt p`).
    random_state : int, Generator or None
    quasi : bool, default=False
        Move one observation of each class to the same point of the hyperplane (the
        origin), so that no hyperplane separates strictly: the separation is
        quasi-complete rather than complete.

    Returns
    -------
    X : ndarray of shape (n_samples, n_features)
    y : ndarray of shape (n_samples,)

    Examples
    --------
    >>> from logreg_nn.datasets import make_separable
    >>> from logreg_nn.diagnostics import check_separation
    >>> X, y = make_separable(40, random_state=0)
    >>> check_separation(X, y).kind
    'complete'
    >>> X, y = make_separable(40, random_state=0, quasi=True)
    >>> check_separation(X, y).kind
    'quasi-complete'
    """
    n = _positive_int(n_samples, "n_samples", minimum=4)
    p = _positive_int(n_features, "n_features")
    margin = check_real(margin, "margin", minimum=0.0, strict=True)
    quasi = check_bool(quasi, "quasi")
    rng = check_random_state(random_state)
    normal = np.ones(p) / np.sqrt(p)
    X = rng.normal(size=(n, p))
    y = (np.arange(n) % 2).astype(np.float64)
    # Move each point along the normal so that its signed distance is >= margin on its side.
    distance = X @ normal
    sign = 2.0 * y - 1.0
    shift = sign * (margin + np.abs(rng.normal(size=n))) - distance
    X += shift[:, None] * normal
    if quasi:
        X[:2] = 0.0  # rows 0 and 1 have labels 0 and 1
    return X, y


@dataclass(frozen=True)
class Dataset:
    """A small real data set with its provenance.

    Attributes
    ----------
    data : ndarray of shape (n_samples, n_features)
    target : ndarray of shape (n_samples,)
    feature_names : list of str
    target_name : str
    description : str
    frame : pandas.DataFrame or None
        All columns, when loaded with ``as_frame=True``.
    """

    data: Array
    target: Array
    feature_names: list[str]
    target_name: str
    description: str
    frame: Any = None


CHALLENGER_DESCRIPTION = """\
Space Shuttle O-ring data: the 23 launches before the Challenger accident (28 January 1986).

Columns: launch temperature (degrees Fahrenheit), number of field-joint O-rings (of 6)
showing thermal distress, and ``incident`` = 1 when at least one did. The logistic
regression of ``incident`` on temperature is the classic illustration of extrapolating to
the 31 F forecast on the day of the accident.

Source: Report of the Presidential Commission on the Space Shuttle Challenger Accident
(1986), a work of the United States Government in the public domain; as tabulated by
Dalal, S. R., Fowlkes, E. B. and Hoadley, B. (1989), "Risk analysis of the space shuttle:
pre-Challenger prediction of failure", Journal of the American Statistical Association
84(408), 945-957. Rows are ordered by temperature.
"""


def load_challenger(as_frame: bool = False) -> Dataset:
    """Load the 23 pre-Challenger shuttle launches (O-ring incident vs temperature).

    Parameters
    ----------
    as_frame : bool, default=False
        As in scikit-learn's loaders: ``data`` becomes a one-column DataFrame, ``target``
        a Series, and ``frame`` holds every column (needs pandas).

    Returns
    -------
    Dataset
        ``data`` is the temperature column (23 x 1), ``target`` the 0/1 incident indicator.

    Examples
    --------
    >>> from logreg_nn.datasets import load_challenger
    >>> challenger = load_challenger()
    >>> challenger.data.shape, int(challenger.target.sum())
    ((23, 1), 7)
    >>> load_challenger(as_frame=True).data.columns.tolist()
    ['temperature_f']
    """
    as_frame = check_bool(as_frame, "as_frame")
    text = resources.files("logreg_nn").joinpath("data/challenger.csv").read_text()
    rows = list(csv.DictReader(text.splitlines()))
    temperature = np.array([[float(r["temperature_f"])] for r in rows])
    incident = np.array([float(r["incident"]) for r in rows])
    if not as_frame:
        return Dataset(temperature, incident, ["temperature_f"], "incident", CHALLENGER_DESCRIPTION)
    import pandas as pd

    frame = pd.DataFrame(rows).astype(
        {"temperature_f": float, "damaged_orings": int, "total_orings": int, "incident": int}
    )
    return Dataset(
        frame[["temperature_f"]],
        frame["incident"],
        ["temperature_f"],
        "incident",
        CHALLENGER_DESCRIPTION,
        frame,
    )
