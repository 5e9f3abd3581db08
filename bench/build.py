"""Building the bench corpus with the corpus service, in several processes at once.

One process gives the long article its corrections (which queue on the article's row
lock, so they cannot be spread); the others publish the ordinary articles in chunks; the
twin of the long article (10 revisions) and the 200-section article come in between.
Each process has its own database connection; the processes are forked once the test
database exists, so they all write to it.
"""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass

from django.db import connection, connections

from conflicts import models as m
from conflicts.services import corpus, search_index

CHUNK = 500
TWIN_TITLE = "Campaign for the Adrar des Ifoghas"
TWIN_REVISIONS = 10


@dataclass(frozen=True)
class Corpus:
    """The articles the measurements use, and how long building them took (seconds)."""

    articles: int
    long_article: m.Article
    twin_article: m.Article
    sectioned_article: m.Article
    accounts: corpus.CorpusAccounts
    articles_seconds: float
    corrections: int
    corrections_seconds: float
    total_seconds: float
    workers: int


def build(*, articles: int, revisions: int, workers: int, seed: int = 0) -> Corpus:
    """Publish `articles` ordinary articles, the long article with `revisions` revisions
    (`revisions - 1` corrections), its twin with TWIN_REVISIONS and the 200-section
    article, then VACUUM ANALYZE."""
    accounts = corpus.corpus_accounts()
    corrections = max(revisions - 1, 0)
    started = time.perf_counter()
    # Forked processes must not share the parent's connection.
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        long_job = pool.submit(_long_article, corrections, seed)
        twin_job = pool.submit(_twin_article, seed)
        sectioned_job = pool.submit(_sectioned_article, seed)
        chunks = [
            pool.submit(_articles, start, min(CHUNK, articles - start), seed)
            for start in range(0, articles, CHUNK)
        ]
        done = 0
        for job in as_completed(chunks):
            done += job.result()
            elapsed = time.perf_counter() - started
            print(
                f"  articles: {done:,}/{articles:,} after {elapsed:,.0f} s, "
                f"{done / elapsed:,.1f} articles/s",
                flush=True,
            )
        articles_seconds = time.perf_counter() - started
        long_id, corrections_seconds = long_job.result()
        twin_id = twin_job.result()
        sectioned_id = sectioned_job.result()
    # What the task worker does after their publishes (queued, not run, here); the
    # ordinary articles were created in bulk, which indexes them at once.
    search_index.article_search_index_update(long_id, twin_id, sectioned_id)
    total_seconds = time.perf_counter() - started
    print(f"  VACUUM ANALYZE after {total_seconds:,.0f} s of building…", flush=True)
    corpus.corpus_statistics_refresh(vacuum=True)
    return Corpus(
        articles=articles,
        long_article=m.Article.objects.get(pk=long_id),
        twin_article=m.Article.objects.get(pk=twin_id),
        sectioned_article=m.Article.objects.get(pk=sectioned_id),
        accounts=accounts,
        articles_seconds=articles_seconds,
        corrections=corrections,
        corrections_seconds=corrections_seconds,
        total_seconds=total_seconds,
        workers=workers,
    )


# Each job runs in a worker process and returns only plain values.


def _articles(start: int, count: int, seed: int) -> int:
    corpus.corpus_articles_create(count=count, start=start, seed=seed, batch_size=CHUNK)
    return count


def _long_article(corrections: int, seed: int) -> tuple[int, float]:
    article = corpus.corpus_long_article_create(seed=seed)
    started = time.perf_counter()

    def progress(stage: str, done: int, total: int) -> None:
        if done and (done % 500 == 0 or done == total):
            elapsed = time.perf_counter() - started
            print(
                f"  long article: {done:,}/{total:,} corrections, {done / elapsed:,.1f}/s",
                flush=True,
            )

    corpus.corpus_corrections_publish(article=article, count=corrections, progress=progress)
    seconds = time.perf_counter() - started
    connection.close()
    return article.pk, seconds


def _twin_article(seed: int) -> int:
    article = corpus.corpus_long_article_create(title=TWIN_TITLE, seed=seed)
    corpus.corpus_corrections_publish(article=article, count=TWIN_REVISIONS - 1)
    return article.pk


def _sectioned_article(seed: int) -> int:
    return corpus.corpus_sectioned_article_create(seed=seed).pk
