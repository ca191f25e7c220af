"""legalgen site: the static site of treaties/ — every link resolves, every page is well-formed and carries
its schema.org Legislation metadata, nothing is loaded from outside, the bytes are the same twice, and (slow)
the pages render and search in headless Chromium at phone width."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
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
