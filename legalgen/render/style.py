"""Colour for terminal output, without the renderers knowing how a terminal is coloured.

A renderer that can colour takes a :data:`Styler`: a function given a piece of text and its role and
returning the text to print. The default, :func:`no_style`, returns the text unchanged, so the core
never writes an escape code and never imports click; ``legalgen diff --color`` passes one built on
``click.style``. Whatever a styler adds, removing it (``click.unstyle``) must give the plain output back.

    >>> from legalgen.render.diff import redline
    >>> redline(ops, lambda text, role: text.upper() if role == "deleted" else text)  # doctest: +SKIP
    'Союз [-ОСНОВЫВАЕТСЯ-]{+базируется+} на …'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

Role = Literal["deleted", "inserted", "heading", "dim"]
"""What a piece of text is: words only in A, words only in B, a heading, or an aside."""

Styler = Callable[[str, Role], str]


def no_style(text: str, role: Role) -> str:
    """The styler that adds nothing: plain text, as written to a file or a pipe."""
    return text


__all__ = ["Role", "Styler", "no_style"]
