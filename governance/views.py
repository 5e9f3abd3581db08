"""The audit log page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from governance import selectors
from governance.models import LogEntry

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
