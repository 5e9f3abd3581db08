"""Small formatting filters for Annals pages."""

from django import template

from conflicts.blame import INFOBOX, part_anchor
from conflicts.citations import without_citations
from conflicts.presentation import coordinates_label, infobox_key_label

register = template.Library()


@register.filter
def signed(number: int) -> str:
    """A change in size as a reader expects it: "+120", "−35" (a true minus sign), "0"."""
    if number > 0:
        return f"+{number:,}"
    if number < 0:
        return f"−{-number:,}"
    return "0"


@register.filter
def coordinates(pair) -> str:
    """A (latitude, longitude) pair as "18.4411°N 1.4072°E", or "none"."""
    return coordinates_label(*pair) or "none"


@register.filter
def key_label(key: str) -> str:
    """An infobox key as people name it: "Partof" → "Part of", "Casualties1" →
    "Casualties (side 1)"."""
    return infobox_key_label(key)


@register.filter
def field_anchor(key: str) -> str:
    """Where an infobox field's row is on the "who wrote what" page."""
    return part_anchor(f"{INFOBOX}:{key}")


@register.filter
def item(mapping, key):
    """`mapping[key]`, or None when it has no such key or is no mapping at all (a page that
    was given none)."""
    return mapping.get(key) if isinstance(mapping, dict) else None


@register.filter
def uncited(text: str | None) -> str | None:
    """An infobox value shown alone, in a list: its words without its citations."""
    return without_citations(text) if text else text
