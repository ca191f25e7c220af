"""Nothing is clipped: a token too long for its line breaks, and a quotation that would still run past its
column fails the render (exit 4) instead of publishing a misquotation."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from legalgen.cli import cli
from legalgen.render import pdf as render_pdf

from .conftest import article, instrument

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)"),
]

URL = "https://pravo.by/document/?guid=12551&p0=H19900123&p1=" + "x" * 22 + "&redirect=" + "0123456789abcdef" * 4
IDENTIFIER = "ДОГОВОР_О_СОЗДАНИИ_СОЮЗНОГО_ГОСУДАРСТВА_" + "ПРИЛОЖЕНИЕ_" * 6
WORST = [
    ("a 150-character URL inside a verbatim text", f"Текст опубликован по адресу {URL} в тот же день."),
    ("a long identifier inside a verbatim text", f"Настоящий Договор именуется {IDENTIFIER} в реестре."),
]


def squashed(text: str) -> str:
    """Text without white space or the hyphens a line break may add: what a reader reads across lines."""
    return re.sub(r"[\s\u00ad-]", "", text)


@pytest.mark.parametrize(("case", "text"), WORST, ids=[w[0] for w in WORST])
def test_a_long_token_wraps_and_reads_back_whole(
    make_corpus: Callable[..., Path], tmp_path: Path, case: str, text: str
) -> None:
    assert len(URL) == 150
    corpus = make_corpus(instrument("2000-long", provisions=[article("1", text)]))
    out = tmp_path / "brief.pdf"
    result = CliRunner(env={"SOURCE_DATE_EPOCH": "1767225600"}).invoke(
        cli, ["brief", "2000-long", "--corpus", str(corpus), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    extracted = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, check=True, text=True)
    assert squashed(text) in squashed(extracted.stdout)


def test_a_quote_that_would_be_cut_off_fails_the_render(
    make_corpus: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the wrapping rule, the URL runs past its column: the render fails, nothing is written."""
    real = render_pdf.static_text
    monkeypatch.setattr(
        render_pdf, "static_text", lambda name: real(name).replace("overflow-wrap: anywhere", "overflow-wrap: normal")
    )
    corpus = make_corpus(instrument("2000-long", provisions=[article("1", WORST[0][1])]))
    out = tmp_path / "brief.pdf"
    result = CliRunner(env={"SOURCE_DATE_EPOCH": "1767225600"}).invoke(
        cli, ["brief", "2000-long", "--corpus", str(corpus), "-o", str(out)]
    )
    assert (result.exit_code, result.stderr) == (
        4,
        "error: Brief: Treaty 2000-long: the quotation “«Текст опубликован по адресу https://pravo.by/document/?gui…” "
        "on page 1 does not fit its column: a word too long to break would be cut off; nothing was written; "
        "fix: report this as a bug\n",
    )
    assert not out.exists()
