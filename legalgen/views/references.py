"""The corpus as references for a reference manager (Zotero, citeproc): one item per instrument.

Each :class:`Reference` holds what CSL-JSON and BibTeX ask of a treaty or a law, from the record alone: the
English title and short title, the date it is known by (its signature, or for a law its adoption), the
parties, the first publication as cited (:mod:`legalgen.views.words.citations`), and the web address of a
source that gives the text — the first ``official_publication`` or ``legal_database`` source the record
quotes the instrument's wording from, else the first such source at all, else none. ``language`` is that
source's language (what a reader finds there), else the first title's that is not English.

    >>> ref = references(corpus)[7]
    >>> ref.id, ref.kind, ref.issued, ref.url, ref.language
    ('1999-union-state', 'treaty', datetime.date(1999, 12, 8), 'http://base.spinform.ru/show_doc.fwx?rgn=3841', 'ru')
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from legalgen.records import Corpus, Instrument, InstrumentKind, Reliability, Source
from legalgen.views.words.citations import publication_reference

_GIVES_TEXT_OFFICIALLY = (Reliability.official_publication, Reliability.legal_database)


@dataclass(frozen=True)
class Reference:
    """One instrument as a reference manager holds it."""

    id: str
    kind: Literal["treaty", "legislation"]
    title: str
    short_title: str
    issued: dt.date | None
    parties: tuple[str, ...]
    publication: str | None  # as recorded, remarks and all
    publication_cited: str | None  # as a citation gives it, without the record's remark
    url: str | None
    language: str
    original_titles: tuple[tuple[str, str], ...]


def _text_source(inst: Instrument) -> Source | None:
    found = [s for s in inst.sources if s.reliability in _GIVES_TEXT_OFFICIALLY and s.url]
    quoted = {t.source for p in inst.provisions for t in p.verbatim}
    return next((s for s in found if s.id in quoted), found[0] if found else None)


def reference(inst: Instrument) -> Reference:
    """The :class:`Reference` of one instrument; a law is ``legislation``, every other kind a ``treaty``."""
    source = _text_source(inst)
    others = tuple((lang, title) for lang, title in inst.titles.items() if lang != "en")
    language = source.language if source and source.language else (others[0][0] if others else "en")
    publication = inst.publication[0] if inst.publication else None
    return Reference(
        id=inst.id,
        kind="legislation" if inst.kind is InstrumentKind.law else "treaty",
        title=inst.title,
        short_title=inst.short_title,
        issued=inst.dated,
        parties=inst.parties,
        publication=publication,
        publication_cited=publication_reference(publication) if publication else None,
        url=source.url if source else None,
        language=language,
        original_titles=others,
    )


def references(corpus: Corpus) -> tuple[Reference, ...]:
    """Every instrument of the corpus as a :class:`Reference`, in the corpus's order (by date)."""
    return tuple(reference(inst) for inst in corpus.instruments)


__all__ = ["Reference", "reference", "references"]
