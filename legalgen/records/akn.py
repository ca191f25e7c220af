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

import json
import re
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from lxml import etree
from pydantic import BaseModel, ValidationError

from legalgen.errors import Problem, RecordError
from legalgen.ids import parse_provision_id
from legalgen.records import models
from legalgen.records.read import display_path, explain, format_loc, make_problem

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


# --------------------------------------------------------------------------- reading a document


class _Reader:
    """Reads one AKN document legalgen wrote into the plain data of a record."""

    def __init__(self, root: etree._Element, path: Path) -> None:
        self.root = root
        self.path = path
        self.problems: list[Problem] = []
        self.act = self._one(root, "act")
        self.meta = self._one(self.act, "meta")
        self.refs: dict[str, etree._Element] = {
            e.get("eId", ""): e for e in self.meta.iterfind(f"{{{AKN}}}references/*") if e.get("eId")
        }

    def _one(self, parent: etree._Element, name: str) -> etree._Element:
        found = parent.find(akn(name))
        if found is None:
            where = etree.QName(parent).localname
            raise RecordError(
                [self._problem(parent, f"no <{name}> in <{where}>", "give a document `legalgen export akn` wrote")]
            )
        return found

    def _problem(self, el: etree._Element, message: str, fix: str) -> Problem:
        return make_problem(display_path(self.path), el.sourceline or 0, 1, "", message, fix)

    def _all(self, parent: etree._Element | None, path: str) -> list[etree._Element]:
        return [] if parent is None else list(parent.iterfind(path, {"a": AKN, "lg": LG}))

    def _instrument_ref(self, href: str | None) -> str | None:
        """The instrument id a ``#ref_…`` or an IRI points to."""
        if href and href.startswith("#") and href[1:] in self.refs:
            href = self.refs[href[1:]].get("href")
        parsed = parse_work_uri(href or "")
        return parsed[3] if parsed else None

    def record(self) -> dict[str, Any]:
        work = self._one(self._one(self.meta, "identification"), "FRBRWork")
        number = work.find(akn("FRBRnumber"))
        data: dict[str, Any] = {
            "id": number.get("value") if number is not None else None,
            "kind": self.act.get("name"),
            "titles": {
                t.get(f"{{{XML}}}lang"): "".join(t.itertext())
                for t in self._all(self.act, "a:preface/a:longTitle/a:p/a:docTitle")
            },
        }
        for alias in work.iterfind(akn("FRBRalias")):
            if alias.get("name") == "short_title":
                data["short_title"] = alias.get("value")
        data["parties"] = [
            self.refs[a.get("href", "")[1:]].get("showAs")
            for a in work.iterfind(akn("FRBRauthor"))
            if a.get("href", "")[1:] in self.refs
        ]
        record = self.meta.find(f"{{{AKN}}}proprietary/{{{LG}}}record")
        if record is None:
            raise RecordError(
                [
                    self._problem(
                        self.meta,
                        "not a document legalgen wrote: <meta> has no <proprietary> with legalgen's <lg:record>, so "
                        "the sources, locators and codes a record needs are not there",
                        "give a document `legalgen export akn` wrote",
                    )
                ]
            )
        extra = read_lg(record, models.Instrument)
        if "publication" in extra:
            data["publication"] = extra.pop("publication")
        for note in self._all(self.meta, "a:notes/a:note[@class='summary']"):
            data["summary"] = "".join(p.text or "" for p in note.iterfind(akn("p")))
        data["sources"] = [
            {
                "id": e.get("eId", "")[len("src_") :],
                "title": e.get("showAs"),
                **({} if e.get("href", "#").startswith("#") else {"url": e.get("href")}),
                **read_lg(e, models.Source),
            }
            for e in self._all(self.meta, "a:references/a:TLCReference[@name='source']")
        ]
        data["events"] = [self._event(e) for e in self._all(self.meta, "a:lifecycle/a:eventRef")]
        data["relations"] = self._relations()
        data["provisions"] = list(self._provisions())
        data.update(extra)
        return {k: v for k, v in data.items() if v not in (None, [], {})}

    def _event(self, el: etree._Element) -> dict[str, Any]:
        kind = (el.get("refersTo") or "#")[1:]
        model = next(
            (
                m
                for m in typing.get_args(_unwrap(models.Event))
                if typing.get_args(m.model_fields["type"].annotation) == (kind,)
            ),
            models.Signature,
        )
        event: dict[str, Any] = {"type": kind, "date": el.get("date"), **read_lg(el, model)}
        if kind in ("amendment", "termination") and el.get("source") != "#original":
            event["by"] = self._instrument_ref(el.get("source"))
        return event

    def _relations(self) -> list[dict[str, Any]]:
        relations: dict[str, dict[str, Any]] = {}
        for el in self._all(self.meta, "a:analysis/a:otherReferences/a:implicitReference"):
            relations[el.get("eId", "")] = {
                "type": (el.get("refersTo") or "#")[1:],
                "target": self._instrument_ref(el.get("href")),
                **read_lg(el, models.Relation),
            }
        for mod in self._all(self.meta, "a:analysis/a:activeModifications/a:textualMod"):
            rel = relations.get(mod.get(lg("relation"), ""))
            if rel is None:
                continue
            source = mod.find(akn("source"))
            dest = mod.find(akn("destination"))
            op: dict[str, Any] = {"op": MOD_OPERATIONS[mod.get("type", "")].value}
            dest_href = dest.get("href", "") if dest is not None else ""
            op["provision"] = provision_of(dest_href.partition("#")[2])
            via = source.get("href", "#original") if source is not None else "#original"
            if via != "#original":
                op["via"] = provision_of(via[1:])
            op.update(read_lg(mod, models.AmendingOperation))
            new = mod.find(akn("new"))
            if new is not None:
                op["texts"] = [self._text(t) for t in new.iterfind(lg("text"))]
            rel.setdefault("operations", []).append(op)
        return list(relations.values())

    def _provisions(self) -> Iterator[dict[str, Any]]:
        notes: dict[str, list[etree._Element]] = {}
        for note in self._all(self.meta, "a:notes/a:note[@class='paraphrase']"):
            notes.setdefault(note.get("placementBase", ""), []).append(note)
        units = [
            *self._all(self.act, "a:preamble"),
            *self._all(self.act, "a:preamble/a:container"),
            *self._all(self.act, "a:body//*[@eId]"),
        ]
        for el in units:
            eid = el.get("eId") or "preamble"
            name = etree.QName(el).localname
            if (
                name not in ("preamble", "container", "article", "paragraph", "hcontainer")
                or el.get("name") == "notRecorded"
            ):
                continue
            if name in ("preamble", "container"):
                blocks: etree._Element | None = el
            else:
                blocks = el.find(akn("intro")) if el.find(akn("intro")) is not None else el.find(akn("content"))
            texts = [self._text(p) for p in self._all(blocks, "a:p[@refersTo]")]
            texts += [self._paraphrase(n) for n in notes.get(eid, [])]
            if not texts:
                continue  # an article that only holds recorded paragraphs
            pid = provision_of(eid)
            article, paragraph = parse_provision_id(pid)
            unit: dict[str, Any] = {"article": article}
            if paragraph is not None:
                unit["paragraph"] = paragraph
            heading = el.find(akn("heading"))
            if heading is not None:
                unit["heading"] = "".join(heading.itertext())
            unit.update(read_lg(el, models.Provision))
            unit["texts"] = texts
            yield unit

    def _text(self, p: etree._Element) -> dict[str, Any]:
        """A verbatim text from its ``p`` (or ``lg:text``): the words outside ``omissis`` and restorations."""
        if p.get(lg("kind")) == "paraphrase":
            return self._paraphrase(p)
        words = [p.text or ""]
        restorations: list[dict[str, Any]] = []
        cuts: list[str] = []
        for i, child in enumerate(p):
            local = etree.QName(child).localname
            if local == "omissis":
                cuts.append("start" if i == 0 and not (p.text or "") else "end")
            elif local == "span":
                restorations.append({"text": "".join(child.itertext()).strip(), **read_lg(child, models.Restoration)})
            words.append(child.tail or "")
        text: dict[str, Any] = {
            "kind": "verbatim",
            "language": p.get(f"{{{XML}}}lang"),
            "text": "".join(words),
            "rendering": CONCEPT_RENDERINGS[(p.get("refersTo") or "#authentic")[1:]].value,
            **read_lg(p, models.Verbatim),
        }
        if cuts:
            text["incomplete"] = True
            text["cut"] = "both" if len(cuts) == 2 else cuts[0]
        if restorations:
            text["restorations"] = restorations
        return text

    def _paraphrase(self, note: etree._Element) -> dict[str, Any]:
        return {
            "kind": "paraphrase",
            "language": note.get(f"{{{XML}}}lang"),
            "text": "\n\n".join("".join(p.itertext()) for p in note.iterfind(f"{{{AKN}}}p"))
            if note.find(akn("p")) is not None
            else (note.text or ""),
            **read_lg(note, models.Paraphrase),
        }


def read_akn(path: Path, data: bytes | None = None) -> models.Instrument:
    """The record an AKN document legalgen wrote holds, validated; every problem a located one-line error.

    >>> from legalgen.render.akn import akn_xml
    >>> inst = corpus.instrument("1997-charter")
    >>> read_akn(Path("charter.xml"), akn_xml(inst, corpus, dt.date(2025, 1, 1))) == canonical(inst)
    True
    """
    raw = path.read_bytes() if data is None else data
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        message = "not well-formed XML: " + re.sub(r"(, line [0-9]+)*, column [0-9]+$", "", exc.msg)
        raise RecordError([make_problem(display_path(path), line, column, "", message, "check the file")]) from None
    if root.tag != akn("akomaNtoso"):
        raise RecordError(
            [
                make_problem(
                    display_path(path),
                    root.sourceline or 0,
                    1,
                    "",
                    f"the root element is <{etree.QName(root).localname}>, not Akoma Ntoso 3.0's <akomaNtoso>",
                    "give a document in the namespace " + AKN,
                )
            ]
        )
    reader = _Reader(root, path)
    data_ = reader.record()
    try:
        return models.Instrument.model_validate_json(json.dumps(data_, ensure_ascii=False))
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            what, fix = explain(error)
            problems.append(make_problem(display_path(path), 0, 0, format_loc(tuple(error["loc"])), what, fix))
        raise RecordError(problems) from None


def canonical(inst: models.Instrument) -> models.Instrument:
    """The record as an AKN document gives it back: provisions in natural order, each provision's verbatim
    texts before its paraphrases (AKN keeps paraphrases out of the body, in notes)."""
    provisions = tuple(p.model_copy(update={"texts": (*p.verbatim, *p.paraphrases)}) for p in inst.provisions_in_order)
    return inst.model_copy(update={"provisions": provisions})


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, writing a text of several lines as a literal block."""


def _str(dumper: Any, value: str) -> Any:
    style = "|" if "\n" in value and not any(line != line.rstrip() for line in value.split("\n")) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def record_yaml(inst: models.Instrument) -> str:
    """The record as YAML that ``legalgen validate`` reads back (defaults left out, dates quoted)."""
    data = inst.model_dump(mode="json", exclude_defaults=True)
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)


__all__ = [
    "AKN",
    "LG",
    "canonical",
    "eid_of",
    "jurisdiction",
    "language_639_2",
    "parse_work_uri",
    "provision_of",
    "read_akn",
    "read_lg",
    "record_yaml",
    "work_uri",
]
