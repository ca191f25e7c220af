"""One output convention on every command: ``--format`` from the registry of formats, JSON documents that
follow committed JSON Schemas, and colour laid over the plain text by click's styling."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import jsonschema
import pytest
from click.testing import CliRunner

from legalgen.cli import cli
from legalgen.render import OUTPUTS, json_schemas
from legalgen.render.schemas import DOCUMENTS

from .conftest import ROOT, TREATIES

#: A command line on treaties/ for every output that has a JSON format (the registry's name → arguments).
JSON_COMMANDS = {
    "list": ["list"],
    "show": ["show", "1999-union-state"],
    "as-of": ["as-of", "2000-01-26"],
    "thread": ["thread", "citizenship", "--until", "2000-12-31"],
    "matrix": ["matrix", "--by", "year"],
    "genealogy": ["genealogy"],
    "diff": ["diff", "1997-charter", "1999-union-state"],
    "diff-stat": ["diff", "1997-charter", "1999-union-state", "--stat"],
    "show-as-of": ["show", "1998-equal-rights", "--as-of", "2025-11-01"],
    "text": ["text", "1998-equal-rights", "art-1", "--as-of", "2026-01-01"],
    "lawdiff": ["diff", "--as-of", "1999-01-01", "--as-of", "2026-01-01"],
}


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner(env={"SOURCE_DATE_EPOCH": "1761696000"}).invoke(cli, [*args, "--corpus", str(TREATIES)])
    return result.exit_code, result.stdout, result.stderr


def test_every_command_offers_the_formats_the_registry_lists() -> None:
    for command, output in [
        ("list", "list"),
        ("show", "show"),
        ("as-of", "as-of"),
        ("thread", "thread"),
        ("matrix", "matrix"),
        ("genealogy", "genealogy"),
        ("diff", "diff"),
        ("report", "report"),
        ("brief", "brief"),
    ]:
        help_text = CliRunner().invoke(cli, [command, "--help"]).stdout
        assert f"--format [{'|'.join(OUTPUTS[output].names)}]" in help_text, command
    assert OUTPUTS["matrix"].names == ("text", "csv", "json")
    assert OUTPUTS["diff"].names == ("text", "unified", "json", "md", "html", "pdf")
    assert OUTPUTS["report"].names == OUTPUTS["brief"].names == ("pdf", "html")


@pytest.mark.parametrize("command", [["list"], ["show", "1997-charter"], ["as-of", "1999-12-08"], ["genealogy"]])
def test_json_is_an_alias_of_format_json(command: list[str]) -> None:
    code, by_format, _ = invoke(*command, "--format", "json")
    assert code == 0
    assert invoke(*command, "--json") == (0, by_format, "")
    assert "--json" not in CliRunner().invoke(cli, [command[0], "--help"]).stdout  # hidden: one convention shown
    code, _, err = invoke(*command, "--json", "--format", "text")
    assert code == 2 and "--json means --format json; drop --json or --format text" in err


def test_list_json_is_a_versioned_document_in_the_order_of_the_listing() -> None:
    _, text, _ = invoke("list")
    code, out, _ = invoke("list", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["schema"] == "legalgen.list/1"
    assert [i["id"] for i in data["instruments"]] == [line.split()[0] for line in text.splitlines()[1:]]
    union = next(i for i in data["instruments"] if i["id"] == "1999-union-state")
    assert union == {
        "id": "1999-union-state",
        "kind": "treaty",
        "signed": "1999-12-08",
        "title": union["title"],
        "short_title": "Union State Treaty (1999)",
    }


def test_one_date_parser_one_message() -> None:
    message = "'2026-13-01' is not a date; fix: write it as YYYY-MM-DD, e.g. 1999-12-08"
    for command in (["as-of", "2026-13-01"], ["thread", "citizenship", "--until", "2026-13-01"]):
        code, _, err = invoke(*command)
        assert code == 2 and message in err, command
    code, _, err = invoke("report", "--as-of", "2026-13-01", "--format", "html", "-o", "-")
    assert code == 2 and message in err


def test_a_pdf_is_not_written_to_a_terminal() -> None:
    terminal, screen = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "legalgen", "diff", "1997-charter", "1999-union-state", "--format", "pdf"],
            stdout=screen,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            check=False,
        )
    finally:
        os.close(screen)
        os.close(terminal)
    assert proc.returncode == 3
    assert proc.stderr == "error: a PDF is not written to a terminal; fix: add -o FILE.pdf or redirect the output\n"


# --------------------------------------------------------------------------- JSON Schemas


def test_every_json_output_is_in_the_table_and_every_schema_is_generated() -> None:
    assert sorted(o.name for o in OUTPUTS.values() if "json" in o.names) == sorted(JSON_COMMANDS)
    assert set(json_schemas()) == {*DOCUMENTS, "instrument"}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_committed_document_schemas_are_current(name: str) -> None:
    result = CliRunner().invoke(cli, ["schema", name])
    code, out = result.exit_code, result.stdout
    committed = (ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert code == 0 and committed == out, f"run: legalgen schema {name} > schema/{name}.schema.json"


def closed(schema: Any) -> Any:
    """``schema`` with no field beyond those it names: the output may carry nothing the models do not declare."""
    if isinstance(schema, dict):
        out = {k: closed(v) for k, v in schema.items()}
        if "properties" in schema:
            out["additionalProperties"] = False
        return out
    if isinstance(schema, list):
        return [closed(v) for v in schema]
    return schema


@pytest.mark.parametrize("output", sorted(JSON_COMMANDS))
def test_the_json_of_every_command_on_the_corpus_follows_its_schema(output: str) -> None:
    code, out, _ = invoke(*JSON_COMMANDS[output], "--format", "json")
    assert code in (0, 1), out
    name = OUTPUTS[output].format("json").schema
    schema = json.loads((ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
    document = json.loads(out)
    jsonschema.validate(document, closed(schema))
    if name != "instrument":  # the record of `show` is read back as a record: it has no schema field
        assert document["schema"] == schema["title"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**document, "unexpected": 1}, closed(schema))


def _sections(markdown: str) -> dict[str, str]:
    parts = re.split(r"^## ", markdown, flags=re.MULTILINE)
    return {part.splitlines()[0]: part for part in parts[1:]}


def _fields(schema: Any) -> set[str]:
    if isinstance(schema, dict):
        own = set(schema.get("properties", {}))
        return own.union(*(_fields(v) for v in schema.values()))
    if isinstance(schema, list):
        return set().union(*(_fields(v) for v in schema))
    return set()


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_the_guide_mentions_every_field_of_every_schema(name: str) -> None:
    schema = json.loads((ROOT / "schema" / f"{name}.schema.json").read_text(encoding="utf-8"))
    sections = _sections((ROOT / "docs" / "json.md").read_text(encoding="utf-8"))
    text = sections["Stability"] + next(body for heading, body in sections.items() if f"`{schema['title']}`" in heading)
    if "Citation" in schema.get("$defs", {}):  # the objects the analysis documents share are described once
        text += sections["Shared objects"]
    missing = sorted(f for f in _fields(schema) if f"`{f}`" not in text)
    assert not missing, f"docs/json.md, section on {schema['title']}, does not mention {missing}"


# --------------------------------------------------------------------------- the registry


def test_adding_a_format_is_one_renderer_and_one_registry_line(tmp_path: Path) -> None:
    (tmp_path / "as_of_md.py").write_text(
        "def as_of_markdown(state):\n"
        "    return ''.join(f'- **{p.title}**: {len(p.addressed)} dimensions addressed\\n' for p in state.positions)\n",
        encoding="utf-8",
    )
    script = (
        "import dataclasses, sys\n"
        "from legalgen.render import OUTPUTS, Format\n"
        "o = OUTPUTS['as-of']\n"
        "md = Format('md', '.md', 'text/markdown', 'as_of_md:as_of_markdown')\n"  # the one registry line
        "OUTPUTS['as-of'] = dataclasses.replace(o, formats=(*o.formats, md))\n"
        "from legalgen.cli import main\n"
        "main(['as-of', '2000-01-26', '--format', 'md', '--corpus', sys.argv[1]])\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(TREATIES)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        check=False,
    )
    _, out, _ = invoke("as-of", "2000-01-26", "--format", "json")
    positions = json.loads(out)["positions"]
    expected = [
        f"- **{p['title']}**: {sum(d['rests_on'] is not None for d in p['dimensions'])} dimensions addressed"
        for p in positions
    ]
    assert (proc.returncode, proc.stdout.splitlines()) == (0, expected), proc.stderr


# --------------------------------------------------------------------------- colour


def test_colour_is_styling_laid_over_the_plain_diff() -> None:
    code, plain, _ = invoke("diff", "1997-charter", "1999-union-state", "--color", "never")
    _, coloured, _ = invoke("diff", "1997-charter", "1999-union-state", "--color", "always")
    assert code == 1 and "\x1b[" not in plain
    assert click.unstyle(coloured) == plain
    redlines = "\n".join(line for line in coloured.splitlines() if "legend:" not in line)
    deletions, insertions = re.findall(r"(.{0,5})\[-", redlines), re.findall(r"(.{0,5})\{\+", redlines)
    assert deletions and all(before.endswith("\x1b[31m") for before in deletions)  # every deletion red
    assert insertions and all(before.endswith("\x1b[32m") for before in insertions)  # every insertion green
    assert "\x1b[1mSummary\x1b[0m" in coloured.splitlines()


@pytest.mark.parametrize("module", ["legalgen.render", "legalgen.render.schemas"])
def test_docstring_examples_run(module: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0
