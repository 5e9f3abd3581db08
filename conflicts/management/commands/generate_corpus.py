"""`manage.py generate_corpus --articles N [--revisions-of-long M]`: a corpus for benchmarks."""

import time

from django.core.management.base import BaseCommand, CommandError

from conflicts.services import corpus


class Command(BaseCommand):
    help = (
        "Publish N generated seed-shaped articles, a long article (about 22,000 characters) "
        "with M one-field corrections proposed and approved through review, and an article "
        "of 200 sections. Deterministic for a --seed. Refuses to run when a corpus is there, "
        "unless --append; never deletes anything."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True, metavar="N")
        parser.add_argument(
            "--revisions-of-long",
            type=int,
            default=0,
            metavar="M",
            help="Corrections to approve on the long article (default 0: it has one revision).",
        )
        parser.add_argument("--seed", type=int, default=0, help="Varies the text (default 0).")
        parser.add_argument(
            "--append",
            action="store_true",
            help="Add to the corpus already there: N more articles, M more corrections.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=500,
            metavar="B",
            help="Articles per transaction (default 500).",
        )

    def handle(self, *args, articles, revisions_of_long, seed, append, batch_size, **options):
        if articles < 0:
            raise CommandError("--articles cannot be negative.")
        if revisions_of_long < 0:
            raise CommandError("--revisions-of-long cannot be negative.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        self._started = {}
        try:
            report = corpus.corpus_generate(
                articles=articles,
                revisions_of_long=revisions_of_long,
                seed=seed,
                append=append,
                batch_size=batch_size,
                progress=self._progress,
            )
        except corpus.CorpusExists as error:
            raise CommandError(
                f"{error} Nothing was changed; pass --append to add to it."
            ) from None
        first, last = report.first_number, report.first_number + report.articles - 1
        self.stdout.write(
            f"{report.articles:,} articles"
            + (f" (numbers {first:,} to {last:,})" if report.articles else "")
            + f" in {report.articles_seconds:.1f} s"
            + _rate(report.articles, report.articles_seconds, "articles")
        )
        long_article = report.long_article
        self.stdout.write(
            f"{report.corrections:,} corrections to {long_article.title} "
            f"({long_article.get_absolute_url()}) in {report.corrections_seconds:.1f} s"
            + _rate(report.corrections, report.corrections_seconds, "revisions")
        )
        sectioned = report.sectioned_article
        self.stdout.write(
            f"{sectioned.title} ({sectioned.get_absolute_url()}): "
            + (
                "created, with 2 revisions."
                if report.sectioned_article_created
                else "already there."
            )
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Search words: “{corpus.RARE_WORD}” is in one article, “{corpus.COMMON_WORD}” "
                f"in four of five; “{corpus.MISSPELT_TITLE_WORD}” misspells a title."
            )
        )

    def _progress(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if done == 0:
            self._started[stage] = now
            return
        started = self._started[stage]
        self.stdout.write(f"  {stage}: {done:,}/{total:,}{_rate(done, now - started, stage)}")


def _rate(count: int, seconds: float, unit: str) -> str:
    if not count or seconds <= 0:
        return ""
    return f", {count / seconds:,.1f} {unit}/s"
