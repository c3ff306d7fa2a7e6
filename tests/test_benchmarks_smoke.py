"""The benchmark suite runs end to end on a tiny problem and writes what the docs read.

No timing is asserted: only the schema of the results and the agreement of every solver.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

pytest.importorskip("statsmodels")
pytest.importorskip("sklearn")
pytest.importorskip("threadpoolctl")

RUN = Path(__file__).resolve().parents[1] / "benchmarks" / "run.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("logreg_nn_benchmarks_run", RUN)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve annotations through sys.modules
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


@pytest.fixture(scope="module")
def results(bench, tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    assert bench.main(["--quick", "--output", str(out)]) == 0
    return json.loads((out / "latest.json").read_text()), (out / "latest.md").read_text()


def test_results_have_the_documented_schema(bench, results):
    data, table = results
    assert data["schema"] == bench.SCHEMA_VERSION
    for key in ("date", "machine", "config", "grid", "newton_iteration", "network_epoch"):
        assert key in data
    for key in ("reach", "memory", "confident", "targets", "wall_time_s"):
        assert key in data
    confident = data["confident"]
    assert confident["kind"] == "overlap"
    assert confident["test_runs_in_fit"] == (confident["largest_abs_logit"] > 20)
    assert confident["max_abs_diff"] < 1e-6
    for key in ("cpu", "cores", "versions", "threadpools", "load_average_start"):
        assert key in data["machine"]
    assert any(pool.get("user_api") == "blas" for pool in data["machine"]["threadpools"])
    (cell,) = data["grid"]
    assert set(cell["solvers"]) == {"logreg_nn", *bench.PEERS}
    for entry in cell["solvers"].values():
        assert entry["median_s"] >= entry["min_s"] > 0
        assert entry["n_iter"] >= 1
    assert [o["optimizer"] for o in data["reach"]["optimizers"]] == list(bench.OPTIMIZERS)
    assert {row["target"] for row in data["targets"]} >= {"Newton iteration / floor"}
    assert table.startswith("# logreg_nn benchmark")
    assert "| target |" in table


def test_every_solver_agrees_with_logreg_nn(results):
    data, _ = results
    (cell,) = data["grid"]
    for name, entry in cell["solvers"].items():
        # lbfgs stops furthest from the optimum (about 1e-8 here); the Newton solvers ~1e-13.
        assert entry["max_abs_diff"] < 1e-6, name


def test_every_network_optimizer_reaches_the_mle_on_the_small_problem(results):
    data, _ = results
    for entry in data["reach"]["optimizers"]:
        assert entry["reached"], entry["optimizer"]
        assert entry["best_distance"] <= data["config"]["reach"]
