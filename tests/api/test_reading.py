"""What anyone can read through the API: the article list with its search, filters,
ordering and pages; an article with its conditional GET; its history; any revision; and
the comparison of two revisions."""

import warnings
from datetime import timedelta
from itertools import pairwise
from urllib.parse import quote

import pytest
from django.core.paginator import UnorderedObjectListWarning
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date, parse_http_date
from rest_framework.fields import DateTimeField

from conflicts import selectors
from conflicts.document import InfoboxEntry
from conflicts.models import Article
from conflicts.services.reviews import proposal_approve
from tests.factories import (
    ArticleStateFactory,
    InfoboxEntryFactory,
    ReviewerFactory,
    SectionStateFactory,
    UserFactory,
    propose,
    publish,
    revise,
)

pytestmark = pytest.mark.django_db

ARTICLES = "/api/articles/"
KIDAL = "/api/articles/second-battle-of-kidal/"
SEED_SLUGS = {
    "1990-menaka-raid",
    "2006-kidal-and-menaka-mutinies",
    "menaka-offensive",
    "second-battle-of-kidal",
    "second-battle-of-menaka",
}


def slugs(response) -> list[str]:
    return [article["slug"] for article in response.json()["results"]]


def as_json_time(moment) -> str:
    """A datetime as the API writes it."""
    return DateTimeField().to_representation(moment)


def as_json_document(state) -> dict:
    """The content parts of the API's article document for an `ArticleState`."""
    coordinates = None
    if state.latitude is not None:
        coordinates = {"lat": float(state.latitude), "lon": float(state.longitude)}
    return {
        "title": state.title,
        "lead": state.lead,
        "infobox": [{"key": entry.key, "value": entry.value} for entry in state.infobox],
        "sections": [
            {"id": s.id, "heading": s.heading, "level": s.level, "body": s.body}
            for s in state.sections
        ],
        "references": [{"id": r.id, "text": r.text, "url": r.url} for r in state.references],
        "coordinates": coordinates,
    }


def content_of(document: dict) -> dict:
    """A document without its slug, revision, other figures and licence: what
    `as_json_document` describes."""
    return {
        key: value
        for key, value in document.items()
        if key not in {"slug", "revision", "claims", "licence", "licence_url", "attribution"}
    }


def current_revision(article):
    return selectors.article_current_revision(article)


def revision_ids(client, article) -> list[int]:
    response = client.get(f"{ARTICLES}{article.slug}/revisions/", {"page_size": 100})
    return [revision["id"] for revision in response.json()["results"]]


def with_new_lead(article, lead: str, **kwargs):
    """Publish the article again with another lead; returns the new revision."""
    state = selectors.article_state(selectors.article_published().get(pk=article.pk))
    return revise(article, state.replace(lead=lead), **kwargs)


# --- The list -------------------------------------------------------------------------------


def test_the_list_is_a_page_with_count_next_previous_and_results(api_client, seed_articles):
    body = api_client.get(ARTICLES).json()

    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 5
    assert set(slugs(api_client.get(ARTICLES))) == SEED_SLUGS


def test_each_listed_article_has_date_place_span_current_revision_and_url(api_client, kidal):
    revision = current_revision(kidal)

    (listed,) = [a for a in api_client.get(ARTICLES).json()["results"] if a["slug"] == kidal.slug]

    assert listed == {
        "slug": "second-battle-of-kidal",
        "title": "Second Battle of Kidal",
        "date": "16–21 May 2014 (5 days)",
        "place": None,
        "date_start": "2014-05-16",
        "date_end": "2014-05-21",
        "revision": {
            "id": revision.revision_id,
            "created_at": as_json_time(revision.revision.date_created),
        },
        "url": "http://testserver/api/articles/second-battle-of-kidal/",
    }


def test_a_listed_article_shows_the_place_from_its_infobox(api_client, seed_articles):
    listed = {a["slug"]: a for a in api_client.get(ARTICLES).json()["results"]}

    assert listed["second-battle-of-menaka"]["place"] == "Vicinity of Ménaka, Mali"


def test_a_listed_articles_url_is_its_detail(api_client, kidal):
    (listed,) = [a for a in api_client.get(ARTICLES).json()["results"] if a["slug"] == kidal.slug]

    assert api_client.get(listed["url"]).json()["slug"] == kidal.slug


# --- Search ---------------------------------------------------------------------------------


@pytest.fixture
def wells():
    """An article with the word "Tinzawatene" in one section body and nowhere else."""
    sections = (
        SectionStateFactory(heading="Background"),
        SectionStateFactory(
            heading="Aftermath", body="Survivors regrouped at the Tinzawatene wells."
        ),
    )
    return publish(ArticleStateFactory(title="Battle of the Wells", sections=sections)).article


def test_searching_finds_an_article_by_a_word_only_in_a_section_body(
    api_client, seed_articles, wells
):
    assert slugs(api_client.get(ARTICLES, {"q": "Tinzawatene"})) == [wells.slug]


def test_searching_ignores_case(api_client, seed_articles, wells):
    assert slugs(api_client.get(ARTICLES, {"q": "tinzawatene"})) == [wells.slug]


def test_searching_needs_every_word_of_the_query(api_client, seed_articles, wells):
    assert slugs(api_client.get(ARTICLES, {"q": "Tinzawatene Timbuktu"})) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("mutinies", "2006-kidal-and-menaka-mutinies"),
        ("Moussa Mara", "second-battle-of-kidal"),
        ("craftsmen", "second-battle-of-kidal"),  # only in its infobox Caption
    ],
    ids=["title", "lead", "infobox"],
)
def test_searching_finds_words_of_the_title_lead_and_infobox(
    api_client, seed_articles, query, expected
):
    assert slugs(api_client.get(ARTICLES, {"q": query})) == [expected]


def test_the_count_of_a_search_is_the_number_of_matches(api_client, seed_articles, wells):
    assert api_client.get(ARTICLES, {"q": "Tinzawatene"}).json()["count"] == 1


def test_a_search_matching_nothing_is_an_empty_page(api_client, seed_articles):
    body = api_client.get(ARTICLES, {"q": "zeppelin"}).json()

    assert body == {"count": 0, "next": None, "previous": None, "results": []}


# --- Filters --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"place": "Ménaka"},
            {"1990-menaka-raid", "2006-kidal-and-menaka-mutinies", "second-battle-of-menaka"},
        ),
        ({"place": "tessalit"}, {"2006-kidal-and-menaka-mutinies"}),
        ({"combatant": "Azawad"}, {"second-battle-of-kidal"}),
        ({"combatant": "mojwa"}, {"second-battle-of-menaka"}),
        (
            {"combatant": "Mali"},
            {"1990-menaka-raid", "2006-kidal-and-menaka-mutinies", "second-battle-of-kidal"},
        ),
        ({"place": "Ménaka", "combatant": "MNLA"}, {"second-battle-of-menaka"}),
    ],
    ids=["place", "place-any-case", "combatant", "combatant-any-case", "mali", "both"],
)
def test_filtering_by_place_and_combatant(api_client, seed_articles, params, expected):
    assert set(slugs(api_client.get(ARTICLES, params))) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"date_from": "2014-01-01", "date_to": "2014-12-31"}, {"second-battle-of-kidal"}),
        # A window inside the event overlaps it.
        ({"date_from": "2014-05-17", "date_to": "2014-05-18"}, {"second-battle-of-kidal"}),
        # An event that ends on date_from, or begins on date_to, overlaps the window.
        ({"date_from": "2012-11-20"}, {"second-battle-of-menaka", "second-battle-of-kidal"}),
        (
            {"date_to": "2012-11-19"},
            {"1990-menaka-raid", "2006-kidal-and-menaka-mutinies", "second-battle-of-menaka"},
        ),
        ({"date_from": "2012-11-21", "date_to": "2014-05-15"}, set()),
        ({"date_from": "2014-05-22"}, set()),
    ],
    ids=["year", "inside-the-event", "ends-on-date-from", "begins-on-date-to", "between", "after"],
)
def test_filtering_by_dates_keeps_events_overlapping_the_window(
    api_client, seed_articles, params, expected
):
    assert set(slugs(api_client.get(ARTICLES, params))) == expected


def test_an_article_without_a_readable_date_is_left_out_of_date_filters(api_client, seed_articles):
    listed = slugs(api_client.get(ARTICLES, {"date_from": "1900-01-01", "date_to": "2100-01-01"}))

    assert "menaka-offensive" not in listed


@pytest.mark.parametrize("param", ["date_from", "date_to"])
def test_an_invalid_date_is_a_400_naming_the_parameter(api_client, seed_articles, param):
    response = api_client.get(ARTICLES, {param: "2014-13-45"})

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {param}


# --- Ordering and pages ---------------------------------------------------------------------


def test_ordering_by_title(api_client, seed_articles):
    titles = [a["title"] for a in api_client.get(ARTICLES, {"ordering": "title"}).json()["results"]]

    assert titles == sorted(titles)


def test_ordering_by_title_backwards(api_client, seed_articles):
    titles = [
        a["title"] for a in api_client.get(ARTICLES, {"ordering": "-title"}).json()["results"]
    ]

    assert titles == sorted(titles, reverse=True)


@pytest.fixture
def raid_changed_last(seed_articles):
    """The seeds in import order, then the 1990 raid revised after all of them."""
    with_new_lead(seed_articles["1990-menaka-raid"], "A raid on the Ménaka outpost.")
    return [
        "2006-kidal-and-menaka-mutinies",
        "second-battle-of-menaka",
        "menaka-offensive",
        "second-battle-of-kidal",
        "1990-menaka-raid",
    ]


def test_ordering_by_last_change(api_client, raid_changed_last):
    assert slugs(api_client.get(ARTICLES, {"ordering": "last_change"})) == raid_changed_last


def test_ordering_by_last_change_newest_first(api_client, raid_changed_last):
    assert slugs(api_client.get(ARTICLES, {"ordering": "-last_change"})) == raid_changed_last[::-1]


def test_an_unknown_ordering_is_a_400(api_client, seed_articles):
    assert api_client.get(ARTICLES, {"ordering": "casualties"}).status_code == 400


@pytest.mark.parametrize("params", [{"ordering": ","}, {"ordering": ",", "q": "Kidal"}])
def test_an_ordering_of_only_commas_keeps_the_list_ordered(api_client, seed_articles, params):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        api_client.get(ARTICLES, params)

    assert [w.message for w in caught if w.category is UnorderedObjectListWarning] == []


def test_page_size_splits_the_list_into_pages_linked_by_cursor(api_client, seed_articles):
    first = api_client.get(ARTICLES, {"page_size": 2}).json()
    last = api_client.get(ARTICLES, {"page_size": 2, "page": 3}).json()

    assert len(first["results"]) == 2
    assert first["count"] == 5
    assert first["previous"] is None
    assert "cursor=" in first["next"]
    assert "page=" not in first["next"].replace("page_size=", "")
    assert len(last["results"]) == 1
    assert last["next"] is None


def test_old_page_numbered_links_still_list_every_article_once(api_client, seed_articles):
    pages = [api_client.get(ARTICLES, {"page_size": 2, "page": n}) for n in (1, 2, 3)]

    assert sorted(slug for page in pages for slug in slugs(page)) == sorted(SEED_SLUGS)


# --- One article ----------------------------------------------------------------------------


def test_an_article_is_its_current_content_with_its_revision(api_client, kidal):
    revision = current_revision(kidal)

    body = api_client.get(KIDAL).json()

    assert set(body) == {
        "slug",
        "title",
        "lead",
        "infobox",
        "sections",
        "references",
        "coordinates",
        "revision",
        "claims",
        "licence",
        "licence_url",
        "attribution",
    }
    assert body["slug"] == kidal.slug
    assert body["claims"] == []
    assert (body["licence"], body["attribution"]) == (
        "CC BY-SA 4.0",
        "Wikipedia, CC BY-SA 4.0, “Second Battle of Kidal”",
    )
    assert body["licence_url"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert content_of(body) == as_json_document(selectors.revision_state(revision))
    assert body["revision"] == {
        "id": revision.revision_id,
        "number": 1,
        "created_at": as_json_time(revision.revision.date_created),
        "author": "importer",
        "reviewer": None,
        "summary": "Imported from 004_499888a3b842d896.txt",
        "content_hidden": False,
        "summary_hidden": False,
        "author_hidden": False,
    }


def test_the_infobox_is_an_ordered_list_of_keys_and_values(api_client, kidal):
    infobox = api_client.get(KIDAL).json()["infobox"]

    assert infobox[:4] == [
        {"key": "Conflict", "value": "Second Battle of Kidal"},
        {"key": "Partof", "value": "Internal conflict in Azawad"},
        {"key": "Date", "value": "16–21 May 2014 (5 days)"},
        {"key": "Result", "value": "MNLA Victory"},
    ]
    assert [entry["key"] for entry in infobox] == [f.key for f in kidal.infobox_fields.all()]


def test_sections_carry_their_id_heading_level_and_body(api_client, kidal):
    sections = api_client.get(KIDAL).json()["sections"]

    assert [(s["heading"], s["level"]) for s in sections] == [
        ("The battle", 2),
        ("Prime Minister's visit and hostage-taking", 3),
        ("Malian army offensive", 3),
    ]
    assert [s["id"] for s in sections] == list(kidal.sections.values_list("id", flat=True))


def test_references_carry_their_id_text_and_url(api_client, kidal):
    references = api_client.get(KIDAL).json()["references"]

    assert [r["id"] for r in references] == list(kidal.references.values_list("id", flat=True))
    assert references[6]["text"].startswith('"Mali says 50 soldiers killed in Kidal fighting"')
    assert all(set(r) == {"id", "text", "url"} for r in references)


def test_a_reference_keeps_its_id_in_later_revisions(api_client, kidal):
    first = api_client.get(KIDAL).json()["references"]
    with_new_lead(kidal, "A new lead.")

    assert api_client.get(KIDAL).json()["references"] == first


def test_coordinates_are_a_pair_of_numbers(api_client, kidal):
    assert api_client.get(KIDAL).json()["coordinates"] == {"lat": 18.4411, "lon": 1.4072}


def test_an_article_without_coordinates_has_null_coordinates(api_client):
    article = publish(ArticleStateFactory(latitude=None, longitude=None)).article

    assert api_client.get(f"{ARTICLES}{article.slug}/").json()["coordinates"] is None


def test_an_unknown_article_is_a_json_404(api_client, seed_articles):
    response = api_client.get(f"{ARTICLES}battle-of-nowhere/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


# --- Conditional GET ------------------------------------------------------------------------


def test_an_article_carries_an_etag_and_last_modified(api_client, kidal):
    response = api_client.get(KIDAL)

    # The revision, then the credit of its imported text.
    assert response["ETag"].startswith(f'"{current_revision(kidal).revision_id}.')
    assert parse_http_date(response["Last-Modified"]) == int(
        current_revision(kidal).revision.date_created.timestamp()
    )


def test_a_get_with_the_current_etag_is_not_modified(api_client, kidal):
    etag = api_client.get(KIDAL)["ETag"]

    response = api_client.get(KIDAL, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""


def test_an_article_written_here_has_its_revision_for_etag(api_client, db):
    revision = publish(ArticleStateFactory())

    response = api_client.get(f"{ARTICLES}{revision.article.slug}/")

    assert response["ETag"] == f'"{revision.revision_id}"'
    assert response.json()["attribution"] == ""


def test_crediting_an_article_anew_changes_its_etag(api_client, kidal):
    before = api_client.get(KIDAL)["ETag"]
    Article.objects.filter(pk=kidal.pk).update(attribution="Wikipedia, CC BY-SA 4.0, “Kidal”")

    assert api_client.get(KIDAL, HTTP_IF_NONE_MATCH=before).status_code == 200


def test_a_not_modified_answer_repeats_the_etag_and_last_modified(api_client, kidal):
    first = api_client.get(KIDAL)

    response = api_client.get(KIDAL, HTTP_IF_NONE_MATCH=first["ETag"])

    assert (response.get("ETag"), response.get("Last-Modified")) == (
        first["ETag"],
        first["Last-Modified"],
    )


def test_after_a_new_revision_the_old_etag_gets_the_new_version(api_client, kidal):
    old_etag = api_client.get(KIDAL)["ETag"]
    with_new_lead(kidal, "Fighting in Kidal in May 2014.")

    response = api_client.get(KIDAL, HTTP_IF_NONE_MATCH=old_etag)

    assert response.status_code == 200
    assert response.json()["lead"] == "Fighting in Kidal in May 2014."
    assert response["ETag"] != old_etag


def test_a_get_if_modified_since_the_last_modified_is_not_modified(api_client, kidal):
    last_modified = api_client.get(KIDAL)["Last-Modified"]

    assert api_client.get(KIDAL, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_a_get_if_modified_since_a_later_day_is_not_modified(api_client, kidal):
    last_modified = parse_http_date(api_client.get(KIDAL)["Last-Modified"])
    next_day = http_date(last_modified + timedelta(days=1).total_seconds())

    assert api_client.get(KIDAL, HTTP_IF_MODIFIED_SINCE=next_day).status_code == 304


def test_a_get_if_modified_since_an_earlier_day_gets_the_article(api_client, kidal):
    last_modified = parse_http_date(api_client.get(KIDAL)["Last-Modified"])
    day_before = http_date(last_modified - timedelta(days=1).total_seconds())

    response = api_client.get(KIDAL, HTTP_IF_MODIFIED_SINCE=day_before)

    assert response.status_code == 200
    assert response.json()["slug"] == kidal.slug


def test_a_get_if_unmodified_since_the_last_modified_gets_the_article(api_client, kidal):
    last_modified = api_client.get(KIDAL)["Last-Modified"]

    assert api_client.get(KIDAL, HTTP_IF_UNMODIFIED_SINCE=last_modified).status_code == 200


def test_a_get_if_unmodified_since_an_earlier_day_fails_its_precondition(api_client, kidal):
    last_modified = parse_http_date(api_client.get(KIDAL)["Last-Modified"])
    day_before = http_date(last_modified - timedelta(days=1).total_seconds())

    assert api_client.get(KIDAL, HTTP_IF_UNMODIFIED_SINCE=day_before).status_code == 412


def test_an_old_revision_answers_a_conditional_get_too(api_client, kidal):
    first = current_revision(kidal)
    with_new_lead(kidal, "Fighting in Kidal in May 2014.")
    url = f"{KIDAL}revisions/{first.revision_id}/"
    etag = api_client.get(url)["ETag"]

    assert api_client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


# --- History --------------------------------------------------------------------------------


@pytest.fixture
def three_revisions(reviewer):
    """An article published, revised directly, then changed through an approved proposal."""
    first = publish(author=UserFactory(username="amadou"), summary="First draft")
    article = first.article
    second = with_new_lead(article, "Second lead.", author=UserFactory(username="fatou"))
    proposal = propose(
        article,
        {"infobox": {"Casualties1": "50 killed, 40 wounded"}},
        author=UserFactory(username="moussa"),
        summary="Swap killed and wounded",
    )
    third = proposal_approve(proposal=proposal, reviewer=reviewer)
    return article, [first, second, third], proposal


def test_revisions_are_listed_newest_first(api_client, three_revisions):
    article, revisions, _ = three_revisions

    body = api_client.get(f"{ARTICLES}{article.slug}/revisions/").json()

    assert body["count"] == 3
    assert [r["id"] for r in body["results"]] == [r.revision_id for r in reversed(revisions)]
    assert [r["number"] for r in body["results"]] == [3, 2, 1]


def test_a_listed_revision_says_who_when_why_how_big_and_from_which_proposal(
    api_client, three_revisions
):
    article, revisions, proposal = three_revisions
    third = revisions[2]

    newest = api_client.get(f"{ARTICLES}{article.slug}/revisions/").json()["results"][0]

    assert newest == {
        "id": third.revision_id,
        "number": 3,
        "created_at": as_json_time(third.revision.date_created),
        "author": "moussa",
        "reviewer": "rokia",
        "summary": "Swap killed and wounded",
        "content_hidden": False,
        "summary_hidden": False,
        "author_hidden": False,
        "size": third.size,
        "size_delta": third.size - revisions[1].size,
        "proposal": proposal.pk,
    }


def test_the_first_revisions_size_delta_is_its_whole_size(api_client, three_revisions):
    article, revisions, _ = three_revisions

    oldest = api_client.get(f"{ARTICLES}{article.slug}/revisions/").json()["results"][-1]

    assert oldest["size_delta"] == revisions[0].size
    assert oldest["proposal"] is None


def test_size_deltas_hold_across_pages(api_client, three_revisions):
    article, revisions, _ = three_revisions

    first_page = api_client.get(f"{ARTICLES}{article.slug}/revisions/", {"page_size": 1}).json()
    second_page = api_client.get(first_page["next"]).json()

    assert second_page["results"][0]["size_delta"] == revisions[1].size - revisions[0].size


def test_an_unknown_articles_revisions_are_a_404(api_client, db):
    assert api_client.get(f"{ARTICLES}battle-of-nowhere/revisions/").status_code == 404


def test_a_revision_is_the_article_exactly_as_it_was_then(api_client, three_revisions):
    article, revisions, _ = three_revisions

    for revision in revisions:
        body = api_client.get(f"{ARTICLES}{article.slug}/revisions/{revision.revision_id}/").json()

        assert content_of(body) == as_json_document(selectors.revision_state(revision))
        assert body["revision"]["id"] == revision.revision_id


def test_an_old_revision_differs_from_the_current_article(api_client, three_revisions):
    article, revisions, _ = three_revisions

    first = api_client.get(f"{ARTICLES}{article.slug}/revisions/{revisions[0].revision_id}/")

    assert first.json()["lead"] != api_client.get(f"{ARTICLES}{article.slug}/").json()["lead"]
    assert first["ETag"] != api_client.get(f"{ARTICLES}{article.slug}/")["ETag"]


def test_a_revision_of_another_article_is_a_404(api_client, three_revisions, kidal):
    article, _, _ = three_revisions

    response = api_client.get(f"{KIDAL}revisions/{current_revision(article).revision_id}/")

    assert response.status_code == 404
    assert response.json()["detail"]


def test_an_unknown_revision_is_a_404(api_client, kidal):
    assert api_client.get(f"{KIDAL}revisions/999999/").status_code == 404


# --- Compare --------------------------------------------------------------------------------


@pytest.fixture
def swapped():
    """An article whose Casualties1 went from "40 killed, 50 wounded" to the reverse."""
    first = publish()
    state = selectors.revision_state(first)
    infobox = tuple(
        InfoboxEntry(entry.key, "50 killed, 40 wounded") if entry.key == "Casualties1" else entry
        for entry in state.infobox
    )
    second = revise(first.article, state.replace(infobox=infobox), summary="Swap")
    return first.article, first, second


def compare(client, article, older, newer):
    return client.get(
        f"{ARTICLES}{article.slug}/compare/", {"from": older.revision_id, "to": newer.revision_id}
    )


def test_compare_names_both_revisions(api_client, swapped):
    article, first, second = swapped

    body = compare(api_client, article, first, second).json()

    assert body["from_revision"]["id"] == first.revision_id
    assert body["to_revision"]["id"] == second.revision_id
    assert body["to_revision"]["summary"] == "Swap"


def test_compare_lists_a_changed_infobox_field_with_old_and_new_values(api_client, swapped):
    article, first, second = swapped

    (change,) = compare(api_client, article, first, second).json()["diff"]["infobox"]

    assert {key: change[key] for key in ("key", "old", "new", "change")} == {
        "key": "Casualties1",
        "old": "40 killed, 50 wounded",
        "new": "50 killed, 40 wounded",
        "change": "changed",
    }


def test_compares_word_runs_rebuild_the_old_and_the_new_value(api_client, swapped):
    article, first, second = swapped

    (change,) = compare(api_client, article, first, second).json()["diff"]["infobox"]
    runs = change["runs"]

    assert all(set(run) == {"op", "text"} for run in runs)
    assert "".join(r["text"] for r in runs if r["op"] != "insert") == "40 killed, 50 wounded"
    assert "".join(r["text"] for r in runs if r["op"] != "delete") == "50 killed, 40 wounded"
    assert {r["op"] for r in runs} == {"equal", "delete", "insert"}


def test_compare_leaves_unchanged_parts_out(api_client, swapped):
    article, first, second = swapped

    diff = compare(api_client, article, first, second).json()["diff"]

    assert diff["title"] is None
    assert diff["lead"] is None
    assert diff["sections"] == []
    assert diff["changed_fields"] == 1


def test_comparing_a_revision_with_itself_is_an_empty_diff(api_client, swapped):
    article, first, _ = swapped

    assert compare(api_client, article, first, first).json()["diff"]["is_empty"] is True


@pytest.mark.parametrize(
    "params",
    [{}, {"from": "1"}, {"to": "1"}, {"from": "first", "to": "2"}, {"from": "1", "to": "2.5"}],
    ids=["none", "no-to", "no-from", "word", "fraction"],
)
def test_compare_without_two_whole_numbers_is_a_400(api_client, swapped, params):
    article, _, _ = swapped

    response = api_client.get(f"{ARTICLES}{article.slug}/compare/", params)

    assert response.status_code == 400
    assert response.json()["errors"]


def test_compare_with_an_unknown_revision_is_a_404(api_client, swapped):
    article, first, _ = swapped

    response = api_client.get(
        f"{ARTICLES}{article.slug}/compare/", {"from": first.revision_id, "to": 999999}
    )

    assert response.status_code == 404


def test_compare_with_a_revision_of_another_article_is_a_404(api_client, swapped, kidal):
    article, first, _ = swapped

    response = compare(api_client, article, first, current_revision(kidal))

    assert response.status_code == 404


def test_compare_of_an_unknown_article_is_a_404(api_client, swapped):
    _, first, second = swapped

    response = api_client.get(
        f"{ARTICLES}battle-of-nowhere/compare/",
        {"from": first.revision_id, "to": second.revision_id},
    )

    assert response.status_code == 404


# --- Query counts ---------------------------------------------------------------------------


def queries_for(client, url: str, params=None) -> int:
    """How many queries one successful GET of `url` runs."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200, response.content
    return len(queries)


def grow(article, reviewer, revisions: int) -> None:
    """Give `article` many more revisions, by many authors, some through proposals, and
    a longer infobox and more sections."""
    for n in range(revisions):
        if n % 5 == 0:
            proposal = propose(article, {"lead": f"Lead number {n}."}, summary=f"Edit {n}")
            proposal_approve(proposal=proposal, reviewer=reviewer)
            continue
        state = selectors.article_state(selectors.article_published().get(pk=article.pk))
        revise(
            article,
            state.replace(
                lead=f"Lead number {n}.",
                infobox=(*state.infobox, InfoboxEntryFactory()),
                sections=(*state.sections, SectionStateFactory()),
            ),
            author=UserFactory(),
            reviewer=ReviewerFactory() if n % 2 else None,
        )


def article_urls(article) -> dict[str, tuple[str, dict]]:
    history = list(selectors.article_history(article))
    oldest, newest = history[-1], history[0]
    base = f"{ARTICLES}{article.slug}/"
    return {
        "detail": (base, {}),
        "revisions": (f"{base}revisions/", {"page_size": 100}),
        "revision": (f"{base}revisions/{newest.revision_id}/", {}),
        "compare": (f"{base}compare/", {"from": oldest.revision_id, "to": newest.revision_id}),
    }


@pytest.mark.parametrize("endpoint", ["detail", "revisions", "revision", "compare"])
def test_an_articles_pages_run_as_many_queries_for_1_revision_as_for_31(
    api_client, reviewer, endpoint
):
    article = publish().article
    queries_for(api_client, *article_urls(article)[endpoint])  # warm caches (content types)
    few = queries_for(api_client, *article_urls(article)[endpoint])

    grow(article, reviewer, 30)
    many = queries_for(api_client, *article_urls(article)[endpoint])

    assert many == few


@pytest.mark.parametrize("params", [{}, {"q": "Battle"}, {"ordering": "-last_change"}])
def test_the_list_runs_as_many_queries_for_5_articles_as_for_25(api_client, params):
    for _ in range(5):
        publish()
    params = {**params, "page_size": 100}
    queries_for(api_client, ARTICLES, params)
    few = queries_for(api_client, ARTICLES, params)

    for article in [publish().article for _ in range(20)]:
        with_new_lead(article, "Revised once.")
    many = queries_for(api_client, ARTICLES, params)

    assert many == few
    assert api_client.get(ARTICLES, params).json()["count"] == 25


def test_the_revisions_of_a_long_history_come_in_pages_that_add_up(api_client, reviewer):
    article = publish().article
    grow(article, reviewer, 24)

    ids, counts = [], []
    url = f"{ARTICLES}{article.slug}/revisions/"
    while url:
        body = api_client.get(url).json()
        ids += [r["id"] for r in body["results"]]
        counts.append(body["count"])
        url = body["next"]

    assert len(ids) == 25
    assert counts == [25, 25]
    assert all(newer > older for newer, older in pairwise(ids))
    assert revision_ids(api_client, article) == ids


def test_an_old_page_numbered_revisions_link_redirects_to_the_same_revisions(api_client, reviewer):
    article = publish().article
    grow(article, reviewer, 24)
    url = f"{ARTICLES}{article.slug}/revisions/"
    second = api_client.get(api_client.get(url, {"page_size": 10}).json()["next"]).json()

    response = api_client.get(url, {"page": 2, "page_size": 10})
    redirected = api_client.get(url, {"page": 2, "page_size": 10}, follow=True).json()

    assert response.status_code == 302
    assert "page=" not in response["Location"].replace("page_size=", "")
    assert redirected["results"] == second["results"]
    assert redirected["previous"] is not None


def test_a_page_past_the_end_of_the_revisions_redirects_to_the_last_page(api_client, reviewer):
    article = publish().article
    grow(article, reviewer, 24)

    body = api_client.get(
        f"{ARTICLES}{article.slug}/revisions/", {"page": 9, "page_size": 10}, follow=True
    ).json()

    assert [r["number"] for r in body["results"]] == [5, 4, 3, 2, 1]
    assert body["next"] is None


@pytest.mark.parametrize("page", ["x", "²"])  # "²" is a digit to str.isdigit, no number
def test_a_revisions_page_that_is_no_number_redirects_to_the_first_page(api_client, page):
    article = publish().article

    response = api_client.get(f"{ARTICLES}{article.slug}/revisions/", {"page": page})

    assert response.status_code == 302
    assert response["Location"] == f"http://testserver{ARTICLES}{article.slug}/revisions/"


# --- Titles without Latin letters -----------------------------------------------------------


@pytest.fixture
def cyrillic():
    """An article titled only in Cyrillic, whose slug is therefore a Unicode slug."""
    article = publish(ArticleStateFactory(title="Битва за Кидаль")).article
    assert article.slug == "битва-за-кидаль"
    return article


def test_an_article_with_a_unicode_slug_is_listed_with_its_url(api_client, cyrillic):
    (listed,) = api_client.get(ARTICLES).json()["results"]

    assert listed["url"] == f"http://testserver/api/articles/{quote(cyrillic.slug)}/"
    assert api_client.get(listed["url"]).json()["title"] == "Битва за Кидаль"


def test_an_article_with_a_unicode_slug_can_be_read(api_client, cyrillic):
    assert api_client.get(f"{ARTICLES}{cyrillic.slug}/").json()["slug"] == "битва-за-кидаль"


@pytest.mark.parametrize(
    "param", ["q", "place", "combatant", "date_from", "date_to", "ordering", "page"]
)
def test_an_empty_filter_is_no_filter(api_client, seed_articles, param):
    """As the HTML search form sends empty fields; the fuzzing in test_schema relies on it."""
    assert api_client.get(ARTICLES, {param: ""}).json()["count"] == 5


@pytest.mark.parametrize("param", ["q", "place", "combatant"])
def test_a_nul_character_in_a_filter_is_a_400(api_client, seed_articles, param):
    response = api_client.get(ARTICLES, {param: "Ki\x00dal"})

    assert response.status_code == 400
    assert param in response.json()["errors"]
