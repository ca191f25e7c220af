"""The timeline report as a view model: title page to verification appendix, every word decided here.

The report follows the instruments made by its date through the topics of the corpus. Its sections, in
order, are built by one function each: the executive summary, the positions at a glance (instrument ×
topic), the chart (:mod:`legalgen.views.chart`), a chapter per topic (the periods of the position in force,
then what each instrument states with its provisions quoted), the misreadings no chapter took, the table of
authorities, and Appendices A (sources) and B (what is still unverified).

    >>> view = report_view(corpus, as_of=dt.date(2026, 1, 1), generated=dt.date(2026, 1, 1))
    >>> [c.title for c in view.chapters]
    ['Sovereignty', 'Citizenship', 'Electoral rights']
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from legalgen import __version__
from legalgen import analysis as tl
from legalgen.ids import ProvisionRef, article_label, parse_provision_id
from legalgen.records import Corpus, Instrument, Measure, Reliability, Topic
from legalgen.views.analysis import (
    Analysis,
    Step,
    against_law_then,
    amendment_notice,
    analysis,
    chapter_provisions,
    dimension_runs,
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
    cite_runs,
    make_meta,
    misread,
    misread_topics,
    other_titles,
    provision_block,
    reading_key,
    source_rows,
)
from legalgen.views.chart import Chart, chart
from legalgen.views.checks import checks
from legalgen.views.words import (
    GRADES,
    RELIABILITY,
    Naming,
    cause_text,
    dimension_change_text,
    evidence,
    flags,
    long_date,
    plural,
    sentence_case,
)
from legalgen.views.words.citations import full_citation


@dataclass(frozen=True)
class TocEntry:
    target: str
    title: str
    level: int


@dataclass(frozen=True)
class MatrixCode:
    """One dimension an instrument codes in a matrix cell: its value, provisions and evidence grade."""

    dimension: str
    value: str
    cites: tuple[Run, ...]
    evidence: str
    flags: str | None  # what to keep in mind: "counted from signature", "wording seen only in part" …


@dataclass(frozen=True)
class MatrixCell:
    codes: tuple[MatrixCode, ...]  # empty: the instrument does not address the topic
    summary: str | None


@dataclass(frozen=True)
class MatrixRow:
    number: int
    title: str
    target: str
    date: str
    status: str
    cells: tuple[MatrixCell, ...]


@dataclass(frozen=True)
class Matrix:
    topics: tuple[str, ...]
    rows: tuple[MatrixRow, ...]
    caption: str


@dataclass(frozen=True)
class Period:
    """One period of the composed position on a topic (a step of the topic's thread): what changed, and why."""

    since: str
    until: str
    changes: tuple[str, ...]  # one line per dimension that changed, with its evidence
    because: str
    flags: str | None


@dataclass(frozen=True)
class CodeLine:
    """One dimension an instrument codes, measured against the law in force when it was signed."""

    dimension: str
    value: str
    against: str
    evidence: str


@dataclass(frozen=True)
class ChapterEntry:
    id: str
    date: str
    instrument: str
    target: str
    codes: tuple[CodeLine, ...]
    summary: Para
    provisions: tuple[ProvisionBlock, ...]


@dataclass(frozen=True)
class ScaleStep:
    label: str
    description: str | None


@dataclass(frozen=True)
class DimensionKey:
    """A dimension of a chapter's topic as the chapter explains it: ordered or not, and its values."""

    label: str
    description: str | None
    ordered: bool
    values: tuple[ScaleStep, ...]


@dataclass(frozen=True)
class Chapter:
    id: str
    title: str
    description: str | None
    dimensions: tuple[DimensionKey, ...]
    overview: Para
    guide: str | None
    periods: tuple[Period, ...]
    entries: tuple[ChapterEntry, ...]
    misreadings: tuple[Misread, ...]


@dataclass(frozen=True)
class Authority:
    id: str
    short_title: str
    title: str
    titles_other: tuple[Fact, ...]
    citation: str
    status: str
    cites: tuple[str, ...]  # ids of the links that cite it, in document order


@dataclass(frozen=True)
class SourceGroup:
    instrument: str
    target: str
    rows: tuple[SourceRow, ...]


@dataclass(frozen=True)
class CheckGroup:
    instrument: str
    target: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class ReliabilityClass:
    label: str
    explanation: str


@dataclass(frozen=True)
class ReportView:
    """The timeline report: title page to verification appendix."""

    meta: Meta
    facts: tuple[Fact, ...]
    key: tuple[Fact, ...]
    contents: tuple[TocEntry, ...]
    summary: tuple[Para, ...]
    matrix: Matrix
    chart: Chart
    chapters: tuple[Chapter, ...]
    other_misreadings: tuple[Misread, ...]
    authorities: tuple[Authority, ...]
    sources: tuple[SourceGroup, ...]
    reliability: tuple[ReliabilityClass, ...]
    grades: tuple[ReliabilityClass, ...]
    checks: tuple[CheckGroup, ...]
    instrument_ids: tuple[str, ...]
    notes: tuple[Note, ...] = ()


MATRIX_CAPTION = (
    "What each instrument itself states on each topic, dimension by dimension, with the provisions each "
    "statement rests on and the grade of its evidence. “—”: the instrument addresses none of the topic's "
    "dimensions as far as its text was seen. Notes in italics say what to keep in mind (Appendix B gives the "
    "details)."
)


class _Report:
    """What every section of one report shares: the analysis, the citing links, who is numbered what."""

    def __init__(self, corpus: Corpus, a: Analysis) -> None:
        self.corpus = corpus
        self.a = a
        self.names = titles(corpus)
        self.number = {inst.id: n for n, inst in enumerate(a.instruments, start=1)}
        # Which provisions are quoted, and where first: decided before any link is made.
        blocks = {
            ProvisionRef(step.instrument.id, prov.article, prov.paragraph).anchor
            for t in a.topics
            for step in a.statements[t.id]
            for prov in chapter_provisions(step.instrument, step.assessment, t)
        }
        self.cites = Cites(blocks)
        self.quoted: set[str] = set()  # provision anchors already given an id
        self.misread_used: set[tuple[str, int]] = set()  # misreadings already placed in a chapter

    @property
    def span(self) -> str:
        """``1995–2025``: the years of signature of the instruments followed."""
        years = sorted({d.year for i in self.a.instruments if (d := i.dated)})
        return f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "none")

    def checks_of(self, inst: Instrument) -> tuple[str, ...]:
        return checks(inst, self.a.topics, self.a.state.status(inst.id).life, self.names)


#: How the summary counts instruments by their status on the report's date, in the order it names them.
_STANDING_GROUPS: tuple[tuple[str, frozenset[tl.Status]], ...] = (
    ("in force", frozenset({tl.Status.in_force})),
    ("in force, applying only on a condition", frozenset({tl.Status.in_force_conditionally})),
    ("no longer in effect", frozenset({tl.Status.terminated})),
    ("of a status not established", frozenset({tl.Status.status_not_established})),
    ("adopted as a declaration (no entry into force)", frozenset({tl.Status.adopted})),
    (
        "signed, with no entry into force recorded",
        frozenset({tl.Status.entry_into_force_not_recorded, tl.Status.signed_not_in_force}),
    ),
)


def _standing(r: _Report) -> str:
    """``On that date, 5 instruments are recorded as in force, 1 in force, applying only on a condition, …``."""
    statuses = [r.a.state.status(i.id).status for i in r.a.instruments]
    parts: list[str] = []
    for label, group in _STANDING_GROUPS:
        n = sum(1 for st in statuses if st in group)
        if n:
            parts.append(f"{n} {label}" if parts else f"{plural(n, 'instrument')} {'is' if n == 1 else 'are'} {label}")
    return ("On that date, by the records, " + "; ".join(parts) + ".") if parts else ""


def _summary(r: _Report) -> tuple[Para, ...]:
    """The executive summary: what the report follows, each topic's position in force, what is unverified."""
    a = r.a
    insts = a.instruments
    opening = (
        f"This report follows {plural(len(insts), 'instrument')} signed {r.span} "
        f"through {plural(len(a.topics), 'topic')} "
        f"({', '.join(t.title for t in a.topics)}), as of {long_date(a.as_of)}. " + _standing(r) + " "
        "Each topic is coded on several dimensions; on each, the latest instrument in force that addresses "
        "it governs, and the others that still apply are named. Every statement names the provisions it "
        "rests on and the grade of its evidence; every quotation is verbatim from a named source."
    )
    summary = [Para((Run(opening),))]
    summary += [topic_summary(r.corpus, a, t, r.cites) for t in a.topics]
    n_checks = sum(len(r.checks_of(i)) for i in insts)
    summary.append(
        Para(
            (
                Run(
                    f"{plural(n_checks, 'point')} remain{'s' if n_checks == 1 else ''} unverified; "
                    "Appendix B lists them. Where popular accounts differ from the text, the chapters say so."
                ),
            )
        )
    )
    return tuple(summary)


def _code_cites(r: _Report, sup: tl.Support) -> tuple[Run, ...]:
    """A code's provisions as linked article labels (``art. 3, art. 6``)."""
    runs: list[Run] = []
    for c in sup.citations:
        if runs:
            runs.append(Run(", "))
        art, para = parse_provision_id(c.provision)
        runs.append(r.cites.link(article_label(art, para), ProvisionRef(sup.instrument, art, para), sup.instrument))
    return tuple(runs)


def _matrix_cell(r: _Report, t: Topic, inst: Instrument) -> MatrixCell:
    """What one instrument itself codes on one topic, each dimension with its provisions linked."""
    cell = r.a.matrix.cell(t.id, inst.id)
    codes = tuple(
        MatrixCode(sup.dimension_label, sup.label, _code_cites(r, sup), evidence(sup.grade), flags(sup.caveats) or None)
        for sup in cell.supports
    )
    return MatrixCell(codes, cell.supports[0].summary if cell.supports else None)


def _matrix(r: _Report) -> Matrix:
    """The positions at a glance: a row per instrument, a column per topic."""
    rows = tuple(
        MatrixRow(
            number=r.number[inst.id],
            title=inst.short_title,
            target=f"toa--{inst.id}",
            date=long_date(d) if (d := inst.dated) else "—",
            status=r.a.status[inst.id].short,
            cells=tuple(_matrix_cell(r, t, inst) for t in r.a.topics),
        )
        for inst in r.a.instruments
    )
    return Matrix(topics=tuple(t.title for t in r.a.topics), rows=rows, caption=MATRIX_CAPTION)


def _entry(r: _Report, t: Topic, step: Step) -> ChapterEntry:
    """What one instrument states on the chapter's topic, its provisions quoted (each given an id once)."""
    inst = step.instrument
    # links are numbered as they are made, so make them in reading order: the summary, then the provisions
    summary_runs = [Run(step.assessment.summary + " ")]
    if step.assessment.provisions:
        summary_runs += [Run("("), *cite_runs(inst, step.assessment.provisions, r.cites), Run(")")]
    provs: list[ProvisionBlock] = []
    for prov in chapter_provisions(inst, step.assessment, t):
        anchor = ProvisionRef(inst.id, prov.article, prov.paragraph).anchor
        block = provision_block(inst, prov, anchor if anchor not in r.quoted else None, r.cites, r.names)
        provs.append(replace(block, amended=amendment_notice(r.corpus, inst, prov, r.a.as_of)))
        r.quoted.add(anchor)
    d = inst.dated
    own = {s.dimension: s for s in r.a.matrix.cell(t.id, inst.id).supports}
    codes = tuple(
        CodeLine(
            sup.dimension_label,
            sup.label,
            against_law_then(r.corpus, t, sup.dimension, sup.value, d),
            evidence(sup.grade),
        )
        for code in step.assessment.codes
        if (sup := own.get(code.dimension)) is not None
    )
    return ChapterEntry(
        id=f"topic--{t.id}--{inst.id}",
        date=long_date(d) if d else "—",
        instrument=f"{r.number[inst.id]}. {inst.short_title}",
        target=f"toa--{inst.id}",
        codes=codes,
        summary=Para(tuple(summary_runs)),
        provisions=tuple(provs),
    )


def _chapter_misreadings(r: _Report, t: Topic) -> tuple[Misread, ...]:
    """The misreadings citing a provision on the topic that no earlier chapter took."""
    found: list[Misread] = []
    for inst in r.a.instruments:
        for mi, m in enumerate(inst.misreadings):
            if t.id in misread_topics(r.corpus, m.provisions) and (inst.id, mi) not in r.misread_used:
                r.misread_used.add((inst.id, mi))
                found.append(misread(inst, m, r.names, r.cites, r.corpus))
    return tuple(found)


def _periods(r: _Report, t: Topic) -> tuple[Period, ...]:
    """The composed position on the topic, period by period: which dimensions changed, and what changed them."""
    naming = Naming.prose(r.names)
    periods = []
    for p in r.a.threads[t.id].steps:
        changes = tuple(
            dimension_change_text(c, naming)
            + (f" — {evidence(c.after.rests_on.grade)}" if c.after.rests_on is not None else "")
            for c in p.changes
        )
        changed = {c.dimension for c in p.changes}
        caveats = [
            c for d in p.position.dimensions if d.dimension in changed and d.rests_on for c in d.rests_on.caveats
        ]
        periods.append(
            Period(
                since=long_date(p.since),
                until=long_date(p.until) if p.until else f"{long_date(r.a.as_of)} (the report's date)",
                changes=changes,
                because=sentence_case(", ".join(dict.fromkeys(cause_text(c) for c in p.causes))) or "—",
                flags=flags(caveats) or None,
            )
        )
    return tuple(periods)


def _overview(r: _Report, t: Topic, stated: int, has_periods: bool) -> Para:
    """How many instruments address the topic, then each dimension in force on the report's date."""
    a = r.a
    pos = a.state.position(t.id)
    text = (
        f"{stated} of the {plural(len(a.instruments), 'instrument')} address"
        f"{'es' if stated == 1 else ''} {t.title}. "
        + (
            f"On {long_date(a.as_of)}, each dimension rests on the latest instrument that applies and addresses it:"
            if pos.addressed
            else f"On {long_date(a.as_of)} no recorded provision that applies addresses it."
        )
    )
    items = tuple(tuple(dimension_runs(r.corpus, d, r.cites)) for d in pos.dimensions)
    return Para((Run(text),), items)


#: What a chapter's table and entries are, said once under its overview.
CHAPTER_GUIDE = (
    "The table gives, period by period, each dimension that changed and what changed it; the entries after it "
    "give what each instrument itself states, with its provisions quoted."
)


def _chapter(r: _Report, t: Topic) -> Chapter:
    """One topic: its dimensions, the position in force over time, what each instrument states, misreadings."""
    steps = r.a.statements[t.id]
    periods = _periods(r, t)
    overview = _overview(r, t, len(steps), bool(periods))  # before the entries: links in reading order
    entries = tuple(_entry(r, t, step) for step in steps)
    misreadings = _chapter_misreadings(r, t)
    return Chapter(
        id=f"topic--{t.id}",
        title=t.title,
        description=t.description,
        dimensions=tuple(
            DimensionKey(
                d.label,
                d.description,
                d.measure is Measure.ordinal,
                tuple(ScaleStep(v.label, v.description) for v in d.values),
            )
            for d in t.dimensions
        ),
        overview=overview,
        guide=CHAPTER_GUIDE if periods else None,
        periods=periods,
        entries=entries,
        misreadings=misreadings,
    )


def _other_misreadings(r: _Report, topic: str | None) -> tuple[Misread, ...]:
    """Misreadings no chapter took (in a one-topic report, only those citing no provision at all)."""
    return tuple(
        misread(inst, m, r.names, r.cites, r.corpus)
        for inst in r.a.instruments
        for mi, m in enumerate(inst.misreadings)
        if (inst.id, mi) not in r.misread_used and (topic is None or not m.provisions)
    )


def _authorities(r: _Report, style: str, as_of: dt.date) -> tuple[Authority, ...]:
    """The table of authorities: each instrument, its full citation (in the house ``style``) and status, and
    the links citing it."""
    life = tl.lives(r.corpus)
    return tuple(
        Authority(
            id=f"toa--{inst.id}",
            short_title=inst.short_title,
            title=inst.title,
            titles_other=other_titles(inst),
            citation=full_citation(inst, life[inst.id], style, as_of),
            status=r.a.status[inst.id].text,
            cites=tuple(r.cites.by_instrument.get(inst.id, ())),
        )
        for inst in r.a.instruments
    )


def _contents(chapters: tuple[Chapter, ...], other_misreadings: bool) -> tuple[TocEntry, ...]:
    contents = [
        TocEntry("sec--summary", "Executive summary", 1),
        TocEntry("sec--matrix", "The positions at a glance", 1),
        TocEntry("sec--chart", "Timeline", 1),
    ]
    contents += [TocEntry(c.id, c.title, 1) for c in chapters]
    if other_misreadings:
        contents.append(TocEntry("sec--misreadings", "Where popular accounts differ", 1))
    contents += [
        TocEntry("sec--authorities", "Table of authorities", 1),
        TocEntry("sec--sources", "Appendix A. Sources and their reliability", 1),
        TocEntry("sec--checks", "Appendix B. What is still unverified", 1),
    ]
    return tuple(contents)


def _title_page(r: _Report, topic: str | None, generated: dt.date | None) -> tuple[Meta, tuple[Fact, ...]]:
    """The document's metadata and the facts on its title page."""
    a = r.a
    insts = a.instruments
    topic_titles = [t.title for t in a.topics]
    title = f"{a.topics[0].title} over time" if topic is not None else "Positions over time"
    # The topics' titles as the corpus writes them: never re-cased.
    listed = f"{', '.join(topic_titles[:-1])} and {topic_titles[-1]}" if len(topic_titles) > 1 else topic_titles[0]
    subtitle = f"{listed} in {len(insts)} instruments, {r.span}"
    facts = (
        Fact("As of", long_date(a.as_of)),
        Fact("Instruments", f"{len(insts)}, signed {r.span}"),
        Fact("Topics", ", ".join(topic_titles)),
        Fact("Parties", "; ".join(sorted({p for i in insts for p in i.parties}))),
        Fact("Prepared by", f"legalgen {__version__}" + (f", {long_date(generated)}" if generated else "")),
    )
    meta = make_meta(
        slug=f"timeline-report-{topic}" if topic is not None else "timeline-report",
        title=f"Timeline report: {title}",
        subtitle=subtitle,
        description=f"{subtitle}, as of {long_date(a.as_of)}: positions, timeline, provisions quoted, authorities.",
        keywords=[*topic_titles, *(i.short_title for i in insts), "timeline", "legalgen"],
        as_of=a.as_of,
        generated=generated,
        kind="Timeline report",
    )
    return meta, facts


def report_view(
    corpus: Corpus,
    *,
    as_of: dt.date,
    generated: dt.date | None,
    topic: str | None = None,
    citation_style: str = "plain",
) -> ReportView:
    """Everything the timeline report shows, for the instruments made by ``as_of`` (one topic if given).

    >>> view = report_view(corpus, as_of=dt.date(2025, 1, 1), generated=dt.date(2025, 1, 1))
    >>> view.meta.slug, [chapter.title for chapter in view.chapters]
    ('timeline-report', ['Sovereignty', 'Citizenship', 'Electoral rights'])
    """
    r = _Report(corpus, analysis(corpus, as_of, topic))
    insts = r.a.instruments
    # The sections in reading order: the citing links are numbered as they are made.
    summary = _summary(r)
    matrix = _matrix(r)
    chapters = tuple(_chapter(r, t) for t in r.a.topics)
    other = _other_misreadings(r, topic)
    meta, facts = _title_page(r, topic, generated)
    return ReportView(
        meta=meta,
        facts=facts,
        key=reading_key(b for c in chapters for e in c.entries for b in e.provisions),
        contents=_contents(chapters, bool(other)),
        summary=summary,
        matrix=matrix,
        chart=chart(r.a),
        chapters=chapters,
        other_misreadings=other,
        authorities=_authorities(r, citation_style, as_of),
        sources=tuple(SourceGroup(inst.short_title, f"src--{inst.id}", source_rows(inst)) for inst in insts),
        reliability=tuple(ReliabilityClass(*RELIABILITY[x]) for x in Reliability),
        grades=tuple(ReliabilityClass(*GRADES[g]) for g in tl.Grade),
        checks=tuple(
            CheckGroup(inst.short_title, f"chk--{inst.id}", items) for inst in insts if (items := r.checks_of(inst))
        ),
        instrument_ids=tuple(i.id for i in insts),
    )
