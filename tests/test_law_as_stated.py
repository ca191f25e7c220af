"""Issue 9, finding by finding: the documents say only what the law says, from the real corpus.

Each test would have caught one finding of the lawyer's reading: one ordinal scale per topic, status that
could only be "in force" or not, evidence nobody could see, and a diff with a status rule of its own.
"""

from __future__ import annotations

import datetime as dt

import pytest

from legalgen.analysis import (
    CaveatKind,
    Direction,
    Grade,
    Status,
    WindowStart,
    diff_instruments,
    lives,
    rights_matrix,
    status_as_of,
    topic_thread,
    topic_threads,
)
from legalgen.records import Corpus, load_corpus
from legalgen.views import report_view
from legalgen.views.words import metadata_value

from .conftest import TREATIES

DAY = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus([TREATIES])


def _rests_on(corpus: Corpus, topic: str, dimension: str, day: dt.date = DAY) -> str | None:
    d = status_as_of(corpus, day).position(topic).dimension(dimension)
    return d.rests_on.instrument if d.rests_on else None


# --------------------------------------------------------------------------- 1. one scale flattened the law


def test_a_transfer_of_powers_is_its_own_dimension_not_a_rung_above_retained_sovereignty(corpus: Corpus) -> None:
    thread = topic_thread(corpus, "sovereignty")
    step = thread.at(dt.date(2000, 1, 26))
    assert step is not None and step.since == dt.date(2000, 1, 26)
    moves = {c.dimension: c.direction for c in step.changes}
    assert moves["statehood"] is Direction.same  # still retained, now resting on the 1999 Treaty
    assert moves["competences-transferred"] is Direction.first
    # no nominal dimension ever goes "up" or "down"
    nominal = {d.id for d in thread.dimensions if d.measure.value == "nominal"}
    assert not [
        (s.since, c.dimension)
        for s in thread.steps
        for c in s.changes
        if c.dimension in nominal and c.direction in (Direction.up, Direction.down)
    ]


def test_the_2024_treaty_governs_only_what_it_addresses(corpus: Corpus) -> None:
    assert _rests_on(corpus, "sovereignty", "statehood") == "1999-union-state"
    assert _rests_on(corpus, "sovereignty", "competences-transferred") == "1999-union-state"
    assert _rests_on(corpus, "sovereignty", "mutual-defence") == "2024-security-guarantees"
    assert _rests_on(corpus, "sovereignty", "military-presence") == "2024-security-guarantees"


def test_equal_rights_hold_beside_union_citizenship(corpus: Corpus) -> None:
    state = status_as_of(corpus, DAY).position("citizenship")
    assert state.dimension("union-citizenship").value == "established"
    equal = state.dimension("equal-rights")
    assert equal.value is not None
    assert "1998-equal-rights" in [s.instrument for s in equal.also_applying]
    chart = report_view(corpus, as_of=DAY, generated=None).chart
    lane = next(lane for lane in chart.lanes if lane.title == "Citizenship")
    rows = {" ".join(r.label): r for r in lane.rows}
    assert rows["Citizenship of the union"].segments and rows["Equal rights in the other state"].segments
    # on the chart, the equal-rights row runs through the years of Union citizenship, both at once
    equal_row = rows["Equal rights in the other state"].segments
    union_row = rows["Citizenship of the union"].segments
    assert any(e.x1 <= u.x1 < e.x2 for e in equal_row for u in union_row)


def test_the_2025_protocol_states_only_local_rights(corpus: Corpus) -> None:
    cell = rights_matrix(corpus).cell("electoral-rights", "2025-equal-rights-protocol")
    assert [d.dimension for d in cell.addressed] == ["vote-local", "stand-local"]
    report = report_view(corpus, as_of=DAY, generated=None)
    row = next(r for r in report.matrix.rows if r.title == "Equal Rights Protocol (2025)")
    electoral = row.cells[-1]
    assert [k.dimension for k in electoral.codes] == ["Vote — local elections", "Stand — local elections"]
    assert "Union bodies" not in repr(electoral)


def test_a_topic_one_side_does_not_address_is_not_a_change_of_position(corpus: Corpus) -> None:
    d = diff_instruments(
        corpus.instrument("1998-equal-rights"),
        corpus.instrument("2025-equal-rights-protocol"),
        corpus.topics,
        corpus=corpus,
    )
    equal = next(p for p in d.positions if p.dimension == "equal-rights")
    assert (equal.direction, equal.differs) == ("not-addressed-by-b", False)
    assert not [p for p in d.positions if p.differs]  # nothing either side codes differs in value


# --------------------------------------------------------------------------- 2. status can be unknown


def test_the_1996_treaty_reads_status_not_established(corpus: Corpus) -> None:
    status = status_as_of(corpus, DAY).status("1996-community")
    assert status.status is Status.status_not_established
    report = report_view(corpus, as_of=DAY, generated=None)
    row = next(r for r in report.matrix.rows if r.title == "Community Treaty (1996)")
    assert row.status == "status not established since 11 June 1997"
    authority = next(a for a in report.authorities if a.short_title == "Community Treaty (1996)")
    assert "status not established after the Union Treaty (1997)" in authority.status
    assert not authority.status.startswith("in force since")


def test_the_customs_union_agreement_applies_only_on_its_condition(corpus: Corpus) -> None:
    status = status_as_of(corpus, DAY).status("1995-customs-union")
    assert status.status is Status.in_force_conditionally
    report = report_view(corpus, as_of=DAY, generated=None)
    row = next(r for r in report.matrix.rows if r.title == "Customs Union Agreement (1995)")
    assert "it applies to the extent it does not contradict the Treaty on the Eurasian Economic Union" in row.status


def test_a_declaration_is_adopted_not_waiting_for_an_entry_into_force(corpus: Corpus) -> None:
    life = lives(corpus)["1998-declaration"]
    assert life.status_on(DAY) is Status.adopted
    assert CaveatKind.entry_into_force_not_recorded not in {c.kind for c in life.caveats}
    report = report_view(corpus, as_of=DAY, generated=None)
    row = next(r for r in report.matrix.rows if r.short if False) if False else None
    assert row is None
    texts = {r.title: r.status for r in report.matrix.rows}
    assert texts["Declaration on Further Unification (1998)"].startswith("adopted on 25 December 1998")
    assert "entry into force not recorded" not in texts["Declaration on Further Unification (1998)"]


def test_counted_from_signature_is_never_attached_to_what_began_with_an_entry_into_force(corpus: Corpus) -> None:
    for thread in topic_threads(corpus):
        for step in thread.steps:
            for change in step.changes:
                sup = change.after.rests_on
                if sup is None or sup.start is not WindowStart.entry_into_force:
                    continue
                assert CaveatKind.entry_into_force_not_recorded not in {c.kind for c in sup.caveats}, (
                    thread.topic,
                    step.since,
                    change.dimension,
                )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("1997-charter", "1999-union-state"),
        ("1996-community", "1997-union"),
        ("1995-customs-union", "1998-declaration"),
    ],
)
def test_diff_states_the_status_as_of_states_it(corpus: Corpus, a: str, b: str) -> None:
    d = diff_instruments(corpus.instrument(a), corpus.instrument(b), corpus.topics, corpus=corpus)
    status = next(m for m in d.metadata if m.field == "status")
    final = lives(corpus)
    for iid, value in ((a, status.a), (b, status.b)):
        assert value is not None and value.split(" ")[0] == final[iid].final_status.value
    words = {iid: metadata_value("status", value) for iid, value in ((a, status.a), (b, status.b))}
    if "1996-community" in words:
        assert words["1996-community"].startswith("status not established since 11 June 1997")


# --------------------------------------------------------------------------- 3. the weight of the evidence


def test_the_protocol_rests_on_accounts_and_says_so(corpus: Corpus) -> None:
    local = status_as_of(corpus, DAY).position("electoral-rights").dimension("vote-local")
    assert local.rests_on is not None and local.rests_on.instrument == "2025-equal-rights-protocol"
    assert local.grade is Grade.account
    report = report_view(corpus, as_of=DAY, generated=None)
    electoral = next(c for c in report.chapters if c.title == "Electoral rights")
    headings = {m.instrument: m.law_heading for m in electoral.misreadings}
    assert headings["Equal Rights Protocol (2025)"] == "What is reported about it"
    summary = "".join(r.text for item in report.summary[3].items for r in item)
    assert "Permanent residents from the other party" in summary
    assert "evidence: accounts or a draft only, the text itself not seen" in summary


def test_no_news_item_commentary_or_reprint_is_called_an_official_publication(corpus: Corpus) -> None:
    for inst in corpus.instruments:
        for src in inst.sources:
            title = src.title.lower()
            if any(w in title for w in ("belta", "ria novosti", "interfax", "kommersant", "expert", "wikipedia")):
                assert src.reliability.value != "official_publication", (inst.id, src.id, src.title)


def test_every_statement_in_the_json_carries_its_grade(corpus: Corpus) -> None:
    from legalgen.render.data import as_of_data

    data = as_of_data(status_as_of(corpus, DAY))
    for position in data["positions"]:
        for d in position["dimensions"]:
            for sup in [d["rests_on"], *d["also_applying"]] if d["rests_on"] else []:
                assert sup["grade"] in {g.value for g in Grade}
                assert all(c["grade"] in {g.value for g in Grade} for c in sup["citations"])


# ------------------------------------------------------ 6. silence of the records is not silence of the law


@pytest.mark.parametrize(
    "args",
    [["thread", "citizenship"], ["as-of", "2001-01-01"], ["report", "--format", "html", "--as-of", "2026-01-01"]],
)
def test_a_dimension_no_recorded_provision_addresses_is_not_said_to_be_unaddressed_by_the_law(
    args: list[str], tmp_path: object
) -> None:
    """The Charter's words on national citizenship ceased in 2000; the 1999 Treaty's art. 14 is recorded only
    as a summary that does not mention the point. The documents may say the records hold no provision on it,
    never that no instrument in force addresses it."""
    from click.testing import CliRunner

    from legalgen.cli import cli

    out = tmp_path / "out.html"  # type: ignore[operator]
    extra = ["--output", str(out)] if args[0] == "report" else []
    result = CliRunner().invoke(cli, [*args, "--corpus", str(TREATIES), *extra])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8") if extra else result.output  # type: ignore[union-attr]
    assert "Relation to national citizenship" in text
    for claim in (
        "no instrument in force",
        "addressed by an instrument in force",
        "no instrument then in force",
        "no instrument that applies addresses",
    ):
        assert claim not in text, claim
    assert "recorded provision in force" in text
