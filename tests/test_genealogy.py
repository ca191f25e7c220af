"""Clause genealogy: recorded links, suggested links by topic and wording, and the similarity measure."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from legalgen.analysis.genealogy import THRESHOLD, clause_genealogy
from legalgen.analysis.wording import normalise, similarity
from legalgen.errors import UnknownName
from legalgen.records import Corpus, load_corpus

from .conftest import article, instrument, paraphrased

MakeCorpus = Callable[..., Path]

RETAINS_1997 = (
    "Каждое государство - участник Союза сохраняет государственный суверенитет, независимость и "
    "территориальную целостность, Конституцию, государственный флаг, герб и другие атрибуты государственности."
)
RETAINS_1999 = (
    "Каждое государство - участник сохраняет с учетом добровольно переданных Союзному государству полномочий "
    "суверенитет, независимость, территориальную целостность, государственное устройство, Конституцию, "
    "государственный флаг, герб и другие атрибуты государственности."
)
CURRENCY_1999 = "Союзное государство имеет единую денежную единицу (валюту)."


def load(make_corpus: MakeCorpus, *records: dict[str, Any]) -> Corpus:
    return load_corpus([make_corpus(*records)])


def sovereignty_pair(later_extra: tuple[dict[str, Any], ...] = ()) -> list[dict[str, Any]]:
    return [
        instrument("1997-a", signed="1997-04-02", provisions=[article("1", RETAINS_1997, topics=("citizenship",))]),
        instrument(
            "1999-b",
            signed="1999-12-08",
            provisions=[
                article("6", RETAINS_1999, topics=("citizenship",)),
                article("13", CURRENCY_1999, topics=("citizenship",)),
                *later_extra,
            ],
        ),
    ]


def test_similarity_is_token_jaccard_on_stemmed_words() -> None:
    assert normalise("Суверенитет, суверенитета; ёлка") == ("сувер", "сувер", "елка")
    assert similarity("The sovereignty of each state", "each state's sovereignty") == 1.0  # 'the', 'of', 's' dropped
    assert similarity("sovereignty", "currency") == 0.0
    assert similarity("", "anything") == 0.0
    assert 0.4 < similarity(RETAINS_1997, RETAINS_1999) < 1.0
    assert similarity(RETAINS_1997, CURRENCY_1999) < THRESHOLD


def test_a_shared_topic_and_similar_wording_suggest_a_link(make_corpus: MakeCorpus) -> None:
    links = clause_genealogy(load(make_corpus, *sovereignty_pair()))
    assert [(link.earlier.ref, link.later.ref, link.recorded) for link in links] == [
        ("1997-a/art-1", "1999-b/art-6", False)
    ]
    link = links[0]
    assert link.score is not None and link.score >= THRESHOLD
    assert (link.language, link.compared, link.topics) == ("ru", "verbatim", ("citizenship",))
    assert link.earlier.pin_cite == "Treaty 1997-a, art. 1"


def test_no_suggestion_without_a_shared_topic_a_common_language_or_a_later_instrument(make_corpus: MakeCorpus) -> None:
    records = sovereignty_pair()
    records[1]["provisions"][0]["topics"] = ["electoral-rights"]
    assert clause_genealogy(load(make_corpus, *records)) == ()

    records = sovereignty_pair()
    records[1]["provisions"][0]["texts"][0]["language"] = "be"
    assert clause_genealogy(load(make_corpus, *records)) == ()

    records = sovereignty_pair()
    records[1]["events"][0]["date"] = "1997-04-02"  # signed the same day: no direction to follow
    assert clause_genealogy(load(make_corpus, *records)) == ()

    assert clause_genealogy(load(make_corpus, *sovereignty_pair()), threshold=0.99) == ()


def test_a_recorded_link_is_kept_whatever_the_wording_and_replaces_suggestions(make_corpus: MakeCorpus) -> None:
    records = sovereignty_pair()
    records[1]["provisions"][1]["continues"] = ["1997-a/art-1"]  # the editors say art. 13 carries art. 1
    links = clause_genealogy(load(make_corpus, *records))
    assert [(link.later.ref, link.recorded) for link in links] == [("1999-b/art-6", False), ("1999-b/art-13", True)]
    assert links[1].score is not None and links[1].score < THRESHOLD


def test_paraphrase_comparisons_say_so(make_corpus: MakeCorpus) -> None:
    records = [
        instrument(
            "1997-a",
            signed="1997-04-02",
            provisions=[
                paraphrased("1", "Each member state retains its sovereignty and independence.", ("citizenship",))
            ],
        ),
        instrument(
            "1999-b",
            signed="1999-12-08",
            provisions=[
                paraphrased(
                    "6", "Each member state retains its sovereignty, independence and territory.", ("citizenship",)
                )
            ],
        ),
    ]
    (link,) = clause_genealogy(load(make_corpus, *records))
    assert (link.compared, link.language, link.later.basis.value) == ("paraphrase", "en", "paraphrase")


def test_topic_filter_and_unknown_topic(make_corpus: MakeCorpus) -> None:
    corpus = load(make_corpus, *sovereignty_pair())
    assert len(clause_genealogy(corpus, topic="citizenship")) == 1
    assert clause_genealogy(corpus, topic="electoral-rights") == ()
    with pytest.raises(UnknownName, match="unknown topic 'citizen'; did you mean 'citizenship'"):
        clause_genealogy(corpus, topic="citizen")
