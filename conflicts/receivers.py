"""Blame follows every publish: a task reads which parts the new revisions changed once
the publish commits."""

from django.dispatch import receiver

from conflicts import tasks
from conflicts.signals import articles_published


@receiver(articles_published, dispatch_uid="blame_after_publish")
def blame_after_publish(sender, article_ids, **kwargs) -> None:
    tasks.blame_update.enqueue(list(article_ids))
