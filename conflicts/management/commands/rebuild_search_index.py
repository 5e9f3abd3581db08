"""Rewrite every article's stored search vector from its published rows.

The publish function keeps vectors current after each commit; this repairs any a crash
left stale, or fills them after a bulk load. PostgreSQL only: SQLite searches the rows.
"""

from django.core.management.base import BaseCommand
from django.db import connection

from conflicts import models as m
from conflicts.services.search_index import article_search_index_update

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
            article_search_index_update(*batch)
        self.stdout.write(f"Rewrote the search vectors of {len(ids):,} articles.")
