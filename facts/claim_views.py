"""The figures page of an article: each field's preferred figure beside the other figures
sources give, and a reviewer's forms to add one, make one preferred or withdraw one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from conflicts import permissions
from conflicts import selectors as article_selectors
from conflicts.citations import sources_cited, without_citations
from conflicts.forms import add_service_errors
from conflicts.models import Article
from conflicts.presentation import infobox_key_label
from conflicts.services.errors import StateError
from conflicts.templatetags.annals import field_anchor
from facts import selectors
from facts.forms import ClaimForm, PreferForm, WithdrawForm
from facts.models import FieldClaim
from facts.services import claims as services


@require_safe
def article_figures(request, slug):
    """Every field that has other figures, open or retired, and, for reviewers, a form to
    give a field another one (`?field=` chooses the field)."""
    article = _published_or_404(slug)
    return _figures_page(request, article)


@require_POST
@login_required
def figure_add(request, slug):
    article = _published_or_404(slug)
    # Who may comes before what was sent: a refused user's text is not read.
    permissions.weigh_figures.require(request.user)
    state = article_selectors.article_current_state(article)
    form = ClaimForm(request.POST, fields=_field_choices(state))
    if form.is_valid():
        try:
            claim = services.field_claim_add(
                article=article, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"Added {claim.value} as another figure of {infobox_key_label(claim.key)}."
            )
            return redirect(_field_url(article, claim.key))
    return _figures_page(request, article, add_form=form, status=400)


@require_POST
@login_required
def figure_prefer(request, slug, pk):
    """A reviewer makes the figure the field's value, in a revision (`reason` optional)."""
    return _decide(request, slug, pk, "prefer")


@require_POST
@login_required
def figure_withdraw(request, slug, pk):
    """A reviewer takes the figure off its field, with a reason."""
    return _decide(request, slug, pk, "withdraw")


# What each decision on a figure asks for, does, and says it did.
_DECISIONS = {
    "prefer": (
        PreferForm,
        services.field_claim_prefer,
        lambda claim, revision: (
            f"{claim.value} is now the figure of {infobox_key_label(claim.key)}, "
            f"in revision {revision.number}."
        ),
    ),
    "withdraw": (
        WithdrawForm,
        services.field_claim_withdraw,
        lambda claim, _: f"Withdrew {claim.value}.",
    ),
}


def _decide(request, slug, pk, decision: str):
    """Refused, the figures page comes back with the form as it was sent."""
    article, claim = _claim_or_404(slug, pk)
    permissions.weigh_figures.require(request.user)
    form_class, decide, said = _DECISIONS[decision]
    form = _decision_form(form_class, claim, decision, request.POST)
    if form.is_valid():
        try:
            done = decide(claim=claim, reviewer=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except StateError as error:
            messages.error(request, str(error))
            return redirect(_field_url(article, claim.key))
        else:
            messages.success(request, said(claim, done))
            return redirect(_field_url(article, claim.key))
    return _figures_page(request, article, refused=(claim.pk, decision, form), status=400)


def _decision_form(form_class, claim, decision: str, data=None):
    # One form of each kind per figure on the page: ids of their own.
    return form_class(data, auto_id=f"{decision}-{claim.pk}-%s")


def _published_or_404(slug) -> Article:
    return get_object_or_404(Article.objects.published(), slug=slug)


def _claim_or_404(slug, pk) -> tuple[Article, FieldClaim]:
    article = _published_or_404(slug)
    claim = FieldClaim.objects.filter(article=article, pk=pk).first()
    if claim is None:
        raise Http404("This article has no such figure.")
    return article, claim


def _field_choices(state) -> list[tuple[str, str]]:
    return [(entry.key, infobox_key_label(entry.key)) for entry in state.infobox]


def _field_url(article: Article, key: str) -> str:
    return f"{reverse('article_figures', args=[article.slug])}#{field_anchor(key)}"


def _figures_page(request, article, *, add_form=None, refused=None, status=200):
    state = article_selectors.article_current_state(article)
    claims = selectors.article_claims(article)
    open_by_key = selectors.open_claims_by_key(claims, state)
    refused_pk, refused_action, refused_form = refused or (None, None, None)
    fields = []
    for entry in state.infobox:
        others = open_by_key.get(entry.key, [])
        retired = [c for c in claims if c.key == entry.key and not c.is_open]
        if not others and not retired:
            continue
        rows = [
            {"claim": claim}
            | {
                decision: refused_form
                if (claim.pk, decision) == (refused_pk, refused_action)
                else _decision_form(form_class, claim, decision)
                for decision, (form_class, _, _) in _DECISIONS.items()
            }
            for claim in others
        ]
        fields.append(
            {
                "key": entry.key,
                "value": without_citations(entry.value),
                "source": sources_cited(entry.value, state.references),
                "others": rows,
                "retired": retired,
            }
        )
    may_weigh = permissions.weigh_figures(request.user)
    if add_form is None and may_weigh:
        add_form = ClaimForm(
            fields=_field_choices(state), initial={"key": request.GET.get("field", "")}
        )
    return render(
        request,
        "facts/figures.html",
        {
            "article": article,
            "fields": fields,
            "add_form": add_form,
            "may_weigh": may_weigh,
            "tab": "figures",
        },
        status=status,
    )
