"""What the record loader refuses, warns about and reads as written: the exact line `legalgen validate` prints.

Every row is a small edit of a valid record (``BASE`` of test_validate.py) and the one line a person
editing it reads, with the exit code. Each row runs twice: with libyaml's C parser and with PyYAML's
pure-Python parser (what the loader falls back to where PyYAML has no libyaml), which must agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

import legalgen.records.read as read
from legalgen.cli import cli
from legalgen.errors import RecordError
from legalgen.records import Instrument
from legalgen.records.read import MAX_PROVISIONS, MAX_TEXT, read_record, resolve_plain, validate_record

from .conftest import ROOT, TOPICS, dump_yaml
from .test_validate import BASE, edit

F = "corpus/2000-a.yaml"
PARSERS = {"libyaml": yaml.CBaseLoader, "pure-python": yaml.BaseLoader}


@pytest.fixture(params=list(PARSERS))
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setattr(read, "_PARSER", PARSERS[request.param])
    yield request.param


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "topics.yaml").write_text(dump_yaml(TOPICS), encoding="utf-8")
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def many_provisions(n: int) -> str:
    one = '  - article: "{n}"\n    texts:\n      - {{kind: verbatim, language: ru, text: Текст., source: S1, locator: art. {n}}}\n'
    return BASE.split("provisions:\n")[0] + "provisions:\n" + "".join(one.format(n=i) for i in range(1, n + 1))


# (case, file text, the one line of stderr before the summary); all exit 2
REFUSED = [
    (
        "merge key",
        edit("titles:\n  en: Treaty A\n", "titles:\n  <<: {en: Treaty A}\n  en: Treaty B\n"),
        f"{F}:4:3: uses the merge key <<; fix: write the keys out in full; merge keys are not allowed in records",
    ),
    (
        "!!str tag on a value (was a TypeError traceback)",
        edit("short_title: Treaty A (2000)", "short_title: !!str Treaty A (2000)"),
        f"{F}:5:14: uses the tag !!str; fix: remove the tag; write plain values (quote text if needed)",
    ),
    (
        "tagged mapping key (was a TypeError traceback)",
        edit("short_title: Treaty A", "!!str short_title: Treaty A"),
        f"{F}:5:1: uses the tag !!str; fix: remove the tag; write plain values (quote text if needed)",
    ),
    (
        "custom tag on a list",
        edit("parties: [", "parties: !union ["),
        f"{F}:6:10: uses the tag !union; fix: remove the tag; write plain values (quote text if needed)",
    ),
    (
        "non-specific tag",
        edit("short_title: Treaty A (2000)", "short_title: ! Treaty A (2000)"),
        f"{F}:5:14: uses the tag !; fix: remove the tag; write plain values (quote text if needed)",
    ),
    (
        "alias",
        edit("        locator: art. 1", "        locator: *ref"),
        f"{F}:27:18: uses the alias *ref; fix: write the value out in full; aliases are not allowed in records",
    ),
    (
        "YAML 1.1 directive",
        "%YAML 1.1\n---\n" + BASE,
        f"{F}:1:1: uses a YAML directive (%YAML or %TAG); fix: remove the line starting with %",
    ),
    (
        "second document",
        BASE + "---\nid: 2000-b\n",
        f"{F}:32:1: holds a second YAML document; fix: keep one instrument per file; remove the `---` line",
    ),
    (
        "escape sequence for ESC in a quoted text",
        edit("text: Устанавливается гражданство Союза.", 'text: "Устанавливается \\e[31mгражданство"'),
        f"{F}:25:15: provisions[0].texts[0].text: holds the control character U+001B, which a record cannot hold; fix: delete it (retype the line if unsure)",
    ),
    (
        "escape sequence for NUL",
        edit("title: Official text", 'title: "Official\\0 text"'),
        f"{F}:9:12: sources[0].title: holds the control character U+0000, which a record cannot hold; fix: delete it (retype the line if unsure)",
    ),
    (
        "escaped carriage return",
        edit("summary: Union citizenship is established.", 'summary: "Union citizenship\\r is established."'),
        f"{F}:31:14: assessments[0].summary: holds the control character U+000D, which a record cannot hold; fix: delete it (retype the line if unsure)",
    ),
    (
        "raw BEL in the file",
        edit("Устанавливается гражданство", "Устанавливается\a гражданство"),
        f"{F}:25:30: holds the control character U+0007, which a record cannot hold; fix: delete it (retype the line if unsure)",
    ),
    (
        "raw C1 control (NEL), which YAML itself would take for a line break",
        edit("title: Official text", "title: Official\x85text"),
        f"{F}:9:20: holds the control character U+0085, which a record cannot hold; fix: delete it (retype the line if unsure)",
    ),
    (
        "raw DEL",
        edit("en: Treaty A", "en: Treaty\x7f A"),
        f"{F}:4:13: holds the control character U+007F, which a record cannot hold; fix: delete it (retype the line if unsure)",
    ),
    (
        "a number where text is meant is quoted as written",
        edit('article: "1"', "article: 1.10"),
        f'{F}:20:5: provisions[0].article: YAML read this as the number 1.1, but text is expected; fix: quote it: "1.10"',
    ),
    (
        "a leading zero is kept in the fix",
        edit('article: "1"', "article: 010"),
        f'{F}:20:5: provisions[0].article: YAML read this as the number 10, but text is expected; fix: quote it: "010"',
    ),
    (
        "a boolean where text is meant",
        edit("short_title: Treaty A (2000)", "short_title: True"),
        f'{F}:5:1: short_title: YAML read this as the boolean true, but text is expected; fix: quote it: "True"',
    ),
    (
        "yes is not a boolean (YAML 1.2)",
        edit("        locator: art. 1", "        locator: art. 1\n        incomplete: yes"),
        f"{F}:28:9: provisions[0].texts[0].incomplete: 'yes' is not true or false; fix: write true or false, unquoted",
    ),
    (
        "a value over the length limit",
        edit("summary: Union citizenship is established.", "summary: " + "a" * (MAX_TEXT + 1)),
        f"{F}:31:14: assessments[0].summary: is {MAX_TEXT + 1} characters long, over the limit of {MAX_TEXT} for one value; fix: split the text (e.g. one provision per paragraph) or check the file",
    ),
    pytest.param(
        "more provisions than the limit",
        many_provisions(MAX_PROVISIONS + 1),
        f"{F}:{20 + 3 * MAX_PROVISIONS}:5: provisions[{MAX_PROVISIONS}]: holds {MAX_PROVISIONS + 1} provisions, over the limit of {MAX_PROVISIONS} for one record; fix: split the instrument into several records (e.g. one per part) or check the file",
        marks=pytest.mark.slow,  # 2,001 provisions: over a second with the pure-Python parser
    ),
]


@pytest.mark.parametrize(
    ("case", "text", "expected"), REFUSED, ids=[c.values[0] if hasattr(c, "marks") else c[0] for c in REFUSED]
)
def test_refused(in_tmp: Path, parser: str, case: str, text: str, expected: str) -> None:
    (in_tmp / F).write_text(text, encoding="utf-8")
    code, out, err = run("validate", "corpus")
    assert (code, out) == (2, "")
    assert err.splitlines() == [expected, "1 problem found; nothing was written."]


def test_an_invisible_character_in_a_key_is_shown_escaped(in_tmp: Path, parser: str) -> None:
    (in_tmp / F).write_text(edit("        locator: art. 1", "        loca\u200btor: art. 1"), encoding="utf-8")
    code, _, err = run("validate", "corpus")
    assert code == 2
    assert err.splitlines() == [
        f"{F}:23:9: provisions[0].texts[0].locator: required field is missing; fix: add `locator:`",
        f"{F}:27:9: provisions[0].texts[0].loca\\u200btor: unknown field `loca\\u200btor` (did you mean `locator`?); fix: rename or remove `loca\\u200btor`",
        "2 problems found; nothing was written.",
    ]


def test_an_anchor_and_its_alias_are_both_reported(in_tmp: Path, parser: str) -> None:
    text = edit("url: https://example.org/a", "url: &u https://example.org/a").replace(
        "        locator: art. 1", "        locator: *u"
    )
    (in_tmp / F).write_text(text, encoding="utf-8")
    code, _, err = run("validate", "corpus")
    assert code == 2
    assert err.splitlines()[:2] == [
        f"{F}:10:10: defines the anchor &u; fix: remove the anchor; anchors and aliases are not allowed in records",
        f"{F}:27:18: uses the alias *u; fix: write the value out in full; aliases are not allowed in records",
    ]


# (case, file text, the warning line); exit 0 with a warning, exit 2 with --strict-text
INVISIBLE = [
    (
        "zero-width space inside a verbatim text",
        edit("Устанавливается гражданство", "Устанавливается\u200b гражданство"),
        f"{F}:25:30: provisions[0].texts[0].text: holds U+200B ZERO WIDTH SPACE, an invisible zero-width character; fix: delete it, unless the source really has it",
    ),
    (
        "right-to-left override in a title",
        edit("en: Treaty A", "en: Treaty \u202eA"),
        f"{F}:4:14: titles.en: holds U+202E RIGHT-TO-LEFT OVERRIDE, an invisible bidirectional control; fix: delete it, unless the source really has it",
    ),
    (
        "an escaped isolate is located at its value",
        edit("short_title: Treaty A (2000)", 'short_title: "Treaty A\\u2066 (2000)"'),
        f"{F}:5:14: short_title: holds U+2066 LEFT-TO-RIGHT ISOLATE, an invisible bidirectional control; fix: delete it, unless the source really has it",
    ),
    (
        "byte order mark inside a text",
        edit("title: Official text", "title: Official\ufefftext"),
        f"{F}:9:20: sources[0].title: holds U+FEFF ZERO WIDTH NO-BREAK SPACE, an invisible zero-width character; fix: delete it, unless the source really has it",
    ),
]


@pytest.mark.parametrize(("case", "text", "expected"), INVISIBLE, ids=[c[0] for c in INVISIBLE])
def test_invisible_characters_warn(in_tmp: Path, parser: str, case: str, text: str, expected: str) -> None:
    (in_tmp / F).write_text(text, encoding="utf-8")
    assert run("validate", "corpus") == (0, "ok: 1 instrument, 2 topics, no problems\n", f"warning: {expected}\n")
    code, out, err = run("validate", "--strict-text", "corpus")
    assert (code, out) == (2, "")
    assert err.splitlines() == [expected, "1 problem found; nothing was written."]


def test_a_byte_order_mark_at_the_start_of_the_file_is_no_character(in_tmp: Path) -> None:
    (in_tmp / F).write_bytes(b"\xef\xbb\xbf" + BASE.encode())
    assert run("validate", "--strict-text", "corpus") == (0, "ok: 1 instrument, 2 topics, no problems\n", "")


def test_a_plain_merge_sign_or_equals_sign_is_text(in_tmp: Path, parser: str) -> None:
    """ruamel read a plain `<<` or `=` value as a tagged object that crashed the JSON step."""
    text = edit("short_title: Treaty A (2000)", "short_title: <<").replace("summary: Union", "summary: = Union")
    (in_tmp / F).write_text(text.replace("summary: = Union citizenship is established.", "summary: ="), "utf-8")
    assert run("validate", "corpus")[0] == 0
    assert read_record(in_tmp / F).data["short_title"] == "<<"


# ----------------------------------------------------------------------- YAML 1.1 pitfalls, read as 1.2

# plain scalar → what the loader makes of it (the YAML 1.2 core schema, as ruamel read records before)
PLAIN = [
    *((word, word) for word in ["no", "No", "NO", "yes", "on", "off", "y", "n", "Y", "tRue"]),  # Norway
    ("1:20", "1:20"),  # YAML 1.1 base 60 (= 80)
    ("1:20:30", "1:20:30"),
    ("2000-01-02", "2000-01-02"),  # dates stay text: Pydantic checks them, located
    ("2000-02-31", "2000-02-31"),
    ("2000-01-02T10:00:00", "2000-01-02T10:00:00"),
    ("1,000", "1,000"),
    ("1.2.3", "1.2.3"),
    ("<<", "<<"),
    ("=", "="),
    *((word, True) for word in ["true", "True", "TRUE"]),
    *((word, False) for word in ["false", "False", "FALSE"]),
    *((word, None) for word in ["~", "null", "Null", "NULL", ""]),
    ("010", 10),  # not octal 8 as in YAML 1.1
    ("0777", 777),
    ("0o10", 8),
    ("0x10", 16),
    ("0b10", 2),
    ("1_000", 1000),
    ("+1", 1),
    ("-1", -1),
    ("1.10", 1.1),
    ("1.", 1.0),
    (".5", 0.5),
    ("1e3", 1000.0),
    (".inf", float("inf")),
    ("-.Inf", float("-inf")),
]


@pytest.mark.parametrize(("plain", "value"), PLAIN, ids=[repr(p[0]) for p in PLAIN])
def test_plain_scalars_follow_yaml_1_2(plain: str, value: object) -> None:
    got = resolve_plain(plain)
    assert (type(got), got) == (type(value), value)


def test_quoted_scalars_are_always_text(tmp_path: Path, parser: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: 'no'\nb: \"1.10\"\nc: '2000-01-02'\nd: 'true'\nno: 1\n", encoding="utf-8")
    assert read_record(path).data == {"a": "no", "b": "1.10", "c": "2000-01-02", "d": "true", "no": 1}


# ----------------------------------------------------------------------- the real corpus, both parsers


def _plain(node: object) -> object:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, dt.date):
        return node.isoformat()
    return node


REAL = sorted([*(ROOT / "treaties").glob("*.yaml"), *(ROOT / "examples").glob("*/*.yaml")])


@pytest.mark.parametrize("path", REAL, ids=[p.name for p in REAL])
def test_real_records_read_as_ruamel_read_them(path: Path, parser: str) -> None:
    """The data of every real record is what ruamel.yaml (the loader before libyaml) makes of it."""
    expected = _plain(YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")))
    raw = read_record(path)
    assert raw.data == expected
    assert raw.warnings == ()


# ----------------------------------------------------------------------- one bad record, no false errors


def test_a_broken_record_gives_its_own_errors_only(in_tmp: Path) -> None:
    """2000-b refers to 2000-a, which does not parse: 2000-b is not told that 2000-a is not in the corpus."""
    (in_tmp / F).write_text(edit("short_title: Treaty A (2000)", "short_title: [Treaty A"), encoding="utf-8")
    b = BASE.replace("2000-a", "2000-b").replace(
        "assessments:", "relations:\n  - {type: builds_on, target: 2000-a}\nassessments:"
    )
    (in_tmp / "corpus" / "2000-b.yaml").write_text(b, encoding="utf-8")
    code, _, err = run("validate", "corpus")
    assert code == 2
    assert err.splitlines() == [
        f"{F}:6:8: not valid YAML: while parsing a flow sequence started at line 5, expected ',' or ']', but got ':'; fix: check indentation, colons and quotes on this line",
        "1 problem found; nothing was written.",
    ]


def test_an_invalid_record_gives_its_own_errors_only(in_tmp: Path) -> None:
    """Parsed but invalid (a field missing), and named by its id in another file's relation."""
    (in_tmp / F).write_text(edit("short_title: Treaty A (2000)\n", ""), encoding="utf-8")
    b = BASE.replace("2000-a", "2000-b").replace(
        "assessments:", "relations:\n  - {type: builds_on, target: 2000-a, provision: art-1}\nassessments:"
    )
    (in_tmp / "corpus" / "2000-b.yaml").write_text(b, encoding="utf-8")
    code, _, err = run("validate", "corpus")
    assert code == 2
    assert err.splitlines() == [
        f"{F}:1:1: short_title: required field is missing; fix: add `short_title:`",
        "1 problem found; nothing was written.",
    ]


def test_an_unknown_instrument_is_still_reported(in_tmp: Path) -> None:
    """Containment spares only the ids of records that failed, not every unknown id."""
    (in_tmp / F).write_text(edit("short_title: Treaty A (2000)\n", ""), encoding="utf-8")
    b = BASE.replace("2000-a", "2000-b").replace(
        "assessments:", "relations:\n  - {type: builds_on, target: 2000-c}\nassessments:"
    )
    (in_tmp / "corpus" / "2000-b.yaml").write_text(b, encoding="utf-8")
    code, _, err = run("validate", "corpus")
    assert code == 2
    assert (
        "corpus/2000-b.yaml:29:23: relations[0].target: instrument '2000-c' is not in the corpus; fix: did you mean '2000-b'?"
        in err.splitlines()
    )


# ----------------------------------------------------------------------- never another exception

# Pieces of YAML syntax and hostile text, inserted into a valid record at random places.
TOKENS = [
    "&a ", "*a", "!!str ", "!x ", "<<: ", "? ", ": ", "- ", "[", "]", "{", "}", ",", "'", '"', "\\e", "\\u202e",
    "\u200b", "\n", "  ", "\t", "#", "|", ">", "---\n", "...\n", "%YAML 1.1\n", "~", "1.10", "yes", "\x1b", "\x85",
    "\r", "\ufeff", "=", "2000-02-31", "é–", "\x00",
]  # fmt: skip
EDITS = st.lists(
    st.tuples(st.integers(0, len(BASE)), st.lists(st.sampled_from(TOKENS), max_size=4).map("".join)), max_size=5
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=EDITS, pure=st.booleans())
def test_an_edited_record_loads_or_gives_located_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edits: list[tuple[int, str]], pure: bool
) -> None:
    """Whatever is typed into a record, the loader returns it or raises RecordError, one line per problem."""
    monkeypatch.setattr(read, "_PARSER", yaml.BaseLoader if pure else yaml.CBaseLoader)
    text = BASE
    for at, piece in sorted(edits, reverse=True):
        text = text[:at] + piece + text[at:]
    path = tmp_path / "2000-a.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        validate_record(read_record(path), Instrument)
    except RecordError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert str(problem).startswith(str(path)) or str(problem).startswith("2000-a.yaml")
            assert str(problem).isprintable()


# Crashers found by the fuzz runs above and by hand, kept as regression cases: each must be a RecordError.
CRASHERS = [
    "a: <<\n",  # ruamel: TaggedScalar into json.dumps → TypeError
    "a: =\n",
    "a: !!str x\n",  # ruamel: TaggedScalar → TypeError
    "!!str a: x\n",
    "? [a]\n: 1\n",
]


@pytest.mark.parametrize("text", CRASHERS)
def test_former_crashers_give_a_record_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RecordError):
        validate_record(read_record(path), Instrument)
