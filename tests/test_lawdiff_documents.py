"""The law between two dates as a document: `legalgen diff --as-of D1 --as-of D2 --format html|pdf`."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from legalgen.cli import cli

from .conftest import TREATIES

ARGS = ["diff", "--as-of", "1999-01-01", "--as-of", "2026-01-01", "--topic", "electoral-rights"]


@pytest.mark.slow
def test_the_law_diff_pdf_reads_dimensions_first_then_the_wording(tmp_path: Path) -> None:
    target = tmp_path / "law.pdf"
    result = CliRunner().invoke(cli, [*ARGS, "--corpus", str(TREATIES), "--format", "pdf", "-o", str(target)])
    assert result.exit_code == 1, result.output  # the law changed between the two dates
    text = re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(target.read_bytes())).pages))
    assert text.index("Vote — local elections: not addressed on 1 January 1999") < text.index(
        "the provisions relied on whose wording changed"
    )
    # the Protocol's words were not seen: the marker stands outside the quotation, the paraphrase is labelled
    assert "в выборные органы Союза.» ►[1: words not seen]◄" in text
    assert "what the sources say of the words not seen (paraphrase)" in text
    # a draft's words are an account, and say so
    assert "(evidence: accounts or a draft only, the text itself not seen)" in text


@pytest.mark.slow
def test_the_law_diff_html_marks_each_wording_with_its_language(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, [*ARGS, "--corpus", str(TREATIES), "--format", "html", "--embed"])
    assert result.exit_code == 1, result.output
    html = result.stdout
    assert '<span lang="ru">«Граждане России и Беларуси' in html
    assert "<script" not in html and "; ;" not in html


def test_a_law_diff_pdf_is_not_written_to_a_terminal_and_embed_needs_html() -> None:
    result = CliRunner().invoke(cli, [*ARGS, "--corpus", str(TREATIES), "--embed"])
    assert result.exit_code == 2
    assert "--embed makes an HTML fragment; add --format html" in result.stderr


def test_reports_and_briefs_say_when_a_quoted_provision_was_amended_by_their_date() -> None:
    import datetime as dt

    from legalgen.records import load_corpus
    from legalgen.views import brief_view, report_view

    corpus = load_corpus([TREATIES])
    notice = (
        "As it stood on 1 January 2026: supplemented by the Equal Rights Protocol (2025), article not identified, "
        "with effect from 29 October 2025; the added words were not seen. The wording below is as recorded, not "
        "the whole text in force."
    )
    brief = brief_view(corpus, "1998-equal-rights", as_of=dt.date(2026, 1, 1), generated=None)
    blocks = {b.cite: b for s in brief.sections for b in s.provisions}
    assert blocks["Equal Rights Treaty (1998), art. 1"].amended == notice
    assert blocks["Equal Rights Treaty (1998), art. 2"].amended is None
    before = brief_view(corpus, "1998-equal-rights", as_of=dt.date(2025, 10, 28), generated=None)
    assert all(b.amended is None for s in before.sections for b in s.provisions)  # not yet in effect
    report = report_view(corpus, as_of=dt.date(2026, 1, 1), generated=None)
    quoted = [b for c in report.chapters for e in c.entries for b in e.provisions if b.cite.endswith("(1998), art. 1")]
    assert quoted and all(b.amended == notice for b in quoted)


def test_the_law_diff_in_unified_form_never_marks_unseen_words_as_added() -> None:
    result = CliRunner().invoke(cli, [*ARGS, "--corpus", str(TREATIES), "--format", "unified"])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == ["--- the law on 1999-01-01", "+++ the law on 2026-01-01"]
    hunk = lines.index(
        "@@ Equal Rights Treaty (1998), art. 1 @@ amended: supplemented by the Equal Rights Protocol (2025), "
        "article not identified, with effect from 2025-10-29; the added words were not seen"
    )
    assert lines[hunk + 1].startswith("-«Граждане России и Беларуси")  # the wording as it stood, wholly known
    assert lines[hunk + 2].startswith("\\ now: «Граждане") and "►[1: words not seen]◄" in lines[hunk + 2]
    assert not [line for line in lines if line.startswith("+") and "words not seen" in line]
