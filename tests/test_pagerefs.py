"""The table of authorities' page lists: each citing page once, in one layout, the same PDF as hiding the
repeats with a stylesheet and laying the document out again (what legalgen did before)."""

from __future__ import annotations

import hashlib
import re
from typing import Any

import pytest
import weasyprint
import weasyprint.document
from weasyprint.text.fonts import FontConfiguration

import legalgen.render.pdf as pdf
from legalgen.render.html import static_text
from legalgen.render.pdf import html_to_pdf

from .pdfread import internal_links, outline, pages_text

pytestmark = pytest.mark.slow  # each test lays out a PDF


def refs(group: str, targets: list[str]) -> str:
    return "".join(f'<a class="pageref" data-pagegroup="{group}" href="#{t}"></a>' for t in targets)


# A title page, the contents, five citations on pages 3-5, then a table of authorities whose third list,
# with every repeat shown, runs onto a 7th page: hiding the repeats brings the appendix after it back to
# page 6, and the contents (page 2) and "Page X of Y" must follow. The last list cites a target another
# group repeats: it is still listed.
LONG = ["c1", "c2", "c3", "c4", "c5"] * 500
HTML = f"""<!DOCTYPE html><html lang="en"><head><title>Authorities</title></head><body>
<h1 class="doc-title">Authorities</h1>
<nav class="toc"><ul><li><a href="#toa">Table of authorities</a></li><li><a href="#appendix">Appendix</a></li></ul></nav>
<div style="break-before: page"><h2>One</h2><p id="c1">First citation.</p><p id="c2">Second citation.</p></div>
<div style="break-before: page"><h2>Two</h2><p id="c3">Third citation.</p></div>
<div style="break-before: page"><h2>Three</h2><p id="c4">Fourth citation.</p><p id="c5">Fifth citation.</p></div>
<section style="break-before: page"><h2 id="toa">Table of authorities</h2>
<p class="toa-pages">Cited on: {refs("a", ["c1", "c2", "c3"])}</p>
<p class="toa-pages">Cited on: {refs("b", ["c4", "c5", "c1"])}</p>
<p class="toa-pages">Cited on: {refs("c", LONG)}</p>
<p class="toa-pages">Cited on: {refs("d", ["c5"])}</p>
</section>
<h2 id="appendix">Appendix</h2><p>The end.</p>
</body></html>"""


def counted_render(html: str) -> tuple[bytes, int]:
    """The PDF of ``html`` and how many times WeasyPrint laid the document out."""
    layouts = []
    original = weasyprint.HTML.render

    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        layouts.append(1)
        return original(self, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(weasyprint.HTML, "render", counted)
        data = html_to_pdf(html).data
    return data, len(layouts)


def toa_lists(data: bytes) -> list[str]:
    """The page lists of the table of authorities, as the PDF's text shows them."""
    texts = pages_text(data)
    marks = {title: page for _, title, page in outline(data)}
    toa, appendix = marks["Table of authorities"], marks["Appendix"]
    return [line.strip() for line in re.findall(r"Cited on: ([\d, ]+)", "\n".join(texts[toa - 1 : appendix]))]


@pytest.fixture(scope="module")
def one_layout() -> tuple[bytes, int]:
    """The PDF and how many times WeasyPrint laid the document out."""
    return counted_render(HTML)


def test_each_citing_page_is_listed_once_in_one_layout(one_layout: tuple[bytes, int]) -> None:
    data, layouts = one_layout
    assert layouts == 1
    texts = pages_text(data)
    marks = {title: page for _, title, page in outline(data)}
    toa, appendix = marks["Table of authorities"], marks["Appendix"]
    assert toa_lists(data) == ["3, 4", "5, 3", "3, 4, 5", "5"]
    # the numbers are links to those pages, and the appendix follows the shortened table
    assert set(internal_links(data, toa)) == {3, 4, 5}
    assert (toa, appendix, len(texts)) == (6, 6, 6)
    assert re.search(r"Appendix[ .]*6\s*$", texts[1], re.MULTILINE)  # the contents give its final page
    assert all(f"Page {i} of 6" in text for i, text in enumerate(texts, start=1))


def test_same_pdf_as_hiding_the_repeats_with_a_stylesheet(
    one_layout: tuple[bytes, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # With the in-layout hiding switched off, html_to_pdf finds the first layout repeating pages and falls
    # back to hiding them in the document tree (display: none) and a second layout: the same bytes.
    monkeypatch.setattr(pdf._PageRefHider, "after_pass", lambda self, context, root_box, pages: None)
    assert html_to_pdf(HTML).data == one_layout[0]


def test_weasyprint_stopping_right_after_the_hider_changed_the_tree_falls_back(
    one_layout: tuple[bytes, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    # WeasyPrint gives up after a fixed number of passes (layout_document's max_loops, 8 in 70.x). The hider
    # hides the repeats after the first pass; if WeasyPrint stops there, its pages still print every
    # reference. Stopping the first layout after that one pass: html_to_pdf must see that its pages do not
    # show what was hidden and lay the document out again with the repeats hidden by the stylesheet.
    original = weasyprint.document.layout_document
    calls = []

    def stops_early(html: Any, root_box: Any, context: Any, max_loops: int = 8) -> Any:
        calls.append(1)
        return original(html, root_box, context, max_loops=1 if len(calls) == 1 else max_loops)

    monkeypatch.setattr(weasyprint.document, "layout_document", stops_early)
    data, layouts = counted_render(HTML)
    assert toa_lists(data) == ["3, 4", "5, 3", "3, 4, 5", "5"]
    assert layouts == 2
    assert data == one_layout[0]


class RenamedLookup(dict[str, Any]):
    """WeasyPrint's table of targets as a patch release might change it: looking an entry up raises."""

    def __getitem__(self, key: str) -> Any:
        raise KeyError(key)


@pytest.mark.parametrize("failing_pass", [1, 2])
def test_weasyprint_internals_raising_in_the_hider_fall_back(
    one_layout: tuple[bytes, int], monkeypatch: pytest.MonkeyPatch, failing_pass: int
) -> None:
    # The hider reads WeasyPrint internals, which a 70.x patch release may change. Raising before the hider
    # changed anything (pass 1) or after it took the repeats out of the box tree (pass 2), the render must
    # not crash: it hides the repeats with the stylesheet in a second layout and gives that PDF.
    passes = []
    original = pdf._weasyprint_make_all_pages

    def weasyprint_pass(context: Any, root_box: Any, html: Any, pages: list[Any]) -> Any:
        passes.append(1)
        yield from original(context, root_box, html, pages)
        if len(passes) == failing_pass:  # WeasyPrint itself uses only .get() on this table
            collector = context.target_collector
            collector.target_lookup_items = RenamedLookup(collector.target_lookup_items)

    monkeypatch.setattr(pdf, "_weasyprint_make_all_pages", weasyprint_pass)
    data, layouts = counted_render(HTML)
    assert toa_lists(data) == ["3, 4", "5, 3", "3, 4, 5", "5"]
    assert layouts == 2
    assert data == one_layout[0]


@pytest.mark.parametrize(
    "html",
    [HTML.replace('class="pageref"', 'class="other"'), re.sub(r' data-pagegroup="\w+"', "", HTML)],
    ids=["no page references", "references without a group"],
)
def test_without_grouped_page_references_the_pdf_is_weasyprints_own(html: str) -> None:
    # Nothing to de-duplicate: one layout, and the PDF is the one WeasyPrint alone makes of the same HTML
    # with legalgen's stylesheet and options (references without a group print every page, "3, 3, 4").
    data, layouts = counted_render(html)
    assert layouts == 1
    options = dict(pdf.RENDER_OPTIONS)
    options["pdf_identifier"] = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    fonts = FontConfiguration()
    sheet = weasyprint.CSS(string=static_text(pdf.PRINT_STYLESHEET), font_config=fonts)
    plain = weasyprint.HTML(string=html, base_url=None, url_fetcher=pdf.AllowlistFetcher())
    assert data == plain.write_pdf(stylesheets=[sheet], font_config=fonts, **options)


def test_weasyprint_used_directly_is_left_as_it_is() -> None:
    # legalgen hooks into WeasyPrint's passes only for its own renders: another caller in the same process
    # (here the stylesheet and HTML given to WeasyPrint directly) still gets every reference printed.
    sheet = weasyprint.CSS(string=static_text(pdf.PRINT_STYLESHEET))
    data = weasyprint.HTML(string=HTML).write_pdf(stylesheets=[sheet])
    text = "\n".join(pages_text(data))
    assert "Cited on: 3, 3, 4" in text
