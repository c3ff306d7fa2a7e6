"""compare() and ``python -m logreg_nn compare``: the side-by-side experiment on user data."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from logreg_nn import (
    Comparison,
    InvalidInputError,
    LogisticRegression,
    SeparationError,
    SingleNeuronNetwork,
    compare,
)
from logreg_nn.__main__ import main, read_csv
from logreg_nn.datasets import make_logistic, make_separable

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def data():
    return make_logistic(300, coef=[1.0, -0.5], intercept=0.25, random_state=7)


@pytest.fixture(scope="module")
def comparison(data):
    return compare(
        *data,
        losses=("cross_entropy", "squared_error"),
        optimizers=("newton", "nesterov"),
    )


def test_one_fit_per_loss_and_optimizer(comparison):
    assert isinstance(comparison, Comparison)
    assert [fit.label for fit in comparison.fits] == [
        "LogisticRegression (IRLS)",
        "network: cross_entropy + newton",
        "network: cross_entropy + nesterov",
        "network: squared_error + newton",
        "network: squared_error + nesterov",
    ]
    assert isinstance(comparison.mle.model, LogisticRegression)
    assert all(isinstance(fit.model, SingleNeuronNetwork) for fit in comparison.networks)
    assert comparison.param_names == ["intercept", "x1", "x2"]


def test_differences_are_measured_against_an_independent_mle(data, comparison):
    mle = LogisticRegression().fit(*data)
    for fit in comparison.fits:
        np.testing.assert_array_equal(fit.params, fit.model.params_)
        assert fit.max_abs_difference == pytest.approx(np.abs(fit.params - mle.params_).max())
    cross_entropy = [f for f in comparison.networks if "cross_entropy" in f.label]
    squared = [f for f in comparison.networks if "squared_error" in f.label]
    # The theorem: cross-entropy networks land on the MLE; another loss does not.
    assert max(f.max_abs_difference for f in cross_entropy) < 1e-7
    assert min(f.max_abs_difference for f in squared) > 1e-3
    assert comparison.max_difference == max(f.max_abs_difference for f in comparison.networks)


def test_certificates_per_fit(comparison):
    verdicts = {label: cert.verdict for label, cert in comparison.certificates.items()}
    assert verdicts["LogisticRegression (IRLS)"] == "unique global optimum"
    assert verdicts["network: cross_entropy + nesterov"] == "unique global optimum"
    assert verdicts["network: squared_error + newton"].startswith("local minimum")


def test_text_table_has_a_row_per_fit_with_parameters_side_by_side(comparison):
    lines = str(comparison).splitlines()
    assert lines[0].split()[:4] == ["fit", "intercept", "x1", "x2"]
    assert set(lines[1]) == {"-"}
    assert len(lines) == 2 + len(comparison.fits)
    for line, fit in zip(lines[2:], comparison.fits, strict=True):
        assert line.startswith(fit.label)
        numbers = [float(v) for v in line[len(fit.label) :].split()[:3]]
        np.testing.assert_allclose(numbers, fit.params, rtol=1e-5)
        assert line.endswith(fit.certificate.verdict)
    assert comparison.as_text() == str(comparison)


def test_html_table(comparison):
    markup = comparison._repr_html_()
    assert markup == comparison.as_html()
    assert markup.count('<th scope="row">') == len(comparison.fits)
    assert "max |diff| to MLE" in markup


def test_dataframe_names_and_explicit_names(data):
    pd = pytest.importorskip("pandas")
    X, y = data
    frame = pd.DataFrame(X, columns=["dose", "age"])
    assert compare(frame, y, optimizers=("newton",)).param_names == ["intercept", "dose", "age"]
    named = compare(X, y, optimizers=("newton",), feature_names=["a", "b"])
    assert named.param_names == ["intercept", "a", "b"]
    with pytest.raises(InvalidInputError, match="feature_names has 1 names for 2 columns"):
        compare(X, y, feature_names=["a"])


def test_network_kwargs_and_non_convergence_are_reported(data):
    with pytest.warns(UserWarning, match="did not converge"):
        result = compare(*data, optimizers=("gd",), max_epochs=3)
    fit = result.networks[0]
    assert fit.n_iter == 3 and not fit.converged
    assert "3 (not converged)" in str(result)
    assert fit.certificate.verdict == "not converged (gradient not zero)"


def test_sample_weight_is_used_by_every_fit(data):
    X, y = data
    weights = np.random.default_rng(0).integers(1, 4, size=y.size)
    result = compare(X, y, optimizers=("newton",), sample_weight=weights)
    repeated = LogisticRegression().fit(np.repeat(X, weights, axis=0), np.repeat(y, weights))
    for fit in result.fits:
        np.testing.assert_allclose(fit.params, repeated.params_, atol=1e-7)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"losses": ()}, "at least one loss"),
        ({"optimizers": ["nesterov", "nesterv"]}, "nesterv"),
        ({"losses": ["cross_entropie"]}, "cross_entropie"),
        ({"loss": "hinge"}, "losses="),
    ],
)
def test_bad_arguments_fail_before_training(data, kwargs, message):
    with pytest.raises(ValueError, match=message):
        compare(*data, **kwargs)


def test_bad_data_and_separation_are_clear_errors(data):
    X, y = data
    with pytest.raises(InvalidInputError, match="mismatched lengths"):
        compare(X, y[:-1])
    X_sep, y_sep = make_separable(40, n_features=2, random_state=0)
    with pytest.raises(SeparationError):
        compare(X_sep, y_sep)


# -- command line ----------------------------------------------------------------------------
def write_csv(path: Path, X: np.ndarray, y: np.ndarray, extra: dict | None = None) -> Path:
    columns = {"dose": X[:, 0], "age": X[:, 1], "outcome": y, **(extra or {})}
    lines = [",".join(columns)]
    lines += [",".join(str(col[i]) for col in columns.values()) for i in range(len(y))]
    path.write_text("\n".join(lines) + "\n")
    return path


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "logreg_nn", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_cli_prints_the_side_by_side_table(tmp_path, data):
    X, y = data
    path = write_csv(tmp_path / "data.csv", X, y)
    done = run_cli("compare", str(path), "--target", "outcome", "--optimizers", "newton,nesterov")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    expected = compare(X, y, optimizers=("newton", "nesterov"), feature_names=["dose", "age"])
    assert done.stdout.strip() == expected.as_text()


def test_cli_feature_selection_and_string_labels(tmp_path, data):
    X, y = data
    labels = np.where(y == 1, "yes", "no")
    path = write_csv(tmp_path / "data.csv", X, labels, {"site": ["north"] * len(y)})
    done = run_cli(
        "compare", str(path), "--target", "outcome", "--features", "age", "--losses",
        "cross_entropy,squared_error", "--optimizers", "newton",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    header, _, *rows = done.stdout.splitlines()
    assert header.split()[:3] == ["fit", "intercept", "age"]
    assert [row.split(":")[0].split()[0] for row in rows] == [
        "LogisticRegression",
        *["network"] * 2,
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.csv", "--target", "outcome"], "cannot read missing.csv: No such file"),
        (["{csv}", "--target", "result"], "target column 'result' is not in"),
        (["{csv}", "--target", "outcome", "--features", "dose,height"], "'height' not in"),
        (["{csv}", "--target", "outcome"], "column 'site' is not numeric"),
        (["{csv}", "--target", "outcome", "--features", "dose", "--optimizers", "adamw"], "adamw"),
    ],
)
def test_cli_errors_exit_2_with_one_message(tmp_path, data, args, message):
    X, y = data
    path = write_csv(tmp_path / "data.csv", X, y, {"site": ["north"] * len(y)})
    done = run_cli("compare", *(arg.format(csv=path) for arg in args))
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("python -m logreg_nn compare: error: ")
    assert re.search(re.escape(message), done.stderr)


def test_cli_reports_separation_without_traceback(tmp_path, capsys):
    X, y = make_separable(30, n_features=2, random_state=1)
    path = write_csv(tmp_path / "sep.csv", X, y)
    assert main(["compare", str(path), "--target", "outcome"]) == 2
    err = capsys.readouterr().err
    assert "separated" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "is empty; expected a header row"),
        ("dose,outcome\n", "no data rows"),
        ("dose,outcome\n1.0,1\n2.0\n", "row 3: 1 fields, but the header has 2"),
        ("dose,outcome\n1.0,1\n,0\n", "row 3: column 'dose' is empty"),
        ("dose,outcome\n1.0,1\n2.0,\n", "row 3: the target 'outcome' is empty"),
        ("outcome\n1\n0\n", "no feature columns"),
    ],
)
def test_read_csv_errors(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    with pytest.raises(InvalidInputError, match=re.escape(message)):
        read_csv(str(path), "outcome", None)


def test_cli_usage_errors_are_argparse_errors(capsys):
    with pytest.raises(SystemExit) as info:
        main(["compare", "data.csv"])
    assert info.value.code == 2
    assert "--target" in capsys.readouterr().err
