"""Reader pages: the index, an article, its history, an old revision and a comparison."""

from __future__ import annotations

import math
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from conflicts import limits, paging, permissions, recent, selectors, visibility
from conflicts.models import Article
from conflicts.presentation import coordinates_label, infobox_layout
from conflicts.services import blame as blame_services
from facts import selectors as facts_selectors
from governance.selectors import active_protection
from notifications.selectors import is_watching


def index(request):
    """The articles by title, paged by key (`?cursor=`, from `conflicts.paging`): every
    page costs what the first does. An old `?page=N` link is redirected to the same
    articles (past the end, to the last page).

    With `q`, the matches ranked by relevance, paged by number (`?page=N`) up to the first
    `limits.SEARCH_RESULTS_MAX`; a page beyond them answers 400 with a page that says to
    narrow the search. (SQLite's fallback search lists its matches by title, by key.)
    A cursor that is not one of this list's, and a page past the end, are a 404.
    """
    query = request.GET.get("q", "").strip()
    articles = selectors.article_list(query=query)
    size = settings.ARTICLES_PAGE_SIZE
    by_key = paging.keyset_ordering(articles) is not None
    cursor = request.GET.get("cursor") or None
    if by_key and request.GET.get("page") and cursor is None:
        return _index_page_redirect(request, articles, size)
    number = _index_page_number(request.GET.get("page"))
    context = {"query": query, "results_max": limits.SEARCH_RESULTS_MAX, "suggestions": []}
    context["count"] = count = selectors.article_count(articles)
    try:
        if not count.value:
            page = paging.Page([], has_previous=False, has_next=False)
        elif by_key:
            page = paging.page_by_cursor(articles, size=size, cursor=cursor)
        else:
            page = paging.page_by_number(
                articles, size=size, number=number, rows_max=limits.SEARCH_RESULTS_MAX
            )
    except paging.PageBeyondLimit:
        context.update(page=None, number=number)
        return render(request, "conflicts/index.html", context, status=400)
    except paging.InvalidPage:
        raise Http404("This list has no such page.") from None
    context.update(page=page, links=_index_links(request, articles, page, count, size))
    # A search that found nothing offers the closest titles: "Kidl" → Kidal.
    if query and not count.value:
        context["suggestions"] = selectors.article_title_suggestions(query=query)
    return render(request, "conflicts/index.html", context)


def _index_page_number(value) -> int:
    # As Django's Paginator.get_page: a page number that is not one is the first page.
    if not (value and paging.is_page_number(value)):
        return 1
    return max(int(value), 1)


def _index_href(request, **params) -> str:
    """The index URL with the request's parameters (search words), paged by `params`."""
    query = request.GET.copy()
    for name in ("page", "cursor"):
        query.pop(name, None)
    for name, value in params.items():
        query[name] = value
    return f"{request.path}?{query.urlencode()}" if query else request.path


def _index_links(request, articles, page, count, size) -> dict:
    """The hrefs of the pages around `page` (None where there is none), and for pages by
    number this one's number and how many there are."""
    if page.number is None:
        return {
            "first": _index_href(request) if page.has_previous else None,
            "previous": _index_href(request, cursor=page.previous_cursor)
            if page.has_previous
            else None,
            "next": _index_href(request, cursor=page.next_cursor) if page.has_next else None,
            "last": _index_href(request, cursor=paging.last_cursor(articles))
            if page.has_next
            else None,
        }
    previous = page.number - 1
    return {
        "previous": (_index_href(request, page=previous) if previous > 1 else _index_href(request))
        if page.has_previous
        else None,
        "next": _index_href(request, page=page.number + 1) if page.has_next else None,
        "number": page.number,
        "pages": math.ceil(min(count.value, limits.SEARCH_RESULTS_MAX) / size),
    }


def _index_page_redirect(request, articles, size):
    """A redirect from an old page-numbered link to the same articles, paged by key."""
    number = _index_page_number(request.GET["page"])
    if number == 1:
        return redirect(_index_href(request))
    try:
        cursor = paging.cursor_at(articles, offset=(number - 1) * size)
    except paging.InvalidPage:
        cursor = paging.last_cursor(articles)
    return redirect(_index_href(request, cursor=cursor))


def article_detail(request, slug):
    article = get_object_or_404(selectors.article_reading(), slug=slug)
    state = selectors.article_current_state(article)
    context = _article_context(state)
    claims = facts_selectors.article_claims(article, open_only=True)
    (revision,) = visibility.revisions_shown([article.current_revision], request.user)
    context.update(
        article=article,
        revision=revision,
        claims=facts_selectors.open_claims_by_key(claims, state),
        protection=active_protection(article),
        import_notes=article.import_notes.all()
        if permissions.see_import_notes(request.user)
        else (),
        watching=is_watching(request.user, article),
    )
    return render(request, "conflicts/article_detail.html", context)


def article_history(request, slug):
    """The article's revisions, newest first, paged by revision number: `?before=N` shows
    those older than revision N, `?after=N` those just newer. An old `?page=N` link is
    redirected to the same revisions."""
    article = get_object_or_404(
        Article.objects.published().select_related("current_revision"), slug=slug
    )
    size = settings.HISTORY_PAGE_SIZE
    if "page" in request.GET:
        return _history_page_redirect(article, request.GET["page"], size)
    page = selectors.history_page(
        article,
        size=size,
        before=_revision_number(request.GET.get("before")),
        after=_revision_number(request.GET.get("after")),
    )
    visibility.revisions_shown(page.revisions, request.user)
    # A compare with one of these would be a 404: no link to it.
    unreadable = {r.pk for r in page.revisions if not visibility.content_readable(r, request.user)}
    context = {"article": article, "page": page, "unreadable": unreadable}
    return render(request, "conflicts/article_history.html", context)


# Reviewers see the latest open proposals above the revisions; the queue has them all.
RECENT_PROPOSALS_SHOWN = 10


def recent_changes(request):
    """Every published revision across the site, newest first, paged by revision id
    (`?before=`, `?after=`) and filtered by `article` (slug), `user` (author or reviewer)
    and `kind` (approval, revert, undo, import); reviewers also see the open proposals
    last submitted."""
    filters = recent.RecentFilters(
        article=request.GET.get("article", "").strip(),
        user=request.GET.get("user", "").strip(),
        kind=request.GET.get("kind", ""),
    )
    page = recent.recent_page(
        filters,
        size=settings.HISTORY_PAGE_SIZE,
        before=_revision_number(request.GET.get("before")),
        after=_revision_number(request.GET.get("after")),
    )
    visibility.revisions_shown(page.revisions, request.user)
    query = {name: value for name, value in vars(filters).items() if value}
    context = {"page": page, "filters": filters, "kinds": recent.KINDS}
    context["filter_query"] = urlencode(query)
    if permissions.review(request.user):
        context["proposals"] = recent.recent_proposals(filters, size=RECENT_PROPOSALS_SHOWN)
    return render(request, "conflicts/recent_changes.html", context)


def _revision_number(value) -> int | None:
    if value is None or not paging.is_page_number(value):
        return None
    return min(int(value), 2**31)


def _history_page_redirect(article, page, size):
    url = reverse("article_history", args=[article.slug])
    current = article.current_revision
    number = int(page) if paging.is_page_number(page) else 1
    if current is None or number <= 1:
        return redirect(url)
    # Page N started (N - 1) pages below the newest revision; past the end, the last page.
    number = min(number, math.ceil(current.number / size))
    if number <= 1:
        return redirect(url)
    return redirect(f"{url}?before={current.number - (number - 1) * size + 1}")


def revision_detail(request, slug, revision_id):
    article = get_object_or_404(Article.objects.published(), slug=slug)
    revision = _revision_or_404(request, article, revision_id)
    context = _article_context(selectors.revision_state(revision))
    revision, current = visibility.revisions_shown(
        [revision, selectors.article_current_revision(article)], request.user
    )
    context.update(
        article=article,
        revision=revision,
        current_revision=current,
        # Its number and id alone, for the link to it.
        next_revision=selectors.revision_next(revision),
    )
    return render(request, "conflicts/revision_detail.html", context)


def article_compare(request, slug):
    article = get_object_or_404(Article.objects.published(), slug=slug)
    if not request.GET.get("from") or not request.GET.get("to"):
        # A page of its own, in every configuration: the address misses what it needs.
        return render(
            request, "conflicts/article_compare_choose.html", {"article": article}, status=404
        )
    older = _revision_or_404(request, article, request.GET.get("from"))
    newer = _revision_or_404(request, article, request.GET.get("to"))
    diff = selectors.revisions_diff(older, newer)
    visibility.revisions_shown([older, newer], request.user)
    # Inline (one text, deletions and insertions marked in it) unless asked otherwise.
    view = "side" if request.GET.get("view") == "side" else "inline"
    context = {
        "article": article,
        "older": older,
        "newer": newer,
        "diff": diff,
        "newer_next": selectors.revision_next(newer),
        "view": view,
        "side": view == "side",
    }
    return render(request, "conflicts/article_compare.html", context)


def _revision_or_404(request, article, revision_id):
    """The article's revision of that id, if `request`'s user may read its content."""
    revision = selectors.revision_get(article, revision_id)
    if revision is None or not visibility.content_readable(revision, request.user):
        raise Http404("This article has no such revision.")
    return revision


def article_blame(request, slug):
    """Who wrote each part of the article as it is now: the revision, its author and
    reviewer, date, summary and source, read from the parts' own origins."""
    article = get_object_or_404(selectors.article_published(), slug=slug)
    blame_services.article_blame_update(article.pk)
    rows = selectors.article_blame(article)
    visibility.revisions_shown([row.revision for row in rows], request.user)
    return render(
        request,
        "conflicts/article_blame.html",
        {"article": article, "rows": rows, "tab": "blame"},
    )


def _article_context(state) -> dict:
    return {
        "state": state,
        "infobox": infobox_layout(state),
        "coordinates": coordinates_label(state.latitude, state.longitude),
    }
