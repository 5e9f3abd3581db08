"""A proposal's changes as a partial document: computing them and applying them.

A pure module: no ORM, no Django. An editor's proposal is stored and sent over the API as
a JSON-ready *partial document* holding only the parts of the article that differ from
the revision it was based on. Every key is optional and present only when that part
changed:

    {
        "title": str,
        "lead": str,
        "infobox": {key: str | None},     # set (add or change) a value; None removes the key
        "infobox_order": [key, ...],      # complete key order, when the default is not it
        "sections": [{"id": int, ...} | {"heading": str, "level": 2 | 3, "body": str}, ...],
        "references": [{"id": int, ...} | {"text": str, "url": str}, ...],
        "coordinates": {"lat": str, "lon": str} | None,
    }

"sections" and "references" list every part the article keeps, in order, each by its
stable id: `{"id": 12}` alone keeps that part as it is, `{"id": 12, "body": "…"}` changes
the fields named, and an item without an id is a new part. A base part whose id is not
listed is removed. So a change to one reference carries that reference alone, and the
merge (`conflicts.merge`) tells two proposals touching different parts apart.
Coordinates are decimal strings so they travel exactly; None removes them.

`changes_between` turns two states into such changes and `changes_apply` applies untrusted
changes to a state, checking their shape (not limits such as lengths: the services do).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from conflicts.document import ArticleState, InfoboxEntry, ReferenceState, SectionState
from conflicts.text import normalise_text

__all__ = ["PARTS", "ChangesError", "changes_apply", "changes_between", "infobox_dict"]

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
_SECTION_LEVELS = (2, 3)
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


@dataclass(frozen=True)
class _ListPart:
    """How one list of identified parts (sections or references) reads and writes."""

    name: str
    noun: str
    # Field name → its default for a new part; _REQUIRED when a new part must give it.
    fields: Mapping[str, Any]
    check: Callable[[str, Any], str | None]


_REQUIRED: Any = object()


def _check_section_field(name: str, value: Any) -> str | None:
    if name == "level":
        if type(value) is not int or value not in _SECTION_LEVELS:
            return "its level must be 2 or 3"
    elif not isinstance(value, str):
        return f"its {name} must be text"
    return None


def _check_reference_field(name: str, value: Any) -> str | None:
    return None if isinstance(value, str) else f"its {name} must be text"


_SECTIONS = _ListPart(
    "sections", "Section", {"heading": _REQUIRED, "level": 2, "body": ""}, _check_section_field
)
_REFERENCES = _ListPart(
    "references", "Reference", {"text": _REQUIRED, "url": ""}, _check_reference_field
)


# --- Between two states -------------------------------------------------------------------


def changes_between(base: ArticleState, proposed: ArticleState) -> dict[str, Any]:
    """The smallest partial document that turns `base` into `proposed`; {} when equal.

    New and changed infobox values are set through "infobox", removed keys are set to
    None; a renamed key is one removal plus one addition. "infobox_order" is present only
    when applying without it would not give `proposed`'s key order: when kept keys were
    reordered, or a new key does not simply go at the end. Sections and references are
    matched by id; a proposed one whose id is not in `base` (or repeats one already
    listed) is new. `changes_apply(base, changes_between(base, p)) == p`, with the ids of
    kept parts preserved.

    Raises ChangesError when `proposed` cannot be expressed: a repeated infobox key, or
    only one of latitude and longitude.
    """
    changes: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for part in ("title", "lead"):
        if getattr(proposed, part) != getattr(base, part):
            changes[part] = getattr(proposed, part)

    if proposed.infobox != base.infobox:
        try:
            changes |= _infobox_between(base, proposed)
        except ValueError as error:
            _add(errors, "infobox", str(error))

    for spec, attribute in ((_SECTIONS, "sections"), (_REFERENCES, "references")):
        items = _list_between(spec, getattr(base, attribute), getattr(proposed, attribute))
        if items is not None:
            changes[spec.name] = items

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
    before = infobox_dict(base.infobox)
    after = infobox_dict(proposed.infobox)
    infobox: dict[str, str | None] = {
        key: value for key, value in after.items() if before.get(key) != value
    }
    infobox |= {key: None for key in before if key not in after}
    changes: dict[str, Any] = {"infobox": infobox} if infobox else {}
    # Without an order, kept keys stay in base order and new keys follow in the order
    # "infobox" lists them, which is the proposed order.
    default = [key for key in before if key in after] + [key for key in after if key not in before]
    if default != list(after):
        changes["infobox_order"] = list(after)
    return changes


def _list_between(spec: _ListPart, base: Sequence, proposed: Sequence) -> list[dict] | None:
    """The complete list of `proposed`'s parts, kept ones by id with only what changed;
    None when `proposed` has the same parts as `base`, in the same order.

    A proposed part without an id of `base` that equals the base part in its place is
    taken as that part (states ignore ids), so a list that differs from `base` by missing
    ids alone is no change; one carrying another base part's id is listed, to keep it."""
    by_id = {item.id: item for item in base if item.id is not None}

    def values(items: Sequence) -> list[tuple]:
        return [tuple(getattr(item, name) for name in spec.fields) for item in items]

    if values(proposed) == values(base) and all(
        after.id not in by_id or after.id == before.id
        for before, after in zip(base, proposed, strict=True)
    ):
        return None
    listed: set[int] = set()
    items = []
    for item in proposed:
        if item.id in by_id and item.id not in listed:
            listed.add(item.id)
            before = by_id[item.id]
            changed = {
                name: getattr(item, name)
                for name in spec.fields
                if getattr(item, name) != getattr(before, name)
            }
            items.append({"id": item.id, **changed})
        else:
            items.append({name: getattr(item, name) for name in spec.fields})
    return items


def _decimal_text(value: Decimal) -> str:
    # Fixed-point, never exponent notation: Decimal("1E+1") is written "10".
    return format(value, "f")


# --- Applying -------------------------------------------------------------------------------


def changes_apply(base: ArticleState, changes: Any) -> ArticleState:
    """`base` with `changes` (a partial document, typically untrusted API JSON) applied.

    The shape is checked strictly and every problem is reported at once in a
    ChangesError: unknown keys, wrong types, a level other than 2 or 3, an id that is not
    in `base` or is listed twice, a new part without its heading (sections) or text
    (references), removing an infobox key `base` does not have, an "infobox_order" that
    is not exactly the resulting keys, coordinates that are not a finite decimal pair.
    Limits such as lengths and ranges are not checked here, and text is kept as given.

    New infobox keys go at the end in the order given unless "infobox_order" places
    them. Setting a key to the value it already has changes nothing.
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
                updates[part] = changes[part]
            else:
                _add(errors, part, f"The {part} must be text.")
    if "infobox" in changes or "infobox_order" in changes:
        updates["infobox"] = _apply_infobox(base.infobox, changes, errors)
    if "sections" in changes:
        updates["sections"] = _apply_list(
            _SECTIONS, base.sections, changes["sections"], errors, SectionState
        )
    if "references" in changes:
        updates["references"] = _apply_list(
            _REFERENCES, base.references, changes["references"], errors, ReferenceState
        )
    if "coordinates" in changes:
        updates["latitude"], updates["longitude"] = _apply_coordinates(
            changes["coordinates"], errors
        )

    if errors:
        raise ChangesError(errors)
    return base.replace(**updates)


def _add(errors: dict[str, list[str]], part: str, message: str) -> None:
    errors.setdefault(part, []).append(message)


def _apply_infobox(
    entries: Sequence[InfoboxEntry], changes: Mapping[str, Any], errors: dict[str, list[str]]
) -> tuple[InfoboxEntry, ...]:
    values = infobox_dict(entries)
    before = len(errors.get("infobox", ()))
    updates = changes.get("infobox", {})
    if not isinstance(updates, dict):
        _add(errors, "infobox", 'The infobox must be an object of {"field": "value" or null}.')
        updates = {}
    for key, value in updates.items():
        if not isinstance(key, str):
            _add(errors, "infobox", f"Infobox field names must be text, not {key!r}.")
            continue
        # Keys name fields: " Date " is the field Date, as the web form reads it.
        key = normalise_text(key)
        if value is None:
            if key in values:
                del values[key]
            else:
                _add(errors, "infobox", f'There is no infobox field "{key}" to remove.')
        elif isinstance(value, str):
            # Assigning keeps an existing key in place and appends a new one.
            values[key] = value
        else:
            _add(errors, "infobox", f'The value of "{key}" must be text, or null to remove it.')

    if "infobox_order" in changes:
        order = changes["infobox_order"]
        if not isinstance(order, list) or not all(isinstance(key, str) for key in order):
            _add(errors, "infobox", "The infobox order must be a list of field names.")
        elif len(errors.get("infobox", ())) == before:
            # Only meaningful once the resulting key set is known.
            order = [normalise_text(key) for key in order]
            problem = _order_problem(order, list(values))
            if problem:
                _add(errors, "infobox", problem)
            else:
                values = {key: values[key] for key in order}
    return tuple(InfoboxEntry(key, value) for key, value in values.items())


def infobox_dict(entries: Iterable[InfoboxEntry]) -> dict[str, str]:
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


def _apply_list(spec: _ListPart, base: Sequence, items: Any, errors, make) -> tuple:
    """The parts `items` lists, each read on its own; their problems are reported together."""
    if not isinstance(items, list):
        _add(errors, spec.name, f"The {spec.name} must be a list of objects.")
        return ()
    by_id = {item.id: item for item in base if item.id is not None}
    listed: set[int] = set()
    result = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            _add(errors, spec.name, f"{spec.noun} {number} must be an object.")
            continue
        problems = []
        unknown = sorted(str(key) for key in item if key != "id" and key not in spec.fields)
        if unknown:
            problems.append("unknown " + ", ".join(f'"{key}"' for key in unknown))
        part_id = item.get("id")
        before = None
        if part_id is not None:
            if isinstance(part_id, bool) or not isinstance(part_id, int):
                problems.append(
                    f"its id must be a whole number, or null for a new {spec.noun.lower()}"
                )
            elif part_id not in by_id:
                problems.append(f"there is no {spec.noun.lower()} {part_id} in this article")
            elif part_id in listed:
                problems.append(f"{spec.noun.lower()} {part_id} is listed more than once")
            else:
                listed.add(part_id)
                before = by_id[part_id]
        values = {}
        for name, default in spec.fields.items():
            if name in item:
                problem = spec.check(name, item[name])
                if problem:
                    problems.append(problem)
                values[name] = item[name]
            elif before is not None:
                values[name] = getattr(before, name)
            elif default is _REQUIRED:
                if part_id is None:
                    problems.append(f"a new {spec.noun.lower()} needs its {name}")
            else:
                values[name] = default
        if problems:
            _add(errors, spec.name, f"{spec.noun} {number}: " + "; ".join(problems) + ".")
            continue
        result.append(make(**values, id=part_id))
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


# --- Parts a reviewer may approve on their own -----------------------------------------------


def changes_parts(changes: Mapping[str, Any]) -> list[str]:
    """What a reviewer may approve apart from the rest of `changes`: "title", "lead",
    "coordinates", "sections", "references", and each infobox field as "infobox:<key>"
    (the infobox as one "infobox" when the changes also reorder it), in that order."""
    parts = [part for part in ("title", "lead") if part in changes]
    if "infobox_order" in changes:
        parts.append("infobox")
    else:
        parts += [f"infobox:{key}" for key in changes.get("infobox", {})]
    return parts + [part for part in ("sections", "references", "coordinates") if part in changes]


def changes_split(changes: Mapping[str, Any], chosen: Iterable[str]) -> tuple[dict, dict]:
    """`changes` as two: the `chosen` parts (`changes_parts` names them) and the rest.
    Each is a partial document against the same base; the infobox's fields are split
    between them."""
    chosen = set(chosen)
    picked: dict[str, Any] = {}
    rest: dict[str, Any] = {}
    for part, value in changes.items():
        if part == "infobox" and "infobox_order" not in changes:
            for key, field in value.items():
                side = picked if f"infobox:{key}" in chosen else rest
                side.setdefault("infobox", {})[key] = field
        else:
            whole = "infobox" if part == "infobox_order" else part
            (picked if whole in chosen else rest)[part] = value
    return picked, rest
