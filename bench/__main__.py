"""`python -m bench` (`make bench`): build a corpus on a throwaway PostgreSQL database,
measure reading, searching, comparing, reviewing, storing and importing, print every
figure with its target, and write them all to BENCHMARKS.md.

Environment: BENCH_ARTICLES (default 20,000 ordinary articles), BENCH_REVISIONS (10,000
revisions of the long article), BENCH_ROUNDS (30 timed requests per page),
BENCH_APPROVALS (200 approvals per write figure), BENCH_WORKERS (processes building the
corpus; default one per CPU). Numbers are printed and written, never asserted.
"""

import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
django.setup()

from django.db import connection, connections  # noqa: E402
from django.test.utils import (  # noqa: E402
    override_settings,
    setup_test_environment,
    teardown_test_environment,
)

from bench import scenarios  # noqa: E402
from bench.build import build  # noqa: E402
from bench.report import Report, markdown, write  # noqa: E402
from conflicts import selectors  # noqa: E402

BENCHMARKS = Path(__file__).resolve().parents[1] / "BENCHMARKS.md"


def _setting(name: str, default: int, *, minimum: int) -> int:
    raw = os.environ.get(name, "").strip() or str(default)
    try:
        value = int(raw.replace("_", "").replace(",", ""))
    except ValueError:
        sys.exit(f"{name} must be a whole number, not {raw!r}.")
    if value < minimum:
        sys.exit(f"{name} must be at least {minimum}, not {value}.")
    return value


def main() -> None:
    articles = _setting("BENCH_ARTICLES", 20_000, minimum=1)
    revisions = _setting("BENCH_REVISIONS", 10_000, minimum=2)
    rounds = _setting("BENCH_ROUNDS", 30, minimum=5)
    approvals = _setting("BENCH_APPROVALS", 200, minimum=16)
    workers = _setting("BENCH_WORKERS", os.cpu_count() or 1, minimum=1)
    if connection.vendor != "postgresql":
        sys.exit("The bench runs on PostgreSQL: set DATABASE_URL=postgres://….")

    started = time.perf_counter()
    # The site plus the reference views; tasks queued in the database, as production
    # queues them, not run in the request. Through override_settings, so that the task
    # backends made at import are made again.
    override_settings(
        ROOT_URLCONF="bench.urls",
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
    ).enable()
    database = connection.settings_dict["NAME"]
    # A name of its own, so that a test run on the same server is never clobbered.
    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"bench_{database}"
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        print(
            f"Building {articles:,} articles and a {revisions:,}-revision article "
            f"with {workers} processes…",
            flush=True,
        )
        built = build(articles=articles, revisions=revisions, workers=workers)
        facts = _facts(built, articles=articles, revisions=revisions)
        for name, value in facts:
            print(f"  {name}: {value}", flush=True)

        report = Report()
        scenarios.reading(report, built, rounds=rounds)
        scenarios.comparing(report, built, rounds=rounds)
        scenarios.searching(report, built, rounds=rounds)
        scenarios.approving(report, built, approvals=approvals, threads=8)
        scenarios.storing(report, built, corrections=100)
        scenarios.importing(report, rounds=max(rounds // 3, 3))
        elapsed = time.perf_counter() - started
        facts.append(("Whole bench run", f"{elapsed / 60:,.1f} min"))
        how = f"BENCH_ARTICLES={articles} BENCH_REVISIONS={revisions}"
        write(BENCHMARKS, markdown(report, machine=facts, how=how))
        print(f"Bench finished in {elapsed / 60:,.1f} min.", flush=True)
    finally:
        connections.close_all()
        connection.creation.destroy_test_db(database, verbosity=0)
        teardown_test_environment()


def _facts(built, *, articles: int, revisions: int) -> list[tuple[str, str]]:
    """Date, machine and corpus, as BENCHMARKS.md lists them."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        (server_version,) = cursor.fetchone()
        cursor.execute("SELECT pg_database_size(current_database())")
        (database_size,) = cursor.fetchone()
    long_revisions = selectors.article_current_revision(built.long_article).number
    twin_revisions = selectors.article_current_revision(built.twin_article).number
    rate = built.articles / built.articles_seconds if built.articles_seconds else 0
    correction_rate = built.corrections / built.corrections_seconds if built.corrections else 0
    return [
        ("Date", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")),
        ("Machine", f"{os.cpu_count()} CPUs, {_cpu_model()}, {platform.system()}"),
        ("PostgreSQL", server_version),
        ("Python / Django", f"{platform.python_version()} / {django.get_version()}"),
        (
            "Corpus",
            f"{articles:,} generated articles, the long article with {long_revisions:,} "
            f"revisions, its twin with {twin_revisions:,}, one of 200 sections with 2 "
            f"(BENCH_ARTICLES={articles}, BENCH_REVISIONS={revisions})",
        ),
        ("Database after building", f"{database_size / 2**20:,.0f} MiB"),
        (
            "Building it",
            f"{built.total_seconds / 60:,.1f} min with {built.workers} processes at once: "
            f"{rate:,.1f} articles/s, {correction_rate:,.1f} corrections/s (under each "
            "other's load; `manage.py generate_corpus` alone is faster)",
        ),
    ]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    main()
