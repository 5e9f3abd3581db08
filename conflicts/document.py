"""The article as a plain value: what the parser yields, revisions hold and diffs compare.

No ORM here. An `ArticleState` is the complete published content of one article at one
moment; the live rows, any historical revision and any import file are all turned into
one before they are compared, rendered or written.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal

# The conflict-infobox vocabulary of format A, in display order.
INFOBOX_KEYS = (
    "Conflict",
    "Partof",
    "Date",
    "Place",
    "Coordinates",
    "Result",
    "Territory",
    "Status",
    "Image",
    "Caption",
    *(f"{prefix}{side}" for prefix in ("Combatant", "Commander", "Units") for side in (1, 2, 3)),
    *(f"{prefix}{side}" for prefix in ("Strength", "Casualties") for side in (1, 2, 3)),
    "Notes",
)

# Keys shown per belligerent, side by side, in the infobox.
SIDE_KEY_PREFIXES = ("Combatant", "Commander", "Units", "Strength", "Casualties")
SIDES = (1, 2, 3)


@dataclass(frozen=True)
class InfoboxEntry:
    key: str
    value: str


@dataclass(frozen=True)
class SectionState:
    heading: str
    level: int
    body: str
    # Database id of the section row; None for a section not stored yet.
    id: int | None = field(default=None, compare=False)

    def replace(self, **changes) -> SectionState:
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class ReferenceState:
    text: str
    url: str = ""
    # Database id of the reference row; None for a reference not stored yet.
    id: int | None = field(default=None, compare=False)

    def replace(self, **changes) -> ReferenceState:
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class ArticleState:
    title: str
    lead: str = ""
    infobox: tuple[InfoboxEntry, ...] = ()
    sections: tuple[SectionState, ...] = ()
    references: tuple[ReferenceState, ...] = ()
    latitude: Decimal | None = None
    longitude: Decimal | None = None

    def infobox_value(self, key: str) -> str:
        """The value of infobox field `key`, or "" when the article has none."""
        return next((entry.value for entry in self.infobox if entry.key == key), "")

    @property
    def text(self) -> str:
        """All of the article's words as one string; its length is the revision size."""
        parts = [self.title, self.lead]
        parts += [f"{entry.key}: {entry.value}" for entry in self.infobox]
        for section in self.sections:
            parts += [section.heading, section.body]
        parts += [" ".join(filter(None, (ref.text, ref.url))) for ref in self.references]
        if self.latitude is not None and self.longitude is not None:
            parts.append(f"{self.latitude:.6f}, {self.longitude:.6f}")
        return "\n".join(part for part in parts if part)

    @property
    def size(self) -> int:
        return len(self.text)

    def replace(self, **changes) -> ArticleState:
        return dataclasses.replace(self, **changes)
