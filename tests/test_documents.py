"""The report and the brief as their readers meet them: PDF text, outline, links, footnotes, metadata,
attachments and page images — never compared with a stored PDF."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from legalgen.build import brief_document, report_document
from legalgen.records import Corpus, Instrument, load_corpus
from legalgen.render.html import render_html
from legalgen.views import BriefView, ReportView, brief_view, report_view

from .conftest import TOPICS, dump_yaml, rich_records
from .pdfread import footnote_pages, internal_links, outline, pages_text, png_pages, squash

pytestmark = pytest.mark.slow  # every test reads the PDFs rendered once per module

DAY = dt.date(2026, 1, 1)


@dataclass
class Rendered:
    corpus: Corpus
    report: ReportView
    report_pdf: bytes
    brief: BriefView
    brief_pdf: bytes
    warnings: list[str]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    folder = tmp_path_factory.mktemp("rich")
    (folder / "topics.yaml").write_text(dump_yaml(TOPICS), encoding="utf-8")
    for rec in rich_records():
        (folder / f"{rec['id']}.yaml").write_text(dump_yaml(rec), encoding="utf-8")
    corpus = load_corpus([folder])
    report = report_document(corpus, as_of=DAY, generated=DAY, pdf_a=True)
    brief = brief_document(corpus, "1999-union-state", as_of=DAY, generated=DAY, pdf_a=True)
    report_pdf, brief_pdf = report.data, brief.data
    warnings = [*report.warnings, *brief.warnings]
    return Rendered(
        corpus=corpus,
        report=report_view(corpus, as_of=DAY, generated=DAY),
        report_pdf=report_pdf,
        brief=brief_view(corpus, "1999-union-state", as_of=DAY, generated=DAY),
        brief_pdf=brief_pdf,
        warnings=warnings,
    )


def test_weasyprint_has_nothing_to_warn_about(rendered: Rendered) -> None:
    # unsupported CSS in our stylesheet, a footnote it could not keep with its call: all would show here
    assert rendered.warnings == []


def test_every_page_says_page_x_of_y_and_carries_the_title(rendered: Rendered) -> None:
    texts = pages_text(rendered.report_pdf)
    n = len(texts)
    assert n >= 8
    for i, text in enumerate(texts, start=1):
        assert f"Page {i} of {n}" in text
        if i > 1:
            assert "Timeline report: Positions over time" in text  # the running header
    assert "Timeline report: Positions over time" in texts[0]
    assert "Каждая из Сторон защищает права своих граждан." in "".join(texts)  # Cyrillic, extractable


def test_outline_and_contents_agree_with_the_pages(rendered: Rendered) -> None:
    marks = outline(rendered.report_pdf)
    top = {title: page for level, title, page in marks if level == 1}
    for title in (
        "Contents",
        "Executive summary",
        "The positions at a glance",
        "Timeline",
        "Citizenship",
        "Electoral rights",
        "Table of authorities",
        "Appendix A. Sources and their reliability",
        "Appendix B. What is still unverified",
    ):
        assert title in top, title
    assert any(level == 2 and "Charter of the Union (1997)" in title for level, title, _ in marks)
    contents = pages_text(rendered.report_pdf)[top["Contents"] - 1]
    for entry in rendered.report.contents:
        m = re.search(re.escape(entry.title) + r"[ .]*?(\d+)\s*$", contents, re.MULTILINE)
        assert m, entry.title
        assert int(m.group(1)) == top[entry.title], entry.title
    links = internal_links(rendered.report_pdf, top["Contents"])
    assert sorted(set(links)) == sorted({top[e.title] for e in rendered.report.contents} | set(links))
    assert len(links) >= len(rendered.report.contents)


def test_table_of_authorities_gives_each_citing_page_once(rendered: Rendered) -> None:
    top = {title: page for level, title, page in outline(rendered.report_pdf) if level == 1}
    first, last = top["Table of authorities"], top["Appendix A. Sources and their reliability"] - 1
    texts = pages_text(rendered.report_pdf)
    printed: list[int] = []
    for page in range(first, last + 1):
        for line in re.findall(r"Cited on: ([\d, ]+)", texts[page - 1]):
            numbers = [int(x) for x in line.replace(" ", "").split(",") if x]
            assert numbers == sorted(set(numbers)), line  # ascending, no page twice
            printed += numbers
    linked = {p for page in range(first, last + 1) for p in internal_links(rendered.report_pdf, page)}
    assert printed and set(printed) == linked  # each printed number is a link to that very page
    assert all(p < first for p in printed)
    # each instrument is listed, with its full citation
    joined = squash("".join(texts[first - 1 : last]))
    for authority in rendered.report.authorities:
        assert squash(authority.citation)[:60] in joined


def test_long_tables_repeat_their_header_on_every_page(rendered: Rendered) -> None:
    texts = [squash(t) for t in pages_text(rendered.report_pdf)]
    start = next(i for i, t in enumerate(texts) if "1.ГражданеСоюзного" in t)
    end = next(i for i, t in enumerate(texts) if "25.ГражданеСоюзного" in t)
    assert end > start, "the long article should run over more than one page"
    for i in range(start, end + 1):
        assert "RussianEnglish" in texts[i], f"page {i + 1} continues the table without its header"


def test_the_chart_reaches_the_tagged_pdf_with_its_alternative_text(rendered: Rendered) -> None:
    with pikepdf.open(__import__("io").BytesIO(rendered.report_pdf)) as pdf:
        alts = []
        stack = [pdf.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Dictionary):
                if node.get("/S") == "/Figure" and "/Alt" in node:
                    alts.append(str(node.Alt))
                kids = node.get("/K")
                if kids is not None:
                    stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids])
            elif isinstance(node, pikepdf.Array):
                stack.extend(node)
    assert rendered.report.chart.title in alts


def test_metadata_language_and_embedded_fonts(rendered: Rendered) -> None:
    with pikepdf.open(__import__("io").BytesIO(rendered.report_pdf)) as pdf:
        info = pdf.docinfo
        assert str(info.Title) == "Timeline report: Positions over time"
        assert str(info.Author) == "legalgen"
        assert "Citizenship" in str(info.Keywords) and "as of 1 January 2026" in str(info.Subject)
        assert str(info.CreationDate).startswith("D:20260101")
        assert str(pdf.Root.Lang) == "en"
        fonts = {}
        for page in pdf.pages:
            for font in (page.Resources.get("/Font") or {}).values():
                fonts[str(font.BaseFont)] = font
        families = {name.split("+", 1)[-1] for name in fonts}
        assert {"PT-Serif", "PT-Serif-Bold", "PT-Serif-Italic", "PT-Sans", "PT-Sans-Bold"} <= families
        assert all(f.startswith("PT-") for f in families), f"a fallback font slipped in: {families}"
        for name, font in fonts.items():
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), f"{name} is not embedded"


def test_pdf_a_carries_the_records_it_was_made_from(rendered: Rendered, tmp_path: Path) -> None:
    for pdf_bytes, ids in (
        (rendered.brief_pdf, ["1999-union-state"]),
        (rendered.report_pdf, list(rendered.corpus.ids)),
    ):
        with pikepdf.open(__import__("io").BytesIO(pdf_bytes)) as pdf:
            assert pdf.open_metadata().pdfa_status == "3B"
            assert len(pdf.attachments) == 1
            ((name, spec),) = pdf.attachments.items()
            assert name.endswith("-records.json")
            data = json.loads(spec.get_file().read_bytes())
        assert [i["id"] for i in data["instruments"]] == ids
        for record in data["instruments"]:
            assert Instrument.model_validate_json(json.dumps(record)).id == record["id"]
        assert [t["id"] for t in data["topics"]["topics"]] == ["citizenship", "electoral-rights"]
    if shutil.which("qpdf"):
        for i, pdf_bytes in enumerate((rendered.brief_pdf, rendered.report_pdf)):
            path = tmp_path / f"{i}.pdf"
            path.write_bytes(pdf_bytes)
            proc = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, check=False)
            assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_footnote_is_printed_on_the_page_of_its_call(rendered: Rendered) -> None:
    html = render_html("brief.html", rendered.brief, mode="pdf")
    in_html = html.count('<span class="fn"')
    placed = footnote_pages(rendered.brief_pdf, rendered.brief)
    assert in_html == len(placed) == len(rendered.brief.notes) >= 5
    for number, call_page, note_page in placed:
        assert call_page is not None, f"call of note {number} not found"
        assert note_page == call_page, f"note {number}: called on page {call_page}, printed on {note_page}"


def test_pages_look_like_pages(rendered: Rendered, tmp_path: Path) -> None:
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed; run scripts/setup-system --test")
    images = png_pages(rendered.report_pdf, tmp_path)
    assert len(images) == len(pages_text(rendered.report_pdf))
    margin = int(60 * 18 / 25.4)  # the outer 18 mm of the 20 mm margins stay white: nothing overflows
    for path in images:
        with Image.open(path) as im:
            grey = im.convert("L")
            w, h = grey.size
            assert grey.getextrema()[0] < 200, f"{path.name} is blank"
            for box in ((0, 0, margin, h), (w - margin, 0, w, h)):
                assert grey.crop(box).getextrema()[0] > 235, f"{path.name}: something runs into the margin"
