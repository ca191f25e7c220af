"""Every PDF and HTML document records the versions and the SHA-256 of its inputs; `legalgen verify` says
whether it still matches the corpus. Rendering failures are one line, exit 4, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from legalgen import __version__
from legalgen.cli import cli
from legalgen.errors import RenderError
from legalgen.provenance import read_provenance, renderer_version
from legalgen.render import html as render_html_module
from legalgen.render.html import render_html

from .conftest import rich_records

EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}
JINJA = renderer_version("Jinja2")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner(env=EPOCH).invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def made(make_corpus: Callable[..., Path], tmp_path: Path) -> tuple[Path, Path]:
    """A corpus and the brief on citizenship made from it, as HTML."""
    corpus = make_corpus(*rich_records())
    out = tmp_path / "brief.html"
    assert run("brief", "citizenship", "--corpus", str(corpus), "--format", "html", "-o", str(out))[0] == 0
    return corpus, out


def test_an_html_document_records_its_inputs(made: tuple[Path, Path]) -> None:
    _, out = made
    found = read_provenance(out.read_bytes())
    assert found is not None
    assert (found.tool, found.renderer) == (__version__, JINJA)
    assert [name for name, _ in found.inputs] == ["topics", "1995-friendship", "1997-charter", "1999-union-state"]


def test_verify_says_it_matches(made: tuple[Path, Path]) -> None:
    corpus, out = made
    assert run("verify", str(out), "--corpus", str(corpus)) == (
        0,
        f"ok: {out} matches {corpus}: its 4 inputs are unchanged (made by legalgen {__version__} with {JINJA})\n",
        "",
    )


def test_a_comment_in_a_record_does_not_count_as_a_change(made: tuple[Path, Path]) -> None:
    corpus, out = made
    record = corpus / "1997-charter.yaml"
    record.write_text("# reviewed again\n" + record.read_text(encoding="utf-8"), encoding="utf-8")
    assert run("verify", str(out), "--corpus", str(corpus))[0] == 0


def test_verify_names_each_input_that_changed(made: tuple[Path, Path]) -> None:
    corpus, out = made
    record = corpus / "1997-charter.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("place: Moscow", "place: Minsk"), encoding="utf-8")
    topics = corpus / "topics.yaml"
    topics.write_text(
        topics.read_text(encoding="utf-8").replace(
            "label: Union citizenship", "label: Citizenship of the union, renamed"
        ),
        encoding="utf-8",
    )
    made_by = f"since it was made by legalgen {__version__} with {JINJA}"
    assert run("verify", str(out), "--corpus", str(corpus)) == (
        1,
        f"{out}: does not match {corpus}: the topic catalogue (topics.yaml) changed {made_by}\n"
        f"{out}: does not match {corpus}: record 1997-charter changed {made_by}\n",
        "",
    )


def test_a_file_without_provenance_or_edited_is_exit_2(made: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, out = made
    edited = tmp_path / "edited.html"
    text = out.read_text(encoding="utf-8")
    edited.write_text(text.replace(text.split("sha256 ")[1][:8], "00000000", 1), encoding="utf-8")
    no = "carries no legalgen provenance (not a PDF or HTML document of legalgen, or changed since); fix: verify a document made by legalgen build, report or brief"
    assert run("verify", str(edited), "--corpus", str(corpus)) == (2, "", f"error: {edited}: {no}\n")
    missing = tmp_path / "nothing.pdf"
    assert run("verify", str(missing), "--corpus", str(corpus)) == (
        2,
        "",
        f"error: {missing}: cannot be read (No such file or directory); fix: check the path\n",
    )


def test_a_template_typo_is_one_line() -> None:
    with pytest.raises(RenderError) as caught:
        render_html("brief.html", object())
    assert (str(caught.value), caught.value.exit_code) == (
        "template brief.html: 'object object' has no attribute 'meta'; nothing was written; "
        "fix: correct the name in the template",
        4,
    )


def test_a_missing_packaged_stylesheet_is_one_line(
    make_corpus: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def gone(name: str) -> str:
        raise FileNotFoundError(
            2, "No such file or directory", f"/usr/lib/python3/site-packages/legalgen/static/{name}"
        )

    monkeypatch.setattr(render_html_module, "static_text", gone)
    render_html_module._css.cache_clear()
    try:
        code, out, err = run(
            "brief", "citizenship", "--corpus", str(make_corpus(*rich_records())), "--format", "html", "-o", "-"
        )
    finally:
        render_html_module._css.cache_clear()
    assert (code, out, err) == (
        4,
        "",
        "error: legalgen/static/screen.css is missing from the installed legalgen; nothing was written; "
        "fix: reinstall legalgen\n",
    )


@pytest.mark.slow
def test_a_pdf_records_its_inputs_and_verifies(make_corpus: Callable[..., Path], tmp_path: Path) -> None:
    from .pdfread import reader

    corpus = make_corpus(*rich_records())
    out = tmp_path / "brief.pdf"
    assert run("brief", "1997-charter", "--corpus", str(corpus), "--pdf-a", "-o", str(out))[0] == 0
    found = read_provenance(out.read_bytes())
    assert found is not None and found.renderer == renderer_version("WeasyPrint")
    assert reader(out.read_bytes()).metadata["/legalgenprovenance"] == found.text()
    assert run("verify", str(out), "--corpus", str(corpus))[0] == 0


@pytest.mark.slow
def test_write_pdf_failing_is_one_line(make_corpus: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint.document import Document

    def fails(self: object, *args: object, **kwargs: object) -> bytes:
        raise RuntimeError("cairo: out of memory\nmore detail")

    monkeypatch.setattr(Document, "write_pdf", fails)
    code, out, err = run("brief", "1997-charter", "--corpus", str(make_corpus(*rich_records())), "-o", "-")
    assert (code, out, err) == (
        4,
        "",
        "error: WeasyPrint could not write the PDF (RuntimeError: cairo: out of memory); nothing was written; "
        "fix: run again with --debug and report this as a bug\n",
    )


@pytest.mark.slow
def test_a_font_that_is_not_installed_is_never_replaced(
    make_corpus: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from legalgen.render import pdf as render_pdf

    real = render_pdf.static_text
    monkeypatch.setattr(render_pdf, "static_text", lambda name: real(name).replace('"PT Serif"', '"PT Serif Missing"'))
    code, out, err = run("brief", "1997-charter", "--corpus", str(make_corpus(*rich_records())), "-o", "-")
    assert (code, out) == (4, "")
    assert err.startswith("error: Brief: Charter") or err.startswith("error: ")
    assert err.endswith(
        "would replace PT Sans and PT Serif, which is not installed; nothing was written; "
        "fix: install fonts-paratype (scripts/setup-system)\n"
    )
    assert err.count("\n") == 1


@pytest.mark.slow
def test_a_character_the_fonts_lack_is_set_in_another_font_with_a_warning(
    make_corpus: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A record may hold a character PT Serif lacks (an arrow): the text is all there, and the user is told
    which font set it (here with the declared DejaVu fallback taken away, so the arrow counts as foreign)."""
    from legalgen.render import pdf as render_pdf

    monkeypatch.setattr(render_pdf, "FALLBACK_FAMILIES", frozenset())
    records = rich_records()
    records[1]["provisions"][0]["note"] = "Renumbered: art. 8 → art. 17."
    target = tmp_path / "brief.pdf"
    code, _, err = run("brief", "1997-charter", "--corpus", str(make_corpus(*records)), "-o", str(target))
    assert code == 0 and target.read_bytes().startswith(b"%PDF")
    assert "warning: " in err and "characters that PT Sans and PT Serif lack are set in" in err
