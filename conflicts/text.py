"""Text as Annals stores it: the one normaliser, and what makes text unusable or blank.

A pure module. Every way in (web forms, the API, the importer) passes its text through
`normalise_text` before anything compares or stores it, so the same input is kept the
same way whichever way it came.
"""

from __future__ import annotations

import re
import unicodedata


def normalise_text(value: str) -> str:
    """`value` with line breaks as "\\n" and no leading or trailing white space."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def is_blank(value: str) -> bool:
    """Whether `value` shows nothing: only white space and invisible format characters
    (zero-width spaces and joiners, bidirectional controls, byte-order marks)."""
    return all(char.isspace() or unicodedata.category(char) == "Cf" for char in value)


# Control characters (Unicode category Cc) but tab and line breaks, and lone surrogates
# (Cs): exactly what `text_problem` refuses, found at C speed in long texts.
_UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def text_problem(value: str) -> str | None:
    """Why `value` cannot be stored as text, or None when it can.

    NUL and the other control characters (but tab and line breaks) are refused, and so
    are lone UTF-16 surrogates, which no encoding can store.
    """
    found = _UNSTORABLE.search(value)
    if found is None:
        return None
    char, position = found.group(), found.start() + 1
    if unicodedata.category(char) == "Cs":
        return f"contains a lone surrogate U+{ord(char):04X} (at character {position})"
    name = "a NUL character" if char == "\0" else f"the control character U+{ord(char):04X}"
    return f"contains {name} (at character {position})"
