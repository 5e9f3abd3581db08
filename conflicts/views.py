"""Reader pages: the index, an article, its history, an old revision and a comparison."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from conflicts import selectors
from conflicts.diff import diff_articles
from conflicts.models import Article
from conflicts.presentation import coordinates_label, infobox_layout


def index(request):
    query = request.GET.get("q", "").strip()
    page = Paginator(selectors.article_list(query=query), settings.ARTICLES_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "conflicts/index.html", {"query": query, "page": page})


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
    article = get_object_or_404(Article, slug=slug)
    page = Paginator(selectors.article_history(article), settings.HISTORY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "conflicts/article_history.html", {"article": article, "page": page})


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
    diff = diff_articles(selectors.revision_state(older), selectors.revision_state(newer))
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
