# Every target creates .venv on first use, so `make test` or `make docs` alone works on a
# fresh clone. Only the package registries are contacted.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed-stamp

.PHONY: all test lint format clean dist docs docs-fast serve check-site check-reproducible mathjax bench

all: test

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,docs,bench,dev]"
	touch $(STAMP)

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Wheel and sdist in dist/, checked as PyPI would render them.
dist: $(STAMP)
	rm -rf dist
	$(PY) -m build --outdir dist .
	$(BIN)/twine check --strict dist/*

# Timings against statsmodels and scikit-learn (about 10 minutes on 2 cores); writes
# benchmarks/results/latest.json and latest.md, which docs/performance.md renders.
bench: $(STAMP)
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# -- Documentation -------------------------------------------------------------------
# MathJax is served from the site itself so math renders offline. It comes from the npm
# registry, checksum-pinned, and is never committed.
MATHJAX_VERSION := 3.2.2
MATHJAX_SHA256 := 1b9c0a1c44df864e915690558e72adb9cc5203360daefd385084ced3b6c64c09
MATHJAX_DIR := docs/_static/mathjax
MATHJAX := $(MATHJAX_DIR)/es5/tex-chtml.js
SPHINXBUILD := $(BIN)/sphinx-build
SPHINXOPTS ?= -W --keep-going -n
DOCS_OUT := docs/_build/html
PORT ?= 8000

mathjax: $(MATHJAX)

$(MATHJAX):
	@command -v curl >/dev/null || { echo "curl is required to fetch MathJax" >&2; exit 1; }
	rm -rf $(MATHJAX_DIR) .cache/mathjax
	mkdir -p .cache/mathjax $(MATHJAX_DIR)
	curl -sSfL --retry 3 -o .cache/mathjax/mathjax.tgz \
		https://registry.npmjs.org/mathjax/-/mathjax-$(MATHJAX_VERSION).tgz
	echo "$(MATHJAX_SHA256)  .cache/mathjax/mathjax.tgz" | sha256sum --check --quiet
	tar -xzf .cache/mathjax/mathjax.tgz -C .cache/mathjax package/es5
	mv .cache/mathjax/package/es5 $(MATHJAX_DIR)/es5
	rm -rf .cache/mathjax
	test -f $@

docs: $(STAMP) $(MATHJAX)
	$(SPHINXBUILD) $(SPHINXOPTS) -b html docs $(DOCS_OUT)

# Same site without executing the gallery: for checking prose and references quickly.
docs-fast: $(STAMP) $(MATHJAX)
	$(SPHINXBUILD) $(SPHINXOPTS) -D plot_gallery=0 -b html docs $(DOCS_OUT)

serve:
	@test -f $(DOCS_OUT)/index.html || { echo "build the site first: make docs" >&2; exit 1; }
	$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory $(DOCS_OUT)

check-site: $(STAMP)
	$(PY) tools/check_site.py $(DOCS_OUT)

# Rebuild the site with every example re-run and compare all printed numbers with the
# existing build (run `make docs` first).
check-reproducible: $(STAMP) $(MATHJAX)
	$(PY) tools/check_reproducible.py $(DOCS_OUT)
