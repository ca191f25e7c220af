"""What a reader sees in the real corpus's report, briefs and diff: labels, cites, separators, wording."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from legalgen.corpus import Corpus, load_corpus
from legalgen.diff import diff_instruments
from legalgen.diff_view import diff_view
from legalgen.models import Rendering
from legalgen.render_diff import render_markdown, render_terminal
from legalgen.render_html import render_html
from legalgen.views import brief_view

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
    assert "for the Russian Federation" in equal and "for the Republic of Belarus" in equal


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
