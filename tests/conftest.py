"""Fixtures shared by the whole suite: people, articles with history, and the environment
of a production deployment."""

import io
import json
import logging
import os
import secrets
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from rest_framework.test import APIClient

from accounts.tokens import api_token_create
from conflicts import selectors
from conflicts.document import InfoboxEntry, ReferenceState
from conflicts.services.importing import article_import
from conflicts.services.reviews import proposal_approve
from facts import selectors as facts_selectors
from facts.services.claims import field_claim_add
from tests.factories import (
    ArticleStateFactory,
    ReviewerFactory,
    UserFactory,
    committed,
    propose,
    publish,
    revise,
)
from tests.throwaway import Postgres, Redis, manage_run
from tests.throwaway import free_port as a_free_port

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SEED_FILES = sorted(FIXTURES.glob("*.txt"))
# Set for the test settings or the browser tests, so not what a deployment would have.
_TEST_ONLY = ("SECRET_KEY", "DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle counts and revision states live in the (locmem) cache, and SQLite reuses
    the ids of rolled-back rows: no test inherits another's entries."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def editor(db):
    return UserFactory(username="ada", first_name="Ada")


@pytest.fixture
def other_editor(db):
    """Moussa, an editor besides `editor`: someone else's proposals are not his."""
    return UserFactory(username="moussa")


@pytest.fixture
def superuser(db):
    """Root, a superuser (and staff, as `createsuperuser` makes one)."""
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def people(editor, other_editor, reviewer, superuser) -> dict:
    """The five kinds of person the access rules tell apart, by name: an anonymous
    visitor, the author (`editor`), another editor, a reviewer and a superuser."""
    return {
        "anonymous": AnonymousUser(),
        "author": editor,
        "other editor": other_editor,
        "reviewer": reviewer,
        "superuser": superuser,
    }


@pytest.fixture
def seed_articles(db):
    """The five seed articles, imported as `make run` imports them."""
    with committed():
        outcomes = [article_import(path=path) for path in SEED_FILES]
    return {outcome.article.slug: outcome.article for outcome in outcomes}


@pytest.fixture
def kidal(seed_articles):
    """The Second Battle of Kidal (seed 004), freshly imported."""
    return seed_articles["second-battle-of-kidal"]


def _require_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks, search, own servers); make test runs it there")


@pytest.fixture
def sign_in_limits(settings):
    """Failed sign-ins allowed for one test: 3 per (account, address), 5 per address."""
    settings.SIGN_IN_FAILURES_PER_ACCOUNT = 3
    settings.SIGN_IN_FAILURES_PER_ADDRESS = 5
    return settings


@pytest.fixture
def corrected_kidal(kidal):
    """Kidal with a second revision that corrects the casualty figures."""
    state = selectors.article_state(selectors.article_published().get(pk=kidal.pk))
    infobox = tuple(
        InfoboxEntry(e.key, e.value.replace("40 killed, 50 wounded", "50 killed, 40 wounded"))
        for e in state.infobox
    )
    revise(
        kidal,
        state.replace(infobox=infobox),
        author=UserFactory(username="mariam"),
        summary="Casualties as in the body: 50 killed, 40 wounded",
    )
    return kidal


@pytest.fixture
def worklist_item():
    """The article's one open worklist item found by `check`."""

    def find(article, check: str):
        return facts_selectors.worklist(article_slug=article.slug, check=check).get()

    return find


@pytest.fixture
def on_postgres():
    _require_postgres()


@pytest.fixture
def count_queries():
    """How many queries `selectors.article_count` runs on a short list: the planner's
    estimate, then the count, on PostgreSQL; the count alone on SQLite."""
    return 2 if connection.vendor == "postgresql" else 1


@pytest.fixture
def reviewer(db):
    """Rokia, a reviewer."""
    return ReviewerFactory(username="rokia", first_name="Rokia")


@pytest.fixture
def second_reviewer(db):
    """Bakary, another reviewer, for two people deciding at once."""
    return ReviewerFactory(username="bakary", first_name="Bakary")


@pytest.fixture
def json_log():
    """What the site logs during the test, as it writes it to stdout (one JSON object a
    line, `LOGGING` in config/settings/base.py); call it for the records so far."""
    (handler,) = (h for h in logging.getLogger().handlers if h.name == "stdout")
    written = io.StringIO()
    stdout = handler.setStream(written)
    yield lambda: [json.loads(line) for line in written.getvalue().splitlines()]
    handler.setStream(stdout)


@pytest.fixture(scope="module")
def throwaway_postgres():
    """A started PostgreSQL cluster (tests.throwaway) on a free port, shared by the tests of
    a module, as making one and migrating it is slow; removed at the end, however they
    end. Only in runs on PostgreSQL: the tests that stop it are not repeated on SQLite."""
    _require_postgres()
    server = Postgres.create()
    try:
        server.start()
        yield server
    finally:
        server.remove()


@pytest.fixture
def throwaway_redis(tmp_path):
    """A started Redis server of this test's own (tests.throwaway); stopped at the end."""
    redis = Redis(tmp_path)
    redis.start()
    yield redis
    redis.stop()


@pytest.fixture(scope="session")
def manage():
    """Run `manage.py *args` in a process of its own with exactly `env=`; the completed
    process, whatever its exit status."""
    return manage_run


@pytest.fixture(scope="session")
def clean_env() -> dict[str, str]:
    """The environment the suite runs in, less what only the test settings set."""
    return {k: v for k, v in os.environ.items() if k not in _TEST_ONLY}


@pytest.fixture(scope="session")
def production_env(clean_env, tmp_path_factory) -> dict[str, str]:
    """The environment of a production deployment (config.settings.prod with everything it
    requires) whose STATIC_ROOT is still empty; tests copy it and change what they test."""
    return clean_env | {
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "annals.example",
        "DATABASE_URL": "postgres://annals@db.annals.example:5432/annals",
        "CACHE_URL": "redis://cache.annals.example:6379/0",
        "EMAIL_URL": "smtp://annals:secret@mail.annals.example:587",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
        "SECURE_HSTS_PRELOAD": "0",
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static-root-empty")),
    }


@pytest.fixture(scope="session")
def collected_static(production_env, tmp_path_factory) -> Path:
    """A STATIC_ROOT filled by `manage.py collectstatic` with the production settings, as
    the deploy steps fill it: hashed names, compressed copies and the manifest."""
    root = tmp_path_factory.mktemp("static-root")
    result = manage_run(
        "collectstatic", "--noinput", env=production_env | {"STATIC_ROOT": str(root)}
    )
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (a moment ago it was free)."""
    return a_free_port()


@pytest.fixture
def approved(kidal, editor, reviewer):
    """Ada's proposal to Kidal, approved by Rokia, each step committed as in the site, so
    that the notifications that follow them are made (reviewers told of the proposal, Ada
    of the approval)."""
    with committed():
        proposal = propose(kidal, {"infobox": {"Strength2": "400"}}, author=editor)
    with committed():
        proposal_approve(proposal=proposal, reviewer=reviewer)
    return proposal


@pytest.fixture
def first_revision(db):
    """Revision 1 of an article with sections Background, Battle and Aftermath, whose
    infobox reads Casualties1 = "40 killed, 50 wounded"."""
    return publish(ArticleStateFactory(title="Second Battle of Ménaka"))


@pytest.fixture
def article(first_revision):
    return first_revision.article


@pytest.fixture
def disputed(db):
    """A battle whose side-1 casualties the MNLA gives as 36 killed, its only reference."""
    state = ArticleStateFactory(
        title="Battle of Anéfis",
        infobox=(
            InfoboxEntry("Date", "27 July 2017"),
            InfoboxEntry("Casualties1", "36 killed[[ref:#1]]"),
            InfoboxEntry("Casualties2", "5 killed"),
        ),
        references=(ReferenceState("MNLA communiqué, 28 July 2017"),),
    )
    return publish(state).article


@pytest.fixture
def add_figure(reviewer):
    """Give a field of an article another figure, as Rokia, committed as on the site."""

    def add(article, value="14 killed", *, key="Casualties1", source="Reuters, 29 July 2017"):
        with committed():
            return field_claim_add(
                article=article, key=key, value=value, source=source, user=reviewer
            )

    return add


# --- API clients ----------------------------------------------------------------------------


@pytest.fixture
def api_client():
    """An anonymous reader's client."""
    return APIClient()


@pytest.fixture
def api_token(db):
    """Make a new API token for `user` (options as `api_token_create` takes them) and
    return the token itself, as a client sends it."""

    def make(user, **options) -> str:
        return api_token_create(user, **options)[1]

    return make


@pytest.fixture
def token_client(api_token):
    """Make a client that sends a new API token of `user` with every request."""

    def make(user) -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {api_token(user)}")
        return client

    return make


@pytest.fixture
def editor_client(token_client, editor):
    return token_client(editor)


@pytest.fixture
def reviewer_client(token_client, reviewer):
    return token_client(reviewer)
