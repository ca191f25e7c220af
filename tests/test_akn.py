"""`legalgen export akn` and `legalgen import akn`: Akoma Ntoso 3.0 documents, checked against the official schema.

Every document of both corpora is validated with lxml against the OASIS Standard XML Schema of Akoma Ntoso
3.0 (``tests/data/akn``, with its licence and provenance), read back into the record it came from, and
exported again to the same bytes. The XPath checks assert what a reader of the AKN
would look for, which the schema does not check (the Naming Convention's IRIs and eIds, the texts).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from legalgen.cli import cli
from legalgen.records import Corpus, Rendering, load_corpus
from legalgen.records.akn import AKN, LG, canonical, read_akn
from legalgen.render.akn import akn_xml

from .conftest import ROOT

CORPORA = [ROOT / "treaties", ROOT / "examples" / "eu-citizenship"]
SCHEMA_DIR = Path(__file__).parent / "data" / "akn"
DAY = dt.date(2025, 1, 1)
NS = {"a": AKN, "lg": LG}


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "akomantoso30.xsd")))


@pytest.fixture(scope="module")
def corpora() -> dict[str, Corpus]:
    return {c.name: load_corpus([c]) for c in CORPORA}


INSTRUMENTS = [(c.name, i.id) for c in CORPORA for i in load_corpus([c]).instruments]


def doc(corpora: dict[str, Corpus], name: str, iid: str) -> etree._Element:
    corpus = corpora[name]
    return etree.fromstring(akn_xml(corpus.instrument(iid), corpus, DAY))


def test_every_instrument_of_both_corpora_is_exported() -> None:
    assert len(INSTRUMENTS) == 17


@pytest.mark.parametrize(("name", "iid"), INSTRUMENTS, ids=[i for _, i in INSTRUMENTS])
def test_document_validates_against_the_official_akn_schema(
    schema: etree.XMLSchema, corpora: dict[str, Corpus], name: str, iid: str
) -> None:
    root = doc(corpora, name, iid)
    valid = schema.validate(root)
    assert valid, [str(e) for e in schema.error_log][:5]


def test_the_schema_refuses_what_it_should(schema: etree.XMLSchema, corpora: dict[str, Corpus]) -> None:
    """The validation can fail: a duplicate eId and a paragraph outside any article are both errors."""
    root = doc(corpora, "treaties", "1999-union-state")
    root.find(".//a:article[@eId='art_1']", NS).set("eId", "art_3")
    assert not schema.validate(root)
    assert "Duplicate key-sequence ['art_3']" in str(schema.error_log)
    root = doc(corpora, "treaties", "1999-union-state")
    root.find(".//a:body", NS).insert(0, etree.Element(f"{{{AKN}}}p"))
    assert not schema.validate(root)


@pytest.mark.parametrize(("name", "iid"), INSTRUMENTS, ids=[i for _, i in INSTRUMENTS])
def test_round_trip_gives_back_the_record_and_the_same_xml(corpora: dict[str, Corpus], name: str, iid: str) -> None:
    corpus = corpora[name]
    inst = corpus.instrument(iid)
    xml = akn_xml(inst, corpus, DAY)
    back = read_akn(Path(f"{iid}.xml"), xml)
    assert back == canonical(inst)
    assert akn_xml(back, corpus, DAY) == xml


@pytest.mark.parametrize(("name", "iid"), INSTRUMENTS, ids=[i for _, i in INSTRUMENTS])
def test_every_verbatim_text_is_a_p_in_its_language_with_its_status_and_no_paraphrase_in_the_body(
    corpora: dict[str, Corpus], name: str, iid: str
) -> None:
    inst = corpora[name].instrument(iid)
    root = doc(corpora, name, iid)
    body_text = " ".join(
        "".join(p.itertext()) for p in root.iterfind(".//a:body//a:p", NS) if p.getparent().tag != f"{{{LG}}}text"
    )
    status = {Rendering.original: "#authentic", Rendering.official_translation: "#officialTranslation",
              Rendering.unofficial_translation: "#unofficialTranslation"}  # fmt: skip
    for prov in inst.provisions:
        eid = prov.id.replace("art-", "art_", 1).replace("/para-", "__para_")
        holder = root.find(f".//*[@eId='{eid}']", NS)
        assert holder is not None, eid
        ps = [p for p in holder.iter(f"{{{AKN}}}p") if p.get("refersTo")]
        own = [p for p in ps if p.xpath("ancestor::*[@eId][1]/@eId")[0] == eid]
        assert [(p.get("{http://www.w3.org/XML/1998/namespace}lang"), p.get("refersTo")) for p in own] == [
            (v.language, status[v.rendering]) for v in prov.verbatim
        ]
        for p, v in zip(own, prov.verbatim, strict=True):
            seen = (p.text or "") + "".join(c.tail or "" for c in p)
            assert seen == v.text  # the source's words, character for character
        for para in prov.paraphrases:
            notes = root.xpath(f"//a:note[@class='paraphrase'][@placementBase='{eid}']", namespaces=NS)
            assert para.text in ["".join(n.itertext()).strip() for n in notes]
            assert para.text not in body_text


def test_identification_in_the_project_id_grammar(corpora: dict[str, Corpus]) -> None:
    root = doc(corpora, "treaties", "1999-union-state")
    work = root.find(".//a:FRBRWork", NS)
    assert work.find("a:FRBRthis", NS).get("value") == "/akn/int/act/treaty/1999-12-08/1999-union-state/!main"
    assert work.find("a:FRBRnumber", NS).get("value") == "1999-union-state"
    expr = root.find(".//a:FRBRExpression", NS)
    assert expr.find("a:FRBRuri", NS).get("value") == "/akn/int/act/treaty/1999-12-08/1999-union-state/rus-eng@"
    assert [e.get("language") for e in expr.iterfind("a:FRBRlanguage", NS)] == ["rus", "eng"]
    assert root.find(".//a:FRBRManifestation/a:FRBRdate", NS).get("date") == "2025-01-01"
    assert root.find(".//a:body/a:article[@eId='art_14']/a:paragraph[@eId='art_14__para_7']", NS) is not None
    law = doc(corpora, "treaties", "2025-ru-ratification-law")
    assert law.find(".//a:FRBRcountry", NS).get("value") == "ru"


def test_lettered_articles_keep_their_letter_as_eid(corpora: dict[str, Corpus]) -> None:
    root = doc(corpora, "eu-citizenship", "1992-teu")
    assert root.find(".//a:article[@eId='art_f']/a:paragraph[@eId='art_f__para_1']", NS) is not None
    assert root.find(".//a:article[@eId='art_f']/a:num", NS).text == "F"


def test_lifecycle_has_one_event_per_recorded_event(corpora: dict[str, Corpus]) -> None:
    inst = corpora["treaties"].instrument("1997-charter")
    root = doc(corpora, "treaties", "1997-charter")
    events = root.findall(".//a:lifecycle/a:eventRef", NS)
    assert [(e.get("date"), e.get("refersTo")) for e in events] == [
        (x.date.isoformat(), f"#{x.type}") for x in inst.events
    ]
    termination = next(e for e in events if e.get("refersTo") == "#termination")
    assert termination.get("type") == "repeal"


def test_amendments_are_active_in_the_amending_and_passive_in_the_amended_instrument(
    corpora: dict[str, Corpus],
) -> None:
    protocol = doc(corpora, "treaties", "2025-equal-rights-protocol")
    active = protocol.find(".//a:activeModifications/a:textualMod", NS)
    assert active.get("type") == "insertion"
    dest = "/akn/int/act/treaty/1998-12-25/1998-equal-rights/!main#art_1"
    assert active.find("a:destination", NS).get("href") == dest
    treaty = doc(corpora, "treaties", "1998-equal-rights")
    passive = treaty.find(".//a:passiveModifications/a:textualMod", NS)
    assert passive.get("type") == "insertion"
    assert passive.find("a:destination", NS).get("href") == "#art_1"
    assert (
        passive.find("a:source", NS)
        .get("href")
        .startswith("/akn/int/act/protocol/2025-03-13/2025-equal-rights-protocol/!main")
    )
    interval = treaty.find(f".//a:temporalGroup[@eId='{passive.get('period')[1:]}']/a:timeInterval", NS)
    event = treaty.find(f".//a:eventRef[@eId='{interval.get('start')[1:]}']", NS)
    assert (event.get("date"), event.get("type")) == ("2025-10-29", "amendment")


def test_references_name_parties_sources_and_related_instruments(corpora: dict[str, Corpus]) -> None:
    root = doc(corpora, "treaties", "1999-union-state")
    refs = root.find(".//a:references", NS)
    assert [o.get("showAs") for o in refs.iterfind("a:TLCOrganization", NS)][:2] == [
        "Russian Federation",
        "Republic of Belarus",
    ]
    assert refs.find("a:TLCReference[@eId='ref_1997-charter']", NS).get("href") == (
        "/akn/int/act/charter/1997-05-23/1997-charter"
    )
    kinds = {r.get("refersTo") for r in root.iterfind(".//a:otherReferences/a:implicitReference", NS)}
    assert kinds == {"#terminates", "#supersedes", "#builds_on"}


# --------------------------------------------------------------------------- the commands


def test_export_akn_one_instrument_to_stdout() -> None:
    result = CliRunner().invoke(cli, ["export", "akn", "1999-union-state"], env={"SOURCE_DATE_EPOCH": "1735689600"})
    assert result.exit_code == 0, result.stderr
    corpus = load_corpus([ROOT / "treaties"])
    assert result.stdout_bytes == akn_xml(corpus.instrument("1999-union-state"), corpus, DAY)


def test_export_akn_all_then_import_gives_records_the_corpus_validates(tmp_path: Path) -> None:
    corpus_dir = tmp_path / "corpus"
    shutil.copytree(ROOT / "examples" / "eu-citizenship", corpus_dir)
    out = tmp_path / "akn"
    runner = CliRunner()
    result = runner.invoke(cli, ["export", "akn", "--all", "--corpus", str(corpus_dir), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    corpus = load_corpus([corpus_dir])
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{i}.xml" for i in corpus.ids)
    for iid in corpus.ids:
        target = corpus_dir / f"{iid}.yaml"
        result = runner.invoke(cli, ["import", "akn", str(out / f"{iid}.xml"), "-o", str(target), "--force"])
        assert result.exit_code == 0, result.stderr
    result = runner.invoke(cli, ["validate", "--corpus", str(corpus_dir)])
    assert (result.exit_code, result.stdout) == (0, "ok: 6 instruments, 3 topics, no problems\n")
    again = load_corpus([corpus_dir])
    assert [canonical(i) for i in again.instruments] == [canonical(i) for i in corpus.instruments]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "akn"], "Error: export akn needs one instrument ID, or --all (with -o DIR)"),
        (["export", "akn", "--all"], "Error: export akn --all writes one file per instrument; give the folder as -o DIR"),
        (["export", "bibtex", "1999-union-state"], "Error: export bibtex gives every instrument in one file; drop the ID and --all"),
        (["export", "akn", "1999-union-stat"], "error: unknown instrument '1999-union-stat'; did you mean '1999-union-state'?"),
    ],
)  # fmt: skip
def test_export_akn_usage_errors(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == message


def test_import_refuses_a_file_that_is_not_akoma_ntoso(tmp_path: Path) -> None:
    bad = tmp_path / "x.xml"
    bad.write_text("<html><body/></html>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", "akn", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].endswith(
        "x.xml:1:1: the root element is <html>, not Akoma Ntoso 3.0's <akomaNtoso>; fix: give a document in the "
        "namespace http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
    )
    bad.write_text("<akomaNtoso", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", "akn", str(bad)])
    assert result.exit_code == 2
    line = result.stderr.splitlines()[0]  # libxml2 words the error itself
    assert line.startswith(f"{bad}:1:12: not well-formed XML: Couldn't find end of Start Tag akomaNtoso")
    assert line.endswith("; fix: check the file")


def test_import_refuses_akoma_ntoso_that_legalgen_did_not_write(tmp_path: Path) -> None:
    corpus = load_corpus([ROOT / "treaties"])
    root = etree.fromstring(akn_xml(corpus.instrument("1997-charter"), corpus, DAY))
    proprietary = root.find(".//a:proprietary", NS)
    proprietary.getparent().remove(proprietary)
    path = tmp_path / "foreign.xml"
    path.write_bytes(etree.tostring(root))
    result = CliRunner().invoke(cli, ["import", "akn", str(path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].endswith(
        "not a document legalgen wrote: <meta> has no <proprietary> with legalgen's <lg:record>, so the sources, "
        "locators and codes a record needs are not there; fix: give a document `legalgen export akn` wrote"
    )


def test_import_reports_a_record_the_document_makes_invalid(tmp_path: Path) -> None:
    corpus = load_corpus([ROOT / "treaties"])
    xml = akn_xml(corpus.instrument("1997-charter"), corpus, DAY).replace(b'lg:source="S1"', b'lg:source="S 1"', 1)
    path = tmp_path / "charter.xml"
    path.write_bytes(xml)
    result = CliRunner().invoke(cli, ["import", "akn", str(path)])
    assert result.exit_code == 2
    assert "provisions[" in result.stderr and "source" in result.stderr
    assert result.stderr.splitlines()[-1] == "1 problem found; nothing was written."
