"""The comparisons users ask for most, on the real corpus: the alignment and summary a lawyer expects."""

from __future__ import annotations

from typing import Any

import pytest

from legalgen.analysis import InstrumentDiff, diff_instruments
from legalgen.records import Corpus, load_corpus
from legalgen.render.diff import position_line

from .conftest import TREATIES

pytestmark = pytest.mark.slow  # reads treaties/ (about a second to load) and compares its instruments


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus([TREATIES])


def compare(corpus: Corpus, a: str, b: str) -> InstrumentDiff:
    return diff_instruments(corpus.instrument(a), corpus.instrument(b), corpus.topics, corpus=corpus)


def pairs(d: InstrumentDiff) -> set[tuple[str | None, str | None, str | None]]:
    return {(r.a.id, r.b.id, r.reason) for r in d.pairs if r.a and r.b}


def positions(d: InstrumentDiff) -> list[str]:
    return [position_line(p, d) for p in d.positions]


# (A, B, every pair found, some rows found on one side only (side, provision), summary lines, connections)
TABLE: list[tuple[str, str, set[Any], set[tuple[str, str]], list[str], tuple[str, ...]]] = [
    (
        "1995-friendship", "1996-community",
        # Different treaties: nothing carries forward; only the preambles and arts. 1 line up by number.
        {("preamble", "preamble", "same-article-number"), ("art-1", "art-1", "same-article-number")},
        {("a", "art-17"), ("b", "art-9"), ("b", "art-10")},
        ["Sovereignty: Mutual respect (1995; only in translation: art. 1) → not assessed (1996)",
         "Citizenship: Status of nationals (1995) → not assessed (1996)"],
        ("Community Treaty (1996) builds on Friendship Treaty (1995) (by its preamble)",),
    ),
    (
        "1995-friendship", "1997-charter",
        {("art-1", "art-1", "same-article-number")},
        {("a", "art-17"), ("b", "art-2")},
        ["Sovereignty: Mutual respect (1995; only in translation: art. 1) → Retained (1997)  [up the scale]",
         "Citizenship: Status of nationals (1995) → Union citizenship (1997)  [up the scale]"],
        (),
    ),
    (
        "1996-community", "1997-union",
        # The Community becomes the Union in art. 1 of both.
        {("art-1", "art-1", "same-article-number")},
        {("a", "art-9"), ("a", "art-10"), ("b", "art-3"), ("b", "art-6")},
        ["Sovereignty: not assessed (1996) → Retained (1997)"],
        ("Union Treaty (1997) builds on Community Treaty (1996) (by its art. 1)",),
    ),
    (
        "1997-union", "1999-union-state",
        {("art-1", "art-6", "recorded-link"), ("art-3", "art-3", "same-article-number")},
        {("a", "art-6"), ("b", "art-14"), ("b", "art-14/para-7"), ("b", "art-67")},
        ["Sovereignty: Retained (1997) → Retained, with powers transferred (1999; partly on paraphrase: art. 6)"
         "  [up the scale]",
         "Citizenship: not assessed (1997) → Union citizenship (1999; rests on paraphrase only)",
         "Electoral rights: not assessed (1997) → Union bodies (1999; rests on paraphrase only)"],
        ("Union Treaty (1997) ceased to have effect by Union State Treaty (1999) (2000-01-26)",
         "Union State Treaty (1999) supersedes Union Treaty (1997)"),
    ),
    (
        "1997-charter", "1999-union-state",
        {("art-2", "art-14", "recorded-link"), ("art-3", "art-3", "topic-similarity"),
         ("art-1", "art-1", "same-article-number")},
        {("a", "art-38"), ("a", "art-39"), ("b", "art-6"), ("b", "art-14/para-7")},
        ["Sovereignty: Retained (1997) → Retained, with powers transferred (1999; partly on paraphrase: art. 6)"
         "  [up the scale]",
         "Citizenship: Union citizenship (1997) → Union citizenship (1999; rests on paraphrase only)  [unchanged]",
         "Electoral rights: not assessed (1997) → Union bodies (1999; rests on paraphrase only)"],
        ("Union State Treaty (1999) terminates Charter of the Union (1997) (by its art. 70(1))",),
    ),
    (
        "1998-equal-rights", "2025-equal-rights-protocol",
        {("art-1", "unidentified", "recorded-link")},
        {("a", "art-2"), ("a", "art-3"), ("a", "art-4"), ("a", "art-5"), ("b", "unidentified/para-b")},
        ["Citizenship: Equal rights (1998; partly on paraphrase: art. 4, art. 5; only in translation: art. 2, art. 3)"
         " → not assessed (2025)",
         "Electoral rights: Union bodies (1998) → Union bodies + local (2025; rests on paraphrase only)  [up the scale]"],
        (
            "Equal Rights Protocol (2025) amends Equal Rights Treaty (1998)"
            " (by a provision whose article number was not identified)",
            "Equal Rights Protocol (2025) changes only what it states: the provisions of Equal Rights Treaty (1998)"
            " other than art. 1 are left as they were; 'only in' here does not mean deleted",
        ),
    ),
    (
        "1999-union-state", "2024-security-guarantees",
        # A security treaty carries no clause of the Union State Treaty forward.
        {("preamble", "preamble", "same-article-number")},
        {("a", "art-6"), ("a", "art-14"), ("a", "art-67"), ("b", "art-4"), ("b", "art-5")},
        ["Sovereignty: Retained, with powers transferred (1999; partly on paraphrase: art. 6) → Jointly guaranteed "
         "(2024; partly on paraphrase: art. 4, article not identified)  [up the scale]",
         "Citizenship: Union citizenship (1999; rests on paraphrase only) → not assessed (2024)",
         "Electoral rights: Union bodies (1999; rests on paraphrase only) → not assessed (2024)"],
        ("Security Guarantees Treaty (2024) builds on Union State Treaty (1999) (by its preamble)",),
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("a", "b", "expected", "alone", "summary", "connections"), TABLE, ids=[f"{r[0]}→{r[1]}" for r in TABLE]
)
def test_what_a_lawyer_expects(corpus: Corpus, a: str, b: str, expected: set[Any], alone: set[tuple[str, str]],
                               summary: list[str], connections: tuple[str, ...]) -> None:  # fmt: skip
    d = compare(corpus, a, b)
    assert d.has_differences
    assert pairs(d) == expected
    one_sided = {("a", r.a.id) for r in d.rows if r.a and not r.b} | {("b", r.b.id) for r in d.rows if r.b and not r.a}
    assert alone <= one_sided
    assert positions(d) == summary
    assert d.connections == connections


def test_different_treaties_pair_weakly_or_by_record(corpus: Corpus) -> None:
    """Between different treaties, a pair found by number alone is never presented as confident."""
    for a, b, *_ in TABLE:
        for row in compare(corpus, a, b).pairs:
            if row.reason == "same-article-number":
                assert row.score < 0.5, (a, b, row.a_ref)
            if row.reason == "recorded-link":
                assert row.score == 1.0


def test_1997_union_art_1_and_1999_art_6_are_shown_side_by_side_not_redlined(corpus: Corpus) -> None:
    d = compare(corpus, "1997-union", "1999-union-state")
    (row,) = [r for r in d.pairs if r.reason == "recorded-link"]
    assert row.detail == "Union State Treaty (1999), art. 6, carries forward Union Treaty (1997), art. 1"
    assert row.status == "paraphrase"  # 1999 art. 6 is known only from secondary accounts
    assert [(t.language, t.redlined, t.a is not None, t.b is not None) for t in row.texts] == [
        ("en", False, True, True),
        ("ru", False, True, False),
    ]
    assert all(t.operations == () for t in row.texts)


def test_charter_art_3_redline_keeps_the_common_principle(corpus: Corpus) -> None:
    from legalgen.render.diff import redline

    d = compare(corpus, "1997-charter", "1999-union-state")
    (row,) = [r for r in d.pairs if r.a_ref == "1997-charter/art-3"]
    (ru,) = [t for t in row.texts if t.language == "ru"]
    assert ru.redlined and row.status == "changed"
    text = redline(ru.operations)
    assert text.startswith("[-Союз основывается-]{+1. Союзное государство базируется+} на принципах суверенного "
                           "равенства государств [-— участников Союза,")  # fmt: skip
    assert ru.cautions == (
        "A's quote is cut off at the end by its source; a difference there may be the cut, not a change",
    )


def test_2025_protocol_summary_says_electoral_rights_go_from_union_bodies_to_local(corpus: Corpus) -> None:
    d = compare(corpus, "1998-equal-rights", "2025-equal-rights-protocol").narrow("electoral-rights", corpus.topics)
    (change,) = d.positions
    assert (change.a.position, change.b.position, change.direction) == ("union-bodies", "local", "up")  # type: ignore[union-attr]
    assert change.b.basis == "paraphrase"  # type: ignore[union-attr]
    assert [(r.a_ref, r.b_ref) for r in d.rows] == [
        ("1998-equal-rights/art-1", "2025-equal-rights-protocol/unidentified"),
        (None, "2025-equal-rights-protocol/unidentified/para-b"),
    ]
