"""The audit log page, and a reviewer's protection and renaming of an article."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_safe

from conflicts import permissions
from conflicts.forms import add_service_errors
from conflicts.models import Article
from conflicts.services.errors import StateError
from governance import selectors, services
from governance.forms import ProtectForm, RenameForm, UnprotectForm
from governance.models import LogEntry
from governance.selectors import active_protection

PAGE_SIZE = 50


@require_safe
def log(request):
    """Every governance action, newest first; `?action=`, `?actor=` (username),
    `?article=` (slug) and `?user=` (username acted on) narrow it."""
    action = request.GET.get("action", "")
    filters = {
        "action": action if action in LogEntry.Action.values else "",
        "actor": request.GET.get("actor", "").strip(),
        "article": request.GET.get("article", "").strip(),
        "user": request.GET.get("user", "").strip(),
    }
    page = Paginator(selectors.log_entries(**filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({name: value for name, value in filters.items() if value})
    return render(
        request,
        "governance/log.html",
        {
            "page": page,
            "filters": filters,
            "actions": LogEntry.Action.choices,
            "filter_query": query,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def article_protection(request, slug):
    """A reviewer's form to protect the article for a while, or to lift its protection;
    refused, it comes back with what was written."""
    article = get_object_or_404(Article, slug=slug, current_revision__isnull=False)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    permissions.protect_articles.require(request.user)
    protection = active_protection(article)
    form_class = UnprotectForm if protection else ProtectForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if protection:
                services.article_unprotect(article=article, by=request.user, **form.cleaned_data)
                said = "Lifted the protection."
            else:
                done = services.article_protect(
                    article=article,
                    by=request.user,
                    level=form.cleaned_data["level"],
                    reason=form.cleaned_data["reason"],
                    expires_at=form.expires_at(),
                )
                said = f"Protected {done.ends}."
        except ValidationError as error:
            add_service_errors(form, error)
        except StateError as error:
            messages.error(request, str(error))
            return redirect(article)
        else:
            messages.success(request, said)
            return redirect(article)
    status = 400 if request.method == "POST" else 200
    context = {"article": article, "protection": protection, "form": form}
    return render(request, "governance/protect.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def article_rename(request, slug):
    """A reviewer's form to give the article another title; refused, it comes back with
    what was written."""
    article = get_object_or_404(Article, slug=slug, current_revision__isnull=False)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    permissions.rename_articles.require(request.user)
    form = RenameForm(request.POST or None, initial={"title": article.title})
    if request.method == "POST" and form.is_valid():
        old_title = article.title
        try:
            revision = services.article_rename(
                article=article, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Renamed “{old_title}” to “{revision.article.title}” in revision "
                f"{revision.number}; its old address redirects here.",
            )
            return redirect(revision.article)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "governance/rename.html", {"article": article, "form": form}, status=status
    )
