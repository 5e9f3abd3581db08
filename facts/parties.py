"""Reading the belligerents and commanders an infobox value lists: names, each with the
markers after it (killed in action, taken prisoner). A pure module (no Django).

"Alwabégat Ag SalakatouKIA, Bajan Ag Hamatou" reads as Alwabégat Ag Salakatou (KIA) and
Bajan Ag Hamatou: a marker glued to a name by a lost space or a stripped symbol is a slip
the reader undoes rather than part of the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# What a marker stands for, by how it is written; "†" is how Wikipedia marks a death.
MARKERS = {
    "KIA": "KIA",
    "†": "KIA",
    "DOW": "KIA",
    "POW": "POW",
    "WIA": "WIA",
    "MIA": "MIA",
}
_MARKER = "|".join(re.escape(marker) for marker in sorted(MARKERS, key=len, reverse=True))
# A marker glued to the last word of a name, when that ends in a small letter
# ("SalakatouKIA"; an acronym such as "UNAMIA" is a name).
_GLUED_TO_WORD = r"(?<=[^\W\d_])(?<![A-Z])"
# Markers at the end of a name: spaced, in parentheses, or glued.
_TRAILING = re.compile(rf"(?:{_GLUED_TO_WORD}|\s*\(\s*|\s+)(?P<marker>{_MARKER})\s*\)?\s*$")
_SEPARATORS = re.compile(r"\s*(?:[,;\n]|\s\band\b\s)\s*")
_GLUED = re.compile(rf"{_GLUED_TO_WORD}(?P<marker>{_MARKER})(?=\s*(?:{_SEPARATORS.pattern}|$))")
_NOTHING = {"", "unknown", "none", "n/a", "—", "-"}


@dataclass(frozen=True)
class Party:
    """A belligerent or a commander as the value names it, and its markers ("KIA")."""

    name: str
    markers: tuple[str, ...] = ()


def parties_read(text: str) -> tuple[Party, ...]:
    """The names `text` lists, in order, each with its markers; none for "Unknown"."""
    parties = []
    for piece in _SEPARATORS.split(text.strip()):
        name, markers = piece.strip(), []
        while (found := _TRAILING.search(name)) and found.start() > 0:
            markers.insert(0, MARKERS[found["marker"]])
            name = name[: found.start()].rstrip()
        if name.lower() not in _NOTHING:
            parties.append(Party(name, tuple(markers)))
    return tuple(parties)


def markers_set_apart(text: str) -> tuple[str, tuple[str, ...]]:
    """`text` with each marker glued to a name set apart in parentheses, "SalakatouKIA" →
    "Salakatou (KIA)", and the glued words as written; `text` itself when none is glued."""
    glued = tuple(
        text[text.rfind(" ", 0, found.start()) + 1 : found.end()] for found in _GLUED.finditer(text)
    )
    return _GLUED.sub(lambda found: f" ({MARKERS[found['marker']]})", text), glued
