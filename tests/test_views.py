"""View models: what a document shows, decided in Python before any template (no PDF here)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from legalgen.errors import UnknownName
from legalgen.records import Corpus, load_corpus
from legalgen.render.html import render_html
from legalgen.views import Paraphrased, Quote, brief_view, report_view
from legalgen.views.words import long_date

from .conftest import rich_records, write_corpus

DAY = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """Loaded once for the module: a Corpus is frozen, so no test can change it for the next."""
    return load_corpus([write_corpus(tmp_path_factory.mktemp("views") / "corpus", *rich_records())])


def test_dates_are_written_out_whatever_the_locale() -> None:
    assert long_date(dt.date(1997, 4, 2)) == "2 April 1997"


def test_only_verbatim_texts_become_quotes_and_paraphrases_say_what_they_are(corpus: Corpus) -> None:
    view = report_view(corpus, as_of=DAY, generated=DAY)
    passages = [
        p
        for c in view.chapters
        for e in c.entries
        for b in e.provisions
        for p in (*b.passages, *(x for col in b.columns for x in col.passages))
    ]
    quotes = [p for p in passages if isinstance(p, Quote)]
    paraphrases = [p for p in passages if isinstance(p, Paraphrased)]
    assert quotes and paraphrases
    assert all(not hasattr(p, "open") for p in paraphrases)
    assert all(p.label.startswith("Paraphrase") and "not the instrument's words" in p.label for p in paraphrases)
    assert all(p.basis for p in paraphrases)
    labels = {q.label for q in quotes}
    assert "Verbatim · Russian original" in labels
    assert "Unofficial translation into English by SojuzPravoInform · excerpt" in labels
    assert "Official translation into English by UN Secretariat · excerpt" in labels
    marks = {(q.lang, q.open, q.close) for q in quotes}
    assert ("ru", "«", "»") in marks and ("en", "“", "”") in marks


def test_cut_quotes_are_marked_where_the_source_cut_them(corpus: Corpus) -> None:
    view = report_view(corpus, as_of=DAY, generated=DAY)
    quotes = {
        q.paragraphs[0][0].text[:12]: q
        for c in view.chapters
        for e in c.entries
        for b in e.provisions
        for q in b.quotes
    }
    assert (quotes["убежденные в"].cut_start, quotes["убежденные в"].cut_end) == ("[…]", "[…]")
    assert (quotes["Устанавливае"].cut_start, quotes["Устанавливае"].cut_end) == ("", "[…]")
    assert (quotes["Каждая из Ст"].cut_start, quotes["Каждая из Ст"].cut_end) == ("", "")
    html = render_html("report.html", view, mode="page")
    assert "«[…] убежденные в необходимости продолжать строительство суверенных государств […]»" in html
    assert "«Устанавливается гражданство Союза […]»" in html


def test_paraphrase_is_never_inside_quotation_marks_in_html(corpus: Corpus) -> None:
    for view, template in (
        (report_view(corpus, as_of=DAY, generated=DAY), "report.html"),
        (brief_view(corpus, "1995-friendship", as_of=DAY, generated=DAY), "brief.html"),
    ):
        html = render_html(template, view, mode="page")
        blocks = re.findall(r'<div class="passage passage-paraphrase"[^>]*>(.*?)<p class="source"', html, re.DOTALL)
        assert blocks
        for block in blocks:
            text = re.sub(r"<[^>]+>", "", block)
            assert not set("«»“”") & set(text), block


def test_the_matrix_pin_cites_and_status(corpus: Corpus) -> None:
    view = report_view(corpus, as_of=DAY, generated=DAY)
    assert view.matrix.topics == ("Citizenship", "Electoral rights")
    rows = {r.title: r for r in view.matrix.rows}
    charter = rows["Charter of the Union (1997)"]
    assert [[(k.dimension, k.value) for k in c.codes] for c in charter.cells] == [
        [("Status of each other's citizens", "Union citizenship")],
        [("Elections open to the other's citizens", "Union bodies")],
    ]
    electoral = charter.cells[1].codes[0]
    assert [r.text for r in electoral.cites] == ["art. 14(7)"]
    assert (
        electoral.evidence == "evidence: accounts or a draft only, the text itself not seen"
    )  # a paraphrase citing a news item
    assert charter.cells[0].codes[0].evidence == "evidence: official text"
    assert charter.status.startswith("ceased to have effect on 26 January 2000 (by the Union State Treaty (1999))")
    assert rows["Union State Treaty (1999)"].status == (
        "in force since 26 January 2000; amended by the Protocol (2025) with effect from 29 October 2025"
    )
    assert rows["Friendship Treaty (1995)"].status == "entry into force not recorded"
    assert rows["Protocol (2025)"].cells[0].codes == ()  # rendered "—"


def test_as_of_leaves_out_what_came_later_and_topic_narrows(corpus: Corpus) -> None:
    view = report_view(corpus, as_of=dt.date(1998, 1, 1), generated=DAY)
    assert [r.title for r in view.matrix.rows] == ["Friendship Treaty (1995)", "Charter of the Union (1997)"]
    assert view.matrix.rows[1].status == "in force since 10 June 1997 (not verified)"
    one = report_view(corpus, as_of=DAY, generated=DAY, topic="electoral-rights")
    assert [c.title for c in one.chapters] == ["Electoral rights"]
    assert one.meta.slug == "timeline-report-electoral-rights"
    with pytest.raises(UnknownName, match="did you mean 'citizenship'"):
        report_view(corpus, as_of=DAY, generated=DAY, topic="citizenshp")


def test_chapters_tell_each_step_and_quote_each_provision_once(corpus: Corpus) -> None:
    view = report_view(corpus, as_of=DAY, generated=DAY)
    citizenship = view.chapters[0]
    assert [[(k.value, k.against) for k in e.codes] for e in citizenship.entries] == [
        [("Status of each other's citizens", "no recorded provision then in force addressed it")],
        [
            (
                "Union citizenship",
                "above the value then in force (Status of each other's citizens, Friendship Treaty (1995))",
            )
        ],
        [("Union citizenship", "as already in force (Union citizenship, Charter of the Union (1997))")],
    ]
    ids = [b.id for c in view.chapters for e in c.entries for b in e.provisions if b.id]
    assert len(ids) == len(set(ids))
    assert "1999-union-state--art-14" in ids
    assert [m.claim for m in citizenship.misreadings] == ["The 1995 Treaty created a common citizenship."]


def test_the_chart_has_a_text_alternative(corpus: Corpus) -> None:
    chart = report_view(corpus, as_of=DAY, generated=DAY).chart
    assert chart.title.startswith("Timeline of 4 instruments, 1995–2026")
    assert "2. Charter of the Union (1997): signed at Moscow on 23 May 1997" in chart.desc
    assert (
        "Citizenship — Status of each other's citizens: Status of each other's citizens from 21 February 1995 "
        "(1. Friendship Treaty (1995); evidence: official text; counted from signature: entry into force not "
        "recorded); Union citizenship from 10 June 1997 (2. Charter of the Union (1997); evidence: official text; "
        "rests on an unverified date; wording seen only in part)"
    ) in chart.desc
    assert "Relation to national citizenship: not addressed." in chart.desc
    assert "shortened" in chart.caption  # 2001–2024 had nothing recorded
    xs = [m.x for m in chart.marks]
    assert xs == sorted(xs) and all(chart.plot_left <= x <= chart.plot_right for x in xs)


def test_the_verification_appendix_lists_everything_unverified(corpus: Corpus) -> None:
    view = report_view(corpus, as_of=DAY, generated=DAY)
    checks = {g.instrument: g.items for g in view.checks}
    friendship = checks["Friendship Treaty (1995)"]
    assert "The place of signature (Minsk) is not verified." in friendship
    assert "The signatories (B. Yeltsin; A. Lukashenko) are not verified." in friendship
    assert "Entry into force was not found." in friendship
    charter = checks["Charter of the Union (1997)"]
    assert "The entry into force of 10 June 1997 is not confirmed by any source seen." in charter
    assert any("rests on paraphrase only (art. 14(7))" in item for item in charter)


def test_table_of_authorities_collects_every_citing_link(corpus: Corpus) -> None:
    view = report_view(corpus, as_of=DAY, generated=DAY)
    html = render_html("report.html", view, mode="pdf")
    for authority in view.authorities:
        for cid in authority.cites:
            assert f'id="{cid}"' in html
            assert f'href="#{cid}"' in html
    targets = set(re.findall(r'href="#([^"]+)"', html))
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert targets <= ids, targets - ids  # every internal link lands somewhere


def test_briefs_footnote_their_citations(corpus: Corpus) -> None:
    view = brief_view(corpus, "1999-union-state", as_of=DAY, generated=DAY)
    assert [n.number for n in view.notes] == list(range(1, len(view.notes) + 1))
    assert any("Union State Treaty (1999), art. 14 (verbatim" in n.text for n in view.notes)
    html = render_html("brief.html", view, mode="pdf")
    assert html.count('class="fn"') == len(view.notes)
    page = render_html("brief.html", view, mode="page")
    assert page.count('class="fn-call"') == len(view.notes) and 'class="fn"' not in page
    topic = brief_view(corpus, "citizenship", as_of=DAY, generated=DAY)
    assert topic.meta.slug == "brief-citizenship"
    with pytest.raises(UnknownName, match="instrument or topic"):
        brief_view(corpus, "1999-union", as_of=DAY, generated=DAY)


def test_chapters_and_summary_follow_the_position_in_force(corpus: Corpus) -> None:
    view = report_view(corpus, as_of=DAY, generated=DAY)
    periods = view.chapters[0].periods
    assert [(p.since, p.changes) for p in periods] == [
        (
            "21 February 1995",
            (
                "Status of each other's citizens: Status of each other's citizens (first stated) — evidence: official text",
            ),
        ),
        (
            "10 June 1997",
            (
                "Status of each other's citizens: Union citizenship, up from Status of each other's citizens — "
                "evidence: official text",
            ),
        ),
        (
            "26 January 2000",
            (
                "Status of each other's citizens: Union citizenship, now resting on the Union State Treaty (1999) — "
                "evidence: official text",
            ),
        ),
    ]
    assert periods[0].flags == "counted from signature: entry into force not recorded"
    assert periods[1].flags == "rests on an unverified date; wording seen only in part"
    assert periods[2].until == "1 January 2026 (the report's date)"
    assert periods[2].because == (
        "The Charter of the Union (1997) ceased to have effect, the Union State Treaty (1999) entered into force"
    )
    head = "".join(r.text for r in view.summary[1].runs)
    assert head == (
        "Citizenship: on 1 January 2026, 1 dimension of 2 is addressed by an instrument that applies; not "
        "addressed: Relation to national citizenship. First addressed on 21 February 1995; 2 changes since (see "
        "the chapter)."
    )
    (item,) = ["".join(r.text for r in runs) for runs in view.summary[1].items]
    assert item.startswith(
        "Status of each other's citizens: Union citizenship (Union State Treaty (1999), art. 14; evidence: "
        "official text); also applying: Status of each other's citizens (Friendship Treaty (1995), art. 17;"
    )


def test_dates_derived_from_other_instruments_are_listed_as_such(make_corpus: Callable[..., Path]) -> None:
    records = rich_records()
    charter = records[1]
    charter["events"] = [e for e in charter["events"] if e["type"] != "termination"]
    corpus = load_corpus([make_corpus(*records)])
    view = report_view(corpus, as_of=DAY, generated=DAY)
    items = {g.instrument: g.items for g in view.checks}["Charter of the Union (1997)"]
    assert (
        "The date of termination (26 January 2000) is not recorded on this instrument; it is derived from the "
        "Union State Treaty (1999)."
    ) in items
    row = next(r for r in view.matrix.rows if r.title == "Charter of the Union (1997)")
    assert row.status == (
        "ceased to have effect on 26 January 2000 (by the Union State Treaty (1999); "
        "date derived from the Union State Treaty (1999))"
    )


@pytest.mark.slow
def test_a_later_instrument_is_measured_against_the_law_then_in_force() -> None:
    """The 1998 Equal Rights Treaty states equal rights in stated fields, measured against the law of the day
    before its signature, not against whichever instrument came before it."""
    from .conftest import TREATIES

    real = load_corpus([TREATIES])
    view = report_view(real, as_of=DAY, generated=DAY, topic="citizenship")
    entries = {e.instrument.split(". ", 1)[1]: e.codes for e in view.chapters[0].entries}
    (equal,) = entries["Equal Rights Treaty (1998)"]
    assert (equal.dimension, equal.value) == ("Equal rights in the other state", "Equal in stated fields")
    assert equal.against == (
        "above the value then in force (Own nationals protected; equal treatment deferred, Friendship Treaty (1995))"
    )
    union, national = entries["Charter of the Union (1997)"]
    assert (union.value, union.against) == ("Established", "no recorded provision then in force addressed it")
    assert national.value == "Kept alongside union citizenship"


@pytest.mark.slow
def test_verification_items_name_unnumbered_provisions_by_what_they_are_about() -> None:
    from legalgen.views import report_view

    from .conftest import TREATIES

    real = load_corpus([TREATIES])
    view = report_view(real, as_of=DAY, generated=DAY)
    text = repr(view)
    assert "Article not identified is known only" not in text
    assert "The position on electoral-rights" not in text
    assert "(article number not identified) is known only from a paraphrase" in text


def test_views_import_no_renderer_and_the_analysis_no_view() -> None:
    """Imports point one way: records → analysis → views → render; render/data does not need render/text."""
    import ast

    from .conftest import ROOT

    def imports(path: Path) -> set[str]:
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
        return found

    package = ROOT / "legalgen"
    for stage, forbidden in (
        ("views", "legalgen.render"),
        ("analysis", "legalgen.views"),
        ("records", "legalgen.views"),
    ):
        for path in (package / stage).rglob("*.py"):
            assert not {m for m in imports(path) if m.startswith(forbidden)}, path
    assert "legalgen.render.text" not in imports(package / "render" / "data.py")


@pytest.mark.parametrize("module", ["common", "life", "diff"])
def test_the_examples_in_the_wording_modules_run(module: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"legalgen.views.words.{module}"))
    assert result.failed == 0 and result.attempted > 0


@pytest.mark.parametrize("folder", ["treaties", "examples/eu-citizenship"])
def test_a_bar_of_the_chart_shows_only_the_number_that_fits_in_it(folder: str) -> None:
    from legalgen.views.analysis import analysis
    from legalgen.views.chart import CHAR_W, PAD, chart

    from .conftest import ROOT

    drawn = chart(analysis(load_corpus([ROOT / folder]), DAY))
    segments = [s for lane in drawn.lanes for row in lane.rows for s in row.segments]
    assert segments and all(PAD * 2 + CHAR_W * len(s.label) <= s.x2 - s.x1 for s in segments if s.label)
    assert all(s.label in ("", s.number, s.number.split(" ", 1)[0]) for s in segments)
