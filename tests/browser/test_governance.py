"""Governance in Chromium: an administrator makes Ada a reviewer from her page with a
reason; reviewers block, protect and rename; the oversight group hides a libel; the log
shows who did each, and why."""

import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts.roles import OVERSIGHT_GROUP
from conflicts import selectors
from tests.browser.test_corrections import KIDAL, sign_in, sign_out
from tests.factories import UserFactory, revise

pytestmark = pytest.mark.browser


def test_an_administrator_grants_the_reviewer_role_and_the_log_says_so(
    page, transactional_db, screenshot, screen
):
    UserFactory(username="ada")
    UserFactory(username="root", is_superuser=True, is_staff=True)

    page.goto("/accounts/ada/")
    sign_in(page, "root")
    page.get_by_role("region", name="Role").get_by_label("Why").fill(
        "Six months of careful sourcing"
    )
    screenshot(f"role-form-{screen}")
    page.get_by_role("button", name="Make a reviewer").click()

    expect(page.locator(".messages")).to_contain_text("Reviewer role granted: ada.")
    expect(page.locator(".badge--reviewer")).to_have_text("Reviewer")
    expect(page.get_by_role("button", name="Remove the reviewer role")).to_be_visible()

    page.get_by_role("link", name="Log of this account").click()
    entry = page.locator(".log__entry").first
    expect(entry).to_contain_text("Reviewer role granted")
    expect(entry).to_contain_text("Six months of careful sourcing")
    expect(entry.get_by_role("link", name="root")).to_be_visible()
    screenshot(f"log-{screen}")


def test_a_reviewer_blocks_a_vandal_who_is_told_why_on_the_next_correction(
    page, kidal, reviewer, screenshot, screen
):
    UserFactory(username="ada")

    page.goto("/accounts/ada/")
    sign_in(page, "rokia")
    page.get_by_label("For").select_option("1w")
    page.get_by_role("region", name="Block").get_by_label("Why").fill("Vandalised three articles")
    page.get_by_role("button", name="Block ada").click()
    expect(page.locator(".notice--blocked")).to_contain_text("ada is blocked until")
    screenshot(f"block-profile-{screen}")
    sign_out(page)

    page.goto(KIDAL)
    sign_in(page, "ada")
    page.get_by_role("link", name="Propose a correction").click()
    expect(page.locator("main")).to_contain_text("Your account is blocked until")
    expect(page.locator("main")).to_contain_text("by rokia: “Vandalised three articles”")
    screenshot(f"block-refused-{screen}")


def test_a_reviewer_protects_a_contested_article_and_readers_see_why(
    page, kidal, reviewer, screenshot, screen
):
    page.goto(KIDAL)
    sign_in(page, "rokia")
    page.get_by_role("link", name="Protect").click()
    page.get_by_label("Who may still propose").select_option("full")
    page.get_by_label("For").select_option("1w")
    page.get_by_label("Why").fill("Edit war over the casualty figures")
    screenshot(f"protect-form-{screen}")
    page.get_by_role("button", name="Protect the article").click()
    expect(page.locator(".messages")).to_contain_text("Protected until")
    sign_out(page)

    page.goto(KIDAL)
    notice = page.locator(".notice--protected")
    expect(notice).to_contain_text("by rokia: “Edit war over the casualty figures”.")
    expect(notice).to_contain_text("Nobody may propose changes to it meanwhile.")
    screenshot(f"protected-article-{screen}")


def test_a_reviewer_renames_an_article_and_its_old_address_follows(
    page, kidal, reviewer, screenshot, screen
):
    page.goto(KIDAL)
    sign_in(page, "rokia")
    page.get_by_role("link", name="Rename").click()
    page.get_by_label("New title").fill("Battle of Kidal (2014)")
    page.get_by_label("Why").fill("The name most sources use")
    screenshot(f"rename-form-{screen}")
    page.get_by_role("button", name="Rename the article").click()
    expect(page.locator(".messages")).to_contain_text(
        "Renamed “Second Battle of Kidal” to “Battle of Kidal (2014)” in revision 2"
    )

    page.goto(f"{KIDAL}history/")
    expect(page).to_have_url(re.compile(r"/articles/battle-of-kidal-2014/history/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Battle of Kidal (2014)")
    screenshot(f"renamed-history-{screen}")


def test_oversight_hides_a_libel_and_only_oversight_reads_it(page, kidal, screenshot, screen):
    overseer = UserFactory(username="olu")
    overseer.groups.add(Group.objects.get_or_create(name=OVERSIGHT_GROUP)[0])
    state = selectors.article_current_state(kidal)
    libel = revise(kidal, state.replace(lead="A named officer is a war criminal."), summary="Libel")

    page.goto(f"{KIDAL}history/")
    sign_in(page, "olu")
    page.get_by_role("link", name=f"Hide parts of revision {libel.number}").click()
    page.get_by_label("Hide its content").check()
    page.get_by_label("Hide its summary").check()
    page.get_by_label("Why").fill("Accuses a named person without a source")
    screenshot(f"suppress-form-{screen}")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator(".messages")).to_contain_text(
        f"Revision {libel.number}'s content is hidden; the article reads as before it again"
    )
    sign_out(page)

    page.goto(f"{KIDAL}history/")
    history = page.locator(".history__table")
    expect(history).to_contain_text("content hidden")
    expect(history).to_contain_text("summary hidden")
    expect(history).not_to_contain_text("Libel")
    screenshot(f"suppressed-history-{screen}")
    assert page.request.get(f"{KIDAL}revisions/{libel.pk}/").status == 404
    page.goto(KIDAL)
    expect(page.locator("main")).not_to_contain_text("war criminal")

    page.goto("/log/?action=suppress")
    expect(page.locator(".log__entry").first).to_contain_text(
        "Accuses a named person without a source (hidden: content, summary)"
    )
