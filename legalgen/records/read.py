"""Load one record file safely and turn every problem into a located, one-line :class:`Problem`.

The file is parsed by PyYAML's event parser — libyaml's C parser when the installed PyYAML has it, the
pure-Python one otherwise, with the same events — and the events are walked **once**: the walk builds
plain Python data (dict, list, str, bool, None, and numbers only where YAML reads one) and refuses, on
the way, what a legal record never needs and what would silently change its meaning:

* a key written twice in one mapping (the second would silently replace a clause), the merge key ``<<``
  (whose later keys override merged ones), anchors and aliases (one edit would change two places),
  tags (``!!str``, ``!!python/…``, custom ones), directives, several documents in one file, a list or
  mapping used as a key;
* control characters other than tab and newline, written or escaped (``"\\e"``), naming the code point;
* files that are not UTF-8, and anything over the limits below, before the work it would cause.

Bidirectional controls and zero-width characters are :attr:`RawRecord.warnings` (errors where the
caller asks for strict text). Plain scalars are read by the YAML 1.2 core schema, whatever version the
parser knows: ``no``, ``on``, ``y`` stay text (no "Norway problem"), ``1:20`` stays text (no base-60),
``010`` is the number 10, and a date stays text for Pydantic to check, so ``2000-02-31`` gets a located
error. A number where text is meant is an error whose fix quotes the value as written (``"1.10"``, not
``"1.1"``).

Line and column are not kept for every node: a record that is valid never needs them. They are worked
out from the text, by a second walk, only when a problem has to be located (:meth:`RawRecord.where`).

    >>> record = read_record(Path("treaties/1997-charter.yaml"))
    >>> record.where(("provisions", 1, "article"))
    (109, 5)

**Limits.** A record is refused, with the limit named, when the file is over :data:`MAX_BYTES`, nests
deeper than :data:`MAX_DEPTH`, holds a value longer than :data:`MAX_TEXT` characters or more than
:data:`MAX_PROVISIONS` provisions (README: "Limits" gives the reasoning).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from legalgen.errors import Problem, RecordError, close_matches
from legalgen.records import models
from legalgen.records.chars import CONTROL_IN_FILE, CONTROL_IN_VALUE, INVISIBLE, SUSPECT, describe, shown
from legalgen.records.files import MAX_BYTES as MAX_BYTES  # re-exported: read.MAX_BYTES, as before
from legalgen.records.files import TOPIC_FILES as TOPIC_FILES  # re-exported: read.TOPIC_FILES, as before
from legalgen.records.files import FileRefused, read_small_file
from legalgen.records.files import iter_record_paths as iter_record_paths

if TYPE_CHECKING:
    import yaml

#: Lists and mappings nested deeper than this are refused (a record nests 7 deep).
MAX_DEPTH = 32
#: A single value (a text, a title) longer than this many characters is refused.
MAX_TEXT = 100_000
#: A record with more provisions than this is refused.
MAX_PROVISIONS = 2_000

# libyaml's C parser where PyYAML has it (its wheels do); else the pure-Python parser, same events.
# Chosen (and PyYAML imported) on first use: a corpus whose records all come from the cache reads no YAML.
_PARSER: Any = None


def _parser() -> Any:
    global _PARSER
    if _PARSER is None:
        import yaml

        _PARSER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    return _PARSER


Loc = tuple[int | str, ...]
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class RawRecord:
    """A parsed record file: plain Python data, the text it came from, and its warnings.

    ``warnings`` are located problems that do not stop a record from loading (an invisible character in
    a text); a caller decides whether to show them or to treat them as errors.
    """

    path: Path
    display: str
    data: Any
    text: str | None
    warnings: tuple[Problem, ...] = ()

    def slim(self) -> RawRecord:
        """This record without its data and text, for a corpus that keeps it only to locate problems
        found later: the file is read again if one is (a corpus of 1,000 records keeps no copy of them)."""
        return replace(self, data=None, text=None)

    @cached_property
    def _spots(self) -> _Spots:
        if self.text is not None:
            return _locate_nodes(self.text)
        import yaml

        try:
            return _locate_nodes(_read_text(self.path))
        except (RecordError, yaml.YAMLError):  # changed since it was read: the problem goes unlocated
            return _Spots({}, {})

    def where(self, loc: Loc) -> tuple[int, int]:
        """1-based (line, column) of the deepest node of ``loc`` present in the file."""
        marks = self._spots.marks
        line, col = marks.get((), (1, 1))
        path: Loc = ()
        node = self.data
        for part in loc:
            step = (*path, part)
            if step in marks:
                line, col = marks[step]
                path = step
                node = _child(node, part)
            elif part != "[key]" and not _is_tag(node, part):
                break
        return line, col

    def written(self, loc: Loc) -> str | None:
        """The plain scalar at ``loc`` as written in the file (``1.10``), where YAML read it as a non-text."""
        return self._spots.written.get(tuple(p for p in loc if p != "[key]"))

    def problem(self, loc: Loc, message: str, fix: str) -> Problem:
        line, col = self.where(loc)
        return make_problem(self.display, line, col, format_loc(loc), message, fix)


def _child(node: Any, part: int | str) -> Any:
    if isinstance(node, dict):
        return node.get(part)
    return node[part] if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node) else None


def _is_tag(node: Any, part: int | str) -> bool:
    """A discriminated union puts the tag ('signature', 'verbatim') into the loc: it is no node of the file."""
    return isinstance(node, dict) and any(node.get(tag) == part for tag in ("type", "kind"))


def make_problem(path: str, line: int, column: int, field: str, message: str, fix: str) -> Problem:
    """A :class:`Problem` whose every part shows invisible characters as escapes (``\\u200b``)."""
    return Problem(shown(path), line, column, shown(field), shown(message), shown(fix))


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the working directory when under it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def file_problem(path: Path, message: str, fix: str, line: int = 0, column: int = 0) -> Problem:
    return make_problem(display_path(path), line, column, "", message, fix)


def read_record(path: Path, data: bytes | None = None) -> RawRecord:
    """Read and parse one YAML record file; raise :class:`RecordError` with its problems if it cannot be.

    ``data`` is the file's bytes where the caller has read them already (:func:`read_bytes`).
    """
    text = _decode(path, read_bytes(path) if data is None else data)
    display = display_path(path)
    data, problems, warnings = _compose(text, display)
    if problems:
        raise RecordError(problems)
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        raise RecordError(
            [file_problem(path, f"the file holds {kind}, not a record", "start with `id: …` at the left margin", 1, 1)]
        )
    raw = RawRecord(path, display, data, text, tuple(warnings))
    provisions = data.get("provisions")
    if isinstance(provisions, list) and len(provisions) > MAX_PROVISIONS:
        raise RecordError(
            [
                raw.problem(
                    ("provisions", MAX_PROVISIONS),
                    f"holds {len(provisions)} provisions, over the limit of {MAX_PROVISIONS} for one record",
                    "split the instrument into several records (e.g. one per part) or check the file",
                )
            ]
        )
    return raw


def _read_text(path: Path) -> str:
    return _decode(path, read_bytes(path))


def read_bytes(path: Path) -> bytes:
    """The bytes of a record file, refused when it is missing, not a regular file or over :data:`MAX_BYTES`."""
    try:
        return read_small_file(path)
    except FileRefused as refused:
        raise RecordError([file_problem(path, *_REFUSALS[refused.why](refused))]) from None


#: What a record's reader says of each :class:`FileRefused`: the problem, and the fix.
_REFUSALS: dict[str, Callable[[FileRefused], tuple[str, str]]] = {
    "missing": lambda r: ("no such file", "check the path"),
    "unreadable": lambda r: (f"cannot be read ({r.detail})", "check the path and permissions"),
    "directory": lambda r: ("is a directory, not a record file", "name a .yaml file, or the folder itself on its own"),
    "special": lambda r: ("is not a regular file", "name a .yaml record file"),
    "too-large": lambda r: (
        f"is {r.size} bytes, over the {MAX_BYTES}-byte limit for a record",
        "split the instrument's text or check the file",
    ),
}


def _decode(path: Path, raw: bytes) -> str:
    """The text of a record file's bytes, refused when not UTF-8, empty or holding control characters."""
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
    if CONTROL_IN_FILE.search(text):
        raise RecordError(_control_problems(path, text))
    return text


def _control_problems(path: Path, text: str, most: int = 10) -> list[Problem]:
    """One problem per control character in the file (the first ``most``, then how many more)."""
    found = list(CONTROL_IN_FILE.finditer(text))
    problems = []
    for match in found[:most]:
        before = text[: match.start()]
        line, col = before.count("\n") + 1, match.start() - (before.rfind("\n") + 1) + 1
        problems.append(file_problem(path, *_control_message(match.group()), line, col))
    if len(found) > most:
        problems.append(file_problem(path, f"holds {len(found) - most} more control characters", "delete them"))
    return problems


def _control_message(ch: str) -> tuple[str, str]:
    what = "noncharacter" if ch in "\ufffe\uffff" else "control character"
    return f"holds the {what} {describe(ch)}, which a record cannot hold", "delete it (retype the line if unsure)"


# --------------------------------------------------------------------------- the one walk over the events

_KEY: Any = object()  # a mapping frame's key slot while it waits for its next key
_BAD_KEY: Any = object()  # the key slot after a list or mapping was used as a key (already reported)

# The YAML 1.2 core schema's plain scalars that are not text; everything else plain is text.
_NOT_TEXT = re.compile(
    r"""(?:(?P<null>~|null|Null|NULL)
      |(?P<true>true|True|TRUE)|(?P<false>false|False|FALSE)
      |(?P<int>[-+]?(?:0b[01_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*))
      |(?P<float>[-+]?(?:[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[0-9][0-9_]*[eE][-+]?[0-9]+
                        |\.[0-9_]+(?:[eE][-+]?[0-9]+)?|\.(?:inf|Inf|INF))
                |\.(?:nan|NaN|NAN))
    )\Z""",
    re.X,
)
_FIRST = frozenset("~nNtTfF-+.0123456789")
_CORE_TAGS = "tag:yaml.org,2002:"


def resolve_plain(value: str) -> Any:
    """What a plain (unquoted) scalar means in the YAML 1.2 core schema; text unless it is one of the few
    words and numbers the schema names.

    >>> [resolve_plain(v) for v in ["no", "on", "1:20", "2000-01-02", "true", "~", "010", "0x10", "1.10"]]
    ['no', 'on', '1:20', '2000-01-02', True, None, 10, 16, 1.1]
    """
    if not value:
        return None
    if value[0] not in _FIRST:
        return value
    match = _NOT_TEXT.match(value)
    if match is None:
        return value
    kind = match.lastgroup
    if kind == "null":
        return None
    if kind in ("true", "false"):
        return kind == "true"
    digits = value.replace("_", "")
    try:
        if kind == "int":
            return int(digits, 0 if digits.lstrip("+-")[1:2] in ("b", "o", "x") else 10)
        return float(digits.lower().replace(".inf", "inf").replace(".nan", "nan"))
    except ValueError:  # "0x_" and the like: digits the schema's pattern allows but no number has
        return value


def _compose(text: str, display: str) -> tuple[Any, list[Problem], list[Problem]]:
    """Walk the parser's events once: the plain data, the problems that refuse the file, the warnings."""
    import yaml
    from yaml.events import (
        AliasEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
    )

    problems: list[Problem] = []
    warnings: list[Problem] = []
    check_chars = SUSPECT.search(text) is not None  # most files: no backslash, no invisible character
    check_length = len(text) > MAX_TEXT  # most files: no value can be over the limit

    def here(event: Any, field: str, message: str, fix: str) -> Problem:
        mark = event.start_mark
        return make_problem(display, mark.line + 1, mark.column + 1, field, message, fix)

    def node_problems(event: Any) -> None:
        if event.anchor is not None:
            problems.append(
                here(
                    event,
                    "",
                    f"defines the anchor &{event.anchor}",
                    "remove the anchor; anchors and aliases are not allowed in records",
                )
            )
        if event.tag is not None:
            tag = event.tag  # as written: `!!str`, not the `tag:yaml.org,2002:str` the parser expands it to
            tag = f"!!{tag.removeprefix(_CORE_TAGS)}" if tag.startswith(_CORE_TAGS) else tag
            problems.append(
                here(event, "", f"uses the tag {tag}", "remove the tag; write plain values (quote text if needed)")
            )

    def check_value(event: Any, value: str, loc: Loc) -> None:
        field = format_loc(loc)
        if check_length and len(value) > MAX_TEXT:
            problems.append(
                here(
                    event,
                    field,
                    f"is {len(value)} characters long, over the limit of {MAX_TEXT} for one value",
                    "split the text (e.g. one provision per paragraph) or check the file",
                )
            )
        if not check_chars:
            return
        if control := CONTROL_IN_VALUE.search(value):
            problems.append(here(event, field, *_control_message(control.group())))
        for ch in dict.fromkeys(INVISIBLE.findall(value)):
            start, end = event.start_mark, event.end_mark
            at = text.find(ch, start.index, end.index)  # where it is written; an escape is at the value
            line, col = (start.line + 1, start.column + 1)
            if at >= 0:
                line = text.count("\n", 0, at) + 1
                col = at - (text.rfind("\n", 0, at) + 1) + 1
            kind = "bidirectional control" if ch in BIDI else "zero-width character"
            warnings.append(
                make_problem(
                    display,
                    line,
                    col,
                    field,
                    f"holds {describe(ch)}, an invisible {kind}",
                    "delete it, unless the source really has it",
                )
            )

    parser = _parser()(text)
    get_event = parser.get_event
    # One frame per open list or mapping: [container, key]. A mapping's key slot holds _KEY while it
    # waits for a key, then the key until its value arrives; a list's slot is None.
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0
    value: Any
    try:
        while True:
            event = get_event()
            cls = event.__class__
            if cls is ScalarEvent:
                value = event.value
                if event.anchor is not None or event.tag is not None:
                    node_problems(event)
                top = stack[-1] if stack else None
                if top is not None and top[1] is _KEY:
                    # A key stays as written: `no:` is the key "no", `1.10:` is "1.10".
                    if check_chars or check_length:
                        check_value(event, value, (*_path(stack), value))
                    if value in top[0]:
                        problems.append(
                            here(
                                event,
                                "",
                                f"the key {value!r} appears twice in one mapping",
                                "merge the two entries into one; a second key would silently replace the first",
                            )
                        )
                    elif value == "<<" and not event.style:
                        problems.append(
                            here(
                                event,
                                "",
                                "uses the merge key <<",
                                "write the keys out in full; merge keys are not allowed in records",
                            )
                        )
                    top[1] = value
                    continue
                if check_chars or check_length:
                    check_value(event, value, _path(stack))
                if not event.style:  # plain: "" from libyaml, None from the pure-Python parser
                    value = resolve_plain(value)
            elif cls is MappingStartEvent or cls is SequenceStartEvent:
                if event.anchor is not None or event.tag is not None:
                    node_problems(event)
                if len(stack) >= MAX_DEPTH:
                    problems.append(here(event, "", f"nests deeper than {MAX_DEPTH} levels", "flatten the record"))
                    break
                if stack and stack[-1][1] is _KEY:
                    problems.append(
                        here(event, "", "uses a list or mapping as a key", "write the key as plain text, e.g. `id:`")
                    )
                stack.append([{}, _KEY] if cls is MappingStartEvent else [[], None])
                continue
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                value = stack.pop()[0]
            elif cls is AliasEvent:
                problems.append(
                    here(
                        event,
                        "",
                        f"uses the alias *{event.anchor}",
                        "write the value out in full; aliases are not allowed in records",
                    )
                )
                value = None
            elif cls is DocumentStartEvent:
                documents += 1
                if documents == 2:
                    problems.append(
                        here(
                            event,
                            "",
                            "holds a second YAML document",
                            "keep one instrument per file; remove the `---` line",
                        )
                    )
                    break
                if event.version or event.tags:
                    problems.append(
                        here(event, "", "uses a YAML directive (%YAML or %TAG)", "remove the line starting with %")
                    )
                continue
            elif cls is StreamEndEvent:
                break
            else:  # the stream's start, a document's end
                continue
            if not stack:
                root = value
                continue
            top = stack[-1]
            if top[1] is None:
                top[0].append(value)
            elif top[1] is _KEY:  # this list or mapping was a key (reported when it started)
                top[1] = _BAD_KEY
            else:
                top[0][top[1]] = value
                top[1] = _KEY
    except yaml.MarkedYAMLError as exc:
        return None, [_yaml_problem(display, text, exc)], []
    finally:
        parser.dispose()
    return root, problems, warnings


BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _path(stack: list[list[Any]]) -> Loc:
    """Where the walk is: the key of each open mapping, the index of the next item of each open list."""
    loc: list[int | str] = []
    for container, key in stack:
        if key is None:
            loc.append(len(container))
        elif key is _KEY or key is _BAD_KEY:
            break
        else:
            loc.append(key)
    return tuple(loc)


def _yaml_problem(display: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """A syntax error, in the words of PyYAML's pure-Python parser (it says what it got instead), located."""
    import yaml

    if _parser() is not yaml.BaseLoader:
        try:
            for _ in yaml.parse(text, Loader=yaml.BaseLoader):
                pass
        except yaml.MarkedYAMLError as pure:
            exc = pure
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    what = exc.problem or exc.context or "not valid YAML"
    if exc.context and exc.problem:
        started = exc.context_mark
        at = f" started at line {started.line + 1}" if started and mark and started.line != mark.line else ""
        what = f"{exc.context}{at}, {exc.problem}"
    return make_problem(
        display, line, col, "", f"not valid YAML: {what}", "check indentation, colons and quotes on this line"
    )


# --------------------------------------------------------------------------- locations, on demand


@dataclass(frozen=True)
class _Spots:
    """Where each key and item of a file starts, and how each non-text plain scalar was written."""

    marks: dict[Loc, tuple[int, int]]
    written: dict[Loc, str]


def _locate_nodes(text: str) -> _Spots:
    """Walk the events of a file already read without problems (so: scalar keys, no aliases, one
    document), noting by path where each key and item starts."""
    from yaml.events import (
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
    )

    marks: dict[Loc, tuple[int, int]] = {}
    written: dict[Loc, str] = {}
    # One frame per open list or mapping: [its path, key slot as in _compose, next item's index].
    stack: list[list[Any]] = []
    parser = _parser()(text)
    try:
        while True:
            event: Any = parser.get_event()
            if isinstance(event, StreamEndEvent):
                break
            if isinstance(event, MappingEndEvent | SequenceEndEvent):
                stack.pop()
                _advance(stack)
                continue
            if not isinstance(event, ScalarEvent | MappingStartEvent | SequenceStartEvent):
                continue
            start: Any = event.start_mark
            mark = (start.line + 1, start.column + 1)
            loc: Loc = ()
            if stack:
                path, key, index = stack[-1]
                if key is _KEY:  # a key: its mark is where the field is
                    name: str = getattr(event, "value", "")
                    stack[-1][1] = name
                    marks[(*path, name)] = mark
                    continue
                loc = (*path, index if key is None else key)
            marks.setdefault(loc, mark)
            if isinstance(event, MappingStartEvent):
                stack.append([loc, _KEY, 0])
            elif isinstance(event, SequenceStartEvent):
                stack.append([loc, None, 0])
            else:
                if not event.style and not isinstance(resolve_plain(event.value), str):
                    written[loc] = event.value
                _advance(stack)
    finally:
        parser.dispose()
    return _Spots(marks, written)


def _advance(stack: list[list[Any]]) -> None:
    """A value is complete: its list moves to the next index, its mapping waits for the next key."""
    if stack:
        if stack[-1][1] is None:
            stack[-1][2] += 1
        else:
            stack[-1][1] = _KEY


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

#: Fields of the record format before topics were coded on dimensions: (what is wrong, the fix).
RETIRED_FIELDS = {
    "scale": (
        "a topic's `scale` is now its `dimensions`",
        "declare `dimensions:`, each with `id`, `label`, `measure: ordinal` or `nominal` and its `values:` "
        "(README: Topics and dimensions)",
    ),
    "position": (
        "an assessment's `position` is now one code per dimension",
        "write `codes: [{dimension: …, value: …, provisions: [art-…]}]` (README: Topics and dimensions)",
    ),
}


def explain(error: Mapping[str, Any], written: str | None = None) -> tuple[str, str]:
    """Turn one Pydantic error into (what is wrong, how to fix it), in words a record editor uses.

    ``written`` is the value as the file has it, where YAML read it as something other than text: the
    fix quotes that (``"1.10"``), not the number YAML made of it (1.1).
    """
    kind = error["type"]
    given = error.get("input")
    ctx = error.get("ctx") or {}
    last = next((p for p in reversed(error["loc"]) if isinstance(p, str) and p != "[key]"), "")
    if kind == "missing":
        return "required field is missing", f"add `{last}:`"
    if kind == "extra_forbidden":
        if last in RETIRED_FIELDS:
            return RETIRED_FIELDS[last]
        if last == "provisions" and "assessments" in error["loc"]:
            return (
                "an assessment's `provisions` now belong to each of its codes",
                "move them into `codes: [{dimension: …, value: …, provisions: [art-…]}]`",
            )
        near = close_matches(str(last), FIELD_NAMES, n=1)
        hint = f" (did you mean `{near[0]}`?)" if near else ""
        return f"unknown field `{last}`{hint}", f"rename or remove `{last}`"
    if kind in ("string_type", "string_sub_type"):
        as_written = written if written is not None else str(given).lower() if isinstance(given, bool) else given
        if isinstance(given, bool):
            return (
                f"YAML read this as the boolean {str(given).lower()}, but text is expected",
                f'quote it: "{as_written}"',
            )
        if isinstance(given, int | float):
            return f"YAML read this as the number {given}, but text is expected", f'quote it: "{as_written}"'
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
            written = raw.written(loc) if error["type"] in ("string_type", "string_sub_type") else None
            what, fix = explain(error, written)
            problems.append(raw.problem(loc, what, fix))
        raise RecordError(problems) from None
