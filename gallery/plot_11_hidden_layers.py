"""
Hidden layers: same predictions, or a different model
======================================================

The equivalence is a statement about one architecture: no hidden layer, one sigmoid
output. Add a hidden layer :math:`h = \\phi(W_1^\\top x + b_1)`, output
:math:`\\sigma(w_2^\\top h + b_2)`, and two things can happen. With the identity activation
the network is still linear in :math:`x`, with coefficients :math:`W_1 w_2` and intercept
:math:`b_1^\\top w_2 + b_2`: training reaches logistic regression's predictions, but the
weights themselves are not identifiable. With a non-linear activation such as
:math:`\\tanh` the network is a different, richer model and its fitted probabilities are
not logistic regression's. The package deliberately has no multi-layer class, so the
two-layer network below is a dozen lines of numpy trained by full-batch gradient descent
on the same summed cross-entropy.
"""

import matplotlib.pyplot as plt
import numpy as np

from logreg_nn import LogisticRegression, sigmoid
from logreg_nn.datasets import make_logistic
from logreg_nn.plotting import plot_distance_to_optimum

ACTIVATIONS = {  # activation and its derivative, both as functions of the pre-activation
    "identity": (lambda a: a, np.ones_like),
    "tanh": (np.tanh, lambda a: 1.0 - np.tanh(a) ** 2),
}


def train_two_layer(X, y, n_hidden, activation, seed, learning_rate, epochs):
    """Full-batch gradient descent on sum_i [log(1 + e^z_i) - y_i z_i]; returns the weights
    and, per epoch, the equivalent linear model [intercept, coef] (meaningful for identity)."""
    phi, dphi = ACTIVATIONS[activation]
    rng = np.random.default_rng(seed)
    W1 = rng.normal(0.0, 1.0 / np.sqrt(X.shape[1]), (X.shape[1], n_hidden))
    b1, w2, b2 = np.zeros(n_hidden), rng.normal(0.0, 1.0 / np.sqrt(n_hidden), n_hidden), 0.0
    path = []
    for _ in range(epochs):
        pre = X @ W1 + b1
        hidden = phi(pre)
        residual = sigmoid(hidden @ w2 + b2) - y  # dLoss/dz, as for the single neuron
        back = np.outer(residual, w2) * dphi(pre)
        W1, b1 = W1 - learning_rate * X.T @ back, b1 - learning_rate * back.sum(axis=0)
        w2, b2 = w2 - learning_rate * hidden.T @ residual, b2 - learning_rate * residual.sum()
        path.append(np.r_[b1 @ w2 + b2, W1 @ w2])
    return (W1, b1, w2, b2), np.array(path)


def predict_two_layer(weights, X, activation):
    W1, b1, w2, b2 = weights
    return sigmoid(ACTIVATIONS[activation][0](X @ W1 + b1) @ w2 + b2)


# %%
# A linear hidden layer, two random starts
# ----------------------------------------

X, y = make_logistic(200, coef=[1.0, -1.5], intercept=0.5, random_state=0)
mle = LogisticRegression().fit(X, y)
runs = [train_two_layer(X, y, 3, "identity", seed, 0.005, 400) for seed in (1, 2)]
for seed, ((W1, *_), path) in zip((1, 2), runs, strict=True):
    print(f"start {seed}: |[b1.w2 + b2, W1 w2] - MLE| = {np.abs(path[-1] - mle.params_).max():.1e}")
    print(f"         W1 = {np.array2string(W1.round(3), prefix=' ' * 14)}")
print(f"max |W1(start 1) - W1(start 2)| = {np.abs(runs[0][0][0] - runs[1][0][0]).max():.3f}")
gap = np.abs(predict_two_layer(runs[0][0], X, "identity") - mle.predict_proba(X)[:, 1])
print(f"max |P(two-layer, start 1) - P(logistic regression)| = {gap.max():.1e}")

# %%
# A non-linear boundary and a tanh hidden layer
# ---------------------------------------------
# Here the probability of class 1 is high inside a disc, which no linear logit can express.

rng = np.random.default_rng(0)
Xc = rng.normal(size=(300, 2))
yc = (rng.random(300) < sigmoid(3.0 * (1.0 - (Xc**2).sum(axis=1)))).astype(float)
linear = LogisticRegression().fit(Xc, yc)
tanh_net, _ = train_two_layer(Xc, yc, 8, "tanh", 0, 0.005, 6000)
p_linear, p_tanh = linear.predict_proba(Xc)[:, 1], predict_two_layer(tanh_net, Xc, "tanh")
for name, p in [("logistic regression", p_linear), ("tanh network", p_tanh)]:
    print(
        f"{name:>20}: summed cross-entropy {-np.sum(yc * np.log(p) + (1 - yc) * np.log1p(-p)):.2f}"
    )
print(f"max |P(tanh) - P(logistic regression)| = {np.abs(p_tanh - p_linear).max():.2f}")

# %%
# Pictures
# --------

fig, axes = plt.subplots(2, 2, figsize=(10, 8), layout="constrained")
plot_distance_to_optimum(axes[0, 0], [path for _, path in runs], mle.params_,
                         ["identity net, start 1", "identity net, start 2"])  # fmt: skip
axes[0, 0].set(ylabel="distance of $(b_1^\\top w_2 + b_2, W_1 w_2)$ to the MLE",
               title="Equivalent linear model converges")  # fmt: skip
axes[0, 0].legend()
ax = axes[0, 1]
(W1a, *_), (W1b, *_) = runs[0][0], runs[1][0]
ax.plot(W1a.ravel(), W1b.ravel(), "o", label="entries of $W_1$")
ax.plot(runs[0][1][-1][1:], runs[1][1][-1][1:], "s", ms=9, label="coefficients $W_1 w_2$")
ax.axline((0, 0), slope=1, color="k", ls=":", label="equal in both runs")
ax.set(xlabel="start 1", ylabel="start 2", title="Weights differ, their product does not")
ax.legend()
grid = np.linspace(-4.2, 4.2, 169)
G = np.array(np.meshgrid(grid, grid)).reshape(2, -1).T
for ax, name, prob in [
    (axes[1, 0], "logistic regression", linear.predict_proba(G)[:, 1]),
    (axes[1, 1], "two-layer tanh network", predict_two_layer(tanh_net, G, "tanh")),
]:
    surface = prob.reshape(grid.size, grid.size)
    filled = ax.contourf(
        grid, grid, surface, levels=np.linspace(0, 1, 11), cmap="RdBu_r", alpha=0.7
    )
    for label, marker in [(0, "o"), (1, "s")]:
        ax.scatter(*Xc[yc == label].T, s=14, marker=marker, edgecolor="k", lw=0.5,
                   color="white" if label == 0 else "k", label=f"class {label}")  # fmt: skip
    ax.set(xlabel="$x_1$", ylabel="$x_2$", title=name)
    ax.legend(loc="lower right", fontsize="small")
fig.colorbar(filled, ax=axes[1, :], label="fitted P(class 1)")
plt.show()

# %%
# Top: from two random starts the identity network's equivalent linear model converges to
# the maximum-likelihood estimate at a geometric rate, yet its hidden weights end far
# apart: any invertible :math:`A` turns :math:`(W_1, b_1, w_2)` into
# :math:`(W_1A, A^\top b_1, A^{-1}w_2)` without changing a single prediction, so only the
# product is identified. The loss is no
# longer convex in the weights, but its minimum value is the same. Bottom: with
# :math:`\tanh` units the network bends its decision boundary around the disc, while
# logistic regression can only tilt a plane; the two fits differ by the probabilities
# and cross-entropies printed above. The equivalence is with the single neuron, not with
# neural networks in general :cite:p:`sycorax2020`.
