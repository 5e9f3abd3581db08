"""A database outage, for real: the site served by `manage.py runserver` from a throwaway
PostgreSQL cluster (never the shared one), which is stopped mid-traffic and started again.

While it is down every request is a 503 with Retry-After, in the site's page or the API's
JSON; an approval it cuts short leaves nothing of itself; and the same server process
serves again once the database is back, without a restart.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import psycopg
import pytest

from conflicts.http_errors import DATABASE_RETRY_AFTER_SECONDS
from tests.throwaway import free_port

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]

# Run in the served database by `manage.py shell`: the seed articles, a pending proposal
# of Ada's, and an API token for Rokia, a reviewer; printed as the last line, in JSON.
SETUP = """
import json
from accounts.tokens import api_token_create
from conflicts.services.importing import article_import
from tests.conftest import SEED_FILES
from tests.factories import ReviewerFactory, UserFactory, propose

kidal = [article_import(path=path).article for path in SEED_FILES][-1]
proposal = propose(kidal, {"infobox": {"Strength2": "400"}}, author=UserFactory(username="ada"))
_, token = api_token_create(ReviewerFactory(username="rokia"))
print(json.dumps({"slug": kidal.slug, "proposal": proposal.pk, "token": token}))
"""


@dataclass
class Site:
    url: str
    slug: str
    proposal: int
    token: str
    process: subprocess.Popen
    log: Path

    @property
    def pages(self) -> list[str]:
        """Pages and API reads, each of which needs the database."""
        return [
            "/",
            f"/articles/{self.slug}/",
            f"/articles/{self.slug}/history/",
            "/api/articles/",
            f"/api/articles/{self.slug}/",
        ]

    def get(self, path: str) -> httpx.Response:
        return httpx.get(self.url + path, headers=self._auth(path), timeout=60)

    def approve(self) -> httpx.Response:
        return httpx.post(
            f"{self.url}/api/proposals/{self.proposal}/approve/",
            headers=self._auth("/api/"),
            timeout=60,
        )

    def records(self) -> list[dict]:
        """What the server has logged so far, one JSON object a line (runserver also
        prints lines of its own there, which are not records)."""
        lines = self.log.read_text().splitlines()
        return [json.loads(line) for line in lines if line.startswith("{")]

    def _auth(self, path: str) -> dict:
        return {"Authorization": f"Token {self.token}"} if path.startswith("/api/") else {}


@pytest.fixture(scope="module")
def site(throwaway_postgres, tmp_path_factory):
    """The site, migrated and seeded, served by runserver from the throwaway cluster."""
    with psycopg.connect(throwaway_postgres.url("postgres"), autocommit=True) as connection:
        connection.execute("CREATE DATABASE annals")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": throwaway_postgres.url("annals"),
        # The traffic below comes from one address; throttling is tested elsewhere.
        "API_RATE_ANONYMOUS": "100000/min",
        "API_RATE_WRITES": "100000/min",
        "PYTHONUNBUFFERED": "1",  # its log lines, as soon as written
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput"], cwd=ROOT, env=env, check=True, timeout=300)
    setup = subprocess.run(
        [*manage, "shell", "--verbosity", "0", "--command", SETUP],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    seeded = json.loads(setup.stdout.splitlines()[-1])
    log = tmp_path_factory.mktemp("runserver") / "stdout.jsonl"
    port = free_port()
    with log.open("w") as stdout:
        process = subprocess.Popen(
            [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=stdout,
            stderr=subprocess.DEVNULL,
        )
    try:
        served = Site(f"http://127.0.0.1:{port}", process=process, log=log, **seeded)
        _eventually(lambda: _answers(served, "/") == 200, seconds=120)
        yield served
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(autouse=True)
def database_up_after(throwaway_postgres):
    """Each test leaves the database up, whatever a failing one stopped, for the next."""
    yield
    if not throwaway_postgres.is_running():
        throwaway_postgres.start()


@dataclass(frozen=True)
class Answer:
    path: str
    status: int
    retry_after: str | None
    content_type: str
    body: str
    request_id: str | None


@contextmanager
def traffic(site: Site):
    """Readers requesting `site.pages` over and over, in a thread, while the block runs;
    yields the list of their answers so far."""
    answers: list[Answer] = []
    done = threading.Event()

    def read():
        while not done.is_set():
            for path in site.pages:
                response = site.get(path)
                answers.append(
                    Answer(
                        path,
                        response.status_code,
                        response.headers.get("Retry-After"),
                        response.headers.get("Content-Type", ""),
                        response.text,
                        response.headers.get("X-Request-ID"),
                    )
                )
            time.sleep(0.05)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        yield answers
    finally:
        done.set()
        reader.join(timeout=60)


def test_while_the_database_is_down_requests_are_503s_and_then_served_without_a_restart(
    site, throwaway_postgres
):
    with traffic(site) as answers:
        _eventually(lambda: len(answers) >= 2 * len(site.pages))
        throwaway_postgres.stop("immediate")
        stopped = len(answers)
        _eventually(lambda: _each_page_answered(site, answers[stopped:], 503))
        throwaway_postgres.start()
        restarted = len(answers)
        _eventually(lambda: _each_page_answered(site, answers[restarted:], 200), seconds=60)

    assert {answer.status for answer in answers} == {200, 503}
    outage = [answer for answer in answers if answer.status == 503]
    assert {answer.retry_after for answer in outage} == {str(DATABASE_RETRY_AFTER_SECONDS)}
    for answer in outage:
        if answer.path.startswith("/api/"):
            assert json.loads(answer.body)["detail"].startswith("The database is unavailable")
        else:
            assert answer.content_type.startswith("text/html")
            assert "Annals is briefly unavailable" in answer.body
    assert site.process.poll() is None, "the server was restarted"
    # Each 503 was logged, as JSON with its traceback, under the id its answer carried.
    logged = {
        record["request_id"]: record
        for record in site.records()
        if record["message"] == "The database is unavailable; answered 503."
    }
    assert {answer.request_id for answer in outage} <= logged.keys()
    assert all(record["traceback"].startswith("Traceback") for record in logged.values())


def test_an_approval_the_outage_cuts_short_leaves_nothing_and_can_be_made_again(
    site, throwaway_postgres
):
    served = site.get(f"/api/articles/{site.slug}/").json()
    revisions = _revision_counts(throwaway_postgres)
    # Hold back the approval's last writes, its article revision row and what follows,
    # until the server dies under it: by then it has written the infobox and reversion's rows.
    blocker = psycopg.connect(throwaway_postgres.url("annals"))
    blocker.execute("LOCK TABLE conflicts_articlerevision IN EXCLUSIVE MODE")
    # Another connection watches: one in a transaction sees a snapshot of the activity.
    watcher = psycopg.connect(throwaway_postgres.url("annals"), autocommit=True)
    approval: list[httpx.Response] = []
    approving = threading.Thread(target=lambda: approval.append(site.approve()))
    approving.start()
    _eventually(lambda: _tables_written_by_a_waiting_insert(watcher) is not None)
    assert {"conflicts_infoboxfield", "reversion_revision", "reversion_version"} <= (
        _tables_written_by_a_waiting_insert(watcher)
    )

    throwaway_postgres.stop("immediate")
    approving.join(timeout=60)
    blocker.close()
    watcher.close()
    throwaway_postgres.start()

    (cut_short,) = approval
    assert cut_short.status_code == 503
    assert cut_short.headers["Retry-After"] == str(DATABASE_RETRY_AFTER_SECONDS)
    _eventually(lambda: _answers(site, f"/api/articles/{site.slug}/") == 200)
    assert site.get(f"/api/articles/{site.slug}/").json() == served
    assert _revision_counts(throwaway_postgres) == revisions
    assert site.get(f"/api/proposals/{site.proposal}/").json()["status"] == "pending"

    approved = site.approve()

    assert approved.status_code == 200
    article = site.get(f"/api/articles/{site.slug}/").json()
    assert {"key": "Strength2", "value": "400"} in article["infobox"]
    assert article["revision"]["id"] == approved.json()["revision"]["id"]
    assert _revision_counts(throwaway_postgres) == {
        table: count + 1 for table, count in revisions.items()
    }


def _eventually(condition: Callable[[], bool], *, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not so within {seconds} s: {condition}")
        time.sleep(0.1)


def _answers(site: Site, path: str) -> int | None:
    try:
        return site.get(path).status_code
    except httpx.TransportError:
        return None  # not listening yet


def _each_page_answered(site: Site, answers: list[Answer], status: int) -> bool:
    return {answer.path for answer in answers if answer.status == status} == set(site.pages)


def _tables_written_by_a_waiting_insert(watcher) -> set[str] | None:
    """The tables written so far by the transaction waiting for a lock to insert an
    article revision; None while no transaction waits so."""
    waiting = watcher.execute(
        "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
        " AND query LIKE 'INSERT INTO \"conflicts_articlerevision\"%'"
    ).fetchone()
    if waiting is None:
        return None
    written = watcher.execute(
        "SELECT relation::regclass::text FROM pg_locks"
        " WHERE pid = %s AND mode = 'RowExclusiveLock' AND granted",
        waiting,
    ).fetchall()
    return {table for (table,) in written}


def _revision_counts(throwaway_postgres) -> dict[str, int]:
    """How many rows each table of a revision holds: all go up together, or none does."""
    tables = ["reversion_revision", "conflicts_articlerevision"]
    with psycopg.connect(throwaway_postgres.url("annals")) as connection:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in tables
        }
