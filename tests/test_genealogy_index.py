"""Genealogy through the wording index gives exactly the links of comparing every pair, as it did before.

The reference is the previous, pairwise implementation (kept in bench/genealogy_bench.py as the baseline
of the benchmark): each later provision compared with every provision of every earlier instrument
sharing a topic. On the real corpora, at the default threshold and others, and on a synthetic corpus with
clauses carried forward, the links must be equal — provisions, scores, languages and order.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bench.genealogy_bench import pairwise_genealogy, write_corpus
from legalgen.analysis.genealogy import clause_genealogy
from legalgen.analysis.wording import SimilarityIndex, Weights, similarity, stems_of_text
from legalgen.records import load_corpus

from .conftest import ROOT


@pytest.mark.parametrize("folder", ["treaties", "examples/eu-citizenship"])
@pytest.mark.parametrize("threshold", [0.0, 0.1, 0.25, 0.5, 0.9])
def test_the_real_corpora_give_the_links_of_the_pairwise_comparison(folder: str, threshold: float) -> None:
    corpus = load_corpus([ROOT / folder])
    links = clause_genealogy(corpus, threshold=threshold)
    assert links == pairwise_genealogy(corpus, threshold=threshold)
    if threshold <= 0.1 or (folder == "treaties" and threshold <= 0.25):
        assert any(not link.recorded for link in links)  # the comparison found something to compare


def test_a_topic_filter_gives_the_same_links() -> None:
    corpus = load_corpus([ROOT / "treaties"])
    for topic in ("sovereignty", "citizenship"):
        assert clause_genealogy(corpus, topic) == pairwise_genealogy(corpus, topic)


def test_a_synthetic_corpus_with_carried_clauses_gives_the_same_links(tmp_path: Path) -> None:
    write_corpus(tmp_path, instruments=12, provisions=12, seed=7)
    corpus = load_corpus([tmp_path])
    links = clause_genealogy(corpus)
    assert links == pairwise_genealogy(corpus)
    assert sum(not link.recorded for link in links) > 10


def test_the_index_names_every_text_alike_enough() -> None:
    """Random texts over a small vocabulary: every pair whose rounded score reaches the threshold is a
    candidate, at thresholds where rounding puts a pair just over the line."""
    rng = random.Random(13)
    vocab = [f"w{n}" for n in range(40)]
    texts = [" ".join(rng.choice(vocab) for _ in range(rng.randint(0, 12))) for _ in range(120)]
    weights = Weights.of(("en", t) for t in texts)
    for threshold in (0.0005, 0.05, 0.2, 0.25, 0.333, 0.5, 0.75, 1.0):
        index: SimilarityIndex[int] = SimilarityIndex(weights, threshold)
        for n, t in enumerate(texts):
            index.add(n, "en", stems_of_text(t, "en"))
        for t in texts:
            found = index.candidates("en", stems_of_text(t, "en"))
            alike = {m for m, u in enumerate(texts) if similarity(t, u, "en", weights) >= threshold}
            assert alike <= found, (threshold, t)
        assert index.candidates("fr", stems_of_text("w1 w2", "fr")) == set()
