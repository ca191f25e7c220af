"""A diff a lawyer can rely on (issue 10): how sure each pair is, counterparts through the genealogy,
typography that is not wording, metadata after the law, nothing said of unseen text, names not ids."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from legalgen.cli import cli

from .conftest import TREATIES, article, event, instrument


def diff(*args: str, corpus: Path = TREATIES) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["diff", *args, "--corpus", str(corpus)])
    return result.exit_code, result.stdout, result.stderr


def row_of(data: dict[str, Any], side: str, ref: str) -> dict[str, Any]:
    return next(p for p in data["pairs"] if p[side] and p[side]["ref"] == ref)


# --------------------------------------------------------------------------- 1. confidence and threshold


def test_the_charter_and_1999_art_1_are_no_pair_on_their_number_alone() -> None:
    code, out, _ = diff("1997-charter", "1999-union-state")
    assert code == 1
    assert "  art. 1   only in A\n" in out and "  art. 1   only in B\n" in out
    assert (
        "    not paired: the nearest candidate, Union State Treaty (1999), art. 1 (same article number, score "
        "0.28: wording 0.06), is below the pairing threshold of 0.375\n"
    ) in out
    data = json.loads(diff("1997-charter", "1999-union-state", "--format", "json")[1])
    assert data["pair_threshold"] == 0.375
    charter_1 = row_of(data, "a", "1997-charter/art-1")
    assert (charter_1["status"], charter_1["b"], charter_1["alignment"]) == ("only-in-a", None, None)
    assert charter_1["nearest"] == {
        "ref": "1999-union-state/art-1",
        "cite": "Union State Treaty (1999), art. 1",
        "reason": "same-article-number",
        "score": 0.279,
        "detail": "wording 0.06",
        "paired": False,
    }
    # every pair that remains carries its reason and a score at or above the threshold
    assert all(p["alignment"]["score"] >= 0.375 for p in data["pairs"] if p["a"] and p["b"])


def test_a_pair_with_similar_words_is_still_a_pair(make_corpus: Callable[..., Path]) -> None:
    a = instrument("2000-a", provisions=[article("3", "Стороны сотрудничают в области культуры и образования.")])
    b = instrument("2001-b", provisions=[article("3", "Стороны сотрудничают в области культуры и науки.")])
    code, out, _ = diff("2000-a", "2001-b", "--format", "json", corpus=make_corpus(a, b))
    (row,) = json.loads(out)["pairs"]
    assert code == 1 and row["status"] == "changed" and row["nearest"] is None
    assert row["alignment"]["reason"] == "same-article-number" and row["alignment"]["score"] >= 0.375


# --------------------------------------------------------------------------- 2. through the genealogy


def test_the_1999_art_6_reaches_the_union_treaty_of_which_the_charter_is_part() -> None:
    _, out, _ = diff("1997-charter", "1999-union-state")
    assert (
        "  art. 6   only in B\n"
        "    counterpart outside Charter of the Union (1997): Union Treaty (1997), art. 1 → (recorded link) Union "
        "State Treaty (1999), art. 6; Charter of the Union (1997) is an integral part of Union Treaty (1997) "
        "(recorded relation)\n"
    ) in out
    data = json.loads(diff("1997-charter", "1999-union-state", "--format", "json")[1])
    chain = row_of(data, "b", "1999-union-state/art-6")["chain"]
    assert [(k["earlier"], k["later"], k["recorded"]) for k in chain["links"]] == [
        ("1997-union/art-1", "1999-union-state/art-6", True)
    ]
    assert chain["relation"] == "Charter of the Union (1997) is an integral part of Union Treaty (1997)"


def chain_corpus(make_corpus: Callable[..., Path], recorded: bool) -> Path:
    """A clause carried from A's art. 2 through C's art. 7 into B's art. 9, recorded or (C → B) inferred."""
    words = "Граждане каждой Стороны пользуются на территории другой Стороны равными правами в сфере труда."
    a = instrument("1995-a", signed="1995-01-01", provisions=[article("2", words, ("citizenship",))])
    c_prov = article("7", words.replace("труда", "труда и образования"), ("citizenship",), continues=["1995-a/art-2"])
    c = instrument("1997-c", signed="1997-01-01", provisions=[c_prov])
    b_prov = article("9", "Граждане каждой Стороны пользуются равными правами в сфере образования.", ("citizenship",))
    if recorded:
        b_prov["continues"] = ["1997-c/art-7"]
    b = instrument("1999-b", signed="1999-01-01", provisions=[b_prov])
    return make_corpus(a, c, b)


def test_a_clause_carried_through_a_third_instrument_is_paired_and_the_chain_shown(
    make_corpus: Callable[..., Path],
) -> None:
    folder = chain_corpus(make_corpus, recorded=True)
    code, out, _ = diff("1995-a", "1999-b", corpus=folder)
    assert code == 1
    assert (
        "  art. 2 → art. 9   changed   [through the genealogy, score 1.00: carried forward through Treaty 1997-c, "
        "art. 7]\n"
    ) in out
    assert (
        "    chain (every link recorded): Treaty 1995-a, art. 2 → (recorded link) Treaty 1997-c, art. 7 → "
        "(recorded link) Treaty 1999-b, art. 9\n"
    ) in out
    # the mirror image finds the same chain, oldest link first
    data = json.loads(diff("1999-b", "1995-a", "--format", "json", corpus=folder)[1])
    (row,) = [p for p in data["pairs"] if p["a"] and p["b"]]
    assert row["alignment"]["reason"] == "genealogy"
    assert [(k["earlier"], k["later"]) for k in row["chain"]["links"]] == [
        ("1995-a/art-2", "1997-c/art-7"),
        ("1997-c/art-7", "1999-b/art-9"),
    ]


def test_a_chain_with_an_inferred_link_says_so(make_corpus: Callable[..., Path]) -> None:
    folder = chain_corpus(make_corpus, recorded=False)
    data = json.loads(diff("1995-a", "1999-b", "--format", "json", corpus=folder)[1])
    (row,) = [p for p in data["pairs"] if p["a"] and p["b"]]
    assert row["alignment"]["reason"] == "genealogy"
    assert [k["recorded"] for k in row["chain"]["links"]] == [True, False]
    assert row["notes"][0].startswith("chain (not every link recorded): Treaty 1995-a, art. 2 → (recorded link) ")
    assert "→ (inferred from shared topic and wording " in row["notes"][0]


# --------------------------------------------------------------------------- 3. typography


def test_a_change_that_is_only_typographic_is_no_difference(make_corpus: Callable[..., Path]) -> None:
    a = article("1", "Государства — участники «Союза» сохраняют суверенитет  и\u00a0незави\u00adсимость.")
    b = article("1", 'Государства - участники "Союза" сохраняют суверенитет и независимость.')
    folder = make_corpus(instrument("2000-a", provisions=[a]))
    other = folder / "2000-a-v2.yaml"
    from .conftest import dump_yaml

    other.write_text(dump_yaml(instrument("2000-a", provisions=[b])), encoding="utf-8")
    code, out, _ = diff(str(folder / "2000-a.yaml"), str(other), corpus=folder)
    assert code == 0, out
    assert "  art. 1   typographic only   [text similarity, score 1.00: wording 1.00]\n" in out
    assert (
        "    ru  typographic only: 3 marks written differently (dashes, quotation marks), the same words\n"
        "        A  verbatim — S1, art. 1\n"
        "          «Государства — участники «Союза» сохраняют суверенитет"
    ) in out
    assert '        B  verbatim — S1, art. 1\n          «Государства - участники "Союза" сохраняют' in out
    rows = out.split("\n  legend:")[1].split("\n", 1)[1]
    assert "[-" not in rows and "{+" not in rows  # nothing deleted, nothing inserted


def test_a_dash_against_a_hyphen_is_not_a_deletion_and_an_insertion() -> None:
    data = json.loads(diff("1997-charter", "1999-union-state", "--format", "json")[1])
    art_3 = row_of(data, "a", "1997-charter/art-3")
    (ru,) = [t for t in art_3["texts"] if t["language"] == "ru"]
    assert ru["typographic"] == 1
    assert not any("—" in op["a_text"] for op in ru["operations"] if op["op"] != "equal")
    kept = [op for op in ru["operations"] if op["op"] == "equal" and op["a_text"] != op["b_text"]]
    assert [(op["a_text"], op["b_text"]) for op in kept] == [
        (
            "на принципах суверенного равенства государств — участников",
            "на принципах суверенного равенства государств - участников",
        )
    ]


# --------------------------------------------------------------------------- 4. not addressed; metadata last


def test_metadata_comes_after_the_law_and_in_full_only_with_the_flag() -> None:
    code, out, _ = diff("1998-equal-rights", "2025-equal-rights-protocol")
    assert code == 1
    assert "[not addressed by B]" in out and "changed]" not in out.split("\nProvisions\n")[0]
    assert out.index("\nProvisions\n") < out.index("\nMetadata\n")
    assert out.endswith(
        "\nMetadata\n  8 fields of the records differ (titles, kind, dates, status, relations); --metadata lists them\n"
    )
    assert "title (en):" not in out
    _, full, _ = diff("1998-equal-rights", "2025-equal-rights-protocol", "--metadata")
    metadata = full.split("\nMetadata\n")[1]
    assert metadata.startswith("  kind: treaty → protocol\n")
    assert "  relations: — → amends Equal Rights Treaty (1998), art. 1 (by a provision" in metadata
    md = diff("1998-equal-rights", "2025-equal-rights-protocol", "--format", "md")[1]
    assert md.index("## Provisions") < md.index("## Metadata")
    html = diff("1998-equal-rights", "2025-equal-rights-protocol", "--format", "html")[1]
    assert html.index('class="brief-section diff-rows"') < html.index('<table class="diff-meta">')


# --------------------------------------------------------------------------- 5. unseen text


def test_nothing_is_said_to_be_left_unchanged_by_a_protocol_nobody_saw() -> None:
    for fmt in ("text", "md", "json"):
        out = diff("1998-equal-rights", "2025-equal-rights-protocol", "--format", fmt)[1]
        assert "left as they were" not in out
        assert (
            "The text of Equal Rights Protocol (2025) was not seen (known from accounts only), so what it leaves "
            "unchanged in Equal Rights Treaty (1998) is not known" in out
        )


def test_an_amending_text_seen_says_what_it_leaves_as_it_was(make_corpus: Callable[..., Path]) -> None:
    old = instrument(
        "1998-a",
        signed="1998-01-01",
        provisions=[article("1"), article("2", "Стороны сотрудничают.")],
        events=[
            event("signature", "1998-01-01"),
            event("amendment", "2025-10-29", by="2025-p", provisions=["art-1"], summary="Art. 1 supplemented."),
        ],
    )
    protocol = instrument(
        "2025-p",
        signed="2025-03-13",
        provisions=[article("1", "Статью 1 Договора дополнить словами о местном самоуправлении.")],
        relations=[{"type": "amends", "target": "1998-a", "provision": "art-1", "via": "art-1", "sources": ["S1"]}],
    )
    _, out, err = diff("1998-a", "2025-p", corpus=make_corpus(old, protocol))
    assert (
        "   Treaty 2025-p changes only what it states: the provisions of Treaty 1998-a other than art. 1 are left as "
        "they were; 'only in' here does not mean deleted\n"
    ) in out, err


# --------------------------------------------------------------------------- 6. names, not ids


def test_human_formats_name_instruments_by_title_and_json_keeps_ids() -> None:
    for fmt in ("text", "md", "html", "unified"):
        out = diff("1997-charter", "1999-union-state", "--format", fmt, "--metadata")[1]
        for other_id in ("1997-union", "1996-community", "1998-declaration"):
            assert other_id not in out, (fmt, other_id)
    _, out, _ = diff("1997-charter", "1999-union-state", "--metadata")
    assert (
        "  relations: integral part of Union Treaty (1997) (by its art. 1) → builds on Community Treaty (1996)" in out
    )
    assert "    A: Charter of the Union (1997), art. 3\n" in out and "1997-charter/art-3" not in out
    data = json.loads(diff("1997-charter", "1999-union-state", "--format", "json")[1])
    assert row_of(data, "a", "1997-charter/art-3")["b"]["ref"] == "1999-union-state/art-3"
