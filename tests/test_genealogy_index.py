"""Genealogy through the wording index gives exactly the links of comparing every pair, as it did before.

The reference is the previous, pairwise implementation (kept in bench/genealogy_bench.py as the baseline
of the benchmark): each later provision compared with every provision of every earlier instrument
sharing a topic. On the real corpora, at the default threshold and others, on synthetic corpora with
clauses carried forward at a few sizes, and on a corpus mixing verbatim and paraphrased texts in three
languages, the links must be equal — provisions, scores, languages and order.
"""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bench.genealogy_bench import pairwise_genealogy, write_corpus
from legalgen.analysis.genealogy import THRESHOLD, _Finder, clause_genealogy
from legalgen.analysis.wording import _WORD_RE, SNOWBALL, stems_of
from legalgen.records import load_corpus

from .conftest import ROOT, article, instrument


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


@pytest.mark.parametrize(
    ("instruments", "provisions", "seed"), [(6, 10, 1), (12, 12, 7), pytest.param(24, 20, 11, marks=pytest.mark.slow)]
)
def test_synthetic_corpora_of_several_sizes_give_the_links_of_the_pairwise_comparison(
    tmp_path: Path, instruments: int, provisions: int, seed: int
) -> None:
    """The benchmark's corpus (clauses carried forward with words changed) at a few sizes: the same links,
    scores and order as comparing every pair, at the default threshold and around it."""
    write_corpus(tmp_path, instruments=instruments, provisions=provisions, seed=seed)
    corpus = load_corpus([tmp_path])
    for threshold in (0.15, 0.25, 0.4):
        links = clause_genealogy(corpus, threshold=threshold)
        assert links == pairwise_genealogy(corpus, threshold=threshold), threshold
        assert sum(not link.recorded for link in links) >= instruments


def mixed_corpus(rng: random.Random, instruments: int) -> list[dict[str, Any]]:
    """Instruments (some on the same day) whose provisions mix verbatim and paraphrased texts in three
    languages over a small vocabulary, so that many pairs score near any threshold and every way
    ``compare`` chooses what to compare (verbatim first, else paraphrases) is met."""
    vocab = {lang: [f"{lang}word{n}" for n in range(14)] for lang in ("ru", "en", "fr")}
    kinds = [("verbatim", "ru"), ("verbatim", "en"), ("paraphrase", "en"), ("paraphrase", "fr")]
    records = []
    for i in range(instruments):
        provs = []
        for n in range(1, 7):
            texts = []
            for kind, lang in rng.sample(kinds, rng.randint(1, 3)):
                words = " ".join(rng.choice(vocab[lang]) for _ in range(rng.randint(1, 7)))
                if kind == "verbatim":
                    texts.append(
                        {"kind": kind, "language": lang, "text": words, "source": "S1", "locator": f"art. {n}"}
                    )
                else:
                    texts.append(
                        {"kind": kind, "language": lang, "text": words, "basis": "Summary.", "sources": ["S1"]}
                    )
            topics = rng.sample(["citizenship", "electoral-rights"], rng.randint(1, 2))
            provs.append({**article(str(n), topics=tuple(topics)), "texts": texts})
        records.append(instrument(f"2000-mixed-{i:02d}", signed=f"2000-0{1 + i // 3}-01", provisions=provs))
    return records


@pytest.mark.parametrize("seed", [3, 5])
def test_a_corpus_mixing_verbatim_and_paraphrase_in_three_languages_gives_the_same_links(
    make_corpus: Callable[..., Path], seed: int
) -> None:
    corpus = load_corpus([make_corpus(*mixed_corpus(random.Random(seed), 12))])
    compared = set()
    for threshold in (0.1, 0.2, 0.25, 0.333, 0.5, 0.75, 1.0):
        links = clause_genealogy(corpus, threshold=threshold)
        assert links == pairwise_genealogy(corpus, threshold=threshold), threshold
        compared |= {(link.compared, link.language) for link in links if not link.recorded}
    assert compared == {("verbatim", "ru"), ("verbatim", "en"), ("paraphrase", "en"), ("paraphrase", "fr")}


def test_computing_a_genealogy_loads_numpy_but_importing_it_does_not() -> None:
    """``legalgen diff`` imports the genealogy module; only computing a genealogy needs NumPy."""
    code = (
        "import sys, pathlib\n"
        "from legalgen.analysis.genealogy import clause_genealogy\n"
        "from legalgen.records import load_corpus\n"
        "print('numpy' in sys.modules)\n"
        "clause_genealogy(load_corpus([pathlib.Path('treaties')]))\n"
        "print('numpy' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]


@pytest.mark.parametrize("folder", ["treaties", "examples/eu-citizenship"])
def test_the_genealogy_stems_each_text_as_the_wording_measure_does(folder: str) -> None:
    """The genealogy stems each distinct word once per run (not through the measure's bounded cache): the
    stems must be those of :func:`stems_of`, in every language of the corpus."""
    corpus = load_corpus([ROOT / folder])
    finder = _Finder(corpus, THRESHOLD)
    texts = [t for inst in corpus.instruments for p in inst.provisions for t in p.texts]
    assert len({t.language for t in texts}) >= 2
    assert [finder.stems(t) for t in texts] == [stems_of(t) for t in texts]


def test_the_stemmer_in_use_gives_the_stems_of_the_pure_python_snowball_algorithms() -> None:
    """snowballstemmer hands out PyStemmer's C stemmers when PyStemmer is installed (a dependency, for
    speed: a genealogy stems every distinct word of the corpus); they must give the stems of
    snowballstemmer's own Python algorithms, on every word of both real corpora."""
    import importlib

    import snowballstemmer

    words: dict[str, set[str]] = {}
    for folder in ("treaties", "examples/eu-citizenship"):
        for inst in load_corpus([ROOT / folder]).instruments:
            for p in inst.provisions:
                for t in p.texts:
                    words.setdefault(t.language, set()).update(_WORD_RE.findall(t.text.lower().replace("ё", "е")))
    assert type(snowballstemmer.stemmer("russian")).__module__ == "Stemmer"
    assert sum(len(w) for w in words.values()) > 1500
    for language, found in words.items():
        algorithm = SNOWBALL[language]
        module = importlib.import_module(f"snowballstemmer.{algorithm}_stemmer")
        reference = getattr(module, "".join(part.title() for part in algorithm.split("_")) + "Stemmer")()
        fast = snowballstemmer.stemmer(algorithm)
        assert {w: fast.stemWord(w) for w in found} == {w: reference.stemWord(w) for w in found}, language
