"""Which parts of an article a revision changed, by name, for "who wrote this". A pure
module (no Django).

A part is named as blame lists it: "title", "lead", "coordinates", "infobox:<key>",
"section:<id>" and "reference:<id>" (sections and references keep their ids however they
move, so a part moved but not changed keeps its author).
"""

from __future__ import annotations

from conflicts.document import ArticleState

TITLE, LEAD, COORDINATES = "title", "lead", "coordinates"
INFOBOX, SECTION, REFERENCE = "infobox", "section", "reference"


def parts_of(state: ArticleState) -> dict[str, tuple]:
    """Each part of `state` by name, with what it holds."""
    parts: dict[str, tuple] = {TITLE: (state.title,), LEAD: (state.lead,)}
    if state.latitude is not None:
        parts[COORDINATES] = (state.latitude, state.longitude)
    for entry in state.infobox:
        parts[f"{INFOBOX}:{entry.key}"] = (entry.value,)
    for section in state.sections:
        parts[f"{SECTION}:{section.id}"] = (section.heading, section.level, section.body)
    for reference in state.references:
        parts[f"{REFERENCE}:{reference.id}"] = (reference.text, reference.url)
    return parts


def parts_changed(before: ArticleState | None, after: ArticleState) -> set[str]:
    """The parts of `after` that `before` (None: nothing) did not hold as they are."""
    held = parts_of(before) if before is not None else {}
    return {name for name, content in parts_of(after).items() if held.get(name) != content}


def part_label(name: str) -> tuple[str, str]:
    """A part's kind and key: ("infobox", "Casualties1"), ("lead", "")."""
    kind, _, key = name.partition(":")
    return kind, key


def part_anchor(name: str) -> str:
    """A part's name as an HTML id: "infobox-Casualties1", "section-12"."""
    return "-".join(name.split(":", 1)).replace(" ", "_")
