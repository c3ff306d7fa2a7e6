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

__all__ = ["LogitInference", "Summary"]

Array = NDArray[np.float64]


def normal_two_sided_pvalue(z: Array) -> Array:
    r""":math:`2\,(1 - \Phi(|z|))`, computed as :math:`\operatorname{erfc}(|z|/\sqrt 2)`."""
    return special.erfc(np.abs(z) / np.sqrt(2.0))


def null_log_likelihood(class_weights: Array, fit_intercept: bool) -> float:
    r"""Log-likelihood of the intercept-only model, from the total weight of each class.

    With intercepts the maximum-likelihood probabilities are the weighted class shares
    :math:`\bar p_k = c_k / \sum_j c_j`, so the value is :math:`\sum_k c_k\log\bar p_k`;
    without them every one of the :math:`K` classes has probability :math:`1/K`. For two
    classes this is the binary model with :math:`\bar p = \sum_i w_i y_i / \sum_i w_i`.

    Examples
    --------
    >>> import numpy as np
    >>> from logreg_nn.results import null_log_likelihood
    >>> value = null_log_likelihood([1.0, 3.0], fit_intercept=True)
    >>> bool(np.isclose(value, np.log(1 / 4) + 3 * np.log(3 / 4)))
    True
    """
    counts = np.asarray(class_weights, dtype=np.float64)
    total = float(counts.sum())
    if not fit_intercept:
        return -total * float(np.log(counts.size))
    present = counts > 0
    return float(counts[present] @ (np.log(counts[present]) - np.log(total)))


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
        """Build the :class:`Summary` table.

        The header holds what statsmodels' ``Logit`` summary shows, plus the deviances and
        information criteria of R's ``summary.glm``; the table has one row per parameter,
        named after the DataFrame columns when the model was fitted on one.
        """
        left = [
            ("Dep. Variable:", dep_variable),
            ("Model:", "Logit"),
            ("Method:", "MLE" if not self.l2 else "penalised MLE"),
            ("Solver:", method),
            ("Iterations:", str(n_iter)),
            ("Converged:", str(bool(converged))),
            ("Covariance Type:", "nonrobust" if not self.l2 else f"penalised (l2={self.l2:g})"),
            ("Deviance:", f"{self.deviance:#.5g}"),
            ("Null Deviance:", f"{self.null_deviance:#.5g}"),
        ]
        right = [
            ("No. Observations:", f"{self.nobs:g}"),
            ("Df Residuals:", f"{self.df_resid:g}"),
            ("Df Model:", str(self.df_model)),
            ("Pseudo R-squ.:", f"{self.prsquared:.4f}"),
            ("Log-Likelihood:", f"{self.llf:#.5g}"),
            ("LL-Null:", f"{self.llnull:#.5g}"),
            ("LLR p-value:", f"{self.llr_pvalue:.4g}"),
            ("AIC:", f"{self.aic:#.5g}"),
            ("BIC:", f"{self.bic:#.5g}"),
        ]
        lower, upper = self.conf_int(alpha).T
        columns = zip(
            self.param_names,
            self.params,
            self.bse,
            self.zvalues,
            self.pvalues,
            lower,
            upper,
            strict=True,
        )
        rows = [
            [
                name,
                _number(c, 4),
                _number(s, 3),
                _number(z, 3),
                f"{p:.3f}",
                _number(lo, 3),
                _number(hi, 3),
            ]
            for name, c, s, z, p, lo, hi in columns
        ]
        header = ["", "coef", "std err", "z", "P>|z|", f"[{alpha / 2:g}", f"{1 - alpha / 2:g}]"]
        return Summary("Logit Regression Results", left, right, header, rows)


def _number(value: float, decimals: int) -> str:
    """Fixed decimals, or significant digits when fixed decimals would hide the value.

    As statsmodels' summary does: ``0.0000123`` prints as ``1.23e-05``, not ``0.0000``.
    """
    if value != 0 and not 1e-4 <= abs(value) < 1e4:
        return f"{value:.{decimals}g}"
    return f"{value:.{decimals}f}"


# Minimum width of a numeric column and of the whole table (statsmodels' layout).
NUMBER_WIDTH = 10
MIN_WIDTH = 78


@dataclass(frozen=True)
class Summary:
    """A printable regression summary: header of model facts and a coefficient table.

    ``str(summary)`` and :meth:`as_text` give fixed-width text like statsmodels' summary;
    :meth:`as_html` (also used by notebooks and the gallery through ``_repr_html_``) gives
    HTML tables.

    Attributes
    ----------
    title : str
    left, right : sequence of (str, str)
        Header facts as ``(label, value)``, shown in two columns.
    header : sequence of str
        Column headings of the coefficient table (the first is the name column's).
    rows : sequence of sequence of str
        Formatted table cells, one row per parameter, the name first.
    """

    title: str
    left: Sequence[tuple[str, str]]
    right: Sequence[tuple[str, str]]
    header: Sequence[str]
    rows: Sequence[Sequence[str]]

    def as_text(self) -> str:
        """Fixed-width text rendering, statsmodels' layout.

        The width grows beyond 78 characters only as much as long parameter names or
        header values require, so columns stay aligned whatever their content; the
        header facts keep their own width when only the table needs more.
        """
        name_width = max(len(r[0]) for r in [self.header, *self.rows])
        number_widths = [
            max(NUMBER_WIDTH, len(self.header[i]), *(len(r[i]) + 1 for r in self.rows))
            for i in range(1, len(self.header))
        ]
        left_width = _block_width(self.left)
        right_width = _block_width(self.right)
        facts_width = max(MIN_WIDTH, 2 * max(left_width, right_width) + 3)
        width = max(facts_width, name_width + sum(number_widths) + len(number_widths))
        # Spread the spare width over the numeric columns, as statsmodels does.
        spare = width - name_width - sum(number_widths) - len(number_widths)
        number_widths = [
            w + spare // len(number_widths) + (i < spare % len(number_widths))
            for i, w in enumerate(number_widths)
        ]
        table = [
            row[0].ljust(name_width)
            + "".join(" " + cell.rjust(w) for cell, w in zip(row[1:], number_widths, strict=True))
            for row in [self.header, *self.rows]
        ]
        # The facts keep their compact layout when only a long name widens the table.
        half = (facts_width - 3) // 2
        pairs = zip(_pad(self.left, len(self.right)), _pad(self.right, len(self.left)), strict=True)
        facts = [
            _fact(lk, lv, half) + "   " + _fact(rk, rv, facts_width - half - 3)
            for (lk, lv), (rk, rv) in pairs
        ]
        rule, thin = "=" * width, "-" * width
        return "\n".join(
            [
                self.title.center(width).rstrip(),
                rule,
                *facts,
                rule,
                table[0],
                thin,
                *table[1:],
                rule,
            ]
        )

    def as_html(self) -> str:
        """HTML rendering: a caption, a two-column table of facts and a coefficient table."""
        esc = html.escape
        pairs = zip(_pad(self.left, len(self.right)), _pad(self.right, len(self.left)), strict=True)
        facts = "".join(
            f"<tr><th>{esc(lk)}</th><td>{esc(lv)}</td><th>{esc(rk)}</th><td>{esc(rv)}</td></tr>"
            for (lk, lv), (rk, rv) in pairs
        )
        head = "".join(f'<th scope="col">{esc(h)}</th>' for h in self.header)
        body = "".join(
            f'<tr><th scope="row">{esc(r[0])}</th>'
            + "".join(f"<td>{esc(c)}</td>" for c in r[1:])
            + "</tr>"
            for r in self.rows
        )
        return (
            '<div class="logreg-nn-summary">'
            f'<table class="logreg-nn-summary-facts"><caption>{esc(self.title)}</caption>'
            f"<tbody>{facts}</tbody></table>"
            f'<table class="logreg-nn-summary-coef"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>"
        )

    def _repr_html_(self) -> str:
        return self.as_html()

    def __str__(self) -> str:
        return self.as_text()

    def __repr__(self) -> str:
        return self.as_text()


def _block_width(facts: Sequence[tuple[str, str]]) -> int:
    """Narrowest column that fits every label and value with a space between them."""
    return max((len(k) + 1 + len(v) for k, v in facts), default=0)


def _fact(label: str, value: str, width: int) -> str:
    """``label`` flush left and ``value`` flush right in ``width`` characters."""
    return label + value.rjust(width - len(label))


def _pad(items: Sequence[tuple[str, str]], length: int) -> list[tuple[str, str]]:
    return list(items) + [("", "")] * max(0, length - len(items))
