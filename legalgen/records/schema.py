"""JSON Schema of the record formats, for editors (``# yaml-language-server: $schema=…``) and tools."""

from __future__ import annotations

import json

from legalgen.records.models import Instrument, TopicCatalogue


def json_schema(what: str = "instrument") -> str:
    """The JSON Schema of an instrument record (``what='instrument'``) or of ``topics.yaml``, as text."""
    model = TopicCatalogue if what == "topics" else Instrument
    schema = model.model_json_schema(mode="validation")
    _drop_examples(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _drop_examples(node: object) -> None:
    """Cut every description at its ``>>>`` example, in place.

    Pydantic makes a model's docstring its description. The example in it is for a Python reader
    (``help(legalgen.Instrument)``); an editor validating YAML would show a Python session.
    """
    if isinstance(node, dict):
        text = node.get("description")
        if isinstance(text, str):
            node["description"] = text.split("\n\n>>>", 1)[0]
        for value in node.values():
            _drop_examples(value)
    elif isinstance(node, list):
        for value in node:
            _drop_examples(value)
