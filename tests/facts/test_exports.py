"""/api/events.csv and /api/events.geojson: one published article a row or feature, shaped
like a conflict dataset's, filtered as the article list is, streamed a batch at a time."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conflicts.document import InfoboxEntry
from facts.exports import COLUMNS
from tests.factories import ArticleStateFactory, publish

pytestmark = pytest.mark.django_db


def exported(client, path, **query):
    response = client.get(path, query)
    assert response.status_code == 200
    assert response.streaming
    return b"".join(response.streaming_content).decode()


def csv_rows(client, **query) -> dict[str, dict]:
    text = exported(client, "/api/events.csv", **query)
    return {row["conflict_name"]: row for row in csv.DictReader(io.StringIO(text))}


def test_each_published_article_is_a_row_like_a_conflict_datasets(client, kidal):
    response = client.get("/api/events.csv")
    rows = csv_rows(client)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="annals-events.csv"' in response["Content-Disposition"]
    assert list(next(iter(rows.values()))) == list(COLUMNS)
    row = rows["Second Battle of Kidal"]
    assert {key: row[key] for key in COLUMNS[2:12]} == {
        "date_start": "2014-05-16",
        "date_end": "2014-05-21",
        "date_precision": "day",
        "where_description": "",
        "latitude": "18.4411",
        "longitude": "1.4072",
        "side_a": "Mali",
        "side_b": "Azawad",
        "fatalities_low": "42",
        "fatalities_best": "42",
    }
    assert "Mali says 50 soldiers killed in Kidal fighting" in row["sources"]
    assert row["article_url"] == "http://testserver/articles/second-battle-of-kidal/"
    assert row["revision"] == str(kidal.current_revision_id)


def test_a_range_has_no_best_estimate_and_a_year_its_precision(client, seed_articles):
    raid = csv_rows(client)["1990 Ménaka raid"]

    assert (raid["fatalities_low"], raid["fatalities_best"], raid["fatalities_high"]) == (
        "14",
        "",
        "36",
    )
    assert (raid["side_a"], raid["side_b"]) == ("Mali", "MPLA")


def test_a_published_correction_is_in_the_export(client, corrected_kidal):
    row = csv_rows(client)["Second Battle of Kidal"]

    corrected_kidal.refresh_from_db()
    assert (row["fatalities_low"], row["revision"]) == (
        "52",
        str(corrected_kidal.current_revision_id),
    )


def test_the_geojson_has_a_point_where_the_article_gives_coordinates(client, seed_articles):
    response = client.get("/api/events.geojson")
    collection = json.loads(b"".join(response.streaming_content))

    assert response["Content-Type"] == "application/geo+json"
    assert collection["type"] == "FeatureCollection"
    features = {f["properties"]["conflict_name"]: f for f in collection["features"]}
    assert len(features) == 5
    assert features["Second Battle of Kidal"]["geometry"] == {
        "type": "Point",
        "coordinates": [1.4072, 18.4411],
    }
    assert features["Ménaka offensive"]["geometry"] is None
    assert "latitude" not in features["Second Battle of Kidal"]["properties"]


def test_the_article_lists_filters_narrow_the_export(client, seed_articles):
    assert set(csv_rows(client, killed_min=40)) == {"Second Battle of Kidal"}
    assert set(csv_rows(client, date_from="2012-01-01", date_to="2012-12-31")) == {
        "Second Battle of Ménaka"
    }
    assert set(csv_rows(client, combatant="MPLA")) == {"1990 Ménaka raid"}


def test_a_filter_that_is_no_filter_value_is_a_400_naming_it(client, db):
    response = client.get("/api/events.geojson", {"killed_min": "many"})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["killed_min"]


def test_the_export_costs_the_same_queries_for_few_articles_or_more(client, db):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            exported(client, "/api/events.csv")
        return len(captured)

    def battle(n):
        infobox = (InfoboxEntry("Date", f"{n} May 2014"), InfoboxEntry("Combatant1", "Mali"))
        publish(ArticleStateFactory(title=f"Battle {n}", infobox=infobox))

    battle(1)
    few = queries()
    for n in range(2, 9):
        battle(n)

    assert queries() == few


def test_the_low_and_high_cover_every_figure_given_for_a_field(client, disputed, add_figure):
    add_figure(disputed, "14 killed")
    add_figure(disputed, "about 60 killed", source="Local officials")

    row = csv_rows(client)["Battle of Anéfis"]

    assert (row["fatalities_low"], row["fatalities_best"], row["fatalities_high"]) == (
        "19",
        "",
        "65",
    )
