"""Helpers for tests that use the proposal pages through Django's test client.

They read a rendered form as a browser would post it (`form_data`), find its rows
(`row`, `new_row`) and its errors (`errors`), and state what was stored
(`assert_single_proposal`, `assert_no_proposals`).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.forms import BaseFormSet
from django.test import Client

from conflicts import selectors
from conflicts.models import Proposal

SUMMARY = "Killed and wounded were swapped; the body says 50 killed and 40 wounded"


def signed_in(user) -> Client:
    """A browser session of `user`, separate from every other one in the test."""
    client = Client()
    client.force_login(user)
    return client


def propose_url(article, **query) -> str:
    url = f"/articles/{article.slug}/propose/"
    return f"{url}?{urlencode(query)}" if query else url


def proposal_url(proposal, action="") -> str:
    return f"/proposals/{proposal.pk}/{action + '/' if action else ''}"


def login_url(next_url: str) -> str:
    return "/accounts/login/?" + urlencode({"next": next_url}, safe="/")


def form_data(response, changes=None, *, action="submit") -> dict[str, str]:
    """The proposal form on `response` as a browser posts it, then `changes`.

    Reads the rendered forms (`response.context["forms"]`): every field's current value,
    the formsets' management fields, each row's ORDER and hidden id; unticked checkboxes
    (DELETE) are left out, as browsers do. An empty edit summary is filled in with
    SUMMARY, so that `changes` is the only thing wrong with a refused submission.
    """
    data: dict[str, str] = {}
    for part in response.context["forms"].parts:
        forms = [part.management_form, *part.forms] if isinstance(part, BaseFormSet) else [part]
        for form in forms:
            data |= _field_values(form)
    data["summary"] = data.get("summary") or SUMMARY
    return data | {"action": action} | (changes or {})


def field_form_data(response, changes=None, *, action="submit") -> dict[str, str]:
    """The quick one-field form on `response` as a browser posts it, then `changes`."""
    data = _field_values(response.context["form"])
    data["summary"] = data.get("summary") or SUMMARY
    return data | {"action": action} | (changes or {})


def _field_values(form) -> dict[str, str]:
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[form[name].html_name] = "on" if value is True else str(value)
    return data


def row(formset, **initial) -> str:
    """The prefix ("infobox-5") of the formset row filled with those initial values."""
    for form in formset.initial_forms:
        if all(form.initial.get(name) == value for name, value in initial.items()):
            return form.prefix
    raise AssertionError(f"No {formset.prefix} row with {initial}")


def new_row(formset) -> str:
    """The prefix of the empty row the form offers for an addition."""
    return formset.forms[-1].prefix


def errors(response) -> dict[str, list[str]]:
    """Every error on the proposal form, by field name as posted ("__all__" for the form's,
    the prefix, e.g. "references", for a whole formset's)."""
    found: dict[str, list[str]] = {}
    for part in response.context["forms"].parts:
        if isinstance(part, BaseFormSet) and part.non_form_errors():
            found[part.prefix] = list(part.non_form_errors())
        forms = part.forms if isinstance(part, BaseFormSet) else [part]
        for form in forms:
            for name, messages in form.errors.items():
                key = name if name == "__all__" else form.add_prefix(name)
                found[key] = list(messages)
    return found


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def html(response) -> str:
    return response.content.decode()


def status_of(proposal) -> str:
    return Proposal.objects.get(pk=proposal.pk).status


def proposed_state(proposal):
    return selectors.proposal_proposed_state(Proposal.objects.get(pk=proposal.pk))


def published_state(article):
    return selectors.article_state(selectors.article_published().get(pk=article.pk))


def assert_no_proposals() -> None:
    assert not Proposal.objects.exists()


def assert_single_proposal() -> Proposal:
    (proposal,) = Proposal.objects.all()
    return proposal
