"""The second corpus in the repository (examples/) is valid and analyses, as a user's own corpus would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from legalgen.cli import cli

from .conftest import ROOT

CORPORA = sorted(p for p in (ROOT / "examples").iterdir() if (p / "topics.yaml").is_file())


@pytest.mark.parametrize("corpus", CORPORA, ids=[p.name for p in CORPORA])
def test_example_corpus_validates_and_analyses(corpus: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(corpus)])
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    assert result.stdout.startswith("ok: ")
    result = CliRunner().invoke(cli, ["as-of", "2026-01-01", "--corpus", str(corpus), "--format", "json"])
    assert result.exit_code == 0, result.output
    state = json.loads(result.stdout)
    assert state["schema"] == "legalgen.as-of/2"
    ids = {p.stem for p in corpus.glob("*.yaml")} - {"topics"}
    assert {s["instrument"] for s in state["instruments"]} == ids


def test_there_is_a_second_corpus() -> None:
    assert [p.name for p in CORPORA] == ["eu-citizenship"]
