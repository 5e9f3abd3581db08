from datetime import timedelta

from django import forms
from django.utils import timezone

from conflicts import limits
from conflicts.forms import message_field


class _OnAccountPage(forms.Form):
    """A form of an account's page, which holds several: ids of its own, by `id_prefix`."""

    id_prefix = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


class RoleForm(_OnAccountPage):
    id_prefix = "role"
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


# How long a block or a protection lasts; None: until a reviewer lifts it.
BLOCK_DURATIONS = {
    "1d": ("One day", timedelta(days=1)),
    "1w": ("One week", timedelta(weeks=1)),
    "1m": ("One month", timedelta(days=30)),
    "3m": ("Three months", timedelta(days=91)),
    "forever": ("Until lifted", None),
}


class BlockForm(_OnAccountPage):
    id_prefix = "block"
    duration = forms.ChoiceField(
        label="For",
        choices=[(key, label) for key, (label, _) in BLOCK_DURATIONS.items()],
        initial="1d",
    )
    reason = message_field(
        "Why",
        missing="Say why: the account is told, and the log keeps it.",
        max_length=limits.REVIEW_REASON_MAX_LENGTH,
        rows=2,
        help_text="Shown to the account on every action the block refuses, and in the log.",
    )

    def expires_at(self):
        return _ends_after(self.cleaned_data["duration"])


class UnblockForm(_OnAccountPage):
    id_prefix = "unblock"
    reason = message_field(
        "Why lift it",
        missing="Say why: the log keeps it.",
        max_length=limits.REVIEW_REASON_MAX_LENGTH,
        rows=2,
        help_text="Recorded in the public log with your name.",
    )


class ProtectForm(forms.Form):
    level = forms.ChoiceField(
        label="Who may still propose",
        choices=[("semi", "Established accounts and reviewers"), ("full", "Nobody")],
        initial="semi",
    )
    duration = forms.ChoiceField(
        label="For",
        choices=[(key, label) for key, (label, _) in BLOCK_DURATIONS.items()],
        initial="1w",
    )
    reason = message_field(
        "Why",
        missing="Say why: the article page shows it, and the log keeps it.",
        max_length=limits.REVIEW_REASON_MAX_LENGTH,
        rows=2,
        help_text="Shown on the article page and to everyone it keeps from proposing.",
    )

    def expires_at(self):
        return _ends_after(self.cleaned_data["duration"])


class LoggedReasonForm(forms.Form):
    """Why a reviewer does what the log records and nothing else asks for: lifting a
    protection, deleting or restoring an article."""

    reason = message_field(
        "Why",
        missing="Say why: the log keeps it.",
        max_length=limits.REVIEW_REASON_MAX_LENGTH,
        rows=2,
        help_text="Recorded in the public log with your name.",
    )


class UnprotectForm(LoggedReasonForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = "Why lift it"


def _ends_after(duration: str):
    """When `duration` (a key of BLOCK_DURATIONS) ends, from now; None: until lifted."""
    length = BLOCK_DURATIONS[duration][1]
    return None if length is None else timezone.now() + length


class RenameForm(forms.Form):
    title = forms.CharField(label="New title", max_length=limits.TITLE_MAX_LENGTH)
    reason = forms.CharField(
        label="Why",
        max_length=limits.EDIT_REASON_MAX_LENGTH,
        error_messages={"required": "Say why: the revision's summary and the log carry it."},
        help_text="The revision's summary and the log carry it; the old address redirects.",
    )


class MergeForm(LoggedReasonForm):
    into = forms.CharField(
        label="Merge into",
        max_length=limits.TITLE_MAX_LENGTH,
        help_text="The title of the article it joins, or its address (slug).",
    )
    field_order = ["into", "reason"]


_HIDING_REASON_HELP = (
    "Recorded in the public log with your name: say why without repeating what you hide."
)


class VisibilityForm(LoggedReasonForm):
    content = forms.BooleanField(label="Hide its content", required=False)
    summary = forms.BooleanField(label="Hide its summary", required=False)
    author = forms.BooleanField(label="Hide its author's name", required=False)
    field_order = ["content", "summary", "author", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = _HIDING_REASON_HELP
