"""What people write to one another (reasons, requests for changes, comments), checked the
same way wherever it is written."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from conflicts.text import is_blank, normalise_text, text_problem


def written_text(
    value: str,
    field: str,
    *,
    max_length: int,
    missing: str | None = None,
    what: str | None = None,
) -> str:
    """`value` normalised (`normalise_text`), or ValidationError on `field`: when it shows
    nothing and `missing` (the message for that) is given, when it holds characters that
    cannot be stored, or when it is longer than `max_length`. `what` names it in the
    messages (default: the field's name)."""
    what = what or field
    value = normalise_text(value or "")
    if missing is not None and is_blank(value):
        raise ValidationError({field: missing})
    if problem := text_problem(value):
        raise ValidationError({field: f"The {what} {problem}."})
    if len(value) > max_length:
        raise ValidationError({field: f"Keep the {what} under {max_length:,} characters."})
    return value
