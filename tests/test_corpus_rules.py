"""Every cross-record rule of `legalgen validate`, one bad corpus per row: the exact line, exit 2, nothing written.

Each row builds a tiny corpus with the factories of ``conftest`` — records that are valid on their own —
and breaks one rule that only the corpus as a whole can check (:mod:`legalgen.records.rules`). The
expected lines are what a person editing the record reads: file:line:column, the field, what is wrong
and how to fix it.
"""

from __future__ import annotations

import copy
import doctest
import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import legalgen.records.rules
from legalgen.cli import cli
from legalgen.records import Instrument, TopicCatalogue
from legalgen.records.read import iter_record_paths, read_record, validate_record
from legalgen.records.rules import INSTRUMENT_RULES, Subject

from .conftest import TOPICS, article, assessment, dump_yaml, event, instrument, paraphrased

A = "corpus/2000-a.yaml"
B = "corpus/2000-b.yaml"
CITIZENSHIP, ELECTORAL = TOPICS["topics"]
S1 = {"id": "S1", "title": "Official text", "url": "https://example.org/t", "reliability": "official_publication"}
SIGNED = event("signature", "2000-01-01")


def a(**fields: Any) -> dict[str, Any]:
    """Instrument 2000-a, signed 2000-01-01, with source S1 and article 1, changed by ``fields``."""
    return instrument("2000-a", **fields)


def b(**fields: Any) -> dict[str, Any]:
    return instrument("2000-b", **fields)


def citing(prov: dict[str, Any], **text: Any) -> dict[str, Any]:
    """``prov`` with its first text changed by ``text``, e.g. the source it cites."""
    prov = copy.deepcopy(prov)
    prov["texts"][0].update(text)
    return prov


def topics(*catalogue: dict[str, Any]) -> dict[str, Any]:
    return {"topics": list(catalogue)}


_LEVEL = ELECTORAL["dimensions"][0]
VALUE_TWICE = {**ELECTORAL, "dimensions": [{**_LEVEL, "values": [*_LEVEL["values"], _LEVEL["values"][0]]}]}
DIMENSION_TWICE = {**ELECTORAL, "dimensions": [_LEVEL, _LEVEL]}
MISREAD = {"claim": "The treaty created a union.", "law": "It did not."}

# (case, records, extra: raw files and topics, expected stderr lines before the summary)
RULES: list[tuple[str, list[dict[str, Any]], dict[str, Any], list[str]]] = [
    # --- the corpus as a whole
    (
        "id differs from the file name",
        [],
        {"raw": {"2000-a.yaml": dump_yaml(b())}},
        [
            f"{A}:1:1: id: id '2000-b' differs from the file name '2000-a.yaml'; fix: rename the file to 2000-b.yaml or change the id"
        ],
    ),
    (
        "two records with one id",
        [a()],
        {"raw": {"2000-z.yaml": dump_yaml(a())}},
        [
            "corpus/2000-z.yaml:1:1: id: id '2000-a' differs from the file name '2000-z.yaml'; fix: rename the file to 2000-a.yaml or change the id",
            "corpus/2000-z.yaml:1:1: id: id '2000-a' is used by another record too; fix: give each instrument its own id",
        ],
    ),
    (
        "no topics.yaml",
        [a(assessments=[assessment("sovereignty", "retained")])],
        {"topics": None},
        ["corpus: no topics.yaml beside the records; fix: add a topics.yaml declaring the topics and their scales"],
    ),
    (
        "topic declared twice",
        [a()],
        {"topics": topics(CITIZENSHIP, ELECTORAL, CITIZENSHIP)},
        ["corpus/topics.yaml:2:3: topics[0].id: topic 'citizenship' is declared twice; fix: keep one declaration"],
    ),
    (
        "value twice in one dimension",
        [a()],
        {"topics": topics(CITIZENSHIP, VALUE_TWICE)},
        [
            "corpus/topics.yaml:34:7: topics[1].dimensions[0].values[2].id: value 'union-bodies' appears twice in dimension 'level' of 'electoral-rights'; fix: keep one"
        ],
    ),
    (
        "dimension twice in one topic",
        [a()],
        {"topics": topics(CITIZENSHIP, DIMENSION_TWICE)},
        [
            "corpus/topics.yaml:34:5: topics[1].dimensions[1].id: dimension 'level' appears twice in topic 'electoral-rights'; fix: keep one"
        ],
    ),
    # --- sources
    (
        "source declared twice",
        [a(sources=[S1, S1])],
        {},
        ["corpus/2000-a.yaml:11:3: sources[0].id: source 'S1' is declared twice; fix: keep one entry"],
    ),
    (
        "verbatim text cites an undeclared source",
        [a(provisions=[citing(article("1"), source="S2")])],
        {},
        [
            "corpus/2000-a.yaml:28:5: provisions[0].texts[0].source: source 'S2' is not declared in this record; fix: add it under `sources:` or use one of ['S1']"
        ],
    ),
    (
        "paraphrase cites an undeclared source",
        [a(provisions=[citing(paraphrased("1"), sources=["S1", "S3"])])],
        {},
        [
            "corpus/2000-a.yaml:31:7: provisions[0].texts[0].sources[1]: source 'S3' is not declared in this record; fix: add it under `sources:` or use one of ['S1']"
        ],
    ),
    (
        "event cites an undeclared source",
        [a(events=[{**SIGNED, "sources": ["S4"]}])],
        {},
        [
            "corpus/2000-a.yaml:19:5: events[0].sources[0]: source 'S4' is not declared in this record; fix: add it under `sources:` or use one of ['S1']"
        ],
    ),
    (
        "relation cites an undeclared source",
        [a(relations=[{"type": "builds_on", "target": "2000-b", "sources": ["S5"]}]), b()],
        {},
        [
            "corpus/2000-a.yaml:34:5: relations[0].sources[0]: source 'S5' is not declared in this record; fix: add it under `sources:` or use one of ['S1']"
        ],
    ),
    (
        "misreading cites an undeclared source",
        [a(misreadings=[{**MISREAD, "sources": ["S6"]}])],
        {},
        [
            "corpus/2000-a.yaml:34:5: misreadings[0].sources[0]: source 'S6' is not declared in this record; fix: add it under `sources:` or use one of ['S1']"
        ],
    ),
    # --- provisions
    (
        "provision recorded twice",
        [a(provisions=[article("1"), article("1")])],
        {},
        [
            "corpus/2000-a.yaml:22:3: provisions[0]: provision art-1 appears twice; fix: merge the two entries or fix the article/paragraph"
        ],
    ),
    (
        "provision continues its own instrument",
        [a(provisions=[article("1", continues=["2000-a/art-1"])])],
        {},
        [
            "corpus/2000-a.yaml:31:5: provisions[0].continues[0]: a provision cannot continue its own instrument; fix: name a provision of an earlier instrument"
        ],
    ),
    (
        "provision continues an unknown instrument",
        [a(provisions=[article("1", continues=["1999-x/art-1"])])],
        {},
        [
            "corpus/2000-a.yaml:31:5: provisions[0].continues[0]: instrument '1999-x' is not in the corpus; fix: add a record for it"
        ],
    ),
    (
        "provision continues a provision that is not recorded",
        [a(provisions=[article("1", continues=["2000-b/art-9"])]), b()],
        {},
        [
            "corpus/2000-a.yaml:31:5: provisions[0].continues[0]: 2000-b has no provision art-9; fix: did you mean 'art-1'? else add it to 2000-b.yaml"
        ],
    ),
    (
        "provision on an undeclared topic",
        [a(provisions=[article("1", topics=("sovereignty",))])],
        {},
        [
            "corpus/2000-a.yaml:24:5: provisions[0].topics[0]: topic 'sovereignty' is not declared in topics.yaml; fix: use one of ['citizenship', 'electoral-rights']"
        ],
    ),
    # --- events
    (
        "signed twice",
        [a(events=[SIGNED, event("signature", "2000-02-01")])],
        {},
        [
            "corpus/2000-a.yaml:20:3: events[1]: the instrument is signed twice; fix: keep one signature event (add signatories to it)"
        ],
    ),
    (
        "event before the signature",
        [a(events=[SIGNED, event("entry_into_force", "1999-12-31")])],
        {},
        [
            "corpus/2000-a.yaml:21:3: events[1].date: entry into force on 1999-12-31 is before the signature (2000-01-01); fix: check both dates in the source"
        ],
    ),
    (
        "ratification by a state that is not a party",
        [a(events=[SIGNED, event("ratification", "2000-03-01", party="Republic of Poland")])],
        {},
        [
            "corpus/2000-a.yaml:24:3: events[1].party: 'Republic of Poland' is not a party; fix: use one of ['Russian Federation', 'Republic of Belarus']"
        ],
    ),
    (
        "ratification after the termination",
        [
            a(
                events=[
                    SIGNED,
                    event("termination", "2000-05-01"),
                    event("ratification", "2000-06-01", party="Russian Federation"),
                ]
            )
        ],
        {},
        [
            "corpus/2000-a.yaml:25:3: events[2].date: ratification on 2000-06-01 is after the termination (2000-05-01); fix: check both dates in the source"
        ],
    ),
    (
        "termination before the entry into force",
        [a(events=[SIGNED, event("entry_into_force", "2000-06-01"), event("termination", "2000-05-01")])],
        {},
        [
            "corpus/2000-a.yaml:21:3: events[1].date: entry into force on 2000-06-01 is after the termination (2000-05-01); fix: check both dates in the source",
            "corpus/2000-a.yaml:25:3: events[2].date: termination on 2000-05-01 is before entry into force (2000-06-01); fix: check both dates in the source",
        ],
    ),
    (
        "termination by an unknown instrument",
        [a(events=[SIGNED, event("termination", "2001-01-01", by="2001-x")])],
        {},
        [
            "corpus/2000-a.yaml:24:3: events[1].by: instrument '2001-x' is not in the corpus; fix: did you mean '2000-a'?"
        ],
    ),
    (
        "termination by a provision that is not recorded",
        [a(events=[SIGNED, event("termination", "2001-01-01", by="2000-b", by_provision="art-7")]), b()],
        {},
        [
            "corpus/2000-a.yaml:25:3: events[1].by_provision: 2000-b has no provision art-7; fix: did you mean 'art-1'? else add it to 2000-b.yaml"
        ],
    ),
    (
        "amendment by an unknown instrument",
        [a(events=[SIGNED, event("amendment", "2001-01-01", by="2001-x")])],
        {},
        [
            "corpus/2000-a.yaml:24:3: events[1].by: instrument '2001-x' is not in the corpus; fix: did you mean '2000-a'?"
        ],
    ),
    (
        "amendment of a provision that is not recorded",
        [
            a(events=[SIGNED, event("amendment", "2001-01-01", by="2000-b", provisions=["art-2"])]),
            b(relations=[{"type": "amends", "target": "2000-a"}]),
        ],
        {},
        [
            "corpus/2000-a.yaml:26:5: events[1].provisions[0]: 2000-a has no provision art-2; fix: did you mean 'art-1'? else add it to 2000-a.yaml"
        ],
    ),
    (
        "amendment by an instrument that does not say it amends",
        [a(events=[SIGNED, event("amendment", "2001-01-01", by="2000-b")]), b()],
        {},
        [
            "corpus/2000-a.yaml:24:3: events[1].by: 2000-b records no `amends: 2000-a` relation; fix: add `- {type: amends, target: 2000-a}` to the relations of 2000-b"
        ],
    ),
    # --- relations
    (
        "relation to itself",
        [a(relations=[{"type": "builds_on", "target": "2000-a", "via": "art-9"}])],
        {},
        [
            "corpus/2000-a.yaml:32:3: relations[0].target: an instrument cannot relate to itself; fix: name another instrument"
        ],
    ),
    (
        "relation to an unknown instrument",
        [a(relations=[{"type": "builds_on", "target": "1999-x"}])],
        {},
        [
            "corpus/2000-a.yaml:32:3: relations[0].target: instrument '1999-x' is not in the corpus; fix: add a record for it"
        ],
    ),
    (
        "relation to a provision that is not recorded",
        [a(relations=[{"type": "builds_on", "target": "2000-b", "provision": "art-3"}]), b()],
        {},
        [
            "corpus/2000-a.yaml:33:3: relations[0].provision: 2000-b has no provision art-3; fix: did you mean 'art-1'? else add it to 2000-b.yaml"
        ],
    ),
    (
        "relation via a provision that is not recorded",
        [a(relations=[{"type": "builds_on", "target": "2000-b", "via": "art-4"}]), b()],
        {},
        [
            "corpus/2000-a.yaml:33:3: relations[0].via: 2000-a has no provision art-4; fix: did you mean 'art-1'? else add it to 2000-a.yaml"
        ],
    ),
    (
        "consolidation whose renumbering names no source",
        [a(relations=[{"type": "consolidates", "target": "2000-b", "renumbering": {"art-1": "art-1"}}]), b()],
        {},
        [
            "corpus/2000-a.yaml:33:3: relations[0].renumbering: a renumbering names no source; fix: add `sources: [S…]` for the table or note that shows the old and new numbers"
        ],
    ),
    (
        "renumbering of a lettered article that is not recorded",
        [
            a(
                relations=[
                    {"type": "consolidates", "target": "2000-b", "renumbering": {"art-f": "art-1"}, "sources": ["S1"]}
                ]
            ),
            b(provisions=[article("F", paragraph="1"), article("G")]),
        ],
        {},
        [
            "corpus/2000-a.yaml:34:5: relations[0].renumbering.art-f: 2000-b has no provision art-f; fix: did you mean 'art-f/para-1'? else add it to 2000-b.yaml"
        ],
    ),
    (
        "amends an instrument that records no amendment",
        [a(relations=[{"type": "amends", "target": "2000-b"}]), b()],
        {},
        [
            "corpus/2000-a.yaml:31:3: relations[0]: 2000-b records no amendment by 2000-a; fix: add an `amendment` event with `by: 2000-a` to 2000-b.yaml"
        ],
    ),
    (
        "an amending operation on a provision the amended instrument does not have on its date",
        [
            a(
                relations=[
                    {"type": "amends", "target": "2000-b", "operations": [{"op": "repeal", "provision": "art-4"}]}
                ]
            ),
            b(events=[SIGNED, event("amendment", "2001-01-01", by="2000-a")]),
        ],
        {},
        [
            "corpus/2000-a.yaml:35:5: relations[0].operations[0].provision: 2000-b has no provision art-4 on 2001-01-01; fix: name one of ['art-1'] (provisions recorded, as amended before 2001-01-01)"
        ],
    ),
    # --- assessments
    (
        "topic assessed twice",
        [a(assessments=[assessment("citizenship", "status-of-nationals"), assessment("citizenship", "equal-rights")])],
        {},
        [
            "corpus/2000-a.yaml:38:3: assessments[1].topic: topic 'citizenship' is assessed twice; fix: keep one assessment per topic"
        ],
    ),
    (
        "assessment cites a provision that is not recorded",
        [a(assessments=[assessment("citizenship", "equal-rights", "art-5")])],
        {},
        [
            "corpus/2000-a.yaml:37:7: assessments[0].codes[0].provisions[0]: 2000-a has no provision art-5; fix: did you mean 'art-1'? else add it to 2000-a.yaml"
        ],
    ),
    (
        "assessment on an undeclared topic",
        [a(assessments=[assessment("sovereignty", "retained", "art-1")])],
        {},
        [
            "corpus/2000-a.yaml:31:3: assessments[0].topic: topic 'sovereignty' is not declared in topics.yaml; fix: use one of ['citizenship', 'electoral-rights']"
        ],
    ),
    (
        "value not of the dimension",
        [a(assessments=[assessment("citizenship", "dual", "art-1")])],
        {},
        [
            "corpus/2000-a.yaml:35:5: assessments[0].codes[0].value: 'dual' is not a value of dimension 'status'; fix: use one of ['status-of-nationals', 'equal-rights', 'union-citizenship']"
        ],
    ),
    (
        "dimension not of the topic",
        [a(assessments=[assessment("citizenship", "equal-rights", "art-1", dimension="nationality")])],
        {},
        [
            "corpus/2000-a.yaml:34:5: assessments[0].codes[0].dimension: 'nationality' is not a dimension of topic 'citizenship'; fix: use one of ['status', 'national-citizenship']"
        ],
    ),
    # --- misreadings
    (
        "misreading cites an unknown instrument",
        [a(misreadings=[{**MISREAD, "provisions": ["1999-x/art-1"]}])],
        {},
        [
            "corpus/2000-a.yaml:34:5: misreadings[0].provisions[0]: instrument '1999-x' is not in the corpus; fix: add a record for it"
        ],
    ),
    (
        "misreading cites a provision that is not recorded",
        [a(misreadings=[{**MISREAD, "provisions": ["2000-a/art-8"]}])],
        {},
        [
            "corpus/2000-a.yaml:34:5: misreadings[0].provisions[0]: 2000-a has no provision art-8; fix: did you mean 'art-1'? else add it to 2000-a.yaml"
        ],
    ),
]


def tree(folder: Path) -> dict[str, tuple[int, str]]:
    """Every file under ``folder``: name → (size, sha256)."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize(("case", "records", "extra", "expected"), RULES, ids=[row[0] for row in RULES])
def test_a_broken_rule_is_one_exact_line(
    make_corpus: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    case: str,
    records: list[dict[str, Any]],
    extra: dict[str, Any],
    expected: list[str],
) -> None:
    make_corpus(*records, **extra)
    monkeypatch.chdir(tmp_path)
    before = tree(tmp_path)
    result = CliRunner().invoke(cli, ["validate", "corpus"])
    n = len(expected)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [*expected, f"{n} problem{'s' if n != 1 else ''} found; nothing was written."]
    assert tree(tmp_path) == before


def test_every_rule_is_broken_by_a_row(make_corpus: Callable[..., Path]) -> None:
    """A rule added to INSTRUMENT_RULES without a row in RULES fails here."""
    broken = set()
    for _, records, extra, _ in RULES:
        folder = make_corpus(*records, **extra)
        loaded = [(raw, validate_record(raw, Instrument)) for raw in map(read_record, iter_record_paths([folder]))]
        topics_file = folder / "topics.yaml"
        topics = validate_record(read_record(topics_file), TopicCatalogue) if topics_file.exists() else None
        by_id = {inst.id: inst for _, inst in reversed(loaded)}
        for raw, inst in loaded:
            broken |= {rule.__name__ for rule in INSTRUMENT_RULES if list(rule(Subject(raw, inst, by_id, topics)))}
        shutil.rmtree(folder)
    assert broken == {rule.__name__ for rule in INSTRUMENT_RULES}


def test_the_rules_examples_run() -> None:
    result = doctest.testmod(legalgen.records.rules, optionflags=doctest.ELLIPSIS)
    assert (result.failed, result.attempted > 0) == (0, True)
