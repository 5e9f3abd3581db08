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


class ClaimForm(forms.Form):
    """Another figure for one of the article's fields, with its source."""

    key = forms.ChoiceField(label="Field")
    value = forms.CharField(
        label="Other figure",
        max_length=limits.INFOBOX_VALUE_MAX_LENGTH,
        error_messages={"required": "Write the other figure."},
        help_text="As the source gives it, e.g. “36 killed”; without citations.",
    )
    source = message_field(
        "Source",
        missing="Say where the other figure comes from: who says so, where and when.",
        max_length=limits.SOURCE_MAX_LENGTH,
        rows=2,
        help_text="Who says so, where and when, with a web address if there is one.",
    )

    def __init__(self, *args, fields: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = fields


class PreferForm(forms.Form):
    reason = forms.CharField(
        label="Why this figure",
        required=False,
        max_length=limits.EDIT_REASON_MAX_LENGTH,
        help_text="Optional; the revision's summary carries it.",
    )


class WithdrawForm(forms.Form):
    reason = message_field(
        "Why it goes",
        missing="Say why the figure goes: the next reviewer reads it.",
        max_length=limits.REVIEW_REASON_MAX_LENGTH,
        rows=2,
        help_text="It is kept, withdrawn, with your reason.",
    )
