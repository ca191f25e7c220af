"""View models: what a report or brief shows, decided, sorted and formatted here, before any template.

A view model is a tree of frozen dataclasses holding finished strings: dates already written out
("2 April 1997"), pin cites already formed ("Union Treaty (1997), art. 14(2)"), anchors already chosen.
Templates (:mod:`legalgen.render_html`) only loop and print, so everything a reader sees is decided — and
testable — in Python.

Two rules from the records carry through:

* a :class:`Quote` is built only from a :class:`~legalgen.models.Verbatim` and is the only thing a
  template puts inside quotation marks (it carries the marks); a :class:`Paraphrased` has no marks at
  all, always says it is a paraphrase and shows its basis;
* an incomplete quote shows ``[…]`` where the source cut it off (``Quote.cut_start``/``cut_end``), and a translation always names its translator.

The entry points (in the examples ``corpus`` is the corpus of ``treaties/``, ``load_corpus([Path("treaties")])``.)::

    >>> day = dt.date(2026, 1, 1)
    >>> view = report_view(corpus, as_of=day, generated=day)
    >>> [c.title for c in view.chapters]
    ['Sovereignty', 'Citizenship', 'Electoral rights']
    >>> brief_view(corpus, "1997-union", as_of=day, generated=day).meta.slug
    'brief-1997-union'

The analysis a report rests on (positions over time, status on a date) comes through
:func:`analysis`, the one place that will call :mod:`legalgen.timeline`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from . import __version__
from . import timeline as tl
from .corpus import Corpus
from .errors import UnknownName, close_matches
from .ids import ProvisionRef, article_label, parse_provision_id
from .models import (
    Amendment,
    Assessment,
    EntryIntoForce,
    Event,
    Instrument,
    Paraphrase,
    Provision,
    Ratification,
    Reliability,
    Rendering,
    Signature,
    Termination,
    Topic,
    Verbatim,
)

AUTHOR = "legalgen"

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

LANGUAGES = {
    "ru": "Russian",
    "en": "English",
    "be": "Belarusian",
    "uk": "Ukrainian",
    "kk": "Kazakh",
    "de": "German",
    "zh": "Chinese",
}

#: Marks around a verbatim quote, by language: guillemets for Russian, curly quotes for English.
QUOTE_MARKS = {"ru": ("«", "»"), "be": ("«", "»"), "uk": ("«", "»")}
DEFAULT_QUOTE_MARKS = ("“", "”")
CUT = "[…]"

RELIABILITY: dict[Reliability, tuple[str, str]] = {
    Reliability.official: (
        "Official",
        "An official publication or the depositary's or a party's own site: the text as enacted.",
    ),
    Reliability.legal_database: (
        "Legal database",
        "A commercial or public legal database reproducing the text; reliable, but not the official publication.",
    ),
    Reliability.unofficial_translation: (
        "Unofficial translation",
        "A translation by a publisher or database, not by the parties; useful for meaning, never binding.",
    ),
    Reliability.news: (
        "News report",
        "A news report: evidence that something happened, not of the wording of the law.",
    ),
    Reliability.secondary: (
        "Secondary source",
        "Commentary, encyclopaedia or analysis: context and leads, not authority.",
    ),
}

KIND_LABELS = {
    "treaty": "Treaty",
    "agreement": "Agreement",
    "charter": "Charter",
    "declaration": "Declaration",
    "protocol": "Protocol",
    "law": "Law",
}


def sentence_case(text: str) -> str:
    """Upper-case the first letter only (``str.capitalize`` would lower-case "Minsk")."""
    return text[:1].upper() + text[1:]


def long_date(day: dt.date) -> str:
    """``2 April 1997``: the form a court document uses, independent of the machine's locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def language_name(code: str) -> str:
    return LANGUAGES.get(code, code)


# =========================================================================== the analysis
# Everything the documents say about time — an instrument's standing on a date, the position in force on
# a topic and how it changed, what each instrument states — comes from legalgen.timeline;
# `analysis` is the one place that calls it.


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

    The dates are those of :class:`legalgen.timeline.Life`, derived ones included (the chart needs them).
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


def instrument_date(inst: Instrument) -> dt.date | None:
    """The signature date, or the earliest recorded event for an instrument with no signature."""
    sig = inst.signature
    return sig.date if sig else min((e.date for e in inst.events), default=None)


def _fact_note(fact: tl.DatedFact, names: dict[str, str]) -> str:
    notes = []
    if fact.derived_from:
        notes.append(f"date derived from the {names.get(fact.derived_from, fact.derived_from)}")
    if not fact.verified:
        notes.append("not verified")
    return f" ({'; '.join(notes)})" if notes else ""


def standing(status: tl.InstrumentStatus, names: dict[str, str]) -> Standing:
    """An :class:`~legalgen.timeline.InstrumentStatus` in words; ``names`` gives instruments' short titles."""
    life = status.life
    kind = status.status
    signed = life.signed
    if kind is tl.Status.terminated and life.terminated is not None:
        end = life.terminated
        by = f" (by the {names.get(end.by, end.by)})" if end.by else ""
        short = f"ceased to have effect on {long_date(end.date)}{by}{_fact_note(end, names)}"
        text = short
    elif kind is tl.Status.in_force and life.in_force is not None:
        short = f"in force since {long_date(life.in_force.date)}{_fact_note(life.in_force, names)}"
        text = short
    elif kind is tl.Status.signed_not_in_force and life.in_force is not None:
        short = f"signed; enters into force on {long_date(life.in_force.date)}"
        text = short
    elif kind is tl.Status.entry_into_force_not_recorded:
        short = "entry into force not recorded"
        text = f"signed on {long_date(signed.date)}; {short}" if signed else short
        if status.relied_on_by:
            later = ", ".join(f"the {names.get(r.instrument, r.instrument)}" for r in status.relied_on_by)
            text += f" (later instruments rely on it: {later})"
    else:
        short = text = "no signature or entry into force recorded"
    for am in status.amendments_in_effect:
        more = f"; amended by the {names.get(am.by or '', am.by)} with effect from {long_date(am.date)}"
        short, text = short + more, text + more
    for am in status.amendments_pending:
        more = f"; amendment by the {names.get(am.by or '', am.by)} to take effect on {long_date(am.date)}"
        short, text = short + more, text + more
    return Standing(
        signed=signed.date if signed else None,
        in_force=life.in_force.date if life.in_force else None,
        ended=life.terminated.date if life.terminated and life.terminated.date <= status.date else None,
        text=text,
        short=short,
    )


def analysis(corpus: Corpus, as_of: dt.date, topic: str | None = None) -> Analysis:
    """The instruments made by ``as_of``, the topics (one if ``topic``), and what legalgen.timeline says of them."""
    topics = corpus.topics.topics
    if topic is not None:
        topics = (tl.topic_of(corpus, topic),)
    instruments = tuple(i for i in corpus.instruments if (d := instrument_date(i)) is not None and d <= as_of)
    statements: dict[str, tuple[Step, ...]] = {}
    for t in topics:
        steps: list[Step] = []
        previous: Assessment | None = None
        for inst in instruments:
            found = next((x for x in inst.assessments if x.topic == t.id), None)
            if found is not None:
                steps.append(Step(inst, found, previous))
                previous = found
        statements[t.id] = tuple(steps)
    state = tl.status_as_of(corpus, as_of)
    names = {x.id: x.short_title for x in corpus.instruments}
    wanted = {t.id for t in topics}
    return Analysis(
        instruments=instruments,
        topics=tuple(topics),
        statements=statements,
        status={i.id: standing(state.status(i.id), names) for i in instruments},
        as_of=as_of,
        state=state,
        threads={th.topic: th for th in tl.topic_threads(corpus, until=as_of) if th.topic in wanted},
        matrix=tl.rights_matrix(corpus, by="instrument"),
    )


# =========================================================================== small building blocks


@dataclass(frozen=True)
class Meta:
    """What the document says about itself: ``<title>``, ``<meta>``, PDF metadata, running header."""

    slug: str
    title: str
    subtitle: str
    description: str
    keywords: tuple[str, ...]
    as_of: str
    generated: str | None
    created: str | None  # W3C date-time for dcterms.created / modified
    lang: str = "en"
    author: str = AUTHOR
    generator: str = f"legalgen {__version__}"
    kind: str = "Report"


@dataclass(frozen=True)
class Note:
    """A footnote (PDF) or endnote (HTML), numbered in document order."""

    number: int
    text: str

    @property
    def id(self) -> str:
        return f"fn-{self.number}"

    @property
    def ref_id(self) -> str:
        return f"fnref-{self.number}"


@dataclass(frozen=True)
class Run:
    """A piece of running text: plain, or an internal link (``target``), optionally followed by a note.

    ``id`` is set on links that cite an instrument, so the table of authorities can give their pages.
    """

    text: str
    target: str | None = None
    id: str | None = None
    note: Note | None = None
    lang: str | None = None
    em: bool = False  # a position label or other term set off in the text (never a quotation)


@dataclass(frozen=True)
class Para:
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class Quote:
    """A verbatim text: the only thing templates put inside quotation marks (``open``/``close``)."""

    lang: str
    label: str
    paragraphs: tuple[str, ...]
    open: str
    close: str
    cut_start: str  # "[…]" where the source cut the text off before it, else ""
    cut_end: str  # "[…]" where the source cut it off after it, else ""
    source: str
    note: str | None
    translation: bool
    kind: Literal["quote"] = "quote"


@dataclass(frozen=True)
class Paraphrased:
    """Somebody's summary or working translation: never in quotation marks, always with its basis."""

    lang: str
    label: str
    paragraphs: tuple[str, ...]
    basis: str
    source: str
    note: str | None
    kind: Literal["paraphrase"] = "paraphrase"


Passage = Quote | Paraphrased


@dataclass(frozen=True)
class ProvisionBlock:
    """One provision quoted side by side: original language(s) on the left, English on the right."""

    id: str | None
    cite: str
    label: str
    heading: str | None
    left_heading: str
    left: tuple[Passage, ...]
    left_missing: str | None
    right: tuple[Passage, ...]
    right_missing: str | None
    note: str | None
    continues: tuple[Run, ...]


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    lang: str | None = None


@dataclass(frozen=True)
class TocEntry:
    target: str
    title: str
    level: int


@dataclass(frozen=True)
class MatrixCell:
    label: str
    level: int  # 0 (lowest position / none) … 4 (highest): shading
    cites: tuple[Run, ...]
    summary: str | None
    flags: str | None  # what to keep in mind: "paraphrase only", "counted from signature" …


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
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class ChartMark:
    number: int
    x: float
    y: float
    x_force: float | None
    label: str


@dataclass(frozen=True)
class LaneLevel:
    y: float
    label: str


@dataclass(frozen=True)
class LanePoint:
    number: str  # the instruments that caused the change, e.g. "4,5"
    x: float
    y: float
    changed: bool


@dataclass(frozen=True)
class Lane:
    title: str
    top: float
    height: float
    levels: tuple[LaneLevel, ...]
    path: str
    points: tuple[LanePoint, ...]


@dataclass(frozen=True)
class Chart:
    """The timeline drawn as SVG by legalgen: every coordinate decided here."""

    width: int
    height: int
    plot_left: float
    plot_right: float
    axis_y: float
    ticks: tuple[Tick, ...]
    breaks: tuple[float, ...]
    marks: tuple[ChartMark, ...]
    marks_top: float
    lanes: tuple[Lane, ...]
    title: str
    desc: str
    caption: str
    key: tuple[str, ...]


@dataclass(frozen=True)
class Period:
    """One period of the position in force on a topic (a step of legalgen.timeline's thread)."""

    since: str
    until: str
    position: str
    change: str
    because: str
    flags: str | None


@dataclass(frozen=True)
class ChapterEntry:
    id: str
    date: str
    instrument: str
    target: str
    position: str
    change: str
    summary: Para
    provisions: tuple[ProvisionBlock, ...]


@dataclass(frozen=True)
class Misread:
    instrument: str
    claim: str
    law: str
    cites: tuple[Run, ...]
    sources: str


@dataclass(frozen=True)
class ScaleStep:
    label: str
    description: str | None


@dataclass(frozen=True)
class Chapter:
    id: str
    title: str
    description: str | None
    scale: tuple[ScaleStep, ...]
    overview: Para
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
class SourceRow:
    id: str
    title: str
    url: str | None
    publication: str | None
    reliability: str
    language: str | None


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
    checks: tuple[CheckGroup, ...]
    instrument_ids: tuple[str, ...]
    notes: tuple[Note, ...] = ()


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


# =========================================================================== helpers that build pieces


class _Cites:
    """Hands out ids for citing links and notes, in document order, and remembers who cites what."""

    def __init__(self, blocks: set[str]) -> None:
        self.blocks = blocks  # provision anchors quoted somewhere in this document
        self.by_instrument: dict[str, list[str]] = {}
        self.notes: list[Note] = []
        self._n = 0

    def target(self, ref: ProvisionRef) -> str:
        return ref.anchor if ref.anchor in self.blocks else f"toa--{ref.instrument}"

    def link(self, text: str, ref: ProvisionRef | None, instrument: str) -> Run:
        self._n += 1
        cid = f"cite-{self._n}"
        self.by_instrument.setdefault(instrument, []).append(cid)
        target = self.target(ref) if ref else f"toa--{instrument}"
        return Run(text, target=target, id=cid)

    def note(self, text: str) -> Note:
        n = Note(len(self.notes) + 1, text)
        self.notes.append(n)
        return n


def pin(inst: Instrument, pid: str) -> str:
    """``Friendship Treaty (1995), art. 17``."""
    return f"{inst.short_title}, {article_label(*parse_provision_id(pid))}"


def _source_text(inst: Instrument, sid: str) -> str:
    src = inst.source(sid)
    if src is None:
        return sid
    return f"{sid}, {src.title} ({RELIABILITY[src.reliability][0].lower()})"


def passage(text: Verbatim | Paraphrase, inst: Instrument) -> Passage:
    """A record text as the reader sees it: a labelled quote, or a labelled, unquoted paraphrase."""
    lang = language_name(text.language)
    paragraphs = tuple(p.strip() for p in text.text.split("\n") if p.strip())
    if isinstance(text, Verbatim):
        if text.rendering is Rendering.original:
            label = f"Verbatim · {lang} original"
        else:
            whose = "Official" if text.rendering is Rendering.official_translation else "Unofficial"
            label = f"{whose} translation into {lang} by {text.translator}"
        if text.incomplete:
            label += " · excerpt"
        marks = QUOTE_MARKS.get(text.language, DEFAULT_QUOTE_MARKS)
        return Quote(
            lang=text.language,
            label=label,
            paragraphs=paragraphs,
            open=marks[0],
            close=marks[1],
            cut_start=CUT if text.incomplete and text.cut in ("start", "both") else "",
            cut_end=CUT if text.incomplete and text.cut in ("end", "both") else "",
            source=f"{_source_text(inst, text.source)}, {text.locator}",
            note=text.note,
            translation=text.rendering is not Rendering.original,
        )
    sources = ", ".join(text.sources)
    return Paraphrased(
        lang=text.language,
        label=f"Paraphrase in {lang} · not the instrument's words",
        paragraphs=paragraphs,
        basis=text.basis,
        source=sources,
        note=text.note,
    )


def _rank(p: Passage) -> int:
    if isinstance(p, Quote):
        return 1 if p.translation else 0
    return 2


def provision_block(
    inst: Instrument,
    prov: Provision,
    anchor: str | None,
    cites: _Cites | None,
    names: dict[str, str] | None = None,
) -> ProvisionBlock:
    left = sorted((t for t in prov.texts if t.language != "en"), key=lambda t: (t.language, _rank(passage(t, inst))))
    right = sorted((t for t in prov.texts if t.language == "en"), key=lambda t: _rank(passage(t, inst)))
    left_langs = sorted({t.language for t in left}) or ["ru"]
    continues: list[Run] = []
    for ref_text in prov.continues:
        ref = ProvisionRef.parse(ref_text)
        label = f"{(names or {}).get(ref.instrument, ref.instrument)}, {article_label(ref.article, ref.paragraph)}"
        if cites is not None:
            continues.append(cites.link(label, ref, ref.instrument))
        else:
            continues.append(Run(label))
    return ProvisionBlock(
        id=anchor,
        cite=pin(inst, prov.id),
        label=article_label(prov.article, prov.paragraph),
        heading=prov.heading,
        left_heading=", ".join(language_name(x) for x in left_langs),
        left=tuple(passage(t, inst) for t in left),
        left_missing=None if left else f"The {language_name(left_langs[0])} text was not seen.",
        right=tuple(passage(t, inst) for t in right),
        right_missing=None if right else "No English text recorded.",
        note=prov.note,
        continues=tuple(continues),
    )


def _position_label(topic: Topic, position: str) -> str:
    found = topic.position(position)
    return found.label if found else position


def _level(topic: Topic, position: str) -> int:
    """0…4 for shading: the position's rank spread over five grey levels."""
    top = max(len(topic.scale) - 1, 1)
    return round(4 * topic.rank(position) / top)


def _signature_phrase(inst: Instrument) -> str:
    sig = inst.signature
    if sig is None:
        d = instrument_date(inst)
        return f"dated {long_date(d)}" if d else "date not recorded"
    place = ""
    if sig.place:
        place = f" at {sig.place}" + ("" if sig.place_verified else " (place not verified)")
    return f"signed{place} on {long_date(sig.date)}" + ("" if sig.verified else " (not verified)")


def _signed_fact(inst: Instrument) -> str:
    """``21 February 1995, Minsk (place not verified)`` for a brief's header."""
    sig = inst.signature
    if sig is None:
        return "—"
    text = long_date(sig.date) + ("" if sig.verified else " (not verified)")
    if sig.place:
        text += f", {sig.place}" + ("" if sig.place_verified else " (place not verified)")
    return text


def citation(inst: Instrument) -> str:
    """The full citation: title, parties, signature, publication."""
    out = f"{inst.title}, {_signature_phrase(inst)}"
    if inst.publication:
        out += "; published in " + "; ".join(inst.publication)
    return out + "."


def _others(inst: Instrument) -> tuple[Fact, ...]:
    return tuple(Fact(language_name(lang), title, lang) for lang, title in sorted(inst.titles.items()) if lang != "en")


def party_name(party: str) -> str:
    """A party as English prose names it: ``the Russian Federation``, ``the Republic of Belarus``."""
    return f"the {party}" if party.startswith(("Russian Federation", "Republic of")) else party


def _title(iid: str, names: dict[str, str]) -> str:
    """``the Union State Treaty (1999)``: an instrument named in prose by its short title, never by its id."""
    return f"the {names[iid]}" if iid in names else iid


def _by_its(pid: str) -> str:
    """``by its art. 70(1)``, or ``by a provision whose article number was not identified``."""
    article, paragraph = parse_provision_id(pid)
    if article == "unidentified":
        return "by a provision whose article number was not identified"
    return f"by its {article_label(article, paragraph)}"


def _sentence(text: str) -> str:
    """End ``text`` with one full stop, whether or not it already has one."""
    return text if text.endswith((".", "!", "?")) else text + "."


def describe_event(event: Event, inst: Instrument, names: dict[str, str] | None = None) -> str:
    """One event in a sentence, flagging what no source confirmed; other instruments by their short titles."""
    names = names or {}
    when = long_date(event.date)
    if isinstance(event, Signature):
        text = sentence_case(_signature_phrase(inst))
        if event.signatories:
            signed = "; ".join(
                s.name + (f" for {party_name(s.for_party)}" if s.for_party else "") for s in event.signatories
            )
            text += f", by {signed}" + ("" if event.signatories_verified else " (signatories not verified)")
        return text + "."
    if isinstance(event, Ratification):
        step = event.step or "ratification"
        act = f": {event.act}" if event.act else ""
        text = f"{when}: {event.party}, {step}{act}"
    elif isinstance(event, EntryIntoForce):
        text = f"{when}: entry into force" + (f" for {party_name(event.party)}" if event.party else "")
    elif isinstance(event, Amendment):
        what = ", ".join(article_label(*parse_provision_id(p)) for p in event.provisions)
        text = f"{when}: " + (f"{what} amended" if what else "amended") + f" by {_title(event.by, names)}"
        text += "" if event.verified else " (not verified by a source)"
        return text + f" — {_sentence(event.summary)}" if event.summary else text + "."
    else:
        assert isinstance(event, Termination)
        by = ""
        if event.by and event.by_provision:
            by = f" by {article_label(*parse_provision_id(event.by_provision))} of {_title(event.by, names)}"
        elif event.by:
            by = f" by {_title(event.by, names)}"
        text = f"{when}: ceased to have effect{by}"
    return text + ("" if event.verified else " (not verified by a source)") + "."


def _life_checks(life: tl.Life, names: dict[str, str]) -> list[str]:
    """What legalgen.timeline had to derive or could not establish about an instrument's dates."""
    items = []
    for c in life.caveats:
        other = names.get(c.other or "", c.other)
        event = (c.event or "").replace("_", " ")
        if c.kind is tl.CaveatKind.derived_date and c.date:
            items.append(
                f"The date of {event} ({long_date(c.date)}) is not recorded on this instrument; it is derived "
                f"from the {other}."
            )
        elif c.kind is tl.CaveatKind.termination_date_unknown:
            items.append(
                f"The {other} ends this instrument, but its own entry into force, and so the end of this one, "
                "is not recorded."
            )
        elif c.kind is tl.CaveatKind.partial_entry_into_force and c.date:
            items.append(f"Entry into force is recorded only for {c.text} ({long_date(c.date)}).")
    return items


def checks(
    inst: Instrument,
    topics: Sequence[Topic] | None = None,
    life: tl.Life | None = None,
    names: dict[str, str] | None = None,
) -> tuple[str, ...]:
    """Everything about ``inst`` that is still unverified or derived, one sentence each."""
    items: list[str] = _life_checks(life, names or {}) if life is not None else []
    for event in sorted(inst.events, key=lambda e: e.date):
        kind = event.type.replace("_", " ")
        if not event.verified:
            items.append(f"The {kind} of {long_date(event.date)} is not confirmed by any source seen.")
        if isinstance(event, Signature):
            if event.place and not event.place_verified:
                items.append(f"The place of signature ({event.place}) is not verified.")
            if event.signatories and not event.signatories_verified:
                who = "; ".join(s.name for s in event.signatories)
                items.append(f"The signatories ({who}) are not verified.")
    wanted = {t.id for t in topics} if topics is not None else None
    for a in inst.assessments:
        if wanted is not None and a.topic not in wanted:
            continue
        provs = [p for pid in a.provisions if (p := inst.provision(pid)) is not None]
        if provs and not any(p.verbatim for p in provs):
            cited = ", ".join(article_label(p.article, p.paragraph) for p in provs)
            items.append(
                f"The position on {a.topic.replace('-', ' ')} rests on paraphrase only ({cited}): "
                "no verbatim text was seen."
            )
    for prov in inst.provisions:
        if prov.verbatim and not any(v.rendering is Rendering.original for v in prov.verbatim):
            items.append(f"{_provision_name(prov)} is known only from a translation; the original text was not seen.")
        elif not prov.verbatim:
            items.append(f"{_provision_name(prov)} is known only from a paraphrase; no verbatim text was seen.")
    items.extend(inst.open_questions)
    return tuple(items)


def _provision_name(prov: Provision) -> str:
    """The subject of a sentence about a provision: 'Art. 14(7)', or what an unnumbered one is about."""
    if prov.article == "unidentified":
        about = f" on {prov.heading[0].lower()}{prov.heading[1:]}" if prov.heading else ""
        return f"The provision{about} (article number not identified)"
    return sentence_case(article_label(prov.article, prov.paragraph))


def source_rows(inst: Instrument) -> tuple[SourceRow, ...]:
    return tuple(
        SourceRow(
            id=s.id,
            title=s.title,
            url=s.url,
            publication=s.publication,
            reliability=RELIABILITY[s.reliability][0],
            language=language_name(s.language) if s.language else None,
        )
        for s in inst.sources
    )


def reading_key() -> tuple[Fact, ...]:
    return (
        Fact("«…» “…”", "Verbatim: the words as seen in the named source, in quotation marks. Nothing else is."),
        Fact("[…]", "The source cut the text off here; the rest of the provision was not seen."),
        Fact("Translation", "Marked official or unofficial and attributed to its translator."),
        Fact("Paraphrase", "A summary or working translation: never in quotation marks, always with its basis."),
        Fact("Position", "The editors' assessment on the topic's scale, resting on the provisions cited."),
    )


def _meta(
    slug: str,
    title: str,
    subtitle: str,
    description: str,
    keywords: Iterable[str],
    as_of: dt.date,
    generated: dt.date | None,
    kind: str,
) -> Meta:
    return Meta(
        slug=slug,
        title=title,
        subtitle=subtitle,
        description=description,
        keywords=tuple(dict.fromkeys(keywords)),
        as_of=long_date(as_of),
        generated=long_date(generated) if generated else None,
        created=f"{generated.isoformat()}T00:00:00Z" if generated else None,
        kind=kind,
    )


def ref_label(ref_text: str, names: dict[str, str]) -> str:
    """``1995-customs-union/art-1`` as a lawyer writes it: ``Customs Union Agreement (1995), art. 1``."""
    ref = ProvisionRef.parse(ref_text)
    return f"{names.get(ref.instrument, ref.instrument)}, {article_label(ref.article, ref.paragraph)}"


def _misread(
    inst: Instrument,
    m_claim: str,
    m_law: str,
    refs: Sequence[str],
    sources: str,
    cites: _Cites,
    names: dict[str, str],
) -> Misread:
    runs: list[Run] = []
    for ref_text in refs:
        ref = ProvisionRef.parse(ref_text)
        if runs:
            runs.append(Run("; "))
        runs.append(cites.link(ref_label(ref_text, names), ref, ref.instrument))
    return Misread(instrument=inst.short_title, claim=m_claim, law=m_law, cites=tuple(runs), sources=sources)


def _misread_topics(corpus: Corpus, refs: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for ref_text in refs:
        ref = ProvisionRef.parse(ref_text)
        try:
            inst = corpus.instrument(ref.instrument)
        except UnknownName:
            continue
        prov = inst.provision(ref.provision)
        if prov is not None:
            found.update(prov.topics)
    return found


# =========================================================================== the chart

CHART_WIDTH = 560
GUTTER = 140
MARK_ROW = 17
LEVEL_H = 12
LANE_GAP = 14
MIN_MARK_GAP = 16
MIN_LABEL_GAP = 24
BREAK_YEARS = 5  # a stretch of at least this many years with nothing recorded is drawn as a break
BREAK_UNITS = 0.8  # … and takes the room of 0.8 of a year


def _year_scale(used: set[int], first: int, last: int) -> tuple[dict[int, tuple[float, float]], list[tuple[int, int]]]:
    """Each year's (start, width) as a fraction of the axis, and the (first, last) years of each break."""
    spans: dict[int, tuple[float, float]] = {}
    breaks: list[tuple[int, int]] = []
    pos = 0.0
    year = first
    while year <= last:
        run = 0
        while year + run < last and (year + run) not in used:
            run += 1
        if run >= BREAK_YEARS and year != first:
            for y in range(year, year + run):
                spans[y] = (pos, BREAK_UNITS / run)
                pos += BREAK_UNITS / run
            breaks.append((year, year + run - 1))
            year += run
            continue
        spans[year] = (pos, 1.0)
        pos += 1.0
        year += 1
    return {y: (start / pos, width / pos) for y, (start, width) in spans.items()}, breaks


def height_of(topic: Topic) -> float:
    return (len(topic.scale) - 1) * LEVEL_H


def _cause_numbers(step: tl.ThreadStep, number: dict[str, int]) -> str:
    """The numbers of the instruments whose coming into (or out of) effect made the change: ``"4,5"``."""
    found = sorted({number[c.instrument] for c in step.causes if c.instrument in number})
    return ",".join(str(n) for n in found)


CAUSES = {
    ("start", "entry-into-force"): "{} entered into force",
    ("start", "signature"): "{} was signed",
    ("start", "amendment"): "the amendment by {} took effect",
    ("start", "ratified-instrument"): "{} applies with the instrument it ratifies",
    ("end", "termination"): "{} ceased to have effect",
    ("end", "parent-terminated"): "{} ended with the instrument it belongs to",
}


def cause_text(cause: tl.Cause, number: dict[str, int] | None = None) -> str:
    """``the Charter of the Union (1997) entered into force`` (with its chart number when given)."""
    who = f"the {cause.short_title}"
    if number and cause.instrument in number:
        who = f"{number[cause.instrument]}. {cause.short_title}"
    return CAUSES.get((cause.edge, cause.kind), "{} " + f"({cause.edge} {cause.kind})").format(who)


def _describe_step(step: tl.ThreadStep, number: dict[str, int] | None = None) -> str:
    what = step.position.label or "no position"
    why = ", ".join(cause_text(c, number) for c in step.causes)
    flags = _flags([c for sup in step.position.established_by for c in sup.caveats])
    detail = "; ".join(x for x in (why, flags) if x)
    return f"{what} from {long_date(step.since)}" + (f" ({detail})" if detail else "")


def chart(a: Analysis) -> Chart:
    """Lay out the timeline: numbered instrument marks on a date axis, then one step lane per topic."""
    insts = a.instruments
    dates: list[dt.date] = []
    for inst in insts:
        st = a.status[inst.id]
        dates += [d for d in (instrument_date(inst), st.in_force, st.ended) if d]
    first = min((d.year for d in dates), default=a.as_of.year)
    last = max(max((d.year for d in dates), default=first), a.as_of.year)
    used = {d.year for d in dates} | {a.as_of.year}
    spans, break_years = _year_scale(used, first, last)
    left, right = GUTTER + 8.0, CHART_WIDTH - 10.0

    def x(day: dt.date) -> float:
        start, width = spans[day.year]
        frac = (day.timetuple().tm_yday - 1) / (366 if day.year % 4 == 0 else 365)
        return round(left + (start + width * frac) * (right - left), 1)

    def year_x(year: int) -> float:
        return round(left + spans[year][0] * (right - left), 1) if year in spans else right

    # instrument marks, staggered into rows so that no two numbers overlap
    rows_end: list[float] = []
    marks: list[ChartMark] = []
    marks_top = 14.0
    for n, inst in enumerate(insts, start=1):
        d = instrument_date(inst)
        assert d is not None
        st = a.status[inst.id]
        mx = x(d)
        xf = x(st.in_force) if st.in_force else None
        row = next((i for i, end in enumerate(rows_end) if mx - end >= MIN_MARK_GAP), len(rows_end))
        if row == len(rows_end):
            rows_end.append(0.0)
        rows_end[row] = max(mx, (xf or mx) + 5)
        marks.append(ChartMark(n, mx, marks_top + 16 + row * MARK_ROW, xf, inst.short_title))
    top = marks_top + 16 + max(len(rows_end), 1) * MARK_ROW
    number = {inst.id: n for n, inst in enumerate(insts, start=1)}
    lanes: list[Lane] = []
    end_x = x(a.as_of)
    for t in a.topics:
        n_levels = len(t.scale)
        lane_top = top + 22
        levels = tuple(LaneLevel(lane_top + (n_levels - 1 - i) * LEVEL_H, p.label) for i, p in enumerate(t.scale))
        points: list[LanePoint] = []
        path: list[str] = []
        drawing = False
        for step in a.threads[t.id].steps:
            px = x(step.since)
            if step.position.position is None:  # no position applies any more: the line stops here
                if drawing:
                    path.append(f"H {px}")
                drawing = False
                points.append(LanePoint(_cause_numbers(step, number), px, lane_top + height_of(t), True))
                continue
            py = lane_top + (n_levels - 1 - step.position.rank) * LEVEL_H
            path.append(f"H {px} V {py}" if drawing else f"M {px} {py}")
            drawing = True
            points.append(LanePoint(_cause_numbers(step, number), px, py, step.direction is not tl.Direction.same))
        if drawing:
            path.append(f"H {end_x}")
        height = (n_levels - 1) * LEVEL_H
        lanes.append(Lane(t.title, top, height + 22, levels, " ".join(path), tuple(points)))
        top = lane_top + height + LANE_GAP
    axis_y = top + 2
    ticks: list[Tick] = []
    collapsed = {y for b0, b1 in break_years for y in range(b0, b1 + 1)}
    for year in sorted(spans):
        if year in collapsed:
            continue
        tx = year_x(year)
        if not ticks or tx - ticks[-1].x >= MIN_LABEL_GAP:
            ticks.append(Tick(tx, str(year)))
    breaks = tuple(round((year_x(b0) + year_x(b1 + 1)) / 2, 1) for b0, b1 in break_years)

    title = f"Timeline of {len(insts)} instrument{'s' if len(insts) != 1 else ''}" + (
        f", {first}–{last}, and the positions they take on " + ", ".join(t.title.lower() for t in a.topics)
        if insts
        else ""
    )
    desc: list[str] = []
    for n, inst in enumerate(insts, start=1):
        desc.append(f"{n}. {inst.short_title}: {_signature_phrase(inst)}; {a.status[inst.id].short}.")
    for t in a.topics:
        steps = a.threads[t.id].steps
        if not steps:
            desc.append(f"{t.title}: no position recorded.")
            continue
        desc.append(f"{t.title}: " + "; ".join(_describe_step(step, number) for step in steps) + ".")
    caption = (
        "Each instrument is a numbered circle at its date of signature; a diamond joined to it marks its entry "
        "into force. Below, one lane per topic shows the position in force on the topic's scale; each change "
        "carries the numbers of the instruments that caused it (filled circle: the position changed; open "
        "circle: the same position, established by a changed set of instruments). A position counts from an "
        "instrument's entry into force, or from its signature where no entry into force is recorded."
    )
    if break_years:
        gaps = ", ".join(f"{b0}–{b1}" if b1 > b0 else str(b0) for b0, b1 in break_years)
        caption += f" The axis is shortened where nothing was signed or entered into force ({gaps}), marked by a break."
    return Chart(
        width=CHART_WIDTH,
        height=round(axis_y + 20),
        plot_left=left,
        plot_right=right,
        axis_y=axis_y,
        ticks=tuple(ticks),
        breaks=breaks,
        marks=tuple(marks),
        marks_top=marks_top,
        lanes=tuple(lanes),
        title=title,
        desc=" ".join(desc),
        caption=caption,
        key=tuple(f"{n} {inst.short_title}" for n, inst in enumerate(insts, start=1)),
    )


# =========================================================================== the report


def report_view(
    corpus: Corpus,
    *,
    as_of: dt.date,
    generated: dt.date | None,
    topic: str | None = None,
) -> ReportView:
    """Everything the timeline report shows, for the instruments made by ``as_of`` (one topic if given)."""
    a = analysis(corpus, as_of, topic)
    insts = a.instruments
    number = {inst.id: n for n, inst in enumerate(insts, start=1)}
    names = {i.id: i.short_title for i in corpus.instruments}

    # Which provisions are quoted, and where first: decided before any link is made.
    blocks: set[str] = set()
    for t in a.topics:
        for step in a.statements[t.id]:
            for prov in _chapter_provisions(step.instrument, step.assessment, t):
                blocks.add(ProvisionRef(step.instrument.id, prov.article, prov.paragraph).anchor)
    cites = _Cites(blocks)

    # executive summary
    years = sorted({d.year for i in insts if (d := instrument_date(i))})
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "none")
    in_force = sum(1 for i in insts if a.status[i.id].in_force and not a.status[i.id].ended)
    ended = sum(1 for i in insts if a.status[i.id].ended)
    summary: list[Para] = [
        Para(
            (
                Run(
                    f"This report follows {len(insts)} instrument{'s' if len(insts) != 1 else ''} signed {span} "
                    f"through {len(a.topics)} topic{'s' if len(a.topics) != 1 else ''} "
                    f"({', '.join(t.title.lower() for t in a.topics)}), as of {long_date(as_of)}. "
                    + _standing(in_force, ended, len(insts) - in_force - ended)
                    + " "
                    "Each position below is the editors' assessment on the topic's scale and names the "
                    "provisions it rests on; every quotation is verbatim from a named source."
                ),
            )
        )
    ]
    for t in a.topics:
        summary.append(Para(tuple(_topic_summary(corpus, a, t, cites))))
    n_checks = sum(len(checks(i, a.topics, a.state.status(i.id).life, names)) for i in insts)
    summary.append(
        Para(
            (
                Run(
                    f"{n_checks} point{'s' if n_checks != 1 else ''} remain{'s' if n_checks == 1 else ''} unverified; "
                    "Appendix B lists them. Where popular accounts differ from the text, the chapters say so."
                ),
            )
        )
    )

    # matrix (rows: instruments; columns: topics): what each instrument itself states
    rows: list[MatrixRow] = []
    for inst in insts:
        cells: list[MatrixCell] = []
        for t in a.topics:
            cell = a.matrix.cell(t.id, inst.id)
            if not cell.supports:
                cells.append(MatrixCell("—", -1, (), None, None))
                continue
            support = cell.supports[0]
            cell_cites: list[Run] = []
            for c in support.citations:
                if cell_cites:
                    cell_cites.append(Run(", "))
                art, para = parse_provision_id(c.provision)
                cell_cites.append(cites.link(article_label(art, para), ProvisionRef(inst.id, art, para), inst.id))
            cells.append(
                MatrixCell(
                    support.label,
                    _level(t, support.position),
                    tuple(cell_cites),
                    support.summary,
                    _flags(support.caveats) or None,
                )
            )
        d = instrument_date(inst)
        rows.append(
            MatrixRow(
                number=number[inst.id],
                title=inst.short_title,
                target=f"toa--{inst.id}",
                date=long_date(d) if d else "—",
                status=a.status[inst.id].short,
                cells=tuple(cells),
            )
        )
    matrix = Matrix(
        topics=tuple(t.title for t in a.topics),
        rows=tuple(rows),
        caption=(
            "Position of each instrument on each topic, with the provisions it rests on. "
            "“—”: the instrument takes no position on the topic as far as its text was seen. "
            "Darker cells stand higher on the topic's scale; notes in italics say what to keep in mind "
            "(Appendix B gives the details)."
        ),
    )

    the_chart = chart(a)

    # chapters
    quoted: set[str] = set()
    misread_used: set[tuple[str, int]] = set()
    chapters: list[Chapter] = []
    for t in a.topics:
        entries: list[ChapterEntry] = []
        steps = a.statements[t.id]
        for step in steps:
            inst = step.instrument
            label = _position_label(t, step.assessment.position)
            change = _against_position_then(corpus, t, step.assessment.position, instrument_date(inst))
            provs: list[ProvisionBlock] = []
            for prov in _chapter_provisions(inst, step.assessment, t):
                anchor = ProvisionRef(inst.id, prov.article, prov.paragraph).anchor
                provs.append(provision_block(inst, prov, anchor if anchor not in quoted else None, cites, names))
                quoted.add(anchor)
            d = instrument_date(inst)
            summary_runs = [Run(step.assessment.summary + " ")]
            if step.assessment.provisions:
                summary_runs += [Run("("), *_cite_runs(inst, step.assessment.provisions, cites), Run(")")]
            entries.append(
                ChapterEntry(
                    id=f"topic--{t.id}--{inst.id}",
                    date=long_date(d) if d else "—",
                    instrument=f"{number[inst.id]}. {inst.short_title}",
                    target=f"toa--{inst.id}",
                    position=label,
                    change=change,
                    summary=Para(tuple(summary_runs)),
                    provisions=tuple(provs),
                )
            )
        mis: list[Misread] = []
        for inst in insts:
            for mi, m in enumerate(inst.misreadings):
                if t.id in _misread_topics(corpus, m.provisions) and (inst.id, mi) not in misread_used:
                    misread_used.add((inst.id, mi))
                    src = "; ".join(_source_text(inst, s) for s in m.sources)
                    mis.append(_misread(inst, m.claim, m.law, m.provisions, src, cites, names))
        thread = a.threads[t.id].steps
        periods = tuple(
            Period(
                since=long_date(p.since),
                until=long_date(p.until) if p.until else f"{long_date(as_of)} (the report's date)",
                position=p.position.label or "No position",
                change=_change(p),
                because=sentence_case(", ".join(cause_text(c) for c in p.causes)) or "—",
                flags=_flags([c for sup in p.position.established_by for c in sup.caveats]) or None,
            )
            for p in thread
        )
        pos = a.state.position(t.id)
        stated = len(steps)
        ov = [
            Run(
                f"{stated} of the {len(insts)} instrument{'s' if len(insts) != 1 else ''} state"
                f"{'s' if stated == 1 else ''} a position on {t.title.lower()}. "
            )
        ]
        if pos.position is not None:
            ov += [Run(f"On {long_date(as_of)} the position in force is "), Run(pos.label or "", em=True), Run(". ")]
        else:
            ov.append(Run(f"On {long_date(as_of)} no position applies. "))
        if periods:
            ov.append(
                Run(
                    "The first table gives the position in force period by period and what changed it; the "
                    "entries after it give what each instrument itself states, with its provisions quoted."
                )
            )
        overview = Para(tuple(ov))
        chapters.append(
            Chapter(
                id=f"topic--{t.id}",
                title=t.title,
                description=t.description,
                scale=tuple(ScaleStep(p.label, p.description) for p in t.scale),
                overview=overview,
                periods=periods,
                entries=tuple(entries),
                misreadings=tuple(mis),
            )
        )
    other: list[Misread] = []
    for inst in insts:
        for mi, m in enumerate(inst.misreadings):
            if (inst.id, mi) not in misread_used and (topic is None or not m.provisions):
                src = "; ".join(_source_text(inst, s) for s in m.sources)
                other.append(_misread(inst, m.claim, m.law, m.provisions, src, cites, names))

    authorities = tuple(
        Authority(
            id=f"toa--{inst.id}",
            short_title=inst.short_title,
            title=inst.title,
            titles_other=_others(inst),
            citation=citation(inst),
            status=a.status[inst.id].text,
            cites=tuple(cites.by_instrument.get(inst.id, ())),
        )
        for inst in insts
    )
    sources = tuple(SourceGroup(inst.short_title, f"src--{inst.id}", source_rows(inst)) for inst in insts)
    check_groups = tuple(
        CheckGroup(inst.short_title, f"chk--{inst.id}", items)
        for inst in insts
        if (items := checks(inst, a.topics, a.state.status(inst.id).life, names))
    )

    contents = [
        TocEntry("sec--summary", "Executive summary", 1),
        TocEntry("sec--matrix", "The positions at a glance", 1),
        TocEntry("sec--chart", "Timeline", 1),
    ]
    contents += [TocEntry(c.id, c.title, 1) for c in chapters]
    if other:
        contents.append(TocEntry("sec--misreadings", "Where popular accounts differ", 1))
    contents += [
        TocEntry("sec--authorities", "Table of authorities", 1),
        TocEntry("sec--sources", "Appendix A. Sources and their reliability", 1),
        TocEntry("sec--checks", "Appendix B. What is still unverified", 1),
    ]
    topic_titles = [t.title for t in a.topics]
    one = topic is not None
    title = f"{a.topics[0].title} over time" if one else "Positions over time"
    subtitle = (
        f"{', '.join(topic_titles[:-1])} and {topic_titles[-1]}".capitalize()
        if len(topic_titles) > 1
        else topic_titles[0]
    ) + f" in {len(insts)} instruments, {span}"
    parties = sorted({p for i in insts for p in i.parties})
    facts = (
        Fact("As of", long_date(as_of)),
        Fact("Instruments", f"{len(insts)}, signed {span}"),
        Fact("Topics", ", ".join(topic_titles)),
        Fact("Parties", "; ".join(parties)),
        Fact("Prepared by", f"legalgen {__version__}" + (f", {long_date(generated)}" if generated else "")),
    )
    meta = _meta(
        slug=f"timeline-report-{topic}" if one else "timeline-report",
        title=f"Timeline report: {title}",
        subtitle=subtitle,
        description=f"{subtitle}, as of {long_date(as_of)}: positions, timeline, provisions quoted, authorities.",
        keywords=[*topic_titles, *(i.short_title for i in insts), "timeline", "legalgen"],
        as_of=as_of,
        generated=generated,
        kind="Timeline report",
    )
    return ReportView(
        meta=meta,
        facts=facts,
        key=reading_key(),
        contents=tuple(contents),
        summary=tuple(summary),
        matrix=matrix,
        chart=the_chart,
        chapters=tuple(chapters),
        other_misreadings=tuple(other),
        authorities=authorities,
        sources=sources,
        reliability=tuple(ReliabilityClass(*RELIABILITY[r]) for r in Reliability),
        checks=check_groups,
        instrument_ids=tuple(i.id for i in insts),
    )


def _standing(in_force: int, ended: int, other: int) -> str:
    """``On that date, 5 instruments are recorded as in force, 2 as no longer in effect, and for 4 …``."""

    def n(k: int) -> str:
        return f"{k} instrument{'s' if k != 1 else ''}"

    parts = [f"{n(in_force)} {'is' if in_force == 1 else 'are'} recorded as in force"]
    if ended:
        parts.append(f"{ended} as no longer in effect")
    text = "On that date, " + " and ".join(parts)
    if other:
        text += f"; for the other {other}, no entry into force is recorded" if in_force + ended else ""
    return text + "."


FLAGS = {
    tl.CaveatKind.entry_into_force_not_recorded: "counted from signature: entry into force not recorded",
    tl.CaveatKind.partial_entry_into_force: "in force for some parties only",
    tl.CaveatKind.unverified_event: "rests on an unverified date",
    tl.CaveatKind.derived_date: "date derived from another instrument",
    tl.CaveatKind.paraphrase_only: "wording known only as a paraphrase",
    tl.CaveatKind.translation_only: "wording known only in translation",
    tl.CaveatKind.incomplete_text: "wording seen only in part",
    tl.CaveatKind.termination_date_unknown: "end date unknown",
}


def _flags(caveats: Sequence[tl.Caveat]) -> str:
    """The caveats a reader must see beside a position, in words, once each."""
    return "; ".join(dict.fromkeys(FLAGS[c.kind] for c in caveats if c.kind in FLAGS))


def _support_runs(corpus: Corpus, support: tl.Support, cites: _Cites) -> list[Run]:
    inst = corpus.instrument(support.instrument)
    return _cite_runs(inst, [c.provision for c in support.citations], cites)


DIRECTIONS = {
    tl.Direction.first: "first position",
    tl.Direction.up: "up from {}",
    tl.Direction.down: "down from {}",
    tl.Direction.same: "same position; the instruments establishing it changed",
}


def _change(step: tl.ThreadStep) -> str:
    if step.position.position is None:
        return f"no position applies any more (was {step.previous_label})"
    return DIRECTIONS[step.direction].format(step.previous_label or "no position")


def _topic_summary(corpus: Corpus, a: Analysis, t: Topic, cites: _Cites) -> list[Run]:
    """One topic in the executive summary: the position in force on the date, what it rests on, its history."""
    pos = a.state.position(t.id)
    steps = a.threads[t.id].steps
    runs: list[Run] = [Run(f"{t.title}: ", em=True)]
    if pos.position is None:
        runs.append(Run(f"no position applies on {long_date(a.as_of)}."))
        return runs
    runs += [Run(f"on {long_date(a.as_of)} the position in force is "), Run(pos.label or "", em=True), Run(" (")]
    for i, support in enumerate(pos.established_by):
        if i:
            runs.append(Run("; "))
        runs += _support_runs(corpus, support, cites)
    runs.append(Run(")"))
    flags = _flags([c for s in pos.established_by for c in s.caveats])
    if flags:
        runs.append(Run(f" — {flags}"))
    if pos.also_stated:
        runs.append(Run("; also stated: "))
        for i, support in enumerate(pos.also_stated):
            if i:
                runs.append(Run("; "))
            runs += [Run(support.label, em=True), Run(" (")]
            runs += [*_support_runs(corpus, support, cites), Run(")")]
    moves = sum(1 for s in steps[1:] if s.direction in (tl.Direction.up, tl.Direction.down))
    first = steps[0] if steps else None
    if first is not None and first.position.label:
        runs += [
            Run(f". The first position recorded, from {long_date(first.since)}, was "),
            Run(first.position.label, em=True),
            Run(f"; the position has changed {moves} time{'s' if moves != 1 else ''} since."),
        ]
    else:
        runs.append(Run("."))
    return runs


def _chapter_provisions(inst: Instrument, assessment: Assessment, topic: Topic) -> list[Provision]:
    """The provisions an assessment rests on, then the instrument's other provisions on the topic."""
    cited = [p for pid in assessment.provisions if (p := inst.provision(pid)) is not None]
    others = [p for p in inst.provisions if topic.id in p.topics and p not in cited]
    return cited + others


def _cite_runs(inst: Instrument, pids: Sequence[str], cites: _Cites) -> list[Run]:
    """``Union Treaty (1997), art. 14, art. 15`` as linked runs: the instrument once, then each provision."""
    if not pids:
        return [cites.link(inst.short_title, None, inst.id)]
    runs: list[Run] = []
    for i, pid in enumerate(pids):
        art, para = parse_provision_id(pid)
        text = (f"{inst.short_title}, " if i == 0 else "") + article_label(art, para)
        if i:
            runs.append(Run(", "))
        runs.append(cites.link(text, ProvisionRef(inst.id, art, para), inst.id))
    return runs


# =========================================================================== the brief


def brief_view(corpus: Corpus, target: str, *, as_of: dt.date, generated: dt.date | None) -> BriefView:
    """A brief on one instrument (``target`` is its id) or one topic (``target`` is the topic id)."""
    if target in corpus.ids:
        return _instrument_brief(corpus, corpus.instrument(target), as_of, generated)
    if corpus.topics.topic(target) is not None:
        return _topic_brief(corpus, target, as_of, generated)
    known = list(corpus.ids) + [t.id for t in corpus.topics.topics]
    raise UnknownName("instrument or topic", target, close_matches(target, known) or known)


def _note_text(inst: Instrument, pids: Sequence[str]) -> str:
    """Provisions as a footnote cites them, each with how its text is known and from which sources."""
    parts = []
    for pid in pids:
        prov = inst.provision(pid)
        where = ""
        if prov is not None:
            srcs = sorted({t.source for t in prov.verbatim} | {s for t in prov.paraphrases for s in t.sources})
            _, _, texts = tl.provision_basis(prov)
            labels = [t.basis_label() for t in texts if isinstance(t, Verbatim)]
            kinds = ", ".join(dict.fromkeys(labels)) or "paraphrase only"
            where = f" ({kinds}; " + "; ".join(_source_text(inst, s) for s in srcs) + ")" if srcs else f" ({kinds})"
        parts.append(article_label(*parse_provision_id(pid)) + where)
    return f"{inst.short_title}, " + "; ".join(parts) + "." if parts else citation(inst)


def _note_for(inst: Instrument, pids: Sequence[str], cites: _Cites) -> Note:
    """A footnote citing provisions and the sources their texts come from."""
    return cites.note(_note_text(inst, pids))


def _event_note(inst: Instrument, event: Event, cites: _Cites) -> Note | None:
    if not event.sources:
        return cites.note("No source recorded; not verified." + (f" {event.note}" if event.note else ""))
    text = "Source: " + "; ".join(_source_text(inst, s) for s in event.sources) + "."
    if event.note:
        text += f" {event.note}"
    return cites.note(text)


def _instrument_brief(corpus: Corpus, inst: Instrument, as_of: dt.date, generated: dt.date | None) -> BriefView:
    blocks = {ProvisionRef(inst.id, p.article, p.paragraph).anchor for p in inst.provisions}
    cites = _Cites(blocks)
    names = {x.id: x.short_title for x in corpus.instruments}
    st = standing(tl.status_as_of(corpus, as_of).status(inst.id), names)
    sections: list[BriefSection] = []

    intro = [Para((Run(citation(inst)),))]
    if inst.summary:
        intro.append(Para((Run("Editors' summary (paraphrase): "), Run(inst.summary))))
    sections.append(BriefSection("sec--instrument", "The instrument", paras=tuple(intro)))

    life: list[Para] = []
    for event in sorted(inst.events, key=lambda e: (e.date, e.type)):
        if event.date > as_of:
            continue
        life.append(Para((Run(describe_event(event, inst, names), note=_event_note(inst, event, cites)),)))
    sections.append(
        BriefSection(
            "sec--status",
            f"Status as of {long_date(as_of)}",
            paras=(Para((Run(sentence_case(st.text) + "."),)),),
            items=tuple(life),
        )
    )

    positions: list[Para] = []
    for t in corpus.topics.topics:
        found = next((x for x in inst.assessments if x.topic == t.id), None)
        if found is None:
            continue
        positions.append(
            Para(
                (
                    Run(f"{t.title}: "),
                    Run(_position_label(t, found.position), em=True),
                    Run(". "),
                    Run(found.summary, note=_note_for(inst, found.provisions, cites)),
                )
            )
        )
    if positions:
        sections.append(BriefSection("sec--positions", "Positions", items=tuple(positions)))

    provs = tuple(
        provision_block(inst, p, ProvisionRef(inst.id, p.article, p.paragraph).anchor, None, names)
        for p in inst.provisions
    )
    if provs:
        sections.append(BriefSection("sec--provisions", "Provisions", provisions=provs))

    rels: list[Para] = []
    for rel in inst.relations:
        target = _title(rel.target, names)
        if rel.provision:
            target += f", {article_label(*parse_provision_id(rel.provision))}" + ("," if rel.via else "")
        via = f" {_by_its(rel.via)}" if rel.via else ""
        note = (
            cites.note("Source: " + "; ".join(_source_text(inst, s) for s in rel.sources) + ".")
            if rel.sources
            else None
        )
        text = f"{sentence_case(rel.type.value.replace('_', ' '))} {target}{via}." + (
            f" {rel.note}" if rel.note else ""
        )
        rels.append(Para((Run(text, note=note),)))
    if rels:
        sections.append(BriefSection("sec--relations", "Relations to other instruments", items=tuple(rels)))

    mis = tuple(
        Misread(
            instrument=inst.short_title,
            claim=m.claim,
            law=m.law,
            cites=tuple(Run(ref_label(r, names)) for r in m.provisions),
            sources="; ".join(_source_text(inst, s) for s in m.sources),
        )
        for m in inst.misreadings
    )
    if mis:
        sections.append(BriefSection("sec--misreadings", "Where popular accounts differ", misreadings=mis))
    unverified = checks(inst, None, tl.lives(corpus)[inst.id], names)
    if unverified:
        sections.append(BriefSection("sec--checks", "Not verified", items=tuple(Para((Run(u),)) for u in unverified)))
    sections.append(BriefSection("sec--sources", "Sources", sources=source_rows(inst)))

    d = instrument_date(inst)
    facts = (
        Fact("Kind", KIND_LABELS[inst.kind.value]),
        Fact("Parties", "; ".join(inst.parties)),
        Fact("Signed", _signed_fact(inst)),
        Fact("Status", sentence_case(st.text)),
        Fact("As of", long_date(as_of)),
    )
    meta = _meta(
        slug=f"brief-{inst.id}",
        title=f"Brief: {inst.short_title}",
        subtitle=inst.title,
        description=f"Brief on the {inst.title} ({inst.id}) as of {long_date(as_of)}.",
        keywords=[inst.short_title, inst.id, *(x.topic for x in inst.assessments), "brief", "legalgen"],
        as_of=as_of,
        generated=generated,
        kind="Brief",
    )
    del d
    return BriefView(
        meta=meta,
        heading=inst.title,
        heading_other=_others(inst),
        facts=facts,
        sections=tuple(sections),
        notes=tuple(cites.notes),
        key=reading_key(),
    )


def _topic_brief(corpus: Corpus, topic_id: str, as_of: dt.date, generated: dt.date | None) -> BriefView:
    a = analysis(corpus, as_of, topic_id)
    t = a.topics[0]
    steps = a.statements[t.id]
    names = {x.id: x.short_title for x in corpus.instruments}
    blocks = {
        ProvisionRef(s.instrument.id, p.article, p.paragraph).anchor
        for s in steps
        for p in _chapter_provisions(s.instrument, s.assessment, t)
    }
    cites = _Cites(blocks)
    sections: list[BriefSection] = []
    intro = [Para((Run(t.description),))] if t.description else []
    sections.append(
        BriefSection(
            "sec--scale",
            "The scale",
            paras=tuple(intro),
            facts=tuple(Fact(p.label, p.description or "") for p in t.scale),
        )
    )
    in_force: list[Para] = []
    for period in a.threads[t.id].steps:
        until = f" until {long_date(period.until)}" if period.until else ""
        why = ", ".join(cause_text(c) for c in period.causes)
        flags = _flags([c for sup in period.position.established_by for c in sup.caveats])
        basis = "\n".join(
            _note_text(corpus.instrument(sup.instrument), [c.provision for c in sup.citations])
            for sup in period.position.established_by
        )
        in_force.append(
            Para(
                (
                    Run(f"From {long_date(period.since)}{until}: "),
                    Run(period.position.label or "no position", em=True),
                    Run(
                        f" — {_change(period)}" + (f"; {why}" if why else "") + (f" ({flags})" if flags else "") + ".",
                        note=cites.note(basis) if basis else None,
                    ),
                )
            )
        )
    sections.append(
        BriefSection(
            "sec--in-force",
            f"The position in force as of {long_date(as_of)}",
            paras=(Para(tuple(_topic_summary(corpus, a, t, cites))),),
            items=tuple(in_force),
        )
    )
    evolution: list[Para] = []
    for step in steps:
        inst = step.instrument
        d = instrument_date(inst)
        label = _position_label(t, step.assessment.position)
        move = f"states {label} — {_against_position_then(corpus, t, step.assessment.position, d)}"
        evolution.append(
            Para(
                (
                    Run(f"{long_date(d) if d else 'Undated'}: the {inst.short_title} {move}. "),
                    Run(step.assessment.summary, note=_note_for(inst, step.assessment.provisions, cites)),
                )
            )
        )
    if not evolution:
        evolution.append(Para((Run(f"No instrument in the corpus takes a position on {t.title.lower()}."),)))
    sections.append(BriefSection("sec--evolution", "What each instrument states", items=tuple(evolution)))
    provs: list[ProvisionBlock] = []
    seen: set[str] = set()
    for step in steps:
        for prov in _chapter_provisions(step.instrument, step.assessment, t):
            anchor = ProvisionRef(step.instrument.id, prov.article, prov.paragraph).anchor
            if anchor not in seen:
                seen.add(anchor)
                provs.append(provision_block(step.instrument, prov, anchor, None, names))
    if provs:
        sections.append(BriefSection("sec--provisions", "Supporting provisions", provisions=tuple(provs)))
    mis = tuple(
        Misread(
            instrument=inst.short_title,
            claim=m.claim,
            law=m.law,
            cites=tuple(Run(ref_label(r, names)) for r in m.provisions),
            sources="; ".join(_source_text(inst, s) for s in m.sources),
        )
        for inst in a.instruments
        for m in inst.misreadings
        if t.id in _misread_topics(corpus, m.provisions)
    )
    if mis:
        sections.append(BriefSection("sec--misreadings", "Where popular accounts differ", misreadings=mis))
    unverified = [
        Para((Run(f"{s.instrument.short_title}: {item}"),)) for s in steps for item in checks(s.instrument, (t,))
    ]
    if unverified:
        sections.append(BriefSection("sec--checks", "Not verified", items=tuple(unverified)))
    facts = (
        Fact("Topic", t.title),
        Fact("Instruments", f"{len(steps)} of {len(a.instruments)} take a position"),
        Fact("As of", long_date(as_of)),
    )
    meta = _meta(
        slug=f"brief-{t.id}",
        title=f"Brief: {t.title}",
        subtitle=f"{t.title} in {len(a.instruments)} instruments",
        description=f"Brief on {t.title.lower()} across the corpus as of {long_date(as_of)}.",
        keywords=[t.title, *(s.instrument.short_title for s in steps), "brief", "legalgen"],
        as_of=as_of,
        generated=generated,
        kind="Brief",
    )
    return BriefView(
        meta=meta,
        heading=f"{t.title}: how the instruments treat it",
        heading_other=(),
        facts=facts,
        sections=tuple(sections),
        notes=tuple(cites.notes),
        key=reading_key(),
    )


# =========================================================================== data that travels with a PDF


def records_json(corpus: Corpus, instrument_ids: Sequence[str] | None = None) -> bytes:
    """The records (and topic catalogue) as one JSON document, for attaching to a PDF/A-3."""
    ids = list(instrument_ids) if instrument_ids is not None else list(corpus.ids)
    data = {
        "generator": f"legalgen {__version__}",
        "topics": json.loads(corpus.topics.model_dump_json()),
        "instruments": [json.loads(corpus.instrument(i).model_dump_json()) for i in ids],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


__all__ = [
    "BriefView",
    "ReportView",
    "analysis",
    "brief_view",
    "citation",
    "long_date",
    "records_json",
    "report_view",
]


def _against_position_then(corpus: Corpus, t: Topic, position: str, signed: dt.date | None) -> str:
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
    current = _position_label(t, then.position)
    rank = t.rank(position)
    if rank > then.rank:
        return f"above the position in force when it was signed ({current})"
    if rank == then.rank:
        return "the position already in force when it was signed"
    return f"below the position in force when it was signed ({current}), which it leaves unaffected"
