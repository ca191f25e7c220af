"""Amendments as operations, consolidated text on a date, and the law between two dates (issue 10).

What a lawyer checks: that ``show --as-of`` marks the 2025 Protocol's supplement to art. 1 and says its
words were not seen; that a verbatim amendment appears, marked, in the consolidated text and in a redline;
that ``validate`` refuses an operation on a provision that does not exist on its date; that ``diff
--as-of --as-of`` says what moved; and, as properties, that operations undo exactly and that a date before
any amendment gives the text as recorded.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from legalgen.analysis.consolidation import Entry, Passage, Step, apply, consolidate_instrument, inverse, words_of
from legalgen.cli import cli
from legalgen.records import AmendingOperation, Instrument

from .conftest import article, assessment, dump_yaml, event, instrument

ROOT = Path(__file__).resolve().parent.parent
NOT_SEEN = (
    "[1] supplemented by the Equal Rights Protocol (2025), article not identified, with effect from 2025-10-29; "
    "the added words were not seen"
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


# --------------------------------------------------------------------------- the real corpus


def test_show_as_of_marks_the_protocols_supplement_and_says_its_words_were_not_seen() -> None:
    code, out, _ = run("show", "1998-equal-rights", "--as-of", "2025-11-01")
    assert code == 0
    art1 = out.split("art. 1, as it stood on 2025-11-01 (as amended)")[1].split("art. 2, as it stood")[0]
    lines = [line.strip() for line in art1.splitlines()]
    assert lines[1] == (
        "! The wording in force is not wholly known: the older wording below is not the whole text in force."
    )
    ru = lines.index(
        "«Граждане России и Беларуси обладают равными правами избирать и быть избранными в выборные органы Союза.» "
        "►[1: words not seen]◄"
    )
    assert lines[ru + 1] == NOT_SEEN
    assert lines[ru + 2].startswith("[paraphrase, en] Citizens of one Party who permanently reside")
    assert "evidence: accounts or a draft only, the text itself not seen" in lines


def test_before_the_amendment_took_effect_the_text_is_as_recorded() -> None:
    code, out, _ = run("text", "1998-equal-rights", "art-1", "--as-of", "2025-10-28")
    assert code == 0
    assert "art. 1, as it stood on 2025-10-28 (no amendment recorded)" in out
    assert "►" not in out.split("pending")[0]
    assert (
        "pending: supplemented by the Equal Rights Protocol (2025), article not identified, to take effect on "
        "2025-10-29"
    ) in out


def test_text_json_says_the_wording_in_force_is_not_wholly_known() -> None:
    code, out, _ = run("text", "1998-equal-rights", "art-1", "--as-of", "2026-01-01", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    schema = json.loads((ROOT / "schema" / "consolidated.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)
    (prov,) = doc["provisions"]
    assert doc["schema"] == "legalgen.consolidated/1"
    assert (prov["complete"], prov["amended"], prov["grade"]) == (False, True, "account")
    ru = prov["texts"][0]
    assert [p["words"] is None for p in ru["passages"]] == [False, True]
    assert ru["passages"][1]["note"] == (
        "supplemented by the Equal Rights Protocol (2025), article not identified, with effect from "
        "29 October 2025; the added words were not seen"
    )


def test_text_of_an_unknown_provision_is_one_line_and_exit_2() -> None:
    code, _, err = run("text", "1998-equal-rights", "art-9", "--as-of", "2026-01-01")
    assert (code, err) == (2, "error: unknown provision 'art-9'; did you mean 'art-5', 'art-4', 'art-3'?\n")


def test_the_law_on_electoral_rights_between_1999_and_2026() -> None:
    code, out, _ = run("diff", "--as-of", "1999-01-01", "--as-of", "2026-01-01", "--topic", "electoral-rights")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "The law on 1999-01-01 and on 2026-01-01"
    assert lines[3] == (
        "  Vote — union bodies: All citizens of the parties on both dates; now rests on the Union State Treaty "
        "(1999), art. 14(7) (evidence: accounts or a draft only, the text itself not seen), before on the Equal Rights Treaty (1998), "
        "art. 1 (evidence: text from a legal database), which still applies"
    )
    assert lines[5] == (
        "  Vote — local elections: not addressed on 1999-01-01; Permanent residents from the other party since "
        "2025-10-29: Equal Rights Protocol (2025), article not identified (evidence: accounts or a draft only, the text itself not seen)"
    )
    assert (
        "  Equal Rights Treaty (1998), art. 1 — amended: supplemented by the Equal Rights Protocol (2025), article "
        "not identified, with effect from 2025-10-29; the added words were not seen"
    ) in lines
    assert "    not redlined: the amending words were not seen" in lines


def test_the_law_diff_json_follows_its_schema() -> None:
    code, out, _ = run("diff", "--as-of", "1999-01-01", "--as-of", "2026-01-01", "--format", "json")
    assert code == 1
    doc = json.loads(out)
    schema = json.loads((ROOT / "schema" / "lawdiff.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema)
    electoral = next(t for t in doc["topics"] if t["topic"] == "electoral-rights")
    local = next(d for d in electoral["dimensions"] if d["dimension"] == "vote-local")
    assert (local["movement"], local["then"]["rests_on"], local["now"]["rests_on"]["instrument"]) == (
        "addressed",
        None,
        "2025-equal-rights-protocol",
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("--as-of", "2000-01-01", "--as-of", "2000-01-02"), 0, "No position and no wording relied on changed"),
        (("--as-of", "1999-01-01"), 2, "Error: --as-of was given 1 time; fix: give two instruments, or --as-of twice"),
        (("--as-of", "1999-01-01", "--as-of", "1999-1-2"), 2, "Error: Invalid value for '--as-of': '1999-1-2' is"),
        (("1997-charter", "--as-of", "1999-01-01", "--as-of", "2026-01-01"), 2, "Error: give either two instruments"),
    ],
)
def test_law_diff_exit_codes(args: tuple[str, ...], code: int, message: str) -> None:
    got, out, err = run("diff", *args)
    assert got == code
    assert message in (out if code == 0 else err)


# --------------------------------------------------------------------------- a corpus of its own

S2 = {
    "id": "S2",
    "title": "Official text of the protocol",
    "url": "https://example.org/p",
    "reliability": "official_publication",
}


def protocol(*operations: dict[str, Any], effective: str = "2002-01-01") -> list[dict[str, Any]]:
    """2000-a (art. 1 and 2) and 2001-p, which amends it by ``operations`` with effect from ``effective``."""
    a = instrument(
        "2000-a",
        provisions=[article("1", "Граждане обладают равными правами."), article("2", "Стороны сотрудничают.")],
        events=[event("signature", "2000-01-01"), event("amendment", effective, by="2001-p", provisions=["art-1"])],
        assessments=[assessment("electoral-rights", "union-bodies", "art-1")],
    )
    p = instrument(
        "2001-p",
        signed="2001-01-01",
        kind="protocol",
        sources=[S2],
        events=[{"type": "signature", "date": "2001-01-01", "sources": ["S2"]}],
        provisions=[{**article("1", "Статья 1 дополняется."), "texts": [{**article("1")["texts"][0], "source": "S2"}]}],
        relations=[
            {"type": "amends", "target": "2000-a", "via": "art-1", "sources": ["S2"], "operations": list(operations)}
        ],
    )
    return [a, p]


def verbatim(text: str) -> dict[str, Any]:
    return {"kind": "verbatim", "language": "ru", "text": text, "source": "S2", "locator": "art. 1"}


def test_a_verbatim_replacement_is_marked_and_redlined(make_corpus: Any) -> None:
    folder = make_corpus(
        *protocol(
            {"op": "replace", "provision": "art-1", "words": "равными правами", "texts": [verbatim("всеми правами")]}
        )
    )
    code, out, _ = run("text", "2000-a", "art-1", "--as-of", "2002-01-01", "--corpus", str(folder))
    assert code == 0, out
    assert (
        "    «Граждане обладают ►всеми правами◄[1].»\n"
        "    [1] words replaced by the Treaty 2001-p, art. 1, with effect from 2002-01-01\n"
    ) in out
    code, out, _ = run("diff", "--as-of", "2001-06-01", "--as-of", "2002-06-01", "--corpus", str(folder))
    assert code == 1
    assert "    Граждане обладают [-равными-] {+всеми+} правами." in out.splitlines()


@pytest.mark.parametrize(
    ("operation", "message"),
    [
        (
            {"op": "repeal", "provision": "art-7"},
            "2001-p.yaml:37:5: relations[0].operations[0].provision: 2000-a has no provision art-7 on 2002-01-01; "
            "fix: name one of ['art-1', 'art-2'] (provisions recorded, as amended before 2002-01-01)",
        ),
        (
            {"op": "insert", "provision": "art-2", "position": "new", "texts": [verbatim("Новая статья.")]},
            "2001-p.yaml:37:5: relations[0].operations[0].provision: 2000-a already has provision art-2 on "
            "2002-01-01; fix: use `position: end` to add to it, or a number it does not have",
        ),
        (
            {"op": "renumber", "provision": "art-1", "new_number": "art-2"},
            "2001-p.yaml:38:5: relations[0].operations[0].new_number: 2000-a already has provision art-2 on "
            "2002-01-01; fix: renumber that one first, or check the new number in the source",
        ),
    ],
)
def test_an_operation_must_name_a_provision_that_exists_on_its_date(
    make_corpus: Any, operation: dict[str, Any], message: str
) -> None:
    folder = make_corpus(*protocol(operation))
    code, _, err = run("validate", "--corpus", str(folder))
    assert code == 2
    assert err.splitlines()[0] == f"{folder}/{message}"


def test_an_operation_on_a_provision_repealed_earlier_is_refused(make_corpus: Any) -> None:
    folder = make_corpus(*protocol({"op": "repeal", "provision": "art-2"}, {"op": "repeal", "provision": "art-2"}))
    code, _, err = run("validate", "--corpus", str(folder))
    assert code == 2
    assert "relations[0].operations[1].provision: 2000-a has no provision art-2 on 2002-01-01" in err


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"op": "insert", "provision": "art-1"}, "an insert gives no new words; fix: add `texts:`"),
        ({"op": "renumber", "provision": "art-1"}, "a renumber needs `new_number:`"),
        ({"op": "repeal", "provision": "art-1", "position": "start"}, "`position` places an insert"),
    ],
)
def test_an_incomplete_operation_is_refused(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("`", ".").replace("(", ".").replace(")", ".")):
        AmendingOperation.model_validate_json(json.dumps(fields))


def test_operations_on_an_amends_relation_only() -> None:
    bad = {"type": "builds_on", "target": "2000-a", "operations": [{"op": "repeal", "provision": "art-1"}]}
    with pytest.raises(ValueError, match="`operations` are given on a relation that does not amend"):
        Instrument.model_validate_json(json.dumps({**instrument("2001-p"), "relations": [bad]}))


# --------------------------------------------------------------------------- properties

WORDS = st.text(alphabet="абвгд ", min_size=1, max_size=12).map(str.strip).filter(bool)


@st.composite
def documents(draw: st.DrawFn) -> tuple[Entry, ...]:
    n = draw(st.integers(1, 4))
    return tuple(
        Entry(
            f"art-{i}",
            f"art-{i}",
            tuple(
                tuple(Passage(w) for w in draw(st.lists(WORDS, min_size=1, max_size=3)))
                for _ in range(draw(st.integers(1, 2)))
            ),
        )
        for i in range(1, n + 1)
    )


def _free_number(doc: tuple[Entry, ...], start: int) -> str:
    """The first ``art-N`` from ``start`` on that no provision has: a record never holds one number twice
    (validation refuses it), so neither may a generated history."""
    taken = {e.number for e in doc}
    return next(f"art-{k}" for k in itertools.count(start) if f"art-{k}" not in taken)


@st.composite
def steps_on(draw: st.DrawFn, doc: tuple[Entry, ...]) -> Step:
    kind = draw(st.sampled_from(["splice", "add", "remove", "renumber"] if doc else ["add"]))
    if kind == "add":
        number = _free_number(doc, draw(st.integers(100, 999)))
        entry = Entry(number, number, ((Passage(draw(WORDS)),),))
        return Step("add", number, lo=draw(st.integers(0, len(doc))), entry=entry)
    target = draw(st.sampled_from(doc))
    if kind == "remove":
        return Step("remove", target.number)
    if kind == "renumber":
        new = _free_number(doc, draw(st.integers(1000, 9999)))
        return Step("renumber", target.number, new_number=new)
    ti = draw(st.integers(0, len(target.texts) - 1))
    size = len(target.texts[ti])
    lo = draw(st.integers(0, size))
    hi = draw(st.integers(lo, size))
    new = tuple(Passage(w) if w else Passage(None) for w in draw(st.lists(st.one_of(WORDS, st.just("")), max_size=2)))
    return Step("splice", target.number, text=ti, lo=lo, hi=hi, new=new)


@st.composite
def histories(draw: st.DrawFn) -> tuple[tuple[Entry, ...], list[Step]]:
    doc = draw(documents())
    steps = []
    current = doc
    for _ in range(draw(st.integers(1, 6))):
        step = draw(steps_on(current))
        steps.append(step)
        current = apply(current, step)
    return doc, steps


@settings(max_examples=200, deadline=None)
@given(histories())
def test_applying_operations_and_then_their_inverses_gives_the_original(history: Any) -> None:
    doc, steps = history
    current, undo = doc, []
    for step in steps:
        undo.append(inverse(current, step))
        current = apply(current, step)
    for step in reversed(undo):
        current = apply(current, step)
    assert words_of(current) == words_of(doc)


OPERATIONS = st.sampled_from(
    [
        {"op": "insert", "provision": "art-1", "texts": [verbatim("и обязанностями")]},
        {"op": "insert", "provision": "art-1", "position": "start", "texts": [verbatim("Все")]},
        {"op": "replace", "provision": "art-2", "texts": [verbatim("Стороны тесно сотрудничают.")]},
        {"op": "replace", "provision": "art-1", "words": "равными", "texts": [verbatim("всеми")]},
        {"op": "repeal", "provision": "art-2"},
        {"op": "renumber", "provision": "art-2", "new_number": "art-3"},
        {"op": "insert", "provision": "art-9", "position": "new", "texts": [verbatim("Новая статья.")]},
        {
            "op": "insert",
            "provision": "art-1",
            "texts": [{"kind": "paraphrase", "language": "en", "text": "More rights.", "basis": "News."}],
        },
    ]
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(OPERATIONS, min_size=1, max_size=3, unique_by=lambda o: (o["op"], o["provision"])),
    st.dates(dt.date(2000, 1, 1), dt.date(2030, 1, 1)),
)
def test_consolidating_before_any_amendment_gives_the_text_as_recorded(
    ops: list[dict[str, Any]], effective: dt.date
) -> None:
    records = protocol(*ops, effective=effective.isoformat())
    a, p = (Instrument.model_validate_json(json.dumps(r, default=str)) for r in records)
    before = consolidate_instrument(a, effective - dt.timedelta(days=1), [a, p])
    assert [(c.provision, [t.plain for t in c.texts]) for c in before.provisions] == [
        (prov.id, [t.text for t in prov.texts]) for prov in a.provisions_in_order
    ]
    assert not any(c.amended for c in before.provisions)
    after = consolidate_instrument(a, effective, [a, p])
    assert any(c.amended for c in after.provisions) or after.repealed


def test_the_corpus_records_are_written_as_yaml(tmp_path: Path) -> None:
    """The factories above write records ``validate`` accepts: a corpus with a clean operation is ok."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    from .conftest import TOPICS

    (folder / "topics.yaml").write_text(dump_yaml(TOPICS), encoding="utf-8")
    for rec in protocol({"op": "insert", "provision": "art-1", "texts": [verbatim("и обязанностями")]}):
        (folder / f"{rec['id']}.yaml").write_text(dump_yaml(rec), encoding="utf-8")
    code, out, err = run("validate", "--corpus", str(folder))
    assert (code, out) == (0, "ok: 2 instruments, 2 topics, no problems\n"), err
