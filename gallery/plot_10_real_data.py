"""
Real data end to end: the Challenger O-rings
============================================

The 23 shuttle launches before the Challenger accident record the launch temperature and
whether any field-joint O-ring showed thermal distress :cite:p:`dalal1989`. We fit the
logistic regression of distress on temperature by IRLS and train the single sigmoid neuron
on the same data, print the full summary, draw the fitted probability curve with a Wald
confidence band, mark the 31 °F forecast of the launch morning, far below every observed
temperature, and reproduce the estimates with statsmodels and scikit-learn where they are
installed.
"""

import warnings

import matplotlib.pyplot as plt
import numpy as np
from scipy.stats import norm

from logreg_nn import LogisticRegression, SingleNeuronNetwork, sigmoid
from logreg_nn.datasets import load_challenger

challenger = load_challenger(as_frame=True)
features = challenger.data  # a DataFrame names the summary rows
X, y = features.to_numpy(), challenger.target.to_numpy()
print(f"{len(y)} launches, {int(y.sum())} with O-ring distress, temperatures "
      f"{X.min():.0f}-{X.max():.0f} F")  # fmt: skip

# %%
# Fit both ways
# -------------
# Temperatures in °F make the problem badly conditioned for first-order methods (the
# intercept column is nearly parallel to the temperature column), so the network uses
# Nesterov momentum; plain gradient descent would need far more epochs to get as close.

mle = LogisticRegression().fit(features, y)
net = SingleNeuronNetwork(optimizer="nesterov", max_epochs=20_000, random_state=0)
net.fit(features, y)
print(mle.summary(yname="incident"))
print(f"network: {net.n_epochs_} epochs, converged={net.converged_}, "
      f"max |network - IRLS| = {np.abs(net.params_ - mle.params_).max():.1e}")  # fmt: skip

# %%
# Probability of distress against temperature
# -------------------------------------------
# The Wald band is built on the logit scale, where the estimate is approximately normal:
# :math:`\hat z(t) = \hat\beta_0 + \hat\beta_1 t` has variance :math:`(1, t)\,\hat\Sigma\,
# (1, t)^\top` (the delta method for a linear function is exact), and the band
# :math:`\sigma(\hat z \pm 1.96\,\mathrm{se})` stays inside :math:`[0, 1]`.


def probability_band(model, temperatures, alpha=0.05):
    """Fitted probability and its pointwise Wald interval, computed on the logit scale."""
    design = np.column_stack([np.ones_like(temperatures), temperatures])
    logit = design @ model.params_
    se = np.sqrt(np.einsum("ij,jk,ik->i", design, model.cov_params(), design))
    half = norm.ppf(1 - alpha / 2) * se
    return sigmoid(logit), sigmoid(logit - half), sigmoid(logit + half)


grid = np.linspace(25.0, 85.0, 241)
p_mle, low, high = probability_band(mle, grid)
p_net, *_ = probability_band(net, grid)
forecast = np.array([31.0])
for name, model in [("IRLS", mle), ("network", net)]:
    p31, lo31, hi31 = (v[0] for v in probability_band(model, forecast))
    print(f"{name:>8}: P(distress | 31 F) = {p31:.4f}, 95% Wald interval [{lo31:.4f}, {hi31:.4f}]")

fig, ax = plt.subplots(figsize=(9, 4.5), layout="constrained")
ax.axvspan(grid[0], X.min(), color="0.92", label="extrapolation (no launch this cold)")
ax.fill_between(grid, low, high, alpha=0.3, label="95% Wald band (IRLS)")
ax.plot(grid, p_mle, lw=2, label="IRLS fit")
ax.plot(grid, p_net, "k--", lw=1, label="network fit")
ax.plot(X.ravel(), y, "o", color="C3", alpha=0.4, label="launches (1 = distress; darker: repeats)")
ax.axvline(forecast[0], color="C1", ls=":", label="31 °F forecast, 28 Jan 1986")
ax.set(xlabel="launch temperature (°F)", ylabel="P(O-ring distress)", ylim=(-0.05, 1.05))
fig.legend(loc="outside right center", fontsize="small")
plt.show()

# %%
# The network's curve lies on the IRLS curve everywhere, including far outside the data.
# The band is narrow where launches were observed and widens over the shaded region: at
# 31 °F the point estimate is close to one, but the interval printed above shows how much
# of that rests on extrapolating the logistic shape far below the coldest launch.
#
# The peers, side by side
# -----------------------
# statsmodels' ``Logit`` with Newton's method is unpenalised; scikit-learn's
# ``LogisticRegression`` is ridge-penalised by default and, in version 1.8 and later,
# switches the penalty off with ``C=np.inf`` (the ``penalty`` argument is deprecated).

rows = {"logreg_nn IRLS": mle.params_, "logreg_nn network": net.params_}
try:
    import statsmodels.api as sm

    logit = sm.Logit(y, sm.add_constant(X)).fit(method="newton", tol=1e-12, disp=0)
    rows["statsmodels Logit"] = logit.params
    print(f"max |bse statsmodels - IRLS| = {np.abs(logit.bse - mle.bse_).max():.1e}")
except ImportError:
    print("statsmodels is not installed")
try:
    from sklearn.linear_model import LogisticRegression as SklearnLogisticRegression

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a deprecation warning here would be a bug in this page
        sk = SklearnLogisticRegression(C=np.inf, solver="newton-cholesky", tol=1e-12).fit(X, y)
    rows["scikit-learn C=inf"] = np.r_[sk.intercept_, sk.coef_.ravel()]
except ImportError:
    print("scikit-learn is not installed")
print(f"{'':>20} {'intercept':>12} {'slope':>12} {'max |diff| vs IRLS':>20}")
for name, params in rows.items():
    diff = np.abs(params - mle.params_).max()
    print(f"{name:>20} {params[0]:12.6f} {params[1]:12.6f} {diff:20.1e}")

# %%
# Four routes, one estimate: two solvers of the same likelihood inside this package and
# two independent implementations agree to the displayed digits, with differences at the
# level of each solver's stopping tolerance. The network's difference is the largest
# because a first-order method on badly scaled data stops with a small gradient, not a
# small error; the condition number turns one into the other.
