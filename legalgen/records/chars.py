"""Characters a record must not hold, characters a reader cannot see, and how a message shows them.

Legal text is read by people, copied into briefs and published on web pages, so two kinds of character
get special treatment when a record is read:

* **control characters** (C0 except tab and newline, DEL, C1, and the noncharacters U+FFFE/U+FFFF) are
  refused: an ESC reaches a terminal as an escape sequence, a NUL reaches an HTML page as a NUL byte;
* **invisible characters** that change how text reads or matches without being seen — bidirectional
  controls (a U+202E reverses what follows on screen) and zero-width characters — give a warning, an
  error with ``--strict-text``: a source may really hold one, but usually it came from a copy and paste.

Any message that quotes record text shows what cannot be seen as an escape, so a key with a zero-width
space in it reads ``loca\\u200btor``, not a ``locator`` that looks right and is called unknown:

    >>> shown("loca\\u200btor")
    'loca\\\\u200btor'
    >>> describe("\\u202e"), describe("\\x1b")
    ('U+202E RIGHT-TO-LEFT OVERRIDE', 'U+001B')
"""

from __future__ import annotations

import re
import unicodedata

#: Refused anywhere in a record: what YAML itself forbids in a file, plus DEL and the C1 controls that a
#: YAML reader would take as a line break (U+0085). Tab, newline and the CR of a CRLF line end are text.
CONTROL_IN_FILE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")

#: Refused inside a value (which escapes like ``"\\e"`` or ``"\\r"`` can put there): every control but
#: tab and newline.
CONTROL_IN_VALUE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")

#: Warned about inside a value: bidirectional controls and zero-width or otherwise invisible characters.
INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")

#: Whether a whole file needs its values checked one by one: it holds a backslash (an escape in a
#: double-quoted value can make any character) or an invisible character. Most records hold neither,
#: and then no value is checked at all.
SUSPECT = re.compile("[\\\\\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")

_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def describe(ch: str) -> str:
    """``U+200B ZERO WIDTH SPACE``: the code point, and its Unicode name where it has one."""
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X} {name}" if name else f"U+{ord(ch):04X}"


def shown(text: str) -> str:
    """``text`` with every character that prints as nothing (controls, format characters, separators
    other than the space) written as an escape, so a one-line message stays one line and says what is there."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in text)


def _escape(ch: str) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    code = ord(ch)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


__all__ = ["CONTROL_IN_FILE", "CONTROL_IN_VALUE", "INVISIBLE", "SUSPECT", "describe", "shown"]
