# `make reports`: set up and build the reports from treaties/ into reports/.
# `make test`:    set up and run lint, type checks and the whole test suite.
# `make test-fast`: set up and run the tests not marked slow (no PDF, browser or build), for the edit loop.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: reports test test-fast lint types pytest setup setup-test bench clean thumbnails

reports: setup
	$(BIN)/legalgen validate treaties/
	$(BIN)/legalgen build --corpus treaties --out reports

test: setup-test lint types pytest

setup: $(VENV)/.installed
	./scripts/setup-system

setup-test: $(VENV)/.installed
	./scripts/setup-system --test

# legalgen/__init__.py holds the version the installed distribution reports: a new one reinstalls.
$(VENV)/.installed: pyproject.toml legalgen/__init__.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

lint:
	$(BIN)/ruff check legalgen tests bench docs/api conftest.py
	$(BIN)/ruff format --check legalgen tests bench docs/api conftest.py
	$(BIN)/lint-imports --no-cache

types:
	$(BIN)/mypy

pytest:
	$(BIN)/python -m pytest -q

test-fast: setup-test
	$(BIN)/python -m pytest -q -m "not slow"

# The API reference from the docstrings of legalgen.__all__ into site/ (Sphinx autodoc). -W: a warning (a
# name that no longer exists, a docstring that is not valid reStructuredText) fails the build; -E: read
# every page afresh, so a stale page cannot hide one.
.PHONY: docs
docs: setup $(VENV)/.docs-installed
	$(BIN)/sphinx-build -E -W --keep-going -q -b html docs/api site
	@echo "API reference: site/index.html"

$(VENV)/.docs-installed: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[docs]'
	touch $@

# The README's page images (docs/img/*.png) from treaties/; needs poppler-utils and chromium (setup-test).
thumbnails: setup-test
	$(BIN)/python scripts/thumbnails.py

bench: setup
	$(BIN)/python bench/diff_bench.py
	$(BIN)/python bench/loader_bench.py --write
	$(BIN)/python bench/genealogy_bench.py --write --big
	$(BIN)/python bench/layout_bench.py --write
	$(BIN)/python bench/build_bench.py --write
	$(BIN)/python bench/analysis_bench.py --write
	$(BIN)/python bench/startup_bench.py --write
	$(BIN)/python bench/chromium_bench.py --write
	$(BIN)/python bench/memory_bench.py --write

clean:
	rm -rf $(VENV) build site *.egg-info reports/*.pdf reports/*.html reports/*.md reports/*.json reports/*.csv
