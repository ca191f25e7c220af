"""Commands import only what they use: the help never loads the records' models, the analysis or a renderer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

HEAVY = (
    "pydantic",
    "yaml",
    "snowballstemmer",
    "babel",
    "jinja2",
    "weasyprint",
    "legalgen.records",
    "legalgen.analysis.diff",
)


def loaded_by(args: list[str]) -> tuple[list[str], str]:
    """The heavy modules ``legalgen ARGS`` imported, and what it printed."""
    code = (
        "import sys\nfrom legalgen.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        f"print('LOADED', sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    return done.stdout.splitlines()[-1].split(" ", 1)[1:], done.stdout


@pytest.mark.parametrize("args", [["--help"], ["genealogy", "--help"], ["build", "--help"], ["diff", "--help"]])
def test_the_help_loads_no_models_analysis_or_renderer(args: list[str]) -> None:
    loaded, out = loaded_by(args)
    assert loaded == ["[]"], out
    assert "Usage: " in out


def test_the_genealogy_help_shows_the_threshold_the_analysis_uses() -> None:
    from legalgen.analysis.wording import THRESHOLD

    _, out = loaded_by(["genealogy", "--help"])
    assert f"[default: {THRESHOLD};" in out


def test_validate_loads_the_models_but_not_the_diff_or_a_renderer() -> None:
    loaded, out = loaded_by(["--no-cache", "validate", "treaties"])
    assert loaded == ["['legalgen.records', 'pydantic', 'yaml']"], out


def test_validate_of_a_corpus_checked_before_loads_no_models_and_reads_no_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The verdict on these very files is kept in the cache (legalgen.records.cache.checked_before): a
    second `validate` of an unchanged corpus imports neither the models (Pydantic's BaseModel) nor PyYAML.
    Other commands restore the records from the cache: the models, but no YAML."""
    monkeypatch.setenv("LEGALGEN_CACHE_DIR", str(tmp_path / "cache"))
    code = (
        "import sys\nfrom legalgen.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print('LOADED', sorted(m for m in ('yaml', 'pydantic.main', 'legalgen.records.models') if m in sys.modules))\n"
    )

    def loaded(*args: str) -> str:
        done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, check=True)
        return done.stdout.splitlines()[-1]

    everything = "LOADED ['legalgen.records.models', 'pydantic.main', 'yaml']"
    assert loaded("validate", "treaties") == everything  # cold
    assert loaded("validate", "treaties") == "LOADED []"
    assert loaded("list") == "LOADED ['legalgen.records.models', 'pydantic.main']"
    assert loaded("--no-cache", "validate", "treaties") == everything
