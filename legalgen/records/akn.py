"""Akoma Ntoso 3.0 (OASIS LegalDocML): the names legalgen gives in AKN, and reading an AKN document back.

:mod:`legalgen.render.akn` writes one AKN document per instrument; this module holds the grammar both
sides share (so a name written is a name read) and :func:`read_akn`, which turns such a document back into
an :class:`~legalgen.records.models.Instrument`.

**Identifiers.** An instrument's IRIs follow the AKN Naming Convention, with the document type ``act``, the
instrument's kind as subtype, its date and its id as number::

    >>> work_uri("int", "treaty", "1999-12-08", "1999-union-state")
    '/akn/int/act/treaty/1999-12-08/1999-union-state'
    >>> parse_work_uri("/akn/int/act/treaty/1999-12-08/1999-union-state/!main#art_14")
    ('int', 'treaty', '1999-12-08', '1999-union-state')

Provision ids become ``eId``\\ s in the Naming Convention's form, and back::

    >>> [eid_of(p) for p in ("art-14", "art-14/para-7", "art-f", "art-8-bis", "preamble", "unidentified/para-a")]
    ['art_14', 'art_14__para_7', 'art_f', 'art_8-bis', 'preamble', 'unidentified__para_a']
    >>> provision_of("art_14__para_7")
    'art-14/para-7'

**What goes where.** Everything the standard has a place for is written there: the FRBR identification,
the ``lifecycle`` (one ``eventRef`` per recorded event), ``references`` (the parties as
``TLCOrganization``, the sources and the related instruments as ``TLCReference``), ``analysis`` (active
modifications from this instrument's ``amends`` operations, passive ones from the other instruments'
operations on it, every relation as an ``implicitReference``), the provisions in ``preamble`` and ``body``
with their ``eId``\\ s, every verbatim text a ``p`` in its language whose ``refersTo`` names its status
(``#authentic``, ``#officialTranslation``, ``#unofficialTranslation``), a cut marked by ``omissis`` and a
restoration by a ``span class="restoration"``, and every paraphrase in a ``note`` outside the body. What the
standard has no place for (a source's reliability, a verbatim text's locator, an event's sources, the topic
codes …) is written as attributes and elements of legalgen's own namespace (:data:`LG`), which the schema
allows on every AKN element and in ``proprietary``; nothing else is. Reading a document back takes each
field from where it was written, so export → import gives back the record (its provisions in natural
order, each provision's verbatim texts before its paraphrases) and export → import → export the same XML.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Any

from lxml import etree
from pydantic import BaseModel

from legalgen.ids import parse_provision_id
from legalgen.records import models

#: The Akoma Ntoso 3.0 namespace.
AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
#: legalgen's own namespace, for what AKN has no element for (a URN: it names, it is not fetched).
LG = "urn:legalgen:akn:1"
XML = "http://www.w3.org/XML/1998/namespace"
NSMAP = {None: AKN, "lg": LG}

#: ISO 639-1 → ISO 639-2/T: AKN names languages by three letters (FRBRlanguage, expression IRIs).
LANGUAGES_639_2 = {
    "be": "bel", "bg": "bul", "cs": "ces", "da": "dan", "de": "deu", "el": "ell", "en": "eng", "es": "spa",
    "et": "est", "fi": "fin", "fr": "fra", "ga": "gle", "hr": "hrv", "hu": "hun", "hy": "hye", "it": "ita",
    "ka": "kat", "kk": "kaz", "ky": "kir", "lt": "lit", "lv": "lav", "mt": "mlt", "nl": "nld", "pl": "pol",
    "pt": "por", "ro": "ron", "ru": "rus", "sk": "slk", "sl": "slv", "sv": "swe", "tg": "tgk", "uk": "ukr",
    "uz": "uzb",
}  # fmt: skip

#: The jurisdiction (FRBRcountry) of an instrument made by one party, by the party's name as recorded;
#: an instrument of several parties, or of a party not listed, is international: ``int``.
JURISDICTIONS = {
    "Russian Federation": "ru",
    "Republic of Belarus": "by",
    "Council of the European Union": "eu",
    "European Union": "eu",
}

#: A verbatim text's status as the TLCConcept its ``p`` refers to.
RENDERING_CONCEPTS = {
    models.Rendering.original: "authentic",
    models.Rendering.official_translation: "officialTranslation",
    models.Rendering.unofficial_translation: "unofficialTranslation",
}
CONCEPT_RENDERINGS = {concept: rendering for rendering, concept in RENDERING_CONCEPTS.items()}

#: An amending operation as an AKN textual modification type.
MOD_TYPES = {
    models.OperationKind.insert: "insertion",
    models.OperationKind.replace: "substitution",
    models.OperationKind.repeal: "repeal",
    models.OperationKind.renumber: "renumbering",
}
MOD_OPERATIONS = {mod: op for op, mod in MOD_TYPES.items()}

#: The AKN ``eventRef/@type`` of the events that have one.
EVENT_TYPES = {"signature": "generation", "amendment": "amendment", "termination": "repeal"}

_WORK_URI_RE = re.compile(
    r"^/akn/(?P<country>[a-z]{2,3})/act/(?P<kind>[a-z]+)/(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})/(?P<id>[a-z0-9-]+)"
    r"(?:/[^#]*)?(?:#.*)?$"
)


def language_639_2(language: str) -> str:
    """``ru`` → ``rus``; a three-letter code is kept as it is."""
    return LANGUAGES_639_2.get(language, language)


def jurisdiction(inst: models.Instrument) -> str:
    """The FRBRcountry of an instrument: its one party's jurisdiction, else ``int``."""
    return JURISDICTIONS.get(inst.parties[0], "int") if len(inst.parties) == 1 else "int"


def work_uri(country: str, kind: str, date: str, iid: str) -> str:
    return f"/akn/{country}/act/{kind}/{date}/{iid}"


def parse_work_uri(uri: str) -> tuple[str, str, str, str] | None:
    """``(country, kind, date, id)`` of a work, expression or component IRI legalgen wrote; else ``None``."""
    m = _WORK_URI_RE.match(uri)
    return (m["country"], m["kind"], m["date"], m["id"]) if m else None


def eid_of(provision: str) -> str:
    """The ``eId`` of a provision id: ``art-14/para-7`` → ``art_14__para_7``."""
    head, _, para = provision.partition("/para-")
    head = "art_" + head[4:] if head.startswith("art-") else head
    return f"{head}__para_{para}" if para else head


def provision_of(eid: str) -> str:
    """The provision id of an ``eId`` :func:`eid_of` wrote; ValueError for any other."""
    head, _, para = eid.partition("__para_")
    head = "art-" + head[4:] if head.startswith("art_") else head
    pid = f"{head}/para-{para}" if para else head
    parse_provision_id(pid)
    return pid


# --------------------------------------------------------------------------- legalgen's own fields


def lg(name: str) -> str:
    return f"{{{LG}}}{name}"


def akn(name: str) -> str:
    return f"{{{AKN}}}{name}"


def _unwrap(tp: Any) -> Any:
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp


def _members(tp: Any) -> tuple[Any, ...]:
    tp = _unwrap(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return tuple(_unwrap(t) for t in typing.get_args(tp) if t is not type(None))
    return (tp,)


def _model_for(tp: Any, el: etree._Element) -> type[BaseModel] | None:
    """The model an element of a field of type ``tp`` stands for (a union: by its ``kind`` or ``type``)."""
    found = [t for t in _members(tp) if isinstance(t, type) and issubclass(t, BaseModel)]
    if len(found) <= 1:
        return found[0] if found else None
    tag = el.get(lg("kind")) or el.get(lg("type"))
    for model in found:
        default = model.model_fields.get("kind") or model.model_fields.get("type")
        if default is not None and typing.get_args(default.annotation) == (tag,):
            return model
    return found[0]


def read_lg(el: etree._Element, model: type[BaseModel]) -> dict[str, Any]:
    """The fields of ``model`` written in legalgen's namespace on and under ``el`` (see ``render.akn.write_lg``):
    a scalar as an attribute, a tuple of words as one attribute joined by spaces, a tuple of texts or of
    records as one child element each, a mapping as ``from``/``to`` pairs."""
    data: dict[str, Any] = {}
    fields = model.model_fields
    for key, value in el.attrib.items():
        if not key.startswith(f"{{{LG}}}"):
            continue
        name = key[len(LG) + 2 :]
        field = fields.get(name)
        if field is None:
            continue
        tp = _unwrap(field.annotation)
        if typing.get_origin(tp) is tuple:
            data[name] = value.split(" ")
        elif bool in _members(tp):
            data[name] = value == "true"
        else:
            data[name] = value
    for child in el:
        if not isinstance(child.tag, str) or not child.tag.startswith(f"{{{LG}}}"):
            continue
        name = etree.QName(child).localname
        field = fields.get(name)
        if field is None:
            continue
        tp = _unwrap(field.annotation)
        origin = typing.get_origin(tp)
        if origin is dict:
            data.setdefault(name, {})[child.get("from")] = child.get("to")
            continue
        item_tp = typing.get_args(tp)[0] if origin is tuple else tp
        sub = _model_for(item_tp, child)
        value = read_lg(child, sub) if sub is not None else (child.text or "")
        if origin is tuple:
            data.setdefault(name, []).append(value)
        else:
            data[name] = value
    return data


__all__ = [
    "AKN",
    "LG",
    "eid_of",
    "jurisdiction",
    "language_639_2",
    "parse_work_uri",
    "provision_of",
    "read_lg",
    "work_uri",
]
