from django import forms

from conflicts import limits
from conflicts.forms import message_field


class RoleForm(forms.Form):
    reviewer = forms.TypedChoiceField(
        choices=[("1", "Make a reviewer"), ("0", "Remove the reviewer role")],
        coerce=lambda value: value == "1",
        widget=forms.HiddenInput,
    )
    reason = message_field(
        "Why",
        missing="Say why: the log keeps it.",
        max_length=limits.REVIEW_REASON_MAX_LENGTH,
        rows=2,
        help_text="Recorded in the public log with your name.",
    )
