"""How an article's infobox and coordinates are laid out for reading; no ORM, no HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from conflicts.document import INFOBOX_KEYS, SIDE_KEY_PREFIXES, ArticleState

_LABELS = {
    "Partof": "Part of",
    "Place": "Location",
    "Territory": "Territorial changes",
    "Combatant": "Belligerents",
    "Commander": "Commanders and leaders",
    "Units": "Units involved",
    "Strength": "Strength",
    "Casualties": "Casualties and losses",
}
# Shown in the infobox's head rather than as rows.
_HEAD_KEYS = {"Conflict", "Image", "Caption", "Partof"}
_SIDE_KEY = re.compile(rf"^({'|'.join(SIDE_KEY_PREFIXES)})([1-9])$")


# What one field of a side is called, the side given by its number.
_SIDE_FIELD_LABELS = {
    "Combatant": "Belligerent",
    "Commander": "Commander",
    "Units": "Units",
    "Strength": "Strength",
    "Casualties": "Casualties",
}
_FIELD_LABELS = {"Partof": "Part of", "Place": "Location", "Territory": "Territorial changes"}


def infobox_key_label(key: str) -> str:
    """A person's name for an infobox key, for forms and accessible names: "Part of",
    "Casualties (side 1)"; other keys as they are. The stored key never changes."""
    side = _SIDE_KEY.match(key)
    if side:
        return f"{_SIDE_FIELD_LABELS.get(side[1], side[1])} (side {side[2]})"
    return _FIELD_LABELS.get(key, key)


@dataclass(frozen=True)
class InfoboxRow:
    key: str
    label: str
    value: str


@dataclass(frozen=True)
class SideGroup:
    """One belligerent-side heading (e.g. "Strength") with a value per side."""

    prefix: str
    label: str
    values: tuple[tuple[str, str], ...]  # (key, value) per side; key names the field


@dataclass(frozen=True)
class Infobox:
    conflict: str
    part_of: str
    image: str
    caption: str
    rows: tuple[InfoboxRow, ...]
    sides: tuple[SideGroup, ...]
    side_count: int
    notes: tuple[InfoboxRow, ...]

    @property
    def columns(self) -> int:
        """Table columns: a label and a value, or one per belligerent side."""
        return max(2, self.side_count)

    @property
    def value_span(self) -> int:
        return self.columns - 1

    @property
    def side_span(self) -> int:
        return self.columns if self.side_count == 1 else 1

    def __bool__(self) -> bool:
        return bool(self.rows or self.sides or self.notes or self.part_of or self.image)


def infobox_layout(state: ArticleState) -> Infobox:
    """The infobox as a reader sees it: general rows, then belligerents side by side.

    Known keys come in the vocabulary's order; unknown keys are kept, after the rest.
    """
    values = {entry.key: entry.value for entry in state.infobox}
    side_keys = {key: _SIDE_KEY.match(key) for key in values}
    side_count = max((int(match[2]) for match in side_keys.values() if match), default=0)
    sides = tuple(
        SideGroup(
            prefix,
            _LABELS[prefix],
            tuple(
                (f"{prefix}{side}", values.get(f"{prefix}{side}", ""))
                for side in range(1, side_count + 1)
            ),
        )
        for prefix in SIDE_KEY_PREFIXES
        if any(match and match[1] == prefix for match in side_keys.values())
    )
    general = [
        key for key in INFOBOX_KEYS if key in values and key not in _HEAD_KEYS and key != "Notes"
    ]
    unknown = [key for key in values if key not in INFOBOX_KEYS and not side_keys[key]]
    return Infobox(
        conflict=values.get("Conflict", ""),
        part_of=values.get("Partof", ""),
        image=values.get("Image", ""),
        caption=values.get("Caption", ""),
        rows=tuple(_row(key, values[key]) for key in general if not side_keys[key]),
        sides=sides,
        side_count=side_count,
        notes=tuple(_row(key, values[key]) for key in [*unknown, "Notes"] if key in values),
    )


def _row(key: str, value: str) -> InfoboxRow:
    return InfoboxRow(key, _LABELS.get(key, key), value)


def coordinates_label(latitude: Decimal | None, longitude: Decimal | None) -> str:
    """Decimal degrees with hemispheres, e.g. "18.4411°N 1.4072°E"; "" when unknown."""
    if latitude is None or longitude is None:
        return ""
    return (
        f"{_degrees(latitude)}°{'N' if latitude >= 0 else 'S'} "
        f"{_degrees(longitude)}°{'E' if longitude >= 0 else 'W'}"
    )


def _degrees(value: Decimal) -> str:
    text = f"{abs(value):.6f}".rstrip("0")
    return text.rstrip(".")


def change_part_label(part: str) -> str:
    """A part of a proposal's changes (`changes.changes_parts`) as a reviewer reads it:
    "infobox:Casualties1" → "Infobox: Casualties (side 1)"."""
    kind, _, key = part.partition(":")
    return f"Infobox: {infobox_key_label(key)}" if key else kind.capitalize()
