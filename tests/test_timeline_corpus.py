"""The facts a lawyer checks first, on the real corpus in treaties/ (see /work/shared/research/treaty-facts.md)."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from click.testing import CliRunner

from legalgen.analysis import (
    Basis,
    CaveatKind,
    Direction,
    Grade,
    Status,
    clause_genealogy,
    position_on,
    rights_matrix,
    status_as_of,
    topic_thread,
)
from legalgen.cli import cli
from legalgen.records import Corpus, load_corpus

from .conftest import ROOT, TREATIES

D = dt.date.fromisoformat

pytestmark = [
    pytest.mark.slow,  # reads treaties/ (about a second to load)
    pytest.mark.skipif(not (TREATIES / "topics.yaml").is_file(), reason="treaties/ not merged yet"),
]

IDS = [
    "1995-customs-union",
    "1995-friendship",
    "1996-community",
    "1997-union",
    "1997-charter",
    "1998-equal-rights",
    "1998-declaration",
    "1999-union-state",
    "2024-security-guarantees",
    "2025-equal-rights-protocol",
    "2025-ru-ratification-law",
]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus([TREATIES])


def cli_out(*args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "--corpus", str(TREATIES)])
    assert result.exit_code == 0, result.output
    return result.stdout


def value(topic: str, dimension: str, day: dt.date, corpus: Corpus) -> str | None:
    return position_on(corpus, topic, day).dimension(dimension).value


def test_the_corpus_holds_the_instruments_and_dimensions_the_analysis_expects(corpus: Corpus) -> None:
    assert sorted(corpus.ids) == sorted(IDS)
    dims = {t.id: [d.id for d in t.dimensions] for t in corpus.topics.topics}
    assert dims["citizenship"] == ["union-citizenship", "national-citizenship", "equal-rights"]
    assert dims["electoral-rights"] == [
        f"{r}-{lvl}" for lvl in ("union", "national", "regional", "local") for r in ("vote", "stand")
    ]
    assert dims["sovereignty"] == [
        "statehood",
        "competences-transferred",
        "mutual-defence",
        "military-presence",
        "withdrawal",
    ]


def test_union_citizenship_appears_with_the_1997_charter_in_force_on_11_june_1997(corpus: Corpus) -> None:
    assert value("citizenship", "union-citizenship", D("1997-06-10"), corpus) is None
    assert value("citizenship", "equal-rights", D("1997-06-10"), corpus) == "own-nationals-protected"
    citizenship = position_on(corpus, "citizenship", D("1997-06-11")).dimension("union-citizenship")
    assert citizenship.value == "established"
    assert citizenship.rests_on is not None and citizenship.rests_on.instrument == "1997-charter"
    (cite,) = citizenship.rests_on.citations
    assert (cite.pin_cite, cite.basis, cite.incomplete) == (
        "Charter of the Union (1997), art. 2",
        Basis.verbatim,
        False,
    )
    assert status_as_of(corpus, D("1997-06-10")).status("1997-charter").status is Status.signed_not_in_force


def test_local_electoral_rights_hold_only_from_29_october_2025(corpus: Corpus) -> None:
    assert value("electoral-rights", "vote-local", D("2025-10-28"), corpus) is None
    assert value("electoral-rights", "vote-union", D("2025-10-28"), corpus) == "all-citizens"
    local = position_on(corpus, "electoral-rights", D("2025-10-29")).dimension("vote-local")
    assert local.value == "permanent-residents"
    assert local.rests_on is not None and local.rests_on.instrument == "2025-equal-rights-protocol"
    # the Russian ratification law of July 2025 did not bring the right forward
    assert value("electoral-rights", "vote-local", D("2025-08-01"), corpus) is None
    before, after = status_as_of(corpus, D("2025-10-28")), status_as_of(corpus, D("2025-10-29"))
    assert [a.by for a in before.status("1998-equal-rights").amendments_pending] == ["2025-equal-rights-protocol"]
    assert [a.by for a in after.status("1998-equal-rights").amendments_in_effect] == ["2025-equal-rights-protocol"]
    assert before.status("2025-equal-rights-protocol").status is Status.signed_not_in_force
    assert after.status("2025-equal-rights-protocol").status is Status.in_force
    # never national or regional: the right is local only
    cell = rights_matrix(corpus, by="year").cell("electoral-rights", "2025")
    assert {d.dimension for d in cell.addressed} == {"vote-union", "stand-union", "vote-local", "stand-local"}


def test_the_1997_charter_is_no_longer_in_force_from_26_january_2000(corpus: Corpus) -> None:
    assert status_as_of(corpus, D("2000-01-25")).status("1997-charter").status is Status.in_force
    ended = status_as_of(corpus, D("2000-01-26")).status("1997-charter")
    assert ended.status is Status.terminated
    assert ended.life.terminated is not None
    assert (ended.life.terminated.by, ended.life.terminated.by_provision) == ("1999-union-state", "art-70/para-1")
    assert "1997-charter" not in position_on(corpus, "citizenship", D("2000-01-26")).instruments
    assert value("citizenship", "national-citizenship", D("2000-01-26"), corpus) is None  # lapsed with the Charter


def test_the_1999_treaty_s_citizenship_and_sovereignty_support_is_paraphrase_only_and_flagged(corpus: Corpus) -> None:
    for topic, article in (("citizenship", "1999-union-state/art-14"), ("sovereignty", "1999-union-state/art-6")):
        support = next(
            s
            for s in rights_matrix(corpus).cell(topic, "1999-union-state").supports
            if any(c.ref == article for c in s.citations)
        )
        cite = next(c for c in support.citations if c.ref == article)
        assert cite.basis is Basis.paraphrase
        assert support.basis is Basis.paraphrase
        assert support.grade is Grade.account  # art. 14 and art. 6 are known only from accounts
        assert (CaveatKind.paraphrase_only, article) in {(c.kind, c.provision) for c in support.caveats}
    out = cli_out("as-of", "2000-01-26")
    assert "        Union State Treaty (1999), art. 14 [paraphrase only]" in out.splitlines()
    assert "  ! 1999-union-state/art-14: wording known only as a paraphrase" in out.splitlines()


def test_sovereignty_thread_adds_dimensions_and_never_climbs_a_nominal_one(corpus: Corpus) -> None:
    steps = topic_thread(corpus, "sovereignty").steps
    assert [(str(s.since), [(c.dimension, c.direction) for c in s.changes]) for s in steps] == [
        ("1995-02-21", [("statehood", Direction.first)]),
        ("1997-06-11", [("statehood", Direction.changed)]),
        (
            "2000-01-26",
            [
                ("statehood", Direction.same),
                ("competences-transferred", Direction.first),
                ("withdrawal", Direction.first),
            ],
        ),
        ("2025-03-13", [("mutual-defence", Direction.first), ("military-presence", Direction.first)]),
    ]


def test_instruments_without_a_recorded_entry_into_force_are_flagged_not_denied(corpus: Corpus) -> None:
    state = status_as_of(corpus, D("2000-01-01"))
    friendship = state.status("1995-friendship")
    assert friendship.status is Status.entry_into_force_not_recorded
    assert [(r.instrument, r.relation) for r in friendship.relied_on_by] == [("1996-community", "builds_on")]
    line = next(x for x in cli_out("as-of", "2000-01-01").splitlines() if x.startswith("  1995-friendship "))
    assert line.split(None, 1)[1] == (
        "signed on 1995-02-21; entry into force not recorded (later instruments rely on it: 1996-community builds on it)"
    )


def test_before_the_first_instrument_and_in_the_future(corpus: Corpus) -> None:
    early = status_as_of(corpus, D("1994-12-31"))
    assert early.before_records and {len(p.addressed) for p in early.positions} == {0}
    late = status_as_of(corpus, D("2031-01-01"), today=D("2026-11-23"))
    assert late.in_future and late.position("electoral-rights").dimension("vote-local").value == "permanent-residents"


def test_recorded_genealogy_links_are_all_there_and_marked_recorded(corpus: Corpus) -> None:
    links = clause_genealogy(corpus)
    recorded = {(k.earlier.ref, k.later.ref) for k in links if k.recorded}
    expected = {(ref, f"{i.id}/{p.id}") for i in corpus.instruments for p in i.provisions for ref in p.continues}
    assert recorded == expected
    assert ("1997-union/art-1", "1999-union-state/art-6") in recorded
    assert {
        ("1996-community/art-9", "1997-charter/art-39"),
        ("1996-community/art-10", "1997-charter/art-39"),
    } <= recorded
    sovereignty = clause_genealogy(corpus, topic="sovereignty")
    assert all("sovereignty" in k.topics for k in sovereignty)


def test_every_json_field_is_documented() -> None:
    documented = set(re.findall(r"`([a-z_]+)`", (ROOT / "docs" / "json.md").read_text(encoding="utf-8")))
    commands = [
        ["as-of", "2025-10-28", "--json"],
        ["thread", "citizenship", "--json"],
        ["matrix", "--format", "json"],
        ["genealogy", "--json"],
    ]
    emitted: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            emitted.update(value)
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for command in commands:
        walk(json.loads(cli_out(*command)))
    assert emitted - documented == set()
