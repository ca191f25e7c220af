"""The Python API as a think tank's script meets it: ``import legalgen``, its names, their examples, its version."""

from __future__ import annotations

import ast
import datetime as dt
import doctest
import importlib.metadata
import inspect
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

import legalgen
from tests.conftest import ROOT, TREATIES

PUBLIC = sorted(legalgen.__all__)
HEAVY = ("click", "jinja2", "weasyprint")


def _python(code: str) -> str:
    """Run ``code`` in a fresh interpreter (nothing imported yet) from the repository root; its stdout."""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.mark.slow
def test_importing_legalgen_loads_no_renderer_until_one_is_used() -> None:
    code = (
        "import sys, legalgen\n"
        f"heavy = lambda: [m for m in {HEAVY!r} if m in sys.modules]\n"
        "print(heavy())\n"
        "legalgen.load_corpus, legalgen.status_as_of, legalgen.diff_instruments, legalgen.report_view\n"
        "print(heavy())\n"
        "legalgen.render_html\n"
        "print(heavy())\n"
        "legalgen.render_pdf\n"
        "print(heavy())\n"
    )
    assert _python(code).splitlines() == ["[]", "[]", "['jinja2']", "['jinja2', 'weasyprint']"]


@pytest.mark.slow
def test_help_shows_the_pipeline_and_every_public_name() -> None:
    shown = _python("import legalgen; help(legalgen)")
    assert "compare legal instruments across time — the Python API" in shown
    assert "1. **load** — :func:`load_corpus`" in shown
    for name in PUBLIC:
        kind = "class " if inspect.isclass(getattr(legalgen, name)) else ""
        assert f"\n    {kind}{name}(" in shown, name


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="module 'legalgen' has no attribute 'load_corpse'"):
        legalgen.load_corpse  # type: ignore[attr-defined]  # noqa: B018


@pytest.mark.slow
def test_each_lazy_name_is_its_stages_export_and_type_checkers_import_it() -> None:
    """``_HOMES`` (run time) and the ``TYPE_CHECKING`` imports (mypy, editors) name the same objects."""
    tree = ast.parse(Path(legalgen.__file__).read_text(encoding="utf-8"))
    guarded = next(n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING")
    typed = {
        alias.name: node.module for node in guarded.body if isinstance(node, ast.ImportFrom) for alias in node.names
    }
    assert typed == legalgen._HOMES
    eager = {name for name in PUBLIC if getattr(legalgen, name).__module__ == "legalgen.errors"}
    assert set(legalgen._HOMES) | eager == set(PUBLIC)
    for name, home in legalgen._HOMES.items():
        assert getattr(legalgen, name) is getattr(importlib.import_module(home), name)


@pytest.mark.slow
def test_mypy_sees_the_types_of_the_lazy_names(tmp_path: Path) -> None:
    script = tmp_path / "script.py"
    script.write_text(
        "import datetime as dt\n"
        "from pathlib import Path\n"
        "import legalgen\n"
        "corpus = legalgen.load_corpus([Path('treaties')])\n"
        "reveal_type(legalgen.status_as_of(corpus, dt.date(2000, 1, 26)))\n"
        "legalgen.load_corpus('treaties')\n",
        encoding="utf-8",
    )
    done = subprocess.run([sys.executable, "-m", "mypy", script], cwd=ROOT, capture_output=True, text=True)
    assert re.search(r':5: note: Revealed type is "legalgen\.analysis\.[\w.]*AsOf"', done.stdout), done.stdout
    assert (
        ':6: error: Argument 1 to "load_corpus" has incompatible type "str"; expected "Sequence[Path]"' in done.stdout
    )


def test_one_version_number_for_the_command_the_package_and_the_distribution() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    done = subprocess.run([Path(sys.executable).with_name("legalgen"), "--version"], capture_output=True, text=True)
    assert done.stdout == f"legalgen, version {legalgen.__version__}\n"
    assert importlib.metadata.version("legalgen") == legalgen.__version__


# Only render_pdf needs WeasyPrint loaded to read its docstring.
@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.slow) if n == "render_pdf" else n for n in PUBLIC])
def test_every_public_name_has_a_docstring_with_an_example(name: str) -> None:
    doc = inspect.getdoc(getattr(legalgen, name)) or ""
    assert doc.strip(), f"legalgen.{name} has no docstring"
    assert ">>>" in doc or re.search(r"^Example", doc, re.MULTILINE), f"legalgen.{name}: no example in its docstring"


def test_every_public_name_is_in_the_api_reference() -> None:
    pages = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs" / "api").glob("*.rst")))
    documented = re.findall(r"^\.\. auto(?:function|class|exception):: legalgen\.(\w+)$", pages, re.MULTILINE)
    assert sorted(documented) == PUBLIC
    assert re.search(r"^\.\. automodule:: legalgen$", pages, re.MULTILINE)


@pytest.fixture(scope="module")
def example_globals() -> dict[str, Any]:
    """What the package docstring sets up before its examples: the names every other example relies on."""
    return {"dt": dt, "Path": Path, "legalgen": legalgen, "corpus": legalgen.load_corpus([TREATIES])}


def _run_examples(obj: object, name: str, globs: dict[str, Any]) -> doctest.TestResults:
    """Run the examples of ``obj``'s own docstring (not its members') from the repository root."""
    module = sys.modules[obj.__name__ if inspect.ismodule(obj) else obj.__module__]  # type: ignore[attr-defined]
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in doctest.DocTestFinder(recurse=False).find(obj, name, globs={**vars(module), **globs}):
        runner.run(test, out=report.append)
    results = runner.summarize(verbose=False)
    assert results.failed == 0, "".join(report)
    return results


@pytest.mark.slow  # the examples load the real corpus, several of them more than once, and render
def test_the_package_example_runs_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    examples = re.findall(r"^>>> ", legalgen.__doc__ or "", re.MULTILINE)
    assert _run_examples(legalgen, "legalgen", {}).attempted == len(examples) > 0


@pytest.mark.slow
@pytest.mark.parametrize("name", PUBLIC)
def test_the_examples_of_each_public_name_run(
    name: str, example_globals: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    if _run_examples(getattr(legalgen, name), f"legalgen.{name}", example_globals).attempted == 0:
        pytest.skip(f"every example of legalgen.{name} is marked '# doctest: +SKIP'")
