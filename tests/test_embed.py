"""The embeddable fragment in a real browser: pasted into a host page with hostile CSS, opened in
headless Chromium, checked through its DOM and computed styles, and looked at as a screenshot."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from legalgen.build import brief_document, report_document
from legalgen.records import Corpus, load_corpus

from .conftest import rich_records

DAY = dt.date(2026, 1, 1)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

# Ordinary site CSS that would wreck an unprotected fragment (no !important: a host that insists wins).
HOST_CSS = """
body { font: 40px "Comic Sans MS", cursive; color: green; background: #ffffe0; line-height: 3;
       text-align: center; letter-spacing: 3px; }
p { color: red; margin: 50px; text-transform: uppercase; }
.entry-content p, .entry-content li { color: red; }
#main p { color: red; }
table { display: none; }
td, th { border: 5px solid magenta; }
h2 { font-size: 70px; color: orange; }
a { color: red; }
div { padding: 20px; border: 3px dashed blue; }
ul, ol { list-style: none; }
svg { display: none; }
* { box-sizing: content-box; }
#host-before, #host-after { color: rgb(0, 0, 255); }
"""

PROBE = """
<script>
(function () {
  const root = document.querySelector('.legalgen');
  const cs = (s) => getComputedStyle(root.querySelector(s));
  const out = {
    roots: (document.getElementById('main') || document.body).children.length,
    rootFont: getComputedStyle(root).fontFamily,
    rootSize: getComputedStyle(root).fontSize,
    rootBorder: getComputedStyle(root).borderTopStyle,
    pColor: cs('.summary p').color,
    pTransform: cs('.summary p').textTransform,
    pAlign: cs('.summary p').textAlign,
    matrix: cs('table.matrix').display,
    parallelCell: cs('table.parallel td').display,
    svg: cs('svg').display,
    h2Size: cs('h2').fontSize,
    h2Color: cs('h2').color,
    linkColor: cs('a.cite').color,
    hostColor: document.getElementById('host-before') ? getComputedStyle(document.getElementById('host-before')).color : null,
    hostSize: getComputedStyle(document.body).fontSize,
    resources: performance.getEntriesByType('resource').map((e) => e.name),
    fits: document.documentElement.scrollWidth <= window.innerWidth,
  };
  document.body.setAttribute('data-probe', JSON.stringify(out));
})();
</script>
"""

pytestmark = [
    pytest.mark.slow,  # opens Chromium
    pytest.mark.skipif(
        CHROMIUM is None, reason="chromium is not installed; run scripts/setup-system --test (CI installs it)"
    ),
]


def chromium(tmp_path: Path, page: Path, width: int, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # a request that slipped through would fail, and show
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        f"--window-size={width},3000",
        *args,
        page.as_uri(),
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    from .conftest import TOPICS, dump_yaml

    folder = tmp_path_factory.mktemp("corpus")
    (folder / "topics.yaml").write_text(dump_yaml(TOPICS), encoding="utf-8")
    for rec in rich_records():
        (folder / f"{rec['id']}.yaml").write_text(dump_yaml(rec), encoding="utf-8")
    return load_corpus([folder])


def host_page(tmp_path: Path, fragment: str) -> Path:
    page = tmp_path / "host.html"
    page.write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>A think tank</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{HOST_CSS}</style></head><body>"
        "<p id='host-before'>The host's own paragraph.</p>"
        f"<div id='main' class='entry-content'>{fragment}</div>"
        "<p id='host-after'>The host's closing paragraph.</p>"
        f"{PROBE}</body></html>",
        encoding="utf-8",
    )
    return page


def probe(tmp_path: Path, page: Path, width: int) -> dict[str, Any]:
    dom = chromium(tmp_path, page, width, "--dump-dom").stdout
    found = re.search(r'data-probe="([^"]*)"', dom)
    assert found, dom[:500]
    result: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return result


class _Roots(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.roots: list[str] = []
        self.text_outside = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            self.roots.append(tag)
        if tag not in ("br", "img", "meta", "link", "input", "hr", "wbr", "source", "col"):
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            self.roots.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth == 0:
            self.text_outside += data.strip()


def test_the_fragment_is_one_scoped_element_without_scripts_or_requests(corpus: Corpus) -> None:
    for doc in (
        report_document(corpus, as_of=DAY, generated=DAY, embed=True),
        brief_document(corpus, "citizenship", as_of=DAY, generated=DAY, embed=True),
    ):
        text = doc.data.decode("utf-8")
        parser = _Roots()
        parser.feed(text)
        assert parser.roots == ["div"] and parser.text_outside == "", doc.name
        assert "<script" not in text.lower()
        assert not re.search(r"<[^>]+\son\w+=", text), "no event handler attributes"
        assert not re.search(r"\s(src|srcset|poster|data)=", text), "the fragment must not load anything"
        style = re.search(r"<style>(.*?)</style>", text, re.DOTALL)
        assert style and text.count("<style>") == 1
        css = re.sub(r"@(container|media)[^{]*\{", "", style.group(1))
        for selectors in re.findall(r"([^{}]+)\{", css):
            for selector in re.split(r",(?![^()]*\))", selectors):
                assert selector.strip().startswith(".legalgen:not(#_)"), f"unscoped selector {selector!r}"
        assert "url(" not in style.group(1) and "@import" not in style.group(1)
        ids = re.findall(r'\sid="([^"]+)"', text)
        prefix = doc.name.removesuffix(".embed.html") + "--"
        assert ids and all(i.startswith(prefix) for i in ids), "ids must be namespaced"
        for target in re.findall(r'href="#([^"]+)"', text):
            assert target in ids, f"link to #{target} leads nowhere"


@pytest.mark.parametrize("width", [1280, 390])
def test_host_css_neither_restyles_the_fragment_nor_is_restyled_by_it(
    corpus: Corpus, tmp_path: Path, width: int
) -> None:
    fragment = report_document(corpus, as_of=DAY, generated=DAY, embed=True).data.decode("utf-8")
    page = host_page(tmp_path, fragment)
    result = probe(tmp_path, page, width)
    assert result["roots"] == 1
    assert "PT Serif" in result["rootFont"] and "Comic" not in result["rootFont"]
    assert result["rootSize"] in ("16px", "17px") and result["rootBorder"] == "none"
    assert result["pColor"] == "rgb(20, 20, 20)"
    assert result["pTransform"] == "none" and result["pAlign"] == "left"
    assert result["matrix"] in ("table", "block") and result["svg"] == "block"
    assert result["h2Color"] == "rgb(17, 17, 17)" and result["h2Size"] != "70px"
    assert result["linkColor"] == "rgb(31, 58, 95)"
    # nothing leaks out: the host keeps its own look
    assert result["hostColor"] == "rgb(0, 0, 255)" and result["hostSize"] == "40px"
    assert result["resources"] == []
    assert result["fits"], "the page scrolls sideways"
    if width == 390:
        assert result["parallelCell"] == "block", "side-by-side columns must stack on a phone"
        assert result["matrix"] == "block"
    else:
        assert result["parallelCell"] == "table-cell" and result["matrix"] == "table"

    shot = tmp_path / f"host-{width}.png"
    chromium(tmp_path, page, width, f"--screenshot={shot}")
    with Image.open(shot) as im:
        rgb = im.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 20) or []
    hostile = {"red": (255, 0, 0), "magenta": (255, 0, 255), "orange": (255, 165, 0), "blue dashes": (0, 0, 255)}
    counts = {name: sum(n for n, c in colours if c == value) for name, value in hostile.items()}
    # the host's two blue paragraphs are the only blue; no red text, magenta borders or orange headings
    assert counts["red"] == 0 and counts["magenta"] == 0 and counts["orange"] == 0, counts


def test_the_standalone_page_reads_on_a_phone(corpus: Corpus, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    text = report_document(corpus, as_of=DAY, generated=DAY, fmt="html").data.decode("utf-8")
    assert "<script" not in text.lower()
    page.write_text(text.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = chromium(tmp_path, page, 390, "--dump-dom").stdout
    found = re.search(r'data-probe="([^"]*)"', dom)
    assert found
    result = json.loads(html.unescape(found.group(1)))
    assert result["fits"] and result["parallelCell"] == "block" and result["resources"] == []
