"""A reviewer approves part of a proposal: the chosen parts are published as a proposal of
their own crediting the author, the rest goes back to the author; on the page and the API."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conflicts import selectors
from conflicts.models import Proposal
from conflicts.services.reviews import proposal_approve_part
from tests.conflicts.pages import html, signed_in
from tests.factories import UserFactory, propose

pytestmark = pytest.mark.django_db

Status = Proposal.Status
FIXED = "50 killed, 40 wounded"


@pytest.fixture
def proposal(kidal):
    return propose(
        kidal,
        {"infobox": {"Casualties1": FIXED, "Result": "Malian victory"}, "lead": "New lead."},
        author=UserFactory(username="mariam"),
        source="Reuters, 21 May 2014",
    )


def test_the_chosen_field_is_published_crediting_the_author_and_the_rest_goes_back(
    kidal, proposal, reviewer
):
    part, revision = proposal_approve_part(
        proposal=proposal,
        reviewer=reviewer,
        parts=["infobox:Casualties1"],
        message="The result needs a source.",
    )

    state = selectors.article_current_state(selectors.article_published().get(pk=kidal.pk))
    assert state.infobox_value("Casualties1") == f"{FIXED}[[ref:{state.references[-1].id}]]"
    assert state.references[-1].text == "Reuters, 21 May 2014"
    assert state.infobox_value("Result") == "MNLA Victory"
    assert (revision.revision.user.username, revision.reviewer) == ("mariam", reviewer)
    assert (part.status, part.author.username, part.split_from) == (
        Status.APPROVED,
        "mariam",
        proposal,
    )
    assert part.source == "Reuters, 21 May 2014"
    proposal.refresh_from_db()
    assert proposal.status == Status.CHANGES
    assert proposal.changes == {"infobox": {"Result": "Malian victory"}, "lead": "New lead."}
    assert proposal.comments.get().text == "The result needs a source."


def test_no_part_every_part_or_an_unknown_part_is_refused(proposal, reviewer):
    for parts, message in (
        ([], "Choose the parts to approve."),
        (["lead", "infobox:Casualties1", "infobox:Result"], "approve it instead"),
        (["infobox:Date"], "does not change infobox:Date"),
    ):
        with pytest.raises(ValidationError, match=message):
            proposal_approve_part(proposal=proposal, reviewer=reviewer, parts=parts, message="x")
    assert Proposal.objects.get(pk=proposal.pk).status == Status.PENDING


def test_only_reviewers_approve_part_and_never_their_own(proposal, editor):
    with pytest.raises(PermissionDenied):
        proposal_approve_part(proposal=proposal, reviewer=editor, parts=["lead"], message="x")


def test_the_page_offers_the_parts_and_links_the_two_proposals(proposal, reviewer):
    browser = signed_in(reviewer)
    page = html(browser.get(f"/proposals/{proposal.pk}/"))
    assert "Approve only part of it…" in page
    assert "Infobox: Casualties (side 1)" in page

    refused = browser.post(f"/proposals/{proposal.pk}/approve-part/", {"message": "Why"})
    assert refused.status_code == 400
    assert "Choose the parts to approve." in html(refused)

    done = browser.post(
        f"/proposals/{proposal.pk}/approve-part/",
        {"parts": ["infobox:Casualties1"], "message": "The rest needs a source."},
        follow=True,
    )
    part = Proposal.objects.get(split_from=proposal)
    assert f"Part of it was approved as proposal #{part.pk}" in html(done)
    assert f'<a href="/proposals/{part.pk}/">proposal #{part.pk}</a>' in html(done)
    assert f"proposal #{proposal.pk}</a>, whose rest went back" in html(
        browser.get(f"/proposals/{part.pk}/")
    )
