"""``--pdf-ua``: the report and a brief as PDF/UA-1, checked the way an accessibility checker starts —
the catalog, the XMP identification and the structure tree, read with pikepdf (text through pypdf).

What this does not check (it needs veraPDF or PAC, neither installable here): the full Matterhorn
protocol, e.g. role maps, font and Unicode mapping rules, the semantic fit of each tag.
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import io
import itertools
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from legalgen.cli import cli
from legalgen.records import load_corpus
from legalgen.render.html import render_html
from legalgen.views import brief_view, report_view

from .pdfread import squash

ROOT = Path(__file__).resolve().parent.parent
TREATIES = ROOT / "treaties"
EPOCH = "1767225600"  # 2026-01-01
DAY = dt.date(2026, 1, 1)
BRIEF = "1999-union-state"

#: The @page margin boxes of legalgen/static/print.css with content: running title, chapter, "page X of Y"
#: (the first page shows only the last). WeasyPrint 70 marks their text with an MCID whose structure
#: element it keeps out of the tree (it would be an Artifact, which it writes only in PDF 2.0).
MARGIN_BOXES, MARGIN_BOXES_FIRST_PAGE = 3, 1

SHOW_TEXT = {"Tj", "TJ", "'", '"'}
DRAW = SHOW_TEXT | {"Do", "INLINE IMAGE"}


def run(*args: str) -> Any:
    return CliRunner(env={"SOURCE_DATE_EPOCH": EPOCH}).invoke(cli, [*args, "--corpus", str(TREATIES)])


# --------------------------------------------------------------------------- usage (fast)


def test_pdf_a_and_pdf_ua_together_is_a_usage_error(tmp_path: Path) -> None:
    result = run("brief", BRIEF, "--pdf-a", "--pdf-ua", "-o", str(tmp_path / "b.pdf"))
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (
        "Error: --pdf-a and --pdf-ua cannot be combined (WeasyPrint writes one PDF variant); choose one"
    )
    assert not (tmp_path / "b.pdf").exists()


@pytest.mark.parametrize("extra", [["--format", "html"], ["--embed"]])
def test_pdf_ua_applies_to_pdf_only(tmp_path: Path, extra: list[str]) -> None:
    result = run("report", "--pdf-ua", *extra, "-o", str(tmp_path / "r.html"))
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == (
        "Error: --pdf-ua applies to PDF output; drop --format html / --embed"
    )


# --------------------------------------------------------------------------- the PDFs (slow)


@dataclass
class Doc:
    pdf: bytes
    html: str
    title: str
    lang: str


@dataclass
class Docs:
    brief: Doc
    report: Doc
    chart_title: str
    brief_again: bytes
    brief_pdf_a: bytes


def _cli_pdf(tmp: Path, name: str, *args: str) -> bytes:
    result = run(*args, "-o", str(tmp / name))
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    return (tmp / name).read_bytes()


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Docs:
    tmp = tmp_path_factory.mktemp("pdfua")
    corpus = load_corpus([TREATIES])
    bview = brief_view(corpus, BRIEF, as_of=DAY, generated=DAY)
    rview = report_view(corpus, as_of=DAY, generated=DAY)
    return Docs(
        brief=Doc(
            _cli_pdf(tmp, "b1.pdf", "brief", BRIEF, "--pdf-ua"),
            render_html("brief.html", bview, mode="pdf"),
            bview.meta.title,
            bview.meta.lang,
        ),
        report=Doc(
            _cli_pdf(tmp, "r.pdf", "report", "--pdf-ua"),
            render_html("report.html", rview, mode="pdf"),
            rview.meta.title,
            rview.meta.lang,
        ),
        chart_title=rview.chart.title,
        brief_again=_cli_pdf(tmp, "b2.pdf", "brief", BRIEF, "--pdf-ua"),
        brief_pdf_a=_cli_pdf(tmp, "b3.pdf", "brief", BRIEF, "--pdf-a"),
    )


def _open(pdf: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(pdf))


def _kids(node: pikepdf.Object) -> list[pikepdf.Object]:
    k = node.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def _elements(node: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    """The structure elements under ``node``, depth first in document (reading) order."""
    for kid in _kids(node):
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR" and "/S" in kid:
            yield kid
            yield from _elements(kid)


def _mcids(node: pikepdf.Object) -> Iterator[tuple[int, int]]:
    """(page object number, MCID) of the marked content under ``node``, in order."""
    page = node.get("/Pg")
    for kid in _kids(node):
        if isinstance(kid, int) or (isinstance(kid, pikepdf.Object) and kid._type_code == pikepdf.ObjectType.integer):
            assert page is not None
            yield page.objgen[0], int(kid)
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield from _mcids(kid)


def _mcid_text(pdf: bytes) -> dict[tuple[int, int], str]:
    """The text of each marked content sequence, by (page object number, MCID), read with pypdf."""
    reader = PdfReader(io.BytesIO(pdf))
    found: dict[tuple[int, int], str] = defaultdict(str)
    for page in reader.pages:
        number = page.indirect_reference.idnum if page.indirect_reference else -1
        stack: list[int | None] = []

        def before(op: bytes, args: Any, cm: Any, tm: Any, stack: list[int | None] = stack) -> None:
            if op == b"BDC":
                props = args[1]
                stack.append(int(props["/MCID"]) if hasattr(props, "get") and "/MCID" in props else None)
            elif op == b"BMC":
                stack.append(None)
            elif op == b"EMC":
                stack.pop()

        def text(
            t: str, cm: Any, tm: Any, font: Any, size: Any, stack: list[int | None] = stack, n: int = number
        ) -> None:
            marked = [m for m in stack if m is not None]
            if marked:
                found[(n, marked[-1])] += t

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return found


def _html_headings(html: str) -> list[tuple[int, str]]:
    body = html.split("<body", 1)[1]
    return [
        (int(level), squash(htmllib.unescape(re.sub(r"<[^>]+>", "", inner))))
        for level, inner in re.findall(r"<h([1-6])\b[^>]*>(.*?)</h\1>", body, flags=re.S)
    ]


def _xmp(pdf: pikepdf.Pdf) -> dict[str, Any]:
    with pdf.open_metadata() as meta:
        return dict(meta.items())


PDFUAID = "{http://www.aiim.org/pdfua/ns/id/}part"
PDFAID = "{http://www.aiim.org/pdfa/ns/id/}part"


@pytest.mark.slow
@pytest.mark.parametrize("which", ["brief", "report"])
def test_identified_as_pdf_ua_1_with_language_and_title(docs: Docs, which: str) -> None:
    doc: Doc = getattr(docs, which)
    with _open(doc.pdf) as pdf:
        xmp = _xmp(pdf)
        assert xmp.get(PDFUAID) == "1"
        assert PDFAID not in xmp  # not also claiming PDF/A
        assert pdf.pdf_version == "1.7"
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == doc.lang == "en"
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert str(pdf.docinfo.Title) == doc.title
        assert xmp["{http://purl.org/dc/elements/1.1/}title"] == doc.title
        assert "/StructTreeRoot" in root


@pytest.mark.slow
@pytest.mark.parametrize("which", ["brief", "report"])
def test_headings_are_those_of_the_document_in_reading_order(docs: Docs, which: str) -> None:
    doc: Doc = getattr(docs, which)
    expected = _html_headings(doc.html)
    texts = _mcid_text(doc.pdf)
    with _open(doc.pdf) as pdf:
        tagged = [
            (int(str(e.S)[2:]), squash("".join(texts.get(m, "") for m in _mcids(e))))
            for e in _elements(pdf.Root.StructTreeRoot)
            if re.fullmatch(r"/H[1-6]", str(e.S))
        ]
    assert tagged == expected
    levels = [level for level, _ in tagged]
    assert levels[0] == 1 and levels.count(1) == 1
    skipped = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert skipped == []  # PDF/UA-1 7.4.2: no heading level skipped going down


@pytest.mark.slow
@pytest.mark.parametrize("which", ["brief", "report"])
def test_tables_have_header_cells_and_data_cells_name_theirs(docs: Docs, which: str) -> None:
    doc: Doc = getattr(docs, which)
    with _open(doc.pdf) as pdf:
        elements = list(_elements(pdf.Root.StructTreeRoot))
        tables = [e for e in elements if e.S == "/Table"]
        # A table broken across pages is one Table per page (WeasyPrint 70 tags page by page), each
        # with the header row the page repeats.
        assert len(tables) >= doc.html.count("<table") > 0
        for table in tables:
            assert any(e.S == "/TH" for e in _elements(table))
        headers = [e for e in elements if e.S == "/TH"]
        ids = {bytes(e.ID) for e in headers}
        assert len(ids) == len(headers)
        cells = [e for e in elements if e.S == "/TD"]
        assert cells
        for cell in cells:
            named = [bytes(h) for h in cell.A.Headers]
            assert named and set(named) <= ids


@pytest.mark.slow
def test_the_chart_is_a_figure_with_its_title_as_alternative_text(docs: Docs) -> None:
    with _open(docs.report.pdf) as pdf:
        figures = [e for e in _elements(pdf.Root.StructTreeRoot) if e.S == "/Figure"]
    assert [str(f.Alt) for f in figures] == [docs.chart_title]
    assert docs.chart_title.startswith("Timeline of ")


@pytest.mark.slow
@pytest.mark.parametrize("which", ["brief", "report"])
def test_every_page_is_marked_content_in_the_tree(docs: Docs, which: str) -> None:
    """Every text and image drawn is marked content (an MCID or an Artifact); every MCID has its
    structure element; only the page margins' running text is outside the tree (WeasyPrint 70)."""
    doc: Doc = getattr(docs, which)
    with _open(doc.pdf) as pdf:
        root = pdf.Root.StructTreeRoot
        in_tree = {e.objgen for e in _elements(root)}
        nums = root.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for number, page in enumerate(pdf.pages, start=1):
            owner = parents[int(page.obj.StructParents)]
            stack: list[tuple[str, int | None]] = []
            drawn = untagged = 0
            mcids: set[int] = set()
            for operands, op in pikepdf.parse_content_stream(page):
                name = str(op)
                if name == "BDC":
                    props = operands[1]
                    mcid = int(props.MCID) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else None
                    stack.append((str(operands[0]), mcid))
                elif name == "BMC":
                    stack.append((str(operands[0]), None))
                elif name == "EMC":
                    stack.pop()
                elif name in DRAW:
                    drawn += 1
                    marks = [m for m in stack if m[1] is not None or m[0] == "/Artifact"]
                    if not marks:
                        untagged += 1
                    elif marks[-1][1] is not None:
                        mcids.add(marks[-1][1])
            assert drawn > 0 and untagged == 0, f"page {number}: {untagged} of {drawn} drawn outside marked content"
            assert max(mcids) < len(owner)
            outside = [m for m in mcids if owner[m].objgen not in in_tree]
            allowed = MARGIN_BOXES_FIRST_PAGE if number == 1 else MARGIN_BOXES
            assert len(outside) <= allowed, f"page {number}: {len(outside)} marked sequences outside the tree"
            assert all(owner[m].S == "/Span" for m in outside)


@pytest.mark.slow
def test_same_bytes_every_run_and_pdf_a_still_pdf_a(docs: Docs) -> None:
    assert docs.brief.pdf == docs.brief_again
    with _open(docs.brief_pdf_a) as pdf:
        xmp = _xmp(pdf)
        assert xmp.get(PDFAID) == "3"
        assert PDFUAID not in xmp
        assert len(pdf.attachments) == 1
    with _open(docs.brief.pdf) as pdf:
        assert len(pdf.attachments) == 0  # the records travel with --pdf-a only
