"""
The same prediction function, fitted two ways
=============================================

Logistic regression predicts :math:`\\hat y = \\sigma(\\beta_0 + x^\\top\\beta)`; a network
with no hidden layer and one sigmoid output neuron predicts exactly the same expression,
with the intercept called a *bias* and the coefficients called *weights*
:cite:p:`sycorax2020`. Here both are fitted to the 23 pre-Challenger shuttle launches
:cite:p:`dalal1989`: :class:`~logreg_nn.LogisticRegression` by Newton–Raphson (IRLS), and
:class:`~logreg_nn.SingleNeuronNetwork` by Nesterov-accelerated gradient descent on the
cross-entropy. The two fitted curves coincide, up to the optimizers' stopping tolerances.
"""

import matplotlib.pyplot as plt
import numpy as np

from logreg_nn import LogisticRegression, SingleNeuronNetwork
from logreg_nn.datasets import load_challenger

challenger = load_challenger()
X, y = challenger.data, challenger.target
print(f"{X.shape[0]} launches, {int(y.sum())} with O-ring distress")

# %%
# Fit both estimators
# -------------------
# The network starts from small random weights and is trained on the raw temperatures;
# gradient steps are slow on this badly scaled design (temperatures near 70 next to a
# column of ones), so Nesterov's method is used. It stops when no gradient entry exceeds
# ``tol = 1e-10`` per observation.

mle = LogisticRegression().fit(X, y)
net = SingleNeuronNetwork(optimizer="nesterov", max_epochs=20_000, random_state=0).fit(X, y)
print(
    f"IRLS:    intercept {mle.intercept_:.10f}, slope {mle.coef_[0]:.10f}, {mle.n_iter_} iterations"
)
print(
    f"network: bias      {net.intercept_:.10f}, weight {net.coef_[0]:.10f}, "
    f"{net.n_epochs_} epochs, converged={net.converged_}"
)
print(f"largest parameter difference: {np.abs(net.params_ - mle.params_).max():.2e}")

# %%
# Overlay the two prediction functions
# ------------------------------------
# The curves are evaluated on a grid reaching down to 31 F, the forecast temperature on
# the morning of the accident, far below every earlier launch.

temperature = np.linspace(30.0, 85.0, 400)[:, None]
p_mle = mle.predict_proba(temperature)[:, 1]
p_net = net.predict_proba(temperature)[:, 1]

fig, (ax_curve, ax_diff) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
ax_curve.plot(temperature, p_mle, lw=5, alpha=0.4, color="C0", label="LogisticRegression (IRLS)")
ax_curve.plot(temperature, p_net, "--", color="C3", label="SingleNeuronNetwork (Nesterov)")
jitter = np.random.default_rng(0).uniform(-0.02, 0.02, size=y.size)
ax_curve.plot(X[:, 0], y + jitter, "o", color="k", ms=4, label="launches (jittered)")
ax_curve.axvline(31.0, color="grey", ls=":", label="31 F forecast")
ax_curve.set_xlabel("launch temperature (F)")
ax_curve.set_ylabel("P(O-ring distress)")
ax_curve.set_title("Fitted probability curves")
ax_curve.legend(loc="lower left", fontsize="small")

ax_diff.plot(temperature, p_net - p_mle, color="C2", label="network minus IRLS")
ax_diff.axhline(0.0, color="grey", lw=0.8, label="zero")
ax_diff.set_xlabel("launch temperature (F)")
ax_diff.set_ylabel("difference in probability")
ax_diff.set_title("Their difference")
ax_diff.legend(fontsize="small")
plt.show()

# %%
# The thick and dashed curves lie on top of each other over the whole range, including
# the extrapolation to 31 F where the estimated risk is near one. The right panel shows
# the scale of their disagreement: it is set by the stopping tolerances, not by any
# difference between the models.

print(f"largest difference in fitted probability on the grid: {np.abs(p_net - p_mle).max():.2e}")
at_31 = [[31.0]]
print(
    f"P(distress at 31 F): IRLS {mle.predict_proba(at_31)[0, 1]:.6f}, "
    f"network {net.predict_proba(at_31)[0, 1]:.6f}"
)

# %%
# Why they agree
# --------------
# Having the same functional form is only half of the argument: two models with the same
# prediction equation can still land on different parameters if they are fitted to
# different objectives. They agree here because the network minimises the cross-entropy,
# which is the negative Bernoulli log-likelihood that logistic regression maximises, and
# that objective has a single minimiser on these data. The next examples look at the
# objective (:ref:`sphx_glr_auto_examples_plot_02_loss_surfaces.py`) and at the
# optimizers (:ref:`sphx_glr_auto_examples_plot_03_every_optimizer_same_optimum.py`).
