"""Akoma Ntoso 3.0 (OASIS LegalDocML): one AKN document per instrument, for legislative systems.

``legalgen export akn ID`` writes what :func:`akn_xml` gives; ``--all`` every instrument with
:func:`akn_documents`. Where each part of a record goes, and how a document is read back, is in
:mod:`legalgen.records.akn`, which holds the names both sides share. The document validates against the
official AKN 3.0 XML Schema (the tests check every document of both corpora against it).

    >>> xml = akn_xml(corpus.instrument("1999-union-state"), corpus, dt.date(2025, 1, 1))
    >>> b'<FRBRthis value="/akn/int/act/treaty/1999-12-08/1999-union-state/!main"/>' in xml
    True
    >>> b'<paragraph eId="art_14__para_7"' in xml
    True
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from typing import Any

from lxml import etree
from pydantic import BaseModel

from legalgen.records import Corpus, Instrument, Paraphrase, Provision, Verbatim, operations_on
from legalgen.records.akn import (
    EVENT_TYPES,
    MOD_TYPES,
    NSMAP,
    RENDERING_CONCEPTS,
    XML,
    akn,
    eid_of,
    jurisdiction,
    language_639_2,
    lg,
    work_uri,
)
from legalgen.records.models import Rendering

_SOURCE = {"source": "#legalgen"}


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_lg(el: etree._Element, record: BaseModel, skip: Iterable[str] = ()) -> etree._Element:
    """Write the fields of ``record`` not in ``skip`` and not at their default in legalgen's namespace on
    ``el`` — the inverse of :func:`legalgen.records.akn.read_lg`."""
    left_out = set(skip)
    for name, field in type(record).model_fields.items():
        value = getattr(record, name)
        if name in left_out or value == field.get_default(call_default_factory=True):
            continue
        if isinstance(value, BaseModel):
            write_lg(etree.SubElement(el, lg(name)), value)
        elif isinstance(value, dict):
            for old, new in value.items():
                etree.SubElement(el, lg(name), {"from": old, "to": new})
        elif isinstance(value, tuple):
            if all(isinstance(v, str) and v and not any(c.isspace() for c in v) for v in value):
                el.set(lg(name), " ".join(value))
                continue
            for item in value:
                if isinstance(item, BaseModel):
                    write_lg(etree.SubElement(el, lg(name)), item)
                else:
                    etree.SubElement(el, lg(name)).text = item
        else:
            el.set(lg(name), _value(value))
    return el


def _sub(parent: etree._Element, name: str, attrib: Mapping[str, str] | None = None, text: str | None = None) -> Any:
    el = etree.SubElement(parent, akn(name), dict(attrib or {}))
    if text is not None:
        el.text = text
    return el


class _Writer:
    """Builds the AKN document of one instrument of a corpus."""

    def __init__(self, inst: Instrument, corpus: Corpus, generated: dt.date) -> None:
        self.inst = inst
        self.corpus = corpus
        self.generated = generated
        self.work = self.uri(inst)
        originals = [
            v.language for p in inst.provisions_in_order for v in p.verbatim if v.rendering is Rendering.original
        ]
        others = [v.language for p in inst.provisions_in_order for v in p.verbatim]
        self.languages = list(dict.fromkeys([*originals, *others])) or list(inst.titles)
        self.source_languages = list(dict.fromkeys(originals)) or list(inst.titles)
        self.expression = f"{self.work}/{'-'.join(language_639_2(x) for x in self.languages)}@"
        self.translators: dict[str, str] = {}
        self.related: dict[str, str] = {}  # instrument id → eId of its reference
        self.notes: list[etree._Element] = []
        self.periods: list[tuple[str, str]] = []  # temporal groups: (eId, #eventRef it starts with)

    def uri(self, inst: Instrument) -> str:
        dated = inst.dated
        if dated is None:
            raise ValueError(f"{inst.id}: no event dates the instrument; an AKN work IRI needs a date")
        return work_uri(jurisdiction(inst), inst.kind.value, dated.isoformat(), inst.id)

    def ref(self, iid: str) -> str:
        """``#eId`` of the reference to another instrument of the corpus (added to references once)."""
        self.related.setdefault(iid, f"ref_{iid}")
        return f"#{self.related[iid]}"

    def document(self) -> etree._Element:
        root = etree.Element(akn("akomaNtoso"), nsmap=NSMAP)
        act = _sub(root, "act", {"name": self.inst.kind.value, "contains": "originalVersion"})
        meta = _sub(act, "meta")
        self.identification(meta)
        body = etree.Element(akn("body"))
        preamble = self.provisions(body)
        self.lifecycle(meta)
        self.analysis(meta)
        self.references(meta)
        self.notes_(meta)
        self.proprietary(meta)
        preface = _sub(act, "preface")
        long_title = _sub(preface, "longTitle")
        for language, title in self.inst.titles.items():
            p = _sub(long_title, "p")
            _sub(p, "docTitle", {f"{{{XML}}}lang": language}, title)
        if preamble is not None:
            act.append(preamble)
        act.append(body)
        return root

    # ------------------------------------------------------------------ meta

    def identification(self, meta: etree._Element) -> None:
        inst = self.inst
        ident = _sub(meta, "identification", _SOURCE)
        work = _sub(ident, "FRBRWork")
        _sub(work, "FRBRthis", {"value": f"{self.work}/!main"})
        _sub(work, "FRBRuri", {"value": self.work})
        _sub(work, "FRBRalias", {"value": inst.short_title, "name": "short_title"})
        dating = inst.signature or min(inst.events, key=lambda e: e.date)
        _sub(work, "FRBRdate", {"date": _value(dating.date), "name": dating.type})
        for n, _party in enumerate(inst.parties, 1):
            _sub(work, "FRBRauthor", {"href": f"#party_{n}"})
        _sub(work, "FRBRcountry", {"value": jurisdiction(inst)})
        _sub(work, "FRBRsubtype", {"value": inst.kind.value})
        _sub(work, "FRBRnumber", {"value": inst.id})
        _sub(work, "FRBRname", {"value": inst.title})
        expr = _sub(ident, "FRBRExpression")
        _sub(expr, "FRBRthis", {"value": f"{self.expression}/!main"})
        _sub(expr, "FRBRuri", {"value": self.expression})
        _sub(expr, "FRBRdate", {"date": _value(dating.date), "name": dating.type})
        _sub(expr, "FRBRauthor", {"href": "#legalgen"})
        for language in self.languages:
            _sub(expr, "FRBRlanguage", {"language": language_639_2(language)})
        seen: set[tuple[str, Rendering, str]] = set()
        for v in (v for p in inst.provisions_in_order for v in p.verbatim if v.translator):
            assert v.translator is not None
            key = (v.language, v.rendering, v.translator)
            if key in seen:
                continue
            seen.add(key)
            _sub(
                expr,
                "FRBRtranslation",
                {
                    "href": f"{self.work}/{language_639_2(v.language)}@",
                    "fromLanguage": language_639_2(next(x for x in self.source_languages if x != v.language)),
                    "authoritative": _value(v.rendering is Rendering.official_translation),
                    "by": f"#{self.translator(v.translator)}",
                },
            )
        manif = _sub(ident, "FRBRManifestation")
        _sub(manif, "FRBRthis", {"value": f"{self.expression}/!main.xml"})
        _sub(manif, "FRBRuri", {"value": f"{self.expression}.xml"})
        _sub(manif, "FRBRdate", {"date": self.generated.isoformat(), "name": "transformation"})
        _sub(manif, "FRBRauthor", {"href": "#legalgen"})

    def translator(self, name: str) -> str:
        return self.translators.setdefault(name, f"translator_{len(self.translators) + 1}")

    def lifecycle(self, meta: etree._Element) -> None:
        if not self.inst.events:
            return
        cycle = _sub(meta, "lifecycle", _SOURCE)
        for n, event in enumerate(self.inst.events, 1):
            by = getattr(event, "by", None)
            attrib = {"eId": f"evt_{n}", "date": _value(event.date), "source": self.ref(by) if by else "#original"}
            if event.type in EVENT_TYPES:
                attrib["type"] = EVENT_TYPES[event.type]
            attrib["refersTo"] = f"#{event.type}"
            write_lg(_sub(cycle, "eventRef", attrib), event, skip={"type", "date", "by"})

    def analysis(self, meta: etree._Element) -> None:
        inst = self.inst
        active = [(n, rel, op) for n, rel in enumerate(inst.relations, 1) for op in rel.operations]
        passive = operations_on(inst, self.corpus.instruments)
        if not (active or passive or inst.relations):
            return
        analysis = _sub(meta, "analysis", _SOURCE)
        if active:
            mods = _sub(analysis, "activeModifications")
            for k, (n, rel, op) in enumerate(active, 1):
                target = self.uri(self.corpus.instrument(rel.target))
                self.ref(rel.target)
                mod = _sub(
                    mods, "textualMod", {"eId": f"amod_{k}", "type": MOD_TYPES[op.op], lg("relation"): f"rel_{n}"}
                )
                write_lg(mod, op, skip={"op", "provision", "via", "texts"})
                _sub(mod, "source", {"href": f"#{eid_of(op.via)}" if op.via else "#original"})
                _sub(mod, "destination", {"href": f"{target}/!main#{eid_of(op.provision)}"})
                if op.texts:
                    new = _sub(mod, "new")
                    for text in op.texts:
                        self.text(new, text, lg("text"))
        if passive:
            mods = _sub(analysis, "passiveModifications")
            for k, sched in enumerate(passive, 1):
                amender = self.uri(sched.amender)
                self.ref(sched.amender.id)
                event = next(
                    n
                    for n, e in enumerate(inst.events, 1)
                    if e.type == "amendment" and getattr(e, "by", None) == sched.amender.id and e.date == sched.date
                )
                period = f"tg_evt_{event}"
                if (period, f"#evt_{event}") not in self.periods:
                    self.periods.append((period, f"#evt_{event}"))
                mod = _sub(
                    mods, "textualMod", {"eId": f"pmod_{k}", "type": MOD_TYPES[sched.op.op], "period": f"#{period}"}
                )
                via = f"#{eid_of(sched.op.via)}" if sched.op.via else ""
                _sub(mod, "source", {"href": f"{amender}/!main{via}"})
                _sub(mod, "destination", {"href": f"#{eid_of(sched.op.provision)}"})
        if inst.relations:
            others = _sub(analysis, "otherReferences", _SOURCE)
            for n, rel in enumerate(inst.relations, 1):
                related = self.corpus.instrument(rel.target)
                self.ref(rel.target)
                attrib = {"eId": f"rel_{n}", "href": self.uri(related), "showAs": related.short_title}
                attrib["refersTo"] = f"#{rel.type.value}"
                write_lg(_sub(others, "implicitReference", attrib), rel, skip={"type", "target", "operations"})
        if self.periods:
            temporal = _sub(meta, "temporalData", _SOURCE)
            for period, start in self.periods:
                group = _sub(temporal, "temporalGroup", {"eId": period})
                _sub(group, "timeInterval", {"start": start, "refersTo": "#inForce"})

    def references(self, meta: etree._Element) -> None:
        inst = self.inst
        refs = _sub(meta, "references", _SOURCE)
        _sub(refs, "original", {"eId": "original", "href": self.expression, "showAs": inst.short_title})
        for iid, eid in self.related.items():
            other = self.corpus.instrument(iid)
            _sub(
                refs,
                "TLCReference",
                {"eId": eid, "href": self.uri(other), "showAs": other.short_title, "name": "instrument"},
            )
        for source in inst.sources:
            attrib = {"eId": f"src_{source.id}", "href": source.url or f"#src_{source.id}", "showAs": source.title}
            write_lg(_sub(refs, "TLCReference", {**attrib, "name": "source"}), source, skip={"id", "title", "url"})
        for n, party in enumerate(inst.parties, 1):
            _sub(
                refs,
                "TLCOrganization",
                {"eId": f"party_{n}", "href": f"/ontology/organization/{_slug(party)}", "showAs": party},
            )
        _sub(
            refs,
            "TLCOrganization",
            {"eId": "legalgen", "href": "/ontology/organization/legalgen", "showAs": "legalgen"},
        )
        for name, eid in self.translators.items():
            _sub(refs, "TLCOrganization", {"eId": eid, "href": f"/ontology/organization/{_slug(name)}", "showAs": name})
        for event_type in dict.fromkeys(e.type for e in inst.events):
            _sub(
                refs,
                "TLCEvent",
                {"eId": event_type, "href": f"/ontology/event/{event_type}", "showAs": event_type.replace("_", " ")},
            )
        concepts = {c: c for c in RENDERING_CONCEPTS.values()}
        concepts.update({r.type.value: r.type.value for r in inst.relations})
        if self.periods:
            concepts["inForce"] = "inForce"
        for concept in concepts:
            _sub(
                refs, "TLCConcept", {"eId": concept, "href": f"/ontology/concept/{concept}", "showAs": _words(concept)}
            )

    def notes_(self, meta: etree._Element) -> None:
        notes = list(self.notes)
        if self.inst.summary:
            note = etree.Element(akn("note"), {"eId": "note_summary", "class": "summary"})
            _sub(note, "p", None, self.inst.summary)
            notes.insert(0, note)
        if notes:
            holder = _sub(meta, "notes", _SOURCE)
            for note in notes:
                holder.append(note)

    def proprietary(self, meta: etree._Element) -> None:
        prop = _sub(meta, "proprietary", _SOURCE)
        record = etree.SubElement(prop, lg("record"))
        write_lg(
            record,
            self.inst,
            skip={
                "id",
                "kind",
                "titles",
                "short_title",
                "parties",
                "summary",
                "sources",
                "events",
                "relations",
                "provisions",
            },
        )

    # ------------------------------------------------------------------ provisions

    def provisions(self, body: etree._Element) -> etree._Element | None:
        preamble: etree._Element | None = None
        holders: dict[str, etree._Element] = {}
        for prov in self.inst.provisions_in_order:
            eid = eid_of(prov.id)
            if prov.article == "preamble":
                if preamble is None:
                    preamble = etree.Element(akn("preamble"), {"eId": "preamble"})
                if prov.paragraph is None:
                    self.unit(preamble, prov, eid)
                else:
                    self.unit(_sub(preamble, "container", {"eId": eid, "name": "paragraph"}), prov, eid)
                continue
            head = eid_of(prov.id.partition("/")[0])
            holder = holders.get(head)
            if holder is None:
                if prov.article == "unidentified":
                    holder = _sub(body, "hcontainer", {"eId": head, "name": "unidentified"})
                else:
                    holder = _sub(body, "article", {"eId": head})
                    _sub(holder, "num", None, prov.article)
                holders[head] = holder
            if prov.paragraph is None:
                self.unit(holder, prov, eid, block="intro" if self._has_paragraphs(prov) else "content")
            else:
                para = _sub(holder, "paragraph", {"eId": eid})
                _sub(para, "num", None, prov.paragraph)
                self.unit(para, prov, eid)
        if not len(body):
            hc = _sub(body, "hcontainer", {"eId": "notRecorded", "name": "notRecorded"})
            _sub(_sub(hc, "content"), "p")
        return preamble

    def _has_paragraphs(self, prov: Provision) -> bool:
        return any(p.article == prov.article and p.paragraph is not None for p in self.inst.provisions)

    def unit(self, el: etree._Element, prov: Provision, eid: str, block: str | None = "content") -> None:
        """One provision's heading, texts and note references into ``el`` (its ``intro`` or ``content``)."""
        flat = el.tag in (akn("preamble"), akn("container"))  # no heading, no content: the texts are children
        if prov.heading is not None and not flat:
            _sub(el, "heading", None, prov.heading)
        write_lg(el, prov, skip={"article", "paragraph", "texts"} | (set() if flat else {"heading"}))
        holder = el if flat else _sub(el, block or "content")
        for text in prov.verbatim:
            self.text(holder, text, akn("p"))
        if prov.paraphrases:
            refs = _sub(holder, "p", {"class": "noteRefs"})
            for n, para in enumerate(prov.paraphrases, 1):
                nid = f"{eid}__note_{n}"
                _sub(refs, "noteRef", {"href": f"#{nid}", "class": "paraphrase"})
                note = etree.Element(akn("note"), {"eId": nid, "class": "paraphrase", "placementBase": eid})
                self.paraphrase(note, para)
                self.notes.append(note)

    def paraphrase(self, el: etree._Element, para: Paraphrase) -> None:
        el.set(f"{{{XML}}}lang", para.language)
        write_lg(el, para, skip={"language", "text"})
        if el.tag == akn("note"):
            _sub(el, "p", None, para.text)
        else:
            el.text = para.text

    def text(self, parent: etree._Element, text: Verbatim | Paraphrase, tag: str) -> None:
        """A verbatim text as a ``p`` in its language with its status; a paraphrase (only among an amending
        operation's new words) as ``lg:text``."""
        p = etree.SubElement(parent, tag)
        if isinstance(text, Paraphrase):
            self.paraphrase(p, text)
            return
        p.set(f"{{{XML}}}lang", text.language)
        p.set("refersTo", f"#{RENDERING_CONCEPTS[text.rendering]}")
        skip = {"kind", "language", "text", "rendering", "incomplete", "cut", "restorations"}
        write_lg(p, text, skip=skip)
        if text.translator:
            self.translator(text.translator)
        last: etree._Element | None = None

        def put(words: str) -> None:
            if last is None:
                p.text = (p.text or "") + words
            else:
                last.tail = (last.tail or "") + words

        if text.incomplete and text.cut in ("start", "both"):
            last = _sub(p, "omissis", None, "[…] ")
        points = sorted((text._index(r), n, r) for n, r in enumerate(text.restorations))
        at = 0
        for index, _n, r in points:
            put(text.text[at:index])
            lead = "" if r.joined or index == 0 or text.text[index - 1].isspace() else " "
            trail = "" if r.joined or index >= len(text.text) or text.text[index].isspace() else " "
            last = _sub(p, "span", {"class": "restoration"}, f"{lead}{r.text}{trail}")
            write_lg(last, r, skip={"text"})
            at = index
        put(text.text[at:])
        if text.incomplete and text.cut in ("end", "both"):
            _sub(p, "omissis", None, " […]")


def _slug(name: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in name.lower()).split())


def _words(concept: str) -> str:
    out = "".join(f" {c.lower()}" if c.isupper() else c for c in concept)
    return out.replace("_", " ")


def akn_xml(inst: Instrument, corpus: Corpus, generated: dt.date) -> bytes:
    """The AKN 3.0 document of one instrument of ``corpus``; ``generated`` is the manifestation's date."""
    root = _Writer(inst, corpus, generated).document()
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data


def akn_documents(corpus: Corpus, generated: dt.date) -> dict[str, bytes]:
    """Every instrument's AKN document, by file name (``1999-union-state.xml``)."""
    return {f"{inst.id}.xml": akn_xml(inst, corpus, generated) for inst in corpus.instruments}


__all__ = ["akn_documents", "akn_xml", "write_lg"]
