"""The gallery's figure helpers draw what they claim: right values, right labels, lazy import."""

import subprocess
import sys

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
from matplotlib.figure import Figure  # noqa: E402

from logreg_nn import (  # noqa: E402
    ConvergenceWarning,
    InvalidInputError,
    LogisticRegression,
    SingleNeuronNetwork,
)
from logreg_nn.datasets import make_logistic  # noqa: E402
from logreg_nn.objective import Objective  # noqa: E402
from logreg_nn.plotting import (  # noqa: E402
    loss_grid,
    plot_distance_to_optimum,
    plot_loss_contours,
    plot_trajectories,
)


@pytest.fixture(scope="module")
def data():
    return make_logistic(150, coef=[1.2], intercept=-0.4, random_state=3)


@pytest.fixture(scope="module")
def mle(data):
    return LogisticRegression().fit(*data)


@pytest.fixture()
def ax():
    return Figure(layout="constrained").subplots()


def test_importing_the_package_does_not_import_matplotlib():
    code = "import sys, logreg_nn, logreg_nn.plotting; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("loss", ["cross_entropy", "squared_error", "exponential"])
@pytest.mark.parametrize("l2", [0.0, 2.5])
def test_grid_matches_objective_pointwise(data, loss, l2):
    objective = Objective(loss, *data, l2=l2)
    a, b = np.linspace(-2, 1, 7), np.linspace(-1, 3, 5)
    values = loss_grid(objective, a, b)
    expected = [[objective.value(np.array([ai, bj])) for ai in a] for bj in b]
    np.testing.assert_allclose(values, expected, rtol=1e-12)


def test_grid_minimum_is_next_to_the_mle(data, mle):
    objective = Objective("cross_entropy", *data)
    a = np.linspace(mle.intercept_ - 1, mle.intercept_ + 1, 201)
    b = np.linspace(mle.coef_[0] - 1, mle.coef_[0] + 1, 201)
    values = loss_grid(objective, a, b)
    row, col = np.unravel_index(values.argmin(), values.shape)
    spacing = a[1] - a[0]
    assert abs(a[col] - mle.intercept_) <= spacing
    assert abs(b[row] - mle.coef_[0]) <= spacing
    # The MLE is exact to rounding, so a grid point next to it may tie within an ulp or two.
    assert values.min() >= objective.value(mle.params_) * (1 - 1e-14)


def test_grid_over_chosen_indices_with_fixed_rest():
    X, y = make_logistic(80, coef=[1.0, -1.0], intercept=0.3, random_state=0)
    objective = Objective("cross_entropy", X, y, l2=1.0)
    fixed = np.array([0.3, 9.0, -0.7])
    a, b = np.linspace(-1, 2, 4), np.linspace(-2, 0, 3)
    values = loss_grid(objective, a, b, fixed, indices=(1, 2))
    expected = [[objective.value(np.array([0.3, ai, bj])) for ai in a] for bj in b]
    np.testing.assert_allclose(values, expected, rtol=1e-12)


def test_grid_errors_name_the_problem():
    X, y = make_logistic(20, coef=[1.0, -1.0], random_state=0)
    objective = Objective("cross_entropy", X, y)
    grid = np.linspace(0, 1, 3)
    with pytest.raises(InvalidInputError, match="fixed"):
        loss_grid(objective, grid, grid)
    with pytest.raises(InvalidInputError, match="out of range"):
        loss_grid(objective, grid, grid, np.zeros(3), indices=(0, 3))
    with pytest.raises(InvalidInputError, match="shape"):
        loss_grid(objective, grid, grid, np.zeros(2))
    with pytest.raises(InvalidInputError, match="slopes"):
        loss_grid(objective, grid, [[0.0, 1.0]], np.zeros(3))


def test_contours_are_labelled_and_levels_start_at_the_minimum(data, ax):
    objective = Objective("squared_error", *data)
    grid = np.linspace(-3, 3, 40)
    contours = plot_loss_contours(ax, objective, grid, grid, levels=8)
    assert contours.get_label() == "squared_error contours"
    assert len(contours.levels) == 8
    assert contours.levels[0] >= loss_grid(objective, grid, grid).min()
    assert ax.get_xlabel() and ax.get_ylabel()
    chosen = plot_loss_contours(
        ax, objective, grid, grid, levels=[10, 20], label="SE", colors="0.5", linewidths=0.5
    )
    assert chosen.get_label() == "SE"
    np.testing.assert_array_equal(chosen.levels, [10, 20])


def test_trajectories_follow_the_histories(data, ax):
    nets = [
        SingleNeuronNetwork(optimizer=name, init=[2.0, -1.0], max_epochs=30, tol=1e-3).fit(*data)
        for name in ("gd", "newton")
    ]
    lines = plot_trajectories(ax, [n.history_ for n in nets], ["gd", "newton"])
    assert [line.get_label() for line in lines] == ["gd", "newton"]
    for net, line in zip(nets, lines, strict=True):
        np.testing.assert_array_equal(line.get_xdata(), net.history_.params[:, 0])
        np.testing.assert_array_equal(line.get_ydata(), net.history_.params[:, 1])
    labels = {artist.get_label() for artist in ax.get_lines()}
    assert {"gd: start", "gd: end", "newton: start", "newton: end"} <= labels
    start = next(a for a in ax.get_lines() if a.get_label() == "newton: start")
    np.testing.assert_array_equal(start.get_xydata()[0], [2.0, -1.0])


def test_distances_equal_the_norms(data, mle, ax):
    # Fifty epochs is deliberately short: the curve must match the norms mid-flight too.
    net = SingleNeuronNetwork(optimizer="momentum", init=[0.0, 0.0], max_epochs=50)
    with pytest.warns(ConvergenceWarning):
        net.fit(*data)
    path = net.history_.params
    (line,) = plot_distance_to_optimum(ax, [net.history_], mle.params_, ["momentum"])
    np.testing.assert_allclose(line.get_ydata(), np.linalg.norm(path - mle.params_, axis=1))
    np.testing.assert_array_equal(line.get_xdata(), np.arange(path.shape[0]))
    assert line.get_label() == "momentum"
    assert ax.get_yscale() == "log"


def test_mismatched_labels_and_shapes_are_rejected(ax):
    path = np.zeros((3, 2))
    with pytest.raises(InvalidInputError, match="labels"):
        plot_trajectories(ax, [path, path], ["one"])
    with pytest.raises(InvalidInputError, match="theta_star"):
        plot_distance_to_optimum(ax, [path], np.zeros(3), ["one"])
    with pytest.raises(InvalidInputError, match="TrainingHistory"):
        plot_trajectories(ax, [np.zeros(3)], ["flat"])
