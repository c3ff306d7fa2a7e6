"""
A softmax network is multinomial logistic regression, up to a shift
===================================================================

With :math:`K` classes, a network with no hidden layer and a softmax output predicts
:math:`P(y=k\\mid x) \\propto e^{\\beta_{k0} + x^\\top\\beta_k}`, the multinomial logistic
model, and categorical cross-entropy is its negative log-likelihood. But the network has
:math:`K(p+1)` weights and only :math:`(K-1)(p+1)` are identifiable: adding the same vector
to every output leaves every probability unchanged. Its loss is convex but not strictly
convex, so training from different starts ends at *different* weights with *identical*
predictions. Subtracting the reference class's weights removes the shift, and what remains is
the unique maximum-likelihood estimate of
:class:`~logreg_nn.MultinomialLogisticRegression`. The data are three wine cultivars
described by alcohol and malic acid, a real data set whose classes overlap, so that estimate
exists.
"""

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_wine

from logreg_nn import MultinomialLogisticRegression, SoftmaxNetwork
from logreg_nn.diagnostics import check_multinomial_separation

wine = load_wine()
X = wine.data[:, :2]
X = (X - X.mean(axis=0)) / X.std(axis=0)
y = wine.target
print("separation test:", check_multinomial_separation(X, y, 3).kind)

# %%
# The maximum-likelihood fit and four networks
# --------------------------------------------
# Each network starts from weights drawn with a large spread, so that the starts differ
# along the unidentified direction as well.

mle = MultinomialLogisticRegression().fit(X, y)
n_params = 3 * (X.shape[1] + 1)
rng = np.random.default_rng(0)
networks = [
    SoftmaxNetwork(optimizer="nesterov", init=rng.normal(scale=3.0, size=n_params)).fit(X, y)
    for _ in range(4)
]
for i, net in enumerate(networks):
    coef, _ = net.relative_to_reference()
    print(
        f"start {i}: alcohol weights {np.round(net.coef_[:, 0], 3)}, "
        f"minus class 0 {np.round(coef[:, 0], 6)}, {net.n_epochs_} epochs"
    )
print("MLE alcohol coefficients:   ", np.round(mle.coef_[:, 0], 6))

# %%
# Trajectories of the raw and the relative weights
# ------------------------------------------------
# Left: the alcohol weights of classes 1 and 2 as training proceeds. Right: the same weights
# minus class 0's, the quantity multinomial logistic regression estimates.

ALCOHOL = 1  # index of the alcohol weight within a class's row [bias, alcohol, malic acid]
row = X.shape[1] + 1
fig, (ax_raw, ax_rel) = plt.subplots(1, 2, figsize=(10, 4.2), layout="constrained")
for i, net in enumerate(networks):
    params = net.history_.params
    w = [params[:, k * row + ALCOHOL] for k in range(3)]
    ax_raw.plot(w[1], w[2], color=f"C{i}", label=f"start {i}")
    ax_raw.plot(w[1][-1], w[2][-1], "o", color=f"C{i}")
    ax_rel.plot(w[1] - w[0], w[2] - w[0], color=f"C{i}", label=f"start {i}")
ax_rel.plot(*mle.coef_[:, 0], "k*", ms=14, label="MLE (reference class 0)")
ax_raw.set_title("raw softmax weights: four different end points")
ax_rel.set_title("weights minus class 0: one end point")
for ax, prefix in ((ax_raw, "w"), (ax_rel, "w - w_0")):
    ax.set_xlabel(f"alcohol {prefix}, class 1")
    ax.set_ylabel(f"alcohol {prefix}, class 2")
    ax.legend(loc="best", fontsize="small")
plt.show()

# %%
# The raw end points (dots, left) lie along a line: they differ by a shift common to all
# three outputs, the direction in which the loss is flat. After subtracting the reference
# output the four paths meet at the maximum-likelihood estimate (star, right).

# %%
# Same predictions, same loss
# ---------------------------
# Probabilities are invariant to the shift, so all networks predict alike and reach the
# minimum of the loss, which is minus the log-likelihood at the estimate.

proba_gap = max(np.abs(net.predict_proba(X) - mle.predict_proba(X)).max() for net in networks)
relative_gap = max(np.abs(net.relative_to_reference()[0] - mle.coef_).max() for net in networks)
print(f"largest probability difference to the MLE: {proba_gap:.1e}")
print(f"largest relative-weight difference to the MLE: {relative_gap:.1e}")

# Below the rounding level of the loss itself the excess is noise; show it at that floor.
floor = np.finfo(float).eps * abs(mle.llf_)
fig, ax = plt.subplots(figsize=(6, 4), layout="constrained")
for i, net in enumerate(networks):
    excess = np.maximum(net.history_.loss + mle.llf_, floor)
    ax.semilogy(excess, color=f"C{i}", label=f"start {i}")
ax.set_xlabel("epoch")
ax.set_ylabel("loss minus its minimum, -log-likelihood of the MLE")
ax.set_title("every start reaches the same minimum value")
ax.legend()
plt.show()

# %%
# The excess loss falls to rounding level for every start: the optimum value is unique
# even though the optimal weights are not. Fixing a reference class restores a unique
# answer. Weight decay alone selects the minimiser whose weights sum to zero, but leaves
# the undecayed biases free to shift together.
