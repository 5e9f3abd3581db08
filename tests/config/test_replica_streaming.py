"""Reading from a real streaming replica: a throwaway primary and a `pg_basebackup -R`
copy of it, both on temporary ports, and the site served from the two."""

import pytest
import requests
from django.db import connection

from tests.throwaway import Postgres, Site, demo_passwords, manage

pytestmark = pytest.mark.slow

SLUG = "second-battle-of-kidal"
MARKER = "Replica check"


@pytest.fixture(scope="module")
def servers():
    if connection.vendor != "postgresql":
        pytest.skip("starts PostgreSQL servers: runs with the suite on PostgreSQL")
    primary = Postgres.create()
    try:
        primary.start()
        primary.sql("CREATE DATABASE annals")
        replica = primary.replica()
        replica.start()
        yield primary, replica
    finally:
        primary.remove()


@pytest.fixture(scope="module")
def site(servers):
    primary, replica = servers
    env = {
        # The project's own password hashers: the suite's settings keep a fast one only.
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "0",
        "SECRET_KEY": "replica-test-key",
        "DATABASE_URL": primary.url(),
        "DATABASE_REPLICA_URL": replica.url(),
    }
    manage("migrate", "--noinput", env=env)
    manage("import_articles", "fixtures/", env=env)
    passwords = demo_passwords(env)
    served = Site(env)
    yield served, passwords
    served.stop()


def token(site, passwords, username: str) -> dict[str, str]:
    served, _ = site
    response = requests.post(
        f"{served.url}/api/auth/token/",
        json={"username": username, "password": passwords[username]},
        timeout=10,
    )
    response.raise_for_status()
    return {"Authorization": f"Token {response.json()['token']}"}


def article(site, headers=None) -> dict:
    served, _ = site
    response = requests.get(f"{served.url}/api/articles/{SLUG}/", headers=headers, timeout=10)
    response.raise_for_status()
    return response.json()


def marker(body: dict) -> str | None:
    return next((row["value"] for row in body["infobox"] if row["key"] == MARKER), None)


def test_anonymous_readers_read_the_replica_and_writers_the_primary(servers, site):
    _, replica = servers
    served, passwords = site
    editor, reviewer = token(site, passwords, "editor"), token(site, passwords, "reviewer")
    before = article(site)
    replica.sql("SELECT pg_wal_replay_pause()")

    proposed = requests.post(
        f"{served.url}/api/articles/{SLUG}/proposals/",
        json={"summary": "Check the replica", "infobox": {MARKER: "approved"}},
        headers=editor,
        timeout=10,
    )
    assert proposed.status_code == 201, proposed.text
    approved = requests.post(
        f"{served.url}/api/proposals/{proposed.json()['id']}/approve/",
        headers=reviewer,
        timeout=10,
    )
    assert approved.status_code == 200, approved.text

    # The replica has not replayed the approval yet: anonymous readers still see the
    # article as it was, and signed-in ones (on the primary) see it approved.
    assert article(site) == before
    assert marker(article(site, headers=reviewer)) == "approved"

    replica.sql("SELECT pg_wal_replay_resume()")
    seen = [article(site) for _ in range(200)]
    # Never half-applied: the revision each reader is shown and its content agree.
    assert {(body["revision"]["id"], marker(body)) for body in seen} <= {
        (before["revision"]["id"], None),
        (approved.json()["revision"]["id"], "approved"),
    }
    assert marker(seen[-1]) == "approved"
