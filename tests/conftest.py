"""Factories for tiny corpora written into tmp_path, with legally sensible defaults."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
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
            "scale": [
                {"id": "none", "label": "No provision"},
                {"id": "status-of-nationals", "label": "Status of each other's citizens"},
                {"id": "equal-rights", "label": "Equal rights"},
                {"id": "union-citizenship", "label": "Union citizenship"},
            ],
        },
        {
            "id": "electoral-rights",
            "title": "Electoral rights",
            "scale": [
                {"id": "none", "label": "None"},
                {"id": "union-bodies", "label": "Union bodies"},
                {"id": "local", "label": "Local self-government"},
            ],
        },
    ]
}


def instrument(iid: str, signed: str = "2000-01-01", **fields: Any) -> dict[str, Any]:
    """A valid instrument record with one source, a signature and one verbatim article."""
    record: dict[str, Any] = {
        "id": iid,
        "kind": "treaty",
        "titles": {"en": f"Treaty {iid}", "ru": f"Договор {iid}"},
        "short_title": f"Treaty {iid}",
        "parties": ["Russian Federation", "Republic of Belarus"],
        "sources": [{"id": "S1", "title": "Official text", "url": "https://example.org/t", "reliability": "official"}],
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


@pytest.fixture
def make_corpus(tmp_path: Path) -> Callable[..., Path]:
    """Write records (dicts, or raw YAML strings keyed by file name) and topics.yaml; return the folder."""

    def make(*records: dict[str, Any], raw: dict[str, str] | None = None, topics: Any = TOPICS) -> Path:
        folder = tmp_path / "corpus"
        folder.mkdir(exist_ok=True)
        if topics is not None:
            (folder / "topics.yaml").write_text(dump_yaml(topics), encoding="utf-8")
        for rec in records:
            (folder / f"{rec['id']}.yaml").write_text(dump_yaml(rec), encoding="utf-8")
        for name, text in (raw or {}).items():
            (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
        return folder

    return make


SOVEREIGNTY = {
    "id": "sovereignty",
    "title": "Sovereignty",
    "scale": [
        {"id": "not-addressed", "label": "Not addressed"},
        {"id": "mutual-respect", "label": "Mutual respect"},
        {"id": "retained", "label": "Retained"},
    ],
}


def event(kind: str, date: str, **fields: Any) -> dict[str, Any]:
    """A verified event of type ``kind`` on ``date``, sourced to S1."""
    return {"type": kind, "date": date, "sources": ["S1"], **fields}


def assessment(topic: str, position: str, *provisions: str, summary: str = "As the provisions say.") -> dict[str, Any]:
    return {"topic": topic, "position": position, "summary": summary, "provisions": list(provisions)}


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
