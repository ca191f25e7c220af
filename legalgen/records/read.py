"""Load one record file safely and turn every problem into a located, one-line :class:`Problem`.

YAML is read with ruamel.yaml's round-trip parser because it keeps the line and column of every key and
item, so a Pydantic error on ``provisions[3].texts[0].source`` can point at the line a person must edit.
On top of the parser this module refuses what a legal record never needs and what would silently change
its meaning: duplicate keys (one clause would vanish), anchors and aliases (one edit would change two
places), explicit tags, several documents in one file, files that are not UTF-8.

    >>> record = read_record(Path("treaties/1997-charter.yaml"))
    >>> record.where(("provisions", 1, "article"))
    (109, 5)
"""

from __future__ import annotations

import datetime as dt
import io
import json
import stat
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionStartEvent, DocumentStartEvent, NodeEvent, ScalarEvent
from ruamel.yaml.reader import ReaderError

from legalgen.errors import Problem, RecordError, close_matches
from legalgen.records import models

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 32

Loc = tuple[int | str, ...]
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class RawRecord:
    """A parsed record file: plain Python data plus the round-trip tree that knows where things are."""

    path: Path
    display: str
    data: Any
    tree: Any

    def where(self, loc: Loc) -> tuple[int, int]:
        """1-based (line, column) of the deepest node of ``loc`` present in the file."""
        return locate(self.tree, loc)

    def problem(self, loc: Loc, message: str, fix: str) -> Problem:
        line, col = self.where(loc)
        return Problem(self.display, line, col, format_loc(loc), message, fix)


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the working directory when under it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def file_problem(path: Path, message: str, fix: str, line: int = 0, column: int = 0) -> Problem:
    return Problem(display_path(path), line, column, "", message, fix)


def read_record(path: Path) -> RawRecord:
    """Read and parse one YAML record file; raise :class:`RecordError` with one problem if it cannot be."""
    text = _read_text(path)
    display = display_path(path)
    _check_events(path, text)
    yaml = YAML(typ="rt")
    yaml.Constructor = _RecordConstructor
    yaml.allow_duplicate_keys = False
    try:
        tree = yaml.load(text)
    except MarkedYAMLError as exc:
        raise RecordError([_yaml_problem(path, exc)]) from None
    except YAMLError as exc:  # pragma: no cover - ruamel raises marked errors for what we feed it
        raise RecordError([file_problem(path, f"not valid YAML ({exc})", "check the syntax")]) from None
    if not isinstance(tree, CommentedMap):
        kind = "a list" if isinstance(tree, CommentedSeq) else "a single value"
        raise RecordError(
            [file_problem(path, f"the file holds {kind}, not a record", "start with `id: …` at the left margin", 1, 1)]
        )
    if where := _collection_key(tree):
        raise RecordError(
            [file_problem(path, "uses a list or mapping as a key", "write the key as plain text, e.g. `id:`", *where)]
        )
    return RawRecord(path, display, to_plain(tree), tree)


def _collection_key(node: Any) -> tuple[int, int] | None:
    """1-based (line, column) of the first key that is a list or mapping (``[a]: 1``), else ``None``.

    YAML allows such keys; a record never needs one, and they cannot become plain dict keys.
    """
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            if isinstance(key, tuple | Mapping):
                line, col = node.lc.key(key)
                return line + 1, col + 1
            if found := _collection_key(value):
                return found
    elif isinstance(node, CommentedSeq):
        for item in node:
            if found := _collection_key(item):
                return found
    return None


class _RecordConstructor(RoundTripConstructor):
    """Keeps timestamps as text, so Pydantic checks dates and an impossible one gets a located error."""


_RecordConstructor.add_constructor("tag:yaml.org,2002:timestamp", _RecordConstructor.construct_yaml_str)


def _read_text(path: Path) -> str:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise RecordError([file_problem(path, "no such file", "check the path")]) from None
    except OSError as exc:
        raise RecordError(
            [file_problem(path, f"cannot be read ({exc.strerror})", "check the path and permissions")]
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise RecordError(
            [
                file_problem(
                    path, "is a directory, not a record file", "name a .yaml file, or the folder itself on its own"
                )
            ]
        )
    if not stat.S_ISREG(info.st_mode):
        raise RecordError([file_problem(path, "is not a regular file", "name a .yaml record file")])
    if info.st_size > MAX_BYTES:
        raise RecordError(
            [
                file_problem(
                    path,
                    f"is {info.st_size} bytes, over the {MAX_BYTES}-byte limit for a record",
                    "split the instrument's text or check the file",
                )
            ]
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise RecordError(
            [file_problem(path, f"is not UTF-8 (byte 0x{raw[exc.start]:02x})", "save the file as UTF-8", line, column)]
        ) from None
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        raise RecordError(
            [file_problem(path, "is empty", "write a record (see README: 'The record format'), or delete the file")]
        )
    return text


def _check_events(path: Path, text: str) -> None:
    """Refuse anchors, aliases, explicit tags, several documents and absurd nesting, before building anything."""
    problems: list[Problem] = []
    depth = 0
    documents = 0
    try:
        for event in YAML(typ="rt").parse(io.StringIO(text)):
            mark = event.start_mark
            line, col = mark.line + 1, mark.column + 1
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents == 2:
                    problems.append(
                        file_problem(
                            path,
                            "holds a second YAML document",
                            "keep one instrument per file; remove the `---` line",
                            line,
                            col,
                        )
                    )
            if isinstance(event, AliasEvent):
                problems.append(
                    file_problem(
                        path,
                        f"uses the alias *{event.anchor}",
                        "write the value out in full; aliases are not allowed in records",
                        line,
                        col,
                    )
                )
            elif isinstance(event, NodeEvent) and event.anchor:
                problems.append(
                    file_problem(
                        path,
                        f"defines the anchor &{event.anchor}",
                        "remove the anchor; anchors and aliases are not allowed in records",
                        line,
                        col,
                    )
                )
            if (
                isinstance(event, ScalarEvent | CollectionStartEvent)
                and event.tag is not None
                and not _plain_tag(event)
            ):
                problems.append(
                    file_problem(
                        path,
                        f"uses the tag {event.tag}",
                        "remove the tag; write plain values (quote text if needed)",
                        line,
                        col,
                    )
                )
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    problems.append(
                        file_problem(path, f"nests deeper than {MAX_DEPTH} levels", "flatten the record", line, col)
                    )
                    break
            elif type(event).__name__ in ("MappingEndEvent", "SequenceEndEvent"):
                depth -= 1
    except MarkedYAMLError as exc:
        raise RecordError([_yaml_problem(path, exc)]) from None
    except ReaderError as exc:
        before = text[: exc.position]
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        problem = file_problem(
            path,
            f"holds the control character {exc.character!r}, which YAML does not allow",
            "delete it (retype the line if unsure)",
            line,
            col,
        )
        raise RecordError([problem]) from None
    if problems:
        raise RecordError(problems)


def _plain_tag(event: Any) -> bool:
    tag = event.tag
    return bool(tag is None or tag in ("tag:yaml.org,2002:str", "!") or getattr(tag, "value", tag) is None)


def _yaml_problem(path: Path, exc: MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    what = exc.problem or exc.context or "not valid YAML"
    if "duplicate key" in what:
        key = str(exc.problem).split('"')[1] if '"' in str(exc.problem) else "?"
        return file_problem(
            path,
            f"the key {key!r} appears twice in one mapping",
            "merge the two entries into one; a second key would silently replace the first",
            line,
            col,
        )
    if exc.context and exc.problem:
        started = exc.context_mark
        at = f" started at line {started.line + 1}" if started and mark and started.line != mark.line else ""
        what = f"{exc.context}{at}, {exc.problem}"
    return file_problem(path, f"not valid YAML: {what}", "check indentation, colons and quotes on this line", line, col)


def to_plain(node: Any) -> Any:
    """Round-trip containers and scalars into plain dict / list / str / int / float / bool / date."""
    if isinstance(node, Mapping):
        return {to_plain(k): to_plain(v) for k, v in node.items()}
    if isinstance(node, Sequence) and not isinstance(node, str):
        return [to_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, dt.datetime):
        return dt.datetime(node.year, node.month, node.day, node.hour, node.minute, node.second)
    if isinstance(node, dt.date):
        return dt.date(node.year, node.month, node.day)
    return node


def locate(tree: Any, loc: Loc) -> tuple[int, int]:
    """Walk ``loc`` through the round-trip tree; return the 1-based mark of the deepest node found."""
    node = tree
    line, col = (tree.lc.line + 1, tree.lc.col + 1) if hasattr(tree, "lc") else (1, 1)
    for part in loc:
        if isinstance(node, CommentedMap):
            if part in node:
                k_line, k_col = node.lc.key(part)
                line, col = k_line + 1, k_col + 1
                node = node[part]
                continue
            if part == "[key]":
                continue
            # A discriminated union puts the tag ('signature', 'verbatim') into the loc: skip it.
            if any(node.get(tag) == part for tag in ("type", "kind")):
                continue
            break
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            i_line, i_col = node.lc.item(part)
            line, col = i_line + 1, i_col + 1
            node = node[part]
        else:
            break
    return line, col


def format_loc(loc: Loc) -> str:
    """``('provisions', 3, 'texts', 0)`` → ``provisions[3].texts[0]``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part == "[key]":
            continue
        else:
            out += f".{part}" if out else str(part)
    return out


def _clean_loc(loc: Loc, data: Any) -> Loc:
    """Drop discriminator tags that Pydantic inserts into locations, so paths match the file."""
    out: list[int | str] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part not in node and any(node.get(t) == part for t in ("type", "kind")):
            continue
        out.append(part)
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            node = None
    return tuple(out)


def _all_field_names() -> set[str]:
    names: set[str] = set()
    for obj in vars(models).values():
        if isinstance(obj, type) and issubclass(obj, BaseModel):
            names.update(obj.model_fields)
    return names


FIELD_NAMES = frozenset(_all_field_names())


def explain(error: Mapping[str, Any]) -> tuple[str, str]:
    """Turn one Pydantic error into (what is wrong, how to fix it), in words a record editor uses."""
    kind = error["type"]
    given = error.get("input")
    ctx = error.get("ctx") or {}
    last = next((p for p in reversed(error["loc"]) if isinstance(p, str) and p != "[key]"), "")
    if kind == "missing":
        return "required field is missing", f"add `{last}:`"
    if kind == "extra_forbidden":
        near = close_matches(str(last), FIELD_NAMES, n=1)
        hint = f" (did you mean `{near[0]}`?)" if near else ""
        return f"unknown field `{last}`{hint}", f"rename or remove `{last}`"
    if kind in ("string_type", "string_sub_type"):
        if isinstance(given, bool):
            return f"YAML read this as the boolean {str(given).lower()}, but text is expected", "quote it"
        if isinstance(given, int | float):
            return f"YAML read this as the number {given}, but text is expected", f'quote it: "{given}"'
        if given is None:
            return "is empty, but text is expected", "write the text or remove the field"
        if isinstance(given, dt.date):
            return f"YAML read this as the date {given}, but text is expected", f'quote it: "{given}"'
        return f"expected text, got {type(given).__name__}", "write plain text"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"{given!r} is not a date", "write the date as YYYY-MM-DD, e.g. 1999-12-08"
    if kind in ("enum", "literal_error"):
        return f"{given!r} is not allowed here", f"use one of {ctx.get('expected', '')}"
    if kind == "union_tag_invalid":
        return (
            f"unknown {ctx.get('discriminator', 'type').strip(chr(39))} {ctx.get('tag')!r}",
            f"use one of {ctx.get('expected_tags')}",
        )
    if kind == "union_tag_not_found":
        field = str(ctx.get("discriminator", "type")).strip("'")
        return f"says neither `{field}:` nor what it is", f"add `{field}:`"
    if kind in ("tuple_type", "list_type"):
        return "expected a list", "write it as a YAML list (`- item` lines or `[a, b]`)"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "expected a mapping of fields", "write `key: value` lines under it"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length', 1)} item(s)", "add the missing item"
    if kind == "string_pattern_mismatch":
        return f"{given!r} has the wrong form (pattern {ctx.get('pattern')})", "use letters, digits and hyphens only"
    if kind == "bool_type":
        return f"{given!r} is not true or false", "write true or false, unquoted"
    if kind == "value_error":
        message = str(ctx.get("error", error["msg"]))
        what, _, fix = message.partition("; fix: ")
        return what, fix or "correct the value"
    if kind in ("int_type", "float_type"):
        return f"{given!r} is not a number", "write a number, unquoted"
    return str(error["msg"]), "correct the value"


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot represent {type(value).__name__} in a record")


def _has_inner_error(error: Mapping[str, Any], errors: Sequence[Mapping[str, Any]]) -> bool:
    loc = tuple(error["loc"])
    return any(len(e["loc"]) > len(loc) and tuple(e["loc"][: len(loc)]) == loc for e in errors)


def validate_record(raw: RawRecord, model: type[M]) -> M:
    """Validate plain data against ``model``; every error becomes a located :class:`Problem`."""
    try:
        # JSON mode: strict about types (a number is not text) yet reading lists as tuples and
        # strings as enum members, as a record author means them.
        return model.model_validate_json(json.dumps(raw.data, default=_json_default, ensure_ascii=False))
    except ValidationError as exc:
        problems = []
        errors = exc.errors(include_url=False)
        for error in errors:
            if error["type"] == "too_short" and _has_inner_error(error, errors):
                continue  # a list whose items failed is reported through those items
            loc = _clean_loc(tuple(error["loc"]), raw.data)
            what, fix = explain(error)
            problems.append(raw.problem(loc, what, fix))
        raise RecordError(problems) from None


def iter_record_paths(paths: Sequence[Path]) -> Iterator[Path]:
    """Expand folders to the ``*.yaml`` records inside them (not ``topics.yaml``); keep files as named."""
    for path in paths:
        if path.is_dir() and path.suffix not in (".yaml", ".yml"):
            yield from sorted(p for p in path.glob("*.y*ml") if p.name not in TOPIC_FILES)
        else:
            yield path


TOPIC_FILES = ("topics.yaml", "topics.yml")
