"""Web forms for proposing and reviewing; they adapt input, the services decide."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from conflicts import models as m
from conflicts.document import ArticleState, InfoboxEntry, ReferenceState, SectionState
from conflicts.services.proposals import SOURCE_MAX_LENGTH, SUMMARY_MAX_LENGTH

_SUMMARY_HELP = "Say what you changed and why, e.g. “Casualties as given in the body”."
_SOURCE_HELP = "A citation or URL that supports the change. Optional, but it speeds up review."


class _ReviewNoteFields(forms.Form):
    summary = forms.CharField(
        label="Edit summary", max_length=SUMMARY_MAX_LENGTH, help_text=_SUMMARY_HELP
    )
    source = forms.CharField(
        label="Source",
        max_length=SOURCE_MAX_LENGTH,
        required=False,
        help_text=_SOURCE_HELP,
        widget=forms.TextInput(attrs={"placeholder": "Reuters, 21 May 2014 — https://…"}),
    )
    # The revision the form was filled from; the proposal is based on it.
    base_revision = forms.IntegerField(widget=forms.HiddenInput)


class ArticleProposalForm(_ReviewNoteFields):
    """The whole article's own fields; its parts come in the formsets below."""

    title = forms.CharField(max_length=m.TITLE_MAX_LENGTH)
    lead = forms.CharField(
        max_length=m.LEAD_MAX_LENGTH, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    latitude = forms.DecimalField(
        required=False, min_value=-90, max_value=90, max_digits=9, decimal_places=6
    )
    longitude = forms.DecimalField(
        required=False, min_value=-180, max_value=180, max_digits=9, decimal_places=6
    )
    field_order = ["title", "lead", "latitude", "longitude", "summary", "source"]

    def clean(self):
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            raise ValidationError("Give both latitude and longitude, or leave both empty.")
        return data


class FieldProposalForm(_ReviewNoteFields):
    """A quick correction of one infobox field's value."""

    value = forms.CharField(
        label="Corrected value",
        max_length=m.INFOBOX_VALUE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Leave empty to propose removing the field.",
    )
    field_order = ["value", "summary", "source"]


class InfoboxFieldForm(forms.Form):
    key = forms.CharField(max_length=m.INFOBOX_KEY_MAX_LENGTH, required=False)
    value = forms.CharField(
        max_length=m.INFOBOX_VALUE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 1}),
    )

    def clean(self):
        data = super().clean()
        if data.get("value", "").strip() and not data.get("key", "").strip():
            self.add_error("key", "Give this field a key, e.g. Casualties1.")
        return data


class SectionForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    heading = forms.CharField(max_length=m.HEADING_MAX_LENGTH, required=False)
    level = forms.TypedChoiceField(
        choices=m.Section.Level.choices, coerce=int, initial=m.Section.Level.SECTION
    )
    body = forms.CharField(
        max_length=m.SECTION_BODY_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def clean(self):
        data = super().clean()
        if data.get("body", "").strip() and not data.get("heading", "").strip():
            self.add_error("heading", "A section needs a heading.")
        return data


class ReferenceForm(forms.Form):
    text = forms.CharField(
        max_length=m.REFERENCE_TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 1}),
    )
    url = forms.URLField(max_length=2_000, required=False, assume_scheme="https")


class _PartsFormSet(forms.BaseFormSet):
    """Rows an editor can edit, add, remove (DELETE) and reorder (ORDER).

    A row whose text fields are all emptied counts as removed.
    """

    text_fields: tuple[str, ...] = ()

    def kept_forms(self) -> list[forms.Form]:
        """Filled-in rows not marked for removal, in the chosen order; after is_valid()."""
        return [form for form in self.ordered_forms if self._is_filled(form)]

    def _is_filled(self, form) -> bool:
        return any(str(form.cleaned_data.get(name) or "").strip() for name in self.text_fields)


class _InfoboxFormSet(_PartsFormSet):
    text_fields = ("key", "value")

    def clean(self):
        seen = set()
        for form in self.forms:
            if not form.is_valid() or self._should_delete_form(form):
                continue
            key = form.cleaned_data.get("key", "").strip()
            if key and key in seen:
                form.add_error("key", f"The key “{key}” is used twice.")
            seen.add(key)


class _SectionFormSet(_PartsFormSet):
    text_fields = ("heading", "body")


class _ReferenceFormSet(_PartsFormSet):
    text_fields = ("text", "url")


def _formset(form, base):
    return forms.formset_factory(
        form, formset=base, extra=1, can_order=True, can_delete=True, max_num=500
    )


InfoboxFormSet = _formset(InfoboxFieldForm, _InfoboxFormSet)
SectionFormSet = _formset(SectionForm, _SectionFormSet)
ReferenceFormSet = _formset(ReferenceForm, _ReferenceFormSet)


class ArticleProposalForms:
    """The proposal form and its three formsets, bound or filled from an ArticleState."""

    def __init__(self, state: ArticleState, base_revision_id: int, data=None, initial=None):
        self.form = ArticleProposalForm(
            data,
            initial={
                "title": state.title,
                "lead": state.lead,
                "latitude": state.latitude,
                "longitude": state.longitude,
                "base_revision": base_revision_id,
                **(initial or {}),
            },
        )
        self.infobox = InfoboxFormSet(
            data,
            prefix="infobox",
            initial=[{"key": e.key, "value": e.value} for e in state.infobox],
        )
        self.sections = SectionFormSet(
            data,
            prefix="sections",
            initial=[
                {"id": s.id, "heading": s.heading, "level": s.level, "body": s.body}
                for s in state.sections
            ],
        )
        self.references = ReferenceFormSet(
            data,
            prefix="references",
            initial=[{"text": r.text, "url": r.url} for r in state.references],
        )

    def is_valid(self) -> bool:
        # Evaluate every part so that every error is shown at once.
        return all([part.is_valid() for part in self.parts])

    @property
    def parts(self):
        return (self.form, self.infobox, self.sections, self.references)

    def proposed_state(self) -> ArticleState:
        """The article as the editor wants it; call after is_valid()."""
        data = self.form.cleaned_data
        return ArticleState(
            title=_text(data["title"]),
            lead=_text(data["lead"]),
            infobox=tuple(
                InfoboxEntry(_text(f.cleaned_data["key"]), _text(f.cleaned_data["value"]))
                for f in self.infobox.kept_forms()
            ),
            sections=tuple(
                SectionState(
                    heading=_text(f.cleaned_data["heading"]),
                    level=f.cleaned_data["level"],
                    body=_text(f.cleaned_data["body"]),
                    id=f.cleaned_data.get("id"),
                )
                for f in self.sections.kept_forms()
            ),
            references=tuple(
                ReferenceState(_text(f.cleaned_data["text"]), _text(f.cleaned_data["url"]))
                for f in self.references.kept_forms()
            ),
            latitude=_decimal_or_none(data.get("latitude")),
            longitude=_decimal_or_none(data.get("longitude")),
        )

    def add_service_errors(self, error: ValidationError) -> None:
        """Show the service's refusal next to the part it concerns."""
        add_service_errors(self.form, error)


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on `form`: by field where it has one, else on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for part, messages in error.message_dict.items():
        form.add_error(part if part in form.fields else None, messages)


def _text(value: str) -> str:
    # Browsers send line breaks in form fields as CRLF; articles store LF.
    return value.replace("\r\n", "\n").strip()


def _decimal_or_none(value) -> Decimal | None:
    return None if value is None else Decimal(value)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Reason for rejecting",
        error_messages={"required": "Give the author a reason for rejecting the proposal."},
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The author reads this: say what is wrong and how it could be fixed.",
    )
