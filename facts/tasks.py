"""Reading facts after a publish, run by a worker (`manage.py db_worker`)."""

from django.db import transaction
from django_tasks import task

from facts.services import refresh


@task()
def article_facts_refresh(article_ids: list[int]) -> None:
    refresh.article_facts_refresh(*article_ids)


def article_facts_refresh_after_commit(article_id: int) -> None:
    """Have a worker read the article's facts again once the current transaction commits,
    as a publish does: its figures changed without a revision (a figure added or
    withdrawn). A queue that cannot take the task is logged (`robust`), never raised."""
    transaction.on_commit(lambda: article_facts_refresh.enqueue([article_id]), robust=True)
