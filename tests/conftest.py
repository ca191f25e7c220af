"""Factories for tiny corpora written into tmp_path, with legally sensible defaults."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
TREATIES = ROOT / "treaties"

TOPICS = {
    "topics": [
        {
            "id": "citizenship",
            "title": "Citizenship",
            "dimensions": [
                {
                    "id": "status",
                    "label": "Status of each other's citizens",
                    "measure": "ordinal",
                    "values": [
                        {"id": "status-of-nationals", "label": "Status of each other's citizens"},
                        {"id": "equal-rights", "label": "Equal rights"},
                        {"id": "union-citizenship", "label": "Union citizenship"},
                    ],
                },
                {
                    "id": "national-citizenship",
                    "label": "Relation to national citizenship",
                    "measure": "nominal",
                    "values": [{"id": "kept", "label": "Kept alongside"}, {"id": "replaced", "label": "Replaced"}],
                },
            ],
        },
        {
            "id": "electoral-rights",
            "title": "Electoral rights",
            "dimensions": [
                {
                    "id": "level",
                    "label": "Elections open to the other's citizens",
                    "measure": "ordinal",
                    "values": [
                        {"id": "union-bodies", "label": "Union bodies"},
                        {"id": "local", "label": "Local self-government"},
                    ],
                }
            ],
        },
    ]
}

#: The dimension each test topic's one-code :func:`assessment` codes.
MAIN_DIMENSION = {"citizenship": "status", "electoral-rights": "level", "sovereignty": "statehood"}


def instrument(iid: str, signed: str = "2000-01-01", **fields: Any) -> dict[str, Any]:
    """A valid instrument record with one source, a signature and one verbatim article."""
    record: dict[str, Any] = {
        "id": iid,
        "kind": "treaty",
        "titles": {"en": f"Treaty {iid}", "ru": f"Договор {iid}"},
        "short_title": f"Treaty {iid}",
        "parties": ["Russian Federation", "Republic of Belarus"],
        "sources": [
            {
                "id": "S1",
                "title": "Official text",
                "url": "https://example.org/t",
                "reliability": "official_publication",
            }
        ],
        "events": [{"type": "signature", "date": signed, "place": "Minsk", "sources": ["S1"]}],
        "provisions": [article("1")],
    }
    record.update(fields)
    return record


def article(
    number: str, text: str = "Граждане обладают равными правами.", topics: tuple[str, ...] = (), **fields: Any
) -> dict[str, Any]:
    prov: dict[str, Any] = {
        "article": number,
        "topics": list(topics),
        "texts": [{"kind": "verbatim", "language": "ru", "text": text, "source": "S1", "locator": f"art. {number}"}],
    }
    prov.update(fields)
    return prov


def dump_yaml(data: Any) -> str:
    """YAML the way a person writes it, with dates unquoted."""
    import io

    yaml = YAML()
    yaml.default_flow_style = False
    buf = io.StringIO()
    yaml.dump(_dates(data), buf)
    return buf.getvalue()


def _dates(data: Any) -> Any:
    import datetime as dt

    if isinstance(data, dict):
        return {k: _dates(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_dates(v) for v in data]
    if isinstance(data, str) and len(data) == 10 and data[4] == "-" and data[7] == "-":
        try:
            return dt.date.fromisoformat(data)
        except ValueError:
            return data
    return data


def write_corpus(
    folder: Path, *records: dict[str, Any], raw: dict[str, str] | None = None, topics: Any = TOPICS
) -> Path:
    """Write records (dicts, or raw YAML strings keyed by file name) and topics.yaml into folder; return it."""
    folder.mkdir(exist_ok=True)
    if topics is not None:
        (folder / "topics.yaml").write_text(dump_yaml(topics), encoding="utf-8")
    for rec in records:
        (folder / f"{rec['id']}.yaml").write_text(dump_yaml(rec), encoding="utf-8")
    for name, text in (raw or {}).items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


@pytest.fixture(autouse=True, scope="session")
def _record_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The whole suite keeps validated records in a cache folder of its own (every command and subprocess
    reads LEGALGEN_CACHE_DIR): never the user's ``~/.cache/legalgen``, neither read nor written."""
    folder = tmp_path_factory.mktemp("legalgen-cache")
    patch = pytest.MonkeyPatch()
    patch.setenv("LEGALGEN_CACHE_DIR", str(folder))
    patch.delenv("LEGALGEN_NO_CACHE", raising=False)
    yield folder
    patch.undo()


@pytest.fixture
def make_corpus(tmp_path: Path) -> Callable[..., Path]:
    """Write records (dicts, or raw YAML strings keyed by file name) and topics.yaml; return the folder."""

    def make(*records: dict[str, Any], raw: dict[str, str] | None = None, topics: Any = TOPICS) -> Path:
        return write_corpus(tmp_path / "corpus", *records, raw=raw, topics=topics)

    return make


SOVEREIGNTY = {
    "id": "sovereignty",
    "title": "Sovereignty",
    "dimensions": [
        {
            "id": "statehood",
            "label": "Statehood",
            "measure": "nominal",
            "values": [
                {"id": "mutual-respect", "label": "Mutual respect"},
                {"id": "retained", "label": "Retained"},
            ],
        }
    ],
}


def event(kind: str, date: str, **fields: Any) -> dict[str, Any]:
    """A verified event of type ``kind`` on ``date``, sourced to S1."""
    return {"type": kind, "date": date, "sources": ["S1"], **fields}


def assessment(
    topic: str, value: str, *provisions: str, summary: str = "As the provisions say.", dimension: str | None = None
) -> dict[str, Any]:
    """An assessment coding one dimension of ``topic`` (its main one unless ``dimension``) as ``value``."""
    code = {
        "dimension": dimension or MAIN_DIMENSION[topic],
        "value": value,
        "provisions": list(provisions or ("art-1",)),
    }
    return {"topic": topic, "summary": summary, "codes": [code]}


def paraphrased(
    number: str, text: str = "Citizens enjoy equal rights.", topics: tuple[str, ...] = ()
) -> dict[str, Any]:
    """An article known only from a summary: no wording seen."""
    return {
        "article": number,
        "topics": list(topics),
        "texts": [
            {"kind": "paraphrase", "language": "en", "text": text, "basis": "Secondary summary.", "sources": ["S1"]}
        ],
    }


# --------------------------------------------------------------------------- a corpus for documents

LONG_RU = " ".join(
    f"{n}. Граждане Союзного государства, постоянно проживающие на территории другого государства — участника, "
    "имеют право избирать и быть избранными в органы местного самоуправления на условиях, установленных законом."
    for n in range(1, 26)
)

HOSTILE = {
    "img": '<img src="file:///etc/passwd">',
    "css": "<p style=\"background: url(file:///etc/passwd)\">x</p> p { background: url('file:///etc/passwd') }",
    "attachment": '<link rel="attachment" href="file:///etc/passwd">',
    "script": "<script>alert(1)</script>",
    "style": "</style><style>body{display:none}</style>",
    "template": "{{ 7*7 }}{% raw %}",
    "attr": '"><svg onload=alert(1)>',
    # Paraphrases may not hold double quotation marks (they would read as quotes), so the same attack
    # without them:
    "css_bare": "<p style=background:url(file:///etc/passwd)>x</p> p { background: url('file:///etc/passwd') }",
}


def rich_records() -> list[dict[str, Any]]:
    """Four instruments exercising every label a document can show: originals, translations (official
    and unofficial), paraphrases, quotes cut at the start, end or both, unverified events, places and
    signatories, a paraphrase-only position, a misreading, an amendment and a termination."""
    s_official = {
        "id": "S1",
        "title": "Official text",
        "url": "https://example.org/t",
        "reliability": "official_publication",
    }
    s_transl = {
        "id": "S2",
        "title": "Unofficial English text",
        "url": "https://example.org/en",
        "reliability": "unofficial_translation",
        "language": "en",
    }
    s_news = {"id": "S3", "title": "A news report", "url": "https://example.org/news", "reliability": "news"}
    a = instrument(
        "1995-friendship",
        signed="1995-02-21",
        short_title="Friendship Treaty (1995)",
        sources=[s_official, s_transl, s_news],
        events=[
            {
                "type": "signature",
                "date": "1995-02-21",
                "place": "Minsk",
                "place_verified": False,
                "signatories": [{"name": "B. Yeltsin"}, {"name": "A. Lukashenko"}],
                "signatories_verified": False,
                "sources": ["S1"],
            }
        ],
        provisions=[
            {
                "article": "preamble",
                "topics": ["citizenship"],
                "texts": [
                    {
                        "kind": "verbatim",
                        "language": "ru",
                        "text": "убежденные в необходимости продолжать строительство суверенных государств",
                        "source": "S1",
                        "locator": "preamble",
                        "incomplete": True,
                        "cut": "both",
                    }
                ],
            },
            {
                "article": "17",
                "heading": "Citizens",
                "topics": ["citizenship"],
                "texts": [
                    {
                        "kind": "verbatim",
                        "language": "ru",
                        "text": "Каждая из Сторон защищает права своих граждан.\nПравовой статус граждан будет регулироваться соглашением.",
                        "source": "S1",
                        "locator": "art. 17",
                    },
                    {
                        "kind": "verbatim",
                        "language": "en",
                        "text": "Each of the Parties protects the rights of its citizens.",
                        "source": "S2",
                        "locator": "art. 17",
                        "rendering": "unofficial_translation",
                        "translator": "SojuzPravoInform",
                        "incomplete": True,
                    },
                    {
                        "kind": "paraphrase",
                        "language": "en",
                        "text": "Each party looks after its own citizens living in the other.",
                        "basis": "Working translation by the editors of the Russian text (S1).",
                        "sources": ["S1"],
                        "translates": "ru",
                    },
                ],
            },
        ],
        assessments=[
            {
                "topic": "citizenship",
                "summary": "Each state protects its own citizens.",
                "codes": [{"dimension": "status", "value": "status-of-nationals", "provisions": ["art-17"]}],
            }
        ],
        misreadings=[
            {
                "claim": "The 1995 Treaty created a common citizenship.",
                "law": "Art. 17 presupposes two separate citizenships.",
                "provisions": ["1995-friendship/art-17"],
                "sources": ["S3"],
            }
        ],
        open_questions=["Entry into force was not found."],
    )
    b = instrument(
        "1997-charter",
        signed="1997-05-23",
        kind="charter",
        short_title="Charter of the Union (1997)",
        sources=[s_official, s_news],
        events=[
            {"type": "signature", "date": "1997-05-23", "place": "Moscow", "sources": ["S1"]},
            {"type": "entry_into_force", "date": "1997-06-10", "verified": False},
            {"type": "termination", "date": "2000-01-26", "by": "1999-union-state", "sources": ["S1"]},
        ],
        provisions=[
            {
                "article": "2",
                "topics": ["citizenship"],
                "texts": [
                    {
                        "kind": "verbatim",
                        "language": "ru",
                        "text": "Устанавливается гражданство Союза",
                        "source": "S1",
                        "locator": "art. 2",
                        "incomplete": True,
                    },
                    {
                        "kind": "verbatim",
                        "language": "en",
                        "text": "Citizenship of the Union is hereby established",
                        "source": "S1",
                        "locator": "art. 2",
                        "rendering": "official_translation",
                        "translator": "UN Secretariat",
                        "incomplete": True,
                    },
                ],
            },
            {
                "article": "14",
                "paragraph": "7",
                "topics": ["electoral-rights"],
                "texts": [
                    {
                        "kind": "paraphrase",
                        "language": "en",
                        "text": "Citizens may elect and be elected to the bodies of the Union.",
                        "basis": "A news report describing the article (S3).",
                        "sources": ["S3"],
                    }
                ],
            },
        ],
        assessments=[
            {
                "topic": "citizenship",
                "summary": "Union citizenship is established.",
                "codes": [{"dimension": "status", "value": "union-citizenship", "provisions": ["art-2"]}],
            },
            {
                "topic": "electoral-rights",
                "summary": "Citizens vote for Union bodies.",
                "codes": [{"dimension": "level", "value": "union-bodies", "provisions": ["art-14/para-7"]}],
            },
        ],
    )
    c = instrument(
        "1999-union-state",
        signed="1999-12-08",
        short_title="Union State Treaty (1999)",
        relations=[{"type": "terminates", "target": "1997-charter", "sources": ["S1"]}],
        events=[
            {"type": "signature", "date": "1999-12-08", "place": "Moscow", "sources": ["S1"]},
            {"type": "entry_into_force", "date": "2000-01-26", "sources": ["S1"]},
            {
                "type": "amendment",
                "date": "2025-10-29",
                "by": "2025-protocol",
                "provisions": ["art-14"],
                "sources": ["S1"],
            },
        ],
        provisions=[
            {
                "article": "14",
                "topics": ["citizenship", "electoral-rights"],
                "continues": ["1997-charter/art-2"],
                "texts": [
                    {"kind": "verbatim", "language": "ru", "text": LONG_RU, "source": "S1", "locator": "art. 14"},
                    {
                        "kind": "paraphrase",
                        "language": "en",
                        "text": "Citizens of the Union State living in the other state may vote in local elections.",
                        "basis": "Working translation by the editors.",
                        "sources": ["S1"],
                        "translates": "ru",
                    },
                ],
            }
        ],
        assessments=[
            {
                "topic": "citizenship",
                "summary": "Union citizenship continues.",
                "codes": [{"dimension": "status", "value": "union-citizenship", "provisions": ["art-14"]}],
            },
            {
                "topic": "electoral-rights",
                "summary": "Residents vote in local elections.",
                "codes": [{"dimension": "level", "value": "local", "provisions": ["art-14"]}],
            },
        ],
    )
    d = instrument(
        "2025-protocol",
        signed="2025-03-13",
        kind="protocol",
        short_title="Protocol (2025)",
        relations=[{"type": "amends", "target": "1999-union-state", "sources": ["S1"]}],
        provisions=[article("1", "Статья 14 Договора дополняется частью второй.", topics=("electoral-rights",))],
        assessments=[],
    )
    return [a, b, c, d]


def hostile_record() -> dict[str, Any]:
    """A record whose every free text tries to become markup, a fetch or a template."""
    h = HOSTILE
    return instrument(
        "2001-hostile",
        signed="2001-01-01",
        short_title=f"Hostile {h['script']}",
        titles={"en": f"Title {h['img']}", "ru": f"Заголовок {h['attachment']}"},
        summary=h["css"],
        sources=[
            {
                "id": "S1",
                "title": f"Source {h['attr']}",
                "url": "https://example.org/t",
                "reliability": "official_publication",
            }
        ],
        provisions=[
            {
                "article": "1",
                "heading": h["style"],
                "topics": ["citizenship"],
                "texts": [
                    {
                        "kind": "verbatim",
                        "language": "ru",
                        "text": f"Статья {h['img']} {h['attachment']}",
                        "source": "S1",
                        "locator": "art. 1",
                    },
                    {
                        "kind": "paraphrase",
                        "language": "en",
                        "text": f"Paraphrase {h['css_bare']}",
                        "basis": h["template"],
                        "sources": ["S1"],
                    },
                ],
                "note": h["script"],
            }
        ],
        assessments=[
            {
                "topic": "citizenship",
                "summary": f"Summary {h['img']}",
                "codes": [{"dimension": "status", "value": "equal-rights", "provisions": ["art-1"]}],
            }
        ],
        misreadings=[{"claim": h["attr"], "law": h["template"], "provisions": ["2001-hostile/art-1"]}],
        open_questions=[h["template"], h["attachment"]],
    )
