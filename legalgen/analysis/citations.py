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
    ...                  "reliability": "official"}],
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

from legalgen.records import Instrument, Paraphrase, Provision, Rendering, Verbatim


class Basis(StrEnum):
    """How the wording behind a statement is known, strongest first.

    ``verbatim``: the original-language wording was seen in a named source. ``translation``: only a
    translation's wording was seen (official or not). ``paraphrase``: no wording was seen, only a summary.
    """

    verbatim = "verbatim"
    translation = "translation"
    paraphrase = "paraphrase"


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
        return Citation(f"{inst.id}/{provision}", inst.id, provision, pin, Basis.paraphrase, False, ())
    basis, incomplete, texts = provision_basis(prov)
    source_ids: list[str] = []
    for t in texts:
        for sid in (t.source,) if isinstance(t, Verbatim) else t.sources:
            if sid not in source_ids:
                source_ids.append(sid)
    sources = tuple(_source_ref(inst, sid) for sid in source_ids)
    return Citation(f"{inst.id}/{provision}", inst.id, provision, pin, basis, incomplete, sources)


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


__all__ = ["Basis", "Citation", "SourceRef", "cite", "provision_basis", "weakest"]
