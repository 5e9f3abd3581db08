"""`manage.py import_articles PATH [PATH ...]`: import article files, each on its own."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from conflicts.services.importing import ImportFailed, article_import, importer_account


class Command(BaseCommand):
    help = (
        "Import articles from text files in the seed formats (A, B or C). Each file is "
        "imported in its own transaction; a directory imports its *.txt files."
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
        failures = 0
        for file in files:
            try:
                outcome = article_import(path=file, author=author)
            except ImportFailed as failure:
                failures += 1
                self.stderr.write(
                    self.style.ERROR(f"failed     {failure.source}: {failure.reason}")
                )
                continue
            revision = f", revision {outcome.revision.number}" if outcome.revision else ""
            self.stdout.write(
                f"{outcome.action:<10} {outcome.source} → {outcome.article.title} "
                f"({outcome.article.get_absolute_url()}{revision})"
            )
            for note in outcome.notes:
                self.stdout.write(self.style.WARNING(f"    note: {note}"))
        if failures:
            raise CommandError(f"{failures} of {len(files)} files could not be imported.")

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
