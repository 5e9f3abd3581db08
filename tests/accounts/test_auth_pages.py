"""Signing in and out and changing a password, with Django's views and Annals' pages."""

import pytest
from django.contrib import auth
from django.urls import resolve, reverse

from accounts import views

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/accounts/login/", "login"),
        ("/accounts/logout/", "logout"),
        ("/accounts/signup/", "signup"),
        ("/accounts/password_change/", "password_change"),
        ("/accounts/password_change/done/", "password_change_done"),
        ("/accounts/ada/", "user_profile"),
    ],
)
def test_user_pages_do_not_shadow_the_fixed_accounts_paths(path, name):
    assert resolve(path).url_name == name


def test_the_user_page_url_is_named_for_the_username():
    assert resolve(reverse("user_profile", args=["ada"])).func is views.user_profile


def test_the_sign_in_page_links_to_sign_up_with_the_same_next(client):
    html = client.get(reverse("login"), {"next": "/articles/kidal/"}).content.decode()

    assert 'href="/accounts/signup/?next=/articles/kidal/"' in html
    assert 'name="next" value="/articles/kidal/"' in html


def test_signing_in_returns_to_next_and_signing_out_takes_a_post(client, editor):
    response = client.post(
        reverse("login"), {"username": "ada", "password": PASSWORD, "next": "/articles/kidal/"}
    )
    assert response.url == "/articles/kidal/"
    assert auth.get_user(client) == editor

    assert client.get(reverse("logout")).status_code == 200  # a page offering the button
    assert auth.get_user(client) == editor

    response = client.post(reverse("logout"))
    assert response.url == "/"
    assert not auth.get_user(client).is_authenticated


def test_a_wrong_password_is_refused_with_a_message(client, editor):
    response = client.post(reverse("login"), {"username": "ada", "password": "not it"})

    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert not auth.get_user(client).is_authenticated


def test_changing_the_password_needs_a_signed_in_user(client):
    response = client.get(reverse("password_change"))

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={reverse('password_change')}"


def test_a_user_changes_their_password_and_stays_signed_in(client, editor):
    client.force_login(editor)
    page = client.get(reverse("password_change")).content.decode()
    assert "<h1>Change your password</h1>" in page

    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "dunes after the rain",
            "new_password2": "dunes after the rain",
        },
        follow=True,
    )

    assert response.redirect_chain == [(reverse("password_change_done"), 302)]
    assert "<h1>Password changed</h1>" in response.content.decode()
    editor.refresh_from_db()
    assert editor.check_password("dunes after the rain")
    assert auth.get_user(client) == editor


def test_a_wrong_current_password_changes_nothing(client, editor):
    client.force_login(editor)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": "not it",
            "new_password1": "dunes after the rain",
            "new_password2": "dunes after the rain",
        },
    )

    assert response.status_code == 200
    assert "Your old password was entered incorrectly" in response.content.decode()
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)
