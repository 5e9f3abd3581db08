"""The audit log page, and a reviewer's protection, renaming, deletion, restoring and
merging of an article."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_safe

from conflicts import permissions
from conflicts import selectors as article_selectors
from conflicts.forms import add_service_errors
from conflicts.models import Article
from conflicts.services.errors import StateError
from governance import selectors, services
from governance.forms import (
    LoggedReasonForm,
    MergeForm,
    ProtectForm,
    RenameForm,
    UnprotectForm,
    VisibilityForm,
)
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
    article = get_object_or_404(Article.objects.published(), slug=slug)
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
    article = get_object_or_404(Article.objects.published(), slug=slug)
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


def _reviewer_form_page(request, article, rule, form, *, act, template, context=None):
    """A reviewer's form about `article`: sign in first, refused (403) unless `rule`
    allows; `act(form)` does it once the form is valid and returns where to go and what
    to say, or raises a ValidationError shown on the form or a StateError told at once."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    rule.require(request.user)
    if request.method == "POST" and form.is_valid():
        try:
            to, said = act(form)
        except ValidationError as error:
            add_service_errors(form, error)
        except StateError as error:
            messages.error(request, str(error))
            return redirect("index" if article.deleted_at else article)
        else:
            messages.success(request, said)
            return redirect(to)
    status = 400 if request.method == "POST" else 200
    return render(
        request, template, {"article": article, "form": form, **(context or {})}, status=status
    )


def _reasoned_view(*, articles, act, done, template, doc):
    """A reviewer's page asking only why, then doing `act` to the article of `articles()`
    at the slug; `done(article)` says where to go and what to tell."""

    @require_http_methods(["GET", "HEAD", "POST"])
    def view(request, slug):
        article = get_object_or_404(articles(), slug=slug)

        def run(form):
            act(article=article, by=request.user, **form.cleaned_data)
            return done(article)

        form = LoggedReasonForm(request.POST or None)
        return _reviewer_form_page(
            request, article, permissions.delete_articles, form, act=run, template=template
        )

    view.__doc__ = doc
    return view


article_delete = _reasoned_view(
    articles=Article.objects.published,
    act=services.article_delete,
    done=lambda article: (
        "index",
        f"Deleted “{article.title}”; a reviewer may restore it from its address.",
    ),
    template="governance/delete.html",
    doc="A reviewer's form to delete the article, with a reason.",
)
article_restore = _reasoned_view(
    articles=lambda: Article.objects.filter(deleted_at__isnull=False),
    act=services.article_restore,
    done=lambda article: (article, f"Restored “{article.title}”: readers find it again."),
    template="governance/restore.html",
    doc="A reviewer's form to restore a deleted (or merged) article, with a reason.",
)


@require_http_methods(["GET", "HEAD", "POST"])
def article_merge(request, slug):
    """A reviewer's form to merge the article into another: what it says that the other
    lacks is proposed into the other, and its address redirects there."""
    article = get_object_or_404(Article.objects.published(), slug=slug)

    def act(form):
        into = _article_named(form.cleaned_data["into"])
        proposal = services.article_merge(
            article=article, into=into, by=request.user, reason=form.cleaned_data["reason"]
        )
        if proposal is None:
            return into, f"Merged “{article.title}” into “{into.title}”, which said it all."
        return proposal, (
            f"Merged “{article.title}” into “{into.title}”; what it said is proposed into "
            f"“{into.title}” for review."
        )

    return _reviewer_form_page(
        request,
        article,
        permissions.delete_articles,
        MergeForm(request.POST or None),
        act=act,
        template="governance/merge.html",
    )


def _article_named(name: str) -> Article:
    """The published article titled `name`, or whose slug it is; ValidationError if none."""
    name = name.strip()
    found = Article.objects.published().filter(Q(title=name) | Q(slug=name)).first()
    if found is None:
        raise ValidationError({"into": f"No published article is titled or addressed “{name}”."})
    return found


@require_http_methods(["GET", "HEAD", "POST"])
def revision_visibility(request, slug, revision_id):
    """The oversight group's form to hide a revision's content, summary or author from
    everyone else, or to show them again."""
    article = get_object_or_404(Article.objects.published(), slug=slug)
    revision = article_selectors.revision_get(article, revision_id)
    if revision is None:
        raise Http404("This article has no such revision.")
    initial = {
        "content": revision.content_hidden,
        "summary": revision.summary_hidden,
        "author": revision.author_hidden,
    }

    def act(form):
        published = services.revision_suppress(
            revision=revision, by=request.user, **form.cleaned_data
        )
        said = f"Revision {revision.number}: what others see of it is changed."
        if published is not None:
            said = (
                f"Revision {revision.number}'s content is hidden; the article reads as "
                f"before it again, in revision {published.number}."
            )
        return reverse("article_history", args=[article.slug]), said

    return _reviewer_form_page(
        request,
        article,
        permissions.suppress_revisions,
        VisibilityForm(request.POST or None, initial=initial),
        act=act,
        template="governance/visibility.html",
        context={"revision": revision},
    )
