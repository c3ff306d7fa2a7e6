"""
Cross-entropy and squared error over (intercept, slope)
=======================================================

The single neuron can be trained on any loss, but only the cross-entropy is the negative
Bernoulli log-likelihood, and only it is convex in the parameters :cite:p:`sycorax2020`.
This example draws both objectives of one data set over a grid of
:math:`(\\beta_0, \\beta_1)`, and maps where the Hessian of the squared-error (Brier)
objective has a negative eigenvalue — the regions where that surface curves downwards in
some direction and a gradient method may stall or find a different stationary point
:cite:p:`goodfellow2016`. The cross-entropy Hessian :math:`\\tilde X^\\top W \\tilde X` is
positive definite everywhere.
"""

import matplotlib.pyplot as plt
import numpy as np

from logreg_nn import LogisticRegression, SingleNeuronNetwork
from logreg_nn.datasets import make_logistic
from logreg_nn.objective import Objective
from logreg_nn.plotting import plot_loss_contours

X, y = make_logistic(100, coef=[1.5], intercept=-0.5, random_state=2)
cross_entropy = Objective("cross_entropy", X, y)
squared_error = Objective("squared_error", X, y)
mle = LogisticRegression().fit(X, y)
brier = SingleNeuronNetwork(loss="squared_error", optimizer="newton", init=mle.params_).fit(X, y)
print(f"maximum likelihood:  intercept {mle.intercept_:+.4f}, slope {mle.coef_[0]:+.4f}")
print(
    f"squared error, started at the MLE: intercept {brier.intercept_:+.4f}, "
    f"slope {brier.coef_[0]:+.4f}"
)

# %%
# Smallest Hessian eigenvalue over the grid
# -----------------------------------------
# At each grid point we ask each objective for its 2 x 2 Hessian and keep the smallest
# eigenvalue: negative means the surface is not locally convex there.

intercepts = np.linspace(-8.0, 8.0, 81)
slopes = np.linspace(-8.0, 10.0, 91)


def smallest_eigenvalue(objective):
    hessians = [[objective.hessian(np.array([a, b])) for a in intercepts] for b in slopes]
    return np.linalg.eigvalsh(np.array(hessians))[..., 0]


min_eig_se = smallest_eigenvalue(squared_error)
min_eig_ce = smallest_eigenvalue(cross_entropy)
print(f"cross-entropy: smallest Hessian eigenvalue on the grid {min_eig_ce.min():.3e}")
print(f"squared error: Hessian indefinite on {np.mean(min_eig_se < 0):.0%} of the grid")

# %%
# Draw the two surfaces and the map
# ---------------------------------

fig, axes = plt.subplots(1, 3, figsize=(13, 4.3), layout="constrained", sharey=True)
for ax, objective, title in [
    (axes[0], cross_entropy, "cross-entropy (convex)"),
    (axes[1], squared_error, "squared error (not convex)"),
]:
    plot_loss_contours(ax, objective, intercepts, slopes, levels=18)
    ax.set_title(title)
limit = np.abs(min_eig_se).max()
mesh = axes[2].pcolormesh(
    intercepts,
    slopes,
    min_eig_se,
    cmap="RdBu",
    vmin=-limit,
    vmax=limit,
    label="smallest eigenvalue",
)
axes[2].contour(intercepts, slopes, min_eig_se, levels=[0.0], colors="k").set_label(
    "smallest eigenvalue = 0"
)
fig.colorbar(mesh, ax=axes[2], label="smallest eigenvalue (squared error)")
axes[2].set_xlabel(axes[0].get_xlabel())
axes[2].set_title("squared-error Hessian: indefinite where red")
stars = [ax.plot(*mle.params_, "*", color="k", ms=13, mfc="gold", label="MLE")[0] for ax in axes]
(cross,) = axes[1].plot(*brier.params_, "P", color="k", ms=10, mfc="C1", label="squared-error min")
# Contour sets and meshes have no legend handle: name the zero level with a proxy line.
zero = plt.Line2D([], [], color="k", label="smallest eigenvalue = 0")
axes[0].legend(handles=[stars[0]], loc="lower right", fontsize="small")
axes[1].legend(handles=[stars[1], cross], loc="lower right", fontsize="small")
axes[2].legend(handles=[stars[2], zero], loc="lower right", fontsize="small")
plt.show()

# %%
# On the left the cross-entropy contours are closed, nested ovals around a single point,
# the maximum-likelihood estimate. In the middle the squared-error contours agree near
# that point — both losses reward fitted probabilities close to the labels — but far from
# it they open into flat plateaus, where the sigmoid saturates and the loss can no longer
# fall. The right panel shows that the squared-error surface is locally convex only
# inside the black curve around the optimum; on the plateaus and along the ridges between
# them its Hessian has a negative eigenvalue (printed above: most of the grid). The
# cross-entropy's smallest eigenvalue, also printed, stays positive over the whole grid.
#
# The squared-error minimum found from the MLE is close to it but not equal: the two
# losses define different estimators, the subject of
# :ref:`sphx_glr_auto_examples_plot_05_other_losses_other_estimates.py`.

print(f"distance between the two estimates: {np.linalg.norm(brier.params_ - mle.params_):.4f}")
