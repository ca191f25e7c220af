"""`legalgen export csl-json|bibtex`: what a reference manager imports, read back by the libraries they use.

citeproc-py renders the CSL-JSON in the CSL style it bundles (Harvard, Cite Them Right); pytest turns every
warning into an error (pyproject: filterwarnings = error), so a render with a warning fails. bibtexparser
reads the BibTeX back, and no block may fail to parse.
"""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from click.testing import CliRunner

from legalgen.cli import cli
from legalgen.records import load_corpus

from .conftest import ROOT

CORPORA = [ROOT / "treaties", ROOT / "examples" / "eu-citizenship"]


def export(fmt: str, corpus: Path) -> str:
    result = CliRunner().invoke(cli, ["export", fmt, "--corpus", str(corpus)])
    assert (result.exit_code, result.stderr) == (0, "")
    return result.stdout


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.name)
def test_csl_json_renders_in_a_bundled_csl_style_without_warnings(corpus: Path) -> None:
    items = json.loads(export("csl-json", corpus))
    ids = load_corpus([corpus]).ids
    assert [item["id"] for item in items] == list(ids)
    style = CitationStylesStyle("harvard-cite-them-right", validate=True)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    entries = [str(entry) for entry in bibliography.bibliography()]
    assert len(entries) == len(items)
    # every entry names its instrument and its year, as the style prints them
    for item in items:
        year = str(item["issued"]["date-parts"][0][0])
        assert any(item["title"] in e and f"({year})" in e for e in entries), item["id"]


def test_csl_json_items_carry_type_title_date_parties_url_language() -> None:
    items = {i["id"]: i for i in json.loads(export("csl-json", ROOT / "treaties"))}
    union_state = items["1999-union-state"]
    assert union_state["type"] == "treaty"
    assert union_state["title"] == "Treaty on the establishment of a Union State"
    assert union_state["issued"] == {"date-parts": [[1999, 12, 8]]}
    assert union_state["authority"] == "Russian Federation; Republic of Belarus"
    assert union_state["container-title"] == "UN General Assembly document A/54/666, annex"
    # the first legal-database source the record quotes the text from, not the official portal's page on
    # the Charter (S1), which the record cites only for the Charter's end
    assert union_state["URL"] == "http://base.spinform.ru/show_doc.fwx?rgn=3841"
    assert union_state["language"] == "ru"
    assert items["2025-ru-ratification-law"]["type"] == "legislation"
    assert "URL" not in items["2025-equal-rights-protocol"]  # no official or legal-database source recorded


def test_bibtex_parses_back_entry_for_entry() -> None:
    text = export("bibtex", ROOT / "examples" / "eu-citizenship")
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    corpus = load_corpus([ROOT / "examples" / "eu-citizenship"])
    assert [e.key for e in library.entries] == list(corpus.ids)
    for entry, inst in zip(library.entries, corpus.instruments, strict=True):
        assert entry.entry_type == "legislation"
        assert entry.fields_dict["title"].value == "{" + inst.title + "}"
        assert entry.fields_dict["date"].value == inst.dated.isoformat()  # type: ignore[union-attr]
        assert entry.fields_dict["author"].value == " and ".join("{" + p + "}" for p in inst.parties)
    directive = library.entries_dict["1994-directive-94-80"]
    assert directive.fields_dict["url"].value == "https://legislation.gov.uk/eudr/1994/80/chapter/I/2020-12-31"


def test_bibtex_escapes_what_tex_would_read_as_commands() -> None:
    from legalgen.render.references import bibtex_escape

    assert bibtex_escape("Law & Order 50% {x} #1 a_b") == r"Law \& Order 50\% \{x\} \#1 a\_b"


def test_export_writes_a_file_once_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "corpus.bib"
    first = CliRunner().invoke(cli, ["export", "bibtex", "--corpus", str(ROOT / "treaties"), "-o", str(target)])
    assert (first.exit_code, first.stderr) == (0, f"wrote {target}\n")
    assert target.read_text(encoding="utf-8") == export("bibtex", ROOT / "treaties")
    again = CliRunner().invoke(cli, ["export", "bibtex", "--corpus", str(ROOT / "treaties"), "-o", str(target)])
    assert again.exit_code == 3
    assert again.stderr == f"error: {target}: exists; fix: add --force to replace it, or choose another name\n"


def test_an_unknown_export_format_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["export", "ris"])
    assert result.exit_code == 2
    assert "'ris' is not one of 'csl-json', 'bibtex'" in result.stderr
