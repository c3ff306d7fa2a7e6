"""
Separable classes: no estimate, but a direction
===============================================

When a hyperplane separates the two classes, the cross-entropy has no minimiser: it keeps
decreasing as the weights grow along the separating direction, so there is no
maximum-likelihood estimate for the network to agree with :cite:p:`albert1984`.
Gradient descent still does something well defined: the loss falls to zero like
:math:`1/t`, the norm of the parameters grows like :math:`\\log t`, and their *direction*
converges, slowly, to the hard-margin support-vector direction :cite:p:`soudry2018`.
:class:`~logreg_nn.LogisticRegression` refuses to return numbers and hands back a
certificate instead, and a ridge penalty restores a finite, unique optimum on which both
estimators agree again.
"""

import warnings

import matplotlib.pyplot as plt
import numpy as np
from scipy.optimize import minimize

from logreg_nn import LogisticRegression, SingleNeuronNetwork
from logreg_nn.datasets import make_separable
from logreg_nn.exceptions import SeparationError, SeparationWarning

X, y = make_separable(40, n_features=2, margin=0.5, random_state=0)
X = X + 1.0  # move the separating line off the origin so that the intercept matters

# %%
# Train the network far past any sensible stopping point
# -------------------------------------------------------
# The network notices the separation and warns; we record the warning and print it once.

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always", SeparationWarning)
    net = SingleNeuronNetwork(optimizer="gd", max_epochs=20_000, random_state=0).fit(X, y)
for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}")
history = net.history_
epochs = np.arange(1, history.n_epochs + 1)
theta = history.params[1:]
print(f"after {net.n_epochs_} epochs: loss {history.loss[-1]:.2e}")

# %%
# The hard-margin direction, with the intercept inside the norm
# -------------------------------------------------------------
# :cite:t:`soudry2018` treat the bias as one more weight on a constant feature, so the limit is
# the minimiser of :math:`\lVert\theta\rVert^2` over :math:`\theta = (\beta_0, \beta)`
# subject to :math:`s_i\,\tilde x_i^\top\theta \ge 1`, with :math:`s_i = 2y_i - 1`. We
# solve that small quadratic programme directly and compare it with scikit-learn's
# (nearly) hard-margin SVM, whose intercept is not penalised.

signed = (2 * y - 1)[:, None] * np.column_stack([np.ones(len(y)), X])
qp = minimize(
    lambda t: 0.5 * t @ t,
    x0=np.ones(3),
    jac=lambda t: t,
    constraints=[{"type": "ineq", "fun": lambda t: signed @ t - 1, "jac": lambda t: signed}],
    method="SLSQP",
    options={"ftol": 1e-14, "maxiter": 500},
)
w_hat = qp.x
print(f"max-margin theta = {np.round(w_hat, 4)}, smallest margin {(signed @ w_hat).min():.6f}")
direction = w_hat / np.linalg.norm(w_hat)
unit = theta / np.linalg.norm(theta, axis=1, keepdims=True)
angle = np.degrees(np.arccos(np.clip(unit @ direction, -1.0, 1.0)))
try:
    from sklearn.svm import SVC

    svc = SVC(kernel="linear", C=1e6).fit(X, y)
    svm = np.r_[svc.intercept_, svc.coef_.ravel()]
    gap = np.degrees(np.arccos(svm @ direction / np.linalg.norm(svm)))
    active = int(np.sum(signed @ w_hat < 1 + 1e-6))
    print(f"SVC: {gap:.4f} degrees apart; support vectors {active} (QP), {svc.n_support_.sum()}")
except ImportError:
    print("scikit-learn not installed: SVC comparison skipped")
print(f"angle to max margin at epochs 100, 1000, last: {angle[[99, 999, -1]].round(3)}")

# %%
# Three symptoms, one picture
# ---------------------------

norm = np.linalg.norm(theta, axis=1)
for start, stop in [(10, 100), (100, 1000), (1000, 10_000), (10_000, epochs[-1])]:
    slope = (norm[stop - 1] - norm[start - 1]) / np.log(stop / start)
    print(f"slope of |theta_t| against log t, epochs {start}-{stop}: {slope:.3f}")
print(f"asymptotic slope |w_hat| = {np.linalg.norm(w_hat):.3f}")

fig, axes = plt.subplots(2, 2, figsize=(9, 7), layout="constrained")
ax = axes[0, 0]
for label, marker in [(0, "o"), (1, "s")]:
    ax.scatter(*X[y == label].T, marker=marker, label=f"class {label}", alpha=0.6)
grid = np.linspace(X[:, 0].min(), X[:, 0].max(), 2)
for params, style, name in [(theta[-1], "k-", "network, last epoch"), (w_hat, "m--", "max margin")]:
    ax.plot(grid, -(params[0] + params[1] * grid) / params[2], style, label=name)
ax.set(xlabel="$x_1$", ylabel="$x_2$", title="Data and decision lines")
ax.set_ylim(top=X[:, 1].max() + 2.5)
ax.legend(fontsize="small", loc="upper center", ncols=2)
axes[0, 1].loglog(epochs, history.loss[1:], label="cross-entropy (sum)")
axes[0, 1].loglog(epochs, history.loss[-1] * epochs[-1] / epochs, "k:", label="$\\propto 1/t$")
axes[0, 1].set(xlabel="epoch", ylabel="loss", title="Loss tends to zero")
axes[1, 0].semilogx(epochs, norm, label="$\\|\\theta_t\\|$")
tail = epochs >= 1000
reference = norm[-1] + np.linalg.norm(w_hat) * np.log(epochs[tail] / epochs[-1])
axes[1, 0].semilogx(epochs[tail], reference, "k:", label="asymptotic slope $\\|\\hat w\\|$")
axes[1, 0].set(xlabel="epoch", ylabel="parameter norm", title="Norm grows like log t, eventually")
axes[1, 1].loglog(epochs, angle, label="angle to max-margin $\\hat w$")
axes[1, 1].set(xlabel="epoch", ylabel="degrees", title="Direction converges, slowly")
for ax in axes.flat[1:]:
    ax.legend()
plt.show()

# %%
# The loss falls like :math:`1/t` and the norm is nearly a straight line against
# :math:`\log t`; its slope creeps up, decade after decade, towards the asymptotic value
# :math:`\lVert\hat w\rVert` printed above. The weights never settle, so any "estimate"
# read off the network depends on when training stopped. Only the direction is
# meaningful, and its angle to the max-margin direction shrinks at the slow rate
# :math:`1/\log t`. scikit-learn's SVM (intercept not penalised) points the same way here
# only because the same support vectors, counted above, pin both solutions; otherwise the
# limits differ and gradient descent follows the one with the intercept inside the norm.
#
# Maximum likelihood diagnoses the problem
# ----------------------------------------
# Instead of iterating towards infinity, the IRLS fit runs an exact linear-programming test
# and raises an error carrying the separating direction.

try:
    LogisticRegression().fit(X, y)
except SeparationError as error:
    print(error)
    print(f"kind={error.kind}, direction={np.round(error.direction, 4)}, boundary={error.boundary}")

# %%
# A penalty restores a finite optimum
# -----------------------------------
# With :math:`\frac{\lambda}{2}\lVert\beta\rVert^2` added, the objective is strictly convex
# and, as long as both classes occur, grows in every direction, so it has one minimiser
# however the data are separated. Weight decay and penalised IRLS find the same one.

ridge = LogisticRegression(l2=1.0).fit(X, y)
decayed = SingleNeuronNetwork(optimizer="nesterov", l2=1.0, random_state=0).fit(X, y)
print(f"penalised IRLS : {np.round(ridge.params_, 6)}")
print(f"network, l2=1  : {np.round(decayed.params_, 6)} ({decayed.n_epochs_} epochs)")
print(f"max |difference| = {np.abs(ridge.params_ - decayed.params_).max():.2e}")

# %%
# The penalised estimate depends on :math:`\lambda` and is not a maximum-likelihood
# estimate; what the penalty buys is existence and uniqueness, and with them the
# equivalence of the two estimators.
