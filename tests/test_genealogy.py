"""Clause genealogy: recorded links, suggested links by topic and wording, and the similarity measure."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from legalgen.analysis.genealogy import THRESHOLD, clause_genealogy
from legalgen.analysis.wording import Weights, normalise, similarity
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


def test_similarity_compares_russian_stems() -> None:
    assert normalise("Суверенитет, суверенитета; ёлка", "ru") == ("суверенитет", "суверенитет", "елк")
    assert similarity("sovereignty", "currency", "en") == 0.0
    assert similarity("", "anything", "en") == 0.0
    assert 0.4 < similarity(RETAINS_1997, RETAINS_1999, "ru") < 1.0
    assert similarity(RETAINS_1997, CURRENCY_1999, "ru") < THRESHOLD


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


@pytest.mark.parametrize(
    ("language", "a", "b"),
    [
        ("ru", "суверенитет государства", "суверенитета государств"),
        ("fr", "la citoyenneté nationale", "les citoyennetés nationales"),
        ("de", "die Staatsangehörigkeit der Mitgliedstaaten", "den Staatsangehörigkeiten des Mitgliedstaats"),
        ("en", "citizens of the Member States", "citizen of a Member State"),
    ],
)
def test_each_language_is_stemmed_by_its_own_stemmer(language: str, a: str, b: str) -> None:
    content = [w for w in normalise(a, language) if len(w) > 4]
    assert content and set(content) <= set(normalise(b, language))


def test_common_words_weigh_little_without_a_word_list() -> None:
    collection = [
        ("fr", "La citoyenneté de l'Union est instituée."),
        ("fr", "Le droit de vote de tout citoyen de l'Union."),
        ("fr", "La monnaie de l'Union est l'euro."),
        ("fr", "Le Parlement de l'Union siège à Strasbourg."),
    ]
    weights = Weights.of(collection)
    assert weights.weight("fr", "de") < 0.3 < weights.weight("fr", "monnai")
    # sharing only "de l'Union" scores low; sharing "citoyenneté" scores higher
    assert similarity("la monnaie de l'Union", "le Parlement de l'Union", "fr", weights) < 0.25
    assert similarity("la citoyenneté de l'Union", "la citoyenneté nationale", "fr", weights) > similarity(
        "la monnaie de l'Union", "le Parlement de l'Union", "fr", weights
    )


def test_verbatim_evidence_is_preferred_to_a_closer_paraphrase(make_corpus: MakeCorpus) -> None:
    """Genealogy keeps one match per later provision and earlier instrument: a verbatim comparison beats
    a paraphrase pair even when the paraphrases read more alike."""
    summary = paraphrased("2", "Each state retains its sovereignty and independence.", topics=("citizenship",))
    later_summary = {
        "kind": "paraphrase",
        "language": "en",
        "text": "Each state retains its sovereignty and independence.",
        "basis": "Summary.",
        "sources": ["S1"],
    }
    later = article("6", RETAINS_1999, topics=("citizenship",))
    later["texts"].append(later_summary)
    records = [
        instrument(
            "1997-a",
            signed="1997-04-02",
            provisions=[article("1", RETAINS_1997, topics=("citizenship",)), summary],
        ),
        instrument("1999-b", signed="1999-12-08", provisions=[later]),
    ]
    links = clause_genealogy(load(make_corpus, *records))
    assert [(str(k.earlier.ref), k.compared) for k in links] == [("1997-a/art-1", "verbatim")]
