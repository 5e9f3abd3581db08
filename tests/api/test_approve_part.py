"""POST /api/proposals/<id>/approve-part/: reviewers approve the chosen parts."""

import pytest

from tests.factories import UserFactory, propose

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(kidal):
    return propose(
        kidal,
        {"infobox": {"Casualties1": "50 killed, 40 wounded"}, "lead": "New lead."},
        author=UserFactory(username="mariam"),
    )


def test_the_api_approves_part_for_reviewers(proposal, token_client, reviewer, editor):
    url = f"/api/proposals/{proposal.pk}/approve-part/"
    body = {"parts": ["infobox:Casualties1"], "message": "The rest needs a source."}

    assert token_client(editor).post(url, body, format="json").status_code == 404
    response = token_client(reviewer).post(url, body, format="json")

    assert response.status_code == 200
    result = response.json()
    assert result["approved"]["status"] == "approved"
    assert result["approved"]["split_from"] == proposal.pk
    assert result["rest"]["status"] == "changes"
    again = token_client(reviewer).post(url, body, format="json")
    assert again.status_code == 409
