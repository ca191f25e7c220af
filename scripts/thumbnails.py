#!/usr/bin/env python3
"""Render small PNGs of a page of each document into docs/img/ for the README (`make thumbnails`).

The documents are made from treaties/ as `legalgen build` makes them, dated from SOURCE_DATE_EPOCH or,
when unset, from the last commit that touched treaties/, so the images change only when the records or
the rendering do. PDF pages are rasterised with pdftoppm (poppler-utils); the HTML page is photographed
by headless Chromium at phone width. Colours are reduced to keep each file small.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "img"
WIDTH = 420

# (file in docs/img, document, page to show, what the README says it is)
PAGES = [
    ("report-title.png", "report", 1, "title page"),
    ("report-matrix.png", "report", 3, "positions at a glance"),
    ("report-timeline.png", "report", 4, "timeline chart"),
    ("report-chapter.png", "report", 5, "topic chapter"),
    ("brief-instrument.png", "brief-1999-union-state", 1, "brief with footnotes"),
    ("brief-topic.png", "brief-citizenship", 1, "brief on a topic"),
]


def day() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        epoch = (
            subprocess.run(
                ["git", "log", "-1", "--format=%ct", "--", "treaties"],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            or "0"
        )
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()


def shrink(src: Path, dest: Path, width: int = WIDTH) -> None:
    with Image.open(src) as im:
        im = im.convert("RGB")
        im = im.resize((width, round(im.height * width / im.width)), Image.Resampling.LANCZOS)
        im = im.quantize(colors=48, method=Image.Quantize.MEDIANCUT)
        im.save(dest, optimize=True)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from legalgen.build import brief_document, report_document
    from legalgen.records.corpus import load_corpus

    when = day()
    corpus = load_corpus([ROOT / "treaties"])
    docs = {
        "report": report_document(corpus, as_of=when, generated=when).data,
        "brief-1999-union-state": brief_document(corpus, "1999-union-state", as_of=when, generated=when).data,
        "brief-citizenship": brief_document(corpus, "citizenship", as_of=when, generated=when).data,
    }
    html = report_document(corpus, as_of=when, generated=when, fmt="html").data
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for name, doc, page, _ in PAGES:
            pdf = tmp / f"{doc}.pdf"
            pdf.write_bytes(docs[doc])
            subprocess.run(
                [
                    "pdftoppm",
                    "-r",
                    "110",
                    "-f",
                    str(page),
                    "-l",
                    str(page),
                    "-png",
                    "-singlefile",
                    str(pdf),
                    str(tmp / "p"),
                ],
                check=True,
            )
            shrink(tmp / "p.png", OUT / name)
            print(f"wrote docs/img/{name}")
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if chromium:
            page = tmp / "report.html"
            page.write_bytes(html)
            shot = tmp / "phone.png"
            subprocess.run(
                [
                    chromium,
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-first-run",
                    "--hide-scrollbars",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    f"--user-data-dir={tmp / 'profile'}",
                    "--window-size=390,844",
                    f"--screenshot={shot}",
                    page.as_uri(),
                ],
                check=True,
                capture_output=True,
            )
            shrink(shot, OUT / "html-phone.png", width=260)
            print("wrote docs/img/html-phone.png")
        else:
            print("chromium not found: docs/img/html-phone.png left as it was", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
