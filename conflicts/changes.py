"""A proposal's changes as a partial document: computing them, applying them, merging them.

A pure module: no ORM, no Django. An editor's proposal is stored and sent over the API as
a JSON-ready *partial document* holding only the parts of the article that differ from
the revision it was based on. Every key is optional and present only when that part
changed:

    {
        "title": str,
        "lead": str,
        "infobox": {key: str | None},     # set (add or change) a value; None removes the key
        "infobox_order": [key, ...],      # complete key order, when the default is not it
        "sections": [{"id": int | None, "heading": str, "level": 2 | 3, "body": str}, ...],
        "references": [{"text": str, "url": str}, ...],
        "coordinates": {"lat": str, "lon": str} | None,
    }

"sections" and "references" are complete lists: a base section whose id is not listed is
removed, a section without an id is new. Coordinates are decimal strings so they travel
exactly; None removes them.

`changes_between` turns two states into such changes, `changes_apply` applies untrusted
changes to a state (checking their shape, not limits such as lengths), and
`changes_merge` merges a proposal into an article that has moved on since its base
revision, field by field, reporting what clashed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from conflicts.document import ArticleState, InfoboxEntry, ReferenceState, SectionState

__all__ = [
    "PARTS",
    "ChangesError",
    "MergeResult",
    "changes_apply",
    "changes_between",
    "changes_merge",
]

# The top-level keys a partial document may hold.
PARTS = (
    "title",
    "lead",
    "infobox",
    "infobox_order",
    "sections",
    "references",
    "coordinates",
)
_SECTION_KEYS = frozenset({"id", "heading", "level", "body"})
_SECTION_LEVELS = (2, 3)
_REFERENCE_KEYS = frozenset({"text", "url"})
_COORDINATE_KEYS = ("lat", "lon")

# Plain decimal notation only: no exponent, no "NaN", no digit separators.
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


class ChangesError(ValueError):
    """Malformed changes.

    `errors` maps the part at fault ("title", "lead", "infobox", "sections", "references",
    "coordinates" or "non_field_errors") to messages meant for the person who sent them.
    """

    def __init__(self, errors: Mapping[str, list[str]]):
        self.errors: dict[str, list[str]] = {part: list(msgs) for part, msgs in errors.items()}
        super().__init__(
            "; ".join(f"{part}: {msg}" for part, msgs in self.errors.items() for msg in msgs)
        )


class _Absent:
    """The value of an infobox key or section that a version does not have."""

    def __repr__(self) -> str:
        return "<absent>"


_ABSENT: Any = _Absent()

# Where items placed at the very beginning of a list are anchored (see `_merge_order`).
_START: Any = object()


# --- Between two states -------------------------------------------------------------------


def changes_between(base: ArticleState, proposed: ArticleState) -> dict[str, Any]:
    """The smallest partial document that turns `base` into `proposed`; {} when equal.

    New and changed infobox values are set through "infobox", removed keys are set to
    None; a renamed key is one removal plus one addition. "infobox_order" is present only
    when applying without it would not give `proposed`'s key order: when kept keys were
    reordered, or a new key does not simply go at the end. Sections are matched by id; a
    proposed section whose id is not in `base` (or repeats one already listed) is new.

    Line breaks in `proposed` are normalised as `changes_apply` would ("\\r\\n" → "\\n"),
    so `changes_apply(base, changes_between(base, p)) == p` for any `p` without "\\r\\n",
    with the ids of kept sections preserved.

    Raises ChangesError when `proposed` cannot be expressed: a repeated infobox key, or
    only one of latitude and longitude.
    """
    changes: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for part, value in (("title", proposed.title), ("lead", proposed.lead)):
        text = _text(value)
        if text != getattr(base, part) and value != getattr(base, part):
            changes[part] = text

    if proposed.infobox != base.infobox:
        try:
            changes |= _infobox_between(base, proposed)
        except ValueError as error:
            _add(errors, "infobox", str(error))

    if _section_values(proposed.sections) != _section_values(base.sections):
        base_ids = {section.id for section in base.sections if section.id is not None}
        listed: set[int] = set()
        sections = []
        for section in proposed.sections:
            kept = section.id in base_ids and section.id not in listed
            if kept:
                listed.add(section.id)
            sections.append(
                {
                    "id": section.id if kept else None,
                    "heading": _text(section.heading),
                    "level": section.level,
                    "body": _text(section.body),
                }
            )
        changes["sections"] = sections

    references = tuple(
        ReferenceState(_text(ref.text), _text(ref.url)) for ref in proposed.references
    )
    if references != base.references and proposed.references != base.references:
        changes["references"] = [{"text": ref.text, "url": ref.url} for ref in references]

    coordinates = (proposed.latitude, proposed.longitude)
    if coordinates != (base.latitude, base.longitude):
        if coordinates == (None, None):
            changes["coordinates"] = None
        elif None in coordinates:
            _add(errors, "coordinates", "Give both latitude and longitude, or neither.")
        else:
            latitude, longitude = coordinates
            changes["coordinates"] = {
                "lat": _decimal_text(latitude),
                "lon": _decimal_text(longitude),
            }

    if errors:
        raise ChangesError(errors)
    return changes


def _infobox_between(base: ArticleState, proposed: ArticleState) -> dict[str, Any]:
    """The "infobox" and "infobox_order" parts; raises ValueError for a repeated key."""
    before = _infobox_dict(base.infobox)
    after = {key: _text(value) for key, value in _infobox_dict(proposed.infobox).items()}
    infobox: dict[str, str | None] = {
        key: value for key, value in after.items() if before.get(key, _ABSENT) != value
    }
    infobox |= {key: None for key in before if key not in after}
    changes: dict[str, Any] = {"infobox": infobox} if infobox else {}
    # Without an order, kept keys stay in base order and new keys follow in the order
    # "infobox" lists them, which is the proposed order.
    default = [key for key in before if key in after] + [key for key in after if key not in before]
    if default != list(after):
        changes["infobox_order"] = list(after)
    return changes


def _section_values(sections: Iterable[SectionState]) -> list[tuple[str, int, str]]:
    return [(_text(s.heading), s.level, _text(s.body)) for s in sections]


def _decimal_text(value: Decimal) -> str:
    # Fixed-point, never exponent notation: Decimal("1E+1") is written "10".
    return format(value, "f")


# --- Applying -------------------------------------------------------------------------------


def changes_apply(base: ArticleState, changes: Any) -> ArticleState:
    """`base` with `changes` (a partial document, typically untrusted API JSON) applied.

    The shape is checked strictly and every problem is reported at once in a
    ChangesError: unknown keys, wrong types, a level other than 2 or 3, a section id that
    is not in `base` or is listed twice, removing an infobox key `base` does not have, an
    "infobox_order" that is not exactly the resulting keys, coordinates that are not a
    finite decimal pair. Limits such as lengths and ranges are not checked here.

    New infobox keys go at the end in the order given unless "infobox_order" places
    them. Setting a key to the value it already has changes nothing. Text is kept as
    given except that "\\r\\n" becomes "\\n".
    """
    if not isinstance(changes, dict):
        raise ChangesError({"non_field_errors": ["Changes must be a JSON object."]})
    errors: dict[str, list[str]] = {}
    unknown = [key for key in changes if key not in PARTS]
    if unknown:
        names = ", ".join(f'"{key}"' for key in unknown)
        expected = ", ".join(f'"{key}"' for key in PARTS)
        _add(errors, "non_field_errors", f"Unknown part {names}; expected one of {expected}.")

    updates: dict[str, Any] = {}
    for part in ("title", "lead"):
        if part in changes:
            if isinstance(changes[part], str):
                updates[part] = _text(changes[part])
            else:
                _add(errors, part, f"The {part} must be text.")
    if "infobox" in changes or "infobox_order" in changes:
        updates["infobox"] = _apply_infobox(base.infobox, changes, errors)
    if "sections" in changes:
        updates["sections"] = _apply_sections(base.sections, changes["sections"], errors)
    if "references" in changes:
        updates["references"] = _apply_references(changes["references"], errors)
    if "coordinates" in changes:
        updates["latitude"], updates["longitude"] = _apply_coordinates(
            changes["coordinates"], errors
        )

    if errors:
        raise ChangesError(errors)
    return base.replace(**updates)


def _add(errors: dict[str, list[str]], part: str, message: str) -> None:
    errors.setdefault(part, []).append(message)


def _text(value: str) -> str:
    # Browsers submit textarea line breaks as "\r\n"; stored text uses "\n" only.
    return value.replace("\r\n", "\n")


def _apply_infobox(
    entries: Sequence[InfoboxEntry], changes: Mapping[str, Any], errors: dict[str, list[str]]
) -> tuple[InfoboxEntry, ...]:
    values = _infobox_dict(entries)
    before = len(errors.get("infobox", ()))
    updates = changes.get("infobox", {})
    if not isinstance(updates, dict):
        _add(errors, "infobox", 'The infobox must be an object of {"field": "value" or null}.')
        updates = {}
    for key, value in updates.items():
        if not isinstance(key, str):
            _add(errors, "infobox", f"Infobox field names must be text, not {key!r}.")
        elif value is None:
            if key in values:
                del values[key]
            else:
                _add(errors, "infobox", f'There is no infobox field "{key}" to remove.')
        elif isinstance(value, str):
            # Assigning keeps an existing key in place and appends a new one.
            values[key] = _text(value)
        else:
            _add(errors, "infobox", f'The value of "{key}" must be text, or null to remove it.')

    if "infobox_order" in changes:
        order = changes["infobox_order"]
        if not isinstance(order, list) or not all(isinstance(key, str) for key in order):
            _add(errors, "infobox", "The infobox order must be a list of field names.")
        elif len(errors.get("infobox", ())) == before:
            # Only meaningful once the resulting key set is known.
            problem = _order_problem(order, list(values))
            if problem:
                _add(errors, "infobox", problem)
            else:
                values = {key: values[key] for key in order}
    return tuple(InfoboxEntry(key, value) for key, value in values.items())


def _infobox_dict(entries: Iterable[InfoboxEntry]) -> dict[str, str]:
    """{key: value} in infobox order; raises ValueError when a key repeats."""
    values: dict[str, str] = {}
    for entry in entries:
        if entry.key in values:
            raise ValueError(f'The infobox field "{entry.key}" appears more than once.')
        values[entry.key] = entry.value
    return values


def _order_problem(order: Sequence[str], keys: Sequence[str]) -> str | None:
    """Why `order` is not exactly `keys` rearranged, or None when it is."""
    repeated = sorted({key for key in order if order.count(key) > 1})
    missing = [key for key in keys if key not in order]
    extra = [key for key in order if key not in keys]
    problems = []
    if repeated:
        problems.append("repeats " + ", ".join(f'"{key}"' for key in repeated))
    if missing:
        problems.append("leaves out " + ", ".join(f'"{key}"' for key in missing))
    if extra:
        problems.append("names fields the infobox will not have: " + ", ".join(extra))
    if not problems:
        return None
    return "The infobox order must list every resulting field once; it " + "; ".join(problems) + "."


def _apply_sections(
    base_sections: Sequence[SectionState], sections: Any, errors: dict[str, list[str]]
) -> tuple[SectionState, ...]:
    base_ids = {section.id for section in base_sections if section.id is not None}
    listed: set[int] = set()

    def read(section: dict, problems: list[str]) -> SectionState | None:
        for key in ("heading", "body"):
            if not isinstance(section.get(key), str):
                problems.append(f"its {key} must be text")
        level = section.get("level")
        if type(level) is not int or level not in _SECTION_LEVELS:
            problems.append("its level must be 2 or 3")
        section_id = section.get("id")
        if section_id is not None:
            if isinstance(section_id, bool) or not isinstance(section_id, int):
                problems.append("its id must be a whole number, or null for a new section")
            elif section_id not in base_ids:
                problems.append(f"there is no section {section_id} in this article")
            elif section_id in listed:
                problems.append(f"section {section_id} is listed more than once")
            else:
                listed.add(section_id)
        if problems:
            return None
        return SectionState(
            heading=_text(section["heading"]),
            level=level,
            body=_text(section["body"]),
            id=section_id,
        )

    return _apply_objects(sections, "sections", "Section", _SECTION_KEYS, errors, read)


def _apply_references(references: Any, errors: dict[str, list[str]]) -> tuple[ReferenceState, ...]:
    def read(reference: dict, problems: list[str]) -> ReferenceState | None:
        if not isinstance(reference.get("text"), str):
            problems.append("its text must be text")
        # A reference may have no link; "url" can then be left out.
        if not isinstance(reference.get("url", ""), str):
            problems.append("its url must be text")
        if problems:
            return None
        return ReferenceState(_text(reference["text"]), _text(reference.get("url", "")))

    return _apply_objects(references, "references", "Reference", _REFERENCE_KEYS, errors, read)


def _apply_objects(items, part, noun, allowed_keys, errors, read) -> tuple:
    """A list of objects read one by one; each one's problems are reported together."""
    if not isinstance(items, list):
        _add(errors, part, f"The {part} must be a list of objects.")
        return ()
    result = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            _add(errors, part, f"{noun} {number} must be an object.")
            continue
        problems = []
        unknown = sorted(str(key) for key in item if key not in allowed_keys)
        if unknown:
            problems.append("unknown " + ", ".join(f'"{key}"' for key in unknown))
        value = read(item, problems)
        if problems:
            _add(errors, part, f"{noun} {number}: " + "; ".join(problems) + ".")
            continue
        result.append(value)
    return tuple(result)


def _apply_coordinates(
    coordinates: Any, errors: dict[str, list[str]]
) -> tuple[Decimal | None, Decimal | None]:
    if coordinates is None:
        return None, None
    if not isinstance(coordinates, dict) or set(coordinates) != set(_COORDINATE_KEYS):
        _add(
            errors,
            "coordinates",
            'The coordinates must be an object with exactly "lat" and "lon", or null.',
        )
        return None, None
    latitude = _coordinate(coordinates["lat"], "latitude", errors)
    longitude = _coordinate(coordinates["lon"], "longitude", errors)
    return latitude, longitude


def _coordinate(value: Any, name: str, errors: dict[str, list[str]]) -> Decimal | None:
    """A decimal from a JSON number or a decimal string; None after reporting a problem."""
    number: Decimal | None = None
    # bool is an int subclass, but true is no latitude.
    if isinstance(value, int) and not isinstance(value, bool):
        number = Decimal(value)
    elif isinstance(value, float) and math.isfinite(value):
        # repr gives the shortest text for the float: 16.5712, not 16.571199999999….
        number = Decimal(repr(value))
    elif isinstance(value, Decimal) and value.is_finite():
        number = value
    elif isinstance(value, str) and _DECIMAL.fullmatch(value.strip()):
        number = Decimal(value.strip())
    if number is None:
        _add(
            errors,
            "coordinates",
            f'The {name} must be a finite decimal number such as "16.5712", not {value!r}.',
        )
    return number


# --- Merging ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MergeResult:
    """The merged article, or what clashed.

    `state` is None when there are conflicts. `conflicts` holds one human label per
    clash: "title", "lead", "infobox: Casualties1", "infobox order", "section: Background",
    "section order", "references", "coordinates".
    """

    state: ArticleState | None
    conflicts: tuple[str, ...] = ()

    @property
    def clean(self) -> bool:
        return not self.conflicts


def changes_merge(base: ArticleState, current: ArticleState, proposed: ArticleState) -> MergeResult:
    """Apply what changed from `base` to `proposed` on top of `current`, field by field.

    A part proposed left as in `base` takes `current`'s value; a part proposed changed
    takes proposed's value, unless `current` changed it too, to something else: a
    conflict. The title, the lead, the reference list and the coordinate pair are one
    part each; so is each infobox key (absent counts as a value) and each section, by id,
    as heading, level and body together. New proposed sections are always additions, and
    one identical to a section `current` added is taken as that section.

    Order is merged separately: when only one side reordered what it shares with
    `base`, its order wins; when both did, differently, that is a conflict. Items
    `current` added keep their place; items `proposed` added follow the item before them
    in proposed's order (after anything `current` added right there), or come first.

    Sections keep `current`'s ids; new ones have none. With `current == base` the result
    is `proposed`; with `proposed == base` it is `current`. Base sections need ids (stored
    revisions have them); ValueError otherwise, or when an infobox key repeats.
    """
    conflicts: list[str] = []
    merged: dict[str, Any] = {}
    for part in ("title", "lead"):
        merged[part] = _merge_part(part, base, current, proposed, conflicts)
    merged["infobox"] = _merge_infobox(base, current, proposed, conflicts)
    merged["sections"] = _merge_sections(base, current, proposed, conflicts)
    merged["references"] = _merge_part("references", base, current, proposed, conflicts)
    coordinates = _merge_value(
        (base.latitude, base.longitude),
        (current.latitude, current.longitude),
        (proposed.latitude, proposed.longitude),
    )
    if coordinates is _CONFLICT:
        conflicts.append("coordinates")
    else:
        merged["latitude"], merged["longitude"] = coordinates

    if conflicts:
        return MergeResult(state=None, conflicts=tuple(conflicts))
    return MergeResult(state=ArticleState(**merged))


# The outcome of a three-way merge of one value that both sides changed differently.
_CONFLICT: Any = object()


def _merge_value(base: Any, current: Any, proposed: Any) -> Any:
    """The merged value (possibly _ABSENT), or _CONFLICT."""
    if proposed in (base, current):
        return current
    if current == base:
        return proposed
    return _CONFLICT


def _merge_part(
    part: str,
    base: ArticleState,
    current: ArticleState,
    proposed: ArticleState,
    conflicts: list[str],
) -> Any:
    value = _merge_value(getattr(base, part), getattr(current, part), getattr(proposed, part))
    if value is _CONFLICT:
        conflicts.append(part)
    return value


def _merge_infobox(
    base: ArticleState, current: ArticleState, proposed: ArticleState, conflicts: list[str]
) -> tuple[InfoboxEntry, ...]:
    before, now, after = (_infobox_dict(s.infobox) for s in (base, current, proposed))
    values: dict[str, str] = {}
    for key in dict.fromkeys([*before, *now, *after]):
        value = _merge_value(
            before.get(key, _ABSENT), now.get(key, _ABSENT), after.get(key, _ABSENT)
        )
        if value is _CONFLICT:
            conflicts.append(f"infobox: {key}")
        elif value is not _ABSENT:
            values[key] = value
    order = _merge_order(list(before), list(now), list(after), values)
    if order is None:
        conflicts.append("infobox order")
        return ()
    return tuple(InfoboxEntry(key, values[key]) for key in order)


def _merge_sections(
    base: ArticleState, current: ArticleState, proposed: ArticleState, conflicts: list[str]
) -> tuple[SectionState, ...]:
    base_ids = [section.id for section in base.sections]
    if None in base_ids or len(set(base_ids)) != len(base_ids):
        raise ValueError("Merging needs every base section to have an id of its own.")
    in_base = set(base_ids)

    # Identities: a base section's id; ("current", i) or ("proposed", i) for an addition
    # that has no id of its own on that side.
    now = _identified(current.sections, "current", lambda i: i is not None)
    after = _identified(proposed.sections, "proposed", in_base.__contains__)

    def unit(section: SectionState | None) -> Any:
        return _ABSENT if section is None else (section.heading, section.level, section.body)

    result: dict[Hashable, SectionState] = {}
    for section in base.sections:
        key = section.id
        value = _merge_value(unit(section), unit(now.get(key)), unit(after.get(key)))
        if value is _CONFLICT:
            heading = (now.get(key) or section).heading
            conflicts.append(f"section: {heading}")
        elif value is not _ABSENT:
            result[key] = SectionState(*value, id=key)

    # Additions on current keep their ids; one identical to a proposed addition is taken
    # as that addition, so the same new section written on both sides appears once.
    unmatched = {key: s for key, s in now.items() if key not in in_base}
    result |= unmatched
    proposed_order = []
    for key, section in after.items():
        if key not in in_base:
            twin = next((k for k, s in unmatched.items() if unit(s) == unit(section)), None)
            if twin is not None:
                del unmatched[twin]
                key = twin
            else:
                result[key] = section.replace(id=None)
        proposed_order.append(key)

    order = _merge_order(base_ids, list(now), proposed_order, result)
    if order is None:
        conflicts.append("section order")
        return ()
    return tuple(result[key] for key in order)


def _identified(
    sections: Sequence[SectionState], side: str, is_identity: Callable[[int | None], bool]
) -> dict[Hashable, SectionState]:
    """The sections by identity, in order: their id when `is_identity` accepts it and it
    has not been seen yet on this side, otherwise (side, position)."""
    by_identity: dict[Hashable, SectionState] = {}
    for position, section in enumerate(sections):
        if is_identity(section.id) and section.id not in by_identity:
            by_identity[section.id] = section
        else:
            by_identity[(side, position)] = section
    return by_identity


def _merge_order(
    base: Sequence[Hashable],
    current: Sequence[Hashable],
    proposed: Sequence[Hashable],
    kept: Mapping[Hashable, Any],
) -> list[Hashable] | None:
    """The merged order of the items in `kept`, or None when both sides reordered
    differently.

    Each side's list holds every item it has, identified consistently: base items, items
    it added, and items both added under the same identity. The base items that survive
    follow the order of the side that reordered (current's when neither or both did, in
    which case both agree on them). Items current added follow the base item before them
    in current; items only proposed added follow the item before them in proposed, after
    any items only current added there.
    """
    in_base, in_current, in_proposed = set(base), set(current), set(proposed)
    current_moved = _reordered(base, current)
    proposed_moved = _reordered(base, proposed)
    if current_moved and proposed_moved:
        shared = in_base & in_current & in_proposed
        if [x for x in current if x in shared] != [x for x in proposed if x in shared]:
            return None
    leader = proposed if proposed_moved and not current_moved else current

    # Current's additions, grouped under the surviving base item before them.
    current_added: dict[Hashable, list[Hashable]] = {}
    anchor = _START
    for item in current:
        if item in in_base:
            anchor = item if item in kept else anchor
        elif item in kept:
            current_added.setdefault(anchor, []).append(item)
    order = list(current_added.get(_START, ()))
    for item in leader:
        if item in in_base and item in kept:
            order += [item, *current_added.get(item, ())]

    # Proposed's own additions, grouped under the item before them that is not one.
    proposed_added: dict[Hashable, list[Hashable]] = {}
    anchor = _START
    for item in proposed:
        if item in in_base or item in in_current:
            anchor = item if item in kept else anchor
        elif item in kept:
            proposed_added.setdefault(anchor, []).append(item)
    only_current = in_current - in_base - in_proposed
    for anchor, items in proposed_added.items():
        position = 0 if anchor is _START else order.index(anchor) + 1
        while position < len(order) and order[position] in only_current:
            position += 1
        order[position:position] = items
    return order


def _reordered(base: Sequence[Hashable], side: Sequence[Hashable]) -> bool:
    """Whether `side` lists the base items it kept in another order than `base`."""
    in_base, in_side = set(base), set(side)
    return [x for x in side if x in in_base] != [x for x in base if x in in_side]
