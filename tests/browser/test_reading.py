"""A reader browses articles, their history and comparisons in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from conflicts import selectors
from tests.factories import revise

pytestmark = pytest.mark.browser


def test_the_index_lists_the_articles_and_searches_them(page, seed_articles, screenshot):
    page.goto("/")

    expect(page.get_by_role("heading", name="Articles")).to_be_visible()
    for title in ("Second Battle of Kidal", "1990 Ménaka raid", "Ménaka offensive"):
        expect(page.get_by_role("link", name=title, exact=True)).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Second Battle of Kidal")).to_contain_text(
        "16–21 May 2014"
    )
    screenshot("index")

    page.get_by_role("searchbox", name="Search articles").fill("mutinied")
    page.get_by_role("button", name="Search").click()

    expect(page.get_by_role("heading", name="Search results for “mutinied”")).to_be_visible()
    expect(page.get_by_role("link", name="2006 Kidal and Ménaka mutinies")).to_be_visible()
    expect(page.get_by_role("link", name="Second Battle of Kidal")).to_have_count(0)


def test_search_ranks_highlights_ignores_accents_and_suggests_titles(
    on_postgres, page, seed_articles, screenshot
):
    search = page.get_by_role("searchbox", name="Search articles")
    page.goto("/")
    search.fill("Menaka mutiny")
    page.get_by_role("button", name="Search").click()

    rows = page.locator("table.article-list tbody tr")
    expect(rows.first.get_by_role("link")).to_have_text("2006 Kidal and Ménaka mutinies")
    expect(rows.first.locator("mark").first).to_be_visible()
    page.set_viewport_size({"width": 1366, "height": 900})
    screenshot("search")
    page.set_viewport_size({"width": 390, "height": 844})
    expect(rows.first.locator("mark").first).to_be_in_viewport()
    screenshot("search-phone")

    search.fill("Kidl")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("No article matches “Kidl”")).to_be_visible()
    page.get_by_role("link", name="Second Battle of Kidal").click()
    expect(page.get_by_role("heading", name="Second Battle of Kidal", level=1)).to_be_visible()


def test_an_article_shows_its_infobox_sections_references_and_coordinates(page, kidal, screenshot):
    page.goto("/articles/second-battle-of-kidal/")

    infobox = page.get_by_role("table", name="Infobox")
    expect(infobox).to_contain_text("Second Battle of Kidal")
    expect(infobox.get_by_role("row", name=re.compile(r"^Date"))).to_contain_text(
        "16–21 May 2014 (5 days)"
    )
    expect(infobox.get_by_role("row", name=re.compile(r"^Result"))).to_contain_text("MNLA Victory")
    expect(infobox.get_by_role("columnheader", name="Belligerents")).to_be_visible()
    belligerents = infobox.locator("tr.infobox__sides").first
    expect(belligerents.get_by_role("cell")).to_contain_text(["Mali", "Azawad"])
    expect(page.get_by_role("heading", name="The battle", level=2)).to_be_visible()
    expect(page.get_by_role("heading", name="Malian army offensive", level=3)).to_be_visible()
    expect(page.get_by_role("heading", name="References")).to_be_visible()
    expect(page.locator("ol.references > li")).to_have_count(8)
    expect(infobox).to_contain_text("18.4411°N 1.4072°E")
    expect(page.get_by_text("Related Research Articles")).to_have_count(0)
    screenshot("article")


def test_history_compares_two_picked_revisions_with_marked_words(page, corrected_kidal, screenshot):
    page.goto("/articles/second-battle-of-kidal/history/")

    rows = page.get_by_role("row").filter(has=page.get_by_role("radio"))
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("mariam")
    expect(rows.first).to_contain_text("Casualties as in the body")
    expect(rows.last).to_contain_text("Imported from 004_499888a3b842d896.txt")
    expect(rows.first).to_contain_text("(0)")
    screenshot("history")

    page.get_by_role("radio", name="Compare from revision 1").check()
    page.get_by_role("radio", name="Compare to revision 2").check()
    page.get_by_role("button", name="Compare selected revisions").click()

    expect(page.get_by_role("heading", name=re.compile("Changes to"))).to_be_visible()
    changed = page.get_by_role("row", name=re.compile(r"^Casualties1"))
    expect(changed).to_contain_text("changed")
    expect(page.locator("del.diff-del").filter(has_text="40").first).to_be_visible()
    expect(page.locator("ins.diff-ins").filter(has_text="50").first).to_be_visible()
    screenshot("compare")


def test_an_old_revision_is_marked_as_such_and_links_to_the_current_one(
    page, corrected_kidal, screenshot
):
    page.goto("/articles/second-battle-of-kidal/history/")
    page.get_by_role("link", name="1", exact=True).click()

    expect(page.get_by_role("note", name="Old revision")).to_contain_text(
        "This is an old revision of this article"
    )
    expect(page.get_by_role("table", name="Infobox")).to_contain_text("40 killed")
    screenshot("old-revision")
    page.get_by_role("link", name="Current version").first.click()

    expect(page).to_have_url(re.compile(r"/articles/second-battle-of-kidal/$"))
    expect(page.get_by_role("table", name="Infobox")).to_contain_text("50 killed")


def test_compare_side_by_side_sets_the_old_text_beside_the_new_or_above_it_on_a_phone(
    page, corrected_kidal, screenshot, screen
):
    state = selectors.article_state(selectors.article_published().get(pk=corrected_kidal.pk))
    revise(
        corrected_kidal,
        state.replace(lead=state.lead.replace("Kidal", "Kidal, in northern Mali,", 1)),
        summary="Where Kidal is",
    )
    page.goto("/articles/second-battle-of-kidal/history/")
    page.get_by_role("radio", name="Compare from revision 2").check()
    page.get_by_role("radio", name="Compare to revision 3").check()
    page.get_by_role("button", name="Compare selected revisions").click()
    page.get_by_role("link", name="Side by side").click()

    lead = page.get_by_role("region", name="Lead changed")
    old, new = lead.locator(".diff-side__old"), lead.locator(".diff-side__new")
    expect(new.locator("ins.diff-ins").first).to_contain_text("in northern Mali")
    expect(old.locator("ins")).to_have_count(0)
    old_box, new_box = old.bounding_box(), new.bounding_box()
    if screen == "desktop":
        assert old_box["x"] + old_box["width"] <= new_box["x"]  # beside
    else:
        assert old_box["y"] + old_box["height"] <= new_box["y"]  # above
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(f"compare-side-by-side-{screen}")
    page.get_by_role("link", name="← Older edit").click()
    # The previous edit, side by side still: the infobox's words marked in their columns.
    expect(page.get_by_role("link", name="Side by side")).to_have_attribute("aria-current", "page")
    changed = page.get_by_role("row", name=re.compile(r"^Casualties1"))
    expect(changed.locator("del.diff-del").first).to_have_text("40")
    expect(changed.locator("ins.diff-ins").first).to_have_text("50")
    screenshot(f"compare-side-by-side-infobox-{screen}")
