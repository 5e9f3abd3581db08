"""Web forms for proposing and reviewing; they adapt input, the services decide."""

from __future__ import annotations

import html
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.safestring import mark_safe

from conflicts import limits
from conflicts import models as m
from conflicts.document import ArticleState, InfoboxEntry, ReferenceState, SectionState

_SUMMARY_HELP = "Say what you changed and why, e.g. “Casualties as given in the body”."
_SOURCE_HELP = "A citation or URL that supports the change. Optional, but it speeds up review."


class _ReviewNoteFields(forms.Form):
    summary = forms.CharField(
        label="Edit summary", max_length=limits.SUMMARY_MAX_LENGTH, help_text=_SUMMARY_HELP
    )
    source = forms.CharField(
        label="Source",
        max_length=limits.SOURCE_MAX_LENGTH,
        required=False,
        help_text=_SOURCE_HELP,
        widget=forms.TextInput(attrs={"placeholder": "Reuters, 21 May 2014 — https://…"}),
    )
    # The revision the form was filled from; the proposal is based on it.
    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ArticleProposalForm(_ReviewNoteFields):
    """The whole article's own fields; its parts come in the formsets below."""

    title = forms.CharField(max_length=limits.TITLE_MAX_LENGTH)
    lead = forms.CharField(
        max_length=limits.LEAD_MAX_LENGTH, required=False, widget=forms.Textarea(attrs={"rows": 5})
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
        max_length=limits.INFOBOX_VALUE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Leave empty to propose removing the field.",
    )
    field_order = ["value", "summary", "source"]


# The row widgets render in Python, not through the template engine: the whole-article
# form of an article at the limits has some 8,000 of them, and templates took seconds.
# The HTML is that of Django's widget templates, but for the whitespace between options.


def _escaped(value) -> str:
    # As Django's conditional_escape, without its lazy-string wrapper (a third of the time).
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def _attributes(attrs: dict) -> str:
    # As Django's attrs.html: True → a bare attribute, False (and None) → left out.
    return "".join(
        f" {name}" if value is True else f' {name}="{_escaped(value)}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )


class _DirectInput:
    def _render(self, template_name, context, renderer=None):
        widget = context["widget"]
        value = "" if widget["value"] is None else f' value="{_escaped(widget["value"])}"'
        return mark_safe(
            f'<input type="{widget["type"]}" name="{_escaped(widget["name"])}"'
            f"{value}{_attributes(widget['attrs'])}>"
        )


class _TextInput(_DirectInput, forms.TextInput):
    pass


class _URLInput(_DirectInput, forms.URLInput):
    pass


class _NumberInput(_DirectInput, forms.NumberInput):
    pass


class _HiddenInput(_DirectInput, forms.HiddenInput):
    pass


class _CheckboxInput(_DirectInput, forms.CheckboxInput):
    pass


class _Textarea(forms.Textarea):
    def _render(self, template_name, context, renderer=None):
        widget = context["widget"]
        # The newline after the start tag is dropped by HTML parsers, as in Django's template.
        return mark_safe(
            f'<textarea name="{_escaped(widget["name"])}"{_attributes(widget["attrs"])}>\n'
            f"{_escaped(widget['value'] or '')}</textarea>"
        )


class _Select(forms.Select):
    def _render(self, template_name, context, renderer=None):
        widget = context["widget"]
        options = "".join(
            f'<option value="{_escaped(option["value"])}"{_attributes(option["attrs"])}>'
            f"{_escaped(option['label'])}</option>"
            for _, group, _ in widget["optgroups"]
            for option in group
        )
        return mark_safe(
            f'<select name="{_escaped(widget["name"])}"{_attributes(widget["attrs"])}>'
            f"{options}</select>"
        )


class InfoboxFieldForm(forms.Form):
    key = forms.CharField(
        max_length=limits.INFOBOX_KEY_MAX_LENGTH, required=False, widget=_TextInput
    )
    value = forms.CharField(
        max_length=limits.INFOBOX_VALUE_MAX_LENGTH,
        required=False,
        widget=_Textarea(attrs={"rows": 1}),
    )

    def clean(self):
        data = super().clean()
        if data.get("value", "").strip() and not data.get("key", "").strip():
            self.add_error("key", "Give this field a key, e.g. Casualties1.")
        return data


class SectionForm(forms.Form):
    id = forms.IntegerField(required=False, widget=_HiddenInput)
    heading = forms.CharField(
        max_length=limits.HEADING_MAX_LENGTH, required=False, widget=_TextInput
    )
    level = forms.TypedChoiceField(
        choices=m.Section.Level.choices,
        coerce=int,
        initial=m.Section.Level.SECTION,
        widget=_Select,
    )
    body = forms.CharField(
        max_length=limits.SECTION_BODY_MAX_LENGTH,
        required=False,
        widget=_Textarea(attrs={"rows": 6}),
    )

    def clean(self):
        data = super().clean()
        if data.get("body", "").strip() and not data.get("heading", "").strip():
            self.add_error("heading", "A section needs a heading.")
        return data


class ReferenceForm(forms.Form):
    id = forms.IntegerField(required=False, widget=_HiddenInput)
    text = forms.CharField(
        max_length=limits.REFERENCE_TEXT_MAX_LENGTH,
        required=False,
        widget=_Textarea(attrs={"rows": 1}),
    )
    url = forms.URLField(
        max_length=limits.REFERENCE_URL_MAX_LENGTH,
        required=False,
        assume_scheme="https",
        widget=_URLInput,
    )


class _PartsFormSet(forms.BaseFormSet):
    """Rows an editor can edit, add, remove (DELETE) and reorder (ORDER).

    A row whose text fields are all emptied counts as removed.
    """

    text_fields: tuple[str, ...] = ()
    ordering_widget = _NumberInput
    deletion_widget = _CheckboxInput

    def kept_forms(self) -> list[forms.Form]:
        """Filled-in rows not marked for removal, in the chosen order; after is_valid()."""
        return [form for form in self.ordered_forms if self._is_filled(form)]

    def _is_filled(self, form) -> bool:
        return any(str(form.cleaned_data.get(name) or "").strip() for name in self.text_fields)


def _too_many(count: int, what: str) -> dict[str, str]:
    # Django formats this message with "%"; it has no placeholder left to fill.
    return {"too_many_forms": f"An article can have at most {count:,} {what}: remove some."}


class _InfoboxFormSet(_PartsFormSet):
    text_fields = ("key", "value")
    default_error_messages = _too_many(limits.INFOBOX_FIELDS_MAX, "infobox fields")

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
    default_error_messages = _too_many(limits.SECTIONS_MAX, "sections")


class _ReferenceFormSet(_PartsFormSet):
    text_fields = ("text", "url")
    default_error_messages = _too_many(limits.REFERENCES_MAX, "references")


def _formset(form, base, max_num):
    return forms.formset_factory(
        form,
        formset=base,
        extra=1,
        can_order=True,
        can_delete=True,
        max_num=max_num,
        validate_max=True,
    )


InfoboxFormSet = _formset(InfoboxFieldForm, _InfoboxFormSet, limits.INFOBOX_FIELDS_MAX)
SectionFormSet = _formset(SectionForm, _SectionFormSet, limits.SECTIONS_MAX)
ReferenceFormSet = _formset(ReferenceForm, _ReferenceFormSet, limits.REFERENCES_MAX)


class ArticleProposalForms:
    """The proposal form and its three formsets, bound or filled from an ArticleState."""

    def __init__(self, state: ArticleState, base_revision_id: int | None, data=None, initial=None):
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
            initial=[{"id": r.id, "text": r.text, "url": r.url} for r in state.references],
        )

    def is_valid(self) -> bool:
        # Evaluate every part so that every error is shown at once.
        return all([part.is_valid() for part in self.parts])

    @property
    def parts(self):
        return (self.form, self.infobox, self.sections, self.references)

    def proposed_state(self) -> ArticleState:
        """The article as the editor wants it; call after is_valid().

        Text is taken as typed: the services normalise it, as they do the API's.
        """
        data = self.form.cleaned_data
        return ArticleState(
            title=data["title"],
            lead=data["lead"],
            infobox=tuple(
                InfoboxEntry(f.cleaned_data["key"], f.cleaned_data["value"])
                for f in self.infobox.kept_forms()
            ),
            sections=tuple(
                SectionState(
                    heading=f.cleaned_data["heading"],
                    level=f.cleaned_data["level"],
                    body=f.cleaned_data["body"],
                    id=f.cleaned_data.get("id"),
                )
                for f in self.sections.kept_forms()
            ),
            references=tuple(
                ReferenceState(
                    text=f.cleaned_data["text"],
                    url=f.cleaned_data["url"],
                    id=f.cleaned_data.get("id"),
                )
                for f in self.references.kept_forms()
            ),
            latitude=_decimal_or_none(data.get("latitude")),
            longitude=_decimal_or_none(data.get("longitude")),
        )

    def add_service_errors(self, error: ValidationError) -> None:
        """Show the service's refusal next to the part it concerns."""
        add_service_errors(self.form, error)


class NoteForm(_ReviewNoteFields):
    """The edit summary, source and base revision alone, for a part edited as a formset."""


class LeadProposalForm(_ReviewNoteFields):
    """The lead, corrected on its own."""

    lead = forms.CharField(
        max_length=limits.LEAD_MAX_LENGTH, required=False, widget=forms.Textarea(attrs={"rows": 10})
    )
    field_order = ["lead", "summary", "source"]


class SectionProposalForm(_ReviewNoteFields):
    """One section, corrected on its own."""

    heading = forms.CharField(max_length=limits.HEADING_MAX_LENGTH)
    level = forms.TypedChoiceField(choices=m.Section.Level.choices, coerce=int)
    body = forms.CharField(
        label="Text",
        max_length=limits.SECTION_BODY_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
    )
    field_order = ["heading", "level", "body", "summary", "source"]


class _PartProposalForms:
    """One part of an article corrected on its own, with the interface of
    ArticleProposalForms (`form`, `parts`, `is_valid`, `proposed_state`,
    `add_service_errors`): the proposed state is `state` with that part replaced, so the
    proposal changes that part alone.
    """

    part = ""

    def __init__(self, state: ArticleState, form: forms.Form, *formsets: forms.BaseFormSet):
        self.state = state
        self.form = form
        self.parts = (form, *formsets)

    def is_valid(self) -> bool:
        return all([part.is_valid() for part in self.parts])

    def proposed_state(self) -> ArticleState:
        raise NotImplementedError

    def add_service_errors(self, error: ValidationError) -> None:
        add_service_errors(self.form, error)


class LeadProposalForms(_PartProposalForms):
    part = "lead"

    def __init__(self, state: ArticleState, base_revision_id: int, data=None):
        super().__init__(
            state,
            LeadProposalForm(data, initial={"lead": state.lead, "base_revision": base_revision_id}),
        )

    def proposed_state(self) -> ArticleState:
        return self.state.replace(lead=self.form.cleaned_data["lead"])


class InfoboxProposalForms(_PartProposalForms):
    part = "infobox"

    def __init__(self, state: ArticleState, base_revision_id: int, data=None):
        self.infobox = InfoboxFormSet(
            data,
            prefix="infobox",
            initial=[{"key": e.key, "value": e.value} for e in state.infobox],
        )
        super().__init__(
            state, NoteForm(data, initial={"base_revision": base_revision_id}), self.infobox
        )

    def proposed_state(self) -> ArticleState:
        return self.state.replace(
            infobox=tuple(
                InfoboxEntry(f.cleaned_data["key"], f.cleaned_data["value"])
                for f in self.infobox.kept_forms()
            )
        )


class SectionProposalForms(_PartProposalForms):
    """`section`, one of `state`'s sections (by id), corrected on its own."""

    part = "section"

    def __init__(
        self, state: ArticleState, section: SectionState, base_revision_id: int, data=None
    ):
        self.section = section
        super().__init__(
            state,
            SectionProposalForm(
                data,
                initial={
                    "heading": section.heading,
                    "level": section.level,
                    "body": section.body,
                    "base_revision": base_revision_id,
                },
            ),
        )

    def proposed_state(self) -> ArticleState:
        data = self.form.cleaned_data
        edited = self.section.replace(
            heading=data["heading"], level=data["level"], body=data["body"]
        )
        return self.state.replace(
            sections=tuple(
                edited if section.id == self.section.id else section
                for section in self.state.sections
            )
        )


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on `form`: by field where it has one, else on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for part, messages in error.message_dict.items():
        form.add_error(part if part in form.fields else None, messages)


def _decimal_or_none(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def message_field(label, *, missing, max_length, rows, help_text) -> forms.CharField:
    """A text area for something one person writes to another; the services check it
    again (`conflicts.services.written`)."""
    return forms.CharField(
        label=label,
        error_messages={"required": missing},
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


class RejectForm(forms.Form):
    reason = message_field(
        "Reason for rejecting",
        missing="Give the author a reason for rejecting the proposal.",
        max_length=limits.REVIEW_REASON_MAX_LENGTH,
        rows=3,
        help_text="The author reads this: say what is wrong and how it could be fixed.",
    )


class RequestChangesForm(forms.Form):
    message = message_field(
        "What should change",
        missing="Tell the author what to change.",
        max_length=limits.COMMENT_MAX_LENGTH,
        rows=3,
        help_text="The proposal goes back to its author, who reworks it and resubmits it.",
    )


class CommentForm(forms.Form):
    text = message_field(
        "Your comment",
        missing="Write something to post.",
        max_length=limits.COMMENT_MAX_LENGTH,
        rows=3,
        help_text="The author and the reviewers in this discussion are notified.",
    )


class EditReasonForm(forms.Form):
    """Why an undo or a revert is right; the summary of the change it makes carries it."""

    reason = message_field(
        "Reason",
        missing="Say why: the summary of the change carries it.",
        max_length=limits.EDIT_REASON_MAX_LENGTH,
        rows=2,
        help_text="Shown in the history, as the change's summary.",
    )


class ApprovePartForm(forms.Form):
    """The parts of a proposal a reviewer approves, and why the rest goes back."""

    parts = forms.MultipleChoiceField(
        label="Approve only these parts",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the parts to approve."},
    )
    message = message_field(
        "Why the rest goes back",
        missing="Tell the author why the rest goes back to them.",
        max_length=limits.COMMENT_MAX_LENGTH,
        rows=2,
        help_text="The rest stays in this proposal, returned to its author to rework.",
    )

    def __init__(self, *args, parts: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parts"].choices = parts
