"""Where an output came from, recorded inside it, and a check that it still matches its corpus.

Every PDF and HTML document legalgen makes carries one line of provenance: the legalgen version, the
renderer's version (WeasyPrint for a PDF, Jinja2 for HTML), and the SHA-256 of every input it was made
from — ``topics`` (the topic catalogue) first, then each record by id, in that order — with one SHA-256
over them all. In a PDF it is the document information entry ``legalgenprovenance``; in an HTML page,
``<meta name="legalgen-provenance">``; in an embeddable fragment, the root element's
``data-legalgen-provenance`` attribute.

An input's hash is taken of the record **as validated**, in a canonical form (its JSON with sorted
keys, no spaces), so reformatting a YAML file or editing a comment does not change it, and no file path
or machine enters it: the same records give the same hash everywhere.

    >>> p = Provenance.of(corpus, ["1997-charter"], renderer="Jinja2 3.1.6")
    >>> text = p.text()
    >>> text.startswith("legalgen-inputs/1 legalgen ") and "; Jinja2 3.1.6; sha256 " in text
    True
    >>> Provenance.parse(text) == p
    True
    >>> [c.name for c in p.compare(corpus)]
    []
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from legalgen import __version__
from legalgen.records import Corpus

#: The first words of every provenance line; the number changes if its form does.
MARK = "legalgen-inputs/1"
TOPICS = "topics"

_LINE = re.compile(
    MARK + r" legalgen (?P<tool>[^;]+); (?P<renderer>[^;]+); sha256 (?P<digest>[0-9a-f]{64}): (?P<inputs>[^\"<>)]*)"
)
_INPUT = re.compile(r"(?P<name>[a-z0-9][a-z0-9-]*) (?P<sha>[0-9a-f]{64})")


def _canonical(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def input_hashes(corpus: Corpus, ids: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """``(name, sha256)`` of the topic catalogue and of each record ``ids`` names, in the recorded order."""
    found = [(TOPICS, hashlib.sha256(_canonical(corpus.topics.model_dump(mode="json"))).hexdigest())]
    for iid in sorted(set(ids)):
        record = corpus.instrument(iid).model_dump(mode="json")
        found.append((iid, hashlib.sha256(_canonical(record)).hexdigest()))
    return tuple(found)


def renderer_version(name: str) -> str:
    """``"WeasyPrint 70.0"``: a renderer's name and installed version (read without importing it)."""
    try:
        return f"{name} {metadata.version(name.lower())}"
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency is always installed
        return f"{name} unknown"


@dataclass(frozen=True)
class Change:
    """One input that no longer matches: ``changed``, or ``missing`` from the corpus."""

    name: str
    what: str

    def __str__(self) -> str:
        label = "the topic catalogue (topics.yaml)" if self.name == TOPICS else f"record {self.name}"
        return f"{label} {'changed' if self.what == 'changed' else 'is no longer in the corpus'}"


@dataclass(frozen=True)
class Provenance:
    """The tool, the renderer and the inputs (name, SHA-256) a document was made from."""

    tool: str
    renderer: str
    inputs: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, corpus: Corpus, ids: Iterable[str], *, renderer: str) -> Provenance:
        return cls(__version__, renderer, input_hashes(corpus, ids))

    @property
    def digest(self) -> str:
        """One SHA-256 over every input's, in order: ``name sha256\\n`` each."""
        return hashlib.sha256("".join(f"{n} {h}\n" for n, h in self.inputs).encode("ascii")).hexdigest()

    def text(self) -> str:
        """The one line written into the document (ASCII, no quotes, brackets or parentheses)."""
        inputs = ", ".join(f"{n} {h}" for n, h in self.inputs)
        return f"{MARK} legalgen {self.tool}; {self.renderer}; sha256 {self.digest}: {inputs}"

    @classmethod
    def parse(cls, text: str) -> Provenance | None:
        """The provenance in ``text`` (a document's bytes decoded, or the line itself); ``None`` if none
        is found or its overall hash does not match its inputs (the line was edited)."""
        match = _LINE.search(text)
        if match is None:
            return None
        inputs = tuple((m["name"], m["sha"]) for m in _INPUT.finditer(match["inputs"]))
        found = cls(match["tool"], match["renderer"], inputs)
        return found if inputs and found.digest == match["digest"] else None

    def compare(self, corpus: Corpus) -> list[Change]:
        """The inputs that differ in ``corpus`` now, in the recorded order (empty: it still matches)."""
        ids = set(corpus.ids)
        now = dict(input_hashes(corpus, [n for n, _ in self.inputs if n in ids]))
        return [
            Change(name, "changed" if name in now else "missing") for name, sha in self.inputs if now.get(name) != sha
        ]


def read_provenance(data: bytes) -> Provenance | None:
    """The provenance a legalgen PDF or HTML document carries (``None`` if it carries none).

    A PDF's document information may sit in a compressed object stream, so every Flate stream is
    inflated and searched too: enough for the files legalgen writes, not a general PDF reader.
    """
    found = Provenance.parse(data.decode("latin-1"))
    if found is not None or not data.startswith(b"%PDF-"):
        return found
    raw = memoryview(data)
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            text = zlib.decompressobj().decompress(raw[match.end() :])
        except zlib.error:
            continue
        if MARK.encode("ascii") in text:
            found = Provenance.parse(text.decode("latin-1"))
            if found is not None:
                return found
    return None


__all__ = ["MARK", "Change", "Provenance", "input_hashes", "read_provenance", "renderer_version"]
