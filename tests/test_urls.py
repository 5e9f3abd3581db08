"""Who gets what on every route: each HTML and API route, for each kind of person, with the
exact status of GET and of each write method the route accepts.

The routes are read from the URL resolver, so one added without an expectation here fails
`test_every_route_has_an_expectation`. The rule these tables pin down
(`conflicts.permissions`): a proposal someone may not see is a 404 on every route and for
every action, exactly as one that does not exist, never a 403; a 403 only ever refuses an
action on a proposal the person may see. On the HTML site a visitor who is not signed in
is sent to sign in (302) wherever signing in could help, whether or not the proposal
exists; the API answers them 404 for a proposal they may not see, 401 for one they may.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.roles import REVIEWERS_GROUP
from accounts.tokens import api_token_create
from conflicts import selectors
from conflicts.models import Article, ImportRecord
from conflicts.services.reviews import proposal_approve
from facts.models import FieldClaim, WorklistItem
from governance.services import article_delete
from notifications.models import Notification
from tests.factories import ArticleStateFactory, propose, publish, revise

pytestmark = pytest.mark.django_db

# The people of the `people` fixture, in the order of each route's statuses.
ROLES = ("anonymous", "author", "other editor", "reviewer", "superuser")


def everyone(status: int) -> tuple[int, ...]:
    return (status,) * len(ROLES)


@dataclass(frozen=True)
class Route:
    """A route's expected statuses, `{method: (one per person in ROLES)}`, with what the
    request carries: `proposal` ("open" or "closed") for a proposal's routes, a query
    string, and a body for its writes."""

    name: str
    statuses: dict[str, tuple[int, ...]]
    proposal: str | None = None
    query: str = ""
    body: dict = field(default_factory=dict)
    # The route of the author's notification (its `pk`) rather than of a proposal.
    notification: bool = False
    # The route of the article's worklist item (its `pk`).
    worklist: bool = False
    # The route of another figure of one of the article's fields (its `pk`).
    claim: bool = False
    # The route of a deleted article (its `slug`).
    deleted: bool = False
    # The route of the author's API token (its `pk`).
    api_token: bool = False

    @property
    def id(self) -> str:
        return f"{self.name}[{self.proposal}]" if self.proposal else self.name


def proposal_routes(name, *, open_, closed, body=None) -> list[Route]:
    """The route `name` of the open and of the closed proposal."""
    return [
        Route(name, open_, proposal="open", body=body or {}),
        Route(name, closed, proposal="closed", body=body or {}),
    ]


REASON = {"reason": "The communiqué says otherwise."}
MESSAGE = {"message": "Which communiqué? Cite it, please."}
COMMENT = {"text": "The second communiqué, of 14 May."}
PARTS = {"parts": ["title"], "message": "The rest needs a source."}

#                      anonymous  author  other editor  reviewer  superuser
HTML_ROUTES = [
    Route("index", {"get": everyone(200)}),
    Route("article_detail", {"get": everyone(200)}),
    Route("article_history", {"get": everyone(200)}),
    Route("article_blame", {"get": everyone(200)}),
    Route("revision_detail", {"get": everyone(200)}),
    Route("article_compare", {"get": everyone(200)}, query="from={first}&to={second}"),
    # An empty form is refused (400) once the person may propose at all.
    Route("article_propose", {"get": (302, 200, 200, 200, 200), "post": (302, 400, 400, 400, 400)}),
    # A page asking why (posted without a reason, it says so); reviewers only.
    Route("article_revert", {"get": (302, 403, 403, 200, 200), "post": (302, 403, 403, 200, 200)}),
    # Undoing the first revision: there is nothing to undo, said on the history page.
    Route("revision_undo", {"get": (302, 302, 302, 302, 302), "post": (302, 302, 302, 302, 302)}),
    Route("proposal_list", {"get": (302, 200, 200, 200, 200)}),
    Route("article_new", {"get": (302, 200, 200, 200, 200), "post": (302, 400, 400, 400, 400)}),
    *proposal_routes(
        "proposal_detail",
        open_={"get": (302, 200, 404, 200, 200)},
        closed={"get": everyone(200)},
    ),
    # The author may rework an open proposal (an empty form is a 400); a closed one
    # sends them back to it with a message.
    *proposal_routes(
        "proposal_edit",
        open_={"get": (302, 200, 404, 403, 403), "post": (302, 400, 404, 403, 403)},
        closed={"get": (302, 302, 403, 403, 403), "post": (302, 302, 403, 403, 403)},
    ),
    # A decision is a redirect to the proposal with a message saying what happened.
    *proposal_routes(
        "proposal_approve",
        open_={"get": everyone(405), "post": (302, 403, 404, 302, 302)},
        closed={"get": everyone(405), "post": (302, 403, 403, 302, 302)},
    ),
    # The open proposal changes one part only: the page says to approve it or not.
    *proposal_routes(
        "proposal_approve_part",
        open_={"get": everyone(405), "post": (302, 403, 404, 302, 302)},
        closed={"get": everyone(405), "post": (302, 403, 403, 302, 302)},
        body=PARTS,
    ),
    *proposal_routes(
        "proposal_reject",
        open_={"get": everyone(405), "post": (302, 403, 404, 302, 302)},
        closed={"get": everyone(405), "post": (302, 403, 403, 302, 302)},
        body=REASON,
    ),
    # Asking for changes of a closed proposal says, on its page, that it is too late.
    *proposal_routes(
        "proposal_request_changes",
        open_={"get": everyone(405), "post": (302, 403, 404, 302, 302)},
        closed={"get": everyone(405), "post": (302, 403, 403, 302, 302)},
        body=MESSAGE,
    ),
    # The author and reviewers discuss a proposal in any state.
    *proposal_routes(
        "proposal_comment",
        open_={"get": everyone(405), "post": (302, 302, 404, 302, 302)},
        closed={"get": everyone(405), "post": (302, 302, 403, 302, 302)},
        body=COMMENT,
    ),
    *proposal_routes(
        "proposal_withdraw",
        open_={"get": everyone(405), "post": (302, 302, 404, 403, 403)},
        closed={"get": everyone(405), "post": (302, 302, 403, 403, 403)},
    ),
    # Sign-in forms re-render with their errors (200) when posted empty.
    Route("login", {"get": everyone(200), "post": everyone(200)}),
    # A GET explains and offers the button; only a POST signs out.
    Route("logout", {"get": everyone(200), "post": everyone(302)}),
    Route("password_change", {"get": (302, 200, 200, 200, 200), "post": (302, 200, 200, 200, 200)}),
    Route("password_change_done", {"get": (302, 200, 200, 200, 200)}),
    # Django's reset views: a form (posted empty, it shows its errors), and a link whose
    # token is forged here, which the page says no longer works.
    Route("password_reset", {"get": everyone(200), "post": everyone(200)}),
    Route("password_reset_done", {"get": everyone(200)}),
    Route("password_reset_confirm", {"get": everyone(200), "post": everyone(200)}),
    Route("password_reset_complete", {"get": everyone(200)}),
    # Someone signed in is sent on rather than signed up again.
    Route("signup", {"get": (200, 302, 302, 302, 302), "post": (200, 302, 302, 302, 302)}),
    # A forged link confirms nothing, for anyone.
    Route("email_confirm", {"get": everyone(400), "post": everyone(405)}),
    Route("email_confirm_resend", {"get": everyone(405), "post": (302, 302, 302, 302, 302)}),
    Route("user_profile", {"get": everyone(200)}),
    Route("healthz", {"get": everyone(200), "post": everyone(405)}),
    Route("recent_changes", {"get": everyone(200)}),
    Route("recent_changes_feed", {"get": everyone(200)}),
    Route("article_history_feed", {"get": everyone(200)}),
    Route("notification_list", {"get": (302, 200, 200, 200, 200), "post": everyone(405)}),
    # Opening a notification marks it read and goes where it leads; another's is no page.
    Route(
        "notification_open",
        {"get": (302, 302, 404, 404, 404), "post": everyone(405)},
        notification=True,
    ),
    Route("notifications_read", {"get": everyone(405), "post": (302, 302, 302, 302, 302)}),
    Route("notification_email_setting", {"get": everyone(405), "post": (302, 302, 302, 302, 302)}),
    Route("article_watch", {"get": everyone(405), "post": (302, 302, 302, 302, 302)}),
    Route("worklist", {"get": everyone(200)}),
    Route(
        "worklist_dismiss",
        {"get": everyone(405), "post": (302, 403, 403, 302, 302)},
        worklist=True,
        body=REASON,
    ),
    Route("article_figures", {"get": everyone(200)}),
    # An empty figure is refused (400) once the person may add one at all.
    Route("figure_add", {"get": everyone(405), "post": (302, 403, 403, 400, 400)}),
    Route("figure_prefer", {"get": everyone(405), "post": (302, 403, 403, 302, 302)}, claim=True),
    Route(
        "figure_withdraw",
        {"get": everyone(405), "post": (302, 403, 403, 302, 302)},
        claim=True,
        body=REASON,
    ),
    Route("log", {"get": everyone(200)}),
    Route(
        "article_rename",
        {"get": (302, 403, 403, 200, 200), "post": (302, 403, 403, 400, 400)},
    ),
    Route(
        "article_protection",
        {"get": (302, 403, 403, 200, 200), "post": (302, 403, 403, 400, 400)},
    ),
    Route(
        "article_delete",
        {"get": (302, 403, 403, 200, 200), "post": (302, 403, 403, 400, 400)},
    ),
    Route(
        "article_merge",
        {"get": (302, 403, 403, 200, 200), "post": (302, 403, 403, 400, 400)},
    ),
    Route(
        "revision_visibility",
        {"get": (302, 403, 403, 403, 200), "post": (302, 403, 403, 403, 400)},
    ),
    Route(
        "article_restore",
        {"get": (302, 403, 403, 200, 200), "post": (302, 403, 403, 400, 400)},
        deleted=True,
    ),
    # The author's account: an administrator's empty form is refused (400).
    Route("role_change", {"get": everyone(405), "post": (302, 403, 403, 403, 400)}),
    # The author's account: a reviewer's empty form is refused (400).
    Route("block_change", {"get": everyone(405), "post": (302, 403, 403, 400, 400)}),
    # The author's own account: without the password, refused (400); nobody else's.
    Route("account_delete", {"get": everyone(405), "post": (302, 400, 403, 403, 403)}),
    # The author's own tokens: a token without a name is refused (400); nobody else's.
    Route("token_create", {"get": everyone(405), "post": (302, 400, 403, 403, 403)}),
    Route("token_revoke", {"get": everyone(405), "post": (302, 302, 403, 403, 403)}),
    Route("world_map", {"get": everyone(200)}),
    Route("world_outline", {"get": everyone(200)}),
    Route("events_csv", {"get": everyone(200)}),
    Route("events_geojson", {"get": everyone(200)}),
]

API_ROUTES = [
    Route("api:root", {"get": everyone(200), "post": everyone(405)}),
    Route("api:token", {"get": everyone(405), "post": everyone(400)}),
    # Everyone's own tokens: the author's token is nobody else's to revoke (404).
    Route("api:api-token-list", {"get": (401, 200, 200, 200, 200), "post": (401, *[201] * 4)}),
    Route(
        "api:api-token-detail",
        {"get": (401, *[405] * 4), "delete": (401, 204, 404, 404, 404)},
        api_token=True,
    ),
    Route("api:schema", {"get": everyone(200)}),
    Route("api:docs", {"get": everyone(200)}),
    # A new article without a title is refused (400) once the person may propose at all.
    Route("api:article-list", {"get": everyone(200), "post": (401, 400, 400, 400, 400)}),
    Route("api:article-detail", {"get": everyone(200)}),
    Route("api:article-revisions", {"get": everyone(200)}),
    Route("api:article-revision", {"get": everyone(200)}),
    Route("api:article-compare", {"get": everyone(200)}, query="from={first}&to={second}"),
    Route("api:article-facts", {"get": everyone(200)}),
    Route("api:article-blame", {"get": everyone(200)}),
    Route("api:article-claims", {"get": everyone(200), "post": (401, 403, 403, 400, 400)}),
    Route("api:claim-detail", {"get": everyone(200)}, claim=True),
    Route(
        "api:claim-prefer",
        {"get": (401, 403, 403, 405, 405), "post": (401, 403, 403, 200, 200)},
        claim=True,
    ),
    Route(
        "api:claim-withdraw",
        {"get": (401, 403, 403, 405, 405), "post": (401, 403, 403, 200, 200)},
        claim=True,
        body=REASON,
    ),
    Route("api:log-list", {"get": everyone(200)}),
    Route(
        "api:article-rename",
        {"get": (401, 403, 403, 405, 405), "post": (401, 403, 403, 400, 400)},
    ),
    Route(
        "api:article-protect",
        {"get": (401, 403, 403, 405, 405), "post": (401, 403, 403, 400, 400)},
    ),
    Route(
        "api:article-unprotect",
        {"get": (401, 403, 403, 405, 405), "post": (401, 403, 403, 400, 400)},
    ),
    Route(
        "api:article-delete",
        {"get": (401, 403, 403, 405, 405), "post": (401, 403, 403, 400, 400)},
    ),
    Route(
        "api:article-restore",
        {"get": (401, 403, 403, 405, 405), "post": (401, 403, 403, 400, 400)},
        deleted=True,
    ),
    Route(
        "api:article-revision-visibility",
        {"get": (401, 403, 403, 403, 405), "post": (401, 403, 403, 403, 400)},
    ),
    Route(
        "api:article-merge",
        {"get": (401, 403, 403, 405, 405), "post": (401, 403, 403, 400, 400)},
    ),
    # The author's account: an empty request is refused (400) once the person may block.
    Route("api:user-block", {"get": (401, 403, 403, 405, 405), "post": (401, 403, 403, 400, 400)}),
    Route(
        "api:user-unblock", {"get": (401, 403, 403, 405, 405), "post": (401, 403, 403, 400, 400)}
    ),
    Route("api:worklist-list", {"get": everyone(200)}),
    Route(
        "api:worklist-dismiss",
        {"get": (401, 403, 403, 405, 405), "post": (401, 403, 403, 200, 200)},
        worklist=True,
        body=REASON,
    ),
    # An empty proposal is refused (400) once the person may propose at all.
    Route(
        "api:article-propose",
        {"get": (401, 405, 405, 405, 405), "post": (401, 400, 400, 400, 400)},
    ),
    Route("api:proposal-list", {"get": (401, 200, 200, 200, 200)}),
    Route(
        "api:article-watch",
        {
            "get": (401, 200, 200, 200, 200),
            "put": (401, 200, 200, 200, 200),
            "delete": (401, 200, 200, 200, 200),
        },
    ),
    Route("api:notification-list", {"get": (401, 200, 200, 200, 200)}),
    Route(
        "api:notification-read",
        {"get": (401, 405, 405, 405, 405), "post": (401, 200, 200, 200, 200)},
    ),
    # A closed proposal's content can no longer change: 409 to whoever may act on it.
    *proposal_routes(
        "api:proposal-detail",
        open_={"get": (404, 200, 404, 200, 200), "patch": (404, 200, 404, 403, 403)},
        closed={"get": everyone(200), "patch": (401, 409, 403, 403, 403)},
        body={"summary": "The communiqué gives 50 killed."},
    ),
    *proposal_routes(
        "api:proposal-approve",
        open_={"get": everyone(405), "post": (404, 403, 404, 200, 200)},
        closed={"get": everyone(405), "post": (401, 403, 403, 409, 409)},
    ),
    # Every part of the open proposal is no part of it: approve it whole instead.
    *proposal_routes(
        "api:proposal-approve-part",
        open_={"get": everyone(405), "post": (404, 403, 404, 400, 400)},
        closed={"get": everyone(405), "post": (401, 403, 403, 409, 409)},
        body=PARTS,
    ),
    *proposal_routes(
        "api:proposal-reject",
        open_={"get": everyone(405), "post": (404, 403, 404, 200, 200)},
        closed={"get": everyone(405), "post": (401, 403, 403, 409, 409)},
        body=REASON,
    ),
    *proposal_routes(
        "api:proposal-request-changes",
        open_={"get": everyone(405), "post": (404, 403, 404, 200, 200)},
        closed={"get": everyone(405), "post": (401, 403, 403, 409, 409)},
        body=MESSAGE,
    ),
    # Whoever sees a proposal reads its discussion; its author and reviewers write in it.
    *proposal_routes(
        "api:proposal-comments",
        open_={"get": (404, 200, 404, 200, 200), "post": (404, 201, 404, 201, 201)},
        closed={"get": everyone(200), "post": (401, 201, 403, 201, 201)},
        body=COMMENT,
    ),
    *proposal_routes(
        "api:proposal-withdraw",
        open_={"get": everyone(405), "post": (404, 200, 404, 403, 403)},
        closed={"get": everyone(405), "post": (401, 409, 403, 403, 403)},
    ),
]

ROUTES = HTML_ROUTES + API_ROUTES


def resolver_routes(patterns=None, namespace="", prefix=""):
    """(name, full pattern, pattern) of every route the URL resolver knows, the admin's
    included; a route without a name is named by its full pattern."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from resolver_routes(pattern.url_patterns, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            full = prefix + str(pattern.pattern)
            yield (f"{namespace}{pattern.name}" if pattern.name else full), full, pattern


def test_every_route_has_an_expectation(people):
    assert tuple(people) == ROLES
    names = {name for name, full, _ in resolver_routes() if not full.startswith("admin/")}

    assert names == {route.name for route in ROUTES}


def test_every_api_route_is_walked_with_each_method_it_accepts():
    # DRF adds "head" to a route's actions, in place, at its first request: a HEAD is a
    # GET without the body, which the walk of GETs covers.
    accepted = {
        name: {"get", *getattr(pattern.callback, "actions", {})} - {"head"}
        for name, _, pattern in resolver_routes()
        if name and name.startswith("api:") and hasattr(pattern.callback, "actions")
    }

    assert accepted == {
        route.name: set(route.statuses) for route in API_ROUTES if route.name in accepted
    }


# --- The walk -------------------------------------------------------------------------------


@dataclass(frozen=True)
class World:
    """One article with two revisions; an open proposal and a closed (approved) one, both
    by the author; a deleted article; and the people of ROLES."""

    people: dict
    article: object
    first: object
    second: object
    proposals: dict
    notification: object
    worklist_item: object
    claim: object
    deleted: object
    api_token: object


@pytest.fixture
def world(people):
    author = people["author"]
    first = publish(ArticleStateFactory(title="Second Battle of Ménaka"), author=author)
    article = first.article
    second = revise(
        article, selectors.revision_state(first).replace(lead="A lead rewritten."), author=author
    )
    closed = propose(article, {"lead": "A lead the reviewers approved."}, author=author)
    proposal_approve(proposal=closed, reviewer=people["reviewer"])
    opened = propose(article, {"title": "Second Battle of Menaka"}, author=author)
    # Made by a task once the approval commits, which a test's transaction never does.
    notification = Notification.objects.create(
        recipient=author,
        kind=Notification.Kind.APPROVED,
        article=article,
        proposal=closed,
        revision=closed.resulting_revision,
        actor=people["reviewer"],
    )
    proposals = {"open": opened, "closed": closed}
    # Made by the facts' task once a publish commits, which a test's transaction never does.
    worklist_item = WorklistItem.objects.create(
        article=article,
        check_name="infobox-missing",
        summary="The article has no infobox.",
        evidence=[{"part": "lead", "text": "A lead.", "name": "", "section_id": None}],
        fingerprint="0" * 64,
        revision=article.current_revision,
    )
    claim = FieldClaim.objects.create(
        article=article,
        key="Casualties1",
        value="7 killed",
        source="AFP",
        added_by=people["reviewer"],
        revision=article.current_revision,
    )
    deleted = publish(ArticleStateFactory(title="Raid on Nowhere")).article
    article_delete(article=deleted, by=people["reviewer"], reason="A hoax.")
    api_token = api_token_create(author, name="Script")[0]
    return World(
        people,
        article,
        first,
        second,
        proposals,
        notification,
        worklist_item,
        claim,
        deleted,
        api_token,
    )


def url_of(route: Route, world: World) -> str:
    pattern = next(found for name, _, found in resolver_routes() if name == route.name)
    values = {
        "slug": world.deleted.slug if route.deleted else world.article.slug,
        "revision_id": world.first.id,
        "pk": world.api_token.pk
        if route.api_token
        else world.claim.pk
        if route.claim
        else world.worklist_item.pk
        if route.worklist
        else world.notification.pk
        if route.notification
        else world.proposals[route.proposal].pk
        if route.proposal
        else None,
        "username": world.people["author"].username,
        "uidb64": "MQ",
        "token": "forged-token",
        "token_id": world.api_token.pk,
    }
    wanted = pattern.pattern.converters if hasattr(pattern.pattern, "converters") else {}
    wanted = wanted or pattern.pattern.regex.groupindex
    url = reverse(route.name, kwargs={name: values[name] for name in wanted})
    query = route.query.format(first=world.first.id, second=world.second.id)
    return f"{url}?{query}" if query else url


def answer(route: Route, world: World, role: str, method: str) -> int:
    """The status `role` gets for `method` on `route`, in a savepoint rolled back after it,
    so that one person's approval does not change what the next one gets."""
    client = Client()
    if world.people[role].is_authenticated:
        client.force_login(world.people[role])
    url = url_of(route, world)
    body = route.body if method != "get" else None
    with transaction.atomic():
        if route.name.startswith("api:") and body is not None:
            response = getattr(client, method)(
                url, json.dumps(body), content_type="application/json"
            )
        else:
            response = getattr(client, method)(url, body)
        transaction.set_rollback(True)
    # Revision states and throttle counts live in the cache; the rows they name are gone.
    cache.clear()
    return response.status_code


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.id)
def test_each_person_gets_the_expected_status_on_the_route(world, route):
    got = {
        method: tuple(answer(route, world, role, method) for role in ROLES)
        for method in route.statuses
    }

    assert got == route.statuses


# --- The admin: staff only, and read-only for published content ----------------------------

# What the superuser gets on each admin page of a model, by kind; Annals' own models
# change only through import, review and revert, never in the admin.
ADMIN_PAGES = {"changelist": 200, "history": 200, "change": 200, "add": 200, "delete": 200}
READ_ONLY_PAGES = {**ADMIN_PAGES, "add": 403, "delete": 403}
READ_ONLY_MODELS = {
    "conflicts_article",
    "conflicts_articlerevision",
    "conflicts_importrecord",
    # The task queue: the worker's record of what ran, read by staff.
    "django_tasks_database_dbtaskresult",
}
# django-axes' records of sign-ins, written by sign-ins only, and API tokens, made by their
# owners: read and cleared by staff.
SIGN_IN_RECORD_PAGES = {**ADMIN_PAGES, "add": 403}
SIGN_IN_RECORD_MODELS = {
    "axes_accessattempt",
    "axes_accesslog",
    "axes_accessfailurelog",
    # API tokens: made by their owners, looked at and revoked by staff.
    "accounts_apitoken",
}
# The admin's own pages, for the superuser, by the route's name or pattern.
ADMIN_SITE = {
    "admin:index": 200,
    "admin:login": 302,  # signed in already: on to the index
    "admin:logout": 405,  # a POST only
    "admin:password_change": 200,
    "admin:password_change_done": 200,
    "admin:autocomplete": 403,  # without the field it completes
    "admin:jsi18n": 200,
    "admin:view_on_site": 302,  # to the article's page
    "admin:app_list": 200,
    "admin:auth_user_password_change": 200,
    "admin/(?P<url>.*)$": 404,
}


def admin_walk(world) -> list[tuple[str, str]]:
    """(name, URL) of every admin route, each about a real object where it takes one."""
    author = world.people["author"]
    record = ImportRecord.objects.create(
        source="000.txt", article=world.article, content_hash="0" * 64, revision=world.first
    )
    sign_in = {"ip_address": "198.51.100.1", "username": "ada", "path_info": "/accounts/login/"}
    objects = {
        "axes_accessattempt": AccessAttempt.objects.create(
            **sign_in, get_data="", post_data="", failures_since_start=1
        ).pk,
        "axes_accesslog": AccessLog.objects.create(**sign_in).pk,
        "axes_accessfailurelog": AccessFailureLog.objects.create(**sign_in).pk,
        "auth_group": Group.objects.get(name=REVIEWERS_GROUP).pk,
        "django_tasks_database_dbtaskresult": DBTaskResult.objects.create(
            args_kwargs={"args": [world.proposals["open"].pk], "kwargs": {}},
            task_path="notifications.tasks.proposal_submitted",
            backend_name="default",
            run_after=timezone.now(),
        ).pk,
        "accounts_apitoken": world.api_token.pk,
        "accounts_user": author.pk,
        "conflicts_article": world.article.pk,
        "conflicts_articlerevision": world.first.pk,
        "conflicts_importrecord": record.pk,
    }
    fixed = {
        "admin:app_list": reverse("admin:app_list", args=["conflicts"]),
        "admin:view_on_site": reverse(
            "admin:view_on_site",
            args=[ContentType.objects.get_for_model(Article).pk, world.article.pk],
        ),
        "admin:auth_user_password_change": reverse(
            "admin:auth_user_password_change", args=[author.pk]
        ),
        "admin/(?P<url>.*)$": "/admin/no-such-page/",
    }
    walk = []
    for name, full, _ in resolver_routes():
        if not full.startswith("admin/"):
            continue
        if name in fixed:
            walk.append((name, fixed[name]))
            continue
        model = "_".join(full.split("/")[1:3])
        walk.append((name, "/" + re.sub(r"<(?:\w+:)?\w+>", str(objects.get(model)), full)))
    return walk


def superuser_expects(name: str) -> int:
    if name in ADMIN_SITE:
        return ADMIN_SITE[name]
    if not name.startswith("admin:"):
        return 302  # an object's bare URL: on to its change page
    kind = name.rsplit("_", 1)[1]
    model = name.removeprefix("admin:").removesuffix(f"_{kind}")
    if model in SIGN_IN_RECORD_MODELS:
        return SIGN_IN_RECORD_PAGES[kind]
    return (READ_ONLY_PAGES if model in READ_ONLY_MODELS else ADMIN_PAGES)[kind]


def test_the_admin_is_for_staff_and_never_changes_published_content(world, settings):
    # The task queue's pages show tasks as the database backend holds them.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    walk = admin_walk(world)
    got, expected = {}, {}
    for role, user in world.people.items():
        client = Client()
        if user.is_authenticated:
            client.force_login(user)
        for name, url in walk:
            response = client.get(url)
            got[role, name] = response.status_code, response.get("Location", "")[:13]
            if role == "superuser":
                expected[role, name] = superuser_expects(name), got[role, name][1]
            elif name == "admin:login":
                expected[role, name] = 200, ""
            elif name == "admin:logout":
                expected[role, name] = 302, "/admin/"
            else:
                expected[role, name] = 302, "/admin/login/"

    assert got == expected
