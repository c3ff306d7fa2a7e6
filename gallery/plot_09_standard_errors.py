"""
Standard errors: the same inference from both estimators
========================================================

What statistics adds to the fitted weights is a statement of their uncertainty. For the
maximum-likelihood estimate it comes from the curvature of the log-likelihood at the
optimum: the inverse Fisher information :math:`(\\tilde X^\\top W \\tilde X)^{-1}` estimates
the covariance, its square-rooted diagonal gives standard errors, and
:math:`\\hat\\beta_j \\pm z_{0.975}\\,\\mathrm{se}_j` the Wald intervals
:cite:p:`mccullagh1989,hosmer2013`. All of it is a function of the data and the optimum
only, so a network trained to the same optimum carries exactly the same inference. Here we
print both summaries and then check the Wald intervals against a nonparametric bootstrap,
which makes no use of the curvature.
"""

import matplotlib.pyplot as plt
import numpy as np
from scipy.stats import norm

from logreg_nn import LogisticRegression, SingleNeuronNetwork
from logreg_nn.datasets import make_logistic

X, y = make_logistic(200, coef=[1.0, -0.5], intercept=-0.5, random_state=1)
names = ["intercept", "x1", "x2"]

# %%
# Two summaries
# -------------
# IRLS converges in a handful of Newton steps, the network in some dozens of plain
# gradient-descent epochs; the tables below are computed at each estimator's own optimum.

mle = LogisticRegression().fit(X, y)
net = SingleNeuronNetwork(optimizer="gd", random_state=0).fit(X, y)
print(mle.summary())
print(net.summary())
print(f"max |difference| of estimates:       {np.abs(mle.params_ - net.params_).max():.2e}")
print(f"max |difference| of standard errors: {np.abs(mle.bse_ - net.bse_).max():.2e}")
print(f"max |difference| of p-values:        {np.abs(mle.pvalues_ - net.pvalues_).max():.2e}")

# %%
# Only the solver line differs. The standard errors agree to the precision with which
# the two optima agree, because the Hessian at the optimum is the same matrix whichever
# algorithm found the optimum.
#
# A nonparametric bootstrap
# -------------------------
# Resampling rows with replacement and refitting gives the sampling distribution of the
# estimator without the quadratic approximation behind the Wald intervals. IRLS makes 300
# refits cheap.

rng = np.random.default_rng(0)
n_boot = 300
rows = rng.integers(0, len(y), size=(n_boot, len(y)))
boot = np.array([LogisticRegression().fit(X[r], y[r]).params_ for r in rows])
wald = mle.conf_int(alpha=0.05)
percentile = np.percentile(boot, [2.5, 97.5], axis=0).T
print(f"{'':>10} {'Wald se':>8} {'boot se':>8} {'Wald 95% interval':>20} {'bootstrap 95%':>20}")
for j, name in enumerate(names):
    print(
        f"{name:>10} {mle.bse_[j]:8.4f} {boot[:, j].std(ddof=1):8.4f} "
        f"[{wald[j, 0]:8.4f},{wald[j, 1]:8.4f}] [{percentile[j, 0]:8.4f},{percentile[j, 1]:8.4f}]"
    )
ratio = boot.std(axis=0, ddof=1) / mle.bse_
shift = np.abs(percentile - wald).max(axis=1) / mle.bse_
print(f"bootstrap se / Wald se:                  {ratio.round(3)}")
print(f"largest endpoint difference, in Wald se: {shift.round(3)}")
print(f"bootstrap mean - estimate (bias):        {(boot.mean(axis=0) - mle.params_).round(4)}")

# %%
# Bootstrap histograms against the Wald normal curves
# ---------------------------------------------------

fig, axes = plt.subplots(1, 3, figsize=(11, 4.2), layout="constrained")
for j, ax in enumerate(axes):
    ax.hist(boot[:, j], bins=25, density=True, alpha=0.5, label=f"bootstrap ({n_boot} refits)")
    grid = np.linspace(boot[:, j].min(), boot[:, j].max(), 200)
    ax.plot(grid, norm.pdf(grid, mle.params_[j], mle.bse_[j]), "k-", label="Wald normal curve")
    span = ax.get_xaxis_transform()  # y in axes units: the lines span the full height
    ax.vlines(wald[j], 0, 1, transform=span, colors="k", linestyles="--", label="Wald 95%")
    ax.vlines(percentile[j], 0, 1, transform=span, colors="C3", ls=":", label="bootstrap 95%")
    ax.axvline(net.params_[j], color="C2", lw=1, label="network estimate")
    ax.set(xlabel=f"{names[j]} estimate", title=names[j])
axes[0].set_ylabel("density")
fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=5)
plt.show()

# %%
# The histograms follow the normal curves implied by the standard errors, and the two
# kinds of interval differ by a fraction of a standard error (printed above): with 200
# observations the log-likelihood is close to quadratic around the optimum, which is what
# the Wald approximation assumes. What differences remain, a shifted percentile interval
# for one slope and a wider one for the other, are partly Monte Carlo noise of 300
# resamples and partly the skew of the sampling distribution, which a symmetric Wald
# interval cannot represent. The green line, the network's estimate, sits at the centre of
# every Wald curve: the curve is the network's as much as IRLS's. On small samples or near
# separation the log-likelihood is far from quadratic and the bootstrap (or the profile
# likelihood) should be preferred; the Challenger data of
# :ref:`sphx_glr_auto_examples_plot_10_real_data.py` are such a case.
