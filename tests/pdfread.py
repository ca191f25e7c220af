"""Reading a PDF the way its reader does: text per page, outline, links, footnotes, page images."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from legalgen.views import BriefView, Note, Para, Run


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in reader(pdf).pages]


def squash(text: str) -> str:
    """Text with whitespace and hyphenation gone, so a phrase is found wherever the lines broke."""
    return re.sub(r"[\s\u00ad\u2010\u2011-]+", "", text)


def outline(pdf: bytes) -> list[tuple[int, str, int]]:
    """(level, title, 1-based page) of every bookmark, in order."""
    r = reader(pdf)
    found: list[tuple[int, str, int]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, item.title, r.get_destination_page_number(item) + 1))

    walk(r.outline, 1)
    return found


def internal_links(pdf: bytes, page: int) -> list[int]:
    """1-based target pages of the internal links on ``page`` (1-based), in the order they are drawn."""
    r = reader(pdf)
    targets: list[int] = []
    for annot in r.pages[page - 1].get("/Annots") or []:
        obj = annot.get_object()
        dest = obj.get("/Dest")
        if dest is None and "/A" in obj:
            dest = obj["/A"].get("/D")
        if dest is None:
            continue
        if isinstance(dest, str | bytes) or hasattr(dest, "original_bytes"):
            dest = r.named_destinations[str(dest)]
            targets.append(r.get_destination_page_number(dest) + 1)
        else:
            targets.append(r.get_page_number(dest[0].get_object()) + 1)
    return targets


def note_calls(view: BriefView) -> Iterator[tuple[Note, str]]:
    """Each footnote with the text just before its call."""
    paras: list[Para] = [p for s in view.sections for p in (*s.paras, *s.items)]
    for para in paras:
        run: Run
        for run in para.runs:
            if run.note is not None:
                yield run.note, run.text


def footnote_pages(pdf: bytes, view: BriefView) -> list[tuple[int, int | None, int | None]]:
    """(note number, page of its call, page of its text) for every note of ``view``."""
    pages = [squash(t) for t in pages_text(pdf)]
    result = []
    for note, before in note_calls(view):
        call = squash(before)[-24:] + str(note.number)
        body = f"{note.number}." + squash(note.text)[:40]
        call_pages = [i for i, t in enumerate(pages, 1) if call in t]
        body_pages = [i for i, t in enumerate(pages, 1) if body in t]
        result.append((note.number, call_pages[0] if call_pages else None, body_pages[0] if body_pages else None))
    return result


def png_pages(pdf: bytes, folder: Path, dpi: int = 60) -> list[Path]:
    """Render every page to PNG with pdftoppm (poppler-utils), as a reader's screen would."""
    exe = shutil.which("pdftoppm")
    assert exe, "pdftoppm is missing: run scripts/setup-system --test"
    source = folder / "doc.pdf"
    source.write_bytes(pdf)
    subprocess.run([exe, "-r", str(dpi), "-png", str(source), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))
