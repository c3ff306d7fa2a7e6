"""
Other losses, other estimates
=============================

The equivalence with logistic regression is a property of one loss. Train the same
single neuron on the same Challenger launches with a different loss and it estimates
something else :cite:p:`sycorax2020`: squared error (the Brier score
:cite:p:`brier1950`), the exponential loss, the focal loss, cross-entropy against smoothed
labels, or the hinge loss, which is not a probability model at all. The squared error is
also not convex, so its "estimate" depends on where training starts
:cite:p:`goodfellow2016`.
"""

import warnings

import matplotlib.pyplot as plt
import numpy as np

from logreg_nn import ConvergenceWarning, LogisticRegression, SingleNeuronNetwork, certify
from logreg_nn.datasets import load_challenger
from logreg_nn.objective import Objective
from logreg_nn.optim import GradientDescent
from logreg_nn.plotting import plot_loss_contours, plot_trajectories

challenger = load_challenger()
temperature, y = challenger.data[:, 0], challenger.target
center, scale = temperature.mean(), temperature.std()
X = ((temperature - center) / scale)[:, None]  # standardised: one unit = one s.d. of temperature
mle = LogisticRegression().fit(X, y)

# %%
# One model, six losses
# ---------------------
# Every smooth loss is minimised by Newton's method started at the maximum-likelihood
# estimate and certified on its own objective. The hinge loss has no second derivative,
# so it gets subgradient descent with Robbins–Monro steps (a constant step would bounce
# across the kinks forever); at a kink no gradient tolerance can be met, so its
# convergence warning is caught and printed.

losses = ["cross_entropy", "squared_error", "exponential", "focal", "label_smoothing", "hinge"]
fits = {}
print(f"{'loss':16s} {'intercept':>10s} {'slope':>10s}  certificate")
for loss in losses:
    optimizer = GradientDescent(schedule="robbins_monro") if loss == "hinge" else "newton"
    net = SingleNeuronNetwork(loss=loss, optimizer=optimizer, init=mle.params_, max_epochs=3000)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        net.fit(X, y)
    fits[loss] = net
    verdict = certify(net, X, y).verdict
    note = f" ({len(caught)} ConvergenceWarning)" if caught else ""
    print(f"{loss:16s} {net.intercept_:+10.4f} {net.coef_[0]:+10.4f}  {verdict}{note}")

# %%
# The coefficients side by side, and the fitted curves
# ----------------------------------------------------

fig, (ax_bar, ax_curve) = plt.subplots(1, 2, figsize=(12, 4.5), layout="constrained")
width = 0.8 / len(losses)
for k, (loss, net) in enumerate(fits.items()):
    offsets = np.arange(2) + (k - (len(losses) - 1) / 2) * width
    ax_bar.bar(offsets, net.params_, width, label=loss, color=f"C{k}")
ax_bar.axhline(0.0, color="k", lw=0.8, label="zero")
ax_bar.set_xticks([0, 1], ["intercept $\\beta_0$", "slope $\\beta_1$ (per s.d.)"])
ax_bar.set_ylabel("estimate")
ax_bar.set_title("estimates under each loss")
ax_bar.legend(fontsize="small")

grid = np.linspace(30.0, 85.0, 300)
for k, (loss, net) in enumerate(fits.items()):
    probability = net.predict_proba(((grid - center) / scale)[:, None])[:, 1]
    ax_curve.plot(grid, probability, color=f"C{k}", lw=2.5 if k == 0 else 1.5, label=loss)
ax_curve.plot(temperature, y, "o", color="k", ms=4, label="launches")
ax_curve.set_xlabel("launch temperature (F)")
ax_curve.set_ylabel("$\\sigma(\\beta_0 + \\beta_1 x)$")
ax_curve.set_title("fitted curves")
ax_curve.legend(fontsize="small", loc="center left")
plt.show()

# %%
# Only the cross-entropy fit is the maximum-likelihood estimate. The other probability
# losses give curves of the same shape but with a different location and steepness: each
# weighs the launches differently (focal loss down-weights well-classified ones, label
# smoothing pulls the probabilities away from 0 and 1, the exponential loss punishes
# confident mistakes hardest). The hinge loss cares only about which side of the
# boundary each launch falls and by what margin, so its sigmoid is not an estimate of any
# probability.
#
# Squared error from many starts
# ------------------------------
# Now train the squared-error network from ten random starts and certify each end point.

objective = Objective("squared_error", X, y)
rng = np.random.default_rng(0)
runs = []
for start in rng.normal(0.0, 4.0, size=(10, 2)):
    net = SingleNeuronNetwork(loss="squared_error", optimizer="newton", init=start, max_epochs=200)
    runs.append(net.fit(X, y))
for k, net in enumerate(runs):
    print(
        f"start {k}: end ({net.intercept_:+8.3f}, {net.coef_[0]:+8.3f}), squared error "
        f"{net.history_.loss[-1]:.4f}, {certify(net, X, y).verdict}"
    )

fig, ax = plt.subplots(figsize=(7, 5), layout="constrained")
plot_loss_contours(ax, objective, np.linspace(-45, 15, 120), np.linspace(-60, 15, 120), levels=14)
labels = [f"start {k}" for k in range(len(runs))]
plot_trajectories(ax, [net.history_ for net in runs], labels, color="C3", lw=1.0)
(star,) = ax.plot(*mle.params_, "*", color="k", ms=14, mfc="gold", label="MLE")
ax.set_title("squared error: Newton paths from ten starts (circle = start, cross = end)")
ax.legend(handles=[star], loc="lower right")
plt.show()

# %%
# Some starts end at the finite local minimum next to the maximum-likelihood estimate;
# others run off to large weights, where the sigmoid saturates into a step and the
# gradient vanishes to rounding error. There the printed squared error is *smaller*:
# a steep enough step classifies every launch except the few on the wrong side of the
# threshold, each costing one. The infimum is approached only as the weights go
# to infinity, and the certificate can say no more than "local minimum of a non-convex
# loss". An estimate from squared error means nothing without its starting point and
# this check.
