"""Other figures through the API: listed beside the `{key, value}` infobox of the current
version, added, preferred and withdrawn by reviewers, each change a new ETag."""

from __future__ import annotations

import pytest

from conflicts import selectors
from facts.models import FieldClaim

pytestmark = pytest.mark.django_db


def article_url(article, action="") -> str:
    return f"/api/articles/{article.slug}/{action + '/' if action else ''}"


def test_the_current_version_lists_other_figures_beside_an_unchanged_infobox(
    api_client, disputed, add_figure
):
    claim = add_figure(disputed, "14 killed")

    document = api_client.get(article_url(disputed)).json()

    reference = disputed.references.get().pk
    assert document["infobox"][1] == {
        "key": "Casualties1",
        "value": f"36 killed[[ref:{reference}]]",
    }
    assert document["claims"] == [
        {
            "id": claim.pk,
            "key": "Casualties1",
            "value": "14 killed",
            "source": "Reuters, 29 July 2017",
            "added_by": "rokia",
            "added_at": claim.added_at.isoformat().replace("+00:00", "Z"),
            "revision": disputed.current_revision_id,
            "status": "open",
            "retired_by": None,
            "retired_at": None,
            "reason": "",
            "preferred_in": None,
        }
    ]


def test_an_old_revision_has_no_claims_list(api_client, disputed, add_figure):
    add_figure(disputed)

    old = api_client.get(article_url(disputed, f"revisions/{disputed.current_revision_id}"))

    assert "claims" not in old.json()


def test_a_figure_added_or_withdrawn_changes_the_etag(
    api_client, reviewer_client, disputed, add_figure
):
    before = api_client.get(article_url(disputed))["ETag"]
    assert before == f'"{disputed.current_revision.revision_id}"'

    claim = add_figure(disputed)
    added = api_client.get(article_url(disputed), HTTP_IF_NONE_MATCH=before)
    assert added.status_code == 200
    assert (
        api_client.get(article_url(disputed), HTTP_IF_NONE_MATCH=added["ETag"]).status_code == 304
    )

    reviewer_client.post(f"/api/claims/{claim.pk}/withdraw/", {"reason": "A rumour"})
    withdrawn = api_client.get(article_url(disputed), HTTP_IF_NONE_MATCH=added["ETag"])
    assert withdrawn.status_code == 200
    assert withdrawn.json()["claims"] == []


def test_a_reviewer_adds_a_figure(reviewer_client, api_client, disputed):
    response = reviewer_client.post(
        article_url(disputed, "claims"),
        {"key": "Casualties2", "value": "8 killed", "source": "AFP"},
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["value"] == "8 killed"
    listed = api_client.get(article_url(disputed, "claims")).json()
    assert [(c["key"], c["value"], c["status"]) for c in listed] == [
        ("Casualties2", "8 killed", "open")
    ]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"key": "Casualties1", "value": 14, "source": "AFP"}, "value"),
        ({"key": "Casualties1", "value": "14 killed"}, "source"),
        ({"key": "Nowhere", "value": "14 killed", "source": "AFP"}, "key"),
        ({"key": "Casualties1", "value": "36 killed", "source": "AFP"}, "value"),
        ({"key": "Casualties1", "value": "14", "source": "AFP", "rank": 1}, "rank"),
    ],
)
def test_a_figure_that_cannot_be_added_is_a_400_naming_the_field(
    reviewer_client, disputed, body, field
):
    response = reviewer_client.post(article_url(disputed, "claims"), body, format="json")

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not FieldClaim.objects.exists()


def test_editors_may_read_figures_but_not_add_them(editor_client, api_client, disputed):
    body = {"key": "Casualties1", "value": "14 killed", "source": "AFP"}

    assert editor_client.post(article_url(disputed, "claims"), body).status_code == 403
    assert api_client.post(article_url(disputed, "claims"), body).status_code == 401
    assert editor_client.get(article_url(disputed, "claims")).status_code == 200


def test_a_reviewer_makes_a_figure_preferred(reviewer_client, disputed, add_figure):
    claim = add_figure(disputed)

    response = reviewer_client.post(
        f"/api/claims/{claim.pk}/prefer/", {"reason": "A later count"}, format="json"
    )

    assert response.status_code == 200
    result = response.json()
    assert result["claim"]["status"] == "preferred"
    assert result["revision"]["number"] == 2
    assert result["claim"]["preferred_in"] == result["revision"]["id"]
    disputed.refresh_from_db()
    state = selectors.article_current_state(disputed)
    assert state.infobox[1].value.startswith("14 killed[[ref:")
    document = reviewer_client.get(article_url(disputed)).json()
    assert [(c["value"], c["source"]) for c in document["claims"]] == [
        ("36 killed", "MNLA communiqué, 28 July 2017")
    ]


def test_preferring_a_withdrawn_figure_is_a_conflict(reviewer_client, disputed, add_figure):
    claim = add_figure(disputed)
    reviewer_client.post(f"/api/claims/{claim.pk}/withdraw/", {"reason": "A rumour"})

    response = reviewer_client.post(f"/api/claims/{claim.pk}/prefer/")

    assert response.status_code == 409
    assert response.json()["detail"] == "rokia withdrew this figure already."


def test_withdrawing_needs_a_reason(reviewer_client, disputed, add_figure):
    claim = add_figure(disputed)

    response = reviewer_client.post(f"/api/claims/{claim.pk}/withdraw/", {}, format="json")

    assert response.status_code == 400
    assert "reason" in response.json()["errors"]


@pytest.mark.parametrize("pk", ["999999", "abc", "99999999999999999999"])
def test_a_figure_that_is_not_there_is_a_404(api_client, reviewer_client, pk):
    assert api_client.get(f"/api/claims/{pk}/").status_code == 404
    assert reviewer_client.post(f"/api/claims/{pk}/prefer/").status_code == 404
