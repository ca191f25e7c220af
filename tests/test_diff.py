"""The comparison core: alignment reasons, word-level operations, and the properties a diff must have."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from legalgen.analysis.diff import (
    PAIR_THRESHOLD,
    InstrumentDiff,
    apply_operations,
    diff_instruments,
    tokenize,
    typographic_key,
    word_operations,
)
from legalgen.errors import UnknownName
from legalgen.records import Instrument, TopicCatalogue
from legalgen.views.words import metadata_value

from .conftest import TOPICS, article, event, instrument

CATALOGUE = TopicCatalogue.model_validate_json(json.dumps(TOPICS))


def make(iid: str, *provisions: dict[str, Any], **fields: Any) -> Instrument:
    record = instrument(iid, provisions=list(provisions), **fields)
    return Instrument.model_validate_json(json.dumps(record))


def para(number: str, text: str, topics: tuple[str, ...] = (), **fields: Any) -> dict[str, Any]:
    """An article known only from a paraphrase."""
    prov = article(number, topics=topics, **fields)
    prov["texts"] = [{"kind": "paraphrase", "language": "en", "text": text, "basis": "a summary"}]
    return prov


def rows(d: InstrumentDiff) -> list[tuple[str | None, str | None, str, str | None]]:
    return [
        (r.a.id if r.a else None, r.b.id if r.b else None, r.status, r.reason) for r in d.rows
    ]  # fmt: skip


def plain_redline(d: InstrumentDiff, language: str = "ru") -> list[str]:
    from legalgen.render.diff import redline

    return [redline(t.operations) for r in d.pairs for t in r.texts if t.language == language and t.redlined]


# --------------------------------------------------------------------------- tokens and operations


def test_tokens_are_words_and_punctuation_whitespace_ignored() -> None:
    assert tokenize("Союзное государство  имеет\nсвой герб, флаг (валюту).").words == (
        "Союзное", "государство", "имеет", "свой", "герб", ",", "флаг", "(", "валюту", ")", ".",
    )  # fmt: skip
    assert tokenize("государств-участников и state-member").words == ("государств-участников", "и", "state-member")
    a, b = tokenize("Граждане  обладают\nправами."), tokenize("Граждане обладают правами.")
    assert [(op.tag, op.a_text, op.b_text) for op in word_operations(a, b)] == [
        ("equal", "Граждане обладают\nправами.", "Граждане обладают правами.")
    ]


def test_redline_reads_as_phrases_not_character_soup() -> None:
    a = make("2000-a", article("1", "Граждане обладают равными правами избирать в выборные органы Союза."))
    b = make(
        "2000-b",
        article("1", "Граждане обладают равными правами избирать в органы местного самоуправления."),
    )
    assert plain_redline(diff_instruments(a, b)) == [
        "Граждане обладают равными правами избирать в [-выборные органы Союза-]{+органы местного самоуправления+}."
    ]


def test_short_unchanged_runs_between_changes_are_folded() -> None:
    ops = word_operations(tokenize("a1 b1 x c1 d1 e f g"), tokenize("a2 b2 x c2 d2 e f g"))
    assert [(op.tag, op.a_text, op.b_text) for op in ops] == [
        ("replace", "a1 b1 x c1 d1", "a2 b2 x c2 d2"),
        ("equal", "e f g", "e f g"),
    ]
    unfolded = word_operations(tokenize("a1 b1 x c1 d1 e f g"), tokenize("a2 b2 x c2 d2 e f g"), join_equal=0)
    assert [op.tag for op in unfolded] == ["replace", "equal", "replace", "equal"]


WORDS = st.sampled_from(["Союз", "государство", "граждане", "права", "и", "the", "Union", "state-member", "1"])
SEPARATORS = st.sampled_from([" ", "  ", "\n", ", ", ". ", " - ", "(", ") "])


@st.composite
def legal_text(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(WORDS, SEPARATORS), min_size=1, max_size=25))
    return "".join(w + s for w, s in parts).strip() or "Союз"


ANY_TEXT = st.one_of(legal_text(), st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))))


@pytest.mark.slow
@given(ANY_TEXT, ANY_TEXT)
def test_applying_the_operations_to_a_gives_b(x: str, y: str) -> None:
    a, b = tokenize(x), tokenize(y)
    ops = word_operations(a, b)
    assert apply_operations(a.words, ops, b.words) == list(b.words)
    # the operations cover both sequences, in order, without gaps
    if not ops:
        assert not a.words and not b.words
        return
    assert [op.a_start for op in ops] == [0, *(op.a_end for op in ops[:-1])]
    assert [op.b_start for op in ops] == [0, *(op.b_end for op in ops[:-1])]
    assert (ops[-1].a_end, ops[-1].b_end) == (len(a.words), len(b.words))
    for op in ops:
        if op.tag == "equal":  # the same words, typography aside
            assert [typographic_key(w) for w in a.words[op.a_start : op.a_end]] == [
                typographic_key(w) for w in b.words[op.b_start : op.b_end]
            ]
            assert tokenize(op.a_text).words == a.words[op.a_start : op.a_end]


@given(ANY_TEXT, ANY_TEXT)
def test_b_to_a_is_the_mirror_image_of_a_to_b(x: str, y: str) -> None:
    a, b = tokenize(x), tokenize(y)
    assert word_operations(b, a) == tuple(op.mirrored for op in word_operations(a, b))


@given(ANY_TEXT)
def test_a_text_compared_with_itself_is_one_equal_run(x: str) -> None:
    a = tokenize(x)
    assert all(op.tag == "equal" for op in word_operations(a, a))


# --------------------------------------------------------------------------- alignment


def test_a_recorded_link_pairs_provisions_in_either_direction() -> None:
    a = make("1997-a", article("1", "Каждое государство сохраняет суверенитет.", topics=("citizenship",)))
    b = make(
        "1999-b",
        article("6", "Совсем другие слова.", continues=["1997-a/art-1"]),
        article("1", "Каждое государство сохраняет суверенитет.", topics=("citizenship",)),
    )
    d = diff_instruments(a, b, CATALOGUE)
    link = next(r for r in d.pairs if r.reason == "recorded-link")
    assert (link.a_ref, link.b_ref, link.score) == ("1997-a/art-1", "1999-b/art-6", 1.0)
    assert link.detail == "Treaty 1999-b, art. 6, carries forward Treaty 1997-a, art. 1"
    back = diff_instruments(b, a, CATALOGUE)
    assert [(r.a_ref, r.b_ref, r.reason) for r in back.pairs] == [("1999-b/art-6", "1997-a/art-1", "recorded-link")]


def test_shared_topic_and_wording_then_article_number() -> None:
    a = make(
        "2000-a",
        article("1", "Граждане обладают равными правами избирать органы Союза.", topics=("electoral-rights",)),
        article("2", "Устанавливается гражданство Союза для всех граждан.", topics=("citizenship",)),
        article("3", "Стороны сотрудничают в области культуры."),
    )
    b = make(
        "2001-b",
        article("3", "Стороны обмениваются делегациями ежегодно."),
        article("5", "Устанавливается гражданство Союза для граждан обоих государств.", topics=("citizenship",)),
        article("9", "Граждане обладают равными правами избирать органы местного самоуправления.",
                topics=("electoral-rights",)),
    )  # fmt: skip
    d = diff_instruments(a, b, CATALOGUE)
    assert rows(d) == [
        (None, "art-3", "only-in-b", None),  # B's first provision, before B's first pair
        ("art-1", "art-9", "changed", "topic-similarity"),
        ("art-2", "art-5", "changed", "topic-similarity"),
        ("art-3", None, "only-in-a", None),
    ]
    assert 0.5 < d.pairs[0].score <= 1.0
    # the same number with other words is no pair: each is unpaired, the other named as its nearest candidate
    only_b, only_a = d.rows[0], d.rows[3]
    assert only_a.nearest is not None and only_b.nearest is not None
    assert (only_a.nearest.ref, only_a.nearest.reason) == ("2001-b/art-3", "same-article-number")
    assert only_b.nearest.ref == "2000-a/art-3" and only_a.nearest.score == only_b.nearest.score < PAIR_THRESHOLD


def test_untagged_provisions_pair_on_wording_alone_and_a_renumbered_one_is_moved() -> None:
    text = "Официальными языками Союза являются русский и белорусский языки."
    a = make("2000-a", article("38", text), article("39", "Высший Совет преобразуется."))
    b = make("2001-b", article("12", text))
    d = diff_instruments(a, b)
    assert rows(d) == [("art-38", "art-12", "moved", "text-similarity"), ("art-39", None, "only-in-a", None)]
    assert d.pairs[0].score == 1.0 and d.pairs[0].differs


def test_provisions_with_disjoint_topics_are_not_paired_by_number() -> None:
    a = make("2000-a", article("1", "Устанавливается гражданство Союза.", topics=("citizenship",)))
    b = make("2001-b", article("1", "Граждане избирают органы Союза.", topics=("electoral-rights",)))
    assert rows(diff_instruments(a, b, CATALOGUE)) == [
        ("art-1", None, "only-in-a", None),
        (None, "art-1", "only-in-b", None),
    ]


def test_a_paraphrase_is_never_redlined() -> None:
    a = make("2000-a", article("1", "Каждое государство сохраняет суверенитет."))
    b = make("2001-b", {**article("1"), "texts": [{"kind": "paraphrase", "language": "ru", "text": "Каждое государство сохраняет суверенитет и независимость.", "basis": "news summary"}]})  # fmt: skip
    d = diff_instruments(a, b)
    (row,) = d.pairs
    assert row.status == "paraphrase" and d.has_differences
    (text,) = row.texts
    assert text.paraphrase and not text.redlined and text.operations == ()
    assert d.words_deleted == d.words_inserted == 0


def test_texts_in_no_common_language() -> None:
    """Two versions of one instrument: there the number is the provision's identity, whatever the words."""
    a = make("2000-a", article("1", "Каждое государство сохраняет суверенитет."))
    b = make("2000-a", para("1", "Each state keeps its sovereignty."))
    (row,) = diff_instruments(a, b).pairs
    assert row.status == "no-common-language"
    assert [(t.language, t.a is not None, t.b is not None) for t in row.texts] == [
        ("en", False, True),
        ("ru", True, False),
    ]
    # between two instruments, the same number with no words to compare is no pair
    other = diff_instruments(a, make("2001-b", para("1", "Each state keeps its sovereignty.")))
    assert [(r.status, r.nearest and r.nearest.detail) for r in other.rows] == [
        ("only-in-a", "no text in a common language"),
        ("only-in-b", "no text in a common language"),
    ]


def test_a_quote_cut_off_by_its_source_is_flagged_in_the_redline() -> None:
    a = make(
        "2000-a",
        article(
            "3",
            "Союз основывается на принципах суверенного равенства",
        ),
    )
    cut = article("3", "Союз основывается на принципах равенства")
    cut["texts"][0] |= {"incomplete": True}
    (row,) = diff_instruments(a, make("2001-b", cut)).pairs
    assert row.texts[0].cautions == (
        "B's quote is cut off at the end by its source; a difference there may be the cut, not a change",
    )


# --------------------------------------------------------------------------- positions, metadata, narrowing


def test_positions_say_when_they_rest_on_paraphrase_only() -> None:
    from legalgen.render.diff import position_line

    a = make(
        "1998-a", article("1", "Граждане обладают равными правами избирать органы Союза.", topics=("electoral-rights",)),
        signed="1998-12-25",
        assessments=[{"topic": "electoral-rights", "summary": "s", "codes": [{"dimension": "level", "value": "union-bodies", "provisions": ["art-1"]}],}],
    )  # fmt: skip
    b = make(
        "2025-b", para("1", "Residents may elect local councils.", topics=("electoral-rights",)),
        signed="2025-03-13",
        assessments=[{"topic": "electoral-rights", "summary": "s", "codes": [{"dimension": "level", "value": "local", "provisions": ["art-1"]}],}],
    )  # fmt: skip
    d = diff_instruments(a, b, CATALOGUE)
    (change,) = d.positions
    assert change.direction == "up"
    assert position_line(change, d) == (
        "Electoral rights — Elections open to the other's citizens: Union bodies (1998; evidence: official text) → "
        "Local self-government (2025; rests on paraphrase only; evidence: accounts or a draft only, the text itself not seen)  [up]"
    )
    mirror = diff_instruments(b, a, CATALOGUE).positions[0]
    assert mirror.direction == "down"


def test_metadata_differences() -> None:
    a = make("1997-a", article("1"), signed="1997-04-02")
    b = make(
        "1999-b", article("1"), signed="1999-12-08", kind="agreement",
        relations=[{"type": "supersedes", "target": "1997-a"}],
    )  # fmt: skip
    d = diff_instruments(a, b)
    changed = {m.field: (m.a, m.b) for m in d.metadata if m.differs}
    assert changed["kind"] == ("treaty", "agreement")
    assert changed["signed"] == ("1997-04-02, Minsk", "1999-12-08, Minsk")
    assert changed["relations"] == (None, "supersedes Treaty 1997-a")
    assert "parties" not in changed
    assert d.connections == ("Treaty 1999-b supersedes Treaty 1997-a",)


def test_narrowing_to_a_topic() -> None:
    a = make(
        "2000-a",
        article("1", "Устанавливается гражданство Союза.", topics=("citizenship",)),
        article("2", "Граждане избирают органы Союза.", topics=("electoral-rights",)),
    )
    b = make("2001-b", article("1", "Устанавливается гражданство Союза.", topics=("citizenship",)))
    d = diff_instruments(a, b, CATALOGUE)
    assert d.has_differences
    narrowed = d.narrow("citizenship", CATALOGUE)
    assert rows(narrowed) == [("art-1", "art-1", "identical", "topic-similarity")]
    assert not narrowed.has_differences  # metadata (titles, ids) are outside a topic
    with pytest.raises(UnknownName, match="unknown topic 'citizenhsip'; did you mean 'citizenship'"):
        d.narrow("citizenhsip", CATALOGUE)


# --------------------------------------------------------------------------- properties of whole comparisons

TOPIC_IDS = st.sampled_from([(), ("citizenship",), ("electoral-rights",), ("citizenship", "electoral-rights")])


@st.composite
def provisions(draw: st.DrawFn, numbers: list[str]) -> list[dict[str, Any]]:
    out = []
    for number in numbers:
        texts: list[dict[str, Any]] = []
        if draw(st.integers(0, 4)):
            texts.append({"kind": "verbatim", "language": "ru", "text": draw(legal_text()), "source": "S1",
                          "locator": f"art. {number}"})  # fmt: skip
        else:
            texts.append({"kind": "paraphrase", "language": "ru", "text": draw(legal_text()), "basis": "news"})
        if draw(st.booleans()):
            texts.append({"kind": "paraphrase", "language": "en", "text": draw(legal_text()), "basis": "summary"})
        out.append({"article": number, "topics": list(draw(TOPIC_IDS)), "texts": texts})
    return out


@st.composite
def instrument_pair(draw: st.DrawFn) -> tuple[Instrument, Instrument]:
    """A random instrument A and a B made from it: renumbered, edited, dropped, added and linked provisions."""
    numbers_a = draw(st.lists(st.integers(1, 30).map(str), unique=True, max_size=7))
    provs_a = draw(provisions(numbers_a))
    provs_b = []
    for prov in provs_a:
        fate = draw(st.sampled_from(["keep", "edit", "renumber", "drop", "link"]))
        new = json.loads(json.dumps(prov))
        if fate == "drop":
            continue
        if fate in ("renumber", "link"):
            new["article"] = str(100 + int(prov["article"]))
        if fate == "edit":
            new["texts"][0]["text"] = draw(legal_text())
        if fate == "link":
            new["continues"] = [f"2000-a/art-{prov['article']}"]
            new["texts"][0]["text"] = draw(legal_text())
        provs_b.append(new)
    provs_b += draw(provisions(draw(st.lists(st.integers(200, 230).map(str), unique=True, max_size=3))))
    value = draw(st.sampled_from(["status-of-nationals", "equal-rights"]))

    def assessments(provs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if not provs or not draw(st.booleans()):
            return []
        cited = [f"art-{provs[0]['article']}"]
        return [
            {
                "topic": "citizenship",
                "summary": "s",
                "codes": [{"dimension": "status", "value": value, "provisions": cited}],
            }
        ]

    a = make("2000-a", *provs_a, assessments=assessments(provs_a))
    b = make("2001-b", *provs_b, signed="2001-01-01", assessments=assessments(provs_b))
    return a, b


@pytest.mark.slow
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(instrument_pair())
def test_an_instrument_compared_with_itself_has_no_differences(pair: tuple[Instrument, Instrument]) -> None:
    for inst in pair:
        d = diff_instruments(inst, inst, CATALOGUE)
        assert not d.has_differences
        assert {r.status for r in d.rows} <= {"identical"}
        assert (
            [r.a_ref for r in d.rows]
            == [r.b_ref for r in d.rows]
            == [f"{inst.id}/{p.id}" for p in inst.provisions_in_order]
        )
        assert d.words_deleted == d.words_inserted == 0


@pytest.mark.slow
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(instrument_pair())
def test_operations_replay_a_into_b_in_every_redlined_pair(pair: tuple[Instrument, Instrument]) -> None:
    d = diff_instruments(*pair, CATALOGUE)
    for row in d.pairs:
        for t in row.texts:
            if t.redlined:
                assert t.a is not None and t.b is not None
                a, b = tokenize(t.a.text), tokenize(t.b.text)
                assert apply_operations(a.words, t.operations, b.words) == list(b.words)
            else:
                assert t.operations == ()


@pytest.mark.slow
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(instrument_pair())
def test_b_against_a_is_the_mirror_image(pair: tuple[Instrument, Instrument]) -> None:
    ab, ba = diff_instruments(*pair, CATALOGUE), diff_instruments(*reversed(pair), CATALOGUE)
    swap = {"only-in-a": "only-in-b", "only-in-b": "only-in-a"}

    def key(r: Any, mirror: bool) -> tuple[Any, ...]:
        refs = (r.b_ref, r.a_ref) if mirror else (r.a_ref, r.b_ref)
        status = swap.get(r.status, r.status) if mirror else r.status
        texts = tuple(
            (t.language, tuple(op.mirrored for op in t.operations) if mirror else t.operations) for t in r.texts
        )
        return (*refs, status, r.reason, r.score, texts)

    assert sorted(map(repr, (key(r, False) for r in ab.rows))) == sorted(map(repr, (key(r, True) for r in ba.rows)))
    assert ab.words_deleted == ba.words_inserted and ab.words_inserted == ba.words_deleted
    flip = {
        "up": "down",
        "down": "up",
        "not-addressed-by-a": "not-addressed-by-b",
        "not-addressed-by-b": "not-addressed-by-a",
    }
    assert [flip.get(p.direction, p.direction) for p in ab.positions] == [p.direction for p in ba.positions]
    assert [(m.field, m.a, m.b) for m in ab.metadata] == [(m.field, m.b, m.a) for m in ba.metadata]
    assert ab.has_differences == ba.has_differences


def test_an_integral_part_shows_the_dates_it_shares_with_the_whole() -> None:
    """The 1997 Charter records no entry into force: it took effect, and ended, with the Union Treaty."""
    treaty = make(
        "1997-treaty",
        article("1"),
        events=[event("signature", "1997-04-02"), event("entry_into_force", "1997-06-11"),
                event("termination", "2000-01-26", by="1999-union-state")],
    )  # fmt: skip
    charter = make(
        "1997-charter", article("1"), signed="1997-05-23",
        relations=[{"type": "integral_part_of", "target": "1997-treaty"}],
    )  # fmt: skip
    fields = {m.field: m.a for m in diff_instruments(charter, treaty).metadata}
    assert fields["entry into force"] == "1997-06-11 (integral part of Treaty 1997-treaty)"
    assert fields["termination"] == "2000-01-26 by 1999-union-state"
    assert fields["status"] == "terminated 2000-01-26"  # as as-of decides it; the views word it
    assert metadata_value("status", fields["status"]) == "ceased to have effect (26 January 2000)"


def test_two_identical_paraphrases_are_not_called_the_same_text() -> None:
    """The editors wrote the same summary for two articles; nobody saw that the law's words agree."""
    summary = "Citizens of each state have equal rights on the territory of the other."
    a = make("2000-a", para("4", summary))
    b = make("2001-b", para("7", summary))
    d = diff_instruments(a, b)
    assert rows(d) == [("art-4", "art-7", "paraphrase", "text-similarity")]
    (text,) = d.pairs[0].texts
    assert not text.same and text.paraphrase
    from legalgen.render.diff import render_terminal

    assert "same text" not in render_terminal(d)


def test_a_consolidations_renumbering_pairs_old_and_new_numbers() -> None:
    a = make("2000-a", article("F", "Союз уважает национальную идентичность.", paragraph="1"))
    b = make(
        "2001-b",
        article("4", "Союз уважает равенство государств и их национальную идентичность.", paragraph="2"),
        relations=[{"type": "consolidates", "target": "2000-a", "renumbering": {"art-f/para-1": "art-4/para-2"}}],
    )
    assert rows(diff_instruments(a, b)) == [("art-f/para-1", "art-4/para-2", "changed", "recorded-link")]
    assert rows(diff_instruments(b, a)) == [("art-4/para-2", "art-f/para-1", "changed", "recorded-link")]
