"""The record format as a newcomer meets it: article designations as treaties write them, their natural
order, what `validate` says about the first mistakes, consolidation, partial records, and the README's
list of rules kept in step with the code."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from legalgen.cli import cli
from legalgen.ids import ProvisionRef, article_label, parse_provision_id, provision_id, sort_provision_ids
from legalgen.records import load_corpus
from legalgen.records.rules import rules_markdown

from .conftest import article, assessment, instrument

ROOT = Path(__file__).resolve().parent.parent
MakeCorpus = Callable[..., Path]

# designation as written, its id, its pin cite (with paragraph 1)
DESIGNATIONS = [
    ("14", "art-14", "art. 14(1)"),
    ("8b", "art-8b", "art. 8b(1)"),
    ("8 bis", "art-8-bis", "art. 8 bis(1)"),
    ("12 quater", "art-12-quater", "art. 12 quater(1)"),
    ("F", "art-f", "art. F(1)"),
    ("IV", "art-iv", "art. IV(1)"),
    ("II-3", "art-ii-3", "art. II-3(1)"),
    ("J.1", "art-j.1", "art. J.1(1)"),
]


@pytest.mark.parametrize(("written", "pid", "label"), DESIGNATIONS)
def test_a_designation_has_one_id_that_reads_back(written: str, pid: str, label: str) -> None:
    assert provision_id(written) == pid
    assert parse_provision_id(f"{pid}/para-1") == (written, "1")
    assert article_label(written, "1") == label
    assert ProvisionRef.parse(f"1992-teu/{pid}/para-1").label == label


# one instrument's provision ids, shuffled → in the order of the instrument
ORDERS = [
    (  # issue 9: printed 4, 4(2), 5, unidentified, 4(3), 6(1)
        ["art-4", "art-4/para-2", "art-5", "unidentified", "art-4/para-3", "art-6/para-1"],
        ["art-4", "art-4/para-2", "art-4/para-3", "art-5", "art-6/para-1", "unidentified"],
    ),
    (
        ["art-10", "art-8b", "preamble", "art-8", "art-9", "art-8-bis", "art-8a", "art-2"],
        ["preamble", "art-2", "art-8", "art-8-bis", "art-8a", "art-8b", "art-9", "art-10"],
    ),
    (  # Maastricht: letters, with C, D, I, L, M read as letters because B, F, G are not roman numerals
        [
            "art-m",
            "art-g",
            "art-c",
            "art-f/para-1",
            "art-b",
            "art-j.1",
            "art-i",
            "art-l",
            "art-d",
            "art-j.10",
            "art-j.2",
        ],
        [
            "art-b",
            "art-c",
            "art-d",
            "art-f/para-1",
            "art-g",
            "art-i",
            "art-j.1",
            "art-j.2",
            "art-j.10",
            "art-l",
            "art-m",
        ],
    ),
    (  # GATT: roman numerals by value
        ["art-x", "art-ix", "art-xxxviii", "art-iv", "art-i", "art-v"],
        ["art-i", "art-iv", "art-v", "art-ix", "art-x", "art-xxxviii"],
    ),
    (  # the European Constitution's part-article numbers
        ["art-iii-10", "art-ii-3", "art-i-1", "art-iii-2"],
        ["art-i-1", "art-ii-3", "art-iii-2", "art-iii-10"],
    ),
    (  # paragraphs: numbers numerically, then letters
        ["art-1/para-b", "art-1/para-a", "art-1/para-10", "art-1/para-2", "art-2/para-i", "art-2/para-h"],
        ["art-1/para-2", "art-1/para-10", "art-1/para-a", "art-1/para-b", "art-2/para-h", "art-2/para-i"],
    ),
    (  # roman points, when every letters-only paragraph is a numeral and some have several letters
        ["art-2/para-ix", "art-2/para-v", "art-2/para-ii", "art-2/para-x", "art-2/para-i"],
        ["art-2/para-i", "art-2/para-ii", "art-2/para-v", "art-2/para-ix", "art-2/para-x"],
    ),
]


@pytest.mark.parametrize(("shuffled", "ordered"), ORDERS)
def test_provisions_sort_in_the_order_of_the_instrument(shuffled: list[str], ordered: list[str]) -> None:
    assert sort_provision_ids(shuffled) == ordered


def test_an_instrument_lists_its_provisions_in_order_whatever_the_record_order(make_corpus: MakeCorpus) -> None:
    provs = [
        article("5"),
        article("4", paragraph="3"),
        article("unidentified"),
        article("4"),
        article("4", paragraph="2"),
    ]
    corpus = load_corpus([make_corpus(instrument("2000-a", provisions=provs))])
    inst = corpus.instrument("2000-a")
    assert [p.id for p in inst.provisions_in_order] == [
        "art-4",
        "art-4/para-2",
        "art-4/para-3",
        "art-5",
        "unidentified",
    ]
    code, out = _run("show", "2000-a", "--corpus", str(corpus_dir(make_corpus, provs)))
    assert code == 0
    heads = [line.strip() for line in out.splitlines() if re.match(r"^  (art\.|article)", line)]
    assert heads == ["art. 4", "art. 4(2)", "art. 4(3)", "art. 5", "article not identified"]


def corpus_dir(make_corpus: MakeCorpus, provs: list[dict[str, Any]]) -> Path:
    return make_corpus(instrument("2000-a", provisions=provs))


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


# ------------------------------------------------------------------ a newcomer's first mistakes

F = "corpus/2000-a.yaml"

BAD = [
    (
        "article written with its abbreviation",
        instrument("2000-a", provisions=[article("Art. F")]),
        f"{F}:22:3: provisions[0]: article 'Art. F' is not an article designation; fix: write 'F'",
    ),
    (
        "article and paragraph in one",
        instrument("2000-a", provisions=[article("F(1)")]),
        f"{F}:22:3: provisions[0]: article 'F(1)' is not an article designation; fix: write `article: 'F'` and `paragraph: '1'`",
    ),
    (
        "Latin ordinal run together",
        instrument("2000-a", provisions=[article("8bis")]),
        f"{F}:22:3: provisions[0]: article '8bis' is not an article designation; fix: write '8 bis'",
    ),
    (
        "source with neither url nor publication",
        instrument("2000-a", sources=[{"id": "S1", "title": "Official text", "reliability": "official_publication"}]),
        f"{F}:11:3: sources[0]: a source needs a url or a publication; fix: add `url:` or `publication:`",
    ),
    (
        "reference to a lettered article by its old workaround",
        instrument(
            "2000-a",
            provisions=[article("F", paragraph="1"), article("G")],
            assessments=[assessment("citizenship", "union-citizenship", "unidentified/para-f", summary="S.")],
        ),
        f"{F}:46:7: assessments[0].codes[0].provisions[0]: 2000-a has no provision unidentified/para-f; fix: did you mean 'art-f/para-1'? else add it to 2000-a.yaml",
    ),
    (
        "reference with a paragraph the article does not have",
        instrument(
            "2000-a",
            provisions=[article("F", paragraph="1"), article("G")],
            assessments=[assessment("citizenship", "union-citizenship", "art-f/para-2", summary="S.")],
        ),
        f"{F}:46:7: assessments[0].codes[0].provisions[0]: 2000-a has no provision art-f/para-2; fix: did you mean 'art-f/para-1'? else add it to 2000-a.yaml",
    ),
    (
        "partial record that does not say which part",
        instrument("2000-a", provisions=[article("B", recorded="partial")]),
        f"{F}:22:3: provisions[0]: `recorded: partial` does not say what was recorded; fix: add `extent:` (e.g. 'only the first sentence')",
    ),
]


@pytest.mark.parametrize(("case", "record", "expected"), BAD, ids=[b[0] for b in BAD])
def test_a_newcomers_mistake_says_what_to_write(
    make_corpus: MakeCorpus, case: str, record: dict[str, Any], expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_corpus(record)
    monkeypatch.chdir(folder.parent)
    result = CliRunner().invoke(cli, ["validate", "--corpus", folder.name])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == expected


def test_a_lettered_article_is_valid_and_cited_by_its_letter(make_corpus: MakeCorpus) -> None:
    folder = make_corpus(instrument("2000-a", provisions=[article("F", paragraph="1"), article("8 bis")]))
    code, out = _run("validate", "--corpus", str(folder))
    assert (code, out) == (0, "ok: 1 instrument, 2 topics, no problems\n")
    inst = load_corpus([folder]).instrument("2000-a")
    assert [inst.pin_cite(p.id) for p in inst.provisions_in_order] == [
        "Treaty 2000-a, art. 8 bis",
        "Treaty 2000-a, art. F(1)",
    ]


def test_validate_takes_corpus_and_still_takes_paths(make_corpus: MakeCorpus) -> None:
    folder = make_corpus(instrument("2000-a"))
    assert _run("validate", "--corpus", str(folder))[0] == 0
    assert _run("validate", str(folder))[0] == 0
    assert _run("validate", "--corpus", str(folder), str(folder / "2000-a.yaml"))[0] == 0  # read once, not twice


# ------------------------------------------------------------------ consolidation and partial records


def test_a_consolidation_renumbers_without_ending_the_consolidated_text() -> None:
    corpus = load_corpus([ROOT / "examples" / "eu-citizenship"])
    code, out = _run("as-of", "2010-01-01", "--corpus", str(ROOT / "examples" / "eu-citizenship"))
    assert code == 0
    line = next(x for x in out.splitlines() if "Maastricht Treaty on European Union" in x or "1992-teu" in x)
    assert "in force" in line and "terminated" not in line
    code, out = _run("show", "2007-teu-lisbon", "--corpus", str(ROOT / "examples" / "eu-citizenship"))
    assert "  Consolidates 1992-teu under new numbers (art. F(1) is art. 4(2) here)" in out.splitlines()
    assert corpus.instrument("1992-teu").provision("art-f/para-1") is not None


def test_a_partial_record_says_so_in_reports(make_corpus: MakeCorpus) -> None:
    prov = article("B", recorded="partial", extent="only the third indent")
    folder = make_corpus(instrument("2000-a", provisions=[prov]))
    code, out = _run("show", "2000-a", "--corpus", str(folder))
    assert code == 0
    assert "    Recorded in part: only the third indent." in out.splitlines()
    code, out = _run("brief", "2000-a", "--corpus", str(folder), "--format", "html", "-o", "-")
    assert code == 0
    assert '<p class="partial">Recorded in part: only the third indent.</p>' in out


# ------------------------------------------------------------------ the README documents every rule


def test_readme_lists_every_cross_record_rule() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"<!-- rules: start -->\n(.*?)<!-- rules: end -->", readme, re.S)
    assert m, "README.md has no <!-- rules: start --> … <!-- rules: end --> block"
    assert m[1] == rules_markdown(), (
        "regenerate it: python -c 'from legalgen.records.rules import rules_markdown as r; print(r())'"
    )
