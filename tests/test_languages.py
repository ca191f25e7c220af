"""Languages come from the records: layouts, CLDR names and marks, restorations, words of the data as written.

The last test builds the second corpus (examples/eu-citizenship: originals in French, German, English …)
with the standard ``legalgen build`` and reads every output — PDF text, HTML, Markdown, JSON, CSV and the
terminal — for a word that only makes sense for the Russia–Belarus series of treaties/.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from legalgen.cli import cli
from legalgen.records import Instrument, Provision, Verbatim, load_corpus
from legalgen.render.html import render_html
from legalgen.views import brief_view, report_view
from legalgen.views.blocks import provision_block, reading_key, text_layout
from legalgen.views.words import describe_event, language_name, quote_marks, quoted

from .conftest import ROOT, TREATIES, article, instrument, write_corpus
from .pdfread import pages_text, squash

DAY = dt.date(2026, 1, 1)
EU = ROOT / "examples" / "eu-citizenship"


def verbatim(language: str, text: str, **fields: Any) -> dict[str, Any]:
    return {"kind": "verbatim", "language": language, "text": text, "source": "S1", "locator": "art. 1", **fields}


def paraphrase(language: str, text: str, **fields: Any) -> dict[str, Any]:
    return {"kind": "paraphrase", "language": language, "text": text, "basis": "The editors' reading.", **fields}


def provision(*texts: dict[str, Any]) -> Provision:
    return Provision.model_validate_json(json.dumps({"article": "1", "texts": list(texts)}))


def quote_of(text: dict[str, Any]) -> Verbatim:
    return Verbatim.model_validate_json(json.dumps(text))


PARTIAL = {"incomplete": True}
TRANSLATION = {"rendering": "official_translation", "translator": "UN Secretariat"}

# (what the record holds, the layout, the languages of the left and right columns, the languages printed apart)
LAYOUTS = [
    ("one language", [verbatim("fr", "Il est institué."), paraphrase("fr", "Résumé.")], "single", "", "", "fr fr"),
    (
        "a text and the editors' working translation of it",
        [verbatim("ru", "Устанавливается."), paraphrase("en", "It is established.", translates="ru")],
        "parallel",
        "ru",
        "en",
        "",
    ),
    (
        "an original and its official translation, both whole",
        [verbatim("en", "It is established.", **TRANSLATION), verbatim("ru", "Устанавливается.")],
        "parallel",
        "ru",
        "en",
        "",
    ),
    (
        "two authentic texts of the whole provision",
        [verbatim("fr", "Il est institué."), verbatim("de", "Es wird eingeführt.")],
        "parallel",
        "fr",
        "de",
        "",
    ),
    (
        "a clause and the English of another passage (issue 9.4)",
        [verbatim("en", "The Russian Federation …", **TRANSLATION, **PARTIAL), verbatim("ru", "реализуя …", **PARTIAL)],
        "stacked",
        "",
        "",
        "ru en",
    ),
    (
        "a text and a summary in another language",
        [verbatim("ru", "Устанавливается."), paraphrase("en", "The article sets up a citizenship.")],
        "stacked",
        "",
        "",
        "ru en",
    ),
    (
        "three languages",
        [verbatim("en", "It is established."), verbatim("fr", "Il est institué."), verbatim("de", "Eingeführt.")],
        "stacked",
        "",
        "",
        "en fr de",
    ),
    (
        "a pair, and a summary that renders neither",
        [
            verbatim("ru", "Устанавливается."),
            paraphrase("en", "Summary."),
            paraphrase("en", "It is established.", translates="ru"),
        ],
        "parallel",
        "ru",
        "en",
        "en",
    ),
]


@pytest.mark.parametrize(
    ("texts", "layout", "left", "right", "apart"), [x[1:] for x in LAYOUTS], ids=[x[0] for x in LAYOUTS]
)
def test_the_layout_follows_the_texts_the_record_holds(
    texts: list[dict[str, Any]], layout: str, left: str, right: str, apart: str
) -> None:
    prov = provision(*texts)
    got, lefts, rights, others = text_layout(prov)
    assert (got, " ".join(t.language for t in lefts), " ".join(t.language for t in rights)) == (layout, left, right)
    assert " ".join(t.language for t in others) == apart
    inst = Instrument.model_validate_json(json.dumps(instrument("2000-test", provisions=[])))
    block = provision_block(inst, prov, None, None)
    assert [c.lang for c in block.columns] == [x for x in (left, right) if x]
    assert [c.heading for c in block.columns] == [language_name(x) for x in (left, right) if x]


def test_no_column_and_no_missing_text_for_a_language_the_record_does_not_have(tmp_path: Path) -> None:
    record = instrument(
        "1992-test",
        provisions=[article("1", topics=("citizenship",))],
        titles={"en": "Treaty on European Union", "fr": "Traité sur l'Union européenne"},
        parties=["Kingdom of Denmark", "French Republic"],
    )
    record["provisions"][0]["texts"] = [verbatim("fr", "Il est institué une citoyenneté de l’Union.")]
    corpus = load_corpus([write_corpus(tmp_path / "c", record)])
    html = render_html("brief.html", brief_view(corpus, "1992-test", as_of=DAY, generated=DAY), mode="page")
    assert "Russian" not in html and "text was not seen" not in html and '<table class="parallel">' not in html
    assert '<div class="passage passage-quote" lang="fr">' in html
    assert "«Il est institué une citoyenneté de l’Union.»" in html


def test_a_paraphrase_can_only_translate_a_verbatim_text_of_its_provision(tmp_path: Path) -> None:
    record = instrument("2000-test")
    record["provisions"][0]["texts"].append(paraphrase("en", "Citizens have equal rights.", translates="fr"))
    result = CliRunner().invoke(cli, ["validate", str(write_corpus(tmp_path / "c", record))])
    assert result.exit_code == 2
    assert "a paraphrase says it translates the 'fr' text, but the provision has no verbatim text in 'fr'" in (
        result.stderr
    )


@pytest.mark.parametrize(
    ("lang", "marks", "name"),
    [("fr", "«…»", "French"), ("de", "„…“", "German"), ("en", "“…”", "English"), ("ru", "«…»", "Russian")],
)
def test_quotation_marks_and_names_come_from_cldr(lang: str, marks: str, name: str) -> None:
    assert (quote_marks(lang).pair, language_name(lang)) == (marks, name)


def test_alternate_marks_and_names_in_the_document_language() -> None:
    assert (quote_marks("de").alt_open, quote_marks("de").alt_close) == ("‚", "‘")
    assert (quote_marks("ru").alt_open, quote_marks("ru").alt_close) == ("„", "“")
    assert language_name("de", "de") == "Deutsch" and language_name("ro") == "Romanian"
    assert quote_marks("zz").pair == "“…”" and language_name("zz") == "zz"


def test_the_legend_shows_the_marks_the_document_uses() -> None:
    eu = load_corpus([EU])
    key = {f.label: f.value for f in brief_view(eu, "2007-tfeu", as_of=DAY, generated=DAY).key}
    first = next(iter(key))
    assert set(first.split()) == {"„…“", "“…”", "«…»"}  # German, English, Spanish/French: the TFEU's texts
    assert "German „…“" in key[first] and "English “…”" in key[first]
    assert "[ ]" not in key  # no restoration in it
    assert reading_key()[0].label == "“…”"  # a document that quotes nothing shows its own language's marks


RESTORED = verbatim(
    "ru",
    "на других общепризнанных принципах и нормах международ",
    incomplete=True,
    restorations=[{"after": "международ", "text": "ного права", "joined": True}],
)
MIDDLE = verbatim(
    "en",
    "Guided by the will of the peoples of and Byelorussia",
    restorations=[{"after": "peoples of", "text": "Russia"}],
)


def test_a_restoration_stands_in_brackets_outside_the_quotation_marks() -> None:
    assert quoted(quote_of(RESTORED)) == "«на других общепризнанных принципах и нормах международ»[ного права] […]"
    assert quoted(quote_of(MIDDLE)) == "“Guided by the will of the peoples of” [Russia] “and Byelorussia”"
    assert quote_of(MIDDLE).text == "Guided by the will of the peoples of and Byelorussia"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": "the peoples of [Russia] and"}, "a verbatim text holds square brackets"),
        ({"restorations": [{"after": "nowhere", "text": "x"}]}, "its anchor 'nowhere' does not occur in `text`"),
        ({"restorations": [{"text": "x"}]}, "a restoration needs one anchor"),
    ],
)
def test_a_restoration_must_be_typed_and_anchored(tmp_path: Path, fields: dict[str, Any], message: str) -> None:
    record = instrument("2000-test")
    record["provisions"][0]["texts"] = [verbatim("en", "the peoples of and Byelorussia") | fields]
    result = CliRunner().invoke(cli, ["validate", str(write_corpus(tmp_path / "c", record))])
    assert result.exit_code == 2 and message in result.stderr, result.stderr


def test_restorations_print_outside_the_marks_in_html_and_the_legend_says_so(tmp_path: Path) -> None:
    record = instrument("1997-test", provisions=[article("3")])
    record["provisions"][0]["texts"] = [RESTORED, MIDDLE]
    corpus = load_corpus([write_corpus(tmp_path / "c", record)])
    view = brief_view(corpus, "1997-test", as_of=DAY, generated=DAY)
    html = render_html("brief.html", view, mode="page")
    restored = '<span class="restored" title="restored by the editors">[{}]</span>'
    assert "«на других общепризнанных принципах и нормах международ»" + restored.format("ного права") + " […]" in html
    assert "“Guided by the will of the peoples of” " + restored.format("Russia") + " “and Byelorussia”" in html
    assert "[ ]" in {f.label for f in view.key}


def test_the_words_of_the_data_are_printed_as_written() -> None:
    eu = load_corpus([EU])
    report = report_view(eu, as_of=DAY, generated=DAY)
    text = " ".join(r.text for p in report.summary for r in p.runs) + report.meta.subtitle
    assert "Citizenship of the Union" in text and "citizenship of the union" not in text
    brief = brief_view(eu, "union-citizenship", as_of=DAY, generated=DAY)
    assert brief.meta.description.startswith("Brief on Citizenship of the Union across the corpus")
    main = load_corpus([TREATIES])
    signature = next(e for e in main.instrument("1997-charter").events if e.type == "signature")
    assert "(Russian Federation)" in describe_event(signature, main.instrument("1997-charter"))
    assert "the Russian Federation" not in describe_event(signature, main.instrument("1997-charter"))


def test_every_text_element_carries_its_own_language() -> None:
    eu = load_corpus([EU])
    html = render_html("report.html", report_view(eu, as_of=DAY, generated=DAY), mode="page")
    assert html.count('<html lang="en">') == 1
    langs = set(re.findall(r'<div class="passage passage-\w+" lang="(\w+)"', html))
    assert langs == {"en", "fr", "de", "es", "it", "ro"}
    assert 'lang="ru"' not in html


# --------------------------------------------------------------------------- the second corpus, end to end


def russia_belarus_words() -> set[str]:
    """The words of treaties/ that only make sense for the Russia–Belarus series: its parties, its
    languages, its instruments' short titles and its topics — less any the second corpus's own records use."""
    main = load_corpus([TREATIES])
    words = {"Russia", "Belarus", "Belarusian", "Russian"}
    for inst in main.instruments:
        words.update(inst.parties)
        words.add(inst.short_title)
        words.update(language_name(t.language) for p in inst.provisions for t in p.texts)
        words.update(language_name(lang) for lang in inst.titles)
    for topic in main.topics.topics:
        words.update([topic.id, topic.title])
        for dimension in topic.dimensions:
            words.update([dimension.id, dimension.label, *(v.label for v in dimension.values)])
    own = " ".join(p.read_text(encoding="utf-8") for p in EU.glob("*.yaml")).lower()
    return {w for w in words if w.lower() not in own}


def pdf_text(path: Path) -> str:
    return "\n".join(pages_text(path.read_bytes()))


def terminal_outputs() -> dict[str, str]:
    eu = load_corpus([EU])
    runs = [["list"], ["as-of", "2026-01-01"], ["matrix"], ["genealogy"], ["as-of", "2026-01-01", "--format", "json"]]
    runs += [["show", i] for i in eu.ids] + [["thread", t.id] for t in eu.topics.topics]
    runs += [["diff", "1992-ec-treaty", "2007-tfeu"], ["diff", "1992-ec-treaty", "2007-tfeu", "--format", "md"]]
    out = {}
    for args in runs:
        result = CliRunner().invoke(cli, [*args, "--corpus", str(EU)])
        assert result.exit_code in (0, 1), (args, result.output)
        out[" ".join(args)] = result.stdout
    return out


@pytest.mark.slow
def test_the_second_corpus_builds_without_a_word_of_the_first(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["build", "--corpus", str(EU), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    outputs = {
        f.name: (pdf_text(f) if f.suffix == ".pdf" else f.read_text(encoding="utf-8"))
        for f in (tmp_path / "out").iterdir()
        if f.is_file()  # not the render cache, .legalgen-cache/
    }
    assert {Path(n).suffix for n in outputs} >= {".pdf", ".html", ".md", ".json", ".csv"}
    outputs |= terminal_outputs()
    words = russia_belarus_words()
    assert {"Russian", "Russian Federation", "Republic of Belarus", "Union State Treaty (1999)", "Sovereignty"} <= words
    found = {
        (name, w)
        for name, text in outputs.items()
        for w in words
        if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.IGNORECASE)
    }
    assert not found
    # The marks are the texts' own: German „…“ in the German quotes of the report, never guillemets around them.
    report = outputs["timeline-report.pdf"]
    assert "„(1) Es wird eine Unionsbürgerschaft eingeführt." in report
    assert "«1. Il est institué une citoyenneté de l’Union." in squash(report) or "«1. Il est institué" in report
    assert 'lang="ru"' not in outputs["timeline-report.html"]


@pytest.mark.slow
def test_restorations_stand_outside_the_marks_in_the_pdf(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["brief", "1997-charter", "--corpus", str(TREATIES), "-o", str(tmp_path / "b.pdf")]
    )
    assert result.exit_code == 0, result.output
    text = squash(pdf_text(tmp_path / "b.pdf"))
    assert squash("общепризнанных принципах и нормах международ»[ного права] […]") in text
    assert "международ[ного" not in text
