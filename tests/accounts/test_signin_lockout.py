"""Failed sign-ins are counted in the database per (account, address) and per address, on
the sign-in page, the admin and the API token endpoint alike; past a limit the client is
told, with a 429, when to try again, and no header it writes lifts the limit."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib import auth
from django.core.cache import cache
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sign_in_limits")]

PASSWORD = "correct horse battery staple"
HERE = "198.51.100.1"
ELSEWHERE = "198.51.100.2"
TOKEN = "/api/auth/token/"


def sign_in(client, username="ada", password="wrong", address=HERE, **headers):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def admin_sign_in(client, username="ada", password="wrong", address=HERE):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def token(client, username="ada", password="wrong", address=HERE):
    return client.post(
        TOKEN, {"username": username, "password": password}, "application/json", REMOTE_ADDR=address
    )


def assert_locked_out(response):
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    text = (
        response.json()["detail"]
        if response["Content-Type"] == "application/json"
        else (response.content.decode())
    )
    assert "Too many failed sign-ins from your address." in text
    assert "Wait 15\xa0minutes, then try again" in text


def test_the_failure_that_reaches_the_limit_is_answered_with_when_to_try_again(client, editor):
    statuses = [sign_in(client).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    response = sign_in(client, password=PASSWORD)
    assert_locked_out(response)
    assert 'role="alert"' in response.content.decode()
    assert not auth.get_user(client).is_authenticated


def test_the_locked_out_page_is_still_the_sign_in_page(client, editor):
    for _ in range(3):
        response = sign_in(client)

    html = response.content.decode()
    assert "<h1>Sign in</h1>" in html
    assert 'name="username"' in html
    assert 'value="ada"' in html


def test_a_locked_out_account_still_signs_in_from_another_address(client, editor):
    for _ in range(3):
        sign_in(client)

    response = sign_in(client, password=PASSWORD, address=ELSEWHERE)

    assert response.status_code == 302
    assert auth.get_user(client) == editor


def test_failures_on_several_accounts_from_one_address_lock_the_address_out(client):
    bo = UserFactory(username="bo")
    for username in ("ada", "ada", "cy", "cy"):
        assert sign_in(client, username=username).status_code == 200

    assert_locked_out(sign_in(client, username="dee"))
    assert_locked_out(sign_in(client, username="bo", password=PASSWORD))
    assert sign_in(client, username="bo", password=PASSWORD, address=ELSEWHERE).status_code == 302
    assert auth.get_user(client) == bo


def test_the_admin_sign_in_counts_with_the_sign_in_page(client, editor):
    sign_in(client)
    sign_in(client)

    response = admin_sign_in(client)

    assert_locked_out(response)
    assert_locked_out(admin_sign_in(client, password=PASSWORD))


def test_the_token_endpoint_answers_the_apis_error_shape_with_retry_after(client, editor):
    statuses = [token(client).status_code for _ in range(3)]

    assert statuses == [400, 400, 429]
    response = token(client, password=PASSWORD)
    assert_locked_out(response)
    assert set(response.json()) == {"detail"}
    assert token(client, password=PASSWORD, address=ELSEWHERE).status_code == 200


def test_the_lockout_ends_once_the_cool_off_has_passed(client, editor, settings):
    for _ in range(3):
        sign_in(client)
    attempts = AccessAttempt.objects.all()
    for attempt in attempts:
        attempt.attempt_time -= settings.SIGN_IN_COOLOFF + timedelta(seconds=1)
    AccessAttempt.objects.bulk_update(attempts, ["attempt_time"])

    assert sign_in(client, password=PASSWORD).status_code == 302


def test_failures_are_counted_in_the_database_so_losing_the_cache_lifts_no_lockout(client, editor):
    for _ in range(3):
        sign_in(client)

    cache.clear()

    assert AccessAttempt.objects.get().failures_since_start == 3
    assert_locked_out(sign_in(client, password=PASSWORD))


def test_rotating_x_forwarded_for_lifts_no_lockout(client, editor):
    statuses = [
        sign_in(client, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(3)
    ]

    assert statuses == [200, 200, 429]
    assert_locked_out(sign_in(client, password=PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.99"))


def test_behind_a_trusted_proxy_the_right_most_forwarded_address_is_counted(
    client, editor, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    statuses = [
        sign_in(client, address=proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.7").status_code
        for n in range(3)
    ]

    assert statuses == [200, 200, 429]
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"
    response = sign_in(client, password=PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert response.status_code == 302


def test_a_token_request_for_a_username_longer_than_any_accounts_is_a_400(client):
    response = token(client, username="a" * 300)

    assert response.status_code == 400
    assert "username" in response.json()["errors"]
    assert not AccessAttempt.objects.exists()
