"""Signing up: a valid form makes a signed-in editor; anything else creates nothing."""

import pytest
from django.contrib import auth
from django.urls import reverse

from accounts.forms import RESERVED_USERNAMES
from accounts.models import User
from accounts.roles import is_reviewer
from accounts.urls import urlpatterns as account_urlpatterns
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STRONG_PASSWORD = "ravens over the Adrar"


def sign_up(client, **fields):
    data = {
        "username": "fatou",
        "email": "",
        "password1": STRONG_PASSWORD,
        "password2": STRONG_PASSWORD,
    }
    return client.post(reverse("signup"), data | fields)


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


def test_the_email_address_is_optional(client):
    sign_up(client)

    assert User.objects.get(username="fatou").email == ""


def test_the_signup_page_explains_every_field(client):
    html = client.get(reverse("signup")).content.decode()

    for label in ("Username", "Email (optional)", "Password", "Password confirmation"):
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
