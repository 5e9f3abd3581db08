"""The API describes itself: an OpenAPI 3 schema the running server keeps to, whatever it is
sent, and interactive docs built only from the project's own assets."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
import schemathesis
from django.contrib.staticfiles import finders
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    ignored_auth,
    negative_data_rejection,
    positive_data_acceptance,
)

from accounts.tokens import api_token_create
from conflicts.api import throttling
from conflicts.models import Proposal
from conflicts.services.importing import article_import
from tests.conftest import SEED_FILES
from tests.factories import ReviewerFactory, UserFactory, propose

SCHEMA = "/api/schema/"
OPERATIONS = {
    ("get", "/api/articles/"),
    ("get", "/api/articles/{slug}/"),
    ("get", "/api/articles/{slug}/revisions/"),
    ("get", "/api/articles/{slug}/revisions/{revision_id}/"),
    ("get", "/api/articles/{slug}/compare/"),
    ("post", "/api/articles/{slug}/proposals/"),
    ("post", "/api/auth/token/"),
    ("get", "/api/proposals/"),
    ("get", "/api/proposals/{id}/"),
    ("patch", "/api/proposals/{id}/"),
    ("post", "/api/proposals/{id}/approve/"),
    ("post", "/api/proposals/{id}/reject/"),
    ("post", "/api/proposals/{id}/withdraw/"),
}
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


@pytest.fixture
def openapi(api_client, db) -> dict:
    response = api_client.get(SCHEMA, {"format": "json"})
    assert response.status_code == 200
    return response.json()


def operations(openapi: dict) -> dict[tuple[str, str], dict]:
    return {
        (method, path): operation
        for path, item in openapi["paths"].items()
        for method, operation in item.items()
        if method in HTTP_METHODS
    }


# --- The schema -----------------------------------------------------------------------------


def test_the_schema_is_openapi_3(openapi):
    assert openapi["openapi"].startswith("3.")


def test_the_schema_is_valid_openapi(openapi):
    schemathesis.openapi.from_dict(openapi).validate()  # raises when it is not


def test_the_schema_is_served_as_json_when_asked_for_it(api_client, db):
    response = api_client.get(SCHEMA, HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


def test_every_operation_of_the_api_is_described(openapi):
    assert OPERATIONS - set(operations(openapi)) == set()


def test_every_operation_documents_its_responses(openapi):
    assert [
        key for key, operation in operations(openapi).items() if not operation["responses"]
    ] == []


@pytest.mark.parametrize("code", ["429", "503"])
def test_every_operation_documents_429_and_503(openapi, code):
    missing = [
        key for key, operation in operations(openapi).items() if code not in operation["responses"]
    ]

    assert missing == []


def test_every_operation_that_reads_a_body_documents_413(openapi):
    missing = [
        key
        for key, operation in operations(openapi).items()
        if "requestBody" in operation and "413" not in operation["responses"]
    ]

    assert missing == []


def needs_credentials(openapi: dict, operation: dict) -> bool:
    """Whether every security alternative of the operation asks for some credential."""
    security = operation.get("security", openapi.get("security", []))
    return bool(security) and {} not in security


# Anyone may read an approved proposal; the others answer 404 to whoever may not see them.
# An approved proposal, and its discussion, are public.
OPEN_TO_ANYONE = {
    ("post", "/api/auth/token/"),
    ("get", "/api/proposals/{id}/"),
    ("get", "/api/proposals/{id}/comments/"),
}


def test_writes_and_proposals_require_credentials(openapi):
    open_to_anyone = [
        key
        for key, operation in operations(openapi).items()
        if (key[0] != "get" or key[1].startswith("/api/proposals/"))
        and key not in OPEN_TO_ANYONE
        and not needs_credentials(openapi, operation)
    ]

    assert open_to_anyone == []


def test_an_approved_proposal_can_be_read_without_credentials(openapi):
    assert not needs_credentials(openapi, operations(openapi)[("get", "/api/proposals/{id}/")])


def test_reworking_a_proposal_documents_every_refusal(openapi):
    responses = operations(openapi)[("patch", "/api/proposals/{id}/")]["responses"]

    assert {"200", "400", "401", "403", "404", "409", "429"} <= set(responses)


def test_reworking_a_proposal_takes_a_partial_document_where_null_drops_a_part(openapi):
    body = operations(openapi)[("patch", "/api/proposals/{id}/")]["requestBody"]
    schema = body["content"]["application/json"]["schema"]
    name = schema["$ref"].rsplit("/", 1)[-1]
    properties = openapi["components"]["schemas"][name]["properties"]

    assert {"summary", "source", "base_revision", "title", "lead", "infobox"} <= set(properties)
    assert properties["lead"].get("nullable") is True
    assert "required" not in openapi["components"]["schemas"][name]


# Whether you watch an article is about you, not the article.
PERSONAL = {("get", "/api/articles/{slug}/watch/")}


def test_reads_of_articles_need_no_credentials(openapi):
    assert [
        key
        for key, operation in operations(openapi).items()
        if key[0] == "get"
        and key[1].startswith("/api/articles/")
        and key not in PERSONAL
        and needs_credentials(openapi, operation)
    ] == []


def test_the_token_operation_documents_wrong_credentials(openapi):
    assert "400" in operations(openapi)[("post", "/api/auth/token/")]["responses"]


def test_the_token_operation_needs_no_credentials(openapi):
    assert not needs_credentials(openapi, operations(openapi)[("post", "/api/auth/token/")])


@pytest.mark.parametrize("path", ["/api/articles/", "/api/proposals/"])
def test_a_list_documents_the_404_of_a_page_out_of_range(openapi, path):
    assert "404" in operations(openapi)[("get", path)]["responses"]


def test_a_page_out_of_range_is_a_404(api_client, db):
    response = api_client.get("/api/articles/", {"page": 2})

    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}


def test_any_slug_gets_a_json_404(api_client, db):
    response = api_client.get("/api/articles/%C2%84/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "url",
    ["/api/articles/second-battle-of-kidal/revisions/abc/", "/api/proposals/0.5/"],
    ids=["revision-word", "proposal-fraction"],
)
def test_any_id_gets_a_json_404(reviewer_client, kidal, url):
    response = reviewer_client.get(url)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_an_unreviewed_proposals_reviewer_is_documented_as_nullable(openapi):
    reviewer = openapi["components"]["schemas"]["Proposal"]["properties"]["reviewer"]

    assert reviewer.get("nullable") is True


@pytest.mark.parametrize("page_size", ["ten", "0", "-1", "101", ""])
def test_a_page_size_outside_1_to_100_is_a_400(api_client, db, page_size):
    response = api_client.get("/api/articles/", {"page_size": page_size})

    assert response.status_code == 400
    assert "page_size" in response.json()["errors"]


@pytest.mark.parametrize("path", ["/api/articles/", "/api/proposals/"])
def test_the_page_size_is_documented_from_1_to_100(openapi, path):
    (page_size,) = [
        p for p in operations(openapi)[("get", path)]["parameters"] if p["name"] == "page_size"
    ]

    assert (page_size["schema"].get("minimum"), page_size["schema"].get("maximum")) == (1, 100)


# --- Every shape is described ---------------------------------------------------------------

COMPOSITIONS = ("allOf", "oneOf", "anyOf")
NO_BODY = {"204", "304"}


def untyped(schema, where: str) -> list[str]:
    """Where `schema` or a schema inside it leaves its shape open, as "where: why".

    A schema is typed when it has a `type`, is a `$ref` or an enum, or composes typed
    schemas; an object lists its properties or types its additional ones; an array types
    its items.
    """
    if not isinstance(schema, dict):
        return [f"{where}: not a schema"]
    if "$ref" in schema or "enum" in schema:
        return []
    composed = [(key, part) for key in COMPOSITIONS for part in schema.get(key, [])]
    if composed:
        return [
            problem
            for index, (key, part) in enumerate(composed)
            for problem in untyped(part, f"{where}/{key}/{index}")
        ]
    if "type" not in schema:
        return [f"{where}: no type"]
    problems = []
    if schema["type"] == "object":
        extra = schema.get("additionalProperties", False)
        if extra is True or extra == {}:
            problems.append(f"{where}: untyped additionalProperties")
        elif extra is not False:
            problems += untyped(extra, f"{where}/additionalProperties")
        elif not schema.get("properties"):
            problems.append(f"{where}: a bare object")
    if schema["type"] == "array":
        problems += untyped(schema.get("items"), f"{where}/items")
    for name, inner in schema.get("properties", {}).items():
        problems += untyped(inner, f"{where}/properties/{name}")
    return problems


def untyped_in_document(openapi: dict) -> list[str]:
    """`untyped` over every schema of the document: components, parameters, request
    bodies and responses; and every response but a 204 or 304 without a body."""
    problems = [
        problem
        for name, schema in openapi["components"]["schemas"].items()
        for problem in untyped(schema, f"#/components/schemas/{name}")
    ]
    for (method, path), operation in operations(openapi).items():
        at = f"{method.upper()} {path}"
        for parameter in operation.get("parameters", []):
            problems += untyped(parameter.get("schema"), f"{at} parameter {parameter['name']}")
        for media, body in operation.get("requestBody", {}).get("content", {}).items():
            problems += untyped(body.get("schema"), f"{at} request {media}")
        for code, response in operation["responses"].items():
            if code in NO_BODY:
                continue
            if not response.get("content"):
                problems.append(f"{at} {code}: no body described")
            for media, body in response.get("content", {}).items():
                problems += untyped(body.get("schema"), f"{at} {code} {media}")
    return problems


def resolve(openapi: dict, schema: dict) -> dict:
    """`schema` with `$ref`s, and an `allOf` of one (how a described field refers to a
    component), followed to the component."""
    while True:
        if "$ref" in schema:
            schema = openapi["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
        elif len(schema.get("allOf", [])) == 1:
            schema = schema["allOf"][0]
        else:
            return schema


def response_schema(openapi: dict, method: str, path: str, code: str) -> dict:
    response = operations(openapi)[(method, path)]["responses"][code]
    return resolve(openapi, response["content"]["application/json"]["schema"])


def test_every_schema_has_a_type_and_every_object_its_properties(openapi):
    assert untyped_in_document(openapi) == []


def test_the_check_for_types_finds_open_shapes():
    assert untyped(
        {
            "type": "object",
            "properties": {
                "changes": {"readOnly": True},
                "diff": {"type": "object", "additionalProperties": {}},
                "extra": {"type": "object", "additionalProperties": True},
                "bare": {"type": "object"},
                "items": {"type": "array"},
                "either": {"oneOf": [{"type": "string"}, {"nullable": True}]},
            },
        },
        "#",
    ) == [
        "#/properties/changes: no type",
        "#/properties/diff: untyped additionalProperties",
        "#/properties/extra: untyped additionalProperties",
        "#/properties/bare: a bare object",
        "#/properties/items/items: not a schema",
        "#/properties/either/oneOf/1: no type",
    ]


def properties(openapi: dict, schema: dict) -> dict:
    """The properties of `schema`, each followed to its component."""
    return {
        name: resolve(openapi, inner)
        for name, inner in resolve(openapi, schema).get("properties", {}).items()
    }


def test_the_compare_result_describes_its_diff_down_to_the_word_runs(openapi):
    compare = response_schema(openapi, "get", "/api/articles/{slug}/compare/", "200")
    diff = properties(openapi, compare)["diff"]
    parts = properties(openapi, diff)

    assert set(diff["required"]) == {
        "is_empty",
        "changed_fields",
        "changed_characters",
        "title",
        "lead",
        "infobox",
        "sections",
        "references",
        "coordinates",
    }
    assert set(properties(openapi, parts["infobox"]["items"])) == {
        "key",
        "old",
        "new",
        "change",
        "runs",
    }
    section = properties(openapi, parts["sections"]["items"])
    assert section["change"]["enum"] == ["added", "removed", "changed"]
    assert {"moved", "old_level", "new_level", "heading_runs", "body_runs"} <= set(section)
    run = properties(openapi, parts["title"]["items"])
    assert (run["op"]["enum"], run["text"]["type"]) == (["equal", "insert", "delete"], "string")
    sides = properties(openapi, parts["coordinates"])
    assert properties(openapi, sides["old"])["lat"]["type"] == "string"


def test_a_proposals_diff_is_described_as_the_compare_results_is(openapi):
    proposal = response_schema(openapi, "get", "/api/proposals/{id}/", "200")
    compare = response_schema(openapi, "get", "/api/articles/{slug}/compare/", "200")

    assert properties(openapi, proposal)["diff"] == properties(openapi, compare)["diff"]


def test_a_proposals_changes_are_described_with_every_part_optional(openapi):
    changes = properties(openapi, openapi["components"]["schemas"]["Proposal"])["changes"]
    parts = properties(openapi, changes)

    assert set(parts) == {
        "title",
        "lead",
        "infobox",
        "infobox_order",
        "sections",
        "references",
        "coordinates",
    }
    assert "required" not in changes
    assert parts["infobox"]["additionalProperties"] == {"type": "string", "nullable": True}
    assert parts["infobox_order"]["items"] == {"type": "string"}
    assert set(properties(openapi, parts["sections"]["items"])) == {
        "id",
        "heading",
        "level",
        "body",
    }
    assert set(properties(openapi, parts["references"]["items"])) == {"id", "text", "url"}
    assert changes["properties"]["coordinates"].get("nullable") is True
    assert properties(openapi, parts["coordinates"])["lat"]["type"] == "string"


def documented_failures(openapi: dict, code: str) -> dict[tuple[str, str], dict]:
    """Each operation's schema for a `code` answer, for the operations that document one."""
    return {
        key: response_schema(openapi, *key, code)
        for key, operation in operations(openapi).items()
        if code in operation["responses"]
    }


def test_every_400_lists_the_problems_by_field(openapi):
    failures = documented_failures(openapi, "400")
    errors = {"type": "array", "items": {"type": "string"}}

    assert len(failures) >= 5
    assert [
        key
        for key, schema in failures.items()
        if set(schema["required"]) != {"detail", "errors"}
        or schema["properties"]["errors"]["additionalProperties"] != errors
    ] == []


def test_every_409_has_a_detail_and_may_name_the_clashing_parts(openapi):
    failures = documented_failures(openapi, "409")

    assert len(failures) >= 4
    assert [
        key
        for key, schema in failures.items()
        if schema["required"] != ["detail"]
        or schema["properties"]["conflicts"]["items"] != {"type": "string"}
    ] == []


@pytest.mark.parametrize("code", ["401", "403", "404", "413", "429", "503"])
def test_every_other_failure_is_a_detail(openapi, code):
    failures = documented_failures(openapi, code)

    assert failures
    assert [
        key
        for key, schema in failures.items()
        if set(schema["properties"]) != {"detail"} or schema["required"] != ["detail"]
    ] == []


@pytest.mark.parametrize(
    "path", ["/api/articles/", "/api/articles/{slug}/revisions/", "/api/proposals/"]
)
def test_a_list_is_described_as_a_page_of_count_next_previous_and_results(openapi, path):
    page = response_schema(openapi, "get", path, "200")

    assert page["type"] == "object"
    assert set(page["properties"]) == {"count", "next", "previous", "results"}
    assert page["properties"]["results"]["items"]["$ref"]


def test_a_body_that_does_not_parse_is_a_400_with_errors(editor_client, kidal):
    response = editor_client.generic(
        "POST",
        "/api/articles/second-battle-of-kidal/proposals/",
        '{"summary": ',
        content_type="application/json",
    )

    assert response.status_code == 400
    body = response.json()
    assert body["errors"] == {"non_field_errors": [body["detail"]]}
    assert "parse" in body["detail"]


# --- The docs -------------------------------------------------------------------------------

ASSET = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"']+)["']""")


@pytest.fixture
def docs(api_client, db) -> str:
    response = api_client.get("/api/docs/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    return response.content.decode()


def test_the_docs_load_nothing_from_other_hosts(docs):
    assert [url for url in ASSET.findall(docs) if re.match(r"(?:[a-z]+:)?//", url)] == []


def test_the_docs_assets_are_the_projects_own_static_files(docs):
    assets = [url for url in ASSET.findall(docs) if url.startswith("/static/")]

    assert len(assets) >= 3  # the stylesheet and the two scripts at least
    assert [url for url in assets if not finders.find(url.removeprefix("/static/"))] == []


def test_the_docs_assets_are_served(docs, api_client):
    scripts = [url for url in ASSET.findall(docs) if url.endswith(".js")]

    assert [url for url in scripts if api_client.get(url).status_code != 200] == []


def test_the_docs_read_the_local_schema(docs, api_client):
    # The start-up script is the docs view's own `?script` response, not inline (CSP).
    [start_up] = [url for url in ASSET.findall(docs) if url.startswith("/api/docs/")]
    script = api_client.get(start_up).content.decode()

    assert '"/api/schema/"' in script or "'/api/schema/'" in script


# --- The running server keeps to the schema -------------------------------------------------


@dataclass(frozen=True)
class Exemption:
    """Responses that fail some checks for a known reason, and exactly those checks.

    Every other response gets every check, and these responses get all the others.
    """

    reason: str
    checks: tuple[Callable, ...]
    applies: Callable  # (case, response) -> bool


def _violated(case) -> set[str]:
    """The parameters a negative case was made to violate; empty when not recorded."""
    data = case.meta.phase.data if case.meta is not None else None
    if data is None:
        return set()
    return {data.parameter, *(mutation.parameter for mutation in data.mutations)} - {None}


def _blank(values: list[str] | None) -> bool:
    """Not sent, or sent empty, commas aside; of repeats Django reads the last."""
    return values is None or not values[-1].strip(",")


def _empty_filter_accepted(case, response) -> bool:
    """Every parameter the case violates was sent empty (no filter: as meant) or not at
    all (an object serialises to nothing)."""
    sent = parse_qs(urlsplit(response.request.url).query, keep_blank_values=True)
    violated = _violated(case)
    return (
        response.status_code == 200
        and bool(violated)
        and all(_blank(sent.get(name)) for name in violated)
    )


def _wrong_credentials_refused(case, response) -> bool:
    return case.operation.path == "/api/auth/token/" and response.status_code == 400


def _a_proposals_action(case, response) -> bool:
    return case.operation.path.startswith("/api/proposals/{id}/")


def _a_new_article_refused_by_a_rule(case, response) -> bool:
    return (
        case.operation.method.upper() == "POST"
        and case.operation.path == "/api/articles/"
        and response.status_code == 400
    )


EXEMPTIONS = (
    Exemption(
        # An empty query parameter means "no filter" (and commas alone "no ordering"), as
        # the HTML search form sends it: see test_reading.py::test_an_empty_filter_is_no_filter.
        "Not a bug: an empty filter is no filter",
        (negative_data_rejection,),
        _empty_filter_accepted,
    ),
    Exemption(
        # Wrong credentials are schema-valid yet rightly refused, with DRF's 400.
        # Schemathesis exempts credential-minting operations from this check only when
        # the schema names them as an OAuth2 `tokenUrl`, which DRF's token scheme lacks.
        "Not a bug: wrong credentials are refused with 400",
        (positive_data_acceptance,),
        _wrong_credentials_refused,
    ),
    Exemption(
        # Sent without credentials, an action on a proposal the requester may not see
        # answers 404, not 401, so that its existence is not given away; the check wants
        # 401 or 403. test_published_only.py checks each route's answer to anonymous
        # requests (404 unless approved, then 401).
        "Not a bug: a hidden proposal is a 404 to anonymous requests too",
        (ignored_auth,),
        _a_proposals_action,
    ),
    Exemption(
        # Every generated body reaches the rules of a new article, which the schema cannot
        # state: a title no published article has, a web address Django's validator
        # takes (a host label of at most 63 characters), citations of references it has.
        # test_new_articles.py checks each refusal's message.
        "Not a bug: a schema-valid new article may break a rule the schema cannot state",
        (positive_data_acceptance,),
        _a_new_article_refused_by_a_rule,
    ),
)


def call_and_validate(case, headers=None, exemptions=EXEMPTIONS):
    """`case.call_and_validate`, split so that the exemptions can see the response."""
    response = case.call(headers=headers)
    exempt = [check for e in exemptions if e.applies(case, response) for check in e.checks]
    case.validate_response(
        response,
        headers=headers,
        excluded_checks=exempt,
        transport_kwargs={"headers": headers} if headers else None,
    )


@pytest.fixture
def api_schema(request, live_server, transactional_db, monkeypatch):
    """The schema as the live server serves it, over the seed articles and a pending
    proposal, with throttles too generous to interfere."""
    # schemathesis 4.32.5's from_fixture reads and rewrites `request.node._nodeid`, which
    # pytest 9 no longer has (nodes keep a `NodeId` in `_id`); give it the attribute.
    request.node._nodeid = request.node.nodeid
    # Fuzzing sends hundreds of requests from one address; throttling is tested elsewhere.
    generous = dict.fromkeys(("anonymous", "writes", "token"), "100000/min")
    for throttle in (
        throttling.AnonymousReadThrottle,
        throttling.WriteThrottle,
        throttling.TokenThrottle,
    ):
        monkeypatch.setattr(throttle, "THROTTLE_RATES", generous)
    kidal = [article_import(path=path).article for path in SEED_FILES][-1]
    propose(kidal, {"infobox": {"Strength2": "400"}}, author=UserFactory(username="ada"))
    schema = schemathesis.openapi.from_url(f"{live_server.url}{SCHEMA}?format=json")
    # No made-up credentials: the anonymous run sends none, the other a real token. And no
    # NUL characters in valid data: the API refuses them in any text with a 400 (Django's
    # ProhibitNullCharactersValidator; test_reading and test_writing check it), which an
    # OpenAPI string cannot express.
    schema.config.generation.update(with_security_parameters=False, allow_x00=False)
    return schema


@pytest.fixture
def reviewer_token(transactional_db) -> str:
    return api_token_create(ReviewerFactory(username="rokia"))[1]


schema = schemathesis.pytest.from_fixture("api_schema")
FUZZING = settings(
    max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None
)
# Small ids, so that generated ids hit the seeded articles, revisions and proposal.
SMALL_IDS = pytest.mark.django_db(transaction=True, reset_sequences=True)


@SMALL_IDS
@schema.parametrize()
@FUZZING
def test_anonymous_requests_get_schema_conforming_answers(case):
    call_and_validate(case)


# Revoking a token by a generated id would revoke, sooner or later, the run's own token and
# sign out the rest of the run; tests/api/test_tokens.py covers revoking.
@SMALL_IDS
@schema.exclude(method="DELETE", path="/api/auth/tokens/{id}/").parametrize()
@FUZZING
def test_a_reviewers_requests_get_schema_conforming_answers(case, reviewer_token):
    call_and_validate(case, headers={"Authorization": f"Token {reviewer_token}"})


@pytest.fixture
def author_token(transactional_db) -> str:
    return api_token_create(UserFactory(username="ada"))[1]


REWORK_EXEMPTIONS = (
    *EXEMPTIONS,
    Exemption(
        # What the schema cannot state: that `base_revision` is one of this article's
        # revisions, that the proposal still changes something, that a title has a
        # letter or digit. The body is read as a whole and refused with the rule broken.
        "Not a bug: a schema-valid rework may break a rule the schema cannot state",
        (positive_data_acceptance,),
        lambda case, response: response.status_code == 400,
    ),
)


@SMALL_IDS
@schema.include(method="PATCH").parametrize()
@settings(FUZZING, max_examples=100)
def test_an_authors_reworks_of_their_proposal_get_schema_conforming_answers(case, author_token):
    """Aimed at Ada's own pending proposal, which generated ids would seldom hit."""
    case.path_parameters = {"id": str(Proposal.objects.get().pk)}
    call_and_validate(
        case, headers={"Authorization": f"Token {author_token}"}, exemptions=REWORK_EXEMPTIONS
    )


# --- No server errors, whatever is sent -----------------------------------------------------


@pytest.fixture
def api_schema_any_text(api_schema):
    """The schema, fuzzed with NUL characters in text as well, which the API must refuse
    with a 400 wherever they are: in the path, the query or the body."""
    api_schema.config.generation.update(allow_x00=True)
    return api_schema


any_text = schemathesis.pytest.from_fixture("api_schema_any_text")


@pytest.mark.slow
@SMALL_IDS
@any_text.parametrize()
@settings(FUZZING, max_examples=40)
def test_no_request_valid_or_not_is_answered_with_a_server_error(case, reviewer_token):
    response = case.call(headers={"Authorization": f"Token {reviewer_token}"})

    assert response.status_code < 500, (
        f"{case.method} {response.request.url} answered {response.status_code}: "
        f"{response.text[:500]}"
    )


def test_the_schema_states_its_version_within_api_v1(openapi):
    major, minor, _ = (int(part) for part in openapi["info"]["version"].split("."))

    assert major == 1
    assert minor >= 2
