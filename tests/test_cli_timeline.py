"""`legalgen as-of`, `thread`, `matrix` and `genealogy` as a user meets them: output lines, JSON, exit codes."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from legalgen.cli import cli

from .conftest import article, assessment, event, instrument, paraphrased, write_corpus
from .test_timeline import amendment_history, citizenship_history

MakeCorpus = Callable[..., Path]


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Written once for the module: the commands only read it."""
    never = instrument(
        "2001-n",
        signed="2001-05-01",
        provisions=[paraphrased("1", topics=("citizenship",))],
        assessments=[assessment("citizenship", "status-of-nationals", "art-1")],
    )
    return write_corpus(
        tmp_path_factory.mktemp("timeline") / "corpus", *citizenship_history(), *amendment_history(), never
    )


def test_as_of_names_each_instrument_s_status_and_each_position_with_its_pin_cite(folder: Path) -> None:
    code, out, err = invoke("as-of", "1998-01-01", "--corpus", str(folder))
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Legal position on 1998-01-01"
    assert "  1995-a    signed on 1995-02-21; entry into force not recorded" in lines
    assert "  1997-b    in force since 1997-06-11" in lines
    assert "  2001-n    not yet signed (signed on 2001-05-01)" in lines
    assert lines[lines.index("  Citizenship") + 1] == "    Status of each other's citizens: Union citizenship"
    assert "        Treaty 1997-b, art. 2 [verbatim]" in lines
    assert "      Treaty 1997-b [1997-b], in force since 1997-06-11, until 2000-01-26; evidence: official text" in lines
    assert (
        "      also applying: Status of each other's citizens — Treaty 1995-a [1995-a]; evidence: official text"
        in lines
    )
    assert "    Relation to national citizenship: not addressed by any recorded provision in force" in lines
    assert (
        "  Electoral rights: not addressed (no recorded provision that applies on 1998-01-01 addresses this topic)"
        in lines
    )
    assert "  ! 1995-a: entry into force not recorded" in lines


def test_as_of_a_signed_instrument_without_entry_into_force_is_never_said_to_be_out_of_force(folder: Path) -> None:
    _, out, _ = invoke("as-of", "2002-01-01", "--corpus", str(folder))
    assert "  2001-n    signed on 2001-05-01; entry into force not recorded" in out.splitlines()
    assert "not in force" not in out.replace("entry into force not recorded", "")


def test_as_of_termination_and_pending_amendment(folder: Path) -> None:
    _, out, _ = invoke("as-of", "2025-10-28", "--corpus", str(folder))
    lines = out.splitlines()
    assert "  1997-b    ceased to have effect on 2000-01-26 (by art. 70 of 1999-c)" in lines
    assert "  1998-t    in force since 1999-03-01; amendment by 2025-p to take effect on 2025-10-29" in lines
    assert "  2025-p    signed on 2025-03-13; enters into force on 2025-10-29" in lines
    assert "    Elections open to the other's citizens: Union bodies" in lines
    _, out, _ = invoke("as-of", "2025-10-29", "--corpus", str(folder))
    assert "    Elections open to the other's citizens: Local self-government" in out.splitlines()
    assert (
        "      Treaty 2025-law [2025-law], applies with the instrument it ratifies, since 2025-10-29; "
        "evidence: paraphrase of the text" in out.splitlines()
    )
    assert "  1998-t    in force since 1999-03-01; amended by 2025-p with effect from 2025-10-29" in out.splitlines()


def test_as_of_before_the_records_and_in_the_future(folder: Path) -> None:
    _, out, _ = invoke("as-of", "1990-01-01", "--corpus", str(folder))
    assert out.splitlines()[1] == (
        "Note: 1990-01-01 is before the first instrument of the corpus (signed 1995-02-21); nothing had been signed yet."
    )
    env = {"SOURCE_DATE_EPOCH": "1795000000"}  # 2026-11-18: the CLI, not the core, reads the date
    _, out, _ = invoke("as-of", "2040-01-01", "--corpus", str(folder), env=env)
    assert out.splitlines()[1] == (
        "Note: 2040-01-01 is in the future (today is 2026-11-18); shown is what the records give, "
        "assuming nothing changes after the last recorded event (2025-10-29)."
    )
    assert "    Elections open to the other's citizens: Local self-government" in out.splitlines()


@pytest.mark.parametrize("bad", ["2025-13-01", "29.10.2025", "yesterday"])
def test_a_bad_date_is_a_usage_error_that_says_how_to_write_one(folder: Path, bad: str) -> None:
    code, out, err = invoke("as-of", bad, "--corpus", str(folder))
    assert code == 2 and out == ""
    assert f"Invalid value for 'DATE': {bad!r} is not a date; fix: write it as YYYY-MM-DD, e.g. 1999-12-08" in err


def test_as_of_json_has_a_versioned_stable_deterministic_shape(folder: Path) -> None:
    code, out, _ = invoke("as-of", "1998-01-01", "--json", "--corpus", str(folder))
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "legalgen.as-of/2"
    assert (data["date"], data["before_records"], data["after_records"]) == ("1998-01-01", False, False)
    assert data["records"] == {"first_signature": "1995-02-21", "last_event": "2025-10-29"}
    status = {s["instrument"]: s["status"] for s in data["instruments"]}
    assert status["1995-a"] == "entry-into-force-not-recorded" and status["1997-b"] == "in-force"
    citizenship = next(p for p in data["positions"] if p["topic"] == "citizenship")
    status_dimension = citizenship["dimensions"][0]
    assert (status_dimension["dimension"], status_dimension["rests_on"]["value"]) == ("status", "union-citizenship")
    assert status_dimension["rests_on"]["grade"] == "official-original"
    assert [s["instrument"] for s in status_dimension["also_applying"]] == ["1995-a"]
    assert citizenship["dimensions"][1]["rests_on"] is None  # not addressed
    cite = status_dimension["rests_on"]["citations"][0]
    assert cite == {
        "basis": "verbatim",
        "grade": "official-original",
        "incomplete": False,
        "instrument": "1997-b",
        "pin_cite": "Treaty 1997-b, art. 2",
        "provision": "art-2",
        "ref": "1997-b/art-2",
        "sources": [
            {
                "id": "S1",
                "reliability": "official_publication",
                "title": "Official text",
                "url": "https://example.org/t",
            }
        ],
    }
    # the same records give the same bytes, whatever the clock says
    _, again, _ = invoke("as-of", "1998-01-01", "--json", "--corpus", str(folder), env={"SOURCE_DATE_EPOCH": "0"})
    assert again == out
    assert out == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_thread_shows_each_change_with_its_cause(folder: Path) -> None:
    code, out, _ = invoke("thread", "citizenship", "--corpus", str(folder))
    assert code == 0
    lines = out.splitlines()
    assert lines[lines.index("1997-06-11 until 2000-01-26:") + 2] == (
        "  Status of each other's citizens: Union citizenship, up from Status of each other's citizens"
    )
    # 2001-n (status of nationals, signed but never recorded in force) displaces nothing: no step for it
    last = lines.index("2000-01-26:")
    assert lines[last : last + 3] == [
        "2000-01-26:",
        "  Treaty 1997-b ceased to have effect",
        "  Treaty 1999-c entered into force",
    ]
    assert not any(line.startswith("2001-05-01") for line in lines)
    assert "  Status of each other's citizens: Equal rights, down from Union citizenship" in lines
    assert (
        "    ! 1995-a: entry into force not recorded; this position is counted from the signature (1995-02-21)" in lines
    )
    assert "    Treaty 1999-c, art. 14 [paraphrase only]" in lines
    assert "    ! 1999-c/art-14: wording known only as a paraphrase" in lines
    code, out, _ = invoke("thread", "citizenship", "--until", "1999-12-31", "--json", "--corpus", str(folder))
    data = json.loads(out)
    assert (data["schema"], data["until"]) == ("legalgen.threads/2", "1999-12-31")
    steps = data["threads"][0]["steps"]
    assert [
        (s["since"], [(c["dimension"], c["direction"], c["after"]["rests_on"]["value"]) for c in s["changes"]])
        for s in steps
    ] == [
        ("1995-02-21", [("status", "first", "status-of-nationals")]),
        ("1997-06-11", [("status", "up", "union-citizenship")]),
    ]


def test_unknown_topic_exits_2_with_a_suggestion(folder: Path) -> None:
    code, out, err = invoke("thread", "citizenshp", "--corpus", str(folder))
    assert (code, out) == (2, "")
    assert err == "error: unknown topic 'citizenshp'; did you mean 'citizenship'?\n"
    code, _, err = invoke("genealogy", "--topic", "electoral", "--corpus", str(folder))
    assert code == 2 and "did you mean 'electoral-rights'?" in err


@pytest.mark.slow
def test_matrix_in_text_csv_and_json(folder: Path) -> None:
    code, out, _ = invoke("matrix", "--corpus", str(folder))
    assert code == 0
    lines = out.splitlines()
    assert "    1997-b  Union citizenship (art. 2; evidence: official text)" in lines
    assert "    2025-law  Local self-government (art. 1; evidence: paraphrase of the text)" in lines
    assert lines[lines.index("ELECTORAL RIGHTS") + 1] == "  Elections open to the other's citizens"

    code, out, _ = invoke("matrix", "--by", "year", "--format", "csv", "--corpus", str(folder))
    table = list(csv.reader(io.StringIO(out)))
    assert table[0][:4] == ["topic", "dimension", "1995", "1996"] and table[0][-1] == "2025"
    by_row = {(row[0], row[1]): dict(zip(table[0], row, strict=True)) for row in table[1:]}
    assert by_row[("citizenship", "status")]["1997"] == (
        "Union citizenship — Treaty 1997-b, art. 2 [verbatim] {evidence: official text}"
    )
    assert by_row[("citizenship", "national-citizenship")]["1997"] == ""
    assert by_row[("electoral-rights", "level")]["1998"] == ""
    assert by_row[("electoral-rights", "level")]["2025"].startswith("Local self-government — Treaty 2025-law, art. 1")

    code, out, _ = invoke("matrix", "--format", "json", "--corpus", str(folder))
    data = json.loads(out)
    assert (data["schema"], data["by"]) == ("legalgen.matrix/2", "instrument")
    assert data["topics"][0] == {"id": "citizenship", "title": "Citizenship"}
    row = next(r for r in data["rows"] if r["topic"] == "citizenship")
    values = [(c["dimensions"][0]["rests_on"] or {}).get("value") for c in row["cells"]]
    assert values[:3] == ["status-of-nationals", "union-citizenship", None]


def test_genealogy_text_and_json(make_corpus: MakeCorpus) -> None:
    text = "Каждое государство сохраняет государственный суверенитет, независимость и территориальную целостность."
    records: list[dict[str, Any]] = [
        instrument("1997-a", signed="1997-04-02", provisions=[article("1", text, topics=("citizenship",))]),
        instrument(
            "1999-b",
            signed="1999-12-08",
            events=[event("signature", "1999-12-08")],
            provisions=[article("6", text + " Флаг и герб.", topics=("citizenship",), continues=["1997-a/art-1"])],
        ),
    ]
    folder = make_corpus(*records)
    code, out, _ = invoke("genealogy", "--corpus", str(folder))
    assert code == 0
    assert out.splitlines()[2:5] == [
        "  Treaty 1997-a, art. 1 [verbatim]",
        "  → Treaty 1999-b, art. 6 [verbatim]",
        "    recorded; topics: citizenship; similarity 0.54 (ru, verbatim)",
    ]
    code, out, _ = invoke("genealogy", "--json", "--topic", "citizenship", "--corpus", str(folder))
    data = json.loads(out)
    assert (data["schema"], data["topic"], data["threshold"]) == ("legalgen.genealogy/1", "citizenship", 0.25)
    assert [(k["earlier"]["ref"], k["later"]["ref"], k["recorded"], k["score"]) for k in data["links"]] == [
        ("1997-a/art-1", "1999-b/art-6", True, 0.542)
    ]
    code, _, err = invoke("genealogy", "--threshold", "2", "--corpus", str(folder))
    assert code == 2 and "2.0 is not in the range 0.0<=x<=1.0" in err
