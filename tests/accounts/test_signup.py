"""Signing up: a valid form makes a signed-in editor; anything else creates nothing."""

import pytest
from django.contrib import auth
from django.test import Client
from django.urls import reverse

from accounts.forms import RESERVED_USERNAMES
from accounts.models import User
from accounts.roles import is_reviewer
from accounts.urls import urlpatterns as account_urlpatterns
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STRONG_PASSWORD = "ravens over the Adrar"


def sign_up(client, *, address="127.0.0.1", forwarded=None, **fields):
    data = {
        "username": "fatou",
        "email": "fatou@example.org",
        "password1": STRONG_PASSWORD,
        "password2": STRONG_PASSWORD,
    }
    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    return client.post(reverse("signup"), data | fields, REMOTE_ADDR=address, **headers)


def assert_signed_out(client):
    assert not auth.get_user(client).is_authenticated


def test_signing_up_creates_an_editor_signs_them_in_and_goes_home(client):
    response = sign_up(client, email="fatou@example.org")

    assert response.status_code == 302
    assert response.url == "/"
    user = User.objects.get(username="fatou")
    assert user.email == "fatou@example.org"
    assert user.check_password(STRONG_PASSWORD)
    assert not user.is_staff
    assert not user.is_superuser
    assert not is_reviewer(user)
    assert auth.get_user(client) == user


def test_the_email_address_is_required(client):
    response = sign_up(client, email="")

    assert response.status_code == 200
    assert "Give your e-mail address: we send a link to confirm it." in response.content.decode()
    assert not User.objects.filter(username="fatou").exists()


def test_the_signup_page_explains_every_field(client):
    html = client.get(reverse("signup")).content.decode()

    for label in ("Username", "Email", "Password", "Password confirmation"):
        assert f">{label}</label>" in html
    assert "at least 8 characters" in html
    assert 'aria-describedby="id_password1_helptext"' in html


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"password2": "ravens over the Aïr"},
            "password2",
            "The two password fields didn’t match.",
        ),
        ({"password1": "12345678", "password2": "12345678"}, "password2", "too common"),
        ({"password1": "84119276", "password2": "84119276"}, "password2", "entirely numeric"),
        ({"password1": "Kd4!x", "password2": "Kd4!x"}, "password2", "too short"),
        (
            {
                "username": "ag-alhousseini",
                "password1": "agalhousseini",
                "password2": "agalhousseini",
            },
            "password2",
            "too similar to the username",
        ),
        ({"username": ""}, "username", "This field is required."),
        ({"username": "fatou diallo"}, "username", "Enter a valid username."),
        ({"username": "Signup"}, "username", "reserved for a page of the site"),
        ({"email": "fatou@"}, "email", "Enter a valid email address."),
    ],
)
def test_an_invalid_signup_shows_the_fields_message_and_creates_nobody(
    client, fields, field, message
):
    response = sign_up(client, **fields)

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert message in response.content.decode()
    assert not User.objects.exists()
    assert_signed_out(client)


def test_a_taken_username_is_refused_whatever_its_case(client):
    UserFactory(username="fatou")

    response = sign_up(client, username="Fatou")

    assert response.status_code == 200
    assert response.context["form"].errors["username"] == [
        "A user with that username already exists."
    ]
    assert User.objects.count() == 1
    assert_signed_out(client)


def test_every_fixed_accounts_path_is_a_reserved_username():
    fixed = {
        str(pattern.pattern).split("/")[0]
        for pattern in account_urlpatterns
        if "<" not in str(pattern.pattern)
    }

    assert fixed <= RESERVED_USERNAMES


@pytest.mark.parametrize(
    ("next_url", "destination"),
    [
        ("/articles/second-battle-of-kidal/history/", "/articles/second-battle-of-kidal/history/"),
        ("/?q=Kidal", "/?q=Kidal"),
        ("https://evil.example/", "/"),
        ("//evil.example/phish", "/"),
        ("javascript:alert(1)", "/"),
        ("", "/"),
        ("/accounts/login/?next=/articles/kidal/", "/articles/kidal/"),
        ("/accounts/login/?next=https://evil.example/", "/"),
        # A relative address, not the name of a view (which redirect() would look up).
        ("3", "3"),
    ],
)
def test_after_signing_up_only_a_next_on_this_site_is_followed(client, next_url, destination):
    response = sign_up(client, next=next_url)

    assert response.status_code == 302
    assert response.url == destination


def test_the_signup_page_keeps_a_safe_next_and_drops_an_unsafe_one(client):
    safe = client.get(reverse("signup"), {"next": "/articles/kidal/"}).content.decode()
    unsafe = client.get(reverse("signup"), {"next": "https://evil.example/"}).content.decode()

    assert 'name="next" value="/articles/kidal/"' in safe
    assert 'name="next" value=""' in unsafe


def test_a_signed_in_editor_opening_signup_is_sent_on(client, editor):
    client.force_login(editor)

    response = client.get(reverse("signup"), {"next": "/articles/kidal/"})

    assert response.status_code == 302
    assert response.url == "/articles/kidal/"


def test_a_signed_in_editor_sent_on_to_a_bare_word_is_redirected_there(client, editor):
    """Found by fuzzing: "3" is a relative address, not a view for redirect() to name."""
    client.force_login(editor)

    response = client.get(reverse("signup"), {"next": "3"})

    assert response.status_code == 302
    assert response.url == "3"


# --- How many sign-ups one address may make ---------------------------------------------


@pytest.fixture
def two_signups_an_hour(settings):
    settings.SIGNUP_RATE = "2/hour"


def sign_ups(count: int, **request) -> list[int]:
    """The statuses of `count` sign-ups of new accounts, each by a new visitor."""
    return [sign_up(Client(), username=f"fatou{n}", **request).status_code for n in range(count)]


@pytest.mark.usefixtures("two_signups_an_hour")
def test_sign_ups_past_the_rate_from_one_address_are_refused_with_when_to_try_again():
    assert sign_ups(2) == [302, 302]

    response = sign_up(Client(), username="moussa")

    assert response.status_code == 429
    assert 3500 < int(response["Retry-After"]) <= 3600
    html = response.content.decode()
    assert "Too many sign-ups from your address. Try again in 1\xa0hour." in html
    assert "<h1>Create an account</h1>" in html
    assert not User.objects.filter(username="moussa").exists()


@pytest.mark.usefixtures("two_signups_an_hour")
def test_another_address_may_still_sign_up():
    sign_ups(2)

    assert sign_up(Client(), username="moussa", address="198.51.100.2").status_code == 302


@pytest.mark.usefixtures("two_signups_an_hour")
def test_rotating_x_forwarded_for_lifts_no_sign_up_limit():
    statuses = [
        sign_up(Client(), username=f"fatou{n}", forwarded=f"203.0.113.{n}").status_code
        for n in range(3)
    ]

    assert statuses == [302, 302, 429]


@pytest.mark.usefixtures("two_signups_an_hour")
def test_behind_a_trusted_proxy_sign_ups_are_counted_for_the_right_most_forwarded_address(
    settings,
):
    settings.TRUSTED_PROXY_COUNT = 1

    assert sign_ups(3, address="10.0.0.2", forwarded="192.0.2.1, 203.0.113.7") == [302, 302, 429]
    response = sign_up(Client(), username="moussa", address="10.0.0.2", forwarded="203.0.113.8")
    assert response.status_code == 302
