"""Keeping an article's stored search vector in step with its published content."""

from __future__ import annotations

from django.db import connection

from conflicts import models as m
from conflicts.search import article_vector


def article_search_index_update(*, article_id: int) -> None:
    """Rebuild the article's search vector from its rows, in one UPDATE; call after the
    publish function has written them. Nothing to do on SQLite, which searches the rows."""
    if connection.vendor != "postgresql":
        return
    m.Article.objects.filter(pk=article_id).update(search_vector=article_vector())
