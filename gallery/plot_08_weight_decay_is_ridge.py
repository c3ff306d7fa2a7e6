"""
Weight decay is ridge logistic regression
=========================================

Weight decay adds :math:`\\frac{\\lambda}{2}\\lVert\\beta\\rVert^2` to the network's summed
cross-entropy; ridge logistic regression adds the same term to the negative
log-likelihood, and a Gaussian prior :math:`\\beta \\sim N(0, \\lambda^{-1} I)` gives it
as the negative log-prior. The objective is again strictly convex, so a network trained
with weight decay and penalised IRLS must land on the same point for every
:math:`\\lambda`, and both are then *not* the maximum-likelihood estimate. This example
traces the whole path of penalty strengths with both estimators, then checks the exact
translation to scikit-learn's ``C`` and to a penalty on the *mean* loss.
"""

import matplotlib.pyplot as plt
import numpy as np

from logreg_nn import LogisticRegression, SingleNeuronNetwork
from logreg_nn.datasets import make_logistic

X, y = make_logistic(200, coef=[1.5, -1.0, 0.5, 0.0], intercept=-0.5, random_state=0)
n_samples, n_features = X.shape
penalties = np.geomspace(1e-2, 1e4, 19)

# %%
# One path, two estimators
# ------------------------
# For each :math:`\lambda` we fit penalised IRLS (Newton on the penalised objective) and
# train the network with Nesterov momentum and weight decay ``l2`` from a random start.
# Neither penalises the intercept (the bias), as is usual for both.

ridge = [LogisticRegression(l2=lam).fit(X, y) for lam in penalties]
networks = [
    SingleNeuronNetwork(optimizer="nesterov", l2=lam, random_state=0).fit(X, y) for lam in penalties
]
ridge_params = np.array([model.params_ for model in ridge])
network_params = np.array([net.params_ for net in networks])
gap = np.abs(ridge_params - network_params).max(axis=1)
print(f"all networks converged: {all(net.converged_ for net in networks)}")
print(f"max |network - penalised IRLS| over the path: {gap.max():.2e}")
mle = LogisticRegression().fit(X, y)
print(f"unpenalised MLE slopes: {mle.coef_.round(4)}")

# %%
# scikit-learn's ``C``
# --------------------
# scikit-learn minimises :math:`C\sum_i \ell_i + \frac12\lVert\beta\rVert^2`, which is
# :math:`C` times our objective with :math:`\lambda = 1/C`: same minimiser. We check it
# along the same path (scikit-learn is an optional dependency of the documentation).

try:
    from sklearn.linear_model import LogisticRegression as SklearnLogisticRegression
except ImportError:
    sklearn_gap = None
    print("scikit-learn is not installed: the C = 1/lambda check is skipped")
else:
    sklearn_params = []
    for lam in penalties:
        model = SklearnLogisticRegression(C=1.0 / lam, solver="newton-cholesky", tol=1e-12)
        model.fit(X, y)
        sklearn_params.append(np.r_[model.intercept_, model.coef_.ravel()])
    sklearn_gap = np.abs(np.array(sklearn_params) - ridge_params).max(axis=1)
    print(f"max |scikit-learn(C=1/lambda) - penalised IRLS|: {sklearn_gap.max():.2e}")

# %%
# The paths
# ---------

fig, (left, right) = plt.subplots(1, 2, figsize=(10, 5), layout="constrained")
for j in range(n_features):
    name = f"\\beta_{j + 1}"
    (line,) = left.semilogx(penalties, ridge_params[:, 1 + j], label=f"IRLS ${name}$")
    color = line.get_color()
    left.semilogx(penalties, network_params[:, 1 + j], "x", color=color, label=f"network ${name}$")
    left.axhline(mle.coef_[j], color=color, ls=":", lw=0.8, label=f"MLE $\\hat{name}$")
left.set(xlabel="penalty $\\lambda$", ylabel="coefficient", title="Ridge paths")
fig.legend(*left.get_legend_handles_labels(), loc="outside lower center", ncols=4)
right.semilogx(penalties, gap, "o-", label="network vs penalised IRLS")
if sklearn_gap is not None:
    right.semilogx(penalties, sklearn_gap, "s--", label="scikit-learn ($C=1/\\lambda$) vs IRLS")
right.set_yscale("log", nonpositive="mask")
right.set(xlabel="penalty $\\lambda$", ylabel="max |parameter difference|")
right.set_title("Disagreement along the path")
right.legend(fontsize="small")
plt.show()

# %%
# The crosses sit on the lines: at every :math:`\lambda` the network with weight decay
# *is* ridge logistic regression, to within the solvers' tolerances (right panel). Small
# penalties leave the slopes near the dotted maximum-likelihood values; large ones shrink
# them all towards zero, so the equivalence with the MLE itself holds only at
# :math:`\lambda = 0`.
#
# Penalising the mean instead of the sum
# --------------------------------------
# Deep-learning libraries usually average the loss over the batch before adding weight
# decay. With sample weights :math:`1/n` our objective becomes
# :math:`\frac1n\sum_i\ell_i + \frac{\lambda'}{2}\lVert\beta\rVert^2`, which is
# :math:`1/n` times the summed objective with :math:`\lambda = n\lambda'`.

decay_on_mean = 0.05
mean_net = SingleNeuronNetwork(optimizer="nesterov", l2=decay_on_mean, random_state=0)
mean_net.fit(X, y, sample_weight=np.full(n_samples, 1.0 / n_samples))
summed = LogisticRegression(l2=n_samples * decay_on_mean).fit(X, y)
print(
    f"lambda' = {decay_on_mean} on the mean  <->  lambda = {n_samples * decay_on_mean:g} on the sum"
)
print(f"max |difference| = {np.abs(mean_net.params_ - summed.params_).max():.2e}")

# %%
# The same point again: averaging rescales the penalty by the sample size, which is why a
# weight-decay value cannot be carried from one data set, or one library, to another
# without stating whether the loss is summed or averaged.
