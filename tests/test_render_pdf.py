"""The PDF renderer on its own: what it may fetch, what fails a render, what it writes into the file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from legalgen.errors import RefusedError, RenderError
from legalgen.render.pdf import AllowlistFetcher, BlockedResource, html_to_pdf, static_dir

PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


def page(body: str, head: str = "") -> str:
    return f'<!DOCTYPE html><html lang="en"><head><title>t</title>{head}</head><body>{body}</body></html>'


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-CANARY", encoding="utf-8")
    return path


# Every way an HTML document can make WeasyPrint read something (all must stop the render).
REQUESTS = [
    ("img", '<img alt="x" src="{url}">', ""),
    ("css url() in a style attribute", '<div style="background-image: url({url})">x</div>', ""),
    ("css url() in a style element", "<p>x</p>", "<style>p {{ background: url({url}) }}</style>"),
    ("css @import", "<p>x</p>", '<style>@import url("{url}");</style>'),
    ("stylesheet link", "<p>x</p>", '<link rel="stylesheet" href="{url}">'),
    ("attachment link", "<p>x</p>", '<link rel="attachment" href="{url}">'),
    ("attachment anchor", '<a rel="attachment" href="{url}">x</a>', ""),
    ("object", '<object data="{url}" type="text/plain">x</object>', ""),
    ("embed", '<embed src="{url}" type="image/png">', ""),
    ("svg image", '<svg width="10" height="10"><title>t</title><image href="{url}" width="10" height="10"/></svg>', ""),
]


@pytest.mark.slow
@pytest.mark.parametrize(("case", "body", "head"), REQUESTS, ids=[r[0] for r in REQUESTS])
@pytest.mark.parametrize("scheme", ["file", "http"])
def test_any_request_outside_legalgen_stops_the_render(
    case: str, body: str, head: str, scheme: str, secret: Path
) -> None:
    url = secret.as_uri() if scheme == "file" else "http://127.0.0.1:9/secret.png"
    with pytest.raises(RefusedError) as info:
        html_to_pdf(page(body.format(url=url), head.format(url=url)))
    assert url[:60] in str(info.value) and "refused" in str(info.value)
    assert info.value.exit_code == 3


def test_fetcher_serves_only_packaged_static_files(secret: Path) -> None:
    fetcher = AllowlistFetcher()
    own = static_dir() / "print.css"
    assert b"@page" in fetcher.fetch(own.as_uri()).read()
    assert fetcher.fetch(PNG).read().startswith(b"\x89PNG")
    for url in (
        secret.as_uri(),
        (static_dir() / ".." / "render_pdf.py").as_uri(),  # a path that walks out of static/
        "file://example.org" + str(own),  # a file URL on another host
        "ftp://example.org/x",
        "https://example.org/x.css",
        "javascript:alert(1)",
        "relative/path.png",
    ):
        with pytest.raises(BlockedResource):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 7 and len(fetcher.fetched) == 2


@pytest.mark.slow
def test_data_urls_and_own_files_render() -> None:
    pdf = html_to_pdf(page(f'<p>Текст</p><img alt="a dot" src="{PNG}">')).data
    assert "Текст" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


@pytest.mark.slow
def test_a_weasyprint_error_fails_the_render() -> None:
    # Tagged PDF requires alternative text; WeasyPrint logs an ERROR for an image without it.
    with pytest.raises(RenderError) as info:
        html_to_pdf(page(f'<img src="{PNG}">'))
    assert "WeasyPrint" in str(info.value) and info.value.exit_code == 4


@pytest.mark.slow
def test_metadata_comes_from_the_head_and_dates_from_dcterms() -> None:
    head = (
        '<meta name="author" content="legalgen"><meta name="description" content="About it">'
        '<meta name="keywords" content="a, b"><meta name="dcterms.created" content="2020-01-02T00:00:00Z">'
        '<meta name="dcterms.modified" content="2020-01-02T00:00:00Z">'
    )
    html = (
        page("<p>x</p>", head).replace("<title>t</title>", "<title>The title</title>").replace('lang="en"', 'lang="ru"')
    )
    reader = PdfReader(io.BytesIO(html_to_pdf(html).data))
    meta = reader.metadata
    assert meta is not None
    assert (meta.title, meta.author, meta.subject) == ("The title", "legalgen", "About it")
    assert meta.get("/Keywords") == "a, b"
    assert meta.get("/CreationDate", "").startswith("D:20200102")
    assert reader.trailer["/Root"]["/Lang"] == "ru"
    assert html_to_pdf(html) == html_to_pdf(html)
