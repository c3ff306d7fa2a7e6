"""Benchmark suite of logreg_nn against statsmodels and scikit-learn (``make bench``).

Everything is timed in one process on the same data (X standard normal, an intercept,
labels drawn from the logistic model), with ``time.perf_counter``, several repeats, and
medians and minimums reported: the machine is shared, so only ratios measured in one run
are comparable, and the minimum shows what an unloaded machine does. Results go to
``benchmarks/results/latest.json`` (with the date, the machine and the BLAS in use) and a
Markdown table ``latest.md``; the documentation renders the JSON, it never re-runs this.

Run ``python benchmarks/run.py --help`` for the options; ``--quick`` runs a tiny grid.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import statistics
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy
import sklearn
import statsmodels
from sklearn.linear_model import LogisticRegression as SkLogisticRegression
from statsmodels.discrete.discrete_model import Logit
from statsmodels.genmod.families import Binomial
from statsmodels.genmod.generalized_linear_model import GLM
from threadpoolctl import threadpool_info

import logreg_nn
import logreg_nn.network as network_module
import logreg_nn.optim as optim_module
from logreg_nn import LogisticRegression, SingleNeuronNetwork
from logreg_nn.diagnostics import check_separation
from logreg_nn.logistic import separation_suspected
from logreg_nn.objective import Objective
from logreg_nn.optim import get_optimizer, newton_raphson
from logreg_nn.validation import column_scale

RESULTS = Path(__file__).resolve().parent / "results"
SCHEMA_VERSION = 1
#: Tolerance shared by every solver (logreg_nn's default; scikit-learn's ``tol`` is on the
#: same quantity, the largest entry of the gradient of the mean loss).
TOL = 1e-10
#: Distance to the maximum-likelihood estimate that counts as "reached" for the network.
REACH = 1e-6
OPTIMIZERS = ("gd", "momentum", "nesterov", "adam", "newton")
#: The network optimizer documented as the fast choice (the constructor default is "gd").
FAST_OPTIMIZER = "nesterov"
#: Coefficient size of the "confident" data: logits with standard deviation about 5, so
#: that among a million some exceed 20 and the fit runs the exact separation test.
CONFIDENT_COEF_SIZE = 5.0


# -- timing -----------------------------------------------------------------------------
@dataclass
class Timing:
    """Wall times of repeated runs and the last run's result."""

    times: list[float] = field(default_factory=list)
    result: Any = None

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def minimum(self) -> float:
        return min(self.times)


#: Idle time before each timed run. Worker threads of the library that ran before
#: (scikit-learn's OpenMP pool, a BLAS pool) keep spinning for a while after their work;
#: without the pause the next run shares the cores with them (measured here: a logreg_nn fit
#: at n=1e4, p=200 took twice as long right after scikit-learn's lbfgs as after 0.5 s).
PAUSE_BEFORE_RUN_S = 0.3


def timed(func: Callable[[], Any], repeats: int, timing: Timing | None = None) -> Timing:
    """Run ``func`` ``repeats`` times, each after a pause; keep every wall time (added to
    ``timing`` if given) and the last result."""
    timing = Timing() if timing is None else timing
    for _ in range(repeats):
        time.sleep(PAUSE_BEFORE_RUN_S)
        start = time.perf_counter()
        timing.result = func()
        timing.times.append(time.perf_counter() - start)
    return timing


def timed_in_rounds(
    funcs: dict[str, Callable[[], Any]], repeats: dict[str, int]
) -> dict[str, Timing]:
    """Time several functions in interleaved rounds, each run once per round.

    On a shared machine the load drifts over seconds; running every solver once per round
    spreads that drift over all of them instead of charging it to whichever ran last.
    """
    timings = {name: Timing() for name in funcs}
    for round_ in range(max(repeats.values(), default=0)):
        for name, func in funcs.items():
            if round_ < repeats[name]:
                timed(func, 1, timings[name])
    return timings


# -- data and machine -------------------------------------------------------------------
def make_data(
    n: int, p: int, seed: int = 0, coef_size: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    """Standard normal features, coefficients of total size ``coef_size``, intercept 0.3."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    coef = rng.normal(0.0, coef_size / np.sqrt(p), p)
    y = (rng.random(n) < 1.0 / (1.0 + np.exp(-(0.3 + X @ coef)))).astype(np.float64)
    return X, y


def machine_facts() -> dict[str, Any]:
    """CPU, cores, library versions and the BLAS/OpenMP pools seen by threadpoolctl."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    pools = [
        {
            key: Path(value).name if key == "filepath" else value
            for key, value in pool.items()
            if key in {"user_api", "internal_api", "version", "num_threads", "architecture"}
            or key == "filepath"
        }
        for pool in threadpool_info()
    ]
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "versions": {
            "logreg_nn": logreg_nn.__version__,
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "scikit-learn": sklearn.__version__,
            "statsmodels": statsmodels.__version__,
        },
        "threadpools": pools,
        "load_average_start": list(os.getloadavg()),
    }


# -- the solvers ------------------------------------------------------------------------
def fit_logreg_nn(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, int]:
    model = LogisticRegression(tol=TOL).fit(X, y)
    return model.params_, model.n_iter_


def fit_sm_logit(X: np.ndarray, y: np.ndarray, design: np.ndarray) -> tuple[np.ndarray, int]:
    result = Logit(y, design).fit(method="newton", disp=0)
    return np.asarray(result.params), int(result.mle_retvals["iterations"])


def fit_sm_glm(X: np.ndarray, y: np.ndarray, design: np.ndarray) -> tuple[np.ndarray, int]:
    result = GLM(y, design, family=Binomial()).fit()
    return np.asarray(result.params), int(result.fit_history["iteration"])


def fit_sklearn(X: np.ndarray, y: np.ndarray, solver: str) -> tuple[np.ndarray, int]:
    # C=inf switches the penalty off (scikit-learn 1.8 deprecated penalty=None).
    model = SkLogisticRegression(C=np.inf, solver=solver, tol=TOL, max_iter=1000).fit(X, y)
    return np.r_[model.intercept_, model.coef_.ravel()], int(model.n_iter_[0])


PEERS = ("sm_logit", "sm_glm", "sk_newton_cholesky", "sk_lbfgs")
LABELS = {
    "logreg_nn": "logreg_nn LogisticRegression (Newton/IRLS)",
    "sm_logit": 'statsmodels Logit(method="newton")',
    "sm_glm": "statsmodels GLM(Binomial) IRLS",
    "sk_newton_cholesky": 'scikit-learn "newton-cholesky"',
    "sk_lbfgs": 'scikit-learn "lbfgs"',
}


@dataclass(frozen=True)
class Plan:
    """Grid and repeats of one benchmark run."""

    sizes: tuple[int, ...]
    features: tuple[int, ...]
    large_n: int
    large_p: int
    max_epochs: int
    base_repeats: int = 5

    def repeats(self, n: int, p: int) -> int:
        if (n, p) == (self.large_n, self.large_p):
            # The cell the targets are read from: more rounds for steadier medians.
            return self.base_repeats
        if n >= 1_000_000:
            return min(self.base_repeats, 2 if p >= 200 else 3)
        if n >= 100_000:
            return min(self.base_repeats, 3)
        return self.base_repeats

    def skipped(self, solver: str, n: int, p: int) -> str | None:
        """Why a slow peer is left out at this size (``None``: it runs)."""
        if solver == "sm_glm" and (n >= 1_000_000 or (n >= 100_000 and p >= 200)):
            return "skipped: > 30 s per fit here, outside the 10-minute budget"
        if solver == "sm_logit" and n >= 1_000_000 and p >= 200:
            return "skipped: > 30 s per fit here, outside the 10-minute budget"
        return None

    def peer_repeats(self, solver: str, n: int, p: int) -> int:
        if solver.startswith("sm_") and n >= 1_000_000:
            return 1
        return self.repeats(n, p)


FULL = Plan((10_000, 100_000, 1_000_000), (10, 50, 200), 1_000_000, 50, 150)
QUICK = Plan((2000,), (5,), 2000, 5, 2000, base_repeats=1)


def grid_cell(n: int, p: int, plan: Plan) -> dict[str, Any]:
    """Time logreg_nn and every peer on one data set; coefficient differences to logreg_nn."""
    X, y = make_data(n, p)
    design = np.column_stack((np.ones(n), X))
    solvers: dict[str, Callable[[], tuple[np.ndarray, int]]] = {
        "logreg_nn": lambda: fit_logreg_nn(X, y),
        "sm_logit": lambda: fit_sm_logit(X, y, design),
        "sm_glm": lambda: fit_sm_glm(X, y, design),
        "sk_newton_cholesky": lambda: fit_sklearn(X, y, "newton-cholesky"),
        "sk_lbfgs": lambda: fit_sklearn(X, y, "lbfgs"),
    }
    cell: dict[str, Any] = {"n": n, "p": p, "solvers": {}}
    running = {}
    for name, func in solvers.items():
        reason = plan.skipped(name, n, p)
        if reason is None:
            running[name] = func
        else:
            cell["solvers"][name] = {"skipped": reason}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        timings = timed_in_rounds(
            running, {name: plan.peer_repeats(name, n, p) for name in running}
        )
    reference = timings["logreg_nn"].result[0]
    for name, timing in timings.items():
        params, n_iter = timing.result
        cell["solvers"][name] = {
            "median_s": timing.median,
            "min_s": timing.minimum,
            "times_s": timing.times,
            "repeats": len(timing.times),
            "n_iter": n_iter,
            "max_abs_diff": float(np.abs(params - reference).max()),
        }
    cell["warnings"] = sorted({f"{w.category.__name__}: {str(w.message)[:80]}" for w in caught})
    base = cell["solvers"]["logreg_nn"]["median_s"]
    base_min = cell["solvers"]["logreg_nn"]["min_s"]
    for entry in cell["solvers"].values():
        if "median_s" in entry:
            entry["ratio_median"] = base / entry["median_s"]
            entry["ratio_min"] = base_min / entry["min_s"]
    fastest_sk = min(
        cell["solvers"][name]["median_s"] for name in ("sk_newton_cholesky", "sk_lbfgs")
    )
    fastest_sk_min = min(
        cell["solvers"][name]["min_s"] for name in ("sk_newton_cholesky", "sk_lbfgs")
    )
    cell["ratio_to_fastest_sklearn"] = base / fastest_sk
    cell["ratio_to_fastest_sklearn_min"] = base_min / fastest_sk_min
    return cell


# -- components: Newton iteration and network epoch against their floors ----------------
def fitted_objective(X: np.ndarray, y: np.ndarray) -> Objective:
    """The objective as the estimators build it: the column scales come from validation.

    Validation's one pass over ``X`` (timed with the fits above) already gives the column
    scales the solvers' stopping tests use; an objective built without them would compute
    them inside the timed loop and charge a one-off pass to every iteration.
    """
    return Objective("cross_entropy", X, y, column_scale=column_scale(X))


def newton_iteration(X: np.ndarray, y: np.ndarray, repeats: int) -> dict[str, Any]:
    """Time per exact Newton iteration of ``newton_raphson`` vs one syrk + X b + X^T r.

    Sampled and kept Hessians are switched off here, so that every iteration forms the
    exact Gram matrix, and the time of the whole solve is divided by the number of exact
    Hessians it formed (one per iteration, plus the one at the estimate when the last step
    moved the logits): the ratio measures the overhead of one such iteration. The fits
    above use both shortcuts.
    """
    n, p = X.shape
    objective = fitted_objective(X, y)
    start = np.zeros(p + 1)
    start[0] = np.log(y.mean() / (1 - y.mean()))
    switches = {"SUBSAMPLE_MIN_ROWS": n + 1, "EXACT_HESSIAN_DECREMENT": 0.0}
    saved = {name: getattr(optim_module, name) for name in switches}
    for name, off in switches.items():
        setattr(optim_module, name, off)
    try:
        solve = timed(lambda: newton_raphson(objective, start, tol=TOL), repeats)
    finally:
        for name, value in saved.items():
            setattr(optim_module, name, value)
    hessians = solve.result.exact_hessians
    rng = np.random.default_rng(1)
    scaled = np.column_stack((np.ones(n), X)) * np.sqrt(rng.uniform(0.01, 0.25, n))[:, None]
    b, r = rng.standard_normal(p), rng.standard_normal(n)

    def floor() -> None:
        scaled.T @ scaled
        X @ b
        X.T @ r

    limit = timed(floor, repeats)
    plain = timed(lambda: plain_numpy_newton(X, y, PLAIN_ITERATIONS), repeats)
    return {
        "n": n,
        "p": p,
        "hessian_evaluations": hessians,
        "plain_numpy_median_s": plain.median / PLAIN_ITERATIONS,
        "plain_numpy_min_s": plain.minimum / PLAIN_ITERATIONS,
        "per_iteration_median_s": solve.median / hessians,
        "per_iteration_min_s": solve.minimum / hessians,
        "floor_median_s": limit.median,
        "floor_min_s": limit.minimum,
        "ratio_median": solve.median / hessians / limit.median,
        "ratio_min": solve.minimum / hessians / limit.minimum,
        "floor": "B^T B (syrk, B = sqrt(w) [1, X] precomputed) + X b + X^T r",
    }


#: Iterations of the plain-numpy reference loop (its time is reported per iteration).
PLAIN_ITERATIONS = 4


def plain_numpy_newton(X: np.ndarray, y: np.ndarray, iterations: int) -> np.ndarray:
    """The Newton loop as one writes it carefully in plain numpy: a reference, not a floor.

    Each iteration forms ``B = sqrt(w) X`` in one preallocated n x p buffer and ``B^T B``
    as a symmetric product (the technique that halves the cost of ``(X * w).T @ X``),
    plus ``X b``, ``X^T r`` and the element-wise work, with a full step.
    """
    p = X.shape[1]
    scaled = np.empty_like(X)
    theta = np.zeros(p + 1)
    for _ in range(iterations):
        z = X @ theta[1:] + theta[0]
        prob = 1.0 / (1.0 + np.exp(-z))
        weight = prob * (1.0 - prob)
        root = np.sqrt(weight)
        residual = prob - y
        np.multiply(X, root[:, None], out=scaled)
        hessian = np.empty((p + 1, p + 1))
        hessian[0, 0] = weight.sum()
        hessian[0, 1:] = hessian[1:, 0] = scaled.T @ root
        hessian[1:, 1:] = scaled.T @ scaled
        gradient = np.concatenate(([residual.sum()], X.T @ residual))
        theta -= np.linalg.solve(hessian, gradient)
    return theta


def network_epoch(X: np.ndarray, y: np.ndarray, repeats: int, epochs: int = 10) -> dict[str, Any]:
    """Time per full-batch epoch of the training loop vs the two matrix-vector products."""
    n, p = X.shape
    objective = fitted_objective(X, y)
    optimizer = get_optimizer("gd")

    def run() -> None:
        theta = np.zeros(p + 1)
        optimizer.start(theta, 1e-7, 1)
        network_module.train(
            objective,
            optimizer,
            theta,
            batch=n,
            rng=np.random.default_rng(0),
            max_epochs=epochs,
            tol=0.0,
        )

    loop = timed(run, repeats)
    rng = np.random.default_rng(2)
    b, r = rng.standard_normal(p), rng.standard_normal(n)

    def two_gemv() -> None:
        X @ b
        X.T @ r

    limit = timed(two_gemv, repeats)
    # train evaluates epochs + 1 points (the start and each epoch's end).
    per_epoch = [t / (epochs + 1) for t in loop.times]
    return {
        "n": n,
        "p": p,
        "epoch_median_s": statistics.median(per_epoch),
        "epoch_min_s": min(per_epoch),
        "two_gemv_median_s": limit.median,
        "two_gemv_min_s": limit.minimum,
        "ratio_median": statistics.median(per_epoch) / limit.median,
        "ratio_min": min(per_epoch) / limit.minimum,
    }


class _Reached(Exception):
    pass


def time_to_reach(
    X: np.ndarray, y: np.ndarray, mle: np.ndarray, optimizer: str, max_epochs: int
) -> dict[str, Any]:
    """Seconds from ``fit`` until the reported parameters are within ``REACH`` of the MLE.

    The module's training loop is wrapped so that its per-epoch callback checks the
    distance (a vector of p + 1 numbers, negligible next to an epoch) and stops the fit
    when it is reached; the time includes validation and the step-size computation.
    """
    original = network_module.train
    state: dict[str, Any] = {"epoch": None, "distance": np.inf}

    def watch(epoch: int, value: float, gradient: np.ndarray, params: np.ndarray) -> None:
        state["distance"] = min(state["distance"], float(np.abs(params - mle).max()))
        if state["distance"] <= REACH:
            state["epoch"] = epoch
        if state["distance"] <= REACH or epoch == max_epochs:
            # Stop here: an unconverged fit would go on to the exact separation test,
            # which is not part of reaching the estimate.
            state["elapsed"] = time.perf_counter() - state["start"]
            raise _Reached

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        kwargs["callback"] = watch
        return original(*args, **kwargs)

    network_module.train = wrapped
    try:
        net = SingleNeuronNetwork(
            optimizer=optimizer, max_epochs=max_epochs, tol=1e-14, random_state=0
        )
        state["start"] = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                net.fit(X, y)
                elapsed = time.perf_counter() - state["start"]
            except _Reached:
                elapsed = state["elapsed"]
    finally:
        network_module.train = original
    reached = state["epoch"] is not None
    return {
        "optimizer": optimizer,
        "reached": reached,
        "epochs": state["epoch"] if reached else max_epochs,
        "seconds": elapsed,
        "best_distance": state["distance"],
    }


def peak_memory(X: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    """Peak of traced allocations during a fit, relative to the bytes of X.

    numpy reports its data buffers to tracemalloc, so the peak covers every temporary array;
    X itself is allocated before tracing starts, so ``with_X`` adds one.
    """
    out: dict[str, Any] = {"n": X.shape[0], "p": X.shape[1], "x_bytes": X.nbytes}
    for name, make in (
        ("LogisticRegression", lambda: LogisticRegression(tol=TOL)),
        (
            f"SingleNeuronNetwork({FAST_OPTIMIZER})",
            # Trained to convergence: an unconverged fit would add the separation test.
            lambda: SingleNeuronNetwork(optimizer=FAST_OPTIMIZER, random_state=0),
        ),
    ):
        tracemalloc.start()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                make().fit(X, y)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        out[name] = {"peak_extra_bytes": peak, "with_X": 1.0 + peak / X.nbytes}
    return out


def confident_fit(n: int, p: int, repeats: int) -> dict[str, Any]:
    """A fit whose largest logits exceed 20, so that it runs the exact separation test.

    The data overlap (labels are drawn from the model), but confident predictions are what
    separation produces too, so the estimator decides by the linear programs. Timed against
    scikit-learn's lbfgs on the same data, with the test alone and the fit's peak memory.
    """
    X, y = make_data(n, p, coef_size=CONFIDENT_COEF_SIZE)
    timings = timed_in_rounds(
        {
            "logreg_nn": lambda: LogisticRegression(tol=TOL).fit(X, y),
            "sk_lbfgs": lambda: fit_sklearn(X, y, "lbfgs"),
        },
        {"logreg_nn": repeats, "sk_lbfgs": repeats},
    )
    model = timings["logreg_nn"].result
    logits = model.decision_function(X)
    test = timed(lambda: check_separation(X, y, logits=logits), repeats)
    tracemalloc.start()
    try:
        LogisticRegression(tol=TOL).fit(X, y)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    fit, lbfgs = timings["logreg_nn"], timings["sk_lbfgs"]
    return {
        "n": n,
        "p": p,
        "coef_size": CONFIDENT_COEF_SIZE,
        "largest_abs_logit": float(np.abs(logits).max()),
        "test_runs_in_fit": separation_suspected(model.converged_, logits),
        "kind": test.result.kind,
        "fit_median_s": fit.median,
        "fit_min_s": fit.minimum,
        "lbfgs_median_s": lbfgs.median,
        "lbfgs_min_s": lbfgs.minimum,
        "ratio_median": fit.median / lbfgs.median,
        "test_median_s": test.median,
        "test_min_s": test.minimum,
        "max_abs_diff": float(np.abs(model.params_ - lbfgs.result[0]).max()),
        "peak_with_X": 1.0 + peak / X.nbytes,
    }


# -- the run ----------------------------------------------------------------------------
def run(plan: Plan, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Run every benchmark of ``plan`` and return the JSON-ready results."""
    started = time.perf_counter()
    results: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "date": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "machine": machine_facts(),
        "config": {
            "tol": TOL,
            "reach": REACH,
            "sizes": list(plan.sizes),
            "features": list(plan.features),
            "fast_optimizer": FAST_OPTIMIZER,
            "pause_before_run_s": PAUSE_BEFORE_RUN_S,
            "labels": LABELS,
        },
        "grid": [],
    }
    for n in plan.sizes:
        for p in plan.features:
            tick = time.perf_counter()
            cell = grid_cell(n, p, plan)
            results["grid"].append(cell)
            medians = ", ".join(
                f"{name} {entry['median_s']:.3g}"
                for name, entry in cell["solvers"].items()
                if "median_s" in entry
            )
            log(f"grid n={n} p={p}: {time.perf_counter() - tick:.0f} s ({medians})")
    n, p = plan.large_n, plan.large_p
    X, y = make_data(n, p)
    reps = plan.repeats(n, p)
    log(f"components at n={n} p={p}")
    results["newton_iteration"] = newton_iteration(X, y, reps)
    results["network_epoch"] = network_epoch(X, y, reps)
    fit = timed(lambda: LogisticRegression(tol=TOL).fit(X, y), reps)
    mle = fit.result.params_
    results["reach"] = {
        "n": n,
        "p": p,
        "logreg_fit_median_s": fit.median,
        "logreg_fit_min_s": fit.minimum,
        "max_epochs": plan.max_epochs,
        "optimizers": [],
    }
    for name in OPTIMIZERS:
        log(f"optimizer {name}")
        entry = time_to_reach(X, y, mle, name, plan.max_epochs)
        entry["ratio_to_logreg_median"] = entry["seconds"] / fit.median
        results["reach"]["optimizers"].append(entry)
    log("peak memory")
    results["memory"] = peak_memory(X, y)
    log("confident fit (separation test)")
    results["confident"] = confident_fit(n, p, reps)
    results["targets"] = targets(results, plan)
    results["machine"]["load_average_end"] = list(os.getloadavg())
    results["wall_time_s"] = time.perf_counter() - started
    return results


def _cell(results: dict[str, Any], n: int, p: int) -> dict[str, Any]:
    return next(c for c in results["grid"] if c["n"] == n and c["p"] == p)


def targets(results: dict[str, Any], plan: Plan) -> list[dict[str, Any]]:
    """The issue's targets, each with the measured value (ratio of medians) and the limit."""
    n, p = plan.large_n, plan.large_p
    cell = _cell(results, n, p)
    rows = [("fit / faster scikit-learn solver", cell["ratio_to_fastest_sklearn"], 1.0, (n, p))]
    logit = cell["solvers"]["sm_logit"]
    if "median_s" in logit:
        rows.append(("fit / statsmodels Logit", logit["ratio_median"], 0.3, (n, p)))
    worst = max(results["grid"], key=lambda c: c["ratio_to_fastest_sklearn"])
    rows.append(
        (
            "worst fit / faster scikit-learn over the grid",
            worst["ratio_to_fastest_sklearn"],
            1.2,
            (worst["n"], worst["p"]),
        )
    )
    rows.append(
        ("Newton iteration / floor", results["newton_iteration"]["ratio_median"], 1.3, (n, p))
    )
    fast = next(o for o in results["reach"]["optimizers"] if o["optimizer"] == FAST_OPTIMIZER)
    rows.append(
        (
            f"network ({FAST_OPTIMIZER}) to 1e-6 of the MLE / fit",
            fast["ratio_to_logreg_median"] if fast["reached"] else float("inf"),
            1.5,
            (n, p),
        )
    )
    rows.append(
        ("full-batch epoch / two GEMVs", results["network_epoch"]["ratio_median"], 1.3, (n, p))
    )
    rows.append(
        (
            "peak memory of a fit / bytes of X",
            results["memory"]["LogisticRegression"]["with_X"],
            2.5,
            (n, p),
        )
    )
    return [
        {
            "target": name,
            "value": value,
            "limit": limit,
            "met": bool(value <= limit),
            "n": at[0],
            "p": at[1],
        }
        for name, value, limit, at in rows
    ]


# -- reporting --------------------------------------------------------------------------
def _seconds(value: float) -> str:
    return f"{value:.3g}"


def markdown(results: dict[str, Any]) -> str:
    """The results as Markdown tables (``latest.md``)."""
    machine = results["machine"]
    blas = ", ".join(
        f"{pool.get('internal_api')} {pool.get('version')} ({pool.get('filepath')}, "
        f"{pool.get('num_threads')} threads)"
        for pool in machine["threadpools"]
        if pool.get("user_api") == "blas"
    )
    versions = ", ".join(f"{k} {v}" for k, v in machine["versions"].items())
    lines = [
        f"# logreg_nn benchmark, {results['date']}",
        "",
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['platform']}, "
        f"Python {machine['python']}; {versions}. BLAS: {blas}. Load average "
        f"{machine['load_average_start'][0]:.1f} at the start, "
        f"{machine['load_average_end'][0]:.1f} at the end. Wall time "
        f"{results['wall_time_s']:.0f} s.",
        "",
        "## Fits (seconds; ratio = logreg_nn time / peer time, medians)",
        "",
        "| n | p | solver | median s | min s | repeats | iterations | ratio | max abs coef diff |",
        "|---:|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for cell in results["grid"]:
        for name, entry in cell["solvers"].items():
            if "skipped" in entry:
                lines.append(f"| {cell['n']} | {cell['p']} | {name} | {entry['skipped']} |||||| ")
                continue
            lines.append(
                f"| {cell['n']} | {cell['p']} | {name} | {_seconds(entry['median_s'])} | "
                f"{_seconds(entry['min_s'])} | {entry['repeats']} | {entry['n_iter']} | "
                f"{entry['ratio_median']:.2f} | {entry['max_abs_diff']:.1e} |"
            )
    newton, epoch, reach = results["newton_iteration"], results["network_epoch"], results["reach"]
    lines += [
        "",
        f"## Components at n={newton['n']}, p={newton['p']}",
        "",
        "| quantity | median s | min s | floor median s | floor min s | ratio (medians) "
        "| ratio (mins) |",
        "|---|---:|---:|---:|---:|---:|---:|",
        f"| exact Newton iteration ({newton['hessian_evaluations']} Hessians) vs "
        f"{newton['floor']} | "
        f"{_seconds(newton['per_iteration_median_s'])} | "
        f"{_seconds(newton['per_iteration_min_s'])} | "
        f"{_seconds(newton['floor_median_s'])} | {_seconds(newton['floor_min_s'])} | "
        f"{newton['ratio_median']:.2f} | {newton['ratio_min']:.2f} |",
        f"| plain-numpy Newton iteration (B = sqrt(w) X in one n x p buffer, syrk) vs the same "
        f"floor | {_seconds(newton['plain_numpy_median_s'])} | "
        f"{_seconds(newton['plain_numpy_min_s'])} | "
        f"{_seconds(newton['floor_median_s'])} | {_seconds(newton['floor_min_s'])} | "
        f"{newton['plain_numpy_median_s'] / newton['floor_median_s']:.2f} | "
        f"{newton['plain_numpy_min_s'] / newton['floor_min_s']:.2f} |",
        f"| full-batch epoch vs X b + X^T r | {_seconds(epoch['epoch_median_s'])} | "
        f"{_seconds(epoch['epoch_min_s'])} | {_seconds(epoch['two_gemv_median_s'])} | "
        f"{_seconds(epoch['two_gemv_min_s'])} | {epoch['ratio_median']:.2f} | "
        f"{epoch['ratio_min']:.2f} |",
        "",
        f"## Network optimizers to {results['config']['reach']:g} of the MLE "
        f"(LogisticRegression.fit: median {_seconds(reach['logreg_fit_median_s'])} s)",
        "",
        "| optimizer | reached | epochs | seconds | / fit | closest |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for entry in reach["optimizers"]:
        lines.append(
            f"| {entry['optimizer']} | {'yes' if entry['reached'] else 'not reached'} | "
            f"{entry['epochs']} | {_seconds(entry['seconds'])} | "
            f"{entry['ratio_to_logreg_median']:.2f} | {entry['best_distance']:.1e} |"
        )
    memory = results["memory"]
    lines += [
        "",
        f"## Peak memory at n={memory['n']}, p={memory['p']} (X: {memory['x_bytes'] / 1e6:.0f} MB)",
        "",
    ]
    lines += ["| fit | peak extra MB | (X + peak) / X |", "|---|---:|---:|"]
    for name, entry in memory.items():
        if isinstance(entry, dict):
            lines.append(
                f"| {name} | {entry['peak_extra_bytes'] / 1e6:.0f} | {entry['with_X']:.2f} |"
            )
    confident = results["confident"]
    lines += [
        "",
        f"## Confident fit at n={confident['n']}, p={confident['p']} (largest |logit| "
        f"{confident['largest_abs_logit']:.1f}; separation test in the fit: "
        f"{'yes' if confident['test_runs_in_fit'] else 'no'}, answer {confident['kind']})",
        "",
        "| quantity | median s | min s |",
        "|---|---:|---:|",
        f"| LogisticRegression.fit | {_seconds(confident['fit_median_s'])} | "
        f"{_seconds(confident['fit_min_s'])} |",
        f"| scikit-learn lbfgs | {_seconds(confident['lbfgs_median_s'])} | "
        f"{_seconds(confident['lbfgs_min_s'])} |",
        f"| check_separation alone | {_seconds(confident['test_median_s'])} | "
        f"{_seconds(confident['test_min_s'])} |",
        "",
        f"Fit / lbfgs (medians) {confident['ratio_median']:.2f}; coefficients differ by "
        f"{confident['max_abs_diff']:.1e}; peak memory of the fit (X + peak) / X "
        f"{confident['peak_with_X']:.2f}.",
    ]
    lines += ["", "## Targets (ratios of medians)", "", "| target | n | p | value | limit | met |"]
    lines.append("|---|---:|---:|---:|---:|---|")
    for row in results["targets"]:
        lines.append(
            f"| {row['target']} | {row['n']} | {row['p']} | {row['value']:.2f} | "
            f"{row['limit']} | {'yes' if row['met'] else 'no'} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny grid (n=2000, p=5), 1 repeat")
    parser.add_argument("--output", type=Path, default=RESULTS, help="directory for the results")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    results = run(plan, log=lambda message: print(message, file=sys.stderr, flush=True))
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "latest.json").write_text(json.dumps(results, indent=1) + "\n")
    table = markdown(results)
    (args.output / "latest.md").write_text(table)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
