"""The real Russia–Belarus corpus: it validates, and no quote is one nobody saw."""

from __future__ import annotations

import re

import pytest

from legalgen.records import Verbatim, load_corpus

from .conftest import ROOT, TREATIES

RESEARCH = ROOT.parent / "shared" / "research" / "treaty-facts.md"
#: What the project found since, with where and how (the research file above is read-only).
ADDED = ROOT / "treaties" / "RESEARCH.md"


def normalise(text: str) -> str:
    text = re.sub(r"^\s*>\s?", "", text, flags=re.MULTILINE)
    return re.sub(r"\s+", " ", text).strip()


pytestmark = pytest.mark.slow  # reads treaties/ (about a second to load)


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    return load_corpus([TREATIES])


def test_the_corpus_validates(corpus) -> None:  # type: ignore[no-untyped-def]
    assert {
        "1995-customs-union", "1995-friendship", "1996-community", "1997-union", "1997-charter",
        "1998-equal-rights", "1998-declaration", "1999-union-state", "2024-security-guarantees",
        "2025-equal-rights-protocol", "2025-ru-ratification-law",
    } <= set(corpus.ids)  # fmt: skip
    assert [t.id for t in corpus.topics.topics] == ["sovereignty", "citizenship", "electoral-rights"]


def test_every_verbatim_text_was_seen_in_the_research(corpus) -> None:  # type: ignore[no-untyped-def]
    """Each line of every verbatim quote stands, word for word, in the researched fact sheet or in the
    project's own research notes (``treaties/RESEARCH.md``), which say where and how each was found."""
    if not RESEARCH.is_file():
        pytest.skip(f"{RESEARCH} is not beside this checkout")
    facts = normalise(RESEARCH.read_text(encoding="utf-8") + "\n" + ADDED.read_text(encoding="utf-8"))
    unseen = []
    for inst in corpus.instruments:
        for prov in inst.provisions:
            for text in prov.verbatim:
                # The source's own words, stretch by stretch: an editors' restoration is not in the source.
                seen = [part.text for part in text.parts() if not part.restored]
                for line in (line for words in seen for line in words.splitlines()):
                    if normalise(line) not in facts:
                        unseen.append(f"{inst.id}/{prov.id}: {line[:60]}")
    assert unseen == []


def test_every_verbatim_text_names_a_source_with_an_address(corpus) -> None:  # type: ignore[no-untyped-def]
    for inst in corpus.instruments:
        for prov in inst.provisions:
            for text in prov.texts:
                if isinstance(text, Verbatim):
                    source = inst.source(text.source)
                    assert source is not None and (source.url or source.publication), f"{inst.id}/{prov.id}"


@pytest.mark.parametrize(
    ("instrument", "provision", "start"),
    [
        ("1997-charter", "art-2", "Устанавливается гражданство Союза."),
        (
            "1998-equal-rights",
            "art-1",
            "Граждане России и Беларуси обладают равными правами избирать и быть избранными",
        ),
        ("1997-union", "art-1", "Сообщество России и Белоруссии преобразуется в Союз"),
        ("1995-friendship", "art-17", "Каждая из Договаривающихся Сторон защищает права"),
    ],
)
def test_key_clauses_are_verbatim_originals(corpus, instrument: str, provision: str, start: str) -> None:  # type: ignore[no-untyped-def]
    prov = corpus.instrument(instrument).provision(provision)
    original = prov.text_in("ru")
    assert isinstance(original, Verbatim) and original.rendering.value == "original"
    assert original.text.startswith(start)


@pytest.mark.parametrize(("instrument", "provision"), [("1999-union-state", "art-6"), ("1999-union-state", "art-14")])
def test_unverified_1999_articles_are_never_verbatim(corpus, instrument: str, provision: str) -> None:  # type: ignore[no-untyped-def]
    """treaty-facts.md: arts. 6 and 14 of the 1999 Treaty were not found verbatim; they must stay paraphrase."""
    prov = corpus.instrument(instrument).provision(provision)
    assert prov.verbatim == ()
    assert prov.paraphrases


def test_records_point_editors_at_the_schema() -> None:
    first = (TREATIES / "1997-charter.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/instrument.schema.json"
