"""Issue 9, finding 5: a citation never prints an empty entry, in any output format of either corpus.

The lawyer's reading found "art. 2; ; ; Friendship Treaty …" in the "where popular accounts differ"
boxes. This builds the whole standard set of both corpora and the terminal outputs of every command,
extracts the text a reader sees (PDF text with pypdf, HTML without tags, Markdown, CSV, JSON), and scans it
for empty list entries and pin cites with nothing after the instrument.
"""

from __future__ import annotations

import html
import io
import itertools
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from legalgen.cli import cli

from .conftest import ROOT

CORPORA = [ROOT / "treaties", ROOT / "examples" / "eu-citizenship"]

#: What an empty citation looks like once rendered: an empty entry in a list, an empty pair of brackets,
#: or a pin cite whose article is missing.
EMPTY = [
    re.compile(r";\s*;"),
    re.compile(r"\(\s*;"),
    re.compile(r";\s*\)"),
    re.compile(r",\s*;"),
    re.compile(r"\(\s*\)"),
    re.compile(r"\bart\.\s*[;,)]"),
    re.compile(r"\), article\s*[;,)]"),
]


def visible_text(name: str, data: bytes) -> str:
    if name.endswith(".pdf"):
        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    text = data.decode("utf-8")
    if name.endswith(".html"):
        text = re.sub(r"<(script|style)\b.*?</\1>", "", text, flags=re.S)
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return text


def empty_entries(text: str) -> list[str]:
    """Each empty entry with some context; lines are joined first, as a PDF wraps a citation anywhere."""
    flat = re.sub(r"\s+", " ", text)
    return [flat[max(m.start() - 60, 0) : m.end() + 20] for pattern in EMPTY for m in pattern.finditer(flat)]


def test_the_scan_finds_an_empty_entry() -> None:
    assert empty_entries("(Charter of the Union (1997), art. 2; ; ; Friendship Treaty (1995), art. 17)")
    assert empty_entries("see Union State Treaty (1999), art. ; and more")
    assert not empty_entries("Treaty of 6 January 1995, entry-into-force date (legal database),\nnext line")
    assert not empty_entries("Scholarship, an expert's article, teaching notes")
    assert empty_entries("Union State Treaty (1999), article; Charter of the Union (1997), art. 2")
    assert not empty_entries("(Charter of the Union (1997), art. 2; Friendship Treaty (1995), art. 17)")


@pytest.mark.slow
@pytest.mark.parametrize("corpus", CORPORA, ids=[c.name for c in CORPORA])
def test_no_output_of_build_prints_an_empty_citation(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    problems = {}
    for path in sorted(out.iterdir()):
        if path.is_file() and path.suffix in (".pdf", ".html", ".md", ".csv", ".json"):
            found = empty_entries(visible_text(path.name, path.read_bytes()))
            if found:
                problems[path.name] = found[:3]
    assert not problems


@pytest.mark.slow
@pytest.mark.parametrize("corpus", CORPORA, ids=[c.name for c in CORPORA])
def test_no_terminal_output_prints_an_empty_citation(corpus: Path) -> None:
    runner = CliRunner()
    ids = runner.invoke(cli, ["list", "--corpus", str(corpus), "--format", "json"])
    import json

    instruments = [i["id"] for i in json.loads(ids.stdout)["instruments"]]
    commands = [["as-of", "2026-01-01"], ["matrix"], ["matrix", "--by", "year"], ["genealogy"]]
    commands += [["show", iid] for iid in instruments]
    commands += [["diff", a, b] for a, b in itertools.pairwise(instruments)]
    for topic in re.findall(r"^  - id: (\S+)", (corpus / "topics.yaml").read_text(encoding="utf-8"), re.M):
        commands.append(["thread", topic])
    for fmt in ("text", "md"):
        for a, b in itertools.pairwise(instruments):
            commands.append(["diff", a, b, "--format", fmt] if fmt != "text" else ["diff", a, b])
    problems = {}
    for args in commands:
        result = runner.invoke(cli, [*args, "--corpus", str(corpus)])
        assert result.exit_code in (0, 1), (args, result.output)
        found = empty_entries(result.stdout)
        if found:
            problems[" ".join(args)] = found[:3]
    assert not problems
