"""`legalgen diff --format html|pdf`: the side-by-side redline as a reader sees it, and as a host site embeds it."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from legalgen.cli import cli

from .conftest import HOSTILE, ROOT, TREATIES, article, hostile_record, instrument
from .pdfread import outline, pages_text, reader, squash
from .test_embed import _Roots

EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}  # 1 January 2026


def run(*args: str, corpus: Path = TREATIES) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(cli, ["diff", *args, "--corpus", str(corpus)], env=EPOCH)
    return result.exit_code, result.stdout_bytes, result.stderr


@pytest.fixture
def hostile(make_corpus: Callable[..., Path]) -> Path:
    """The hostile record and an edited copy, so that hostile text lands inside <del> and <ins>."""
    h = HOSTILE
    edited = hostile_record() | {"id": "2002-hostile"}
    prov: dict[str, Any] = edited["provisions"][0]
    prov["texts"][0] = prov["texts"][0] | {"text": f"Статья {h['script']} {h['img']} {h['template']}"}
    prov["continues"] = ["2001-hostile/art-1"]  # so the two texts are a pair whatever their wording
    return make_corpus(hostile_record(), edited)


@pytest.mark.parametrize("embed", [False, True])
def test_html_shows_hostile_text_escaped_even_inside_the_redline(hostile: Path, embed: bool) -> None:
    code, out, err = run("2001-hostile", "2002-hostile", "--format", "html", *(["--embed"] if embed else []),
                         corpus=hostile)  # fmt: skip
    assert code == 1, err
    html = out.decode("utf-8")
    for raw in ('<img src="file:///etc/passwd">', "<script>", '<link rel="attachment"', "</style><style>"):
        assert raw not in html
    assert "<script" not in html.lower()
    assert "<del>&lt;link rel=&#34;attachment&#34; href=&#34;file:///etc/passwd&#34;&gt;</del>" in html
    assert "<ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins>" in html
    assert "{{ 7*7 }}{% raw %}" in html  # shown, never compiled as a template


@pytest.mark.slow
def test_html_page_is_side_by_side_with_legend_and_pin_cites() -> None:
    code, out, _ = run("1997-charter", "1999-union-state", "--format", "html")
    html = out.decode("utf-8")
    assert code == 1 and html.startswith("<!DOCTYPE html>")
    assert "<title>Charter of the Union (1997) → Union State Treaty (1999)</title>" in html
    assert '<p class="legend-sample"><del>deleted from A</del> <ins>inserted in B</ins></p>' in html
    art3 = html.split('id="row-a--1997-charter--art-3"')[1].split("</section>")[0]
    assert "Paired by topic + similarity, score 0.53: shared topic sovereignty; wording 0.27." in art3
    assert '<th scope="col">A · Charter of the Union (1997), art. 3</th>' in art3
    assert '<th scope="col">B · Union State Treaty (1999), art. 3</th>' in art3
    assert "«<del>Союз основывается</del> на принципах суверенного равенства государств" in art3
    assert "«<ins>1. Союзное государство базируется</ins> на принципах" in art3
    assert "Note: A&#39;s quote is cut off at the end by its source" in art3
    # the paraphrase of art. 3 is shown, labelled, and nothing in it is marked up
    english = art3.split("English · paraphrase — not redlined")[1].split("Russian ·")[0]
    assert "Paraphrase in English (working translation of the Russian text) · not the instrument" in english
    assert "<del>" not in english and "<ins>" not in english and "«" not in english


@pytest.mark.slow
def test_embedded_fragment_is_one_scoped_element_without_scripts_or_requests() -> None:
    code, out, _ = run("1997-union", "1999-union-state", "--format", "html", "--embed")
    text = out.decode("utf-8")
    assert code == 1
    parser = _Roots()
    parser.feed(text)
    assert parser.roots == ["div"] and parser.text_outside == ""
    assert not re.search(r"<[^>]+\son\w+=", text) and not re.search(r"\s(src|srcset|poster|data)=", text)
    style = re.search(r"<style>(.*?)</style>", text, re.DOTALL)
    assert style and text.count("<style>") == 1 and "url(" not in style.group(1)
    css = re.sub(r"@(container|media)[^{]*\{", "", style.group(1))
    for selectors in re.findall(r"([^{}]+)\{", css):
        for selector in re.split(r",(?![^()]*\))", selectors):
            assert selector.strip().startswith(".legalgen:not(#_)"), f"unscoped selector {selector!r}"
    ids = re.findall(r'\sid="([^"]+)"', text)
    assert ids and all(i.startswith("diff-1997-union-1999-union-state--") for i in ids)
    assert len(ids) == len(set(ids))


@pytest.mark.slow
def test_pdf_is_a_redline_a_lawyer_can_print() -> None:
    code, pdf, err = run("1997-charter", "1999-union-state", "--format", "pdf", "-o", "-")
    assert code == 1, err
    assert "warning:" not in err
    pages = pages_text(pdf)
    text = squash("".join(pages))
    assert squash("How to read this comparison") in text
    assert squash("Struck through Words of A that B does not have (deleted).") in text
    assert squash("A · Charter of the Union (1997), art. 3") in text
    assert squash("B · Union State Treaty (1999), art. 3") in text
    assert squash("«Союз основывается на принципах суверенного равенства") in text
    assert (
        squash(
            "Paired by recorded link, score 1.00: Union State Treaty (1999), art. 14, carries forward"
            " Charter of the Union (1997), art. 2."
        )
        in text
    )
    assert squash("Generated by legalgen") in text and squash("1 January 2026") in text
    titles = [title for _, title, _ in outline(pdf)]
    assert titles[:3] == ["Summary", "How to read this comparison", "Provisions"]
    assert "art. 2 → art. 14 · paraphrase — not redlined" in titles
    assert "art. 3 · changed" in titles
    info = reader(pdf).metadata
    assert info is not None and info.title == "Charter of the Union (1997) → Union State Treaty (1999)"


@pytest.mark.slow
def test_pdf_marks_survive_black_and_white_printing() -> None:
    """Deleted words are struck through and inserted ones underlined, not told apart by colour alone."""
    from legalgen.analysis import diff_instruments
    from legalgen.records import load_corpus
    from legalgen.render.html import render_html
    from legalgen.views import diff_view

    css = (ROOT / "legalgen" / "static" / "print.css").read_text(encoding="utf-8")
    assert re.search(r"^del \{[^}]*text-decoration: line-through", css, re.MULTILINE)
    assert re.search(r"^ins \{[^}]*text-decoration: underline", css, re.MULTILINE)
    corpus = load_corpus([TREATIES])
    d = diff_instruments(corpus.instrument("1997-charter"), corpus.instrument("1999-union-state"), corpus.topics)
    html = render_html("diff.html", diff_view(d, generated=None), mode="pdf")
    assert html.count("<del>") == html.count("</del>") > 0 and html.count("<ins>") == html.count("</ins>") > 0


@pytest.mark.slow
def test_pdf_renders_the_same_bytes_twice() -> None:
    first = run("1997-union", "1999-union-state", "--format", "pdf", "-o", "-")[1]
    assert first[:5] == b"%PDF-"
    assert run("1997-union", "1999-union-state", "--format", "pdf", "-o", "-")[1] == first


def test_embed_needs_html() -> None:
    code, _, err = run("1997-union", "1999-union-state", "--embed")
    assert code == 2 and "--embed makes an HTML fragment; add --format html" in err


def test_record_files_of_ones_own_render_too(make_corpus: Callable[..., Path]) -> None:
    folder = make_corpus(
        instrument("2000-a", provisions=[article("1", "Граждане Сторон имеют право избирать в органы Союза.")]),
        instrument(
            "2000-b",
            provisions=[article("1", "Граждане Сторон имеют право избирать в органы местного самоуправления.")],
        ),
    )
    code, out, _ = run(str(folder / "2000-a.yaml"), str(folder / "2000-b.yaml"), "--format", "html")
    assert code == 1
    assert "органы <del>Союза</del>" in out.decode("utf-8")
    assert "органы <ins>местного самоуправления</ins>" in out.decode("utf-8")


@pytest.mark.slow
def test_html_loads_jinja2_but_not_weasyprint() -> None:
    code = (
        "import sys; from legalgen.cli import main\n"
        "try:\n    main(['diff', '1997-union', '1999-union-state', '--format', 'html'])\n"
        "except SystemExit:\n    pass\n"
        "print('LOADED', sorted(m for m in ('weasyprint', 'jinja2') if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert "LOADED ['jinja2']" in proc.stdout, proc.stderr
    assert "<!DOCTYPE html>" in proc.stdout
