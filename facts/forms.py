from django import forms

from conflicts import limits
from conflicts.forms import message_field


class DismissForm(forms.Form):
    reason = message_field(
        "Why this is not a slip",
        missing="Say why this is not a slip: the next reviewer reads it.",
        max_length=limits.REVIEW_REASON_MAX_LENGTH,
        rows=2,
        help_text="It leaves the worklist until the passages it quotes change.",
    )
