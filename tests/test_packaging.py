"""The distribution: what the wheel ships, its metadata, and the citation file.

Building the wheel takes a few seconds (an isolated build environment with the hatchling
backend), hence the ``slow`` mark; the clean-virtual-environment install that runs the whole
suite against the installed wheel is a release step done by hand (see ``make dist``).
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

import logreg_nn

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"

needs_source = pytest.mark.skipif(
    not PYPROJECT.exists(), reason="needs the source tree (not an installed package)"
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    pytest.importorskip("build")
    outdir = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(outdir), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    if (
        done.returncode != 0
        and "hatchling" in done.stdout + done.stderr
        and (
            "Could not find a version" in done.stdout + done.stderr
            or "No matching distribution" in done.stdout + done.stderr
        )
    ):
        pytest.skip("the build backend (hatchling) cannot be fetched: no package index")
    assert done.returncode == 0, done.stdout + done.stderr
    (path,) = outdir.glob("logreg_nn-*.whl")
    with zipfile.ZipFile(path) as archive:
        yield archive


@pytest.mark.slow
@needs_source
def test_wheel_ships_the_package_data_and_nothing_else(wheel):
    names = wheel.namelist()
    for required in (
        "logreg_nn/__init__.py",
        "logreg_nn/__main__.py",
        "logreg_nn/py.typed",
        "logreg_nn/data/challenger.csv",
    ):
        assert required in names
    top_level = {name.split("/")[0] for name in names}
    assert top_level == {"logreg_nn", f"logreg_nn-{logreg_nn.__version__}.dist-info"}
    assert not [n for n in names if "__pycache__" in n or n.endswith((".pyc", ".orig", "~"))]


@pytest.mark.slow
@needs_source
def test_wheel_metadata(wheel):
    info = f"logreg_nn-{logreg_nn.__version__}.dist-info"
    metadata = Parser().parsestr(wheel.read(f"{info}/METADATA").decode())
    assert metadata["Name"] == "logreg_nn"
    assert metadata["Version"] == logreg_nn.__version__
    assert metadata["Requires-Python"].startswith(">=3.")
    runtime = {
        re.match(r"[A-Za-z0-9_.-]+", req).group(0).lower()
        for req in metadata.get_all("Requires-Dist")
        if "extra ==" not in req
    }
    # The estimators need numpy and scipy only; everything else is an optional extra.
    assert runtime == {"numpy", "scipy"}
    assert f"{info}/licenses/LICENSE" in wheel.namelist()
    assert metadata["Description-Content-Type"] == "text/markdown"


@needs_source
def test_version_is_pep440_and_matches_the_citation_file():
    assert re.fullmatch(r"\d+\.\d+\.\d+(?:(?:a|b|rc)\d+)?(?:\.dev\d+)?", logreg_nn.__version__)
    citation = (ROOT / "CITATION.cff").read_text()
    assert re.search(rf"^version: {re.escape(logreg_nn.__version__)}$", citation, re.M)


@needs_source
def test_citation_file_has_the_required_cff_fields():
    """The fields CFF 1.2.0 requires (full schema validation: cffconvert --validate)."""
    text = (ROOT / "CITATION.cff").read_text()
    for key in ("cff-version", "message", "title", "authors"):
        assert re.search(rf"^{key}:", text, re.M), key
    assert re.search(r"^cff-version: 1\.2\.0$", text, re.M)
    assert re.search(r'^date-released: "\d{4}-\d{2}-\d{2}"$', text, re.M)


def test_package_is_typed_and_runnable_as_a_module():
    package = Path(logreg_nn.__file__).parent
    assert (package / "py.typed").exists()
    done = subprocess.run(
        [sys.executable, "-m", "logreg_nn", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"logreg_nn {logreg_nn.__version__}"
