"""`manage.py import_articles PATH [PATH ...]`: import article files, each on its own."""

from collections import Counter
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from conflicts.services.importing import ImportFailed, article_import, importer_account


class Command(BaseCommand):
    help = (
        "Import articles from text files in the seed formats (A, B or C). Each file is "
        "imported in its own transaction; a directory imports its *.txt files. A changed "
        "file for an article edited since its last import becomes a proposal for review."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--author",
            metavar="USERNAME",
            help="Account recorded as the revisions' author (default: the importer account).",
        )

    def handle(self, *args, paths, author, **options):
        author = self._author(author)
        files = [file for path in paths for file in _expand(path)]
        counts = Counter()
        for file in files:
            try:
                outcome = article_import(path=file, author=author)
            except Exception as error:
                # Each file stands alone: its transaction has been rolled back, and the
                # others are still imported.
                counts["failed"] += 1
                reason = (
                    error.reason
                    if isinstance(error, ImportFailed)
                    else f"{type(error).__name__}: {error}"
                )
                self.stderr.write(self.style.ERROR(f"failed     {file.name}: {reason}"))
                continue
            counts[outcome.action] += 1
            self._report(outcome)
        self.stdout.write(
            f"{len(files)} {'file' if len(files) == 1 else 'files'}: "
            f"{counts['created']} created, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged, {counts['proposed']} proposed for review, "
            f"{counts['failed']} failed."
        )
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} of {len(files)} files could not be imported.")

    def _report(self, outcome):
        article = outcome.article
        where = article.get_absolute_url()
        if outcome.revision:
            where += f", revision {outcome.revision.number}"
        line = f"{outcome.action:<10} {outcome.source} → {article.title} ({where})"
        if outcome.proposal and outcome.action == "proposed":
            line += f": for review at {outcome.proposal.get_absolute_url()}"
        elif outcome.proposal:
            line += f": its proposal still awaits review at {outcome.proposal.get_absolute_url()}"
        self.stdout.write(line)
        for note in outcome.notes:
            self.stdout.write(self.style.WARNING(f"    note: {note}"))

    @staticmethod
    def _author(username):
        if username is None:
            return importer_account()
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"There is no account named “{username}”.") from None


def _expand(path: Path) -> list[Path]:
    return sorted(path.glob("*.txt")) if path.is_dir() else [path]
