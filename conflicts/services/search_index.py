"""Keeping articles' stored search vectors (`ArticleSearch`) in step with their published
content.

The vector is an index, so it is written after the publishing transaction commits, not
inside it: turning a long article's text into a vector takes milliseconds that the
article's row lock need not wait for. A publish (an approval, a revert) leaves it to the
task queue (`conflicts.tasks`), so that the reviewer does not wait either; bulk creation
(import, a generated corpus) writes it at once after its commit, as nobody waits on a
page for it and a search right after an import should find the articles. A vector left
stale by a crash, or by a queue that could not take the task, is rewritten by the next
publish or by `rebuild_search_index`.
"""

from __future__ import annotations

from functools import partial

from django.db import connection, transaction

from conflicts import models as m
from conflicts.search import article_vector


def article_search_index_update_on_commit(*article_ids: int) -> None:
    """Rewrite those articles' search vectors once the current transaction commits (at
    once outside one). Nothing to do on SQLite, which searches the rows themselves."""
    if connection.vendor != "postgresql":
        return
    transaction.on_commit(partial(article_search_index_update, *article_ids), robust=True)


def article_search_index_update(*article_ids: int) -> None:
    """Write those articles' search vectors from their rows, in one statement: inserted
    for an article that has none yet, replaced where it changed, left alone where not."""
    vectors = (
        m.Article.objects.filter(pk__in=article_ids)
        .order_by()
        .annotate(vector=article_vector())
        .values_list("pk", "vector")
    )
    select, params = vectors.query.sql_with_params()
    table = m.ArticleSearch._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (article_id, vector) {select}"
            " ON CONFLICT (article_id) DO UPDATE SET vector = EXCLUDED.vector"
            f" WHERE {table}.vector IS DISTINCT FROM EXCLUDED.vector",
            params,
        )
