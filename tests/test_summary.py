"""summary() reports what statsmodels' Logit summary reports, with the same numbers.

The reference is statsmodels' ``Logit`` on the Spector & Mazzeo data (32 students, grade
improvement against GPA, TUCE score and a teaching method), the example statsmodels itself
documents. Numbers are parsed back from the printed text, so the test checks what a reader
sees, not only the attributes behind it.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from logreg_nn import LogisticRegression, SingleNeuronNetwork
from logreg_nn.results import Summary

sm = pytest.importorskip("statsmodels.api")
pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def spector():
    data = sm.datasets.spector.load_pandas()
    reference = sm.Logit(data.endog, sm.add_constant(data.exog)).fit(disp=0)
    return data.exog, data.endog, reference


def sections(text: str) -> tuple[list[str], list[str], list[str]]:
    """Header facts, table headings and table rows, split at the rule lines."""
    lines = text.splitlines()
    rules = [i for i, line in enumerate(lines) if line and set(line) <= {"=", "-"}]
    first, second, thin, last = rules
    return lines[first + 1 : second], lines[second + 1 : thin], lines[thin + 1 : last]


def header_facts(text: str) -> dict[str, str]:
    """``label -> value`` for every fact of the two-column header."""
    facts = {}
    for line in sections(text)[0]:
        facts.update(re.findall(r"([A-Za-z][\w. -]*?):\s+(.*?)(?=\s{3,}|$)", line))
    return facts


def coefficient_rows(text: str) -> dict[str, list[float]]:
    """``name -> [coef, std err, z, P>|z|, lower, upper]`` parsed from the table."""
    rows = {}
    for line in sections(text)[2]:
        *name, coef, se, z, p, lo, hi = line.split()
        rows[" ".join(name)] = [float(v) for v in (coef, se, z, p, lo, hi)]
    return rows


@pytest.mark.parametrize(
    "estimator",
    [LogisticRegression(), SingleNeuronNetwork(optimizer="newton")],
    ids=["irls", "network"],
)
def test_summary_numbers_match_statsmodels(spector, estimator):
    X, y, reference = spector
    text = estimator.fit(X, y).summary(yname="GRADE").as_text()
    facts = header_facts(text)

    assert facts["Dep. Variable"] == "GRADE"
    assert facts["Converged"] == "True"
    assert int(facts["Iterations"]) >= 1
    assert float(facts["No. Observations"]) == reference.nobs
    assert float(facts["Df Residuals"]) == reference.df_resid
    assert float(facts["Df Model"]) == reference.df_model
    assert float(facts["Pseudo R-squ."]) == pytest.approx(reference.prsquared, abs=5e-5)
    assert float(facts["Log-Likelihood"]) == pytest.approx(reference.llf, abs=5e-3)
    assert float(facts["LL-Null"]) == pytest.approx(reference.llnull, abs=5e-3)
    assert float(facts["LLR p-value"]) == pytest.approx(reference.llr_pvalue, rel=1e-3)
    assert float(facts["AIC"]) == pytest.approx(reference.aic, abs=5e-3)
    assert float(facts["BIC"]) == pytest.approx(reference.bic, abs=5e-3)
    assert float(facts["Deviance"]) == pytest.approx(-2 * reference.llf, abs=5e-3)
    assert float(facts["Null Deviance"]) == pytest.approx(-2 * reference.llnull, abs=5e-3)

    rows = coefficient_rows(text)
    # Names come from the DataFrame's columns; statsmodels calls the intercept "const".
    assert list(rows) == ["intercept", "GPA", "TUCE", "PSI"]
    expected = np.column_stack(
        (
            reference.params,
            reference.bse,
            reference.tvalues,
            reference.pvalues,
            reference.conf_int(),
        )
    )
    decimals = np.array([4, 3, 3, 3, 3, 3])
    # Agreement to the printed precision (half a unit in the last printed digit).
    assert np.all(np.abs(np.array(list(rows.values())) - expected) <= 0.51 * 10.0**-decimals)


def test_attributes_behind_the_summary_match_statsmodels(spector):
    X, y, reference = spector
    model = LogisticRegression().fit(X, y)
    np.testing.assert_allclose(model.params_, reference.params, rtol=1e-8)
    np.testing.assert_allclose(model.bse_, reference.bse, rtol=1e-6)
    np.testing.assert_allclose(model.conf_int(0.1), reference.conf_int(0.1), rtol=1e-6)
    for ours, theirs in [
        (model.llf_, reference.llf),
        (model.llnull_, reference.llnull),
        (model.llr_pvalue_, reference.llr_pvalue),
        (model.prsquared_, reference.prsquared),
        (model.aic_, reference.aic),
        (model.bic_, reference.bic),
    ]:
        assert ours == pytest.approx(theirs, rel=1e-8)


def test_alpha_changes_interval_headings(spector):
    X, y, _ = spector
    text = LogisticRegression().fit(X, y).summary(alpha=0.1).as_text()
    assert "[0.05" in text and "0.95]" in text


def test_array_input_gets_default_names():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(100, 2))
    y = (X[:, 0] + rng.logistic(size=100) > 0).astype(int)
    rows = coefficient_rows(LogisticRegression().fit(X, y).summary().as_text())
    assert list(rows) == ["intercept", "x1", "x2"]


def test_long_names_and_values_keep_columns_aligned(spector):
    X, y, _ = spector
    long_name = "grade point average before the course, on the four-point scale"
    frame = X.rename(columns={"GPA": long_name})
    net = SingleNeuronNetwork(optimizer="newton").fit(frame, y)
    text = net.summary(yname="improvement in grade after the course (0/1)").as_text()
    lines = text.splitlines()
    width = len(lines[1])
    assert set(lines[1]) == {"="}
    assert all(len(line) <= width for line in lines)
    _, headings, rows = sections(text)
    table = headings + rows
    # Every table line (headings included) ends each column at the same position.
    assert len({len(line) for line in table}) == 1
    ends = [{m.end() for m in re.finditer(r"\S+", line[len(long_name) :])} for line in table]
    assert all(e == ends[1] for e in ends[2:])  # rows
    assert ends[0] >= ends[1]  # headings ("std err" is two words) end where columns end
    assert long_name in text
    assert "improvement in grade after the course (0/1)" in text


def test_tiny_coefficients_are_not_printed_as_zero():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(200, 1)) * 1e-6
    y = (rng.normal(size=200) > 0).astype(int)
    rows = coefficient_rows(LogisticRegression(l2=1.0).fit(X, y).summary().as_text())
    assert rows["x1"][0] != 0.0


def test_html_rendering(spector):
    X, y, _ = spector
    summary = LogisticRegression().fit(X.rename(columns={"PSI": "<PSI & co>"}), y).summary()
    assert isinstance(summary, Summary)
    markup = summary._repr_html_()
    assert markup == summary.as_html()
    assert markup.startswith('<div class="logreg-nn-summary">') and markup.endswith("</div>")
    assert "&lt;PSI &amp; co&gt;" in markup and "<PSI" not in markup
    assert markup.count('<th scope="row">') == 4
    assert "Log-Likelihood:" in markup and "LLR p-value:" in markup
    assert str(summary) == repr(summary) == summary.as_text()


def test_penalised_fit_says_so(spector):
    X, y, _ = spector
    facts = header_facts(LogisticRegression(l2=2.0).fit(X, y).summary().as_text())
    assert facts["Method"] == "penalised MLE"
    assert facts["Covariance Type"] == "penalised (l2=2)"


def test_network_with_another_loss_has_no_summary(spector):
    X, y, _ = spector
    net = SingleNeuronNetwork(loss="squared_error", optimizer="newton").fit(X, y)
    with pytest.raises(AttributeError, match="cross-entropy"):
        net.summary()
