"""The analysis defaults a command shows in its help, in a module that imports nothing.

``legalgen genealogy --help`` prints the similarity threshold; reading it from here keeps the help from
loading the records' models and the stemmers.
"""

from __future__ import annotations

#: the lowest similarity at which two clauses count as alike: ``legalgen genealogy`` suggests a link and
#: ``legalgen diff`` pairs provisions that share a topic (chosen on the real corpus: see docs/json.md)
THRESHOLD = 0.25

__all__ = ["THRESHOLD"]
