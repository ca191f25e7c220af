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
    """Base of every error meant for a user; carries its exit code.

    Catch this one class to handle every problem a user can cause, and print it as it is:

    >>> try:
    ...     corpus.instrument("1999-union-stat")
    ... except LegalgenError as exc:
    ...     print(exc.exit_code, exc)
    2 unknown instrument '1999-union-stat'; did you mean '1999-union-state'?
    """

    exit_code = EXIT_INPUT


class RecordError(LegalgenError):
    """One or more problems in the records; all are reported, one line each.

    >>> exc = RecordError([Problem("treaties/1997-charter.yaml", 52, 5, "provisions[1].article",
    ...                            "YAML read this as the number 2, but text is expected", 'quote it: "2"')])
    >>> print(exc)
    treaties/1997-charter.yaml:52:5: provisions[1].article: YAML read this as the number 2, but text is expected; fix: quote it: "2"
    >>> exc.problems[0].line, exc.exit_code
    (52, 2)
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(sorted(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class UnknownName(LegalgenError):
    """A name (instrument id, topic, provision) that the corpus does not know.

    >>> exc = UnknownName("topic", "citizenshp", ["sovereignty", "citizenship", "electoral-rights"])
    >>> str(exc), exc.suggestions
    ("unknown topic 'citizenshp'; did you mean 'citizenship'?", ('citizenship',))
    """

    def __init__(self, kind: str, name: str, known: Iterable[str]) -> None:
        self.kind, self.name = kind, name
        self.suggestions = tuple(close_matches(name, known))
        hint = f"; did you mean {', '.join(repr(s) for s in self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown {kind} {name!r}{hint}")


class RefusedError(LegalgenError):
    """Refused by safety policy (a path escaping the output folder, a blocked resource).

    >>> RefusedError("file:///etc/passwd: not one of legalgen's static files").exit_code
    3
    """

    exit_code = EXIT_REFUSED


class RenderError(LegalgenError):
    """Rendering or writing failed (WeasyPrint error, disk full).

    >>> RenderError("reports/brief-citizenship.pdf: No space left on device").exit_code
    4
    """

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
