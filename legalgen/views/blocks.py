"""The building blocks every document is made of: runs of text, quotes, paraphrases, provisions, notes, facts.

A :class:`Quote` is built only from a :class:`~legalgen.records.models.Verbatim` and is the only thing a
template puts inside quotation marks — those of the text's own language, from CLDR — and it carries them
(:class:`~legalgen.views.words.common.QuotePiece`); a :class:`Paraphrased` has no marks at all, always says
it is a paraphrase and shows its basis. An incomplete quote shows ``[…]`` where the source cut it off
(``Quote.cut_start``/``cut_end``); an editors' restoration stands in square brackets outside the marks; a
translation always names its translator.

How a provision's texts are laid out (:func:`text_layout`) follows what the record holds: one language,
one column; two texts that render the same passage, side by side; anything else, one after another.

:class:`Cites` hands out the ids of citing links and the numbers of notes in document order, so the table
of authorities can list the pages that cite each instrument.

    >>> Note(3, "Source: S1.").id
    'fn-3'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from legalgen import __version__
from legalgen.analysis import provision_basis, provision_grade
from legalgen.errors import UnknownName
from legalgen.ids import ProvisionRef, article_label, parse_provision_id
from legalgen.records import Corpus, Instrument, Paraphrase, Provision, Rendering, Verbatim
from legalgen.views.words import (
    DOCUMENT_LANGUAGE,
    RELIABILITY,
    QuotePiece,
    citation,
    language_name,
    long_date,
    quote_marks,
    quote_pieces,
    recorded_in_part,
    ref_label,
)

AUTHOR = "legalgen"
CUT = "[…]"


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
    lang: str = DOCUMENT_LANGUAGE  # the language of the document's own words; each text carries its own
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
    change: str | None = None  # "del" or "ins": a word of a redline


@dataclass(frozen=True)
class Para:
    runs: tuple[Run, ...]
    #: a list under the paragraph, one item of runs each (a topic's dimensions in a summary)
    items: tuple[tuple[Run, ...], ...] = ()


@dataclass(frozen=True)
class Quote:
    """A verbatim text: the only thing templates put inside quotation marks.

    ``paragraphs`` hold its pieces with their marks placed (the source's words inside them, restorations in
    brackets outside); ``open``/``close`` and ``cut_start``/``cut_end`` are the marks themselves, for a
    redline that lays the words out on its own.
    """

    lang: str
    label: str
    paragraphs: tuple[tuple[QuotePiece, ...], ...]
    open: str
    close: str
    cut_start: str  # "[…]" where the source cut the text off before it, else ""
    cut_end: str  # "[…]" where the source cut it off after it, else ""
    source_id: str  # printed as an identifier: never hyphenated or broken at its hyphens
    source: str  # what follows the id: ", Union State portal … (official), art. 2"
    note: str | None
    translation: bool
    restored: bool = False  # holds an editors' restoration
    kind: Literal["quote"] = "quote"


@dataclass(frozen=True)
class Paraphrased:
    """Somebody's summary or working translation: never in quotation marks, always with its basis."""

    lang: str
    label: str
    paragraphs: tuple[str, ...]
    basis: str
    sources: tuple[str, ...]  # source ids, printed as identifiers
    note: str | None
    kind: Literal["paraphrase"] = "paraphrase"


Passage = Quote | Paraphrased
Layout = Literal["single", "parallel", "stacked"]
Texts = tuple[Verbatim | Paraphrase, ...]


@dataclass(frozen=True)
class Column:
    """One side of a provision printed side by side: its language and its texts."""

    heading: str
    lang: str
    passages: tuple[Passage, ...]


@dataclass(frozen=True)
class ProvisionBlock:
    """One provision's texts, laid out as the record allows (see :func:`text_layout`).

    ``layout`` is ``single`` (one language: its texts in one column), ``parallel`` (two ``columns``: a text
    and its own rendering in another language, side by side) or ``stacked`` (one after another, each
    labelled with its language). ``passages`` are printed in a single column or stacked; in the parallel
    layout they are the texts that belong to neither side, printed below.
    """

    id: str | None
    cite: str
    label: str
    heading: str | None
    layout: Layout
    columns: tuple[Column, ...]
    passages: tuple[Passage, ...]
    note: str | None
    continues: tuple[Run, ...]
    #: ``Recorded in part: only the first sentence.`` when the record holds only part of the provision
    partial: str | None = None
    #: where the provision was amended by the document's date: what changed it, and whether its new words
    #: are known — the texts below are the wording as recorded, not the whole text then in force
    amended: str | None = None

    @property
    def quotes(self) -> tuple[Quote, ...]:
        """Every verbatim text the block prints, whatever its layout."""
        every = [*self.passages, *(p for c in self.columns for p in c.passages)]
        return tuple(p for p in every if isinstance(p, Quote))


@dataclass(frozen=True)
class Fact:
    """A labelled value: ``Signed — 8 December 1999, Moscow``."""

    label: str
    value: str
    lang: str | None = None


@dataclass(frozen=True)
class SourceRow:
    id: str
    title: str
    url: str | None
    publication: str | None
    reliability: str
    language: str | None


@dataclass(frozen=True)
class Misread:
    """Where a popular account and the text differ: the claim, what the law says, and its cites."""

    instrument: str
    claim: str
    law: str
    cites: tuple[Run, ...]
    sources: str
    #: "What the text says" only where someone here saw the text of every provision cited
    law_heading: str = "What the text says"


class Cites:
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


# --------------------------------------------------------------------------- passages and provisions


def source_text(inst: Instrument, sid: str) -> str:
    """``S1, Union State portal … (official)``: a source as a note or a quote names it."""
    src = inst.source(sid)
    if src is None:
        return sid
    return f"{sid}, {src.title} ({RELIABILITY[src.reliability][0].lower()})"


def passage(text: Verbatim | Paraphrase, inst: Instrument) -> Passage:
    """A record text as the reader sees it: a labelled quote, or a labelled, unquoted paraphrase."""
    lang = language_name(text.language)
    if isinstance(text, Paraphrase):
        paragraphs = tuple(p.strip() for p in text.text.split("\n") if p.strip())
        what = f"working translation of the {language_name(text.translates)} text" if text.translates else None
        return Paraphrased(
            lang=text.language,
            label=f"Paraphrase in {lang}" + (f" ({what})" if what else "") + " · not the instrument's words",
            paragraphs=paragraphs,
            basis=text.basis,
            sources=text.sources,
            note=text.note,
        )
    if text.rendering is Rendering.original:
        label = f"Verbatim · {lang} original"
    else:
        whose = "Official" if text.rendering is Rendering.official_translation else "Unofficial"
        label = f"{whose} translation into {lang} by {text.translator}"
    if text.incomplete:
        label += " · excerpt"
    if text.restorations:
        label += " · with the editors' restoration in [ ]"
    marks = quote_marks(text.language)
    return Quote(
        lang=text.language,
        label=label,
        paragraphs=quote_pieces(text),
        open=marks.open,
        close=marks.close,
        cut_start=CUT if text.incomplete and text.cut in ("start", "both") else "",
        cut_end=CUT if text.incomplete and text.cut in ("end", "both") else "",
        source_id=text.source,
        source=f"{source_text(inst, text.source).removeprefix(text.source)}, {text.locator}",
        note=text.note,
        translation=text.rendering is not Rendering.original,
        restored=bool(text.restorations),
    )


def _rank(t: Verbatim | Paraphrase) -> int:
    """Originals first, then translations, then paraphrases."""
    if isinstance(t, Verbatim):
        return 0 if t.rendering is Rendering.original else 1
    return 2


def renders(a: Verbatim | Paraphrase, b: Verbatim | Paraphrase) -> bool:
    """Whether ``b`` renders, in another language, the very passage ``a`` gives: the rule for side by side.

    Two texts are printed side by side only when the record says they are the same passage in two
    languages, never because they belong to the same provision (one may be a clause, the other the
    opening, or a summary):

    * ``b`` is a paraphrase that ``translates`` ``a``'s language, and ``a`` is verbatim: the editors'
      working translation of that text; or
    * both are verbatim and both give the whole provision (neither cut off nor restored): two authentic
      texts of it, or an original and a translation of it.

    A locator does not decide it: each source words its own ("art. 50, paragraph 1", "Artikel 50 Absatz 1").
    """
    if a.language == b.language or not isinstance(a, Verbatim):
        return False
    if isinstance(b, Paraphrase):
        return b.translates == a.language
    return a.complete and b.complete


def text_layout(prov: Provision) -> tuple[Layout, Texts, Texts, Texts]:
    """How a provision's texts are laid out: ``(layout, left, right, others)``.

    * one language: ``single``, every text in one column (``others``), originals first;
    * two languages, and a text of one renders a text of the other (:func:`renders`): ``parallel``, the
      rendered text on the left (an original before a translation), its renderings on the right, the
      texts that render neither below;
    * anything else (three languages or more, or two that are not the same passage): ``stacked``,
      one after another, originals first, each labelled with its language.
    """
    order = {lang: n for n, lang in enumerate(dict.fromkeys(t.language for t in prov.texts))}
    texts = sorted(prov.texts, key=lambda t: (_rank(t), order[t.language]))
    if len(order) == 1:
        return "single", (), (), tuple(texts)
    if len(order) == 2:
        for a in texts:
            right = tuple(b for b in texts if renders(a, b))
            if right:
                others = tuple(t for t in texts if t is not a and t not in right)
                return "parallel", (a,), right, others
    return "stacked", (), (), tuple(texts)


def provision_block(
    inst: Instrument,
    prov: Provision,
    anchor: str | None,
    cites: Cites | None,
    names: Mapping[str, str] | None = None,
) -> ProvisionBlock:
    """One provision laid out by :func:`text_layout`; ``anchor`` only where it is quoted first, ``cites`` to link
    what it continues."""
    layout, left, right, others = text_layout(prov)
    columns = tuple(
        Column(language_name(side[0].language), side[0].language, tuple(passage(t, inst) for t in side))
        for side in (left, right)
        if side
    )
    continues: list[Run] = []
    for ref_text in prov.continues:
        ref = ProvisionRef.parse(ref_text)
        label = ref_label(ref_text, names or {})
        continues.append(cites.link(label, ref, ref.instrument) if cites is not None else Run(label))
    return ProvisionBlock(
        id=anchor,
        cite=inst.pin_cite(prov.id),
        label=article_label(prov.article, prov.paragraph),
        heading=prov.heading,
        layout=layout,
        columns=columns,
        passages=tuple(passage(t, inst) for t in others),
        note=prov.note,
        continues=tuple(continues),
        partial=recorded_in_part(prov.extent) if prov.extent else None,
    )


def source_rows(inst: Instrument) -> tuple[SourceRow, ...]:
    """The sources of one instrument, with their reliability in words."""
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


def other_titles(inst: Instrument) -> tuple[Fact, ...]:
    """The titles in languages other than English, each labelled with its language."""
    return tuple(Fact(language_name(lang), title, lang) for lang, title in sorted(inst.titles.items()) if lang != "en")


# --------------------------------------------------------------------------- citations and notes


def cite_runs(inst: Instrument, pids: Sequence[str], cites: Cites) -> list[Run]:
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


def note_text(inst: Instrument, pids: Sequence[str]) -> str:
    """Provisions as a footnote cites them, each with how its text is known and from which sources."""
    parts = []
    for pid in pids:
        prov = inst.provision(pid)
        where = ""
        if prov is not None:
            srcs = sorted({t.source for t in prov.verbatim} | {s for t in prov.paraphrases for s in t.sources})
            _, _, texts = provision_basis(prov)
            labels = [t.basis_label() for t in texts if isinstance(t, Verbatim)]
            kinds = ", ".join(dict.fromkeys(labels)) or "paraphrase only"
            where = f" ({kinds}; " + "; ".join(source_text(inst, s) for s in srcs) + ")" if srcs else f" ({kinds})"
        parts.append(article_label(*parse_provision_id(pid)) + where)
    return f"{inst.short_title}, " + "; ".join(parts) + "." if parts else citation(inst)


def sources_note(inst: Instrument, sources: Sequence[str]) -> str:
    """``Source: S1, Union State portal … (official).``"""
    return "Source: " + "; ".join(source_text(inst, s) for s in sources) + "."


# --------------------------------------------------------------------------- misreadings


class _Misreading(Protocol):
    """A record's misreading (:class:`legalgen.records.models.Misreading`), as far as a view reads it."""

    @property
    def claim(self) -> str: ...
    @property
    def law(self) -> str: ...
    @property
    def provisions(self) -> Sequence[str]: ...
    @property
    def sources(self) -> Sequence[str]: ...


def misread(
    inst: Instrument,
    m: _Misreading,
    names: Mapping[str, str],
    cites: Cites | None = None,
    corpus: Corpus | None = None,
) -> Misread:
    """A misreading with its cites: linked where the document quotes them (``cites``), else plain.

    Its answer is headed "What the text says" only where the text of every provision it cites was seen
    (``corpus`` resolves them); otherwise "What is reported about it", because the answer then rests on
    accounts of a text nobody here saw.
    """
    runs: list[Run] = []
    grades = []
    for ref_text in m.provisions:
        ref = ProvisionRef.parse(ref_text)
        label = ref_label(ref_text, names)
        runs.append(cites.link(label, ref, ref.instrument) if cites is not None else Run(label))
        target = _instrument_or_none(corpus, ref.instrument) if corpus is not None else None
        prov = target.provision(ref.provision) if target is not None else None
        grades.append(provision_grade(target, prov) if target is not None and prov is not None else None)
    seen = bool(grades) and all(g is not None and g.text_seen for g in grades)
    return Misread(
        instrument=inst.short_title,
        claim=m.claim,
        law=m.law,
        cites=tuple(runs),
        sources="; ".join(source_text(inst, s) for s in m.sources),
        law_heading="What the text says" if seen else "What is reported about it",
    )


def _instrument_or_none(corpus: Corpus, iid: str) -> Instrument | None:
    try:
        return corpus.instrument(iid)
    except UnknownName:
        return None


def misread_topics(corpus: Corpus, refs: Sequence[str]) -> set[str]:
    """The topics of the provisions a misreading cites (unknown references are passed over)."""
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


# --------------------------------------------------------------------------- the document's own facts


def reading_key(blocks: Iterable[ProvisionBlock] = ()) -> tuple[Fact, ...]:
    """How to read the document's quotes, cuts, restorations, translations, paraphrases and positions.

    The first entry shows the quotation marks the document actually uses, one pair per language quoted
    (CLDR's marks: French «…», German „…“, English “…”); the entry on restorations is there only where
    the document prints one.
    """
    quotes = [q for b in blocks for q in b.quotes]
    langs = list(dict.fromkeys(q.lang for q in quotes)) or [DOCUMENT_LANGUAGE]
    pairs = list(dict.fromkeys(quote_marks(lang).pair for lang in langs))
    named = ", ".join(f"{language_name(lang)} {quote_marks(lang).pair}" for lang in langs)
    key = [
        Fact(
            " ".join(pairs),
            "Verbatim: the words as seen in the named source, in the quotation marks of their language"
            + (f" ({named})" if len(langs) > 1 else "")
            + ". Nothing else is.",
        ),
        Fact("[…]", "The source cut the text off here; the rest of the provision was not seen."),
    ]
    if any(q.restored for q in quotes):
        key.append(
            Fact(
                "[ ]",
                "Words the editors restored where the source's text is defective: outside the quotation marks, "
                "never the source's own words.",
            )
        )
    key += [
        Fact("Translation", "Marked official or unofficial and attributed to its translator."),
        Fact("Paraphrase", "A summary or working translation: never in quotation marks, always with its basis."),
        Fact("Position", "The editors' assessment on each dimension of the topic, resting on the provisions cited."),
        Fact(
            "Not addressed",
            "No provision in these records that applies on the date speaks to the dimension. It does not say "
            "the law is silent: a provision not recorded, or recorded only in a summary that does not mention "
            "the point, may address it.",
        ),
    ]
    return tuple(key)


def make_meta(
    slug: str,
    title: str,
    subtitle: str,
    description: str,
    keywords: Iterable[str],
    as_of: dt.date | None,
    generated: dt.date | None,
    kind: str,
) -> Meta:
    """The :class:`Meta` of a document, its dates written out (``as_of`` ``None``: a document of no date)."""
    return Meta(
        slug=slug,
        title=title,
        subtitle=subtitle,
        description=description,
        keywords=tuple(dict.fromkeys(keywords)),
        as_of=long_date(as_of) if as_of else "",
        generated=long_date(generated) if generated else None,
        created=f"{generated.isoformat()}T00:00:00Z" if generated else None,
        kind=kind,
    )
