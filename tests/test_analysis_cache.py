"""What the analysis works out once per corpus object: never shared between corpora, never changed by a caller."""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable
from pathlib import Path

from legalgen.analysis import lives, supports
from legalgen.records import load_corpus

from .conftest import rich_records


def test_each_corpus_has_its_own_supports_and_lives(make_corpus: Callable[..., Path]) -> None:
    whole = load_corpus([make_corpus(*rich_records())])
    part = dataclasses.replace(whole, instruments=whole.instruments[:2])
    assert {s.instrument for s in supports(whole)} == {"1995-friendship", "1997-charter", "1999-union-state"}
    assert {s.instrument for s in supports(part)} == {"1995-friendship", "1997-charter"}
    assert list(lives(part)) == ["1995-friendship", "1997-charter"]
    assert supports(whole) is supports(whole)  # worked out once


def test_a_caller_that_changes_the_lives_it_was_given_changes_nobody_elses(make_corpus: Callable[..., Path]) -> None:
    corpus = load_corpus([make_corpus(*rich_records())])
    mine = lives(corpus)
    mine.pop("1997-charter")
    assert "1997-charter" in lives(corpus)


def test_a_new_corpus_in_the_place_of_a_collected_one_is_not_given_its_results(
    make_corpus: Callable[..., Path],
) -> None:
    corpus = load_corpus([make_corpus(*rich_records())])
    for _ in range(20):  # new objects often reuse the address, and so the id(), of collected ones
        part = dataclasses.replace(corpus, instruments=corpus.instruments[:1])
        assert [s.instrument for s in supports(part)] == ["1995-friendship"] * len(supports(part))
        del part
        gc.collect()
        whole = dataclasses.replace(corpus)
        assert len({s.instrument for s in supports(whole)}) == 3
        del whole
        gc.collect()
