"""Recent changes and the Atom feeds: every published revision across the site, newest
first, filtered, paged by id; never a proposal before it is approved."""

import xml.etree.ElementTree as ET

import pytest

from conflicts import selectors
from conflicts.services.reviews import article_revert, proposal_approve, revision_undo
from tests.conflicts.pages import signed_in
from tests.factories import UserFactory, committed, propose, revise

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def activity(seed_articles, kidal, editor, reviewer):
    """The seeds as imported, then on Kidal: an approved proposal of Ada's, a revert by
    Rokia, and a pending proposal whose summary must never show."""
    with committed():
        approved = propose(kidal, {"infobox": {"Strength2": "400"}}, author=editor)
        proposal_approve(proposal=approved, reviewer=reviewer)
    approved.refresh_from_db()
    article_revert(article=kidal, revision=approved.base_revision, reviewer=reviewer)
    propose(kidal, {"lead": "A lead."}, author=editor, summary="Pending, not for readers")
    return kidal, approved


def lines(response) -> list[str]:
    html = response.content.decode()
    return [part.split("</li>")[0] for part in html.split('<li class="recent__item">')[1:]]


def test_every_published_revision_is_listed_newest_first(client, activity, seed_articles):
    _, approved = activity

    response = client.get("/recent/")

    listed = lines(response)
    assert response.status_code == 200
    assert len(listed) == len(seed_articles) + 2
    assert "Reverted to revision 1" in listed[0]
    assert "Correct the infobox from the body" in listed[1]
    assert f'href="/proposals/{approved.pk}/">proposal {approved.pk}</a>' in listed[1]
    assert 'class="user-link" href="/accounts/rokia/">rokia</a>' in listed[1]
    assert "Pending, not for readers" not in response.content.decode()


def test_filters_by_article_person_and_kind(client, activity, seed_articles, kidal):

    assert len(lines(client.get("/recent/", {"article": kidal.slug}))) == 3
    assert len(lines(client.get("/recent/", {"user": "ada"}))) == 1
    assert len(lines(client.get("/recent/", {"user": "rokia"}))) == 2  # reviewed, reverted
    assert len(lines(client.get("/recent/", {"kind": "approval"}))) == 1
    assert len(lines(client.get("/recent/", {"kind": "revert"}))) == 1
    assert len(lines(client.get("/recent/", {"kind": "import"}))) == len(seed_articles)


def test_pages_go_older_and_back_newer_by_revision_id(client, activity, settings):
    settings.HISTORY_PAGE_SIZE = 2
    newest = lines(client.get("/recent/"))

    first = client.get("/recent/")
    older_link = first.content.decode().split('rel="next" href="?before=')[1].split('"')[0]
    second = client.get("/recent/", {"before": older_link})
    newer_link = second.content.decode().split('rel="prev" href="?after=')[1].split('"')[0]
    back = client.get("/recent/", {"after": newer_link})

    assert len(lines(second)) == 2
    assert set(lines(second)).isdisjoint(newest)
    assert lines(back) == newest


def test_undos_are_a_kind_of_their_own(client, activity, kidal, reviewer):
    lead = revise(kidal, selectors.article_state(kidal).replace(lead="A lead to take back."))
    kidal.refresh_from_db()
    revision_undo(article=kidal, revision=lead, user=reviewer, reason="Unsourced lead")

    (undo,) = lines(client.get("/recent/", {"kind": "undo"}))

    assert "Undid revision 4: Unsourced lead" in undo


def proposal_lines(response) -> list[str]:
    html = response.content.decode()
    items = html.split('<li class="recent__item recent__item--proposal">')[1:]
    return [item.split("</li>")[0] for item in items]


def test_reviewers_also_see_the_open_proposals_filtered_like_the_revisions(
    activity, reviewer, kidal
):
    page = signed_in(reviewer).get("/recent/")

    (pending,) = proposal_lines(page)
    assert "Pending, not for readers" in pending
    assert "Pending review" in pending
    assert proposal_lines(signed_in(reviewer).get("/recent/", {"user": "ada"})) == [pending]
    assert proposal_lines(signed_in(reviewer).get("/recent/", {"user": "moussa"})) == []
    assert proposal_lines(signed_in(reviewer).get("/recent/", {"article": "other"})) == []


@pytest.mark.parametrize("who", ["anonymous", "author", "other editor"])
def test_nobody_but_reviewers_sees_proposals_in_recent_changes(client, activity, people, who):
    viewer = client if who == "anonymous" else signed_in(people[who])

    page = viewer.get("/recent/")

    assert "Open proposals" not in page.content.decode()
    assert "Pending, not for readers" not in page.content.decode()


@pytest.mark.parametrize("pages", [1, 3])
def test_a_page_costs_one_query_however_deep(
    client, activity, settings, django_assert_num_queries, pages
):
    settings.HISTORY_PAGE_SIZE = 1
    before = None
    for _ in range(pages):
        response = client.get("/recent/", {"before": before} if before else {})
        before = response.content.decode().split("?before=")[1].split('"')[0]

    with django_assert_num_queries(1):
        assert client.get("/recent/", {"before": before}).status_code == 200


def feed_entries(response) -> list[dict]:
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "author": entry.findtext(f"{ATOM}author/{ATOM}name"),
        }
        for entry in root.findall(f"{ATOM}entry")
    ]


def test_the_recent_changes_feed_is_atom_with_published_revisions_only(client, activity):
    kidal, approved = activity

    response = client.get("/recent/feed/")

    entries = feed_entries(response)
    assert response["Content-Type"].startswith("application/atom+xml")
    assert entries[0]["title"] == "Second Battle of Kidal, revision 3: Reverted to revision 1"
    assert entries[1]["author"] == "ada"
    assert entries[1]["link"].endswith(
        f"/articles/{kidal.slug}/compare/?from={approved.base_revision_id}"
        f"&to={approved.resulting_revision_id}"
    )
    assert "Pending, not for readers" not in response.content.decode()


def test_an_articles_history_feed_holds_its_revisions(client, activity):
    kidal, _ = activity

    entries = feed_entries(client.get(f"/articles/{kidal.slug}/history/feed/"))

    assert [entry["title"].split(":")[0] for entry in entries] == [
        "Second Battle of Kidal, revision 3",
        "Second Battle of Kidal, revision 2",
        "Second Battle of Kidal, revision 1",
    ]
    assert client.get("/articles/no-such-battle/history/feed/").status_code == 404


def test_pages_link_their_feeds(client, activity):
    kidal, _ = activity

    recent = client.get("/recent/").content.decode()
    history = client.get(f"/articles/{kidal.slug}/history/").content.decode()

    assert '<link rel="alternate" type="application/atom+xml"' in recent
    assert f'href="/articles/{kidal.slug}/history/feed/"' in history


def test_a_revision_by_another_author_is_listed_under_their_name(client, kidal):
    revise(
        kidal,
        selectors.article_current_state(kidal).replace(lead="New."),
        author=UserFactory(username="fatou"),
    )

    assert 'href="/accounts/fatou/">fatou</a>' in lines(client.get("/recent/"))[0]
