"""Turn a view model into PDF bytes: the only module that imports WeasyPrint.

:func:`render_pdf` takes a template name and a view model (like :func:`legalgen.render.html.render_html`)
and returns a :class:`RenderedPdf`: the finished bytes and what WeasyPrint warned about while laying them
out; nothing is written here (:mod:`legalgen.output` publishes).
:func:`html_to_pdf` does the second half alone, for HTML already rendered in ``pdf`` mode.

What a court and an archive need, and how it is guaranteed:

* **Nothing outside legalgen is read.** :class:`AllowlistFetcher` serves ``data:`` URLs and the files of
  ``legalgen/static/``; any other URL — ``file:///etc/passwd`` in an ``<img>``, a CSS ``url()``, a
  ``<link rel=attachment>``, an ``http://`` address — stops the render with :class:`BlockedResource`
  (reported as :class:`~legalgen.errors.RefusedError`, exit 3). Stylesheets are passed as
  ``CSS(string=…)``, never as URLs, so no WeasyPrint code path builds a fetcher of its own.
* **No silent damage.** Any ERROR that WeasyPrint logs (an image it could not load, a figure without
  alternative text) fails the render with :class:`~legalgen.errors.RenderError` (exit 4). Warnings travel
  with the result (:attr:`RenderedPdf.warnings`), also out of ``legalgen build``'s worker processes, and
  the CLI prints them; the tests require there be none.
* **Same inputs, same bytes.** Dates come from ``<meta name=dcterms.created|modified>`` in the document
  and from the attachments' explicit dates; the file identifier is a hash of the HTML. (Byte identity
  also needs ``libharfbuzz-subset0``, see ``scripts/setup-system``.)
* **Render options in one place**: :data:`RENDER_OPTIONS`, :data:`PDF_A_OPTIONS` and :data:`PDF_UA_OPTIONS`.

**PDF/UA-1** (``pdf_ua=True``): every PDF is already tagged (a structure tree in reading order, headings,
tables with header cells, the chart as a Figure whose ``/Alt`` is the SVG's ``<title>``, ``/Lang`` from
``<html lang>``, ``/DisplayDocTitle``); the variant adds the PDF/UA identification (``pdfuaid:part=1``)
to the XMP metadata. WeasyPrint 70 takes one ``pdf_variant``, so a PDF is PDF/A-3b or PDF/UA-1, not both.

**Footnotes stay on the page of their call.** WeasyPrint 70 sometimes keeps a paragraph's second line
on a full page by moving that page's last footnote to the next page. After each layout the footnote
areas are compared with the calls; where a note went astray, the paragraphs broken across that page
break are kept whole (``widows``) and the document is laid out again.

Page references (``<a class="pageref" data-pagegroup="G" href="#target">`` whose page number the
stylesheet prints with ``target-counter``) are de-duplicated: a reference that points to a page an
earlier reference of its group already lists is hidden, so a table of authorities reads "3, 5" and not
"3, 3, 5". This happens inside the one layout: WeasyPrint lays out the pages holding such references
again once their targets' pages are known, and between its passes :class:`_PageRefHider` takes the
repeats out of its box tree (exactly what ``display: none`` would do: the PDF is byte for byte the one a
second layout with the repeats hidden gives). Put such lists after every target they refer to. Should the
hider not settle — WeasyPrint stopped its passes right after the hider changed the tree, or its internals
raised inside the hider — the hider puts back what it took out and the repeats are hidden with
``display: none`` in a second layout instead.

Example (in the examples ``corpus`` is the corpus of ``treaties/``, ``load_corpus([Path("treaties")])``.)::

    >>> from legalgen.views import brief_view, records_json
    >>> view = brief_view(corpus, "1997-charter", as_of=dt.date(2026, 1, 1), generated=dt.date(2026, 1, 1))
    >>> data, when = records_json(corpus, ["1997-charter"]), dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    >>> pdf = render_pdf("brief.html", view, pdf_a=True,
    ...                  attachments=[PdfAttachment("records.json", data, "the records", when)])  # doctest: +SLOW
    >>> pdf.data[:5], pdf.warnings
    (b'%PDF-', ())
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import mimetypes
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import weasyprint.layout
from weasyprint import CSS, HTML, Attachment
from weasyprint.formatting_structure.boxes import BlockBox, FootnoteAreaBox, InlineBox, LineBox, TextBox
from weasyprint.logger import LOGGER
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from legalgen.errors import RefusedError, RenderError
from legalgen.render.html import missing_file, render_html, static_text

#: The WeasyPrint options every legalgen PDF is rendered with.
RENDER_OPTIONS: dict[str, Any] = {
    "pdf_tags": True,  # tagged PDF: reading order, headings, tables, the chart's alternative text
    "presentational_hints": False,  # only our stylesheet styles the document (CVE-2026-49452)
    # Only the <meta> tags of _base.html reach the file; the one that is not standard is legalgen's
    # provenance (document information entry `legalgenprovenance`, see legalgen.provenance).
    "custom_metadata": True,
    "optimize_images": False,
    "full_fonts": False,  # embed subsets; libharfbuzz-subset0 keeps them byte-identical
    "hinting": False,
    "uncompressed_pdf": False,
}

#: Added for ``--pdf-a``: PDF/A-3b, which allows the records to travel inside the file.
PDF_A_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/a-3b"}

#: Added for ``--pdf-ua``: PDF/UA-1 (ISO 14289-1), the accessible PDF. Exclusive with :data:`PDF_A_OPTIONS`:
#: WeasyPrint 70 renders one ``pdf_variant`` at a time.
PDF_UA_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1"}

#: The stylesheet given to WeasyPrint (from ``legalgen/static/``).
PRINT_STYLESHEET = "print.css"

#: The font families a PDF is set in: PT Serif and PT Sans (Debian ``fonts-paratype``), found through
#: fontconfig and embedded as subsets. If neither is embedded, the fonts are not installed and fontconfig
#: replaced them: the render fails rather than change the typeface. A record may hold a character these
#: families lack (an arrow, a script they do not cover): fontconfig sets that character in another font,
#: which is a warning naming the font, not a failure — the text is still all there.
FONT_FAMILIES = frozenset({"PT Serif", "PT Sans"})

#: The fallback for the few glyphs PT Serif and PT Sans lack (the arrow of "art. 1 → art. 6", some scripts):
#: DejaVu (Debian ``fonts-dejavu-core``, installed by ``scripts/setup-system`` for this). Any other
#: family embedded is a warning naming it.
FALLBACK_FAMILIES = frozenset({"DejaVu Sans", "DejaVu Serif"})

#: How far (in CSS px) a line of a quotation may reach past its box before it counts as cut off.
CLIP_TOLERANCE = 0.5

#: How many times a document is laid out at most to settle footnotes and de-duplicated page references.
MAX_LAYOUTS = 6


class BlockedResource(FatalURLFetchingError):  # type: ignore[misc]
    """The document asked for a resource outside legalgen's own static files; the render stops."""

    def __init__(self, url: str) -> None:
        self.url = url
        super().__init__(url)


@dataclass(frozen=True)
class RenderedPdf:
    """A finished PDF and the warnings WeasyPrint logged while laying it out, each once, in order.

    A warning (a CSS property it ignored, a footnote that left the page of its call) does not stop the
    render but may mean the page does not look as intended; the caller shows it to the user. It is part
    of the result, not module state, so it also reaches the parent of a worker process.
    """

    data: bytes
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class PdfAttachment:
    """A file carried inside the PDF (PDF/A-3 "associated file"), e.g. the records a brief rests on.

    ``when`` is both its creation and modification date: explicit, so the PDF bytes stay the same.
    """

    name: str
    data: bytes
    description: str
    when: dt.datetime
    relationship: str = "Source"


def static_dir() -> Path:
    return Path(str(resources.files("legalgen").joinpath("static")))


class AllowlistFetcher(URLFetcher):  # type: ignore[misc]
    """Serve ``data:`` URLs and legalgen's packaged static files; refuse everything else.

    ``fetched`` lists every URL that was served, ``refused`` every URL that stopped a render.
    """

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False, fail_on_errors=True, timeout=5)
        folder = static_dir().resolve()
        self.allowed = {p.resolve() for p in folder.iterdir() if p.is_file()}
        self.fetched: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            self.fetched.append(url[:40])
            return super().fetch(url, headers)
        if scheme == "file":
            parts = urlsplit(url)
            if not parts.netloc or parts.netloc == "localhost":
                path = Path(url2pathname(parts.path)).resolve()
                if path in self.allowed:
                    self.fetched.append(url)
                    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": kind})
        self.refused.append(url)
        raise BlockedResource(url)


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().strip().splitlines()[0] if record.getMessage().strip() else record.msg
        (self.errors if record.levelno >= logging.ERROR else self.warnings).append(str(message))


@contextmanager
def _watch_weasyprint() -> Iterator[_Collector]:
    """Collect WeasyPrint's log while rendering; the caller fails the render on any error."""
    collector = _Collector()
    level = LOGGER.level
    LOGGER.addHandler(collector)
    LOGGER.setLevel(logging.WARNING)
    try:
        yield collector
    finally:
        LOGGER.removeHandler(collector)
        LOGGER.setLevel(level)


def _walk(box: Any) -> Iterator[Any]:
    stack = [box]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(getattr(current, "children", None) or []))


def _astray_footnotes(document: Any) -> list[int]:
    """Page numbers holding a footnote call whose note is on another page (or on none)."""
    calls: dict[int, tuple[int, Any]] = {}
    notes: dict[int, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for box in _walk(page._page_box):
            if isinstance(box, FootnoteAreaBox):
                for note in box.children:
                    if note.element is not None:
                        notes.setdefault(id(note.element), number)
            elif (note := getattr(box, "footnote", None)) is not None and note.element is not None:
                calls.setdefault(id(note.element), (number, note.element))
    return sorted({page for key, (page, _) in calls.items() if notes.get(key) != page})


def _keep_whole_across(document: Any, page: int) -> int:
    """Keep whole every paragraph broken across the end of ``page``; return how many were changed."""

    def paragraphs(number: int) -> dict[int, Any]:
        if number > len(document.pages):
            return {}
        found = {}
        for box in _walk(document.pages[number - 1]._page_box):
            if box.element is not None and any(isinstance(c, LineBox) for c in getattr(box, "children", ())):
                found[id(box.element)] = box.element
        return found

    here, there = paragraphs(page), paragraphs(page + 1)
    changed = 0
    for key in here.keys() & there.keys():
        element = here[key]
        style = element.get("style") or ""
        if "widows" not in style:
            element.set("style", f"{style};widows:10000".lstrip(";"))
            changed += 1
    return changed


@dataclass(frozen=True)
class _PageRef:
    group: str
    target: str
    element: Any  # the <a class="pageref"> of the parsed document


def _as_pageref(element: Any) -> _PageRef | None:
    """``element`` as a de-duplicated page reference: ``a.pageref`` with a group and an internal target."""
    if element is None or element.tag != "a" or "pageref" not in (element.get("class") or "").split():
        return None
    group, href = element.get("data-pagegroup"), element.get("href") or ""
    return _PageRef(group, href[1:], element) if group is not None and href.startswith("#") else None


def _pagerefs(root: Any) -> list[_PageRef]:
    """Every page reference of the parsed document ``root``, in document order."""
    return [ref for element in root.iter("a") if (ref := _as_pageref(element)) is not None]


def _anchor_pages(document: Any) -> dict[str, int]:
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        for name in page.anchors:
            pages.setdefault(name, number)
    return pages


def _repeated(refs: Sequence[tuple[str, str]], pages: dict[str, int]) -> frozenset[int]:
    """The positions in ``refs`` ((group, target) in document order) of the references whose page an earlier
    reference of the same group already lists: those are hidden, so a list reads "3, 5", not "3, 3, 5"."""
    seen: set[tuple[str, int]] = set()
    hidden: set[int] = set()
    for position, (group, target) in enumerate(refs):
        page = pages.get(target)
        if page is None:
            continue
        if (group, page) in seen:
            hidden.add(position)
        seen.add((group, page))
    return frozenset(hidden)


@dataclass
class _RefBox:
    group: str
    target: str
    box: Any  # the reference's inline box in WeasyPrint's box tree
    parent: Any  # the line box holding it


class _PageRefHider:
    """Hides the repeated page references inside the one layout, between WeasyPrint's own passes.

    WeasyPrint resolves ``target-counter`` by laying out the pages that hold such references again once
    their targets' pages are known (its ``layout_document`` loops until nothing changes). After each of
    its passes over the pages, this takes out of WeasyPrint's box tree the references whose page their
    group already lists — what ``display: none`` would have done — puts back any it took out that no
    longer repeat, and marks the pages that hold a changed reference's paragraph to be laid out again.
    WeasyPrint re-makes those pages (and any page after them whose start moved) in its next pass, which it
    makes anyway to print the page numbers; the pages before them are not laid out again.
    """

    def __init__(self) -> None:
        self.refs: list[_RefBox] | None = None
        self.hidden: frozenset[int] = frozenset()  # positions in refs
        self.built: dict[int, tuple[Any, Any]] = {}  # id(line box) → (line box, its children as built)
        # Whether the last pass ended by changing the box tree: WeasyPrint stops after a fixed number of
        # passes (8 in 70.x), and if it stops right after such a change, its pages still show the set
        # hidden before — while ``hidden`` holds the new one.
        self.changed_after_last_pass = False
        # What WeasyPrint raised inside the hook (its internals may change in a patch release): the hider
        # then put back what it had taken out and stopped; the render falls back to hiding with a stylesheet.
        self.failed: Exception | None = None

    def settled(self) -> bool:
        """Whether the pages WeasyPrint drew show exactly the references :meth:`hidden_elements` names."""
        return self.refs is not None and self.failed is None and not self.changed_after_last_pass

    def hidden_elements(self) -> set[int]:
        """``id`` of each reference element hidden; ``{-1}`` if the pages drawn may not show what the hider
        hid (it never ran, failed, or changed the box tree after the last pass): it is not settled."""
        if self.refs is None or not self.settled():
            return {-1}
        return {id(self.refs[position].box.element) for position in self.hidden}

    def after_pass(self, context: Any, root_box: Any, pages: list[Any]) -> None:
        if self.failed is not None:
            return
        try:
            self._after_pass(context, root_box, pages)
        except Exception as exc:  # any surprise from WeasyPrint's internals: fall back
            self.failed = exc
            self._restore()

    def _restore(self) -> None:
        """Put back every child taken out of a line box; nothing is hidden any more."""
        for parent, built in self.built.values():
            parent.children = built
        self.built.clear()
        self.hidden = frozenset()

    def _after_pass(self, context: Any, root_box: Any, pages: list[Any]) -> None:
        self.changed_after_last_pass = False
        if self.refs is None:
            self.refs = _ref_boxes(root_box)
        if not self.refs:
            return
        items = context.target_collector.target_lookup_items
        target_pages = {
            ref.target: items[ref.target].page_maker_index + 1
            for ref in self.refs
            if ref.target in items and items[ref.target].page_maker_index is not None
        }
        hidden = _repeated([(ref.group, ref.target) for ref in self.refs], target_pages)
        if hidden == self.hidden:
            return
        # From here on the box tree changes: until a pass lays it out, the pages do not show it.
        self.changed_after_last_pass = True
        changed = [self.refs[position] for position in hidden ^ self.hidden]
        self.hidden = hidden
        gone = {id(self.refs[position].box) for position in hidden}
        for ref in changed:
            parent, built = self.built.setdefault(id(ref.parent), (ref.parent, ref.parent.children))
            parent.children = type(built)(child for child in built if id(child) not in gone)
        # A hidden reference is on no page: find the changed ones by their paragraphs.
        paragraphs = {id(ref.parent.element) for ref in changed}
        for index, page in enumerate(pages):
            if any(id(box.element) in paragraphs for box in page.descendants() if box.element is not None):
                context.page_maker[index][-1]["content_changed"] = True


def _ref_boxes(root_box: Any) -> list[_RefBox]:
    """The page references in WeasyPrint's box tree, in document order, each with the line box holding it."""
    found: list[_RefBox] = []
    stack: list[tuple[Any, Any]] = [(root_box, None)]
    while stack:
        box, parent = stack.pop()
        if (
            isinstance(box, InlineBox)
            and box.element_tag == "a"
            and isinstance(parent, LineBox)
            and (ref := _as_pageref(box.element)) is not None
        ):
            found.append(_RefBox(ref.group, ref.target, box, parent))
            continue
        stack.extend((child, box) for child in reversed(getattr(box, "children", None) or []))
    return found


#: The hider of the render running in this thread (or task), if any; see :func:`_make_all_pages`.
_HIDER: ContextVar[_PageRefHider | None] = ContextVar("legalgen_pageref_hider", default=None)
_weasyprint_make_all_pages = weasyprint.layout.make_all_pages


def _make_all_pages(context: Any, root_box: Any, html: Any, pages: list[Any]) -> Iterator[Any]:
    """WeasyPrint's pass over the pages, then the :class:`_PageRefHider` of the render, if it has one
    (otherwise exactly WeasyPrint's). WeasyPrint's ``layout_document`` decides after it whether to pass again."""
    made = []
    for page in _weasyprint_make_all_pages(context, root_box, html, pages):
        made.append(page)
        yield page
    hider = _HIDER.get()
    if hider is not None:
        hider.after_pass(context, root_box, made)


weasyprint.layout.make_all_pages = _make_all_pages


def _hide_in_tree(refs: Sequence[_PageRef], hidden: frozenset[int], styles: dict[int, str | None]) -> None:
    """Hide the references at the positions ``hidden`` with ``display: none`` on their elements, and show
    the others again (``styles``: the original style attribute of each element changed so far)."""
    for position, ref in enumerate(refs):
        original = styles.setdefault(id(ref.element), ref.element.get("style"))
        if position in hidden:
            ref.element.set("style", f"{original or ''};display:none".lstrip(";"))
        elif original is None:
            ref.element.attrib.pop("style", None)
        else:
            ref.element.set("style", original)


def _quote_text(element: Any) -> str:
    text = " ".join("".join(element.itertext()).split())
    return text if len(text) <= 60 else text[:59] + "…"


def _clipped_quotes(document: Any) -> list[tuple[int, str]]:
    """(page, the quotation's text) of every quotation (``<blockquote>``) with a line that reaches past its
    own box or its page's content box: a token too long to break, which the PDF would cut off."""
    found: list[tuple[int, str]] = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        left, top = page_box.content_box_x(), page_box.content_box_y()
        right, bottom = left + page_box.width, top + page_box.height
        stack: list[tuple[Any, Any]] = [(page_box, None)]
        while stack:
            box, quote = stack.pop()
            if quote is None and isinstance(box, BlockBox) and getattr(box, "element_tag", None) == "blockquote":
                quote = box
            if isinstance(box, TextBox) and quote is not None:
                low = max(left, quote.border_box_x())
                high = min(right, quote.border_box_x() + quote.border_width())
                x, y = box.position_x, box.position_y
                if (
                    x < low - CLIP_TOLERANCE
                    or x + box.width > high + CLIP_TOLERANCE
                    or y + box.height > bottom + CLIP_TOLERANCE
                ):
                    entry = (number, _quote_text(quote.element))
                    if entry not in found:
                        found.append(entry)
                continue
            stack.extend((child, quote) for child in reversed(getattr(box, "children", None) or []))
    return found


def _foreign_fonts(document: Any) -> list[str]:
    """The font families the PDF embeds that are not :data:`FONT_FAMILIES` (fallbacks), sorted."""
    return sorted({font.family for font in document.fonts.values()} - FONT_FAMILIES)


def html_to_pdf(
    html: str,
    *,
    pdf_a: bool = False,
    pdf_ua: bool = False,
    attachments: Sequence[PdfAttachment] = (),
    stylesheet: str = PRINT_STYLESHEET,
) -> RenderedPdf:
    """Lay out ``html`` (rendered in ``pdf`` mode) with the packaged ``stylesheet`` and return the PDF
    (``pdf_a``: PDF/A-3b; ``pdf_ua``: PDF/UA-1; not both)."""
    if pdf_a and pdf_ua:
        raise ValueError("a PDF is PDF/A-3b or PDF/UA-1, not both: WeasyPrint renders one variant at a time")
    fetcher = AllowlistFetcher()
    options = dict(RENDER_OPTIONS)
    options["pdf_identifier"] = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    if pdf_a:
        options.update(PDF_A_OPTIONS)
    if pdf_ua:
        options.update(PDF_UA_OPTIONS)
    files = [
        Attachment(
            string=a.data,
            name=a.name,
            description=a.description,
            created=a.when,
            modified=a.when,
            relationship=a.relationship,
            url_fetcher=fetcher,
        )
        for a in attachments
    ]
    try:
        stylesheet_text = static_text(stylesheet)
    except OSError as exc:
        raise RenderError(
            f"{missing_file(exc)} is missing from the installed legalgen; nothing was written; fix: reinstall legalgen"
        ) from None
    try:
        with _watch_weasyprint() as log:
            # One parsed document; the footnote repair below edits its tree between layouts.
            source = HTML(string=html, base_url=None, url_fetcher=fetcher)
            refs = _pagerefs(source.etree_element)
            # The repeated page references are hidden inside the layout (_PageRefHider). Should that not
            # settle, they are hidden in the document tree and the document laid out again.
            hide_inside, hidden, styles = bool(refs), frozenset[int](), dict[int, str | None]()
            for _ in range(MAX_LAYOUTS):
                fonts = FontConfiguration()
                sheets = [CSS(string=stylesheet_text, font_config=fonts, url_fetcher=fetcher)]
                hider = _PageRefHider() if hide_inside else None
                token = _HIDER.set(hider)
                try:
                    document = source.render(font_config=fonts, stylesheets=sheets, **options)
                finally:
                    _HIDER.reset(token)
                if hider is not None and hider.failed is not None:
                    hide_inside = False  # WeasyPrint's internals were not as expected: hide with a stylesheet
                astray = _astray_footnotes(document)
                if astray and sum(_keep_whole_across(document, page) for page in astray):
                    continue
                if astray:
                    log.warnings.append(f"footnotes on pages {astray} are not on the page of their call")
                if not refs:
                    break
                # Settled when the references this layout repeats are exactly those it hid, and its pages
                # show them hidden (not so if the hider failed or changed the tree after WeasyPrint's last pass).
                repeated = _repeated([(ref.group, ref.target) for ref in refs], _anchor_pages(document))
                if hider is not None and hider.hidden_elements() == {id(refs[p].element) for p in repeated}:
                    break
                if hider is None and repeated == hidden:
                    break
                hide_inside, hidden = False, repeated
                _hide_in_tree(refs, hidden, styles)
            else:
                raise RenderError("the layout did not settle after repeated passes; fix: report this as a bug")
            title = document.metadata.title or "the document"
            clipped = _clipped_quotes(document)
            if clipped:
                page, quote = clipped[0]
                more = f" (and {len(clipped) - 1} more)" if len(clipped) > 1 else ""
                raise RenderError(
                    f"{title}: the quotation “{quote}” on page {page} does not fit its column{more}: a word too "
                    "long to break would be cut off; nothing was written; fix: report this as a bug"
                )
            with warnings.catch_warnings():
                # WeasyPrint 70 leaves its sRGB profile file (PDF/A output intent) for the garbage
                # collector to close; that is its own packaged file, so the warning is noise here.
                warnings.simplefilter("ignore", ResourceWarning)
                pdf: bytes = document.write_pdf(attachments=files or None, **options)
            foreign = _foreign_fonts(document)
            embedded = {font.family for font in document.fonts.values()}
            if foreign and not embedded >= FONT_FAMILIES:
                raise RenderError(
                    f"{title}: the font {', '.join(foreign)} would replace {' and '.join(sorted(FONT_FAMILIES))}, "
                    "which is not installed; nothing was written; fix: install fonts-paratype (scripts/setup-system)"
                )
            foreign = [f for f in foreign if f not in FALLBACK_FAMILIES]
            if foreign:
                log.warnings.append(
                    f"characters that {' and '.join(sorted(FONT_FAMILIES))} lack are set in {', '.join(foreign)}"
                )
    except BlockedResource:
        pass  # reported below, like a refusal WeasyPrint caught and logged (it does so inside SVG)
    except (RuntimeError, OSError, ValueError) as exc:
        raise RenderError(
            f"WeasyPrint could not write the PDF ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}); "
            "nothing was written; fix: run again with --debug and report this as a bug"
        ) from exc
    if fetcher.refused:
        raise RefusedError(
            f"the document asks for {fetcher.refused[0][:120]!r}; refused: a PDF may use only legalgen's own "
            "files; fix: remove the reference from the record"
        )
    if log.errors:
        raise RenderError(f"WeasyPrint: {log.errors[0]} ({len(log.errors)} errors); nothing was written")
    # Each layout pass parses the stylesheet again and repeats its warnings: report each once.
    return RenderedPdf(pdf, tuple(dict.fromkeys(log.warnings)))


def render_pdf(
    template: str,
    view: Any,
    *,
    pdf_a: bool = False,
    pdf_ua: bool = False,
    attachments: Sequence[PdfAttachment] = (),
    provenance: str = "",
) -> RenderedPdf:
    """Render ``template`` with ``view`` into a PDF (``--pdf-a``: PDF/A-3b with ``attachments``;
    ``--pdf-ua``: PDF/UA-1);
    ``provenance`` (:mod:`legalgen.provenance`) becomes the document information entry ``legalgenprovenance``.

    >>> view = legalgen.brief_view(corpus, "1999-union-state", as_of=dt.date(2025, 1, 1), generated=dt.date(2025, 1, 1))
    >>> render_pdf("brief.html", view).data[:5]
    b'%PDF-'
    """
    html = render_html(template, view, mode="pdf", provenance=provenance)
    return html_to_pdf(html, pdf_a=pdf_a, pdf_ua=pdf_ua, attachments=attachments)


__all__ = [
    "PDF_A_OPTIONS",
    "PDF_UA_OPTIONS",
    "RENDER_OPTIONS",
    "AllowlistFetcher",
    "BlockedResource",
    "PdfAttachment",
    "RenderedPdf",
    "html_to_pdf",
    "render_pdf",
]
