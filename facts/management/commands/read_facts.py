"""Read every article again: its infobox into facts, its names into the index, its slips into
the worklist. After deploying this app, or a change to the parsers or the checks."""

from django.core.management.base import BaseCommand, CommandError

from conflicts.models import Article
from facts.services.refresh import article_facts_refresh, worklist_refresh


class Command(BaseCommand):
    help = (
        "Read every article's current version into its facts, the index of names and the worklist."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=500, help="Articles per transaction (500)."
        )

    def handle(self, *args, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        unread, read = {}, 0
        for start in range(0, len(ids), batch_size):
            batch = ids[start : start + batch_size]
            for kind, count in article_facts_refresh(*batch).items():
                unread[kind] = unread.get(kind, 0) + count
            read += len(batch)
        # The names check counts spellings over every article: check again once all are in.
        for start in range(0, len(ids), batch_size):
            worklist_refresh(*ids[start : start + batch_size])
        summary = ", ".join(f"{count} {kind}" for kind, count in sorted(unread.items()))
        self.stdout.write(
            f"Read the facts of {read} article{'' if read == 1 else 's'}; values that could "
            "not be read: "
            f"{summary or 'none'}."
        )
