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
from legalgen.records import Assessment, Corpus, Instrument, Provision, Topic
from legalgen.views.blocks import Cites, Run, cite_runs
from legalgen.views.words import Naming, flags, long_date, plural, position_label, status_words


@dataclass(frozen=True)
class Step:
    """What one instrument itself states on one topic, and what the instrument before it stated."""

    instrument: Instrument
    assessment: Assessment
    previous: Assessment | None

    @property
    def changed(self) -> bool:
        return self.previous is None or self.previous.position != self.assessment.position


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
    steps: list[Step] = []
    previous: Assessment | None = None
    for inst in instruments:
        found = next((x for x in inst.assessments if x.topic == topic.id), None)
        if found is not None:
            steps.append(Step(inst, found, previous))
            previous = found
    return tuple(steps)


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


def titles(corpus: Corpus) -> dict[str, str]:
    """Id → short title of every instrument: how prose names another instrument."""
    return {x.id: x.short_title for x in corpus.instruments}


def chapter_provisions(inst: Instrument, assessment: Assessment, topic: Topic) -> list[Provision]:
    """The provisions an assessment rests on and the instrument's other provisions on the topic, in the
    instrument's order (preamble, 4, 4(2), 4(3), 5, …, unidentified last)."""
    cited = set(assessment.provisions)
    return [p for p in inst.provisions_in_order if p.id in cited or topic.id in p.topics]


def against_position_then(corpus: Corpus, t: Topic, position: str, signed: dt.date | None) -> str:
    """How an instrument's position compares with the position in force the day before it was signed.

    A later instrument that states a lower position does not lower the law while a higher one stays in
    force (the 1998 Equal Rights Treaty beside the 1997 Charter's Union citizenship), so the comparison is
    with the law then in force, never with whichever instrument happens to come before it.
    """
    if signed is None:
        return "date of signature not recorded"
    then = tl.position_on(corpus, t.id, signed - dt.timedelta(days=1))
    if then.position is None:
        return "no position on the topic was in force when it was signed"
    current = position_label(t, then.position)
    rank = t.rank(position)
    if rank > then.rank:
        return f"above the position in force when it was signed ({current})"
    if rank == then.rank:
        return "the position already in force when it was signed"
    return f"below the position in force when it was signed ({current}), which it leaves unaffected"


def _support_runs(corpus: Corpus, supports: Sequence[tl.Support], cites: Cites) -> list[Run]:
    """The provisions behind one or more supports, linked, separated by ``; ``."""
    runs: list[Run] = []
    for i, support in enumerate(supports):
        if i:
            runs.append(Run("; "))
        inst = corpus.instrument(support.instrument)
        runs += cite_runs(inst, [c.provision for c in support.citations], cites)
    return runs


def topic_summary(corpus: Corpus, a: Analysis, t: Topic, cites: Cites) -> list[Run]:
    """One topic in the executive summary: the position in force on the date, what it rests on, its history."""
    pos = a.state.position(t.id)
    steps = a.threads[t.id].steps
    runs: list[Run] = [Run(f"{t.title}: ", em=True)]
    if pos.position is None:
        runs.append(Run(f"no position applies on {long_date(a.as_of)}."))
        return runs
    runs += [Run(f"on {long_date(a.as_of)} the position in force is "), Run(pos.label or "", em=True), Run(" (")]
    runs += [*_support_runs(corpus, pos.established_by, cites), Run(")")]
    caveats = flags([c for s in pos.established_by for c in s.caveats])
    if caveats:
        runs.append(Run(f" — {caveats}"))
    if pos.also_stated:
        runs.append(Run("; also stated: "))
        for i, support in enumerate(pos.also_stated):
            if i:
                runs.append(Run("; "))
            runs += [Run(support.label, em=True), Run(" ("), *_support_runs(corpus, [support], cites), Run(")")]
    moves = sum(1 for s in steps[1:] if s.direction in (tl.Direction.up, tl.Direction.down))
    first = steps[0] if steps else None
    if first is not None and first.position.label:
        runs += [
            Run(f". The first position recorded, from {long_date(first.since)}, was "),
            Run(first.position.label, em=True),
            Run(f"; the position has changed {plural(moves, 'time')} since."),
        ]
    else:
        runs.append(Run("."))
    return runs
