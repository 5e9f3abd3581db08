"""What the bench measures, each scenario adding figures (with targets) to the report."""

from __future__ import annotations

import statistics
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from reversion.models import Revision, Version

from bench.build import Corpus
from bench.measure import counted, get, queries, time_calls, time_get, time_gets
from bench.reference import RawDocument
from bench.report import Figure, Report
from conflicts import models as m
from conflicts import selectors
from conflicts.services import corpus
from conflicts.services.importing import article_import
from conflicts.services.reviews import proposal_approve

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FULL_SIZE = 100_000
# One infobox field per thread, so that proposals made on the same revision never clash.
THREAD_KEYS = (
    "Casualties1",
    "Casualties2",
    "Strength1",
    "Strength2",
    "Units1",
    "Units2",
    "Status",
    "Territory",
)


def _ms(group: str, name: str, value: float, *, target: float | None = None, note: str = ""):
    return Figure(group, name, value, "ms", target=target, note=note)


def _ratio(group: str, name: str, value: float, target: float | None, note: str = ""):
    return Figure(group, name, value, "×", target=target, note=note)


def _api_url(article: m.Article) -> str:
    return reverse("api:article-detail", args=[article.slug])


def reading(report: Report, built: Corpus, *, rounds: int) -> None:
    """Article page and API detail at 10 revisions and at the long history, the API
    against hand-written references, and the history's first and oldest pages."""
    client = Client()
    twin, long = built.twin_article, built.long_article
    twin_revisions = selectors.article_current_revision(twin).number
    long_revisions = selectors.article_current_revision(long).number
    label = f"{twin_revisions:,} vs {long_revisions:,} revisions"
    group = "Reading an article"
    report.begin(group)

    values_url = reverse("bench_article_values", args=[long.slug])
    if get(client, values_url).json()["sections"] != get(client, _api_url(long)).json()["sections"]:
        raise RuntimeError("The .values() reference does not give the API's document.")
    for what, url_of in (("article page", m.Article.get_absolute_url), ("API detail", _api_url)):
        for article in (twin, long):
            get(client, url_of(article))  # the revision's state cached, as in service
        report.add_queries(
            f"{what}, {label}",
            " / ".join(str(queries(lambda a=a, u=url_of: get(client, u(a)))) for a in (twin, long)),
        )
    page_small, page_large = time_gets(
        client, [twin.get_absolute_url(), long.get_absolute_url()], rounds
    )
    api_small, api_large, values = time_gets(
        client, [_api_url(twin), _api_url(long), values_url], rounds
    )
    for what, small, large in (
        ("article page", page_small, page_large),
        ("API detail", api_small, api_large),
    ):
        report.add(_ms(group, f"{what} p50, {twin_revisions:,} revisions", small.p50))
        report.add(_ms(group, f"{what} p50, {long_revisions:,} revisions", large.p50))
        report.add(_ratio(group, f"{what}: {label}", large.p50 / small.p50, 1.2))

    raw_document = RawDocument()
    try:
        raw = time_calls(lambda: raw_document.get(long.slug), rounds)
    finally:
        raw_document.close()
    report.add(_ms(group, "hand-written .values() + JsonResponse view p50", values.p50))
    report.add(_ms(group, "raw psycopg query p50 (the floor: one statement, no HTTP)", raw.p50))
    report.add(_ratio(group, "API detail vs the .values() view", api_large.p50 / values.p50, 1.5))
    report.add(_ratio(group, "API detail vs the raw query", api_large.p50 / raw.p50, None))

    group = "History"
    report.begin(group)
    history = reverse("article_history", args=[long.slug])
    oldest = f"{history}?before={settings.HISTORY_PAGE_SIZE + 1}"
    report.add_queries(
        f"history first / oldest page, {long_revisions:,} revisions",
        f"{queries(lambda: get(client, history))} / {queries(lambda: get(client, oldest))}",
    )
    first, last = time_gets(client, [history, oldest], rounds)
    report.add(_ms(group, f"history first page p50, {long_revisions:,} revisions", first.p50))
    report.add(_ms(group, "history oldest page p50 (?before=…)", last.p50))
    report.add(_ratio(group, "history oldest vs first page", last.p50 / first.p50, 1.2))


def comparing(report: Report, built: Corpus, *, rounds: int) -> None:
    """Compare of the 200-section article between its two revisions."""
    client = Client()
    article = built.sectioned_article
    report.begin("Comparing revisions")
    first, second = selectors.article_history(article).order_by("number")[:2]
    url = reverse("article_compare", args=[article.slug])
    url += "?" + urlencode({"from": first.pk, "to": second.pk})
    report.add_queries("compare, 200 sections", str(queries(lambda: get(client, url))))
    timing = time_get(client, url, rounds)
    report.add(
        _ms(
            "Comparing revisions",
            f"compare p50, {corpus.SECTIONED_ARTICLE_SECTIONS} sections",
            timing.p50,
            target=17,
            note="a third of Wagtail's 51 ms",
        )
    )


def searching(report: Report, built: Corpus, *, rounds: int) -> None:
    """The index page's search, `/?q=`, for a rare word, a misspelt title word (which
    finds nothing and is answered with title suggestions) and a common word."""
    client = Client()
    articles = m.Article.objects.count()
    scale = "" if articles >= FULL_SIZE else f"target at {FULL_SIZE:,} articles"
    group = f"Searching {articles:,} articles"
    report.begin(group)
    for label, word, target, slow in (
        ("rare word", corpus.RARE_WORD, 50, False),
        ("misspelt title word", corpus.MISSPELT_TITLE_WORD, 50, False),
        ("common word", corpus.COMMON_WORD, 250, True),
    ):
        found = selectors.article_list(query=word).count()
        if found:
            what = f"{found:,} found"
        else:
            suggestions = selectors.article_title_suggestions(query=word)
            what = f"none found, {len(suggestions)} titles suggested"
        url = "/?" + urlencode({"q": word})
        report.add_queries(f"search “{word}”", str(queries(lambda url=url: get(client, url))))
        timing = time_get(client, url, max(rounds // 3, 5) if slow else rounds * 2)
        note = f"“{word}”: {what}" + (f"; {scale}" if scale else "")
        report.add(_ms(group, f"{label} p50", timing.p50, target=target, note=note))
        report.add(_ms(group, f"{label} p99", timing.p99, note=f"{len(timing.samples)} requests"))


def approving(report: Report, built: Corpus, *, approvals: int, threads: int) -> None:
    """Approvals of one-field corrections to the long article: one reviewer, then
    `threads` at once (each with a connection of its own), then propose and approve."""
    group = "Reviewing"
    report.begin(group)
    article, accounts = built.long_article, built.accounts

    proposal, proposing = counted(
        lambda: corpus.corpus_correction_propose(article=article, author=accounts.editor)
    )
    _, approving_ = counted(lambda: proposal_approve(proposal=proposal, reviewer=accounts.reviewer))
    report.add_queries("propose / approve a one-field correction", f"{proposing} / {approving_}")

    approving_seconds, after_commit_seconds = [], []
    for _ in range(approvals):
        proposal = corpus.corpus_correction_propose(article=article, author=accounts.editor)
        approved, after_commit = _approval_timed(proposal, accounts.reviewer)
        approving_seconds.append(approved)
        after_commit_seconds.append(after_commit)
    report.add(
        Figure(
            group,
            "approvals per second, 1 thread",
            len(approving_seconds) / sum(approving_seconds),
            "/s",
            target=100,
            higher_is_better=True,
            note=f"{approvals} one-field corrections, proposals made beforehand; "
            "each timed to its commit",
        )
    )
    report.add(
        _ms(
            group,
            "work after each approval's commit, p50",
            statistics.median(after_commit_seconds) * 1000,
            note="enqueueing the search index and notification tasks, which a worker runs",
        )
    )
    report.add(
        Figure(
            group,
            "approvals per second with the work after the commit, 1 thread",
            approvals / (sum(approving_seconds) + sum(after_commit_seconds)),
            "/s",
            higher_is_better=True,
            note="what a reviewer's request costs",
        )
    )

    rounds = max(approvals // threads, 1)
    rate = _approvals_in_threads(article, accounts, threads=threads, rounds=rounds)
    report.add(
        Figure(
            group,
            f"approvals per second, {threads} threads",
            rate,
            "/s",
            note=f"{rounds} rounds of {threads} approvals at once, one connection each",
        )
    )

    count = max(approvals // 2, 10)
    started = time.perf_counter()
    for _ in range(count):
        proposal = corpus.corpus_correction_propose(article=article, author=accounts.editor)
        proposal_approve(proposal=proposal, reviewer=accounts.reviewer)
    elapsed = time.perf_counter() - started
    report.add(
        Figure(
            group,
            "propose + approve per second, 1 thread",
            count / elapsed,
            "/s",
            target=50,
            higher_is_better=True,
        )
    )


def _approval_timed(proposal, reviewer) -> tuple[float, float]:
    """Seconds to approve `proposal`, up to and including its commit, and seconds of the
    work that then runs after the commit in the request (enqueueing tasks)."""
    committed_at = []
    with transaction.atomic():
        # Registered first, so it runs first once the transaction commits.
        transaction.on_commit(lambda: committed_at.append(time.perf_counter()))
        started = time.perf_counter()
        proposal_approve(proposal=proposal, reviewer=reviewer)
    finished = time.perf_counter()
    return committed_at[0] - started, finished - committed_at[0]


def _approvals_in_threads(article, accounts, *, threads: int, rounds: int) -> float:
    """Approvals per second with `threads` reviewers approving at once: each round, every
    thread proposes a correction of its own field on the same revision, then all approve
    together; only the approving is timed."""
    keys = THREAD_KEYS[:threads]
    spans: list[float] = []
    round_started: list[float] = []
    proposed = threading.Barrier(threads, action=lambda: round_started.append(time.perf_counter()))
    approved = threading.Barrier(
        threads, action=lambda: spans.append(time.perf_counter() - round_started[-1])
    )
    errors: list[BaseException] = []
    users = get_user_model().objects

    def run(key: str) -> None:
        try:
            editor = users.get(pk=accounts.editor.pk)
            reviewer = users.get(pk=accounts.reviewer.pk)
            mine = m.Article.objects.get(pk=article.pk)
            for _ in range(rounds):
                proposal = corpus.corpus_correction_propose(article=mine, author=editor, key=key)
                proposed.wait(timeout=60)
                proposal_approve(proposal=proposal, reviewer=reviewer)
                approved.wait(timeout=60)
        except BaseException as error:
            errors.append(error)
            proposed.abort()
            approved.abort()
        finally:
            connection.close()

    workers = [threading.Thread(target=run, args=(key,)) for key in keys]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if errors:
        raise errors[0]
    return threads * len(spans) / sum(spans)


def storing(report: Report, built: Corpus, *, corrections: int) -> None:
    """Bytes the database grows by per one-field correction to the long article, in a
    steady state: after as many corrections again to warm up, with a VACUUM every
    VACUUM_EVERY corrections as autovacuum would run (it may be off here). Every table
    counts, with its indexes and TOAST: history rows stay, while the space of the
    article's own rewritten rows is reused, as it is in service."""
    group = "Storing history"
    report.begin(group)
    article, accounts = built.long_article, built.accounts

    def correct() -> None:
        for done in range(1, corrections + 1):
            proposal = corpus.corpus_correction_propose(article=article, author=accounts.editor)
            proposal_approve(proposal=proposal, reviewer=accounts.reviewer)
            if done % VACUUM_EVERY == 0:
                _vacuum()

    correct()
    before = _relation_sizes()
    last_revision = Revision.objects.order_by("-pk").values_list("pk", flat=True).first()
    last_proposal = m.Proposal.objects.order_by("-pk").values_list("pk", flat=True).first()
    correct()
    after = _relation_sizes()
    grown = {name: size - before.get(name, 0) for name, size in after.items()}
    rows = _new_row_bytes(after_revision=last_revision or 0, after_proposal=last_proposal or 0)
    report.add(
        Figure(
            group,
            "bytes per one-field correction",
            sum(grown.values()) / corrections,
            "bytes",
            target=2_048,
            note=f"database growth over {corrections} corrections after {corrections} to "
            f"warm up, VACUUM every {VACUUM_EVERY}; tables grow in whole 8 KiB pages; the "
            "task queue's rows, pruned once run, left out",
        )
    )
    report.add(
        Figure(
            group,
            "bytes of new rows per correction",
            sum(rows.values()) / corrections,
            "bytes",
            note="pg_column_size of the history rows it adds, without indexes or headers",
        )
    )
    changed = sorted(((name, b) for name, b in grown.items() if b), key=lambda item: -item[1])
    report.note(
        "Growth per correction by table, with its indexes and TOAST: "
        + (", ".join(f"{name} {b / corrections:,.0f} B" for name, b in changed[:8]) or "none")
        + ". New rows per correction: "
        + ", ".join(f"{table} {b / corrections:,.0f} B" for table, b in rows.items())
        + "."
    )


VACUUM_EVERY = 10


def _vacuum() -> None:
    # Without truncating: whether VACUUM can cut a table's empty tail depends on where
    # the article row's live version happens to lie, which would swamp what we measure.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (TRUNCATE false)")


def _relation_sizes() -> dict[str, int]:
    """Bytes on disk per table of the schema, with its indexes and TOAST, but the task
    queue's: its rows are work waiting for the worker, pruned once done
    (`prune_db_task_results`), not what the history keeps."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class AS c"
            " JOIN pg_namespace AS n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'm')"
            " AND c.relname <> %s",
            [DBTaskResult._meta.db_table],
        )
        return dict(cursor.fetchall())


def _new_row_bytes(*, after_revision: int, after_proposal: int) -> dict[str, int]:
    """Bytes of the history rows made since those ids, by table."""
    tables = (
        (Revision._meta.db_table, "id", after_revision),
        (Version._meta.db_table, "revision_id", after_revision),
        (m.ArticleRevision._meta.db_table, "revision_id", after_revision),
        (m.Proposal._meta.db_table, "id", after_proposal),
    )
    sizes = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, column, after in tables:
            cursor.execute(
                f"SELECT coalesce(sum(pg_column_size(t.*)), 0) FROM {quote(table)} AS t"
                f" WHERE t.{quote(column)} > %s",
                [after],
            )
            sizes[table] = int(cursor.fetchone()[0])
    return sizes


def importing(report: Report, *, rounds: int) -> None:
    """The importer over the seed files in fixtures/: new articles, then the same files
    again (unchanged). Each round is rolled back, so every round creates anew."""
    report.begin("Importing")
    files = sorted(FIXTURES.glob("*.txt"))
    created = unchanged = 0.0
    for _ in range(rounds):
        with transaction.atomic():
            started = time.perf_counter()
            for path in files:
                article_import(path=path)
            middle = time.perf_counter()
            for path in files:
                article_import(path=path)
            created += middle - started
            unchanged += time.perf_counter() - middle
            transaction.set_rollback(True)
    count = len(files) * rounds
    group = "Importing"
    report.add(Figure(group, "import, new articles per second", count / created, "/s"))
    report.add(Figure(group, "re-import, unchanged files per second", count / unchanged, "/s"))
