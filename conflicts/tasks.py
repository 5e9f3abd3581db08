"""Work that follows a publish, run by a worker (`manage.py db_worker`) out of the request."""

from django.db import connection, transaction
from django_tasks import task

from conflicts.services import search_index


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
