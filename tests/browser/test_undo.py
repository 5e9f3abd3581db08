"""Undoing a middle edit in Chromium: the reviewer opens the history, undoes the second
revision with a reason, and the article keeps the third."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts.roles import REVIEWERS_GROUP
from conflicts import selectors
from tests.browser.test_corrections import KIDAL, sign_in
from tests.conflicts.services import with_infobox
from tests.factories import UserFactory, revise

pytestmark = pytest.mark.browser


def test_a_reviewer_undoes_a_middle_edit_with_a_reason(page, kidal, screenshot):
    rokia = UserFactory(username="rokia")
    rokia.groups.add(Group.objects.get_or_create(name=REVIEWERS_GROUP)[0])
    first = selectors.article_current_state(kidal)
    revise(kidal, with_infobox(first, Casualties1="900 killed"), summary="From a blog")
    kidal.refresh_from_db()
    later = selectors.article_current_state(kidal).replace(lead="A lead that stays.")
    revise(kidal, later, summary="Lead")

    page.goto(KIDAL)
    sign_in(page, "rokia")
    page.get_by_role("link", name="History", exact=True).click()
    page.get_by_role("link", name="Undo revision 2").click()
    expect(page.get_by_role("heading", name="Undo revision 2")).to_be_visible()
    expect(page.locator(".diff")).to_contain_text("900 killed")
    screenshot("undo")
    page.get_by_label("Reason").fill("A blog is no source.")
    page.get_by_role("button", name="Undo and publish").click()

    expect(page.get_by_text("Undid revision 2; published as revision 4.")).to_be_visible()
    expect(page.get_by_role("row").nth(1)).to_contain_text("Undid revision 2: A blog is no source.")
    page.get_by_role("link", name="Article", exact=True).click()
    expect(page.get_by_text("A lead that stays.")).to_be_visible()
