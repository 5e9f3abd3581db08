"""Keeping an article's stored search vector in step with its published content.

The vector is an index, so it is written after the publishing transaction commits, not
inside it: turning a long article's text into a vector takes milliseconds that the
article's row lock (and the reviewer) need not wait for. A vector left stale by a crash
between the two is rewritten by the next publish, or by `rebuild_search_index`.
"""

from __future__ import annotations

from functools import partial

from django.db import connection, transaction

from conflicts import models as m
from conflicts.search import article_vector


def article_search_index_update_on_commit(*, article_id: int) -> None:
    """Rewrite the article's search vector once the current transaction commits (at once
    outside one). Nothing to do on SQLite, which searches the rows themselves."""
    if connection.vendor != "postgresql":
        return
    transaction.on_commit(partial(article_search_index_update, article_id=article_id), robust=True)


def article_search_index_update(*, article_id: int) -> None:
    """Rebuild the article's search vector from its rows, in one UPDATE."""
    m.Article.objects.filter(pk=article_id).update(search_vector=article_vector())
