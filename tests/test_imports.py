"""Imports point one way: records → analysis → views → render → output → build → cli, the heavy libraries where they belong.

The contracts are import-linter's, in pyproject.toml (``[tool.importlinter]``); ``make lint`` runs them too.
Here they are run on the tree as it is, and on a copy of it with one backwards import added per contract,
to show that each such import is caught and named.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

# (module of the copy, the import added to it, the import the contract must name as broken)
BACKWARDS = [
    ("records/corpus.py", "import legalgen.analysis.life", "legalgen.records.corpus -> legalgen.analysis.life"),
    (
        "analysis/genealogy.py",
        "from legalgen.views import words",
        "legalgen.analysis.genealogy -> legalgen.views.words",
    ),
    ("views/words/common.py", "import legalgen.render.text", "legalgen.views.words.common -> legalgen.render.text"),
    ("render/data.py", "import legalgen.build", "legalgen.render.data -> legalgen.build"),
    ("render/text.py", "from legalgen import cli", "legalgen.render.text -> legalgen.cli"),
    ("output.py", "import legalgen.build", "legalgen.output -> legalgen.build"),
    ("ids.py", "import legalgen.records.models", "legalgen.ids -> legalgen.records.models"),
    ("analysis/diff.py", "import click", "legalgen.analysis.diff -> click"),
    ("build.py", "import click", "legalgen.build -> click"),
    ("render/text.py", "import jinja2", "legalgen.render.text -> jinja2"),
    ("views/report.py", "import legalgen.render.html", "legalgen.views.report -> legalgen.render.html"),
    ("render/data.py", "from weasyprint import HTML", "legalgen.render.data -> weasyprint"),
]


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` run in ``tree`` on its ``legalgen`` (ahead of the installed one), with its pyproject.toml."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run([LINT_IMPORTS, "--no-cache"], cwd=tree, env=env, capture_output=True, text=True)


def test_the_tree_keeps_every_import_contract() -> None:
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"Contracts: \d+ kept, 0 broken\.", done.stdout)


@pytest.fixture(scope="module")
def backwards_report(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    """lint-imports on a copy of the package with every import of ``BACKWARDS`` added (one run for all)."""
    copy = tmp_path_factory.mktemp("backwards")
    shutil.copytree(ROOT / "legalgen", copy / "legalgen", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy)
    for module, line, _ in BACKWARDS:
        with (copy / "legalgen" / module).open("a", encoding="utf-8") as f:
            f.write(f"\n{line}  # added by tests/test_imports.py\n")
    return lint_imports(copy)


@pytest.mark.slow
@pytest.mark.parametrize(("module", "line", "named"), BACKWARDS, ids=[f"{m}: {line}" for m, line, _ in BACKWARDS])
def test_a_backwards_import_breaks_a_contract_that_names_it(
    backwards_report: subprocess.CompletedProcess[str], module: str, line: str, named: str
) -> None:
    assert backwards_report.returncode == 1
    assert re.search(rf"^-\s+{re.escape(named)} \(l\.\d+\)$", backwards_report.stdout, re.MULTILINE), (
        backwards_report.stdout
    )
