"""What a reader sees in the real corpus's report, briefs and diff: labels, cites, separators, wording."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from legalgen.analysis import diff_instruments
from legalgen.records import Corpus, Rendering, load_corpus
from legalgen.render.diff import render_markdown, render_terminal
from legalgen.render.html import render_html
from legalgen.views import brief_view, diff_view

from .conftest import TREATIES

pytestmark = [
    pytest.mark.slow,  # reads treaties/ (about a second to load)
    pytest.mark.skipif(not (TREATIES / "topics.yaml").is_file(), reason="treaties/ not merged yet"),
]

DAY = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def real() -> Corpus:
    return load_corpus([TREATIES])


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def _translation_only(corpus: Corpus) -> list[tuple[str, str, str]]:
    """(short title, article label) of every provision whose wording was seen only in translation."""
    from legalgen.ids import article_label

    out = []
    for inst in corpus.instruments:
        for p in inst.provisions:
            if p.verbatim and all(t.rendering is not Rendering.original for t in p.verbatim):
                out.append((inst.short_title, article_label(p.article, p.paragraph), inst.id))
    return out


def test_translations_are_never_labelled_verbatim_in_brief_notes(real: Corpus) -> None:
    found = _translation_only(real)
    assert found, "the corpus has provisions known only in translation"
    checked = 0
    for _title, label, iid in found:
        view = brief_view(real, iid, as_of=DAY, generated=DAY)
        for n in view.notes:
            for m in re.finditer(re.escape(label) + r" \(([^;)]*)", n.text):
                checked += 1
                assert m.group(1) != "verbatim", n.text
                assert "translation" in m.group(1), n.text
    assert checked


def test_diff_headings_call_a_translation_a_translation(real: Corpus) -> None:
    d = diff_instruments(
        real.instrument("1998-equal-rights"), real.instrument("2025-equal-rights-protocol"), real.topics
    )
    text = _text(render_html("diff.html", diff_view(d, generated=DAY), mode="page"))
    assert "English · only in A (unofficial translation by" in text
    assert "only in A (verbatim)" not in text.replace("Russian · only in A (verbatim)", "")
    for out in (render_terminal(d, False), render_markdown(d)):
        assert "unofficial translation" in out


GLUED = re.compile(r"(art\. \d+[a-z]?(?:\([0-9a-z]+\))?|preamble|not identified)(?=[A-Z])")


def test_cites_in_a_row_are_separated(real: Corpus) -> None:
    targets = [*real.ids, *(t.id for t in real.topics.topics)]
    seen_list = False
    for target in targets:
        text = _text(render_html("brief.html", brief_view(real, target, as_of=DAY, generated=DAY), mode="page"))
        assert not GLUED.search(text), (target, GLUED.search(text))
        seen_list |= bool(re.search(r"Carries forward [^.]*, art\. \d+; [A-Z]", text))
    assert seen_list, "some provision carries forward two provisions"


def _body(html: str) -> str:
    body = html[html.index("<body") :]
    return re.sub(r"https?://\S+", "", _text(body))


def _raw_ids(real: Corpus, text: str) -> list[str]:
    found = [i for i in real.ids if re.search(rf"(?<![\w/.-]){re.escape(i)}(?![\w-])", text)]
    return found + re.findall(r"\bart-\d+\S*|\bunidentified\b|/para-\w+", text)


def test_briefs_name_instruments_and_provisions_as_a_reader_cites_them(real: Corpus) -> None:
    for target in [*real.ids, *(t.id for t in real.topics.topics)]:
        text = _body(render_html("brief.html", brief_view(real, target, as_of=DAY, generated=DAY), mode="page"))
        assert not _raw_ids(real, text), (target, _raw_ids(real, text))
    charter = _body(render_html("brief.html", brief_view(real, "1997-charter", as_of=DAY, generated=DAY)))
    assert "ceased to have effect by art. 70(1) of the Union State Treaty (1999)" in charter
    union_state = _body(render_html("brief.html", brief_view(real, "1999-union-state", as_of=DAY, generated=DAY)))
    assert "Terminates the Charter of the Union (1997) by its art. 70(1)" in union_state
    protocol = _body(
        render_html("brief.html", brief_view(real, "2025-equal-rights-protocol", as_of=DAY, generated=DAY))
    )
    assert (
        "Amends the Equal Rights Treaty (1998), art. 1, by a provision whose article number was not identified"
        in protocol
    )


def test_brief_prose_reads_cleanly(real: Corpus) -> None:
    for target in [*real.ids, *(t.id for t in real.topics.topics)]:
        text = _body(render_html("brief.html", brief_view(real, target, as_of=DAY, generated=DAY), mode="pdf"))
        assert not re.search(r"[^.]\.\.(?!\.)", text), (target, re.search(r".{40}[^.]\.\.(?!\.).{5}", text))
        assert not re.search(r"\bfor (Russian Federation|Republic of)", text), target
    equal = _body(render_html("brief.html", brief_view(real, "1998-equal-rights", as_of=DAY, generated=DAY)))
    # A party's name is data: printed as the record writes it, no article added.
    assert "(Russian Federation)" in equal and "(Republic of Belarus)" in equal
    assert "the Russian Federation)" not in equal


def test_diff_documents_use_pin_cites_and_long_dates(real: Corpus) -> None:
    d = diff_instruments(
        real.instrument("1998-equal-rights"), real.instrument("2025-equal-rights-protocol"), real.topics
    )
    html = render_html("diff.html", diff_view(d, generated=DAY), mode="page")
    text = _body(html).replace(" id 1998-equal-rights 2025-equal-rights-protocol ", " ")
    assert "(by unidentified)" not in text and " continues " not in text
    assert (
        "Equal Rights Protocol (2025), article not identified, carries forward Equal Rights Treaty (1998), art. 1"
        in text
    )
    assert "25 December 1998" in text and not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text)
    for out in (render_terminal(d, False), render_markdown(d)):
        assert "by unidentified" not in out and not re.search(r"\b\d{4}-\d{2}-\d{2}\b", out)


def _cli(*args: str) -> str:
    from click.testing import CliRunner

    from legalgen.cli import cli

    result = CliRunner().invoke(cli, [*args, "--corpus", str(TREATIES)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_terminal_and_the_report_word_an_instrument_s_status_alike(real: Corpus) -> None:
    """One wording per fact: only the dates (ISO in the terminal) and the names (ids) differ."""
    from legalgen.views import report_view

    line = next(x for x in _cli("as-of", "2026-01-01").splitlines() if x.startswith("  1997-charter "))
    assert line.split(None, 1)[1] == "ceased to have effect on 2000-01-26 (by art. 70(1) of 1999-union-state)"
    view = report_view(real, as_of=DAY, generated=DAY)
    charter = next(a for a in view.authorities if a.id == "toa--1997-charter")
    assert charter.status == "ceased to have effect on 26 January 2000 (by art. 70(1) of the Union State Treaty (1999))"
    friendship = next(a for a in view.authorities if a.id == "toa--1995-friendship")
    assert friendship.status == (
        "signed on 21 February 1995; entry into force not recorded "
        "(later instruments rely on it: the Community Treaty (1996) builds on it)"
    )


def test_the_thread_and_the_report_give_the_same_causes_and_caveats(real: Corpus) -> None:
    from legalgen.views import report_view

    lines = _cli("thread", "citizenship").splitlines()
    assert "  Friendship Treaty (1995) was signed" in lines
    assert "  Charter of the Union (1997) ceased to have effect" in lines
    assert "    ! 1999-union-state/art-14: wording known only as a paraphrase" in lines
    chapter = report_view(real, as_of=DAY, generated=DAY, topic="citizenship").chapters[0]
    assert chapter.periods[0].because == "The Friendship Treaty (1995) was signed"
    assert chapter.periods[-1].flags == "wording known only as a paraphrase"


def test_show_tells_an_instrument_s_life_in_the_brief_s_sentences(real: Corpus) -> None:
    out = _cli("show", "1997-charter")
    assert "  26 January 2000: ceased to have effect by art. 70(1) of 1999-union-state." in out.splitlines()
    assert "  Integral part of 1997-union by its art. 1" in out.splitlines()
    assert "art-70/para-1" not in out.split("Provisions")[0]  # no raw provision id in the prose
    brief = _body(render_html("brief.html", brief_view(real, "1997-charter", as_of=DAY, generated=DAY)))
    assert "26 January 2000: ceased to have effect by art. 70(1) of the Union State Treaty (1999)." in brief


def test_a_brief_dated_before_the_signature_says_not_yet_signed(real: Corpus) -> None:
    view = brief_view(real, "1999-union-state", as_of=dt.date(1998, 1, 1), generated=DAY)
    assert dict((f.label, f.value) for f in view.facts)["Status"] == "Not yet signed (signed on 8 December 1999)"


def test_the_markdown_diff_labels_each_text_as_the_terminal_does(real: Corpus) -> None:
    d = diff_instruments(real.instrument("1997-union"), real.instrument("1999-union-state"), real.topics)
    md, terminal = render_markdown(d), render_terminal(d, False)
    assert "B (verbatim — S9, preamble):" in md
    assert "verbatim — S9, preamble" in terminal
