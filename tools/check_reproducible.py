"""Build the site a second time and check that every computed number comes out the same.

The first build (``make docs``) must already exist. This script snapshots the text of the
executed gallery pages (their printed output included) and of every chapter, rebuilds the
site from scratch into a separate folder with every example re-run, and compares the two
snapshots line by line. Lines that report wall-clock times are the only ones ignored.

Usage: ``python tools/check_reproducible.py [BUILT_HTML_DIR]`` (default docs/_build/html).
"""

from __future__ import annotations

import difflib
import html
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# Wall-clock lines differ between runs by nature; nothing else may.
TIMING = re.compile(r"running time|seconds\)|sec\.\s*$|elapsed", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")


def page_text(path: Path) -> list[str]:
    """Visible text of a built page, one stripped line per line, timing lines removed."""
    main = path.read_text(encoding="utf-8")
    start = main.find("<main")
    body = main[start:] if start >= 0 else main
    text = html.unescape(TAG.sub("", body))
    return [line.strip() for line in text.splitlines() if line.strip() and not TIMING.search(line)]


def snapshot(html_dir: Path) -> dict[str, list[str]]:
    pages = sorted((html_dir / "auto_examples").glob("plot_*.html"))
    pages += sorted((html_dir / "chapters").glob("*.html"))
    if not pages:
        sys.exit(f"no built gallery or chapter pages under {html_dir}; run `make docs` first")
    return {str(p.relative_to(html_dir)): page_text(p) for p in pages}


def rebuild(out: Path) -> None:
    command = [
        str(ROOT / ".venv" / "bin" / "sphinx-build"),
        "-W", "--keep-going", "-n", "-E", "-q",
        "-D", "sphinx_gallery_conf.run_stale_examples=True",
        "-d", str(out / "doctrees"),
        "-b", "html", str(DOCS), str(out / "html"),
    ]  # fmt: skip
    subprocess.run(command, check=True, cwd=ROOT)


def main() -> int:
    first_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else DOCS / "_build" / "html"
    first = snapshot(first_dir)
    with tempfile.TemporaryDirectory(prefix="logreg_nn_rebuild_") as tmp:
        rebuild(Path(tmp))
        second = snapshot(Path(tmp) / "html")
    failures = 0
    for page in sorted(set(first) | set(second)):
        a, b = first.get(page, []), second.get(page, [])
        if a != b:
            failures += 1
            print(f"DIFFERS: {page}")
            for line in list(difflib.unified_diff(a, b, lineterm="", n=0))[:20]:
                print("   ", line)
    print(f"{len(first)} pages compared across two builds, {failures} with different output")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
