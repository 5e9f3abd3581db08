"""Rewrite every article's stored search vector from its published rows.

The publish function keeps vectors current after each commit; this repairs any a crash
left stale, or fills them after a bulk load. PostgreSQL only: SQLite searches the rows.
"""

from django.core.management.base import BaseCommand
from django.db import connection

from conflicts import models as m
from conflicts.search import article_vector

ARTICLES_PER_BATCH = 500


class Command(BaseCommand):
    help = "Rewrite every article's search vector from its published content."

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("Nothing to do: SQLite searches the articles' rows directly.")
            return
        ids = list(m.Article.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), ARTICLES_PER_BATCH):
            batch = ids[start : start + ARTICLES_PER_BATCH]
            m.Article.objects.filter(pk__in=batch).update(search_vector=article_vector())
        self.stdout.write(f"Rewrote the search vectors of {len(ids):,} articles.")
