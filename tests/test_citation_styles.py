"""Citations as lawyers write them: the expected citation of each instrument, built by hand from the styles'
published rules, against what ``legalgen cite`` prints.

The rules each row follows:

* OSCOLA 4th ed. §4.1 (treaties): title | bilateral parties in parentheses, en dash between them |
  (signed DATE, entered into force DATE) | treaty series, else the publication where the text is found |
  (informal title) | pinpoint "art 14" — no full stop (OSCOLA: none in abbreviations). Not yet in force: "not yet in force".
* OSCOLA 4th ed. §2.6 (EU treaties and legislation): title | [year] OJ series issue/page | ", art 8".
* Bluebook 21st ed. R21.4 (treaties): name, parties (three or fewer, T10 abbreviations, alphabetical,
  hyphenated), subdivision "art. 14, ¶ 7", date of signing (T12 months), source. With no parties element the
  subdivision follows the name without a comma (R21.4 example: "Vienna Convention on the Law of Treaties
  art. 32, opened for signature May 23, 1969, 1155 U.N.T.S. 331."); R21.8.2: "1992 O.J. (C 191) 1".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from legalgen.cli import cli

from .conftest import ROOT

TREATIES = str(ROOT / "treaties")
EU = str(ROOT / "examples" / "eu-citizenship")
UN_DOC = "UN General Assembly document A/54/666, annex"

CASES = [
    # --- OSCOLA §4.1: a bilateral treaty with a publication that is no treaty series
    (
        TREATIES,
        "1999-union-state/art-14",
        "oscola",
        "Treaty on the establishment of a Union State (Russia–Belarus) (signed 8 December 1999, entered into force "
        f"26 January 2000) {UN_DOC} (Union State Treaty) art 14",
    ),
    # OSCOLA §4.1: paragraph pinpoint in parentheses, still no full stop after "art"
    (
        TREATIES,
        "1998-equal-rights/art-1",
        "oscola",
        "Treaty between the Russian Federation and the Republic of Belarus on Equal Rights of Citizens "
        "(Russia–Belarus) (signed 25 December 1998) Rossiyskaya Gazeta 1998 No. 246 (Equal Rights Treaty) art 1",
    ),
    # OSCOLA §4.1: governments as parties are named by their States; no publication recorded, none invented
    (
        TREATIES,
        "1995-customs-union",
        "oscola",
        "Agreement on the Customs Union between the Russian Federation and the Republic of Belarus (Russia–Belarus) "
        "(signed 6 January 1995, entered into force 30 November 1995) (Customs Union Agreement)",
    ),
    # OSCOLA §4.1: a declaration has no entry into force to cite
    (
        TREATIES,
        "1998-declaration",
        "oscola",
        "Declaration on the Further Unification of Belarus and Russia (Russia–Belarus) (signed 25 December 1998) "
        "(Declaration on Further Unification)",
    ),
    # --- Bluebook R21.4: parties abbreviated (T10 Belr., Russ.) in alphabetical order, art., T12 date, source
    (
        TREATIES,
        "1999-union-state/art-14",
        "bluebook",
        f"Treaty on the establishment of a Union State, Belr.-Russ., art. 14, Dec. 8, 1999, {UN_DOC}.",
    ),
    (
        TREATIES,
        "1997-charter/art-1",
        "bluebook",
        "Charter of the Union of Belarus and Russia, Belr.-Russ., art. 1, May 23, 1997.",
    ),
    (
        TREATIES,
        "2024-security-guarantees",
        "bluebook",
        "Treaty between the Russian Federation and the Republic of Belarus on Security Guarantees within the Union "
        "State, Belr.-Russ., Dec. 6, 2024.",
    ),
    # --- plain: legalgen's own short-title pin cite, as every report prints it
    (TREATIES, "1999-union-state/art-14", "plain", "Union State Treaty (1999), art. 14"),
    (TREATIES, "1997-union/art-1", "plain", "Union Treaty (1997), art. 1"),
    # --- the EU corpus: OSCOLA §2.6 and Bluebook R21.8.2 (Official Journal references)
    (EU, "1992-teu", "oscola", "Treaty on European Union [1992] OJ C191/1"),
    (
        EU,
        "2007-teu-lisbon/art-4/para-2",
        "oscola",
        "Treaty on European Union, as amended by the Treaty of Lisbon (consolidated version) [2016] OJ C202/13, art 4(2)",
    ),
    (
        EU,
        "1994-directive-94-80/art-3",
        "bluebook",
        "Council Directive 94/80/EC of 19 December 1994 laying down detailed arrangements for the exercise of the "
        "right to vote and to stand as a candidate in municipal elections by citizens of the Union residing in a "
        "Member State of which they are not nationals art. 3, Dec. 19, 1994, 1994 O.J. (L 368) 38.",
    ),
    (
        EU,
        "2007-teu-lisbon/art-4/para-2",
        "bluebook",
        "Treaty on European Union, as amended by the Treaty of Lisbon (consolidated version) art. 4, ¶ 2, "
        "Dec. 13, 2007, 2016 O.J. (C 202) 13.",
    ),
]


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("corpus", "ref", "style", "expected"), CASES, ids=[f"{c[2]}:{c[1]}" for c in CASES])
def test_citation_follows_the_published_rules(corpus: str, ref: str, style: str, expected: str) -> None:
    code, out, _ = invoke("cite", ref, "--style", style, "--corpus", corpus)
    assert (code, out) == (0, expected + "\n")


def test_what_the_record_lacks_is_said_in_a_note_not_invented() -> None:
    code, out, err = invoke("cite", "1995-friendship", "--style", "oscola", "--corpus", TREATIES)
    assert code == 0
    assert "UNTS" not in out and "entered into force" not in out
    assert err.splitlines() == [
        "note: No treaty series or other publication is recorded; add the reference of the text you cite.",
        "note: No entry into force is recorded; the citation gives none (check the source you cite).",
    ]


def test_the_publication_is_cited_without_the_records_remark_which_goes_to_a_note() -> None:
    _, out, err = invoke("cite", "1996-community", "--style", "oscola", "--corpus", TREATIES)
    assert "Rossiyskaya Gazeta 1996 No. 88 (Community Treaty)" in out and "unverified" not in out
    assert (
        "note: The record gives the publication as: Rossiyskaya Gazeta 1996 No. 88 (cited as «РГ 96-88»; reading unverified)."
        in err
    )


def test_as_of_a_date_before_entry_into_force_cites_it_as_not_yet_in_force() -> None:
    code, out, err = invoke(
        "cite", "1999-union-state/art-14", "--style", "oscola", "--as-of", "1999-12-31", "--corpus", TREATIES
    )
    assert code == 0
    assert "(signed 8 December 1999, not yet in force)" in out
    assert "note: On 31 December 1999 it was not yet in force; it entered into force on 26 January 2000." in err


def test_a_terminated_instrument_says_so_in_a_note() -> None:
    _, _, err = invoke("cite", "1997-charter", "--style", "oscola", "--corpus", TREATIES)
    assert "note: It ceased to have effect on 26 January 2000." in err


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("1999-union-stat/art-14", "error: unknown instrument '1999-union-stat'; did you mean '1999-union-state'?"),
        (
            "1997-charter/art-22",
            "error: unknown provision '1997-charter/art-22'; did you mean '1997-charter/art-2', '1997-charter/art-3', "
            "'1997-charter/art-1'?",
        ),
        (
            "Art. 14",
            "error: 'Art. 14' is not a provision reference; write it as 'instrument-id/art-N' or "
            "'instrument-id/art-N/para-M'; e.g. 1999-union-state/art-14",
        ),
    ],
)
def test_an_unknown_ref_exits_2_with_a_suggestion(ref: str, message: str) -> None:
    code, out, err = invoke("cite", ref, "--corpus", TREATIES)
    assert (code, out, err) == (2, "", message + "\n")


def test_an_unknown_style_and_a_date_before_signature_are_refused() -> None:
    code, _, err = invoke("cite", "1999-union-state", "--style", "apa", "--corpus", TREATIES)
    assert code == 2 and "'apa' is not one of 'oscola', 'bluebook', 'plain'" in err
    code, _, err = invoke("cite", "1999-union-state", "--as-of", "1999-01-01", "--corpus", TREATIES)
    assert (code, err) == (
        2,
        "error: 1999-union-state: not yet signed or adopted on 1999-01-01 (dated 1999-12-08); fix: give a later --as-of\n",
    )


def test_plain_citation_of_a_whole_instrument_is_the_table_of_authorities_one() -> None:
    from legalgen.records import load_corpus
    from legalgen.views.words import citation

    inst = load_corpus([Path(TREATIES)]).instrument("1999-union-state")
    assert invoke("cite", "1999-union-state", "--corpus", TREATIES)[1] == citation(inst) + "\n"


@pytest.mark.slow
@pytest.mark.parametrize("command", [["report"], ["brief", "1999-union-state"]])
def test_citation_style_changes_the_full_citations_of_documents(command: list[str], tmp_path: Path) -> None:
    def html(*style: str) -> str:
        out = tmp_path / f"{style[-1] if style else 'default'}.html"
        args = [*command, "--corpus", TREATIES, "--as-of", "2025-12-31", "--format", "html", "-o", str(out), *style]
        result = CliRunner().invoke(cli, args, env={"SOURCE_DATE_EPOCH": "1767139200"})
        assert result.exit_code == 0, result.stderr
        return out.read_text(encoding="utf-8")

    default, plain, oscola = html(), html("--citation-style", "plain"), html("--citation-style", "oscola")
    assert default == plain  # plain is the default: today's documents, byte for byte
    expected = (
        "Treaty on the establishment of a Union State (Russia–Belarus) (signed 8 December 1999, entered into force "
        f"26 January 2000) {UN_DOC} (Union State Treaty)"
    )
    assert expected in oscola and expected not in plain
