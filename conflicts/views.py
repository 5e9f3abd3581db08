"""Reader pages: the index, an article, its history, an old revision and a comparison."""

from __future__ import annotations

import math

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from conflicts import selectors
from conflicts.models import Article
from conflicts.presentation import coordinates_label, infobox_layout


def index(request):
    query = request.GET.get("q", "").strip()
    page = Paginator(selectors.article_list(query=query), settings.ARTICLES_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    # A search that found nothing offers the closest titles: "Kidl" → Kidal.
    suggestions = (
        selectors.article_title_suggestions(query=query)
        if query and not page.paginator.count
        else []
    )
    return render(
        request,
        "conflicts/index.html",
        {"query": query, "page": page, "suggestions": suggestions},
    )


def article_detail(request, slug):
    article = get_object_or_404(selectors.article_published(), slug=slug)
    context = _article_context(selectors.article_state(article))
    context.update(
        article=article,
        revision=selectors.article_current_revision(article),
        import_notes=article.import_notes.all() if request.user.is_authenticated else (),
    )
    return render(request, "conflicts/article_detail.html", context)


def article_history(request, slug):
    """The article's revisions, newest first, paged by revision number: `?before=N` shows
    those older than revision N, `?after=N` those just newer. An old `?page=N` link is
    redirected to the same revisions."""
    article = get_object_or_404(Article.objects.select_related("current_revision"), slug=slug)
    size = settings.HISTORY_PAGE_SIZE
    if "page" in request.GET:
        return _history_page_redirect(article, request.GET["page"], size)
    page = selectors.history_page(
        article,
        size=size,
        before=_revision_number(request.GET.get("before")),
        after=_revision_number(request.GET.get("after")),
    )
    return render(request, "conflicts/article_history.html", {"article": article, "page": page})


def _revision_number(value) -> int | None:
    if value is None or not value.isdigit():
        return None
    return min(int(value), 2**31)


def _history_page_redirect(article, page, size):
    url = reverse("article_history", args=[article.slug])
    current = article.current_revision
    number = int(page) if page.isdigit() else 1
    if current is None or number <= 1:
        return redirect(url)
    # Page N started (N - 1) pages below the newest revision; past the end, the last page.
    number = min(number, math.ceil(current.number / size))
    if number <= 1:
        return redirect(url)
    return redirect(f"{url}?before={current.number - (number - 1) * size + 1}")


def revision_detail(request, slug, revision_id):
    article = get_object_or_404(Article, slug=slug)
    revision = _revision_or_404(article, revision_id)
    context = _article_context(selectors.revision_state(revision))
    context.update(
        article=article,
        revision=revision,
        current_revision=selectors.article_current_revision(article),
    )
    return render(request, "conflicts/revision_detail.html", context)


def article_compare(request, slug):
    article = get_object_or_404(Article, slug=slug)
    older = _revision_or_404(article, request.GET.get("from"))
    newer = _revision_or_404(article, request.GET.get("to"))
    diff = selectors.revisions_diff(older, newer)
    return render(
        request,
        "conflicts/article_compare.html",
        {"article": article, "older": older, "newer": newer, "diff": diff},
    )


def _revision_or_404(article, revision_id):
    revision = selectors.revision_get(article, revision_id)
    if revision is None:
        raise Http404("This article has no such revision.")
    return revision


def _article_context(state) -> dict:
    return {
        "state": state,
        "infobox": infobox_layout(state),
        "coordinates": coordinates_label(state.latitude, state.longitude),
    }
