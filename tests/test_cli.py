"""The command line as a user meets it: help, version, JSON that round-trips, fast start-up."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from legalgen import __version__
from legalgen.cli import cli
from legalgen.records import Instrument, json_schema

from .conftest import ROOT, article, instrument


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def all_commands() -> list[str]:
    return sorted(cli.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", all_commands())
def test_every_command_has_help_with_an_example(command: str) -> None:
    code, out, _ = invoke(command, "--help")
    assert code == 0
    assert "Example:" in out
    assert f"legalgen {command}" in out.split("Example:")[1]


@pytest.mark.slow
def test_version_and_module_entry_point() -> None:
    assert invoke("--version") == (0, f"legalgen, version {__version__}\n", "")
    proc = subprocess.run([sys.executable, "-m", "legalgen", "--help"], capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and "validate" in proc.stdout


def test_list_and_show(make_corpus) -> None:  # type: ignore[no-untyped-def]
    folder = make_corpus(instrument("1999-b", signed="1999-12-08"), instrument("1997-a", signed="1997-04-02"))
    code, out, _ = invoke("list", "--corpus", str(folder))
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == ["ID", "1997-a", "1999-b"]
    code, out, _ = invoke("show", "1997-a", "--corpus", str(folder))
    assert code == 0
    assert "Treaty 1997-a" in out and "Signed at Minsk on 2 April 1997." in out
    assert "[verbatim, ru] S1 (Official text), art. 1" in out


def test_show_json_round_trips_through_the_schema(make_corpus) -> None:  # type: ignore[no-untyped-def]
    rec = instrument(
        "1997-a",
        provisions=[article("2", topics=("citizenship",))],
        assessments=[
            {
                "topic": "citizenship",
                "summary": "s",
                "codes": [{"dimension": "status", "value": "union-citizenship", "provisions": ["art-2"]}],
            }
        ],
    )
    folder = make_corpus(rec)
    code, out, _ = invoke("show", "1997-a", "--json", "--corpus", str(folder))
    assert code == 0
    shown = Instrument.model_validate_json(out)
    assert shown.provisions[0].id == "art-2"
    assert json.loads(shown.model_dump_json()) == json.loads(out)
    schema = json.loads(json_schema())
    assert schema["additionalProperties"] is False
    jsonschema.validate(json.loads(out), schema)
    broken = json.loads(out) | {"kind": "treatise"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_committed_schema_is_current() -> None:
    for what in ("instrument", "topics"):
        committed = (ROOT / "schema" / f"{what}.schema.json").read_text(encoding="utf-8")
        assert committed == json_schema(what), f"run: legalgen schema --{what} > schema/{what}.schema.json"


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        ["validate", "treaties"],
        ["list"],
        ["--help"],
        ["diff", "1997-union", "1999-union-state"],
        ["diff", "1997-union", "1999-union-state", "--format", "json"],
        ["diff", "1997-union", "1999-union-state", "--format", "unified", "--topic", "sovereignty"],
        ["as-of", "2000-01-26"],
        ["as-of", "2000-01-26", "--json"],
        ["matrix"],
        ["matrix", "--by", "year", "--format", "csv"],
        ["matrix", "--format", "json"],
        ["thread", "citizenship"],
        ["genealogy", "--json"],
    ],
)
def test_quick_commands_do_not_import_renderers(command: list[str]) -> None:
    code = (
        "import sys; from legalgen.cli import main\n"
        f"try:\n    main({command!r})\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in ('weasyprint', 'jinja2') if m in sys.modules)\n"
        "print('HEAVY', heavy)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert "HEAVY []" in proc.stdout, proc.stdout + proc.stderr
    assert len(proc.stdout.splitlines()) > 1, proc.stderr  # the command ran and printed its output


def test_core_does_not_import_click() -> None:
    code = "import sys, legalgen.records.corpus, legalgen.records.read, legalgen.records.models; print('click' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert proc.stdout.strip() == "False"


@pytest.mark.slow
def test_build_writes_reports_and_nothing_on_error(make_corpus, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = make_corpus(instrument("1997-a"))
    out = tmp_path / "out"
    code, stdout, _ = invoke("build", "--corpus", str(folder), "--out", str(out))
    assert code == 0, stdout
    assert (out / "corpus-summary.md").read_text(encoding="utf-8").startswith("# Corpus summary")
    (folder / "1997-a.yaml").write_text("id: 1997-a\nkind: [\n", encoding="utf-8")
    out2 = tmp_path / "out2"
    code, _, err = invoke("build", "--corpus", str(folder), "--out", str(out2))
    assert code == 2 and "nothing was written" in err
    assert not out2.exists()
