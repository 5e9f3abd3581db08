"""Facts follow every publish, read after its commit by a task; and the backfill command."""

from io import StringIO

import pytest
from django.core.management import call_command

from conflicts import selectors
from conflicts.document import InfoboxEntry
from facts.models import InfoboxFact
from tests.factories import ArticleStateFactory, committed, publish, revise

pytestmark = pytest.mark.django_db


def facts_of(article) -> dict[str, tuple[str, dict | None]]:
    return {
        fact.key: (fact.kind, fact.data) for fact in InfoboxFact.objects.filter(article=article)
    }


@pytest.fixture
def article():
    state = ArticleStateFactory(
        infobox=(
            InfoboxEntry("Date", "19–20 November 2012"),
            InfoboxEntry("Casualties1", "13 killed"),
            InfoboxEntry("Casualties2", "Unknown"),
        )
    )
    return publish(state).article


def test_a_publish_reads_its_infobox_into_facts_once_it_commits(article):
    facts = facts_of(article)

    assert facts["Date"] == (
        "dates",
        {"start": "2012-11-19", "end": "2012-11-20", "precision": "day"},
    )
    assert facts["Casualties1"][1]["counts"] == [
        {"category": "killed", "low": 13, "high": 13, "place": ""}
    ]
    assert facts["Casualties2"] == ("figures", None)
    assert {fact.revision_id for fact in InfoboxFact.objects.filter(article=article)} == {
        article.current_revision_id
    }


def test_a_new_revision_replaces_the_facts_and_drops_a_removed_field(article):
    state = selectors.article_current_state(article)
    infobox = (InfoboxEntry("Date", "2012–present"), InfoboxEntry("Casualties1", "14 killed"))
    with committed():
        revise(article, state.replace(infobox=infobox))

    facts = facts_of(article)
    assert set(facts) == {"Date", "Casualties1"}
    assert facts["Date"][1] == {"start": "2012-01-01", "end": None, "precision": "year"}
    assert facts["Casualties1"][1]["counts"][0]["low"] == 14


def test_the_backfill_reads_every_article_and_counts_what_it_could_not_read(article):
    InfoboxFact.objects.all().delete()
    out = StringIO()

    call_command("read_facts", stdout=out)

    assert len(facts_of(article)) == 3
    assert out.getvalue().strip() == (
        "Read the facts of 1 article; values that could not be read: 1 figures."
    )


def test_the_api_gives_the_facts_of_the_current_version_and_counts_the_unread(client, article):
    response = client.get(f"/api/articles/{article.slug}/facts/")

    body = response.json()
    assert response.status_code == 200
    assert body["revision"] == article.current_revision_id
    assert body["unread"] == 1
    assert [(fact["key"], fact["kind"], fact["side"]) for fact in body["facts"]] == [
        ("Date", "dates", None),
        ("Casualties1", "figures", 1),
        ("Casualties2", "figures", 2),
    ]
    assert client.get("/api/articles/no-such-battle/facts/").status_code == 404


def test_articles_are_filtered_by_how_many_were_killed(client):
    def battle(title, casualties):
        infobox = tuple(InfoboxEntry(f"Casualties{n}", v) for n, v in enumerate(casualties, 1))
        return publish(ArticleStateFactory(title=title, infobox=infobox)).article

    battle("Raid on Tessalit", ["14–36 killed", "2 killed"])  # 16–38
    battle("Ambush at Tin-Essako", ["at least 300 killed"])  # 300 or more
    battle("Siege of Aguelhok", ["Unknown"])  # nothing to filter by

    def titles(**query):
        response = client.get("/api/articles/", {**query, "ordering": "title"})
        return [article["title"] for article in response.json()["results"]]

    assert titles(killed_min=30) == ["Ambush at Tin-Essako", "Raid on Tessalit"]
    assert titles(killed_min=100) == ["Ambush at Tin-Essako"]
    assert titles(killed_max=20) == ["Raid on Tessalit"]
    assert titles(killed_min=10, killed_max=20) == ["Raid on Tessalit"]
    assert client.get("/api/articles/", {"killed_min": "-1"}).status_code == 400
