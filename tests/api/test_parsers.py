"""JSON nested past `limits.JSON_DEPTH_MAX` is a 400 that says so, on every endpoint that
reads a body, however deep: never the parser's or a serializer's RecursionError (500)."""

import io
import json

import pytest
from rest_framework.exceptions import ParseError

from conflicts import limits
from conflicts.api.parsers import JSONParser
from tests.factories import propose

pytestmark = pytest.mark.django_db

TOO_DEEP = (
    f"The JSON body nests objects and lists more than {limits.JSON_DEPTH_MAX} levels deep; "
    "no request needs more than a few."
)


def nested(depth: int) -> str:
    """`depth` levels of objects and lists, as `{"a": [{"a": [...]}]}`."""
    opening = "".join('{"a": ' if level % 2 == 0 else "[" for level in range(depth))
    closing = "".join("}" if level % 2 == 0 else "]" for level in reversed(range(depth)))
    return f"{opening}1{closing}"


def parse(text: str):
    return JSONParser().parse(io.BytesIO(text.encode()))


def test_json_as_deep_as_the_limit_is_read():
    assert json.dumps(parse(nested(limits.JSON_DEPTH_MAX))) == nested(limits.JSON_DEPTH_MAX)


@pytest.mark.parametrize(
    "depth", [limits.JSON_DEPTH_MAX + 1, 900, 100_000], ids=["one-past", "900", "100000"]
)
def test_json_deeper_than_the_limit_is_refused(depth):
    """900 levels parse, and are measured; 100,000 exhaust the parser's stack first."""
    with pytest.raises(ParseError, match="levels deep"):
        parse(nested(depth))


@pytest.fixture
def endpoints(kidal, editor, api_client, editor_client, reviewer_client):
    """Each endpoint that reads a JSON body, and a client allowed to post to it."""
    proposal = propose(kidal, {"lead": "A new lead."}, author=editor)
    return {
        "token": (api_client, "POST", "/api/auth/token/"),
        "propose": (editor_client, "POST", f"/api/articles/{kidal.slug}/proposals/"),
        "rework": (editor_client, "PATCH", f"/api/proposals/{proposal.pk}/"),
        "reject": (reviewer_client, "POST", f"/api/proposals/{proposal.pk}/reject/"),
    }


@pytest.mark.parametrize("endpoint", ["token", "propose", "rework", "reject"])
@pytest.mark.parametrize("depth", [limits.JSON_DEPTH_MAX + 1, 100_000], ids=["past", "100000"])
def test_deeply_nested_json_is_a_400_saying_so(endpoints, endpoint, depth):
    client, method, url = endpoints[endpoint]

    response = client.generic(method, url, nested(depth), content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"detail": TOO_DEEP, "errors": {"non_field_errors": [TOO_DEEP]}}
