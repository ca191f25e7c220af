"""A brief as a view model: a short formal document on one instrument or one topic, citations in footnotes.

A brief on an instrument reads: the instrument, its status with its life event by event, its positions, its
provisions quoted, its relations to other instruments, misreadings, what is not verified, its sources. A
brief on a topic reads: the scale, the position in force period by period, what each instrument states,
the supporting provisions, misreadings, what is not verified.

    >>> brief_view(corpus, "1997-union", as_of=..., generated=...).meta.slug  # doctest: +SKIP
    'brief-1997-union'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from legalgen import analysis as tl
from legalgen.analysis.citations import weakest_grade
from legalgen.errors import UnknownName, close_matches
from legalgen.ids import ProvisionRef
from legalgen.records import Corpus, Event, Instrument, Measure, Topic
from legalgen.views.analysis import (
    Analysis,
    Standing,
    against_law_then,
    amendment_notice,
    analysis,
    chapter_provisions,
    standing,
    titles,
    topic_summary,
)
from legalgen.views.blocks import (
    Cites,
    Fact,
    Meta,
    Misread,
    Note,
    Para,
    ProvisionBlock,
    Run,
    SourceRow,
    make_meta,
    misread,
    misread_topics,
    note_text,
    other_titles,
    provision_block,
    reading_key,
    source_rows,
    sources_note,
)
from legalgen.views.checks import checks
from legalgen.views.words import (
    KIND_LABELS,
    Naming,
    cause_text,
    describe_event,
    evidence,
    flags,
    graded_change_text,
    long_date,
    relation_text,
    sentence_case,
    signed_fact,
    value_label,
)
from legalgen.views.words.citations import full_citation


@dataclass(frozen=True)
class BriefSection:
    id: str
    title: str
    paras: tuple[Para, ...] = ()
    facts: tuple[Fact, ...] = ()
    items: tuple[Para, ...] = ()
    provisions: tuple[ProvisionBlock, ...] = ()
    misreadings: tuple[Misread, ...] = ()
    sources: tuple[SourceRow, ...] = ()


@dataclass(frozen=True)
class BriefView:
    """A short formal brief on one instrument or one topic, its citations in footnotes."""

    meta: Meta
    heading: str
    heading_other: tuple[Fact, ...]
    facts: tuple[Fact, ...]
    sections: tuple[BriefSection, ...]
    notes: tuple[Note, ...]
    key: tuple[Fact, ...]


def brief_view(
    corpus: Corpus, target: str, *, as_of: dt.date, generated: dt.date | None, citation_style: str = "plain"
) -> BriefView:
    """A brief on one instrument (``target`` is its id) or one topic (``target`` is the topic id); an
    instrument's brief opens with its full citation in ``citation_style`` (oscola, bluebook or plain).

    >>> view = brief_view(corpus, "1999-union-state", as_of=dt.date(2025, 1, 1), generated=dt.date(2025, 1, 1))
    >>> view.meta.slug, view.meta.title
    ('brief-1999-union-state', 'Brief: Union State Treaty (1999)')
    """
    if target in corpus.ids:
        return _instrument_brief(corpus, corpus.instrument(target), as_of, generated, citation_style)
    if corpus.topics.topic(target) is not None:
        return _topic_brief(corpus, target, as_of, generated)
    known = list(corpus.ids) + [t.id for t in corpus.topics.topics]
    raise UnknownName("instrument or topic", target, close_matches(target, known) or known)


def _unless_empty(section: BriefSection) -> list[BriefSection]:
    """The section, or none where it has nothing to show."""
    s = section
    return [s] if (s.paras or s.facts or s.items or s.provisions or s.misreadings or s.sources) else []


# --------------------------------------------------------------------------- on one instrument


def _event_note(inst: Instrument, event: Event, cites: Cites) -> Note:
    if not event.sources:
        return cites.note("No source recorded; not verified." + (f" {event.note}" if event.note else ""))
    return cites.note(sources_note(inst, event.sources) + (f" {event.note}" if event.note else ""))


def _status(inst: Instrument, st: Standing, as_of: dt.date, cites: Cites, names: dict[str, str]) -> BriefSection:
    """The status on the brief's date, then each event up to that date, with its source in a note."""
    life = [
        Para((Run(describe_event(event, inst, names), note=_event_note(inst, event, cites)),))
        for event in sorted(inst.events, key=lambda e: (e.date, e.type))
        if event.date <= as_of
    ]
    return BriefSection(
        "sec--status",
        f"Status as of {long_date(as_of)}",
        paras=(Para((Run(sentence_case(st.text) + "."),)),),
        items=tuple(life),
    )


def _positions(corpus: Corpus, inst: Instrument, cites: Cites) -> tuple[Para, ...]:
    """``Citizenship: Citizenship of the union: *Established* (evidence: …). summary¹`` for each topic."""
    positions: list[Para] = []
    for t in corpus.topics.topics:
        found = next((x for x in inst.assessments if x.topic == t.id), None)
        if found is None:
            continue
        note = cites.note(note_text(inst, found.provisions))
        runs: list[Run] = [Run(f"{t.title} — ")]
        for i, code in enumerate(found.codes):
            grade = weakest_grade(tl.cite(inst, pid).grade for pid in code.provisions)
            runs += [
                Run("; " if i else ""),
                Run(f"{_dimension_label(t, code.dimension)}: "),
                Run(value_label(t, code.dimension, code.value), em=True),
                Run(f" ({evidence(grade)})"),
            ]
        positions.append(Para((*runs, Run(". "), Run(found.summary, note=note))))
    return tuple(positions)


def _dimension_label(t: Topic, dimension: str) -> str:
    found = t.dimension(dimension)
    return found.label if found else dimension


def _relations(inst: Instrument, cites: Cites, names: dict[str, str]) -> tuple[Para, ...]:
    """``Terminates the Charter of the Union (1997) by its art. 70(1).``, with the sources in a note."""
    rels: list[Para] = []
    for rel in inst.relations:
        note = cites.note(sources_note(inst, rel.sources)) if rel.sources else None
        text = relation_text(rel.type, rel.target, rel.provision, rel.via, Naming.prose(names), rel.renumbering) + "."
        text += f" {rel.note}" if rel.note else ""
        rels.append(Para((Run(text, note=note),)))
    return tuple(rels)


def _instrument_brief(
    corpus: Corpus, inst: Instrument, as_of: dt.date, generated: dt.date | None, style: str = "plain"
) -> BriefView:
    cites = Cites({ProvisionRef(inst.id, p.article, p.paragraph).anchor for p in inst.provisions})
    names = titles(corpus)
    st = standing(tl.status_as_of(corpus, as_of).status(inst.id), names)
    intro = [Para((Run(full_citation(inst, tl.lives(corpus)[inst.id], style, as_of)),))]
    if inst.summary:
        intro.append(Para((Run("Editors' summary (paraphrase): "), Run(inst.summary))))
    provisions = tuple(
        replace(
            provision_block(inst, p, ProvisionRef(inst.id, p.article, p.paragraph).anchor, None, names),
            amended=amendment_notice(corpus, inst, p, as_of),
        )
        for p in inst.provisions_in_order
    )
    misreadings = tuple(misread(inst, m, names, corpus=corpus) for m in inst.misreadings)
    unverified = checks(inst, None, tl.lives(corpus)[inst.id], names)
    sections = [
        BriefSection("sec--instrument", "The instrument", paras=tuple(intro)),
        _status(inst, st, as_of, cites, names),
        *_unless_empty(BriefSection("sec--positions", "Positions", items=_positions(corpus, inst, cites))),
        *_unless_empty(BriefSection("sec--provisions", "Provisions", provisions=provisions)),
        *_unless_empty(
            BriefSection("sec--relations", "Relations to other instruments", items=_relations(inst, cites, names))
        ),
        *_unless_empty(BriefSection("sec--misreadings", "Where popular accounts differ", misreadings=misreadings)),
        *_unless_empty(BriefSection("sec--checks", "Not verified", items=tuple(Para((Run(u),)) for u in unverified))),
        BriefSection("sec--sources", "Sources", sources=source_rows(inst)),
    ]
    facts = (
        Fact("Kind", KIND_LABELS[inst.kind.value]),
        Fact("Parties", "; ".join(inst.parties)),
        Fact("Signed", signed_fact(inst)),
        Fact("Status", sentence_case(st.text)),
        Fact("As of", long_date(as_of)),
    )
    meta = make_meta(
        slug=f"brief-{inst.id}",
        title=f"Brief: {inst.short_title}",
        subtitle=inst.title,
        description=f"Brief on the {inst.title} ({inst.id}) as of {long_date(as_of)}.",
        keywords=[inst.short_title, inst.id, *(x.topic for x in inst.assessments), "brief", "legalgen"],
        as_of=as_of,
        generated=generated,
        kind="Brief",
    )
    key = reading_key(b for sec in sections for b in sec.provisions)
    return BriefView(meta, inst.title, other_titles(inst), facts, tuple(sections), tuple(cites.notes), key)


# --------------------------------------------------------------------------- on one topic


def _scale(t: Topic) -> BriefSection:
    """The topic's dimensions, each with its values (least to most where ordered)."""
    intro = [Para((Run(t.description),))] if t.description else []
    facts = tuple(
        Fact(
            d.label,
            (f"{d.description} " if d.description else "")
            + ("Values, least to most: " if d.measure is Measure.ordinal else "Values (unordered): ")
            + "; ".join(v.label for v in d.values)
            + ".",
        )
        for d in t.dimensions
    )
    return BriefSection("sec--scale", "The dimensions", paras=tuple(intro), facts=facts)


def _in_force(corpus: Corpus, a: Analysis, t: Topic, cites: Cites) -> BriefSection:
    """The position in force on the date, then period by period: what changed, and on what it rests."""
    naming = Naming.prose(titles(corpus))
    periods: list[Para] = []
    for period in a.threads[t.id].steps:
        until = f" until {long_date(period.until)}" if period.until else ""
        why = ", ".join(dict.fromkeys(cause_text(c) for c in period.causes))
        changed = [c.after.rests_on for c in period.changes if c.after.rests_on is not None]
        caveats = flags([c for sup in changed for c in sup.caveats])
        basis = "\n".join(
            dict.fromkeys(
                note_text(corpus.instrument(sup.instrument), [c.provision for c in sup.citations]) for sup in changed
            )
        )
        lines = "; ".join(graded_change_text(c, naming) for c in period.changes)
        tail = (f" — {why}" if why else "") + (f" ({caveats})" if caveats else "") + "."
        periods.append(
            Para(
                (
                    Run(f"From {long_date(period.since)}{until}: "),
                    Run(lines),
                    Run(tail, note=cites.note(basis) if basis else None),
                )
            )
        )
    return BriefSection(
        "sec--in-force",
        f"The position in force as of {long_date(a.as_of)}",
        paras=(topic_summary(corpus, a, t, cites, where="below"),),
        items=tuple(periods),
    )


def _evolution(corpus: Corpus, a: Analysis, t: Topic, cites: Cites) -> BriefSection:
    """What each instrument states, each dimension measured against the law in force when it was signed."""
    evolution: list[Para] = []
    for step in a.statements[t.id]:
        inst = step.instrument
        d = inst.dated
        codes = "; ".join(
            f"{_dimension_label(t, code.dimension)}: {value_label(t, code.dimension, code.value)} — "
            f"{against_law_then(corpus, t, code.dimension, code.value, d)}"
            for code in step.assessment.codes
        )
        note = cites.note(note_text(inst, step.assessment.provisions))
        evolution.append(
            Para(
                (
                    Run(f"{long_date(d) if d else 'Undated'}: the {inst.short_title} states {codes}. "),
                    Run(step.assessment.summary, note=note),
                )
            )
        )
    if not evolution:
        evolution.append(Para((Run(f"No instrument in the corpus addresses {t.title}."),)))
    return BriefSection("sec--evolution", "What each instrument states", items=tuple(evolution))


def _supporting(corpus: Corpus, a: Analysis, t: Topic, names: dict[str, str]) -> tuple[ProvisionBlock, ...]:
    """Every provision the instruments rest on for the topic, quoted once each."""
    provs: list[ProvisionBlock] = []
    seen: set[str] = set()
    for step in a.statements[t.id]:
        for prov in chapter_provisions(step.instrument, step.assessment, t):
            anchor = ProvisionRef(step.instrument.id, prov.article, prov.paragraph).anchor
            if anchor not in seen:
                seen.add(anchor)
                block = provision_block(step.instrument, prov, anchor, None, names)
                provs.append(replace(block, amended=amendment_notice(corpus, step.instrument, prov, a.as_of)))
    return tuple(provs)


def _topic_brief(corpus: Corpus, topic_id: str, as_of: dt.date, generated: dt.date | None) -> BriefView:
    a = analysis(corpus, as_of, topic_id)
    t = a.topics[0]
    steps = a.statements[t.id]
    names = titles(corpus)
    cites = Cites(
        {
            ProvisionRef(s.instrument.id, p.article, p.paragraph).anchor
            for s in steps
            for p in chapter_provisions(s.instrument, s.assessment, t)
        }
    )
    misreadings = tuple(
        misread(inst, m, names, corpus=corpus)
        for inst in a.instruments
        for m in inst.misreadings
        if t.id in misread_topics(corpus, m.provisions)
    )
    unverified = tuple(
        Para((Run(f"{s.instrument.short_title}: {item}"),)) for s in steps for item in checks(s.instrument, (t,))
    )
    sections = [
        _scale(t),
        _in_force(corpus, a, t, cites),
        _evolution(corpus, a, t, cites),
        *_unless_empty(
            BriefSection("sec--provisions", "Supporting provisions", provisions=_supporting(corpus, a, t, names))
        ),
        *_unless_empty(BriefSection("sec--misreadings", "Where popular accounts differ", misreadings=misreadings)),
        *_unless_empty(BriefSection("sec--checks", "Not verified", items=unverified)),
    ]
    facts = (
        Fact("Topic", t.title),
        Fact("Instruments", f"{len(steps)} of {len(a.instruments)} address the topic"),
        Fact("As of", long_date(as_of)),
    )
    meta = make_meta(
        slug=f"brief-{t.id}",
        title=f"Brief: {t.title}",
        subtitle=f"{t.title} in {len(a.instruments)} instruments",
        description=f"Brief on {t.title} across the corpus as of {long_date(as_of)}.",
        keywords=[t.title, *(s.instrument.short_title for s in steps), "brief", "legalgen"],
        as_of=as_of,
        generated=generated,
        kind="Brief",
    )
    heading = f"{t.title}: how the instruments treat it"
    key = reading_key(b for sec in sections for b in sec.provisions)
    return BriefView(meta, heading, (), facts, tuple(sections), tuple(cites.notes), key)
