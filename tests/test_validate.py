"""`legalgen validate` on bad records: one exact line per problem, exit 2, nothing written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from legalgen.cli import cli

from .conftest import TOPICS, dump_yaml

BASE = """\
id: 2000-a
kind: treaty
titles:
  en: Treaty A
short_title: Treaty A (2000)
parties: [Russian Federation, Republic of Belarus]
sources:
  - id: S1
    title: Official text
    url: https://example.org/a
    reliability: official_publication
events:
  - type: signature
    date: 2000-01-02
    sources: [S1]
  - type: entry_into_force
    date: 2000-06-01
    sources: [S1]
provisions:
  - article: "1"
    topics: [citizenship]
    texts:
      - kind: verbatim
        language: ru
        text: Устанавливается гражданство Союза.
        source: S1
        locator: art. 1
assessments:
  - topic: citizenship
    codes: [{dimension: status, value: union-citizenship, provisions: [art-1]}]
    summary: Union citizenship is established.
"""


def edit(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new, 1)


F = "corpus/2000-a.yaml"

# (case, file text, expected stderr line)
BAD_RECORDS = [
    (
        "number where text is meant",
        edit('article: "1"', "article: 1"),
        f'{F}:20:5: provisions[0].article: YAML read this as the number 1, but text is expected; fix: quote it: "1"',
    ),
    (
        "duplicate key drops nothing silently",
        edit("kind: treaty\n", "kind: treaty\nkind: charter\n"),
        f"{F}:3:1: the key 'kind' appears twice in one mapping; fix: merge the two entries into one; a second key would silently replace the first",
    ),
    (
        "anchor",
        edit("parties: [", "parties: &p ["),
        f"{F}:6:10: defines the anchor &p; fix: remove the anchor; anchors and aliases are not allowed in records",
    ),
    (
        "tag",
        edit("short_title: Treaty A (2000)", "short_title: !!python/name:os.system x"),
        f"{F}:5:14: uses the tag !!python/name:os.system; fix: remove the tag; write plain values (quote text if needed)",
    ),
    (
        "typo in a field name",
        edit("        locator: art. 1", "        locater: art. 1"),
        f"{F}:27:9: provisions[0].texts[0].locater: unknown field `locater` (did you mean `locator`?); fix: rename or remove `locater`",
    ),
    (
        "missing required field",
        edit("short_title: Treaty A (2000)\n", ""),
        f"{F}:1:1: short_title: required field is missing; fix: add `short_title:`",
    ),
    (
        "impossible date",
        edit("date: 2000-01-02", "date: 2000-02-31"),
        f"{F}:14:5: events[0].date: '2000-02-31' is not a date; fix: write the date as YYYY-MM-DD, e.g. 1999-12-08",
    ),
    (
        "unknown event type",
        edit("type: entry_into_force", "type: entry-into-force"),
        f"{F}:16:5: events[1]: unknown type 'entry-into-force'; fix: use one of 'signature', 'ratification', 'entry_into_force', 'amendment', 'termination', 'status_not_established', 'conditional_application'",
    ),
    (
        "undeclared source",
        edit("        source: S1", "        source: S2"),
        f"{F}:26:9: provisions[0].texts[0].source: source 'S2' is not declared in this record; fix: add it under `sources:` or use one of ['S1']",
    ),
    (
        "assessment cites a missing provision",
        edit("provisions: [art-1]", "provisions: [art-2]"),
        f"{F}:30:72: assessments[0].codes[0].provisions[0]: 2000-a has no provision art-2; fix: did you mean 'art-1'? else add it to 2000-a.yaml",
    ),
    (
        "undeclared topic",
        edit("topics: [citizenship]", "topics: [citizenshop]"),
        f"{F}:21:14: provisions[0].topics[0]: topic 'citizenshop' is not declared in topics.yaml; fix: use one of ['citizenship', 'electoral-rights']",
    ),
    (
        "undeclared position",
        edit("value: union-citizenship", "value: dual-citizenship"),
        f"{F}:30:33: assessments[0].codes[0].value: 'dual-citizenship' is not a value of dimension 'status'; fix: use one of ['status-of-nationals', 'equal-rights', 'union-citizenship']",
    ),
    (
        "entry into force before signature",
        edit("date: 2000-06-01", "date: 1999-06-01"),
        f"{F}:17:5: events[1].date: entry into force on 1999-06-01 is before the signature (2000-01-02); fix: check both dates in the source",
    ),
    (
        "id differs from file name",
        edit("id: 2000-a", "id: 2000-b"),
        f"{F}:1:1: id: id '2000-b' differs from the file name '2000-a.yaml'; fix: rename the file to 2000-b.yaml or change the id",
    ),
    (
        "ellipsis inside a verbatim text",
        edit("Устанавливается гражданство Союза.", "Устанавливается гражданство […]"),
        f"{F}:23:9: provisions[0].texts[0]: a verbatim text holds an ellipsis mark '[…]'; fix: remove it from `text` and set `incomplete: true`",
    ),
    (
        "paraphrase without a basis",
        edit("      - kind: verbatim\n", "      - kind: paraphrase\n").replace(
            "        source: S1\n        locator: art. 1\n", ""
        ),
        f"{F}:23:9: provisions[0].texts[0].basis: required field is missing; fix: add `basis:`",
    ),
    (
        "paraphrase in quotation marks",
        edit("      - kind: verbatim\n", "      - kind: paraphrase\n")
        .replace("        source: S1\n        locator: art. 1\n", "        basis: working translation\n")
        .replace("Устанавливается гражданство Союза.", "«Устанавливается гражданство Союза.»"),
        f"{F}:23:9: provisions[0].texts[0]: a paraphrase holds quotation marks (« »), which would read as the instrument's words; fix: drop them, or record the wording as `kind: verbatim` with its source",
    ),
    (
        "javascript URL in a source",
        edit("url: https://example.org/a", "url: javascript:alert(1)"),
        f"{F}:10:5: sources[0].url: 'javascript:alert(1)' is not an http(s) URL; fix: give the full address starting with https://",
    ),
    (
        "relation to an unknown instrument",
        edit("assessments:", "relations:\n  - {type: amends, target: 1999-union-stat}\nassessments:"),
        f"{F}:29:20: relations[0].target: instrument '1999-union-stat' is not in the corpus; fix: add a record for it",
    ),
    (
        "syntax error",
        edit("short_title: Treaty A (2000)", "short_title: [Treaty A"),
        f"{F}:6:8: not valid YAML: while parsing a flow sequence started at line 5, expected ',' or ']', but got ':'; fix: check indentation, colons and quotes on this line",
    ),
    (
        "a list instead of a record",
        "- id: 2000-a\n",
        f"{F}:1:1: the file holds a list, not a record; fix: start with `id: …` at the left margin",
    ),
    (
        "empty file",
        "# nothing yet\n\n",
        f"{F}: is empty; fix: write a record (see README: 'The record format'), or delete the file",
    ),
]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "topics.yaml").write_text(dump_yaml(TOPICS), encoding="utf-8")
    return tmp_path


def test_base_record_is_valid(in_tmp: Path) -> None:
    (in_tmp / F).write_text(BASE, encoding="utf-8")
    assert run("validate", "corpus") == (0, "ok: 1 instrument, 2 topics, no problems\n", "")


@pytest.mark.parametrize(("case", "text", "expected"), BAD_RECORDS, ids=[c[0] for c in BAD_RECORDS])
def test_bad_record(in_tmp: Path, case: str, text: str, expected: str) -> None:
    (in_tmp / F).write_text(text, encoding="utf-8")
    code, out, err = run("validate", "corpus")
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert expected in lines
    assert lines[-1].endswith("nothing was written.")
    assert "Traceback" not in err


def test_every_problem_is_reported_at_once(in_tmp: Path) -> None:
    text = (
        edit("value: union-citizenship", "value: dual")
        .replace("source: S1", "source: S9")
        .replace("date: 2000-06-01", "date: 1999-01-01")
    )
    (in_tmp / F).write_text(text, encoding="utf-8")
    code, _, err = run("validate", "corpus")
    assert code == 2
    assert [line.split(": ")[1] for line in err.splitlines()[:-1]] == [
        "events[1].date",
        "provisions[0].texts[0].source",
        "assessments[0].codes[0].value",
    ]
    assert err.splitlines()[-1] == "3 problems found; nothing was written."


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        (lambda p: None, "missing.yaml: no such file; fix: check the path"),
        (
            lambda p: (p / "missing.yaml").mkdir(),
            "missing.yaml: is a directory, not a record file; fix: name a .yaml file, or the folder itself on its own",
        ),
        (
            lambda p: (p / "missing.yaml").write_bytes(b"id: caf\xe9\n"),
            "missing.yaml:1:8: is not UTF-8 (byte 0xe9); fix: save the file as UTF-8",
        ),
        (lambda p: os.mkfifo(p / "missing.yaml"), "missing.yaml: is not a regular file; fix: name a .yaml record file"),
    ],
    ids=["missing file", "directory", "not UTF-8", "fifo"],
)
def test_bad_file(in_tmp: Path, setup, expected: str) -> None:  # type: ignore[no-untyped-def]
    setup(in_tmp)
    code, _, err = run("validate", "missing.yaml")
    assert code == 2
    assert expected in err.splitlines()


def test_folder_without_records(in_tmp: Path) -> None:
    code, _, err = run("validate", "corpus")
    assert (code, err.splitlines()[0]) == (
        2,
        "corpus: holds no .yaml records; fix: name a folder of records such as treaties/",
    )


def test_unknown_id_suggests_close_matches(in_tmp: Path) -> None:
    (in_tmp / F).write_text(BASE, encoding="utf-8")
    code, _, err = run("show", "2000-b", "--corpus", "corpus")
    assert (code, err) == (2, "error: unknown instrument '2000-b'; did you mean '2000-a'?\n")


def test_debug_shows_the_traceback(in_tmp: Path) -> None:
    (in_tmp / F).write_text(edit('article: "1"', "article: 1"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--debug", "validate", "corpus"])
    assert result.exit_code != 0 and result.exception is not None


def test_a_clear_typo_gets_one_suggestion_not_a_list() -> None:
    from legalgen.errors import close_matches

    ids = ["1995-customs-union", "1997-union", "1997-charter", "1999-union-state"]
    assert close_matches("1997-unon", ids) == ["1997-union"]
    assert close_matches("zzz", ids) == []


def test_a_record_in_the_format_before_dimensions_is_told_what_to_write_now(in_tmp: Path) -> None:
    old = edit(
        "    codes: [{dimension: status, value: union-citizenship, provisions: [art-1]}]\n",
        "    position: union-citizenship\n    provisions: [art-1]\n",
    )
    (in_tmp / F).write_text(old, encoding="utf-8")
    topics = in_tmp / "corpus" / "topics.yaml"
    topics.write_text(
        "topics:\n  - id: citizenship\n    title: Citizenship\n    scale:\n      - {id: none, label: None}\n",
        encoding="utf-8",
    )
    code, out, err = run("validate", "corpus")
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert (
        "corpus/topics.yaml:4:5: topics[0].scale: a topic's `scale` is now its `dimensions`; fix: declare "
        "`dimensions:`, each with `id`, `label`, `measure: ordinal` or `nominal` and its `values:` (README: "
        "Topics and dimensions)"
    ) in lines
    assert (
        f"{F}:30:5: assessments[0].position: an assessment's `position` is now one code per dimension; fix: write "
        "`codes: [{dimension: …, value: …, provisions: [art-…]}]` (README: Topics and dimensions)"
    ) in lines
    assert (
        f"{F}:31:5: assessments[0].provisions: an assessment's `provisions` now belong to each of its codes; fix: "
        "move them into `codes: [{dimension: …, value: …, provisions: [art-…]}]`"
    ) in lines
    assert lines[-1].endswith("nothing was written.")
