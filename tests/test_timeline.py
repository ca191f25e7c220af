"""The analysis across time on tiny hand-made corpora: lives, status on a date, positions, threads, matrix."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from legalgen.analysis import (
    Basis,
    CaveatKind,
    DimensionPosition,
    Direction,
    MatrixCell,
    Status,
    TopicPosition,
    position_on,
    rights_matrix,
    status_as_of,
    topic_thread,
    topic_threads,
)
from legalgen.errors import UnknownName
from legalgen.records import Corpus, load_corpus

from .conftest import article, assessment, event, instrument, paraphrased

D = dt.date.fromisoformat
MakeCorpus = Callable[..., Path]


def value(position: TopicPosition | MatrixCell) -> str | None:
    """The value of a test topic's first (main) dimension: the one the single-code fixtures code."""
    return position.dimensions[0].value


def main(position: TopicPosition) -> DimensionPosition:
    return position.dimensions[0]


def load(make_corpus: MakeCorpus, *records: dict[str, Any]) -> Corpus:
    return load_corpus([make_corpus(*records)])


def citizenship_history() -> list[dict[str, Any]]:
    """Status of nationals (1995, entry into force not recorded) → Union citizenship (1997–2000) → equal rights.

    The 1997 record lists its events out of order, as people do when they add a termination later.
    """
    return [
        instrument(
            "1995-a",
            signed="1995-02-21",
            provisions=[article("17", topics=("citizenship",))],
            assessments=[assessment("citizenship", "status-of-nationals", "art-17")],
        ),
        instrument(
            "1997-b",
            signed="1997-04-02",
            events=[
                event("termination", "2000-01-26", by="1999-c", by_provision="art-70"),
                event("entry_into_force", "1997-06-11"),
                event("signature", "1997-04-02"),
            ],
            provisions=[article("2", "Устанавливается гражданство Союза.", topics=("citizenship",))],
            assessments=[assessment("citizenship", "union-citizenship", "art-2")],
        ),
        instrument(
            "1999-c",
            signed="1999-12-08",
            events=[event("signature", "1999-12-08"), event("entry_into_force", "2000-01-26")],
            provisions=[paraphrased("14", topics=("citizenship",)), paraphrased("70")],
            assessments=[assessment("citizenship", "equal-rights", "art-14")],
        ),
    ]


def amendment_history() -> list[dict[str, Any]]:
    """A 1998 treaty gives rights to Union bodies; a 2025 protocol adds local rights from 29 October 2025."""
    return [
        instrument(
            "1998-t",
            signed="1998-12-25",
            events=[
                event("signature", "1998-12-25"),
                event("entry_into_force", "1999-03-01"),
                event("amendment", "2025-10-29", by="2025-p", provisions=["art-1"]),
            ],
            provisions=[article("1", "Граждане обладают равными правами избирать.", topics=("electoral-rights",))],
            assessments=[assessment("electoral-rights", "union-bodies", "art-1")],
        ),
        instrument(
            "2025-p",
            signed="2025-03-13",
            kind="protocol",
            events=[event("signature", "2025-03-13"), event("entry_into_force", "2025-10-29")],
            relations=[{"type": "amends", "target": "1998-t", "provision": "art-1"}],
            provisions=[paraphrased("1", "Residents may elect local bodies.", topics=("electoral-rights",))],
            assessments=[assessment("electoral-rights", "local", "art-1")],
        ),
        instrument(
            "2025-law",
            signed="2025-07-23",
            kind="law",
            parties=["Russian Federation"],
            relations=[{"type": "ratifies", "target": "2025-p"}],
            provisions=[paraphrased("1", "The Protocol is ratified.", topics=("electoral-rights",))],
            assessments=[assessment("electoral-rights", "local", "art-1")],
        ),
    ]


# --------------------------------------------------------------------------- status on a date


def test_events_out_of_order_in_the_file_give_the_right_life(make_corpus: MakeCorpus) -> None:
    corpus = load(make_corpus, *citizenship_history())
    state = status_as_of(corpus, D("1998-01-01"))
    life = state.status("1997-b").life
    assert (life.signed and life.signed.date, life.in_force and life.in_force.date) == (
        D("1997-04-02"),
        D("1997-06-11"),
    )
    assert life.terminated is not None
    assert (life.terminated.date, life.terminated.by, life.terminated.by_provision) == (
        D("2000-01-26"),
        "1999-c",
        "art-70",
    )


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("1997-04-01", Status.not_yet_signed),
        ("1997-04-02", Status.signed_not_in_force),
        ("1997-06-10", Status.signed_not_in_force),
        ("1997-06-11", Status.in_force),  # the day of entry into force is a day in force
        ("2000-01-25", Status.in_force),
        ("2000-01-26", Status.terminated),  # ceased to have effect that day
        ("2030-01-01", Status.terminated),
    ],
)
def test_status_around_signature_entry_into_force_and_termination(
    make_corpus: MakeCorpus, date: str, expected: Status
) -> None:
    corpus = load(make_corpus, *citizenship_history())
    assert status_as_of(corpus, D(date)).status("1997-b").status is expected


def test_position_counts_from_the_day_of_entry_into_force_not_the_day_before(make_corpus: MakeCorpus) -> None:
    corpus = load(make_corpus, *citizenship_history())
    assert value(position_on(corpus, "citizenship", D("1997-06-10"))) == "status-of-nationals"
    on_the_day = position_on(corpus, "citizenship", D("1997-06-11"))
    assert value(on_the_day) == "union-citizenship"
    assert on_the_day.instruments == ("1997-b",)
    assert [s.value for s in main(on_the_day).also_applying] == ["status-of-nationals"]


def test_signed_but_never_in_force_is_not_called_out_of_force(make_corpus: MakeCorpus) -> None:
    corpus = load(make_corpus, *citizenship_history())
    status = status_as_of(corpus, D("1996-01-01")).status("1995-a")
    assert status.status is Status.entry_into_force_not_recorded
    assert status.life.in_force is None
    # its position still counts, as stated by a signed instrument, and says so
    position = position_on(corpus, "citizenship", D("1996-01-01"))
    assert value(position) == "status-of-nationals"
    support = main(position).rests_on
    assert support is not None
    assert support.start == "signature" and support.applies_from == D("1995-02-21")
    assert CaveatKind.entry_into_force_not_recorded in {c.kind for c in support.caveats}


def test_a_date_before_the_first_instrument(make_corpus: MakeCorpus) -> None:
    corpus = load(make_corpus, *citizenship_history())
    state = status_as_of(corpus, D("1990-01-01"))
    assert state.before_records and not state.after_records
    assert {s.status for s in state.instruments} == {Status.not_yet_signed}
    assert [(p.topic, value(p), p.supports) for p in state.positions] == [
        ("citizenship", None, ()),
        ("electoral-rights", None, ()),
    ]


def test_a_future_date_keeps_the_last_position_and_says_so(make_corpus: MakeCorpus) -> None:
    corpus = load(make_corpus, *citizenship_history())
    state = status_as_of(corpus, D("2040-01-01"), today=D("2026-11-23"))
    assert state.in_future and state.after_records and state.last_event == D("2000-01-26")
    assert value(state.position("citizenship")) == "equal-rights"
    # without a today (the core reads no clock) a future date is just after the records
    assert not status_as_of(corpus, D("2040-01-01")).in_future


def test_unknown_topic_and_instrument_suggest_close_names(make_corpus: MakeCorpus) -> None:
    corpus = load(make_corpus, *citizenship_history())
    with pytest.raises(UnknownName, match="did you mean 'citizenship'"):
        position_on(corpus, "citizenshp", D("2000-01-01"))
    with pytest.raises(UnknownName, match="did you mean '1997-b'"):
        status_as_of(corpus, D("2000-01-01")).status("1997-bb")


# --------------------------------------------------------------------------- amendment and ratification


def test_amendment_applies_from_the_amending_instrument_s_entry_into_force(make_corpus: MakeCorpus) -> None:
    corpus = load(make_corpus, *amendment_history())
    before = status_as_of(corpus, D("2025-10-28"))
    assert value(before.position("electoral-rights")) == "union-bodies"
    assert before.status("2025-p").status is Status.signed_not_in_force
    assert [a.by for a in before.status("1998-t").amendments_pending] == ["2025-p"]
    assert before.status("1998-t").amendments_in_effect == ()

    after = status_as_of(corpus, D("2025-10-29"))
    local = after.position("electoral-rights")
    assert value(local) == "local"
    both = [s.instrument for s in (main(local).rests_on, *main(local).also_applying) if s is not None]
    # the later-dated ratification law governs; the Protocol and the amended Treaty still apply
    assert both == ["2025-law", "2025-p", "1998-t"]
    assert [(a.by, a.date) for a in after.status("1998-t").amendments_in_effect] == [("2025-p", D("2025-10-29"))]
    assert after.status("1998-t").status is Status.in_force  # amended, not replaced


def test_a_ratification_law_applies_no_earlier_than_the_treaty_it_ratifies(make_corpus: MakeCorpus) -> None:
    corpus = load(make_corpus, *amendment_history())
    # the law is signed on 2025-07-23, but the rights flow from the Protocol, in force on 2025-10-29
    assert value(position_on(corpus, "electoral-rights", D("2025-08-01"))) == "union-bodies"
    law = next(
        s for s in position_on(corpus, "electoral-rights", D("2025-10-29")).supports if s.instrument == "2025-law"
    )
    assert (law.applies_from, law.start) == (D("2025-10-29"), "ratified-instrument")
    assert [r.instrument for r in status_as_of(corpus, D("2025-08-01")).status("2025-p").relied_on_by] == ["2025-law"]


def test_relation_that_terminates_gives_a_derived_termination(make_corpus: MakeCorpus) -> None:
    old = instrument(
        "1997-old",
        signed="1997-01-01",
        events=[event("signature", "1997-01-01"), event("entry_into_force", "1997-02-01")],
        provisions=[article("1", topics=("citizenship",))],
        assessments=[assessment("citizenship", "union-citizenship", "art-1")],
    )
    new = instrument(
        "1999-new",
        signed="1999-12-08",
        events=[event("signature", "1999-12-08"), event("entry_into_force", "2000-01-26")],
        relations=[{"type": "terminates", "target": "1997-old", "via": "art-1"}],
    )
    corpus = load(make_corpus, old, new)
    status = status_as_of(corpus, D("2000-01-26")).status("1997-old")
    assert status.status is Status.terminated
    ended = status.life.terminated
    assert ended is not None and (ended.date, ended.by, ended.by_provision, ended.derived_from) == (
        D("2000-01-26"),
        "1999-new",
        "art-1",
        "1999-new",
    )
    assert CaveatKind.derived_date in {c.kind for c in status.life.caveats}
    assert value(position_on(corpus, "citizenship", D("2000-01-26"))) is None


def test_an_integral_part_shares_the_entry_into_force_and_end_of_the_whole(make_corpus: MakeCorpus) -> None:
    treaty = instrument(
        "1997-treaty",
        signed="1997-04-02",
        events=[
            event("signature", "1997-04-02"),
            event("entry_into_force", "1997-06-11"),
            event("termination", "2000-01-26"),
        ],
    )
    charter = instrument(
        "1997-charter",
        signed="1997-05-23",
        kind="charter",
        relations=[{"type": "integral_part_of", "target": "1997-treaty"}],
        provisions=[article("2", topics=("citizenship",))],
        assessments=[assessment("citizenship", "union-citizenship", "art-2")],
    )
    corpus = load(make_corpus, treaty, charter)
    life = status_as_of(corpus, D("1998-01-01")).status("1997-charter").life
    assert life.in_force is not None and (life.in_force.date, life.in_force.derived_from) == (
        D("1997-06-11"),
        "1997-treaty",
    )
    assert life.terminated is not None and life.terminated.date == D("2000-01-26")
    assert value(position_on(corpus, "citizenship", D("1997-06-10"))) is None
    assert value(position_on(corpus, "citizenship", D("1997-06-11"))) == "union-citizenship"
    assert value(position_on(corpus, "citizenship", D("2000-01-26"))) is None


def test_entry_into_force_for_one_party_only_is_not_entry_into_force(make_corpus: MakeCorpus) -> None:
    rec = instrument(
        "2001-a",
        signed="2001-01-01",
        events=[event("signature", "2001-01-01"), event("entry_into_force", "2001-06-01", party="Russian Federation")],
    )
    corpus = load(make_corpus, rec)
    status = status_as_of(corpus, D("2002-01-01")).status("2001-a")
    assert status.status is Status.entry_into_force_not_recorded
    assert CaveatKind.partial_entry_into_force in {c.kind for c in status.life.caveats}
    both = instrument(
        "2001-a",
        signed="2001-01-01",
        events=[
            event("signature", "2001-01-01"),
            event("entry_into_force", "2001-06-01", party="Russian Federation"),
            event("entry_into_force", "2001-09-01", party="Republic of Belarus"),
        ],
    )
    corpus = load(make_corpus, both)
    assert status_as_of(corpus, D("2001-08-31")).status("2001-a").status is Status.signed_not_in_force
    assert status_as_of(corpus, D("2001-09-01")).status("2001-a").status is Status.in_force


def test_unverified_event_is_flagged_on_the_position_it_supports(make_corpus: MakeCorpus) -> None:
    rec = instrument(
        "2001-a",
        signed="2001-01-01",
        events=[
            event("signature", "2001-01-01"),
            {"type": "entry_into_force", "date": "2001-06-01", "verified": False},
        ],
        provisions=[article("1", topics=("citizenship",))],
        assessments=[assessment("citizenship", "equal-rights", "art-1")],
        open_questions=["The entry-into-force date rests on a recollection."],
    )
    corpus = load(make_corpus, rec)
    support = main(position_on(corpus, "citizenship", D("2002-01-01"))).rests_on
    assert (CaveatKind.unverified_event, "entry_into_force", D("2001-06-01")) in {
        (c.kind, c.event, c.date) for c in support.caveats
    }
    life_caveats = status_as_of(corpus, D("2002-01-01")).status("2001-a").life.caveats
    assert ("open-question", "The entry-into-force date rests on a recollection.") in {
        (c.kind.value, c.text) for c in life_caveats
    }


# --------------------------------------------------------------------------- citations


def test_citations_say_whether_the_wording_is_verbatim_translation_or_paraphrase(make_corpus: MakeCorpus) -> None:
    translated = article("3", "Citizens have equal civil rights.", topics=("citizenship",))
    translated["texts"][0].update(
        language="en", rendering="unofficial_translation", translator="SojuzPravoInform", incomplete=True
    )
    rec = instrument(
        "2001-a",
        signed="2001-01-01",
        events=[event("signature", "2001-01-01"), event("entry_into_force", "2001-02-01")],
        short_title="Equal Rights Treaty (2001)",
        provisions=[article("2", topics=("citizenship",)), translated, paraphrased("4", topics=("citizenship",))],
        assessments=[assessment("citizenship", "equal-rights", "art-2", "art-3", "art-4")],
    )
    corpus = load(make_corpus, rec)
    support = main(position_on(corpus, "citizenship", D("2001-02-01"))).rests_on
    assert [(c.pin_cite, c.basis, c.incomplete) for c in support.citations] == [
        ("Equal Rights Treaty (2001), art. 2", Basis.verbatim, False),
        ("Equal Rights Treaty (2001), art. 3", Basis.translation, True),
        ("Equal Rights Treaty (2001), art. 4", Basis.paraphrase, False),
    ]
    assert support.basis is Basis.paraphrase  # only as firm as its weakest provision
    assert {(c.kind, c.provision) for c in support.caveats} >= {
        (CaveatKind.translation_only, "2001-a/art-3"),
        (CaveatKind.incomplete_text, "2001-a/art-3"),
        (CaveatKind.paraphrase_only, "2001-a/art-4"),
    }
    assert [(s.id, s.reliability) for s in support.citations[0].sources] == [("S1", "official_publication")]


# --------------------------------------------------------------------------- threads


def test_a_thread_goes_up_and_down_with_the_instrument_that_caused_each_change(make_corpus: MakeCorpus) -> None:
    corpus = load(make_corpus, *citizenship_history())
    thread = topic_thread(corpus, "citizenship")
    assert [
        (str(s.since), value(s.position), s.changes[0].direction, s.changes[0].before and s.changes[0].before.value)
        for s in thread.steps
    ] == [
        ("1995-02-21", "status-of-nationals", Direction.first, None),
        ("1997-06-11", "union-citizenship", Direction.up, "status-of-nationals"),
        ("2000-01-26", "equal-rights", Direction.down, "union-citizenship"),
    ]
    assert [s.until for s in thread.steps] == [D("1997-06-11"), D("2000-01-26"), None]
    down = thread.steps[2]
    assert {(c.instrument, c.edge, c.kind) for c in down.causes} == {
        ("1997-b", "end", "termination"),
        ("1999-c", "start", "entry-into-force"),
    }
    assert down.position.supports[0].citations[0].basis is Basis.paraphrase
    assert thread.at(D("1999-01-01")) == thread.steps[1]
    assert thread.at(D("1990-01-01")) is None


def test_a_position_that_ends_with_nothing_after_it_goes_down_to_no_position(make_corpus: MakeCorpus) -> None:
    rec = instrument(
        "1997-a",
        signed="1997-01-01",
        events=[
            event("signature", "1997-01-01"),
            event("entry_into_force", "1997-02-01"),
            event("termination", "1999-01-01"),
        ],
        provisions=[article("1", topics=("citizenship",))],
        assessments=[assessment("citizenship", "union-citizenship", "art-1")],
    )
    corpus = load(make_corpus, rec)
    steps = topic_thread(corpus, "citizenship").steps
    assert [(s.since, value(s.position), s.changes[0].direction) for s in steps] == [
        (D("1997-02-01"), "union-citizenship", Direction.first),
        (D("1999-01-01"), None, Direction.lapsed),
    ]


def test_same_position_on_new_instruments_is_a_step_and_until_cuts_the_thread(make_corpus: MakeCorpus) -> None:
    records = citizenship_history()
    records[2]["assessments"] = [assessment("citizenship", "union-citizenship", "art-14")]
    corpus = load(make_corpus, *records)
    thread = topic_thread(corpus, "citizenship")
    assert [s.changes[0].direction for s in thread.steps] == [Direction.first, Direction.up, Direction.same]
    assert thread.steps[2].position.instruments == ("1999-c",)
    assert len(topic_thread(corpus, "citizenship", until=D("1999-12-31")).steps) == 2
    assert [t.topic for t in topic_threads(corpus)] == ["citizenship", "electoral-rights"]
    assert topic_threads(corpus)[1].steps == ()


# --------------------------------------------------------------------------- matrix


def test_rights_matrix_by_instrument_and_by_year(make_corpus: MakeCorpus) -> None:
    corpus = load(make_corpus, *citizenship_history(), *amendment_history())
    by_instrument = rights_matrix(corpus)
    assert [c.key for c in by_instrument.columns][:3] == ["1995-a", "1997-b", "1998-t"]
    cell = by_instrument.cell("citizenship", "1997-b")
    assert (value(cell), cell.dimensions[0].value_label) == ("union-citizenship", "Union citizenship")
    assert cell.supports[0].citations[0].pin_cite == "Treaty 1997-b, art. 2"
    assert value(by_instrument.cell("electoral-rights", "1997-b")) is None

    by_year = rights_matrix(corpus, by="year")
    assert (by_year.columns[0].key, by_year.columns[-1].key) == ("1995", "2025")
    assert value(by_year.cell("citizenship", "1997")) == "union-citizenship"  # as at 31 December
    assert value(by_year.cell("citizenship", "2000")) == "equal-rights"
    assert value(by_year.cell("electoral-rights", "2024")) == "union-bodies"
    assert value(by_year.cell("electoral-rights", "2025")) == "local"
    with pytest.raises(ValueError, match="by must be"):
        rights_matrix(corpus, by="decade")  # type: ignore[arg-type]


def test_caveats_name_events_by_the_types_the_records_use() -> None:
    """A caveat's ``event`` is one of the record's event types, so a reader can look the event up."""
    from typing import get_args

    from legalgen.analysis import EventType
    from legalgen.records import Event

    event_models = get_args(get_args(Event)[0])  # Annotated[Signature | …, Field(discriminator="type")]
    assert set(get_args(EventType)) == {get_args(m.model_fields["type"].annotation)[0] for m in event_models}
