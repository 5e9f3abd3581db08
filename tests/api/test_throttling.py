"""Rate limits: anonymous requests per address, writes per account, token requests per
address; the request over the limit is a 429 that says when to retry."""

import pytest
from rest_framework.settings import api_settings

from conflicts.api.throttling import AnonymousReadThrottle, TokenThrottle, WriteThrottle
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RATES = {"anonymous": "3/min", "writes": "2/min", "token": "2/min"}
KIDAL = "/api/articles/second-battle-of-kidal/"


@pytest.fixture(autouse=True)
def tiny_rates(settings, monkeypatch):
    """The rates of RATES, for every throttle of the API, for one test.

    Overriding the setting alone is not enough: DRF copies DEFAULT_THROTTLE_RATES into
    the class attribute `SimpleRateThrottle.THROTTLE_RATES` when rest_framework.throttling
    is first imported, so once anything has imported the throttles, a new setting no
    longer reaches them. The setting is overridden so that the configuration says what
    the throttles do; the class attribute, patched here, is what they read. (DRF reloads
    `api_settings` on Django's `setting_changed`, which the `settings` fixture sends both
    when overriding and when restoring; the explicit reload only makes that visible.)
    """
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": RATES}
    api_settings.reload()
    for throttle in (AnonymousReadThrottle, WriteThrottle, TokenThrottle):
        monkeypatch.setattr(throttle, "THROTTLE_RATES", RATES)
    assert api_settings.DEFAULT_THROTTLE_RATES == RATES


def proposal(n: int) -> dict:
    return {"summary": f"Correction {n}", "infobox": {"Strength2": f"{n}00"}}


def test_the_anonymous_request_over_the_limit_is_a_429(api_client, kidal):
    statuses = [api_client.get(KIDAL).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]


def test_a_429_says_when_to_retry(api_client, kidal):
    for _ in range(3):
        api_client.get(KIDAL)

    response = api_client.get(KIDAL)

    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json()["detail"]


def test_signed_in_readers_are_not_held_to_the_anonymous_limit(editor_client, kidal):
    assert [editor_client.get(KIDAL).status_code for _ in range(5)] == [200] * 5


def test_the_write_over_an_accounts_limit_is_a_429(editor_client, kidal):
    statuses = [
        editor_client.post(f"{KIDAL}proposals/", proposal(n), format="json").status_code
        for n in range(3)
    ]

    assert statuses == [201, 201, 429]


def test_a_throttled_account_still_reads_and_others_still_write(editor_client, token_client, kidal):
    for n in range(3):
        editor_client.post(f"{KIDAL}proposals/", proposal(n), format="json")
    other = token_client(UserFactory(username="bo"))

    assert other.post(f"{KIDAL}proposals/", proposal(7), format="json").status_code == 201
    assert editor_client.get(KIDAL).status_code == 200
    assert editor_client.get("/api/proposals/").status_code == 200


def test_the_token_request_over_the_limit_is_a_429_even_with_the_right_password(api_client, editor):
    credentials = {"username": "ada", "password": "correct horse battery staple"}

    statuses = [
        api_client.post("/api/auth/token/", credentials, format="json").status_code
        for _ in range(3)
    ]

    assert statuses == [200, 200, 429]


# --- Which address is counted -----------------------------------------------------------


def test_rotating_x_forwarded_for_lifts_no_token_limit(api_client, editor):
    credentials = {"username": "ada", "password": "correct horse battery staple"}

    statuses = [
        api_client.post(
            "/api/auth/token/", credentials, format="json", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}"
        ).status_code
        for n in range(3)
    ]

    assert statuses == [200, 200, 429]


def test_rotating_x_forwarded_for_lifts_no_anonymous_limit(api_client, kidal):
    statuses = [
        api_client.get(KIDAL, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(4)
    ]

    assert statuses == [200, 200, 200, 429]


def test_behind_a_trusted_proxy_the_right_most_forwarded_address_is_counted(
    api_client, kidal, settings
):
    settings.TRUSTED_PROXY_COUNT = 1

    def read(forwarded):
        return api_client.get(KIDAL, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)

    statuses = [read(f"192.0.2.{n}, 203.0.113.7").status_code for n in range(4)]

    assert statuses == [200, 200, 200, 429]
    assert read("203.0.113.8").status_code == 200
