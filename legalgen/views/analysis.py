"""What the documents say about time, gathered once: the analysis the report and the briefs share.

An instrument's standing on a date, the position in force on a topic and how it changed, and what each
instrument itself states all come from :mod:`legalgen.analysis`; :func:`analysis` is the one place a view
calls it, and :func:`standing` puts an instrument's status into the words of
:func:`legalgen.views.words.status_words`.

    >>> a = analysis(corpus, dt.date(2026, 1, 1))
    >>> a.status["1997-charter"].short
    'ceased to have effect on 26 January 2000 (by art. 70(1) of the Union State Treaty (1999))'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from legalgen import analysis as tl
from legalgen.analysis.consolidation import consolidated_provision
from legalgen.records import Assessment, Corpus, Instrument, Provision, RelationType, Topic
from legalgen.views.blocks import Cites, Para, Run, cite_runs
from legalgen.views.words import Naming, evidence, flags, long_date, plural, status_words
from legalgen.views.words.consolidation import amended_notice


@dataclass(frozen=True)
class Step:
    """What one instrument itself states on one topic: its assessment, with a code per dimension it addresses."""

    instrument: Instrument
    assessment: Assessment


@dataclass(frozen=True)
class Standing:
    """An instrument on the report's date, in words: ``text`` stands alone, ``short`` sits beside its date.

    The dates are those of :class:`legalgen.analysis.Life`, derived ones included (the chart needs them).
    """

    signed: dt.date | None
    in_force: dt.date | None
    ended: dt.date | None
    text: str
    short: str


@dataclass(frozen=True)
class Analysis:
    instruments: tuple[Instrument, ...]  # those made by the date, in order of signature
    topics: tuple[Topic, ...]
    statements: dict[str, tuple[Step, ...]]  # topic → what each instrument states, in order
    status: dict[str, Standing]
    as_of: dt.date
    state: tl.AsOf  # the legal position on the date
    threads: dict[str, tl.TopicThread]  # topic → the position in force over time, up to the date
    matrix: tl.RightsMatrix  # topic × instrument


def standing(status: tl.InstrumentStatus, names: Mapping[str, str]) -> Standing:
    """An :class:`~legalgen.analysis.InstrumentStatus` in words; ``names`` gives instruments' short titles."""
    life = status.life
    text, short = status_words(status, Naming.prose(names))
    return Standing(
        signed=life.signed.date if life.signed else None,
        in_force=life.in_force.date if life.in_force else None,
        ended=life.terminated.date if life.terminated and life.terminated.date <= status.date else None,
        text=text,
        short=short,
    )


def _statements(instruments: Sequence[Instrument], topic: Topic) -> tuple[Step, ...]:
    return tuple(
        Step(inst, found)
        for inst in instruments
        if (found := next((x for x in inst.assessments if x.topic == topic.id), None)) is not None
    )


def analysis(corpus: Corpus, as_of: dt.date, topic: str | None = None) -> Analysis:
    """The instruments made by ``as_of``, the topics (one if ``topic``), and what the analysis says of them."""
    topics = corpus.topics.topics
    if topic is not None:
        topics = (tl.topic_of(corpus, topic),)
    instruments = tuple(i for i in corpus.instruments if (d := i.dated) is not None and d <= as_of)
    state = tl.status_as_of(corpus, as_of)
    names = titles(corpus)
    wanted = {t.id for t in topics}
    return Analysis(
        instruments=instruments,
        topics=tuple(topics),
        statements={t.id: _statements(instruments, t) for t in topics},
        status={i.id: standing(state.status(i.id), names) for i in instruments},
        as_of=as_of,
        state=state,
        threads={th.topic: th for th in tl.topic_threads(corpus, until=as_of) if th.topic in wanted},
        matrix=tl.rights_matrix(corpus, by="instrument"),
    )


def amendment_notice(corpus: Corpus, inst: Instrument, prov: Provision, date: dt.date) -> str | None:
    """What amended ``prov`` by ``date``, for a document that quotes its recorded wording: ``None`` if nothing.

    The quotation is the wording as recorded (at signature); where a later instrument changed it by the
    document's date, the reader is told by what, from when, and whether the new words were seen — so the
    older wording is never presented as the whole text in force.
    """
    if not any(r.type is RelationType.amends and r.target == inst.id for i in corpus.instruments for r in i.relations):
        return None
    consolidated = consolidated_provision(corpus, inst.id, prov.id, date).provisions[0]
    if not consolidated.changes:
        return None
    return amended_notice(consolidated, Naming.prose(titles(corpus)))


def titles(corpus: Corpus) -> dict[str, str]:
    """Id → short title of every instrument: how prose names another instrument."""
    return {x.id: x.short_title for x in corpus.instruments}


def chapter_provisions(inst: Instrument, assessment: Assessment, topic: Topic) -> list[Provision]:
    """The provisions an assessment rests on and the instrument's other provisions on the topic, in the
    instrument's order (preamble, 4, 4(2), 4(3), 5, …, unidentified last)."""
    cited = set(assessment.provisions)
    return [p for p in inst.provisions_in_order if p.id in cited or topic.id in p.topics]


def against_law_then(corpus: Corpus, t: Topic, dimension: str, value: str, signed: dt.date | None) -> str:
    """How an instrument's code compares with the value in force on that dimension the day before it was signed.

    The comparison is with the law then in force, never with whichever instrument happens to come before
    it; on a nominal dimension a different value is only different, never higher or lower.
    """
    if signed is None:
        return "date of signature not recorded"
    names = titles(corpus)
    then = tl.position_on(corpus, t.id, signed - dt.timedelta(days=1)).dimension(dimension)
    if then.rests_on is None:
        return "no recorded provision then in force addressed it"
    current = f"{then.value_label}, {names.get(then.rests_on.instrument, then.rests_on.instrument)}"
    if then.value == value:
        return f"as already in force ({current})"
    found = t.dimension(dimension)
    rank = found.rank(value) if found and found.value(value) else None
    if rank is None or then.rank is None:
        return f"differs from the value then in force ({current})"
    if rank > then.rank:
        return f"above the value then in force ({current})"
    return f"below the value then in force ({current})"


def support_runs(corpus: Corpus, supports: Sequence[tl.Support], cites: Cites) -> list[Run]:
    """The provisions behind one or more supports, linked, separated by ``; ``."""
    runs: list[Run] = []
    for i, support in enumerate(supports):
        if i:
            runs.append(Run("; "))
        inst = corpus.instrument(support.instrument)
        runs += cite_runs(inst, [c.provision for c in support.citations], cites)
    return runs


def dimension_runs(corpus: Corpus, d: tl.DimensionPosition, cites: Cites) -> list[Run]:
    """``Statehood of the parties: *Retained within the union* (Union State Treaty (1999), art. 3, art. 6;
    evidence: …)`` — one dimension in force, its provisions and the grade of its evidence."""
    sup = d.rests_on
    if sup is None:
        return [Run(f"{d.label}: not addressed by any recorded provision in force")]
    runs = [Run(f"{d.label}: "), Run(d.value_label or "", em=True), Run(" (")]
    runs += support_runs(corpus, [sup], cites)
    caveats = flags(sup.caveats)
    runs.append(Run(f"; {evidence(sup.grade)}" + (f"; {caveats}" if caveats else "") + ")"))
    if d.also_applying:
        runs.append(Run("; also applying: "))
        for i, other in enumerate(d.also_applying):
            if i:
                runs.append(Run("; "))
            runs += [Run(other.label, em=True), Run(" ("), *support_runs(corpus, [other], cites)]
            other_flags = flags(other.caveats)
            runs.append(Run(f"; {evidence(other.grade)}" + (f"; {other_flags}" if other_flags else "") + ")"))
    return runs


def topic_summary(corpus: Corpus, a: Analysis, t: Topic, cites: Cites, where: str = "the chapter") -> Para:
    """One topic in a summary: a sentence, then each dimension in force on the date with what it rests on."""
    pos = a.state.position(t.id)
    steps = a.threads[t.id].steps
    head: list[Run] = [Run(f"{t.title}: ", em=True)]
    if not pos.addressed:
        head.append(Run(f"no recorded provision in force on {long_date(a.as_of)} addresses it."))
        return Para(tuple(head))
    silent = [d.label for d in pos.dimensions if not d.addressed]
    head.append(
        Run(
            f"on {long_date(a.as_of)}, {plural(len(pos.addressed), 'dimension')} of {len(pos.dimensions)} "
            f"{'is' if len(pos.addressed) == 1 else 'are'} addressed by an instrument that applies"
            + (f"; not addressed: {', '.join(silent)}" if silent else "")
            + f". First addressed on {long_date(steps[0].since)}"
            + (f"; {plural(len(steps) - 1, 'change')} since (see {where})." if steps else ".")
        )
    )
    return Para(tuple(head), tuple(tuple(dimension_runs(corpus, d, cites)) for d in pos.addressed))
