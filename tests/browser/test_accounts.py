"""Signing up, signing in, a user's own page and a password change, in Chromium."""

import re

import httpx
import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts.models import User
from accounts.roles import REVIEWERS_GROUP
from conflicts.models import Proposal
from tests.browser.test_corrections import sign_in
from tests.factories import UserFactory, publish

pytestmark = pytest.mark.browser

PASSWORD = "ravens over the Adrar"


def test_a_visitor_signs_up_from_the_header_and_finds_their_own_page(page, screenshot):
    page.goto("/")
    account = page.get_by_role("navigation", name="Account")
    account.get_by_role("link", name="Sign up").click()

    expect(page.get_by_role("heading", name="Create an account")).to_be_visible()
    page.get_by_label("Username").fill("fatou")
    page.get_by_label("Email", exact=True).fill("fatou@example.org")
    page.get_by_label("Password", exact=True).fill("12345678")
    page.get_by_label("Password confirmation").fill("12345678")
    page.get_by_role("button", name="Create account").click()

    expect(page.get_by_text("This password is too common.")).to_be_visible()
    screenshot("signup")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("status")).to_contain_text("Welcome to Annals, fatou")
    expect(account.get_by_role("link", name="Sign in")).to_have_count(0)

    fatou = User.objects.get(username="fatou")
    first = publish(author=fatou, title="Second Battle of Ménaka", summary="New article")
    Proposal.objects.create(
        article=first.article,
        author=fatou,
        base_revision=first,
        changes={"lead": "secret pending text"},
        summary="Casualties as in the body: 50 killed, 40 wounded",
    )
    account.get_by_role("link", name="fatou").click()

    expect(page.get_by_role("heading", name="fatou", level=1)).to_be_visible()
    expect(
        page.get_by_role("status").filter(has_text="Confirm your e-mail address")
    ).to_contain_text("follow the link we sent to fatou@example.org")
    screenshot("signed-up-profile")
    contributions = page.get_by_role("region", name=re.compile("Published contributions"))
    expect(
        contributions.get_by_role("row", name=re.compile("Second Battle of Ménaka"))
    ).to_contain_text("New article")
    proposals = page.get_by_role("region", name=re.compile("Your proposals"))
    expect(proposals).to_contain_text("Casualties as in the body")
    expect(proposals).to_contain_text("Pending review")
    expect(page.get_by_text("secret pending text")).to_have_count(0)
    screenshot("profile")

    account.get_by_role("button", name="Sign out").click()

    expect(account.get_by_role("link", name="Sign in")).to_be_visible()
    expect(account.get_by_role("link", name="fatou")).to_have_count(0)


def test_a_reviewer_signs_in_sees_their_badge_and_changes_their_password(page, screenshot):
    reviewer = UserFactory(username="rokia", password=PASSWORD)
    reviewer.groups.add(Group.objects.get_or_create(name=REVIEWERS_GROUP)[0])

    page.goto("/")
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Sign in").click()
    page.get_by_label("Username").fill("rokia")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("navigation", name="Account").get_by_role("link", name="rokia").click()

    expect(page.get_by_role("heading", name="rokia", level=1)).to_contain_text("Reviewer")
    page.get_by_role("link", name="Change your password").click()
    page.get_by_label("Old password").fill(PASSWORD)
    page.get_by_label("New password", exact=True).fill("dunes after the rain")
    page.get_by_label("New password confirmation").fill("dunes after the ran")
    page.get_by_role("button", name="Change password").click()

    expect(page.get_by_text("The two password fields didn’t match.")).to_be_visible()
    screenshot("password-change")
    page.get_by_label("Old password").fill(PASSWORD)
    page.get_by_label("New password", exact=True).fill("dunes after the rain")
    page.get_by_label("New password confirmation").fill("dunes after the rain")
    page.get_by_role("button", name="Change password").click()

    expect(page.get_by_role("heading", name="Password changed")).to_be_visible()
    reviewer.refresh_from_db()
    assert reviewer.check_password("dunes after the rain")


@pytest.mark.usefixtures("sign_in_limits")
def test_a_visitor_who_guesses_too_often_is_told_when_to_try_again(page, screenshot):
    UserFactory(username="rokia", password=PASSWORD)
    page.set_viewport_size({"width": 1366, "height": 900})

    page.goto("/accounts/login/")
    for guess in ("sand", "dunes", "wind"):
        page.get_by_label("Username").fill("rokia")
        page.get_by_label("Password").fill(guess)
        page.get_by_role("button", name="Sign in").click()

    alert = page.get_by_role("alert")
    expect(alert).to_have_text(
        "Too many failed sign-ins from your address. Wait 15 minutes, then try again; "
        "every try before then starts the wait again."
    )
    expect(page.get_by_label("Username")).to_have_value("rokia")
    screenshot("sign-in-lockout-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    expect(alert).to_be_visible()
    screenshot("sign-in-lockout-phone")

    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("alert")).to_contain_text("Too many failed sign-ins")
    account = page.get_by_role("navigation", name="Account")
    expect(account.get_by_role("link", name="rokia")).to_have_count(0)


def test_an_editor_deletes_their_account_and_is_signed_out(page, kidal, screenshot, screen):
    ada = UserFactory(username="ada")

    page.goto("/accounts/ada/")
    sign_in(page, "ada")
    page.get_by_text("Delete your account…").click()
    page.get_by_label("Your password").fill("correct horse battery staple")
    screenshot(f"account-delete-{screen}")
    page.get_by_role("button", name="Delete my account").click()

    expect(page.locator(".messages")).to_contain_text(
        f"Your account is deleted. What you published stays in the history, under the name "
        f"former-user-{ada.pk}."
    )
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_an_editor_makes_an_api_token_uses_it_and_revokes_it(page, live_server, screenshot, screen):
    UserFactory(username="ada")

    page.goto("/accounts/ada/")
    sign_in(page, "ada")
    tokens = page.get_by_role("region", name=re.compile("API tokens"))
    expect(tokens).to_contain_text("You have no API tokens.")
    tokens.get_by_text("Make a token…").click()
    tokens.get_by_label("Name").fill("Casualty figures script")
    tokens.get_by_label("Expires after").select_option(label="In 30 days")
    screenshot(f"token-make-{screen}")
    tokens.get_by_role("button", name="Make the token").click()

    expect(page.get_by_role("heading", name="Your new API token")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("this is the only time Annals shows it")
    secret = page.locator("#token-secret").inner_text()
    screenshot(f"token-made-{screen}")
    api = f"{live_server.url}/api/auth/tokens/"
    used = httpx.get(api, headers={"Authorization": f"Token {secret}"})
    assert used.status_code == 200
    assert used.json()["results"][0]["name"] == "Casualty figures script"

    page.get_by_role("link", name="Back to your tokens").click()
    row = tokens.get_by_role("row", name=re.compile("Casualty figures script"))
    expect(row).to_contain_text("now")  # last used
    expect(page.locator("body")).not_to_contain_text(secret)
    screenshot(f"token-list-{screen}")
    row.get_by_role("button", name="Revoke Casualty figures script").click()

    expect(page.locator(".messages")).to_contain_text(
        "Revoked the token “Casualty figures script”: it no longer works."
    )
    expect(tokens).to_contain_text("You have no API tokens.")
    assert httpx.get(api, headers={"Authorization": f"Token {secret}"}).status_code == 401
