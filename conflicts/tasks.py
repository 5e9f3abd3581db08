"""Work that follows a publish, run by a worker (`manage.py db_worker`) out of the request."""

from django.db import connection, transaction
from django_tasks import task

from conflicts import models as m
from conflicts.services import blame, search_index
from conflicts.signals import articles_published


@task()
def search_index_update(article_ids: list[int]) -> None:
    search_index.article_search_index_update(*article_ids)


def search_index_update_after_commit(article_id: int) -> None:
    """Have a worker rewrite the article's search vector once the current transaction
    commits. A queue that cannot take the task is logged (`robust`), never raised: the
    publish is committed, and the next one or `rebuild_search_index` mends the vector.
    Nothing to do on SQLite, which searches the rows themselves."""
    if connection.vendor != "postgresql":
        return
    transaction.on_commit(lambda: search_index_update.enqueue([article_id]), robust=True)


def published_after_commit(*article_ids: int) -> None:
    """Tell the apps that keep something of their own about articles
    (`conflicts.signals.articles_published`) once the current transaction commits; a
    receiver that fails (the queue down) is logged (`robust`), never raised."""
    transaction.on_commit(
        lambda: articles_published.send(sender=m.Article, article_ids=list(article_ids)),
        robust=True,
    )


@task()
def blame_update(article_ids: list[int]) -> None:
    for article_id in article_ids:
        blame.article_blame_update(article_id)
