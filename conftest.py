"""What the docstring examples of ``legalgen/`` run with (``--doctest-modules``, see pyproject.toml).

Every example runs from the project root, as a reader would type it there, and finds ``corpus``: the
corpus of ``treaties/``, that is ``load_corpus([Path("treaties")])``, loaded once for all of them (it takes
about a second). An example that takes longer than about half a second (it renders a PDF, or loads the
corpus itself) says so with ``# doctest: +SLOW``: its docstring is marked ``slow``, so ``make test-fast``
leaves it out and ``make test`` runs it.
"""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path
from typing import Any

import pytest
from _pytest.doctest import DoctestItem

ROOT = Path(__file__).resolve().parent
SLOW = doctest.register_optionflag("SLOW")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        examples = item.dtest.examples if isinstance(item, DoctestItem) and item.dtest is not None else []
        if any(example.options.get(SLOW) for example in examples):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def treaties_corpus() -> Any:
    from legalgen.records import load_corpus

    return load_corpus([ROOT / "treaties"])


@pytest.fixture(autouse=True)
def _doctest_setup(request: pytest.FixtureRequest) -> None:
    """For doctests only: work in the project root and give the examples ``corpus``."""
    if not isinstance(request.node, DoctestItem):
        return
    request.getfixturevalue("monkeypatch").chdir(ROOT)
    namespace = request.getfixturevalue("doctest_namespace")
    namespace["corpus"] = request.getfixturevalue("treaties_corpus")
    namespace["legalgen"] = importlib.import_module("legalgen")
    namespace["dt"] = importlib.import_module("datetime")
