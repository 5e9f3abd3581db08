"""Reading an article's infobox values as typed data, by what each key holds: a Date as
event dates, Casualties and Strength as figures, Combatants and Commanders as parties.
A pure module (no Django); the text editors wrote stays what it is, this is read beside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from conflicts.citations import without_citations
from conflicts.dates import event_dates
from facts.figures import figures_read
from facts.parties import parties_read

DATES, FIGURES, PARTIES, TEXT = "dates", "figures", "parties", "text"
# A key's kind by its name without the side number: "Casualties2" is figures of side 2.
_KINDS = {
    "date": DATES,
    "casualties": FIGURES,
    "strength": FIGURES,
    "combatant": PARTIES,
    "belligerents": PARTIES,
    "commander": PARTIES,
    "units": PARTIES,
}
_SIDED = re.compile(r"^(?P<name>.*?)\s*(?P<side>\d+)?$")


@dataclass(frozen=True)
class Reading:
    """What one infobox value says: its `kind`, the `side` its key numbers (None when it
    numbers none), and `data` (JSON-ready), None when a value of a typed kind could not be
    read, or for plain text."""

    key: str
    kind: str
    side: int | None
    data: dict | None

    @property
    def unread(self) -> bool:
        """A value of a typed kind that could not be read: kept as text, and counted."""
        return self.kind != TEXT and self.data is None


def infobox_readings(entries: Iterable[tuple[str, str]]) -> list[Reading]:
    """A reading of each (key, value) pair, in order; the values' citations are not read."""
    return [_reading(key, without_citations(value)) for key, value in entries]


def _reading(key: str, value: str) -> Reading:
    named = _SIDED.match(key)
    kind = _KINDS.get(named["name"].strip().lower(), TEXT)
    side = int(named["side"]) if named["side"] else None
    return Reading(key, kind, side, _data(kind, value))


def _data(kind: str, value: str) -> dict | None:
    if kind == DATES:
        dates = event_dates(value)
        if dates is None:
            return None
        return {
            "start": dates.start.isoformat(),
            "end": dates.end.isoformat() if dates.end else None,
            "precision": dates.precision,
        }
    if kind == FIGURES:
        figures = figures_read(value)
        if not figures.counts:
            return None
        return {
            "counts": [asdict(count) for count in figures.counts],
            "attribution": figures.attribution,
            "unread": list(figures.unread),
        }
    if kind == PARTIES:
        parties = parties_read(value)
        if not parties:
            return None
        return {"parties": [{"name": p.name, "markers": list(p.markers)} for p in parties]}
    return None


def casualties_range(readings: Iterable[Reading], category: str = "killed"):
    """Low and high of `category` over every side's Casualties, summed (high None when a
    side gives no upper bound); None when no Casualties value gives that category.

    A key read more than once (its value and the other figures given for it) counts from
    the lowest of its lows to the highest of its highs, so the range covers them all."""
    ranges: dict[str, list[tuple[int, int | None]]] = {}
    for found in readings:
        if found.kind != FIGURES or found.data is None:
            continue
        if _SIDED.match(found.key)["name"].strip().lower() != "casualties":
            continue
        counts = [count for count in found.data["counts"] if count["category"] == category]
        if counts:
            highs = [count["high"] for count in counts]
            high = None if None in highs else sum(highs)
            ranges.setdefault(found.key, []).append((sum(c["low"] for c in counts), high))
    if not ranges:
        return None
    lows = [min(low for low, _ in alternatives) for alternatives in ranges.values()]
    highs = [
        None if any(high is None for _, high in alternatives) else max(h for _, h in alternatives)
        for alternatives in ranges.values()
    ]
    return sum(lows), None if None in highs else sum(highs)
