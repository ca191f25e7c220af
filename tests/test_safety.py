"""Record text is data: shown escaped in HTML, printed as text in the PDF, never fetched or run."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

from legalgen.build import brief_document, report_document
from legalgen.records import load_corpus

from .conftest import HOSTILE, ROOT, hostile_record, rich_records
from .pdfread import pages_text, squash

DAY = dt.date(2026, 1, 1)

RAW = [
    '<img src="file:///etc/passwd">',
    '<link rel="attachment"',
    "<script>",
    "<svg onload",
    "</style><style>body{display:none}",
    'style="background: url(file:///etc/passwd)">',
]


@pytest.fixture
def hostile(make_corpus: Callable[..., Path]) -> Path:
    return make_corpus(*rich_records(), hostile_record())


@pytest.mark.parametrize("embed", [False, True])
def test_html_shows_hostile_text_escaped(hostile: Path, embed: bool) -> None:
    corpus = load_corpus([hostile])
    for doc in (
        report_document(corpus, as_of=DAY, generated=DAY, fmt="html", embed=embed),
        brief_document(corpus, "2001-hostile", as_of=DAY, generated=DAY, fmt="html", embed=embed),
    ):
        html = doc.data.decode("utf-8")
        for raw in RAW:
            assert raw not in html, f"{doc.name}: {raw!r} reached the page as markup"
        assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "{{ 7*7 }}{% raw %}" in html  # shown, never compiled as a template
        assert "<script" not in html.lower()


@pytest.mark.slow
def test_pdf_prints_hostile_text_and_reads_no_file(hostile: Path, tmp_path: Path) -> None:
    """Render in a fresh process whose audit hook records every file opened and every connection."""
    out = tmp_path / "out"
    probe = f"""
import sys
seen = []
def hook(event, args):
    if event == "open" and isinstance(args[0], str) and "passwd" in args[0]:
        seen.append(args[0])
    if event.startswith("socket.") or event == "urllib.Request":
        seen.append(event)
sys.addaudithook(hook)
from legalgen.cli import main
codes = []
for argv in (["report", "--pdf-a", "-o", {str(out / "report.pdf")!r}],
             ["brief", "2001-hostile", "-o", {str(out / "brief.pdf")!r}]):
    try:
        main(argv + ["--corpus", {str(hostile)!r}])
    except SystemExit as exc:
        codes.append(exc.code)
print("RESULT", codes, seen)
"""
    proc = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"SOURCE_DATE_EPOCH": "1767225600", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert "RESULT [0, 0] []" in proc.stdout, proc.stdout + proc.stderr
    for name in ("report.pdf", "brief.pdf"):
        pdf = (out / name).read_bytes()
        text = squash("".join(pages_text(pdf)))
        assert squash(HOSTILE["img"]) in text and squash(HOSTILE["attachment"]) in text
        assert squash("{{ 7*7 }}") in text
        with pikepdf.open(io.BytesIO(pdf)) as doc:
            attached = list(doc.attachments)
            assert "/JavaScript" not in str(doc.Root.get("/Names", {})) and "/OpenAction" not in doc.Root
        assert attached == (["timeline-report-records.json"] if name == "report.pdf" else [])


@pytest.mark.slow
def test_the_records_attached_to_a_pdf_a_are_exactly_the_corpus(hostile: Path) -> None:
    corpus = load_corpus([hostile])
    pdf = report_document(corpus, as_of=DAY, generated=DAY, pdf_a=True).data
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        data = json.loads(doc.attachments["timeline-report-records.json"].get_file().read_bytes())
    hostile_rec = next(i for i in data["instruments"] if i["id"] == "2001-hostile")
    assert hostile_rec["short_title"] == f"Hostile {HOSTILE['script']}"
