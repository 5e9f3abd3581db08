"""Reading the figures of an infobox value — casualties, strength — as counts per category,
each a low–high range, with who gives them. A pure module (no Django).

"13 killed, 40 wounded, 1 technical destroyed (According to the MNLA)" reads as killed
13–13, wounded 40–40 and "technical destroyed" 1–1, attributed to "the MNLA"; "800–1,000
militants" as militants 800–1,000; "at least 300 killed" as killed from 300, no upper
bound. What cannot be read ("Unknown", "(two brigades)") is kept, never guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The categories conflict datasets count, and the words that name each.
_CATEGORY_WORDS = {
    "killed": "killed",
    "dead": "killed",
    "deaths": "killed",
    "kia": "killed",
    "wounded": "wounded",
    "injured": "wounded",
    "wia": "wounded",
    "captured": "captured",
    "prisoners": "captured",
    "pow": "captured",
    "pows": "captured",
    "missing": "missing",
    "mia": "missing",
}
_DASH = r"\s*(?:[–—-]|to)\s*"
_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"
_COUNT = re.compile(
    rf"^(?P<bound>at least|over|more than|about|around|approximately|c\.|~)?\s*"
    rf"(?P<low>{_NUMBER})(?:{_DASH}(?P<high>{_NUMBER}))?(?P<plus>\+)?"
    rf"(?:\s+(?P<label>.*?))?\s*$",
    re.IGNORECASE,
)
_ATTRIBUTION = re.compile(
    r"\(\s*(?:according to|per|as reported by|as claimed by)\s+(?P<source>[^()]*?)\s*\)",
    re.IGNORECASE,
)
_ASIDE = re.compile(r"\(([^()]*)\)")
_PLACE = re.compile(r"^(?P<label>.*?)\s*\bin\s+(?P<place>[^,]+)$", re.IGNORECASE)
# Pieces of a value: split at commas and semicolons that do not sit inside a number.
_PIECES = re.compile(r"\s*(?:;|,(?!\d{3}\b)|\n)\s*")


@dataclass(frozen=True)
class Count:
    """How many of one `category` ("killed", "wounded", "captured", "missing", or what the
    text names: "technicals destroyed", "militants"; "" when it names nothing), from `low`
    to `high` (None: no upper bound given), and where, when the text says."""

    category: str
    low: int
    high: int | None
    place: str = ""


@dataclass(frozen=True)
class Figures:
    """The counts a value gives, who gives them, and the pieces that were not counts."""

    counts: tuple[Count, ...] = ()
    attribution: str = ""
    unread: tuple[str, ...] = ()

    def range_of(self, category: str) -> tuple[int, int | None] | None:
        """The sum of the counts of `category`, low and high (None when one is open);
        None when the value gives none."""
        found = [count for count in self.counts if count.category == category]
        if not found:
            return None
        low = sum(count.low for count in found)
        highs = [count.high for count in found]
        return low, None if None in highs else sum(highs)


def figures_read(text: str) -> Figures:
    """The figures `text` gives; a value with none has no counts and keeps its words in
    `unread`."""
    attribution = ""
    if found := _ATTRIBUTION.search(text):
        attribution = found["source"]
        text = text[: found.start()] + text[found.end() :]
    unread = [aside.strip() for aside in _ASIDE.findall(text) if aside.strip()]
    text = _ASIDE.sub(" ", text)
    counts = []
    for piece in _PIECES.split(text.strip()):
        if not piece:
            continue
        count = _count(piece)
        if count is None:
            unread.append(piece)
        else:
            counts.append(count)
    return Figures(tuple(counts), attribution, tuple(unread))


def _count(piece: str) -> Count | None:
    match = _COUNT.match(piece)
    if match is None:
        return None
    low = int(match["low"].replace(",", ""))
    high = int(match["high"].replace(",", "")) if match["high"] else low
    if (match["bound"] or "").lower() in ("at least", "over", "more than") or match["plus"]:
        high = None
    elif high < low:
        return None  # "36–14" is a slip, not a range
    label, place = " ".join((match["label"] or "").split()), ""
    if located := _PLACE.match(label):
        label, place = located["label"], located["place"].strip()
    return Count(_category(label), low, high, place)


def _category(label: str) -> str:
    words = label.lower().split()
    if len(words) == 1 and words[0] in _CATEGORY_WORDS:
        return _CATEGORY_WORDS[words[0]]
    return " ".join(words)
