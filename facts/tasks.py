"""Reading facts after a publish, run by a worker (`manage.py db_worker`)."""

from django_tasks import task

from facts import services


@task()
def article_facts_refresh(article_ids: list[int]) -> None:
    services.article_facts_refresh(*article_ids)
