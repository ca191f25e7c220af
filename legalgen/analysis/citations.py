"""Citations: the provision a statement rests on, as a lawyer pin-cites it, and how its wording is known.

A statement about the law is only as firm as the wording behind it. Each cited provision carries its
:class:`Basis` — the original wording seen in a named source (``verbatim``), only a translation's wording
(``translation``) or only a summary (``paraphrase``) — and the sources that wording was seen in.

    >>> import json
    >>> from legalgen.records import Instrument
    >>> inst = Instrument.model_validate_json(json.dumps({
    ...     "id": "1997-charter", "kind": "charter", "titles": {"en": "Charter of the Union"},
    ...     "short_title": "Charter of the Union (1997)", "parties": ["A", "B"],
    ...     "sources": [{"id": "S1", "title": "Union State portal", "url": "https://soyuz.by/",
    ...                  "reliability": "official_publication"}],
    ...     "provisions": [{"article": "2", "texts": [{"kind": "verbatim", "language": "ru",
    ...         "text": "Устанавливается гражданство Союза.", "source": "S1", "locator": "art. 2"}]}]}))
    >>> c = cite(inst, "art-2")
    >>> c.pin_cite, c.basis.value, [s.title for s in c.sources]
    ('Charter of the Union (1997), art. 2', 'verbatim', ['Union State portal'])
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from legalgen.records import Instrument, Paraphrase, Provision, Reliability, Rendering, Verbatim


class Basis(StrEnum):
    """How the wording behind a statement is known, strongest first.

    ``verbatim``: the original-language wording was seen in a named source. ``translation``: only a
    translation's wording was seen (official or not). ``paraphrase``: no wording was seen, only a summary.
    """

    verbatim = "verbatim"
    translation = "translation"
    paraphrase = "paraphrase"


class Grade(StrEnum):
    """How strong the evidence for a statement of the law is, strongest first; computed, never typed.

    A text's grade follows from what it is and where it was seen: the original wording in an official
    publication; an official translation; the original wording in a legal database or a reprint; an
    unofficial translation; a paraphrase of a text someone here saw (a paraphrase citing a source that gives
    the text); and, weakest, an account of a text nobody here saw (a news item, a commentary, an official
    body's statement or a draft, even where it quotes words). A provision has the grade of the best text
    recorded for it; a statement resting on several provisions has the grade of the weakest.
    """

    official_original = "official-original"
    official_translation = "official-translation"
    legal_database = "legal-database"
    unofficial_translation = "unofficial-translation"
    paraphrase_of_text = "paraphrase-of-text"
    account = "account"

    @property
    def text_seen(self) -> bool:
        """Whether someone here saw the instrument's text (every grade but ``account``)."""
        return self is not Grade.account


_GRADE_ORDER = list(Grade)


def text_grade(inst: Instrument, text: Verbatim | Paraphrase) -> Grade:
    """The :class:`Grade` of one recorded text of ``inst`` (see :class:`Grade`).

    >>> import json
    >>> inst = Instrument.model_validate_json(json.dumps({
    ...     "id": "x", "kind": "treaty", "titles": {"en": "X"}, "short_title": "X", "parties": ["A", "B"],
    ...     "sources": [{"id": "N", "title": "A news item", "url": "https://news.example/", "reliability": "news"},
    ...                 {"id": "D", "title": "A database", "url": "https://db.example/", "reliability": "legal_database"}],
    ...     "provisions": [{"article": "1", "texts": [
    ...         {"kind": "verbatim", "language": "ru", "text": "Слова.", "source": "N", "locator": "art. 1"},
    ...         {"kind": "verbatim", "language": "ru", "text": "Слова.", "source": "D", "locator": "art. 1"},
    ...         {"kind": "paraphrase", "language": "en", "text": "Words.", "basis": "news", "sources": ["N"]}]}]}))
    >>> [text_grade(inst, t).value for t in inst.provisions[0].texts]
    ['account', 'legal-database', 'account']
    """
    if isinstance(text, Paraphrase):
        kinds = [src.reliability for sid in text.sources if (src := inst.source(sid)) is not None]
        return Grade.paraphrase_of_text if any(k.gives_text for k in kinds) else Grade.account
    src = inst.source(text.source)
    if src is None or not src.reliability.gives_text:
        return Grade.account
    if text.rendering is Rendering.unofficial_translation or src.reliability is Reliability.unofficial_translation:
        return Grade.unofficial_translation
    if text.rendering is Rendering.official_translation:
        return Grade.official_translation
    if src.reliability is Reliability.official_publication:
        return Grade.official_original
    return Grade.legal_database


def provision_grade(inst: Instrument, prov: Provision) -> Grade:
    """The grade of the best text recorded for ``prov``: the strongest evidence of its wording."""
    return min((text_grade(inst, t) for t in prov.texts), key=_GRADE_ORDER.index)


def weakest_grade(grades: Iterable[Grade]) -> Grade | None:
    """The weakest of ``grades``, ``None`` if empty: a statement is only as firm as its weakest provision.

    >>> weakest_grade([Grade.official_original, Grade.account]).value
    'account'
    """
    found = list(grades)
    return max(found, key=_GRADE_ORDER.index) if found else None


@dataclass(frozen=True)
class SourceRef:
    """A source as declared in an instrument record (see :class:`legalgen.records.models.Source`)."""

    id: str
    title: str
    url: str | None
    reliability: str


@dataclass(frozen=True)
class Citation:
    """One provision a statement rests on, as a lawyer pin-cites it, and how its wording is known.

    >>> Citation("1997-charter/art-2", "1997-charter", "art-2", "Charter of the Union (1997), art. 2",
    ...          Basis.verbatim, False, ()).pin_cite
    'Charter of the Union (1997), art. 2'
    """

    ref: str
    instrument: str
    provision: str
    pin_cite: str
    basis: Basis
    incomplete: bool
    sources: tuple[SourceRef, ...]
    grade: Grade = Grade.account


def provision_basis(prov: Provision) -> tuple[Basis, bool, tuple[Verbatim | Paraphrase, ...]]:
    """How a provision's wording is known: its :class:`Basis`, whether cut off, and the texts behind it.

    An original-language verbatim text makes it ``verbatim``; failing that, a verbatim translation makes it
    ``translation``; otherwise it is ``paraphrase``. ``incomplete`` is true when every verbatim text at that
    basis is cut off in its source.
    """
    originals = tuple(t for t in prov.verbatim if t.rendering is Rendering.original)
    translations = tuple(t for t in prov.verbatim if t.rendering is not Rendering.original)
    if originals:
        return Basis.verbatim, all(t.incomplete for t in originals), originals
    if translations:
        return Basis.translation, all(t.incomplete for t in translations), translations
    return Basis.paraphrase, False, prov.paraphrases


def cite(inst: Instrument, provision: str) -> Citation:
    """The :class:`Citation` of provision ``provision`` (e.g. ``"art-2"``) of ``inst``."""
    prov = inst.provision(provision)
    pin = inst.pin_cite(provision)
    if prov is None:  # the corpus check makes this unreachable for a loaded corpus
        return Citation(f"{inst.id}/{provision}", inst.id, provision, pin, Basis.paraphrase, False, (), Grade.account)
    basis, incomplete, texts = provision_basis(prov)
    source_ids: list[str] = []
    for t in texts:
        for sid in (t.source,) if isinstance(t, Verbatim) else t.sources:
            if sid not in source_ids:
                source_ids.append(sid)
    sources = tuple(_source_ref(inst, sid) for sid in source_ids)
    grade = provision_grade(inst, prov)
    return Citation(f"{inst.id}/{provision}", inst.id, provision, pin, basis, incomplete, sources, grade)


def _source_ref(inst: Instrument, sid: str) -> SourceRef:
    src = inst.source(sid)
    if src is None:
        return SourceRef(sid, sid, None, "unknown")
    return SourceRef(src.id, src.title, src.url, src.reliability.value)


_BASIS_ORDER = list(Basis)


def weakest(bases: Iterable[Basis]) -> Basis | None:
    """The weakest of ``bases`` (``paraphrase`` < ``translation`` < ``verbatim``), ``None`` if empty.

    >>> weakest([Basis.verbatim, Basis.paraphrase]).value
    'paraphrase'
    """
    found = list(bases)
    return max(found, key=_BASIS_ORDER.index) if found else None


__all__ = [
    "Basis",
    "Citation",
    "Grade",
    "SourceRef",
    "cite",
    "provision_basis",
    "provision_grade",
    "text_grade",
    "weakest",
    "weakest_grade",
]
