"""legalgen site: the static site of treaties/ — every link resolves, every page is well-formed and carries
its schema.org Legislation metadata, nothing is loaded from outside, the bytes are the same twice, and (slow)
the pages render and search in headless Chromium at phone width."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from legalgen.analysis import lives
from legalgen.cli import cli
from legalgen.records import load_corpus
from legalgen.views.site import LEGAL_FORCE

TREATIES = Path(__file__).resolve().parent.parent / "treaties"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ELI = ("legislationDate", "isBasedOn", "legislationChanges", "inLanguage")


class Page(HTMLParser):
    """What a reader and a crawler see of one page: its language, title, headings, links and JSON-LD."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.title = ""
        self.h1 = 0
        self.links: list[str] = []
        self.loads: list[str] = []  # src/href of script, link, img
        self.jsonld: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "h1":
            self.h1 += 1
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")
        if tag in ("script", "link", "img", "iframe", "source") and (a.get("src") or a.get("href")):
            self.loads.append(a.get("src") or a.get("href") or "")
        if tag == "title" or (tag == "script" and a.get("type") == "application/ld+json"):
            self._in = tag
            if tag == "script":
                self.jsonld.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "script":
            self.jsonld[-1] += data


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    result = CliRunner().invoke(cli, ["site", "--corpus", str(TREATIES), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("index.html"))


def parsed(page: Path) -> Page:
    p = Page()
    p.feed(page.read_text(encoding="utf-8"))
    return p


def test_the_site_has_a_page_per_instrument_provision_version_topic_and_date(site: Path) -> None:
    corpus = load_corpus([TREATIES])
    for inst in corpus.instruments:
        assert (site / inst.id / "index.html").is_file()
        for prov in inst.provisions:
            assert (site / inst.id / prov.id / "index.html").is_file(), prov.id
    for topic in corpus.topics.topics:
        assert (site / "topics" / topic.id / "index.html").is_file()
    assert (site / "dates" / "2000-01-26" / "index.html").is_file()
    # the permalink of art. 14 as signed, and art. 1 of the 1998 treaty as amended by the 2025 protocol
    assert (site / "1999-union-state" / "art-14" / "1999-12-08" / "index.html").is_file()
    amended = (site / "1998-equal-rights" / "art-1" / "2025-10-29" / "index.html").read_text(encoding="utf-8")
    assert "as it stood on 29 October 2025 (as amended)" in amended
    assert "supplemented by the Equal Rights Protocol (2025)" in amended
    assert "the added words were not seen" in amended


def test_every_internal_link_resolves_to_a_written_file(site: Path) -> None:
    checked = 0
    for page in pages(site):
        for href in parsed(page).links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("#"):
                continue
            target = (page.parent / parts.path).resolve()
            assert target.is_file(), f"{page.relative_to(site)}: {href}"
            assert target.is_relative_to(site.resolve())
            checked += 1
    assert checked > 300


def test_every_page_has_lang_one_h1_a_title_and_legislation_json_ld(site: Path) -> None:
    status = {iid: life.final_status for iid, life in lives(load_corpus([TREATIES])).items()}
    legislation = 0
    for page in pages(site):
        p = parsed(page)
        where = page.relative_to(site)
        assert p.lang == "en", where
        assert p.h1 == 1, where
        assert p.title.strip(), where
        assert len(p.jsonld) == 1, where
        data = json.loads(p.jsonld[0])
        assert data["@context"] == "https://schema.org/"
        if data["@type"] == "Legislation":
            legislation += 1
            for prop in ELI:
                assert prop in data, f"{where}: {prop}"
            iid = data["legislationIdentifier"].split("/")[0]
            if "legislationDateVersion" not in data:
                force = LEGAL_FORCE.get(status[iid])
                assert data.get("legislationLegalForce") == (f"https://schema.org/{force}" if force else None), where
        else:
            assert data["@type"] in ("CollectionPage", "SearchResultsPage"), where
    assert legislation > 50
    charter = json.loads(parsed(site / "1997-charter" / "index.html").jsonld[0])
    assert charter["legislationLegalForce"] == "https://schema.org/NotInForce"  # terminated in 2000
    union = json.loads(parsed(site / "1999-union-state" / "index.html").jsonld[0])
    assert union["legislationLegalForce"] == "https://schema.org/InForce"
    assert union["legislationDate"] == "1999-12-08"


def test_no_page_loads_anything_from_outside_the_site(site: Path) -> None:
    for page in pages(site):
        text = page.read_text(encoding="utf-8")
        for load in parsed(page).loads:
            assert not re.match(r"^[a-z]+:|^//", load), f"{page.relative_to(site)}: {load}"
        assert "@import" not in text
        assert not re.search(r"url\(\s*['\"]?(?!data:)", text)


def test_the_search_index_lists_every_page_but_the_search_page(site: Path) -> None:
    script = (site / "search-index.js").read_text(encoding="utf-8")
    assert script.startswith("window.LEGALGEN_SEARCH = ")
    entries = json.loads(script.removeprefix("window.LEGALGEN_SEARCH = ").rstrip().removesuffix(";"))
    assert len(entries) == len(pages(site)) - 1
    # without a script, the search page lists the same pages in the same order
    listed = [h for h in parsed(site / "search" / "index.html").links if h.endswith("index.html")]
    assert [e["h"] for e in entries] == listed[-len(entries) :]
    art14 = next(e for e in entries if e["h"] == "../1999-union-state/art-14/index.html")
    assert "union state treaty (1999), art. 14" in art14["t"]


def test_the_same_corpus_gives_the_same_bytes_and_force_replaces_only_a_site(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "again"
    runner = CliRunner()
    assert runner.invoke(cli, ["site", "--corpus", str(TREATIES), "--out", str(out)]).exit_code == 0
    for page in [*site.rglob("*")]:
        if page.is_file():
            assert (out / page.relative_to(site)).read_bytes() == page.read_bytes(), page
    refused = runner.invoke(cli, ["site", "--corpus", str(TREATIES), "--out", str(out)])
    assert refused.exit_code == 3
    assert "exists; fix: add --force" in refused.output
    assert runner.invoke(cli, ["site", "--corpus", str(TREATIES), "--out", str(out), "--force"]).exit_code == 0
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("mine", encoding="utf-8")
    refused = runner.invoke(cli, ["site", "--corpus", str(TREATIES), "--out", str(other), "--force"])
    assert refused.exit_code == 3
    assert "not a site legalgen wrote" in refused.output
    assert (other / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_the_site_is_never_written_into_the_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(TREATIES, corpus)
    result = CliRunner().invoke(cli, ["site", "--corpus", str(corpus), "--out", str(corpus / "site")])
    assert result.exit_code == 3
    assert "is inside the corpus folder" in result.output
    assert not (corpus / "site").exists()


# --------------------------------------------------------------------------- in a browser

PROBE = """<script>
document.documentElement.dataset.probe = JSON.stringify({
  width: innerWidth, scroll: document.documentElement.scrollWidth,
  h1: document.querySelector("h1").getBoundingClientRect().width,
  shown: [...document.querySelectorAll("#results-list li")].filter(li => !li.hidden).map(li => li.textContent),
  status: (document.getElementById("search-status") || {}).textContent || ""
});
</script>"""


def phone(tmp_path: Path, folder: Path, page: str, query: str = "") -> dict[str, object]:
    """Open ``page`` of ``folder`` (with a probe added) in a 375px-wide frame: headless Chromium's window
    is never narrower than 500px, a frame is as narrow as we say."""
    probe = folder / "probe.html"
    probe.write_text((folder / page).read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"))
    frame = folder / "phone.html"
    frame.write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>phone</title></head><body>"
        f"<iframe id='f' title='page' src='probe.html{query}' style='width:375px;height:1500px;border:0'></iframe>"
        "<script>f.onload=()=>{document.documentElement.dataset.probe="
        "f.contentDocument.documentElement.dataset.probe}</script></body></html>"
    )
    try:
        return chromium(tmp_path, frame.as_uri())
    finally:
        probe.unlink()
        frame.unlink()


def chromium(tmp_path: Path, url: str, width: int = 800) -> dict[str, object]:
    assert CHROMIUM is not None
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        f"--window-size={width},2000",
        "--allow-file-access-from-files",  # the frame below reads the page's probe
        "--dump-dom",
        url,
    ]
    dom = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True).stdout
    found = re.search(r'data-probe="([^"]*)"', dom)
    assert found, dom[:500]
    result: dict[str, object] = json.loads(html.unescape(found.group(1)))
    return result


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed; run scripts/setup-system --test")
@pytest.mark.parametrize(
    "page",
    ["", "1999-union-state/", "1999-union-state/art-14/", "1998-equal-rights/art-1/2025-10-29/", "dates/2000-01-26/"],
)
def test_pages_fit_a_phone_screen(site: Path, tmp_path: Path, page: str) -> None:
    seen = phone(tmp_path, site / page, "index.html")  # the probe sits beside the page: same links
    assert seen["width"] == 375
    assert seen["scroll"] == 375  # nothing wider than the screen
    assert 0 < seen["h1"] <= 375  # type: ignore[operator]


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed; run scripts/setup-system --test")
def test_the_search_narrows_the_list_without_a_server(site: Path, tmp_path: Path) -> None:
    seen = phone(tmp_path, site / "search", "index.html", "?q=art.+14+union+state")
    shown = seen["shown"]
    assert isinstance(shown, list)
    assert "Union State Treaty (1999), art. 14" in shown
    total = len(pages(site)) - 1
    assert len(shown) < total / 4  # narrowed: the pages that hold every word typed
    assert seen["status"] == f"{len(shown)} of {total} pages match."
    assert seen["scroll"] == 375


# --------------------------------------------------------------------------- accessibility
# The checks of axe-core that matter for these pages, made on every page of the site of each corpus
# (axe itself needs a browser and an npm package the tests cannot fetch): the page's language, its
# headings in order, a text alternative for every image, landmarks that hold all the content, a label for
# every form control, a name for every link and button, unique ids, and the contrast of every colour the
# stylesheets give text (WCAG 2.1, 1.4.3: at least 4.5:1).

EXAMPLES = TREATIES.parent / "examples" / "eu-citizenship"
LANDMARKS = ("header", "nav", "main", "footer")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
CONTROLS = ("input", "select", "textarea")


@dataclass
class Named:
    """An element whose accessible name is its text: a link, a button, a label."""

    tag: str
    attrs: dict[str, str | None]
    text: str = ""


class Audit(HTMLParser):
    """What an accessibility checker finds wrong with one page, as a list of one-line problems."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.lang: str | None = None
        self.levels: list[int] = []
        self.ids: list[str] = []
        self.labels_for: set[str] = set()
        self.controls: list[tuple[str, dict[str, str | None], bool]] = []  # tag, attrs, inside a <label>
        self.stack: list[str] = []
        self.named: list[Named] = []
        self.landmarks: dict[str, int] = dict.fromkeys(LANDMARKS, 0)
        self.svg_titles: list[bool] = []  # per open <svg role=img> without aria-label(ledby): title seen

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"] or "")
        if tag == "html":
            self.lang = a.get("lang")
        elif re.fullmatch(r"h[1-6]", tag):
            self.levels.append(int(tag[1]))
        elif tag == "img" and not (a.get("alt") is not None or a.get("aria-label")):
            self.problems.append(f"<img src={a.get('src')}> without alt")
        elif tag == "svg" and a.get("role") == "img":
            self.svg_titles.append(bool(a.get("aria-label") or a.get("aria-labelledby")))
        elif tag == "title" and "svg" in self.stack and self.svg_titles:
            self.svg_titles[-1] = True
        elif tag == "label" and a.get("for"):
            self.labels_for.add(a["for"] or "")
        elif tag in CONTROLS and a.get("type") not in ("hidden", "submit", "button"):
            self.controls.append((tag, a, "label" in self.stack))
        if tag in LANDMARKS:
            self.landmarks[tag] += 1
        if tag in ("a", "button"):
            self.named.append(Named(tag, a))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        labelled = self.svg_titles.pop() if tag == "svg" and self.svg_titles and "svg" in self.stack else True
        if not labelled:
            self.problems.append("<svg role=img> without aria-label, aria-labelledby or <title>")
        if tag in ("a", "button") and self.named:
            n = self.named[-1]
            if not (n.text.strip() or n.attrs.get("aria-label") or n.attrs.get("aria-labelledby")):
                self.problems.append(f"<{tag} {n.attrs.get('href') or ''}> has no text")
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.named and self.named[-1].tag in self.stack:
            self.named[-1].text += data
        if data.strip() and "body" in self.stack and not {*LANDMARKS, "script"} & set(self.stack):
            self.problems.append(f"text outside a landmark: {data.strip()[:40]!r}")

    def report(self) -> list[str]:
        found = list(self.problems)
        if not self.lang:
            found.append("<html> has no lang")
        if self.levels.count(1) != 1:
            found.append(f"{self.levels.count(1)} h1")
        for before, after in zip([0, *self.levels], self.levels, strict=False):
            if after > before + 1:
                found.append(f"h{after} after h{before}: a heading level skipped")
        if self.landmarks["main"] != 1 or not self.landmarks["header"] or not self.landmarks["footer"]:
            found.append(f"landmarks {self.landmarks}")
        for tag, a, wrapped in self.controls:
            if not (wrapped or a.get("id") in self.labels_for or a.get("aria-label") or a.get("aria-labelledby")):
                found.append(f"<{tag} id={a.get('id')}> has no label")
        dupes = sorted({i for i in self.ids if self.ids.count(i) > 1})
        if dupes:
            found.append(f"ids used twice: {dupes}")
        return found


def audit(text: str) -> list[str]:
    a = Audit()
    a.feed(text)
    a.close()
    return a.report()


@pytest.fixture(scope="module", params=["treaties", "eu-citizenship"])
def any_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = TREATIES if request.param == "treaties" else EXAMPLES
    out = tmp_path_factory.mktemp("a11y") / request.param
    result = CliRunner().invoke(cli, ["site", "--corpus", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_every_page_passes_the_accessibility_checks(any_site: Path) -> None:
    walked = 0
    for page in pages(any_site):
        assert audit(page.read_text(encoding="utf-8")) == [], page.relative_to(any_site)
        walked += 1
    assert walked > 30


@pytest.mark.parametrize(
    ("page", "problem"),
    [
        ("<html><body><main><h1>a</h1></main><footer>f</footer></body></html>", "<html> has no lang"),
        (
            '<html lang="en"><body><header>h</header><main><h1>a</h1><h3>b</h3></main><footer>f</footer></body></html>',
            "h3 after h1: a heading level skipped",
        ),
        (
            '<html lang="en"><body><header>h</header><main><h1>a</h1><img src="x.png"></main><footer>f</footer></body></html>',
            "<img src=x.png> without alt",
        ),
        (
            '<html lang="en"><body><header>h</header><p>loose</p><main><h1>a</h1></main><footer>f</footer></body></html>',
            "text outside a landmark: 'loose'",
        ),
        (
            '<html lang="en"><body><header><input id="q"></header><main><h1>a</h1></main><footer>f</footer></body></html>',
            "<input id=q> has no label",
        ),
        (
            '<html lang="en"><body><header><a href="x"> </a></header><main><h1>a</h1></main><footer>f</footer></body></html>',
            "<a x> has no text",
        ),
        (
            '<html lang="en"><body><header>h</header><main><h1>a</h1><svg role="img"><g></g></svg></main><footer>f</footer></body></html>',
            "<svg role=img> without aria-label, aria-labelledby or <title>",
        ),
    ],
)
def test_the_accessibility_checks_catch_what_they_look_for(page: str, problem: str) -> None:
    assert problem in audit(page)


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of ``#rgb`` or ``#rrggbb``."""
    h = colour.lstrip("#")
    h = "".join(c * 2 for c in h) if len(h) == 3 else h
    channels = [int(h[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


HEX = r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b"


def rules(css: str) -> list[tuple[str, dict[str, str]]]:
    """``(selector, declarations)`` of every rule of ``css``, those inside ``@media``/``@container`` too."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        decls = {k.strip(): v.strip() for k, _, v in (d.partition(":") for d in body.split(";")) if v.strip()}
        found.append((" ".join(selector.split()), decls))
    return found


def background(decls: dict[str, str]) -> str | None:
    found = re.search(HEX, decls.get("background", decls.get("background-color", "")))
    return found.group() if found else None


def text_colours(css: str) -> list[tuple[str, str, str | None]]:
    """``(selector, text colour, its own background or None)`` for every rule of ``css`` that sets ``color``."""
    return [
        (sel, colour.group(), background(decls))
        for sel, decls in rules(css)
        if (colour := re.fullmatch(HEX, decls.get("color", "")))
    ]


def panels(css: str) -> set[str]:
    """The backgrounds painted on boxes that leave the colour of their text to what they hold: any text
    colour may sit on them."""
    return {bg for _, decls in rules(css) if "color" not in decls and (bg := background(decls))}


def test_every_text_colour_of_the_site_stylesheets_has_a_contrast_of_at_least_4_5(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    css = "\n".join(re.findall(r"<style>(.*?)</style>", home, flags=re.S))
    assert ".legalgen:not(#_) {" in css and ".permalink" in css  # screen.css and the site's own
    rules = text_colours(css)
    assert len(rules) > 40
    grounds = {"#fff", *panels(css)}
    assert "#fbf6ef" in grounds  # the misreading box
    low = [
        f"{sel}: {fg} on {bg} is {contrast(fg, bg):.2f}:1"
        for sel, fg, own in rules
        for bg in ([own] if own else sorted(grounds))
        if contrast(fg, bg) < 4.5
    ]
    assert low == []


def test_the_contrast_is_measured_as_wcag_defines_it() -> None:
    assert contrast("#000", "#fff") == pytest.approx(21)
    assert contrast("#777", "#fff") == pytest.approx(4.48, abs=0.01)  # the grey that famously just fails
    assert contrast("#767676", "#fff") == pytest.approx(4.54, abs=0.01)


def holds(shape: dict[str, float], x: float, y: float) -> bool:
    """Whether a ``<circle>`` or ``<rect>`` (its numeric attributes) covers the point ``(x, y)``."""
    if "r" in shape:
        return (x - shape["cx"]) ** 2 + (y - shape["cy"]) ** 2 <= shape["r"] ** 2
    return shape["x"] <= x <= shape["x"] + shape["width"] and shape["y"] <= y <= shape["y"] + shape["height"]


class Drawing(HTMLParser):
    """The chart's text, each with the colour of the shape it is drawn on: the last filled circle or
    rectangle before it that holds its anchor point, else the white page."""

    def __init__(self) -> None:
        super().__init__()
        self.shapes: list[tuple[str, dict[str, float]]] = []
        self.texts: list[tuple[str, str, str]] = []  # (fill, ground, what)
        self._text: tuple[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        num = {k: float(v) for k, v in a.items() if re.fullmatch(r"-?[\d.]+", v)}
        if tag in ("circle", "rect") and re.fullmatch(HEX, a.get("fill", "")):
            self.shapes.append((a["fill"], num))
        elif tag == "text":
            x, y = num["x"], num["y"]
            ground = "#fff"
            for fill, s in self.shapes:
                if holds(s, x, y):
                    ground = fill
            self._text = (a.get("fill", "#000"), ground)
            self.texts.append((*self._text, ""))

    def handle_data(self, data: str) -> None:
        if self._text and data.strip():
            fill, ground, seen = self.texts[-1]
            self.texts[-1] = (fill, ground, seen + data.strip())

    def handle_endtag(self, tag: str) -> None:
        if tag == "text":
            self._text = None


def chart_texts(site: Path) -> list[tuple[str, str, str]]:
    home = (site / "index.html").read_text(encoding="utf-8")
    svg = re.search(r"<svg.*?</svg>", home, flags=re.S)
    assert svg
    drawing = Drawing()
    drawing.feed(svg.group())
    return drawing.texts


def test_every_text_drawn_on_a_shape_of_the_home_page_chart_has_a_contrast_of_at_least_4_5(any_site: Path) -> None:
    on_shapes = [t for t in chart_texts(any_site) if t[1] != "#fff"]
    assert len(on_shapes) > 10  # the instrument numbers on their marks and on the bars
    low = [
        f"{what!r}: {fg} on {bg} is {contrast(fg, bg):.2f}:1" for fg, bg, what in on_shapes if contrast(fg, bg) < 4.5
    ]
    assert low == []


def test_no_text_of_the_home_page_chart_is_drawn_white_on_the_page(any_site: Path) -> None:
    lost = [what for fg, bg, what in chart_texts(any_site) if bg == "#fff" and contrast(fg, bg) < 4.5]
    assert lost == []


def test_each_numbered_mark_of_the_home_page_chart_links_to_its_instrument(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    marks = re.findall(
        r'<a href="([^"]+)" tabindex="-1"><title>([^<]+)</title>\s*<circle[^>]*/>\s*<text[^>]*>(\d+)</text>', home
    )
    listed = re.search(r'<section id="instruments">.*?</section>', home, flags=re.S)
    assert listed
    instruments = re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', listed.group())
    assert len(instruments) == len(load_corpus([TREATIES]).instruments)
    # mark n is the n-th instrument of the list: the same page, the same title
    assert [(href, html.unescape(title)) for href, title, _ in marks] == [(h, html.unescape(t)) for h, t in instruments]
    assert [int(n) for _, _, n in marks] == list(range(1, len(instruments) + 1))
    assert marks[0][0] == "1995-customs-union/index.html"


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed; run scripts/setup-system --test")
def test_chromium_walks_every_page_at_phone_width(site: Path, tmp_path: Path) -> None:
    """Every page of the site, opened in Chromium in a 375px frame: it loads, its language and one h1 are
    there, and nothing is wider than the screen."""
    every = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    frames = "".join(
        f"<iframe title='{i}' src='{page}' style='width:375px;height:600px;border:0'></iframe>"
        for i, page in enumerate(every)
    )
    walker = site / "walk.html"
    walker.write_text(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>walk</title></head><body>"
        + frames
        + "<script>addEventListener('load', () => { document.documentElement.dataset.probe = JSON.stringify("
        "[...document.querySelectorAll('iframe')].map(f => { const d = f.contentDocument; return d ? {"
        "src: f.getAttribute('src'), lang: d.documentElement.lang, h1: d.querySelectorAll('h1').length,"
        "scroll: d.documentElement.scrollWidth, width: f.contentWindow.innerWidth} : {src: f.getAttribute('src')}"
        "})) })</script></body></html>",
        encoding="utf-8",
    )
    try:
        seen = chromium(tmp_path, walker.as_uri())
    finally:
        walker.unlink()
    assert isinstance(seen, list) and [p["src"] for p in seen] == every
    wrong = [p for p in seen if p.get("lang") != "en" or p.get("h1") != 1 or p.get("scroll") != p.get("width")]
    assert wrong == []


def test_every_change_of_the_law_on_a_topic_or_date_page_says_how_strong_its_evidence_is(site: Path) -> None:
    pages_with_changes = [*site.glob("topics/*/index.html"), *site.glob("dates/*/index.html")]
    assert pages_with_changes
    for page in pages_with_changes:
        text = page.read_text(encoding="utf-8")
        sections = re.findall(r'<section id="(?:steps|topic-[^"]+)"[^>]*>(.*?)</section>', text, flags=re.S)
        items = [li for s in sections for li in re.findall(r"<li>(.*?)</li>", s, flags=re.S)]
        changes = [li for li in items if "(first stated)" in li or " up from " in li or "now resting on" in li]
        assert changes, page
        assert all("evidence: " in li for li in changes), page


def test_a_provision_page_says_above_its_recorded_wording_what_later_amended_it(site: Path) -> None:
    """The page of a provision shows the wording as recorded; where an amendment changed it later, a reader
    who stops there is told by what and from when, as the reports tell them; an unamended provision has no
    such notice."""
    amended = (site / "1998-equal-rights" / "art-1" / "index.html").read_text(encoding="utf-8")
    notice = amended.split('<p class="amended">', 1)[1].split("</p>", 1)[0]
    assert "29 October 2025" in notice and "Equal Rights Protocol (2025)" in notice
    assert amended.index('<p class="amended">') < amended.index("<blockquote")
    plain = (site / "1997-charter" / "art-2" / "index.html").read_text(encoding="utf-8")
    assert '<p class="amended">' not in plain
