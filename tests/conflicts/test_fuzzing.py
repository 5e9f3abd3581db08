"""No address or query string, however malformed, makes a page of the site answer 500.

Hypothesis fills every route of the URLconf but the API's (fuzzed from its schema in
tests/api/test_schema.py) and the admin's with real values and with junk: NUL, lone
surrogates (sent as the bytes a WSGI server would pass on), control characters, stray and
broken percent escapes; and adds query strings of the site's parameters and others.
"""

import re
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.tokens import api_token_create
from tests.factories import propose

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

PLACEHOLDER = re.compile(r"<(?:\w+:)?(\w+)>")
PARAMETERS = [
    "q",
    "page",
    "cursor",
    "from",
    "to",
    "before",
    "after",
    "field",
    "part",
    "section",
    "status",
    "next",
    "contributions_page",
    "proposals_page",
]
NASTY = ["\x00", "\ud800", "\udfff", "\x1b", "\x7f", "\u202e", "\ufeff", "/", " "]
# Left as they are: escapes broken, truncated, of a NUL, of bytes that are not UTF-8;
# and the path's own separators.
RAW = ["%", "%0", "%ZZ", "%00", "%FF", "%C0%AF", "%ED%A0%80", "%2F", "%25", "%%", "/", ".."]


def html_routes() -> list[str]:
    """The URLconf's routes, as "articles/<str:slug>/", but the API's and the admin's."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    return [
        route
        for route in walk(get_resolver().url_patterns)
        if not route.startswith(("api/", "admin/"))
    ]


def _text():
    """Any text, lone surrogates and the nastiest characters more often than by chance."""
    return st.text(
        st.one_of(st.characters(), st.sampled_from(NASTY)),
        max_size=12,
    )


def _encoded(text: str) -> str:
    """`text` as it travels in a URL: UTF-8 (a lone surrogate as the three bytes that
    would encode it), percent-escaped."""
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


def _junk():
    """What a URL component may hold: escaped text, escapes left broken, or both."""
    return st.lists(st.one_of(_text().map(_encoded), st.sampled_from(RAW)), max_size=3).map("".join)


@st.composite
def urls(draw, real: dict[str, str]):
    """A route of the site, its placeholders filled with real values or junk, with a query
    string of the site's parameters and others, their values real or junk."""
    route = draw(st.sampled_from(html_routes()))
    path = "/" + PLACEHOLDER.sub(
        lambda match: draw(st.one_of(st.just(real[match.group(1)]), _junk())), route
    )
    names = st.one_of(st.sampled_from(PARAMETERS), _junk())
    values = st.one_of(st.sampled_from(sorted(real.values())), st.integers().map(str), _junk())
    query = draw(st.lists(st.tuples(names, values), max_size=4))
    if draw(st.booleans()):
        path += draw(_junk())  # junk after the route: a longer slug, a path no route has
    return path + ("?" + "&".join(f"{name}={value}" for name, value in query) if query else "")


@pytest.fixture
def people(editor, reviewer) -> dict:
    """Anonymous, an editor and a reviewer: each sees other pages behind the same URLs."""
    return {"anonymous": None, "editor": editor, "reviewer": reviewer}


@pytest.fixture
def real(kidal, editor) -> dict[str, str]:
    """Values that reach real pages: the URLconf's placeholders' names → a value."""
    proposal = propose(kidal, {"infobox": {"Strength2": "400"}}, author=editor)
    return {
        "slug": kidal.slug,
        "revision_id": str(kidal.current_revision_id),
        "pk": str(proposal.pk),
        "username": editor.username,
        # A password reset link's user and token: real-looking, and never valid here.
        "uidb64": "MQ",
        "token": "set-password",
        "token_id": str(api_token_create(editor)[0].pk),
    }


def test_the_urlconf_has_the_html_routes_this_test_fills():
    placeholders = {name for route in html_routes() for name in PLACEHOLDER.findall(route)}

    assert placeholders == {
        "slug",
        "revision_id",
        "pk",
        "username",
        "uidb64",
        "token",
        "token_id",
    }


def test_no_malformed_address_or_query_makes_a_page_answer_500(people, real):
    @settings(
        max_examples=400,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(
        who=st.sampled_from(sorted(people)),
        method=st.sampled_from(["GET", "POST"]),
        url=urls(real),
    )
    def no_server_error(who, method, url):
        # A client of its own for each request: a POST to sign out must not sign out the next.
        client = Client(raise_request_exception=False)
        if people[who] is not None:
            client.force_login(people[who])

        response = client.generic(method, url)

        assert response.status_code < 500, f"{method} {url} as {who}: {response.status_code}"

    no_server_error()
