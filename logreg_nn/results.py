r"""Likelihood-based inference at a cross-entropy optimum, and its printed summary.

Whoever found the optimum (Newton's method or a trained network), the observed information
is the Hessian of the summed cross-entropy, :math:`\mathcal I(\hat\theta) = \tilde X^\top
\hat W\tilde X` with :math:`\hat W = \operatorname{diag}(w_i\hat p_i(1-\hat p_i))`. Its inverse
is the asymptotic covariance of :math:`\hat\theta`; Wald statistics, p-values and confidence
intervals follow as in statsmodels' ``Logit`` and R's ``summary.glm``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import special

from .link import log_sigmoid

__all__ = ["LogitInference", "Summary"]

Array = NDArray[np.float64]


def normal_two_sided_pvalue(z: Array) -> Array:
    r""":math:`2\,(1 - \Phi(|z|))`, computed as :math:`\operatorname{erfc}(|z|/\sqrt 2)`."""
    return special.erfc(np.abs(z) / np.sqrt(2.0))


def null_log_likelihood(y: Array, sample_weight: Array, fit_intercept: bool) -> float:
    r"""Log-likelihood of the intercept-only model (or of :math:`p = 1/2` without intercept).

    The intercept-only MLE is :math:`\bar p = \sum w_i y_i / \sum w_i`, whose logit is the
    fitted intercept.
    """
    total = float(sample_weight.sum())
    if fit_intercept:
        mean = float(sample_weight @ y) / total
        z = np.log(mean) - np.log1p(-mean)
    else:
        z = 0.0
    positive = float(sample_weight @ y)
    return positive * float(log_sigmoid(z)) + (total - positive) * float(log_sigmoid(-z))


@dataclass(frozen=True)
class LogitInference:
    r"""Wald inference for a logistic model at given parameters.

    Parameters
    ----------
    params : ndarray
        ``[intercept, coef...]`` (intercept first when fitted).
    hessian : ndarray
        Hessian of the (penalised) summed cross-entropy at ``params``: the observed
        information.
    llf : float
        Log-likelihood at ``params`` (penalty excluded).
    llnull : float
        Log-likelihood of the intercept-only model.
    nobs : float
        Number of observations (sum of the sample weights: frequency-weight semantics).
    param_names : list of str
        One name per parameter.
    fit_intercept : bool
    l2 : float
        Penalty strength; when positive the covariance is the inverse of the *penalised*
        Hessian (the Laplace approximation to the posterior under the Gaussian prior), and
        the summary says so.

    Notes
    -----
    .. math::

        \widehat{\operatorname{Cov}}(\hat\theta) = \mathcal I(\hat\theta)^{-1},\quad
        \operatorname{se}_j = \sqrt{[\mathcal I^{-1}]_{jj}},\quad
        z_j = \hat\theta_j / \operatorname{se}_j,\quad
        p_j = 2\bigl(1 - \Phi(|z_j|)\bigr),

    :math:`\mathrm{AIC} = -2\ell + 2k`, :math:`\mathrm{BIC} = -2\ell + k\log n`, deviance
    :math:`-2\ell` (binary data: the saturated log-likelihood is 0), McFadden's
    :math:`R^2 = 1 - \ell/\ell_0`, and the likelihood-ratio statistic
    :math:`2(\ell - \ell_0)` on :math:`k - 1` degrees of freedom.
    """

    params: Array
    hessian: Array
    llf: float
    llnull: float
    nobs: float
    param_names: list[str]
    fit_intercept: bool
    l2: float = 0.0

    @property
    def cov_params(self) -> Array:
        """Inverse of the observed information."""
        return np.linalg.inv(self.hessian)

    @property
    def bse(self) -> Array:
        """Standard errors."""
        return np.sqrt(np.diag(self.cov_params))

    @property
    def zvalues(self) -> Array:
        """Wald statistics."""
        return self.params / self.bse

    @property
    def pvalues(self) -> Array:
        """Two-sided p-values of the Wald tests (normal reference)."""
        return normal_two_sided_pvalue(self.zvalues)

    def conf_int(self, alpha: float = 0.05) -> Array:
        """Wald confidence intervals, shape ``(n_params, 2)``."""
        if not 0.0 < alpha < 1.0:
            raise ValueError(f"alpha must lie in (0, 1), got {alpha!r}.")
        quantile = float(special.ndtri(1.0 - alpha / 2.0))
        half = quantile * self.bse
        return np.column_stack((self.params - half, self.params + half))

    @property
    def k(self) -> int:
        """Number of estimated parameters."""
        return self.params.size

    @property
    def df_model(self) -> int:
        """Degrees of freedom of the model (parameters minus the intercept)."""
        return self.k - int(self.fit_intercept)

    @property
    def df_resid(self) -> float:
        """Residual degrees of freedom, ``nobs - k``."""
        return self.nobs - self.k

    @property
    def deviance(self) -> float:
        """Residual deviance ``-2 llf``."""
        return -2.0 * self.llf

    @property
    def null_deviance(self) -> float:
        """Null deviance ``-2 llnull``."""
        return -2.0 * self.llnull

    @property
    def aic(self) -> float:
        """Akaike information criterion."""
        return -2.0 * self.llf + 2.0 * self.k

    @property
    def bic(self) -> float:
        """Bayesian information criterion."""
        return -2.0 * self.llf + self.k * np.log(self.nobs)

    @property
    def prsquared(self) -> float:
        """McFadden's pseudo-R²."""
        return 1.0 - self.llf / self.llnull

    @property
    def llr(self) -> float:
        """Likelihood-ratio statistic against the null model."""
        return 2.0 * (self.llf - self.llnull)

    @property
    def llr_pvalue(self) -> float:
        """Chi-squared p-value of the likelihood-ratio test."""
        if self.df_model == 0:
            return float("nan")
        return float(special.chdtrc(self.df_model, self.llr))

    def summary(
        self,
        *,
        method: str,
        n_iter: int,
        converged: bool,
        dep_variable: str = "y",
        alpha: float = 0.05,
    ) -> Summary:
        """Build the :class:`Summary` table."""
        fmt = "{:.4g}".format
        left = [
            ("Dep. Variable:", dep_variable),
            ("Model:", "Logit"),
            ("Method:", "MLE" if not self.l2 else "penalised MLE"),
            ("Solver:", method),
            ("Iterations:", str(n_iter)),
            ("Converged:", str(bool(converged))),
            ("Covariance:", "nonrobust" if not self.l2 else f"penalised (l2={self.l2:g})"),
        ]
        right = [
            ("No. Observations:", f"{self.nobs:g}"),
            ("Df Residuals:", f"{self.df_resid:g}"),
            ("Df Model:", str(self.df_model)),
            ("Pseudo R-squ.:", f"{self.prsquared:.4f}"),
            ("Log-Likelihood:", f"{self.llf:.5g}"),
            ("LL-Null:", f"{self.llnull:.5g}"),
            ("LLR p-value:", fmt(self.llr_pvalue)),
            ("AIC:", f"{self.aic:.5g}"),
            ("BIC:", f"{self.bic:.5g}"),
        ]
        lower, upper = self.conf_int(alpha).T
        rows = [
            [name, f"{c:.4f}", f"{s:.3f}", f"{z:.3f}", f"{p:.3f}", f"{lo:.3f}", f"{hi:.3f}"]
            for name, c, s, z, p, lo, hi in zip(
                self.param_names,
                self.params,
                self.bse,
                self.zvalues,
                self.pvalues,
                lower,
                upper,
                strict=True,
            )
        ]
        header = ["", "coef", "std err", "z", "P>|z|", f"[{alpha / 2:g}", f"{1 - alpha / 2:g}]"]
        return Summary("Logit Regression Results", left, right, header, rows)


@dataclass(frozen=True)
class Summary:
    """A printable regression summary: header of model facts and a coefficient table.

    ``str(summary)`` and :meth:`as_text` give fixed-width text like statsmodels' summary;
    :meth:`as_html` (also used by notebooks and the gallery) gives an HTML table.
    """

    title: str
    left: Sequence[tuple[str, str]]
    right: Sequence[tuple[str, str]]
    header: Sequence[str]
    rows: Sequence[Sequence[str]]

    def as_text(self) -> str:
        """Fixed-width text rendering."""
        pairs = list(
            zip(_pad(self.left, len(self.right)), _pad(self.right, len(self.left)), strict=True)
        )
        widths = [
            max([len(h) for h in self.header][i : i + 1] + [len(r[i]) for r in self.rows])
            for i in range(len(self.header))
        ]
        table_lines = [
            "  ".join(
                cell.rjust(w) if i else cell.ljust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
            for row in [list(self.header), *self.rows]
        ]
        width = max(78, max(len(line) for line in table_lines))
        half = width // 2
        header_lines = [
            f"{lk:<18}{lv:>{half - 20}}  {rk:<18}{rv:>{width - half - 20}}"
            for (lk, lv), (rk, rv) in pairs
        ]
        rule, thin = "=" * width, "-" * width
        return "\n".join(
            [
                self.title.center(width),
                rule,
                *header_lines,
                rule,
                table_lines[0],
                thin,
                *table_lines[1:],
                rule,
            ]
        )

    def as_html(self) -> str:
        """HTML rendering: a header table and a coefficient table."""
        esc = html.escape
        pairs = zip(_pad(self.left, len(self.right)), _pad(self.right, len(self.left)), strict=True)
        head = "".join(
            f"<tr><th>{esc(lk)}</th><td>{esc(lv)}</td><th>{esc(rk)}</th><td>{esc(rv)}</td></tr>"
            for (lk, lv), (rk, rv) in pairs
        )
        cols = "".join(f"<th>{esc(h)}</th>" for h in self.header)
        body = "".join(
            "<tr>"
            + f"<th>{esc(r[0])}</th>"
            + "".join(f"<td>{esc(c)}</td>" for c in r[1:])
            + "</tr>"
            for r in self.rows
        )
        return (
            f'<table class="logreg-nn-summary"><caption>{esc(self.title)}</caption>{head}'
            f'</table><table class="logreg-nn-summary"><tr>{cols}</tr>{body}</table>'
        )

    def _repr_html_(self) -> str:
        return self.as_html()

    def __str__(self) -> str:
        return self.as_text()

    def __repr__(self) -> str:
        return self.as_text()


def _pad(items: Sequence[tuple[str, str]], length: int) -> list[tuple[str, str]]:
    return list(items) + [("", "")] * max(0, length - len(items))
