"""Time the reader pages and the importer on a throwaway test database.

Prints, per page, the median time and query count for an article with 1 revision and
with 200, and their ratio: a ratio near 1 means the page does not grow with history.
"""

import os
import statistics
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)
from django.urls import reverse  # noqa: E402

from conflicts import selectors  # noqa: E402
from conflicts.document import InfoboxEntry, SectionState  # noqa: E402
from conflicts.services.importing import article_import  # noqa: E402
from tests.factories import publish, revise  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ROUNDS = 15


def main():
    setup_test_environment()
    test_db = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        bench_import()
        bench_pages()
    finally:
        connection.creation.destroy_test_db(test_db, verbosity=0)
        teardown_test_environment()


def bench_import():
    files = sorted(FIXTURES.glob("*.txt"))
    started = time.perf_counter()
    for path in files:
        article_import(path=path)
    first = time.perf_counter() - started
    started = time.perf_counter()
    for path in files:
        article_import(path=path)
    again = time.perf_counter() - started
    print(
        f"import {len(files)} seed files: {first * 1000:.1f} ms; unchanged re-import "
        f"{again * 1000:.1f} ms"
    )


def bench_pages():
    small, large = publish().article, publish().article
    state = selectors.article_state(large)
    for n in range(199):
        if n < 30:
            state = state.replace(
                infobox=(*state.infobox, InfoboxEntry(f"Extra{n}", f"value {n}")),
                sections=(*state.sections, SectionState(f"Phase {n}", 2, f"Body {n}. " * 40)),
            )
        else:
            state = state.replace(lead=f"Lead as of step {n}. " * 10)
        revise(large, state, summary=f"Step {n}")
    client = Client()
    print(f"{'page':<10} {'1 rev ms':>9} {'200 rev ms':>11} {'ratio':>6} {'queries':>9}")
    for page, (small_url, large_url) in _urls(small, large).items():
        small_ms, small_queries = _measure(client, small_url)
        large_ms, large_queries = _measure(client, large_url)
        print(
            f"{page:<10} {small_ms:>9.2f} {large_ms:>11.2f} {large_ms / small_ms:>6.2f} "
            f"{small_queries:>4} / {large_queries}"
        )


def _urls(*articles):
    def urls(article):
        history = list(selectors.article_history(article))
        newest, oldest = history[0], history[-1]
        compare = reverse("article_compare", args=[article.slug])
        return {
            "article": article.get_absolute_url(),
            "history": reverse("article_history", args=[article.slug]),
            "revision": reverse("revision_detail", args=[article.slug, oldest.id]),
            "compare": f"{compare}?from={oldest.id}&to={newest.id}",
        }

    small, large = (urls(article) for article in articles)
    return {page: (small[page], large[page]) for page in small}


def _measure(client, url):
    timings = []
    for _ in range(ROUNDS):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url
    return statistics.median(timings), len(queries)


if __name__ == "__main__":
    main()
