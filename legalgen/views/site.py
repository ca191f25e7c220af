"""The static site (``legalgen site``): one view model per page, every link and every word decided here.

The site's addresses follow the id grammar (:mod:`legalgen.ids`), one folder per page with its
``index.html``, so a web server serves each at a readable, permanent URL::

    /                                   the instruments, the dates and the topics
    /1999-union-state/                  an instrument
    /1999-union-state/art-14/           a provision, with its wording as recorded
    /1999-union-state/art-14/1999-12-08/  its wording as it stood on a date (consolidated)
    /topics/citizenship/                a topic across time
    /dates/2000-01-26/                  a date on which the law changed (a step of a topic thread)
    /search/                            every page, narrowed by a script to what you type

A provision has a page for each date its wording changed — the instrument's date (signature, or its first
event) and the date each recorded amendment took effect — and any other date's wording is the one of the
latest of those on or before it. Links between pages are relative and name ``index.html``, so the site
also reads from disk without a server.

Every page carries its metadata as schema.org JSON-LD (:func:`legislation`), shaped as ELI publishers do:
``Legislation`` with ``legislationDate``, ``legislationLegalForce`` (from :func:`legalgen.analysis.lives`,
left out where the records do not establish the status), ``isBasedOn``, ``legislationChanges`` and
``inLanguage``.

    >>> pages = site_pages(corpus)
    >>> [p.path for p in pages][:3]
    ['', '1995-customs-union/', '1995-customs-union/art-1/']
    >>> relative("1999-union-state/art-14/", "topics/citizenship/")
    '../../topics/citizenship/index.html'
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from legalgen.analysis import InstrumentStatus, Status, TopicThread, lives, status_as_of, topic_threads
from legalgen.analysis.consolidation import ConsolidatedProvision, ConsolidatedText, consolidated_provision
from legalgen.analysis.life import record_bounds
from legalgen.errors import UnknownName
from legalgen.records import Corpus, Instrument, Paraphrase, Provision, RelationType
from legalgen.views.analysis import amendment_notice, analysis
from legalgen.views.blocks import Fact, Meta, Passage, ProvisionBlock, make_meta, passage, provision_block, source_rows
from legalgen.views.chart import Chart, chart
from legalgen.views.words import Naming, language_name, long_date
from legalgen.views.words import site as w
from legalgen.views.words.consolidation import in_force_heading, incomplete_warning, inline, passage_note
from legalgen.views.words.life import cause_text, graded_change_text, status_words

SCHEMA = "https://schema.org/"
#: legalgen's status → schema.org's LegalForceStatus (the ELI values); a status the records do not
#: establish has none, and the property is left out rather than guessed.
LEGAL_FORCE: dict[Status, str] = {
    Status.in_force: "InForce",
    Status.in_force_conditionally: "PartiallyInForce",
    Status.terminated: "NotInForce",
    Status.adopted: "NotInForce",
    Status.signed_not_in_force: "NotInForce",
    Status.not_yet_in_force: "NotInForce",
    Status.not_yet_signed: "NotInForce",
}
SEARCH_INDEX = "search-index.js"


@dataclass(frozen=True)
class Link:
    """A link from one page to another: ``href`` relative to the page it is on."""

    href: str
    text: str


@dataclass(frozen=True)
class Item:
    """A line of a list: a link (or none) and what follows it."""

    link: Link | None
    text: str = ""


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    items: tuple[Item, ...] = ()
    lead: str = ""


@dataclass(frozen=True)
class Wording:
    """One text of a provision as it stood on a date: the recorded text where nothing amended it, else the
    consolidated line (amended words between ► and ◄) and the notes that say who made each passage."""

    label: str
    lang: str
    passage: Passage | None
    line: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class SitePage:
    """One page of the site. ``path`` is its folder from the site's root (``""`` for the home page)."""

    path: str
    meta: Meta
    jsonld: str
    permalink: str
    home: str
    search: str
    crumbs: tuple[Link, ...]
    lead: str = ""
    facts: tuple[Fact, ...] = ()
    block: ProvisionBlock | None = None
    heading: str = ""
    warning: str = ""
    wording: tuple[Wording, ...] = ()
    sections: tuple[Section, ...] = ()
    chart: Chart | None = None
    chart_links: tuple[Link, ...] = ()  # the instrument page of each numbered mark of the chart, in number order
    search_script: str = ""
    search_status: str = ""
    words: Any = field(default=w, compare=False)

    @property
    def file(self) -> str:
        return f"{self.path}index.html"


@dataclass(frozen=True)
class SearchEntry:
    href: str  # relative to the search page
    title: str
    text: str


def relative(here: str, there: str) -> str:
    """The link from the page in folder ``here`` to the page in folder ``there`` (both from the root)."""
    rel = posixpath.relpath(there or ".", here or ".")
    return "index.html" if rel == "." else f"{rel}/index.html"


def provision_path(iid: str, pid: str) -> str:
    return f"{iid}/{pid}/"


def version_path(iid: str, pid: str, day: dt.date) -> str:
    return f"{iid}/{pid}/{day.isoformat()}/"


def json_ld(data: Mapping[str, Any]) -> str:
    """JSON-LD text, sorted so the same corpus gives the same bytes."""
    return json.dumps({"@context": SCHEMA, **data}, ensure_ascii=False, sort_keys=True, indent=1)


class _Site:
    """What every page shares: the corpus, the lives, the threads and the version dates of each provision."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.lives = lives(corpus)
        self.threads: tuple[TopicThread, ...] = topic_threads(corpus)
        first, last = record_bounds(corpus)
        self.last = last or first or dt.date(1, 1, 1)
        self.names = {i.id: i.short_title for i in corpus.instruments}
        self.naming = Naming.prose(self.names)
        self.dates = sorted({s.since for t in self.threads for s in t.steps})

    @cache  # noqa: B019 - one _Site per build, dropped with it
    def status(self, day: dt.date) -> dict[str, InstrumentStatus]:
        return {s.instrument: s for s in status_as_of(self.corpus, day).instruments}

    @cache  # noqa: B019
    def versions(self, iid: str, pid: str) -> tuple[dt.date, ...]:
        """The dates a provision's wording changed: the instrument's date, then each amendment's."""
        inst = self.corpus.instrument(iid)
        start = inst.dated
        if start is None:
            return ()
        later = consolidated_provision(self.corpus, iid, pid, max(self.last, start)).provisions[0]
        return tuple(sorted({start, *(m.effective for m in later.changes if m.effective >= start)}))

    def version_on(self, iid: str, pid: str, day: dt.date) -> dt.date | None:
        found = [d for d in self.versions(iid, pid) if d <= day]
        return found[-1] if found else None

    def languages(self, inst: Instrument, prov: Provision | None = None) -> list[str]:
        provs = [prov] if prov is not None else list(inst.provisions)
        found = sorted({t.language for p in provs for t in p.texts})
        return found or sorted(inst.titles)

    def legal_force(self, iid: str, day: dt.date | None = None) -> str | None:
        life = self.lives[iid]
        status = life.status_on(day) if day is not None else life.final_status
        force = LEGAL_FORCE.get(status)
        return SCHEMA + force if force else None


def legislation(
    site: _Site,
    inst: Instrument,
    at: str,
    name: str,
    prov: Provision | None = None,
    day: dt.date | None = None,
    based_on: Sequence[str] = (),
) -> dict[str, Any]:
    """The schema.org ``Legislation`` node of an instrument, a provision, or a provision on a date."""
    changes = [
        f"/{r.target}/" + (f"{r.provision}/" if r.provision else "")
        for r in inst.relations
        if r.type is RelationType.amends and (prov is None or r.via in (None, prov.id))
    ]
    node: dict[str, Any] = {
        "@type": "Legislation",
        "@id": at,
        "url": at,
        "name": name,
        "legislationIdentifier": inst.id if prov is None else f"{inst.id}/{prov.id}",
        "legislationType": inst.kind.value,
        "legislationDate": inst.dated.isoformat() if inst.dated else None,
        "inLanguage": site.languages(inst, prov),
        "isBasedOn": list(based_on),
        "legislationChanges": changes,
    }
    if node["legislationDate"] is None:
        del node["legislationDate"]
    force = site.legal_force(inst.id, day)
    if force:
        node["legislationLegalForce"] = force
    if day is not None:
        node["legislationDateVersion"] = day.isoformat()
    if prov is not None:
        node["isPartOf"] = f"/{inst.id}/"
    return node


def _page(
    site: _Site,
    path: str,
    title: str,
    description: str,
    jsonld: Mapping[str, Any],
    crumbs: Sequence[tuple[str, str]],
    **fields: Any,
) -> SitePage:
    meta = make_meta(path.strip("/") or "index", title, "", description, (), None, None, "Site")
    return SitePage(
        path=path,
        meta=meta,
        jsonld=json_ld(jsonld),
        permalink=f"/{path}",
        home=relative(path, ""),
        search=relative(path, "search/"),
        crumbs=tuple(Link(relative(path, p), t) for p, t in crumbs),
        **fields,
    )


def _instrument_page(site: _Site, inst: Instrument) -> SitePage:
    path = f"{inst.id}/"
    status = site.status(site.last).get(inst.id)
    facts = [Fact("Title", inst.title), Fact("Parties", "; ".join(inst.parties))]
    if inst.dated:
        facts.append(Fact("Date", long_date(inst.dated)))
    if status is not None:
        facts.append(Fact("Status", status_words(status, site.naming)[0]))
    provisions = tuple(
        Item(Link(relative(path, provision_path(inst.id, p.id)), inst.pin_cite(p.id)), p.heading or "")
        for p in inst.provisions_in_order
    )
    sources = tuple(
        Item(Link(r.url, r.title) if r.url else None, r.title if not r.url else f"{r.id}, {r.reliability}")
        for r in source_rows(inst)
    )
    sections = [Section("provisions", w.PROVISIONS, provisions, "" if provisions else w.NO_PROVISIONS)]
    if sources:
        sections.append(Section("sources", w.SOURCES, sources))
    based_on = [s.url for s in inst.sources if s.url]
    return _page(
        site,
        path,
        inst.title,
        inst.summary or inst.title,
        legislation(site, inst, f"/{path}", inst.title, based_on=based_on),
        [("", w.HOME)],
        lead=inst.summary or "",
        facts=tuple(facts),
        sections=tuple(sections),
    )


def _provision_page(site: _Site, inst: Instrument, prov: Provision) -> SitePage:
    path = provision_path(inst.id, prov.id)
    cite = inst.pin_cite(prov.id)
    versions = site.versions(inst.id, prov.id)
    items = tuple(
        Item(Link(relative(path, version_path(inst.id, prov.id, d)), w.version_link(long_date(d), n > 0)))
        for n, d in enumerate(versions)
    )
    sections = (Section("versions", w.VERSIONS, items, "" if len(items) > 1 else w.NO_CHANGES),)
    return _page(
        site,
        path,
        cite,
        f"{cite}: {w.AS_RECORDED.lower()} and as it stood on each date it changed.",
        legislation(site, inst, f"/{path}", cite, prov, based_on=[f"/{inst.id}/"]),
        [("", w.HOME), (f"{inst.id}/", inst.short_title)],
        # The wording as recorded, told above it what later changed it (as the reports do), so the
        # recorded words are never shown as the whole text in force.
        block=replace(
            provision_block(inst, prov, None, None, site.names),
            amended=amendment_notice(site.corpus, inst, prov, versions[-1]) if len(versions) > 1 else None,
        ),
        sections=sections,
    )


def _wording(inst: Instrument, text: ConsolidatedText, naming: Naming) -> Wording:
    kind = "paraphrase" if isinstance(text.base, Paraphrase) else "text"
    label = f"{language_name(text.language)} {kind}"
    if not text.amended:
        return Wording(label, text.language, passage(text.base, inst))
    line, notes = inline(text)
    return Wording(
        label, text.language, None, line, tuple(f"[{n}] {passage_note(p, naming)}" for n, p in enumerate(notes, 1))
    )


def _version_page(site: _Site, inst: Instrument, prov: Provision, day: dt.date) -> SitePage:
    path = version_path(inst.id, prov.id, day)
    cp: ConsolidatedProvision = consolidated_provision(site.corpus, inst.id, prov.id, day).provisions[0]
    cite = inst.pin_cite(prov.id)
    title = w.version_title(cite, long_date(day))
    based = [f"/{provision_path(inst.id, prov.id)}", *(f"/{m.instrument}/" for m in cp.changes)]
    return _page(
        site,
        path,
        title,
        title + ".",
        legislation(site, inst, f"/{path}", title, prov, day, list(dict.fromkeys(based))),
        [("", w.HOME), (f"{inst.id}/", inst.short_title), (provision_path(inst.id, prov.id), cite)],
        heading=in_force_heading(cp, site.naming),
        warning=incomplete_warning(cp),
        wording=tuple(_wording(inst, t, site.naming) for t in cp.texts),
    )


def _topic_page(site: _Site, thread: TopicThread) -> SitePage:
    path = f"topics/{thread.topic}/"
    items = tuple(
        Item(
            Link(relative(path, f"dates/{s.since.isoformat()}/"), long_date(s.since)),
            "; ".join(graded_change_text(c, site.naming) for c in s.changes)
            + "".join(f"; {cause_text(c)}" for c in s.causes),
        )
        for s in thread.steps
    )
    title = w.topic_title(thread.title)
    parts = sorted({c.instrument for s in thread.steps for c in s.causes})
    return _page(
        site,
        path,
        title,
        f"{thread.title}: how the position changed, date by date.",
        {
            "@type": "CollectionPage",
            "@id": f"/{path}",
            "name": title,
            "inLanguage": "en",
            "hasPart": [{"@type": "Legislation", "@id": f"/{i}/", "name": site.names[i]} for i in parts],
        },
        [("", w.HOME)],
        sections=(Section("steps", w.WHAT_CHANGED, items),),
    )


def _date_page(site: _Site, day: dt.date) -> SitePage:
    path = f"dates/{day.isoformat()}/"
    sections = []
    cited: dict[tuple[str, str], None] = {}
    for thread in site.threads:
        steps = [s for s in thread.steps if s.since == day]
        if not steps:
            continue
        items = []
        for s in steps:
            items.append(Item(None, "; ".join(graded_change_text(c, site.naming) for c in s.changes)))
            for c in s.causes:
                items.append(Item(Link(relative(path, f"{c.instrument}/"), c.short_title), cause_text(c, "it")))
                inst = site.corpus.instrument(c.instrument)
                for p in inst.provisions_in_order:
                    if thread.topic in p.topics:
                        cited[(c.instrument, p.id)] = None
        sections.append(Section(f"topic-{thread.topic}", thread.title, tuple(items), ""))
    provisions = []
    for iid, pid in cited:
        then = site.version_on(iid, pid, day)
        if then is not None:
            inst = site.corpus.instrument(iid)
            provisions.append(Item(Link(relative(path, version_path(iid, pid, then)), inst.pin_cite(pid))))
    if provisions:
        sections.append(Section("provisions", w.PROVISIONS_ON_DATE, tuple(provisions)))
    title = w.date_title(long_date(day))
    return _page(
        site,
        path,
        title,
        f"{title}: what changed, topic by topic, and the provisions it rests on.",
        {
            "@type": "CollectionPage",
            "@id": f"/{path}",
            "name": title,
            "inLanguage": "en",
            "datePublished": day.isoformat(),
            "hasPart": [
                {"@type": "Legislation", "@id": f"/{iid}/{pid}/", "name": site.names[iid]} for iid, pid in cited
            ],
        },
        [("", w.HOME)],
        sections=tuple(sections),
    )


def _home_page(site: _Site) -> SitePage:
    status = site.status(site.last)
    instruments = tuple(
        Item(
            Link(relative("", f"{i.id}/"), i.title),
            ", ".join(
                x
                for x in (
                    long_date(i.dated) if i.dated else "",
                    status_words(status[i.id], site.naming)[1] if i.id in status else "",
                )
                if x
            ),
        )
        for i in site.corpus.instruments
    )
    dates = tuple(Item(Link(relative("", f"dates/{d.isoformat()}/"), long_date(d))) for d in site.dates)
    topics = tuple(Item(Link(relative("", f"topics/{t.topic}/"), t.title)) for t in site.threads)
    drawn = analysis(site.corpus, site.last) if site.corpus.instruments else None
    return _page(
        site,
        "",
        w.SITE_TITLE,
        w.SITE_LEAD,
        {
            "@type": "CollectionPage",
            "@id": "/",
            "name": w.SITE_TITLE,
            "inLanguage": "en",
            "hasPart": [{"@type": "Legislation", "@id": f"/{i.id}/", "name": i.title} for i in site.corpus.instruments],
        },
        [],
        lead=w.SITE_LEAD,
        sections=(
            Section("instruments", w.INSTRUMENTS, instruments),
            Section("dates", w.DATES, dates),
            Section("topics", w.TOPICS, topics),
        ),
        chart=chart(drawn) if drawn else None,
        chart_links=tuple(Link(relative("", f"{i.id}/"), i.title) for i in drawn.instruments) if drawn else (),
    )


def _search_page(site: _Site, pages: Sequence[SitePage]) -> tuple[SitePage, tuple[SearchEntry, ...]]:
    path = "search/"
    entries = tuple(SearchEntry(relative(path, p.path), p.meta.title, _search_text(p)) for p in pages)
    page = _page(
        site,
        path,
        w.SEARCH,
        w.SEARCH_LEAD,
        {"@type": "SearchResultsPage", "@id": f"/{path}", "name": w.SEARCH, "inLanguage": "en"},
        [("", w.HOME)],
        lead=w.SEARCH_LEAD,
        sections=(Section("results", w.SEARCH, tuple(Item(Link(e.href, e.title)) for e in entries)),),
        search_script=relative(path, "").removesuffix("index.html") + SEARCH_INDEX,
        search_status=w.SEARCH_STATUS,
    )
    return page, entries


def _search_text(page: SitePage) -> str:
    """The words a page is found by: its description, its provision's texts, its lists."""
    words = [page.meta.description]
    if page.block is not None:
        for q in (*page.block.passages, *(p for c in page.block.columns for p in c.passages)):
            words.append(" ".join(_passage_words(q)))
    for wd in page.wording:
        words.append(wd.line or " ".join(_passage_words(wd.passage)))
    for s in page.sections:
        words.extend(f"{i.link.text if i.link else ''} {i.text}" for i in s.items)
    return " ".join(" ".join(words).split()).lower()


def _passage_words(p: Passage | None) -> list[str]:
    if p is None:
        return []
    paragraphs = getattr(p, "paragraphs", ())
    out: list[str] = []
    for para in paragraphs:
        if isinstance(para, str):
            out.append(para)
        else:
            out.extend(piece.text for piece in para)
    return out


def search_index(entries: Sequence[SearchEntry]) -> str:
    """The search's index as a script that sets one global (a script file, unlike a JSON file fetched, also
    loads from disk): ``[{"h": href, "t": title, "x": words}, …]``."""
    data = [{"h": e.href, "t": e.title.lower(), "x": e.text} for e in entries]
    return "window.LEGALGEN_SEARCH = " + json.dumps(data, ensure_ascii=False, sort_keys=True) + ";\n"


def site_pages(corpus: Corpus) -> tuple[SitePage, ...]:
    """Every page of the site, home first, then each instrument with its provisions and their versions, the
    topics, the dates and the search page (last: it lists all the others)."""
    site = _Site(corpus)
    pages = [_home_page(site)]
    for inst in corpus.instruments:
        pages.append(_instrument_page(site, inst))
        for prov in inst.provisions_in_order:
            pages.append(_provision_page(site, inst, prov))
            for day in site.versions(inst.id, prov.id):
                try:
                    pages.append(_version_page(site, inst, prov, day))
                except UnknownName:
                    continue  # repealed by then: no wording stood
    pages.extend(_topic_page(site, t) for t in site.threads)
    pages.extend(_date_page(site, d) for d in site.dates)
    search, _ = _search_page(site, pages)
    return (*pages, search)


def site_search_index(pages: Sequence[SitePage]) -> str:
    """The search index of ``pages`` (those :func:`site_pages` made before the search page)."""
    return search_index(
        tuple(
            SearchEntry(relative("search/", p.path), p.meta.title, _search_text(p))
            for p in pages
            if p.path != "search/"
        )
    )


__all__ = [
    "LEGAL_FORCE",
    "SEARCH_INDEX",
    "Item",
    "Link",
    "SearchEntry",
    "Section",
    "SitePage",
    "Wording",
    "json_ld",
    "legislation",
    "relative",
    "site_pages",
    "site_search_index",
]
