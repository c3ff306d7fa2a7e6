r"""Fit logistic regression and single-neuron networks side by side on the same data.

:func:`compare` is the experiment of the documentation, run on a reader's own data: the
maximum-likelihood fit (Newton–Raphson) next to one network per loss and optimizer, with
every network's largest distance to the maximum-likelihood parameters and, for every fit,
the optimality :class:`~logreg_nn.certify.Certificate` on its own loss.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .base import BinaryLinearClassifier
from .certify import Certificate, certify
from .exceptions import InvalidInputError
from .logistic import LogisticRegression
from .losses import get_loss
from .network import SingleNeuronNetwork
from .optim import get_optimizer
from .validation import check_binary_data, default_feature_names

__all__ = ["Comparison", "FitRecord", "compare"]

Array = NDArray[np.float64]

MLE_LABEL = "LogisticRegression (IRLS)"


@dataclass(frozen=True)
class FitRecord:
    r"""One fitted model of a :class:`Comparison`.

    Attributes
    ----------
    label : str
        ``"LogisticRegression (IRLS)"`` or ``"network: <loss> + <optimizer>"``.
    model : LogisticRegression or SingleNeuronNetwork
        The fitted estimator.
    params : ndarray
        Its parameters, intercept first.
    max_abs_difference : float
        :math:`\max_j |\hat\theta_j - \hat\theta^{\mathrm{MLE}}_j|` (0 for the MLE itself).
    n_iter : int
        Newton iterations or training epochs.
    converged : bool
        Whether the fit met its tolerance.
    certificate : Certificate
        :func:`~logreg_nn.certify` on the model's own loss.
    """

    label: str
    model: BinaryLinearClassifier
    params: Array
    max_abs_difference: float
    n_iter: int
    converged: bool
    certificate: Certificate


@dataclass(frozen=True)
class Comparison:
    """What :func:`compare` found: one :class:`FitRecord` per fit, the MLE first.

    ``print(comparison)`` (or :meth:`as_text`) shows the side-by-side table; notebooks
    render :meth:`as_html`.
    """

    param_names: list[str]
    fits: list[FitRecord]

    @property
    def mle(self) -> FitRecord:
        """The maximum-likelihood fit."""
        return self.fits[0]

    @property
    def networks(self) -> list[FitRecord]:
        """The network fits, in the order of ``losses`` then ``optimizers``."""
        return self.fits[1:]

    @property
    def max_difference(self) -> float:
        """Largest absolute parameter difference between any network and the MLE."""
        return max((fit.max_abs_difference for fit in self.networks), default=0.0)

    @property
    def certificates(self) -> dict[str, Certificate]:
        """Certificate of every fit, keyed by its label."""
        return {fit.label: fit.certificate for fit in self.fits}

    def _cells(self) -> tuple[list[str], list[list[str]]]:
        header = ["fit", *self.param_names, "max |diff| to MLE", "iterations", "certificate"]
        rows = [
            [
                fit.label,
                *(f"{value:.6g}" for value in fit.params),
                "-" if fit is self.mle else f"{fit.max_abs_difference:.1e}",
                f"{fit.n_iter}" + ("" if fit.converged else " (not converged)"),
                fit.certificate.verdict,
            ]
            for fit in self.fits
        ]
        return header, rows

    def as_text(self) -> str:
        """Fixed-width table: one row per fit, parameters side by side."""
        header, rows = self._cells()
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        numeric = range(1, len(header) - 1)

        def line(cells: Sequence[str]) -> str:
            return "  ".join(
                cell.rjust(w) if i in numeric else cell.ljust(w)
                for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
            ).rstrip()

        rule = "-" * len(line(header))
        return "\n".join([line(header), rule, *(line(row) for row in rows)])

    def as_html(self) -> str:
        """HTML table, the same cells as :meth:`as_text`."""
        esc = html.escape
        header, rows = self._cells()
        head = "".join(f'<th scope="col">{esc(cell)}</th>' for cell in header)
        body = "".join(
            f'<tr><th scope="row">{esc(row[0])}</th>'
            + "".join(f"<td>{esc(cell)}</td>" for cell in row[1:])
            + "</tr>"
            for row in rows
        )
        return (
            f'<table class="logreg-nn-comparison"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>"
        )

    def _repr_html_(self) -> str:
        return self.as_html()

    def __str__(self) -> str:
        return self.as_text()


def compare(
    X: Any,
    y: Any,
    losses: Sequence[Any] = ("cross_entropy",),
    optimizers: Sequence[Any] = ("newton", "nesterov"),
    sample_weight: Any = None,
    random_state: Any = 0,
    feature_names: Sequence[str] | None = None,
    **network_kwargs: Any,
) -> Comparison:
    r"""Fit the MLE and one network per (loss, optimizer), and compare their parameters.

    Parameters
    ----------
    X : array_like of shape (n_samples, n_features)
        Features; a DataFrame's column names label the parameters.
    y : array_like of shape (n_samples,)
        Two distinct label values.
    losses : sequence of str or Loss, default=("cross_entropy",)
        Losses to train networks on (names as in :func:`~logreg_nn.losses.get_loss`).
    optimizers : sequence of str or Optimizer, default=("newton", "nesterov")
        Optimizers (names as in :func:`~logreg_nn.optim.get_optimizer`).
    sample_weight : array_like of shape (n_samples,), optional
        Frequency weights, used by every fit.
    random_state : int, Generator or None, default=0
        Seed of every network's initial weights (and mini-batches).
    feature_names : sequence of str, optional
        Parameter labels for the table when ``X`` is not a DataFrame (default: its
        column names if it is one, else ``x1, x2, ...``).
    **network_kwargs
        Further :class:`~logreg_nn.SingleNeuronNetwork` parameters (``max_epochs``,
        ``learning_rate``, ``tol``...).

    Returns
    -------
    Comparison

    Raises
    ------
    InvalidInputError
        Bad data, empty ``losses`` or ``optimizers``, unknown names, or network parameters
        that :func:`compare` sets itself.
    SeparationError, RankDeficiencyError
        From the maximum-likelihood fit: no unique MLE exists to compare with.

    Notes
    -----
    For cross-entropy every optimizer minimises :math:`-\ell(\theta)`, the negative
    log-likelihood that Newton–Raphson minimises, so every converged network's
    ``max |diff| to MLE`` is at the level of the optimizers' tolerances; other losses
    have other minimisers, and the column measures how far they are.

    Examples
    --------
    >>> from logreg_nn import compare
    >>> from logreg_nn.datasets import make_logistic
    >>> X, y = make_logistic(200, coef=[1.0, -2.0], intercept=0.5, random_state=0)
    >>> result = compare(X, y, optimizers=("newton", "nesterov"))
    >>> for fit in result.fits:
    ...     print(fit.label)
    LogisticRegression (IRLS)
    network: cross_entropy + newton
    network: cross_entropy + nesterov
    >>> result.max_difference < 1e-6
    True
    >>> {fit.certificate.verdict for fit in result.fits}
    {'unique global optimum'}
    """
    data = check_binary_data(X, y, sample_weight)
    losses, optimizers = list(losses), list(optimizers)
    if not losses or not optimizers:
        raise InvalidInputError("compare needs at least one loss and at least one optimizer.")
    for name in ("loss", "optimizer", "random_state"):
        if name in network_kwargs:
            raise InvalidInputError(
                f"compare sets the network's {name!r} itself; pass losses=, optimizers= or "
                "random_state= instead."
            )
    # Resolve names up front so a typo fails before any (possibly long) training.
    for loss in losses:
        get_loss(loss)
    for optimizer in optimizers:
        get_optimizer(optimizer)

    mle = LogisticRegression().fit(X, y, sample_weight)
    fits = [_record(MLE_LABEL, mle, mle.n_iter_, mle.params_, X, y, sample_weight)]
    for loss, optimizer in itertools.product(losses, optimizers):
        net = SingleNeuronNetwork(
            loss=loss, optimizer=optimizer, random_state=random_state, **network_kwargs
        ).fit(X, y, sample_weight)
        label = f"network: {_name(loss)} + {_name(optimizer)}"
        fits.append(_record(label, net, net.n_epochs_, mle.params_, X, y, sample_weight))
    features = _labels(feature_names, data.feature_names, data.X.shape[1])
    names = ["intercept", *features]
    return Comparison(names, fits)


def _record(
    label: str,
    model: LogisticRegression | SingleNeuronNetwork,
    n_iter: int,
    reference: Array,
    X: Any,
    y: Any,
    sample_weight: Any,
) -> FitRecord:
    params = model.params_
    return FitRecord(
        label=label,
        model=model,
        params=params,
        max_abs_difference=float(np.abs(params - reference).max()),
        n_iter=int(n_iter),
        converged=bool(model.converged_),
        certificate=certify(model, X, y, sample_weight),
    )


def _name(component: Any) -> str:
    return component if isinstance(component, str) else type(component).__name__


def _labels(given: Sequence[str] | None, from_frame: list[str] | None, n: int) -> list[str]:
    if given is None:
        return from_frame or default_feature_names(n)
    labels = [str(name) for name in given]
    if len(labels) != n:
        raise InvalidInputError(f"feature_names has {len(labels)} names for {n} columns of X.")
    return labels
