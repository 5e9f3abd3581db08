"""Three-way merge of article states: a proposal onto an article that moved on since.

A pure module: no ORM, no Django. `changes_merge` is what approval uses: what the
proposal changed is applied on top of the current version, part by part, and a part
changed on both sides (to different values) is a conflict, never an overwrite.
`changes_rebase` is what an author reworking a proposal starts from: the same merge, but
each clash is settled in the author's favour and reported beside the published value,
so that nothing the author wrote is lost and they decide.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from conflicts.changes import infobox_dict
from conflicts.document import ArticleState, InfoboxEntry

__all__ = ["Clash", "MergeResult", "RebaseResult", "changes_merge", "changes_rebase"]


@dataclass(frozen=True)
class Clash:
    """One part both sides changed, differently.

    `part` is "title", "lead", "infobox", "infobox order", "section", "section order",
    "reference", "reference order" or "coordinates"; `key` the infobox key or the
    section's or reference's id (None for the others). `current` and `proposed` are
    each side's value as text for a person to compare; "" where that side removed it.
    """

    part: str
    key: Hashable | None
    label: str
    current: str
    proposed: str


@dataclass(frozen=True)
class MergeResult:
    """The merged article, or what clashed.

    `state` is None when there are conflicts. `conflicts` holds one human label per
    clash: "title", "lead", "infobox: Casualties1", "infobox order", "section: Background",
    "section order", "reference: Reuters, 21 May…", "reference order", "coordinates".
    """

    state: ArticleState | None
    conflicts: tuple[str, ...] = ()

    @property
    def clean(self) -> bool:
        return not self.conflicts


@dataclass(frozen=True)
class RebaseResult:
    """The proposal moved onto the current version: every change that does not clash
    merged in, and on each clash the author's value; `clashes` says where they differ."""

    state: ArticleState
    clashes: tuple[Clash, ...] = ()


def changes_merge(base: ArticleState, current: ArticleState, proposed: ArticleState) -> MergeResult:
    """Apply what changed from `base` to `proposed` on top of `current`, part by part.

    A part proposed left as in `base` takes `current`'s value; a part proposed changed
    takes proposed's value, unless `current` changed it too, to something else: a
    conflict. The title, the lead and the coordinate pair are one part each; so is each
    infobox key (absent counts as a value), each section (heading, level and body
    together) and each reference (text and URL), by id. New proposed sections and
    references are always additions, and one identical to a part `current` added is
    taken as that part.

    Order is merged separately: when only one side reordered what it shares with
    `base`, its order wins; when both did, differently, that is a conflict. Parts
    `current` added keep their place; parts `proposed` added follow the part before them
    in proposed's order (after anything `current` added right there), or come first.

    Parts keep `current`'s ids; new ones have none. With `current == base` the result
    is `proposed`; with `proposed == base` it is `current`. Base sections and references
    need ids (stored revisions have them); ValueError otherwise, or when an infobox key
    repeats.
    """
    state, clashes = _merge(base, current, proposed, keep_proposed=False)
    if clashes:
        return MergeResult(state=None, conflicts=tuple(clash.label for clash in clashes))
    return MergeResult(state=state)


def changes_rebase(
    base: ArticleState, current: ArticleState, proposed: ArticleState
) -> RebaseResult:
    """`changes_merge`, with every clash settled in favour of `proposed` and reported.

    The state is relative to `current`: a part `current` removed but `proposed` changed
    comes back as a new part (no id). Raises ValueError as `changes_merge` does.
    """
    state, clashes = _merge(base, current, proposed, keep_proposed=True)
    return RebaseResult(state=state, clashes=tuple(clashes))


# The outcome of a three-way merge of one value that both sides changed differently.
_CONFLICT: Any = object()


class _Absent:
    """The value of an infobox key or part that a version does not have."""

    def __repr__(self) -> str:
        return "<absent>"


_ABSENT: Any = _Absent()

# Where items placed at the very beginning of a list are anchored (see `_merge_order`).
_START: Any = object()


def _merge_value(base: Any, current: Any, proposed: Any) -> Any:
    """The merged value (possibly _ABSENT), or _CONFLICT."""
    if proposed in (base, current):
        return current
    if current == base:
        return proposed
    return _CONFLICT


@dataclass(frozen=True)
class _ListPart:
    attribute: str
    noun: str
    fields: tuple[str, ...]
    describe: Callable[[Any], str]


def _describe_section(section) -> str:
    return f"{section.heading}\n\n{section.body}".strip()


def _describe_reference(reference) -> str:
    return " ".join(filter(None, (reference.text, reference.url)))


_LISTS = (
    _ListPart("sections", "section", ("heading", "level", "body"), _describe_section),
    _ListPart("references", "reference", ("text", "url"), _describe_reference),
)


def _merge(
    base: ArticleState, current: ArticleState, proposed: ArticleState, *, keep_proposed: bool
) -> tuple[ArticleState, list[Clash]]:
    clashes: list[Clash] = []

    def settle(part, key, label, current_value, proposed_value, describe=str) -> Any:
        """Record a clash and return the value it settles on (or _CONFLICT)."""
        clashes.append(
            Clash(
                part, key, label, _shown(current_value, describe), _shown(proposed_value, describe)
            )
        )
        return proposed_value if keep_proposed else _CONFLICT

    merged: dict[str, Any] = {}
    for part in ("title", "lead"):
        values = getattr(base, part), getattr(current, part), getattr(proposed, part)
        value = _merge_value(*values)
        if value is _CONFLICT:
            value = settle(part, None, part, values[1], values[2])
        merged[part] = value
    merged["infobox"] = _merge_infobox(base, current, proposed, settle)
    for spec in _LISTS:
        merged[spec.attribute] = _merge_list(spec, base, current, proposed, settle)
    pairs = [(s.latitude, s.longitude) for s in (base, current, proposed)]
    coordinates = _merge_value(*pairs)
    if coordinates is _CONFLICT:
        coordinates = settle("coordinates", None, "coordinates", pairs[1], pairs[2], _coordinates)
    if coordinates is not _CONFLICT:
        merged["latitude"], merged["longitude"] = coordinates
    if clashes and not keep_proposed:
        return base, clashes
    return ArticleState(**merged), clashes


def _shown(value: Any, describe: Callable[[Any], str]) -> str:
    return "" if value is _ABSENT or value is None else describe(value)


def _coordinates(pair: tuple) -> str:
    latitude, longitude = pair
    return "" if latitude is None else f"{latitude}, {longitude}"


def _merge_infobox(base, current, proposed, settle) -> tuple[InfoboxEntry, ...]:
    before, now, after = (infobox_dict(s.infobox) for s in (base, current, proposed))
    values: dict[str, str] = {}
    for key in dict.fromkeys([*before, *now, *after]):
        sides = before.get(key, _ABSENT), now.get(key, _ABSENT), after.get(key, _ABSENT)
        value = _merge_value(*sides)
        if value is _CONFLICT:
            value = settle("infobox", key, f"infobox: {key}", sides[1], sides[2])
        if value is not _ABSENT and value is not _CONFLICT:
            values[key] = value
    order = _merge_order(list(before), list(now), list(after), values)
    if order is None:
        settle("infobox order", None, "infobox order", list(now), list(after), ", ".join)
        order = _merge_order(list(before), list(now), list(after), values, leader="proposed")
    return tuple(InfoboxEntry(key, values[key]) for key in order)


def _merge_list(spec: _ListPart, base, current, proposed, settle) -> tuple:
    base_items = getattr(base, spec.attribute)
    base_ids = [item.id for item in base_items]
    if None in base_ids or len(set(base_ids)) != len(base_ids):
        raise ValueError(f"Merging needs every base {spec.noun} to have an id of its own.")
    in_base = set(base_ids)

    # Identities: a base part's id; ("current", i) or ("proposed", i) for an addition
    # that has no id of its own on that side.
    now = _identified(getattr(current, spec.attribute), "current", lambda i: i is not None)
    after = _identified(getattr(proposed, spec.attribute), "proposed", in_base.__contains__)

    def unit(item) -> Any:
        return _ABSENT if item is None else tuple(getattr(item, name) for name in spec.fields)

    result: dict[Hashable, Any] = {}
    for item in base_items:
        key = item.id
        value = _merge_value(unit(item), unit(now.get(key)), unit(after.get(key)))
        if value is _CONFLICT:
            shown = now.get(key) or item
            label = (
                f"{spec.noun}: {_short(shown.heading if spec.noun == 'section' else shown.text)}"
            )
            settled = settle(
                spec.noun, key, label, now.get(key, _ABSENT), after.get(key, _ABSENT), spec.describe
            )
            value = _ABSENT if settled is _CONFLICT or settled is _ABSENT else unit(settled)
        if value is not _ABSENT:
            result[key] = item.replace(**dict(zip(spec.fields, value, strict=True)))

    # Additions on current keep their ids; one identical to a proposed addition is taken
    # as that addition, so the same new part written on both sides appears once.
    unmatched = {key: item for key, item in now.items() if key not in in_base}
    result |= unmatched
    proposed_order = []
    for key, item in after.items():
        if key not in in_base:
            twin = next((k for k, s in unmatched.items() if unit(s) == unit(item)), None)
            if twin is not None:
                del unmatched[twin]
                key = twin
            else:
                result[key] = item.replace(id=None)
        proposed_order.append(key)

    order = _merge_order(base_ids, list(now), proposed_order, result)
    if order is None:
        label = f"{spec.noun} order"
        names = [_describe_key(spec, key, now, after, base_items) for key in now]
        proposed_names = [
            _describe_key(spec, key, now, after, base_items) for key in proposed_order
        ]
        settle(label, None, label, names, proposed_names, "\n".join)
        order = _merge_order(base_ids, list(now), proposed_order, result, leader="proposed")
    current_ids = {item.id for item in getattr(current, spec.attribute)}
    # Relative to current: a part current removed comes back as a new one.
    return tuple(
        result[key] if result[key].id in current_ids else result[key].replace(id=None)
        for key in order
    )


def _describe_key(spec, key, now, after, base_items) -> str:
    item = now.get(key) or after.get(key) or next(i for i in base_items if i.id == key)
    return _short(item.heading if spec.noun == "section" else item.text)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _identified(
    items: Sequence, side: str, is_identity: Callable[[int | None], bool]
) -> dict[Hashable, Any]:
    """The parts by identity, in order: their id when `is_identity` accepts it and it
    has not been seen yet on this side, otherwise (side, position)."""
    by_identity: dict[Hashable, Any] = {}
    for position, item in enumerate(items):
        if is_identity(item.id) and item.id not in by_identity:
            by_identity[item.id] = item
        else:
            by_identity[(side, position)] = item
    return by_identity


def _merge_order(
    base: Sequence[Hashable],
    current: Sequence[Hashable],
    proposed: Sequence[Hashable],
    kept: Mapping[Hashable, Any],
    *,
    leader: str = "",
) -> list[Hashable] | None:
    """The merged order of the items in `kept`, or None when both sides reordered
    differently (unless `leader="proposed"` says proposed's order then wins).

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
    if current_moved and proposed_moved and leader != "proposed":
        shared = in_base & in_current & in_proposed
        if [x for x in current if x in shared] != [x for x in proposed if x in shared]:
            return None
    follow_proposed = leader == "proposed" or (proposed_moved and not current_moved)
    order_source = proposed if follow_proposed else current

    # Current's additions, grouped under the surviving base item before them.
    current_added: dict[Hashable, list[Hashable]] = {}
    anchor = _START
    for item in current:
        if item in in_base:
            anchor = item if item in kept else anchor
        elif item in kept:
            current_added.setdefault(anchor, []).append(item)
    order = list(current_added.get(_START, ()))
    for item in order_source:
        if item in in_base and item in kept:
            order += [item, *current_added.get(item, ())]
    # Base items kept that the leading side no longer lists (the other side's choice
    # to keep them won) go where the other side has them.
    other = current if follow_proposed else proposed
    for index, item in enumerate(other):
        if item in in_base and item in kept and item not in order:
            before = next((x for x in reversed(other[:index]) if x in order), _START)
            order.insert(0 if before is _START else order.index(before) + 1, item)

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
        position = 0 if anchor is _START or anchor not in order else order.index(anchor) + 1
        while position < len(order) and order[position] in only_current:
            position += 1
        order[position:position] = items
    return order


def _reordered(base: Sequence[Hashable], side: Sequence[Hashable]) -> bool:
    """Whether `side` lists the base items it kept in another order than `base`."""
    in_base, in_side = set(base), set(side)
    return [x for x in side if x in in_base] != [x for x in base if x in in_side]
