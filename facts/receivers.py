"""Facts follow every publish: a task reads the new infobox once the publish commits."""

from django.dispatch import receiver

from conflicts.signals import articles_published
from facts import tasks


@receiver(articles_published, dispatch_uid="facts_read_after_publish")
def read_after_publish(sender, article_ids, **kwargs) -> None:
    tasks.article_facts_refresh.enqueue(list(article_ids))
