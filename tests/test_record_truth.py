"""The records say only what the law and the research say (issue 9, item 6, and docs/record-audit.md).

These tests read the records (load and validate, nothing rendered). Each names the error it guards against;
every one of them fails on the records as they stood before the audit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from pydantic import BaseModel

from legalgen.records import load_corpus
from legalgen.records.corpus import Corpus
from legalgen.records.models import Instrument, Paraphrase, Reliability, Rendering, Verbatim

from .conftest import ROOT

CORPORA = {"treaties": ROOT / "treaties", "eu-citizenship": ROOT / "examples" / "eu-citizenship"}


@pytest.fixture(scope="module")
def treaties() -> Corpus:
    return load_corpus([CORPORA["treaties"]])


@pytest.fixture(scope="module", params=sorted(CORPORA))
def corpus(request: pytest.FixtureRequest) -> Corpus:
    return load_corpus([CORPORA[request.param]])


def strings(node: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Every text a record holds, with where it is (``provisions[3].texts[1].basis``)."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from strings(getattr(node, name), f"{path}.{name}" if path else name)
    elif isinstance(node, (tuple, list)):
        for i, item in enumerate(node):
            yield from strings(item, f"{path}[{i}]")
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from strings(value, f"{path}.{key}")


def english_of(inst: Instrument, pid: str) -> str:
    provision = inst.provision(pid)
    assert provision is not None, pid
    return " ".join(t.text for t in provision.texts if t.language == "en")


# --------------------------------------------------------------------------- claims about the research

# "Not found" means searched for and not found (treaty-facts.md, [NOT FOUND]; RESEARCH.md likewise). A record
# may say it only where the research records that search. Each entry: instrument, the words of the claim,
# and where the research holds it.
SEARCH_CLAIM = re.compile(
    r"\bnot (?:re-)?found\b|\bfound no\b|\bsearch(?:es|ed)?\b|\bno\b[^.;]*\b(?:was|were) found\b", re.I
)
RESEARCHED = {
    ("1995-customs-union", "Acts approving or ratifying the Agreement were not found"): "§1 Ratification acts",
    ("1995-friendship", "Entry into force and the ratification acts were not found"): "§2",
    ("1996-community", "Ratification acts were not found"): "§3",
    ("1997-union", "Ratification acts were not found"): "§4",
    ("1997-charter", "Ratification acts were not found"): "§4",
    ("1997-charter", "No official English translation of the Charter was found"): "§4(b)",
    ("1997-charter", "no official English translation was found"): "§4(b)",
    ("1998-equal-rights", "Entry into force and the ratification acts were not found"): "§5a",
    ("1998-equal-rights", "the article of the Code was not found"): "§8c",
    ("1999-union-state", "the ratification law and its number were not found"): "§6 Ratification act numbers",
    ("1999-union-state", "The official Russian texts of arts. 6 and 14 were not found"): "§6 (a) and (b)",
    ("1999-union-state", "ratification laws and their numbers were not found"): "§6",
    ("2024-security-guarantees", "The number of the Belarusian ratification law was not found"): "§7",
    ("2025-equal-rights-protocol", "its number was not found"): "§8b, §8c",
    ("2025-equal-rights-protocol", "The text of the Protocol was not found"): "§8a Verbatim text",
    ("2025-equal-rights-protocol", "ratification law were not found"): "§8b, §8c",
    ("2025-ru-ratification-law", "The number of the federal law was not found"): "§8b",
    ("1992-teu", "as the search tool returned it"): "RESEARCH.md register, E10",
    ("1997-amsterdam", "as the search tool returned it"): "RESEARCH.md register, E10",
    ("1994-directive-94-80", "in four searches"): "RESEARCH.md, second reading",
    ("1994-directive-94-80", "was not re-found"): "RESEARCH.md, second reading",
}


def sentences(text: str) -> Iterator[str]:
    yield from (s for s in re.split(r"(?<=[.;])\s+(?=[A-ZА-Я«(])", text) if s)


def test_no_record_claims_a_search_the_research_does_not_hold(corpus: Corpus) -> None:
    """`1999-union-state` once said "a search of stored public pages … found no text of art. 7": no such search."""
    unbacked = []
    for inst in corpus.instruments:
        allowed = [claim for iid, claim in RESEARCHED if iid == inst.id]
        for where, text in strings(inst):
            if where.endswith((".url", ".title")):
                continue
            for sentence in sentences(text):
                if SEARCH_CLAIM.search(sentence) and not any(claim in sentence for claim in allowed):
                    unbacked.append(f"{inst.id} {where}: {sentence}")
    assert unbacked == []


def test_every_research_backed_search_claim_is_still_in_a_record() -> None:
    """The list above names real claims; an entry that matches nothing would let a wrong claim through later."""
    texts: dict[str, str] = {}
    for path in CORPORA.values():
        for inst in load_corpus([path]).instruments:
            texts[inst.id] = "\n".join(text for _, text in strings(inst))
    missing = [claim for iid, claim in RESEARCHED if claim not in texts.get(iid, "")]
    assert missing == []


# --------------------------------------------------------------------------- translations beside their original

# A Russian word stem in a verbatim original, and the English a translation or summary beside it must use.
GLOSSARY = {
    "конфликт": ("conflict",),
    "возникновени": ("outbreak", "occurrence", "emergence"),
    "сдерживани": ("deterrence",),
    "суверен": ("sovereign",),
    "независимост": ("independence",),
    "территориальн": ("territorial",),
    "референдум": ("referendum",),
    "гражданств": ("citizenship",),
    "сближени": ("closer", "rapprochement"),
    "прочный фундамент": ("foundation",),
    "импульс": ("impetus", "impulse"),
    "по согласованию": ("agreed",),
}


def translated_pairs(corpus: Corpus) -> Iterator[tuple[str, str, str]]:
    """(provision, Russian original, English working translation of it) for every provision that has both."""
    for inst in corpus.instruments:
        for provision in inst.provisions:
            originals = [t for t in provision.verbatim if t.language == "ru" and t.rendering is Rendering.original]
            english = [t for t in provision.paraphrases if t.language == "en" and "verbatim Russian" in t.basis]
            for ru in originals:
                for en in english:
                    yield f"{inst.id}/{provision.id}", ru.text, en.text


def test_working_translations_keep_the_words_of_the_original(treaties: Corpus) -> None:
    """2024 art. 6(1) rendered «предотвращения возникновения … военных конфликтов» as "preventing … wars"."""
    pairs = list(translated_pairs(treaties))
    assert len(pairs) >= 15
    dropped = [
        f"{where}: «{stem}» but none of {english}"
        for where, ru, en in pairs
        for stem, english in GLOSSARY.items()
        if stem in ru.lower() and not any(word in en.lower() for word in english)
    ]
    assert dropped == []


def test_security_treaty_art_6_1_speaks_of_the_outbreak_of_military_conflicts(treaties: Corpus) -> None:
    english = english_of(treaties.instrument("2024-security-guarantees"), "art-6/para-1")
    assert "military conflicts" in english
    assert "outbreak" in english
    assert "wars" not in english


# --------------------------------------------------------------------------- paraphrases that claim more


def test_equal_rights_treaty_does_not_say_the_local_right_came_only_with_the_protocol(treaties: Corpus) -> None:
    """Belarus's Electoral Code already let resident Russians vote and stand locally (treaty-facts.md §8c)."""
    inst = treaties.instrument("1998-equal-rights")
    (electoral,) = [a for a in inst.assessments if a.topic == "electoral-rights"]
    assert "only with" not in electoral.summary
    assert "Electoral Code" in electoral.summary
    assert [(c.dimension, c.value) for c in electoral.codes] == [
        ("vote-union", "all-citizens"),
        ("stand-union", "all-citizens"),
    ]
    art1 = inst.provision("art-1")
    assert art1 is not None and art1.note is not None
    assert "Electoral Code" in art1.note


def test_ratification_law_describes_the_protocol_as_reciprocal(treaties: Corpus) -> None:
    summary = treaties.instrument("2025-ru-ratification-law").summary or ""
    assert "Belarusian citizens in Russia" in summary
    assert "Russian citizens in Belarus" in summary


# --------------------------------------------------------------------------- Russian text the research saw

SEEN_IN_RUSSIAN = [
    (
        "1996-community",
        "preamble",
        "S4",
        Reliability.legal_database,
        "Российская Федерация и Республика Беларусь, именуемые далее Сторонами",
    ),
    (
        "1999-union-state",
        "art-14/para-7",
        "S16",
        Reliability.draft,
        "7. Граждане Союзного государства имеют право избирать и быть избранными в органы Союзного государства",
    ),
]


@pytest.mark.parametrize(("iid", "pid", "source", "reliability", "opening"), SEEN_IN_RUSSIAN)
def test_russian_wording_that_was_seen_is_recorded_verbatim(
    treaties: Corpus, iid: str, pid: str, source: str, reliability: Reliability, opening: str
) -> None:
    """Both were printed as "Russian text not seen", though the research read (1996) or quotes (1999) them."""
    inst = treaties.instrument(iid)
    provision = inst.provision(pid)
    assert provision is not None
    (russian,) = [t for t in provision.texts if isinstance(t, Verbatim) and t.language == "ru"]
    assert (russian.source, russian.rendering) == (source, Rendering.original)
    assert russian.text.startswith(opening)
    named = inst.source(source)
    assert named is not None and named.reliability is reliability


def test_the_probable_draft_of_art_14_7_says_it_is_one(treaties: Corpus) -> None:
    provision = treaties.instrument("1999-union-state").provision("art-14/para-7")
    assert provision is not None
    (russian,) = provision.verbatim
    assert russian.note is not None and "pre-signature draft" in russian.note
    assert all("draft" in t.basis for t in provision.texts if isinstance(t, Paraphrase))


# --------------------------------------------------------------------------- source classes

# What a source is, read from its address or title, and the classes that fit it (class Reliability).
KIND_OF_SOURCE = [
    (r"belta\.by|ria\.ru|interfax|\btass\b|rbc\.ru|vedomosti|news\.mail\.ru|lenta\.ru", {Reliability.news}),
    (r"kommersant\.ru", {Reliability.news, Reliability.draft}),
    (r"wikipedia|liquisearch|refract\.", {Reliability.commentary}),
    (r"cis-legislation\.com", {Reliability.unofficial_translation}),
    (r"docslib\.org|zlibrary|documents\.pub|scribd\.com|meilu\.", {Reliability.reprint}),
    (r"expert article", {Reliability.commentary}),
    (r"law digest", {Reliability.commentary}),
    (
        r"^https?://eur-lex\.europa\.eu\S* .*(?:consolidated version|konsolidierte fassung|version consolidée"
        r"|versione consolidata|versión consolidada)",
        {Reliability.legal_database},
    ),
]


def test_source_classes_fit_what_the_source_is(corpus: Corpus) -> None:
    """News agencies are news even when state-owned; copies are reprints; EUR-Lex consolidations are databases."""
    wrong = []
    for inst in corpus.instruments:
        for source in inst.sources:
            seen = f"{source.url or ''} {source.title}".lower()
            for pattern, fits in KIND_OF_SOURCE:
                if re.search(pattern, seen) and source.reliability not in fits:
                    wrong.append(f"{inst.id} {source.id} {source.reliability.value}: {source.title}")
    assert wrong == []


def test_a_source_has_one_class_across_the_records(corpus: Corpus) -> None:
    """The same page cited by several records is the same kind of source in all of them."""
    classes: dict[str, set[Reliability]] = {}
    for inst in corpus.instruments:
        for source in inst.sources:
            classes.setdefault(source.url or source.title, set()).add(source.reliability)
    assert {where: c for where, c in classes.items() if len(c) > 1} == {}
