"""The table of authorities' page lists: each citing page once, in one layout, the same PDF as hiding the
repeats with a stylesheet and laying the document out again (what legalgen did before)."""

from __future__ import annotations

import re
from typing import Any

import pytest
import weasyprint

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


@pytest.fixture(scope="module")
def one_layout() -> tuple[bytes, int]:
    """The PDF and how many times WeasyPrint laid the document out."""
    layouts = []
    original = weasyprint.HTML.render

    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        layouts.append(1)
        return original(self, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(weasyprint.HTML, "render", counted)
        data = html_to_pdf(HTML).data
    return data, len(layouts)


def test_each_citing_page_is_listed_once_in_one_layout(one_layout: tuple[bytes, int]) -> None:
    data, layouts = one_layout
    assert layouts == 1
    texts = pages_text(data)
    marks = {title: page for _, title, page in outline(data)}
    toa, appendix = marks["Table of authorities"], marks["Appendix"]
    lists = re.findall(r"Cited on: ([\d, ]+)", "\n".join(texts[toa - 1 : appendix]))
    assert [line.strip() for line in lists] == ["3, 4", "5, 3", "3, 4, 5", "5"]
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


def test_without_page_references_no_hiding_is_attempted(monkeypatch: pytest.MonkeyPatch) -> None:
    made = []
    monkeypatch.setattr(pdf, "_PageRefHider", lambda: made.append(1))
    html = HTML.replace('class="pageref"', 'class="other"')
    assert html_to_pdf(html).data[:5] == b"%PDF-"
    assert made == []


def test_weasyprint_used_directly_is_left_as_it_is() -> None:
    # legalgen hooks into WeasyPrint's passes only for its own renders: another caller in the same process
    # (here the stylesheet and HTML given to WeasyPrint directly) still gets every reference printed.
    sheet = weasyprint.CSS(string=static_text(pdf.PRINT_STYLESHEET))
    data = weasyprint.HTML(string=HTML).write_pdf(stylesheets=[sheet])
    text = "\n".join(pages_text(data))
    assert "Cited on: 3, 3, 4" in text
