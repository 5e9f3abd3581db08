"""/map/: every article with coordinates a marker on the world, linked to it, by date."""

import re

import pytest

from tests.conflicts.pages import html

pytestmark = pytest.mark.django_db


def view_box(page: str) -> list[float]:
    return [float(n) for n in re.search(r'<svg viewBox="([^"]+)"', page).group(1).split()]


def test_an_article_with_coordinates_is_a_marker_linked_to_it(client, seed_articles):
    page = html(client.get("/map/"))

    assert page.count('class="world-map__marker"') == 1
    assert '<a href="/articles/second-battle-of-kidal/" class="world-map__marker">' in page
    assert "<title>Second Battle of Kidal (16–21 May 2014 (5 days))</title>" in page
    assert "1 article" in page
    assert view_box(page)[2:] == [120, 60]


def test_the_whole_world_shows_on_asking(client, seed_articles):
    assert view_box(html(client.get("/map/?view=world"))) == [0, 0, 1000, 500]


def test_dates_narrow_the_map_and_a_date_that_is_none_says_so(client, seed_articles):
    assert "No article with coordinates in those dates." in html(
        client.get("/map/", {"date_to": "2000-01-01"})
    )
    assert 'class="world-map__marker"' in html(client.get("/map/", {"date_from": "2014-05-20"}))
    refused = client.get("/map/", {"date_from": "someday"})
    assert refused.status_code == 400
    assert "Enter a valid date." in html(refused)


def test_the_world_is_drawn_once_and_kept_by_browsers(client, db):
    response = client.get("/map/world.svg")

    assert response["Content-Type"] == "image/svg+xml"
    assert "max-age=86400" in response["Cache-Control"]
    assert response.content.startswith(b'<svg xmlns="http://www.w3.org/2000/svg"')
