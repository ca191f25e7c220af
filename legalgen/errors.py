"""One error hierarchy for legalgen.

Every problem a user can cause is a :class:`LegalgenError` whose ``str()`` is one line:
location first, fix last, e.g.::

    treaties/1999-union-state.yaml:42:5: events[1].date: before the signature (1999-12-08); fix: check the source

The CLI translates these into an exit code and a message once; a traceback appears only with ``--debug``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

EXIT_OK = 0
EXIT_DIFFERENCES = 1
EXIT_INPUT = 2
EXIT_REFUSED = 3
EXIT_RENDER = 4


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in one record file."""

    path: str
    line: int
    column: int
    field: str
    message: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        field = f" {self.field}:" if self.field else ""
        fix = f"; fix: {self.fix}" if self.fix else ""
        return f"{where}:{field} {self.message}{fix}"


class LegalgenError(Exception):
    """Base of every error meant for a user; carries its exit code."""

    exit_code = EXIT_INPUT


class RecordError(LegalgenError):
    """One or more problems in the records; all are reported, one line each."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(sorted(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class UnknownName(LegalgenError):
    """A name (instrument id, topic, provision) that the corpus does not know."""

    def __init__(self, kind: str, name: str, known: Iterable[str]) -> None:
        self.kind, self.name = kind, name
        self.suggestions = tuple(close_matches(name, known))
        hint = f"; did you mean {', '.join(repr(s) for s in self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown {kind} {name!r}{hint}")


class RefusedError(LegalgenError):
    """Refused by safety policy (a path escaping the output folder, a blocked resource)."""

    exit_code = EXIT_REFUSED


class RenderError(LegalgenError):
    """Rendering or writing failed (WeasyPrint error, disk full)."""

    exit_code = EXIT_RENDER


def close_matches(name: str, known: Iterable[str], n: int = 3) -> list[str]:
    """Known names that look like ``name``, best first: the 'did you mean' list."""
    known = list(known)
    found = difflib.get_close_matches(name, known, n=n, cutoff=0.5)
    if found:
        # Keep only the near-best: one clear typo should not drag in every id that shares a year.
        best = difflib.SequenceMatcher(None, name, found[0]).ratio()
        found = [k for k in found if difflib.SequenceMatcher(None, name, k).ratio() >= best - 0.1]
    if not found:
        found = [k for k in known if name and (name in k or k in name)][:n]
    return found
