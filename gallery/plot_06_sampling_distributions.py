"""
Sampling distributions: consistency, efficiency and misspecification
====================================================================

Different losses give different estimates on one data set; what do they estimate over
many? This Monte Carlo draws 200 data sets of 200 observations from a logistic model, and
200 more from a probit model (which logistic regression misspecifies), and fits each with
the cross-entropy (the maximum-likelihood estimate) and with squared error. Under the
correct model both are consistent for the true coefficients, but maximum likelihood is
more efficient; under misspecification each converges to its own pseudo-true value, the
point where *its* expected loss is smallest :cite:p:`gneiting2007`.
"""

import matplotlib.pyplot as plt
import numpy as np

from logreg_nn import LogisticRegression, SingleNeuronNetwork
from logreg_nn.datasets import make_logistic

TRUE_INTERCEPT, TRUE_SLOPE = 0.5, 1.0
N_REPLICATIONS, N_SAMPLES, N_LARGE = 200, 200, 50_000
# Features with s.d. 2 reach into the tails, where the probit and logistic curves differ most.
FEATURE_SCALE = 2.0
rng = np.random.default_rng(0)


def fit_both(X, y):
    """Slope estimates of the two losses; squared error is started at the MLE."""
    mle = LogisticRegression().fit(X, y)
    # Newton converges in a few epochs from the MLE, which is near the squared-error optimum.
    brier = SingleNeuronNetwork(loss="squared_error", optimizer="newton", init=mle.params_)
    return mle.coef_[0], brier.fit(X, y).coef_[0]


def simulate(n_samples, link):
    return make_logistic(
        n_samples, [TRUE_SLOPE], TRUE_INTERCEPT, rng, link=link, feature_scale=FEATURE_SCALE
    )


# %%
# Simulate
# --------
# For each truth, the sampling distribution comes from the replications; the value each
# estimator converges to is approximated by one fit on a sample of 50 000.

estimates, limits = {}, {}
for link in ("logit", "probit"):
    estimates[link] = np.array(
        [fit_both(*simulate(N_SAMPLES, link)) for _ in range(N_REPLICATIONS)]
    )
    limits[link] = fit_both(*simulate(N_LARGE, link))

names = ["cross-entropy (MLE)", "squared error"]
for link in ("logit", "probit"):
    print(f"{link} truth (slope {TRUE_SLOPE}):")
    for k, name in enumerate(names):
        column = estimates[link][:, k]
        print(
            f"  {name:20s} mean {column.mean():.3f}  s.d. {column.std(ddof=1):.3f}  "
            f"large-sample value {limits[link][k]:.3f}"
        )
    ratio = estimates[link][:, 1].var(ddof=1) / estimates[link][:, 0].var(ddof=1)
    print(f"  variance of squared error / variance of MLE: {ratio:.2f}")

# %%
# The two sampling distributions under each truth
# -----------------------------------------------

fig, axes = plt.subplots(1, 2, figsize=(12, 4.5), layout="constrained", sharey=True)
bins = np.linspace(
    min(e.min() for e in estimates.values()), max(e.max() for e in estimates.values()), 40
)
titles = {"logit": "correct model (logistic truth)", "probit": "misspecified (probit truth)"}
for ax, link in zip(axes, ("logit", "probit"), strict=True):
    for k, (name, color) in enumerate(zip(names, ["C0", "C1"], strict=True)):
        ax.hist(estimates[link][:, k], bins=bins, alpha=0.5, color=color, label=name)
        ax.axvline(limits[link][k], color=color, lw=2, ls="--", label=f"{name}: large-sample value")
    if link == "logit":
        ax.axvline(TRUE_SLOPE, color="k", lw=1.5, label="true logistic slope")
    ax.set_xlabel("estimated slope $\\hat\\beta_1$")
    ax.set_title(titles[link])
    ax.legend(fontsize="small")
axes[0].set_ylabel(f"count (of {N_REPLICATIONS} data sets)")
plt.show()

# %%
# Under the logistic truth (left) both histograms are centred near the true slope (both
# estimators are slightly biased away from zero at this sample size), and the
# large-sample values of both sit on it: squared error is consistent, because
# the Brier score is a strictly proper scoring rule and the model for the conditional
# mean is right. But its histogram is wider — the printed variance ratio exceeds one — as
# the asymptotic efficiency of maximum likelihood says it must: no regular consistent
# estimator has a smaller asymptotic variance than the inverse Fisher information. Under
# the probit truth (right) there is no true logistic slope. Each loss
# picks the logistic curve that best approximates the probit one *in its own sense*, so
# the two large-sample values separate and the squared-error histogram shifts with its
# own. Which of them is "right" depends on the question; only the cross-entropy one is the
# maximum-likelihood estimate that the network and logistic regression share.
