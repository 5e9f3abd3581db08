"""The proposal and review pages through Django's test client: forms, lists, decisions.

The browser story (propose → review → publish) is in tests/browser/test_corrections.py;
these tests pin down each page's rules one at a time, fast enough to run on every change.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conflicts import selectors
from conflicts.document import InfoboxEntry
from conflicts.limits import REVIEW_REASON_MAX_LENGTH
from conflicts.models import Proposal
from conflicts.services.proposals import proposal_create
from conflicts.services.reviews import proposal_approve, proposal_reject
from tests.conflicts.pages import (
    SUMMARY,
    assert_no_proposals,
    assert_single_proposal,
    errors,
    field_form_data,
    form_data,
    html,
    login_url,
    messages_of,
    new_row,
    proposal_url,
    propose_url,
    proposed_state,
    published_state,
    row,
    signed_in,
    status_of,
)
from tests.factories import (
    ArticleStateFactory,
    ReferenceStateFactory,
    SectionStateFactory,
    publish,
    revise,
)

pytestmark = pytest.mark.django_db

Status = Proposal.Status

ORIGINAL = "40 killed, 50 wounded"
SWAPPED = "50 killed, 40 wounded"
SWAP = {"infobox": {"Casualties1": SWAPPED}}
REASON = "The MNLA communiqué gives 40 killed; keep the infobox as it is."
# A word no seed, factory or Faker text contains: only a proposal puts it in an article.
SECRET_WORD = "Xylophonistically"


# --- Fixtures and helpers -----------------------------------------------------------------


@pytest.fixture
def proposal(article, editor):
    """The editor's pending proposal to swap killed and wounded in Casualties1."""
    return propose(article, SWAP, author=editor)


def propose(article, changes, *, author, summary=SUMMARY, **fields):
    return proposal_create(
        article=article, author=author, changes=changes, summary=summary, **fields
    )


def what_readers_see(article) -> dict[str, object]:
    """The reader pages an article reaches, as an anonymous visitor gets them."""
    reader = Client()
    index = reader.get("/")
    search = reader.get("/", {"q": SECRET_WORD})
    return {
        "article": html(reader.get(article.get_absolute_url())),
        "history": html(reader.get(f"/articles/{article.slug}/history/")),
        "index": html(index),
        "count": index.context["count"].value,
        "search results": [a.slug for a in search.context["page"].object_list],
    }


# --- Signing in ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/articles/second-battle-of-menaka/propose/"),
        ("post", "/articles/second-battle-of-menaka/propose/"),
        ("get", "/articles/second-battle-of-menaka/propose/?field=Result"),
        ("post", "/articles/second-battle-of-menaka/propose/?field=Result"),
        ("get", "/proposals/"),
        ("get", "/proposals/?status=pending"),
    ],
)
def test_an_anonymous_visitor_is_sent_to_sign_in_and_back(client, article, method, path):
    if method == "post":
        response = client.post(path, {"summary": "Casualties swapped", "action": "submit"})
    else:
        response = client.get(path)

    assert response.status_code == 302
    assert response.url == login_url(path)
    assert_no_proposals()


# --- Previewing and submitting the whole-article form ----------------------------------------


def test_the_form_starts_from_the_current_version(client, article, editor):
    client.force_login(editor)

    response = client.get(propose_url(article))

    assert response.status_code == 200
    data = form_data(response)
    assert data["title"] == "Second Battle of Ménaka"
    assert data["base_revision"] == str(selectors.article_current_revision(article).id)
    infobox = response.context["forms"].infobox
    assert data[row(infobox, key="Casualties1") + "-value"] == ORIGINAL


def test_the_form_escapes_every_value_it_renders(client, editor):
    hostile = '"><script>alert(1)</script>'
    article = publish(
        ArticleStateFactory(
            title="Raid on Testville",
            infobox=(InfoboxEntry(f"Notes{hostile}", hostile),),
            sections=(SectionStateFactory(heading=f"Battle {hostile}", body=hostile),),
            references=(ReferenceStateFactory(text=hostile, url='https://example.org/?q="x'),),
        )
    ).article
    client.force_login(editor)

    page = html(client.get(propose_url(article)))

    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'value="Notes&quot;&gt;&lt;script&gt;' in page


def test_previewing_shows_the_changes_and_stores_nothing(client, article, editor):
    client.force_login(editor)
    form = client.get(propose_url(article))
    value = row(form.context["forms"].infobox, key="Casualties1") + "-value"

    response = client.post(
        propose_url(article), form_data(form, {value: SWAPPED}, action="preview")
    )

    assert response.status_code == 200
    page = html(response)
    assert 'aria-label="Preview of your changes"' in page
    assert '<th scope="row">Casualties1</th>' in page
    assert response.context["preview"].changed_fields == 1
    assert_no_proposals()


def test_submitting_stores_one_pending_proposal_with_only_its_changes(client, article, editor):
    client.force_login(editor)
    form = client.get(propose_url(article))
    value = row(form.context["forms"].infobox, key="Casualties1") + "-value"

    response = client.post(
        propose_url(article),
        form_data(form, {value: SWAPPED, "summary": SUMMARY, "source": "Reuters, 21 May 2014"}),
    )

    proposal = assert_single_proposal()
    assert response.status_code == 302
    assert response.url == proposal_url(proposal)
    assert proposal.changes == SWAP
    assert proposal.status == Status.PENDING
    assert proposal.author == editor
    assert proposal.summary == SUMMARY
    assert proposal.source == "Reuters, 21 May 2014"
    assert proposal.base_revision == selectors.article_current_revision(article)


def test_the_submitted_proposal_page_confirms_it_is_pending(client, article, editor):
    client.force_login(editor)
    form = client.get(propose_url(article))

    response = client.post(
        propose_url(article), form_data(form, {"title": "Ménaka, 2014"}), follow=True
    )

    assert "Your proposal was submitted for review." in messages_of(response)
    assert "Pending review" in html(response)


def test_a_pending_proposal_never_reaches_readers(client, article, editor):
    before = what_readers_see(article)
    client.force_login(editor)
    form = client.get(propose_url(article))

    client.post(
        propose_url(article),
        form_data(form, {"lead": f"{SECRET_WORD} fighting.", "title": f"{SECRET_WORD} battle"}),
    )

    assert assert_single_proposal().status == Status.PENDING
    assert what_readers_see(article) == before
    assert before["search results"] == []


def test_a_rejected_proposal_never_reaches_readers(client, article, editor, reviewer):
    before = what_readers_see(article)
    client.force_login(editor)
    form = client.get(propose_url(article))
    client.post(propose_url(article), form_data(form, {"lead": f"{SECRET_WORD} fighting."}))

    signed_in(reviewer).post(proposal_url(assert_single_proposal(), "reject"), {"reason": REASON})

    assert assert_single_proposal().status == Status.REJECTED
    assert what_readers_see(article) == before


def test_text_areas_posted_with_crlf_line_breaks_are_not_edits(client, kidal, editor):
    client.force_login(editor)
    form = client.get(propose_url(kidal))
    # Browsers send every text area's line breaks as CRLF, edited or not.
    data = {name: value.replace("\n", "\r\n") for name, value in form_data(form).items()}
    assert any("\r\n" in value for value in data.values())
    casualties = row(form.context["forms"].infobox, key="Casualties1") + "-value"

    client.post(propose_url(kidal), data | {casualties: SWAPPED})

    assert assert_single_proposal().changes == {"infobox": {"Casualties1": SWAPPED}}


# --- Refusing bad input ---------------------------------------------------------------------


def _on_form(field, value, *, error_on=None):
    """An edit of the article form's `field`; the error is expected on `error_on`."""
    return lambda forms: ({field: value}, error_on or field)


def _on_row(part, match, field, value, *, error_on=None):
    """An edit of `field` in the `part` row filled with `match` ("new": the empty row)."""

    def edit(forms):
        formset = getattr(forms, part)
        prefix = new_row(formset) if match == "new" else row(formset, **match)
        return {f"{prefix}-{field}": value}, f"{prefix}-{error_on or field}"

    return edit


INVALID_EDITS = {
    "empty summary": (_on_form("summary", "   "), "This field is required."),
    "empty title": (_on_form("title", ""), "This field is required."),
    "infobox value without a key": (
        _on_row("infobox", "new", "value", "Ansar Dine", error_on="key"),
        "Give this field a key, e.g. Casualties1.",
    ),
    "duplicate infobox key": (
        _on_row("infobox", {"key": "Place"}, "key", "Date"),
        "The key “Date” is used twice.",
    ),
    "title of 201 characters": (
        _on_form("title", "T" * 201),
        "Ensure this value has at most 200 characters (it has 201).",
    ),
    "infobox value of 2,001 characters": (
        _on_row("infobox", {"key": "Date"}, "value", "d" * 2_001),
        "Ensure this value has at most 2000 characters (it has 2001).",
    ),
    "section body of 100,001 characters": (
        _on_row("sections", {"heading": "Battle"}, "body", "b" * 100_001),
        "Ensure this value has at most 100000 characters (it has 100001).",
    ),
    "section text without a heading": (
        _on_row("sections", "new", "body", "The MNLA took the governorate.", error_on="heading"),
        "A section needs a heading.",
    ),
    "latitude without longitude": (
        _on_form("latitude", "18.4411", error_on="__all__"),
        "Give both latitude and longitude, or leave both empty.",
    ),
    "malformed reference URL": (
        _on_row("references", {"url": ""}, "url", "not a web address"),
        "Enter a valid URL.",
    ),
}


@pytest.mark.parametrize(("edit", "message"), INVALID_EDITS.values(), ids=INVALID_EDITS.keys())
def test_bad_input_gets_a_message_on_its_field_and_nothing_is_stored(
    client, article, editor, edit, message
):
    client.force_login(editor)
    form = client.get(propose_url(article))
    bad_input, field = edit(form.context["forms"])
    # Each case also carries one valid change, so only the bad input can be refused.
    changes = {"title": "Second Battle of Ménaka (2014)"} | bad_input

    response = client.post(propose_url(article), form_data(form, changes))

    assert message in errors(response).get(field, [])
    assert message in html(response)
    assert_no_proposals()


def test_a_reference_link_without_text_is_refused_with_a_message(client, article, editor):
    client.force_login(editor)
    form = client.get(propose_url(article))
    url = new_row(form.context["forms"].references) + "-url"

    response = client.post(propose_url(article), form_data(form, {url: "https://example.org/"}))

    assert errors(response)["__all__"] == ["The reference cannot be empty or invisible."]
    assert "The reference cannot be empty or invisible." in html(response)
    assert_no_proposals()


def test_a_broken_sections_formset_is_refused_with_a_message(client, article, editor):
    client.force_login(editor)
    form = client.get(propose_url(article))
    data = form_data(form, {"title": "Second Battle of Ménaka (2014)"})
    del data["sections-TOTAL_FORMS"]

    response = client.post(propose_url(article), data)

    assert_no_proposals()
    assert "ManagementForm data is missing" in html(response)


def test_submitting_the_form_unchanged_says_there_is_nothing_to_review(client, article, editor):
    client.force_login(editor)
    form = client.get(propose_url(article))

    response = client.post(propose_url(article), form_data(form))

    assert "identical to the current version" in " ".join(errors(response)["__all__"])
    assert "identical to the current version" in html(response)
    assert_no_proposals()


# --- Reordering and removing rows ---------------------------------------------------------


def test_reordering_and_removing_infobox_fields_is_what_the_proposal_proposes(
    client, article, editor
):
    client.force_login(editor)
    form = client.get(propose_url(article))
    infobox = form.context["forms"].infobox

    client.post(
        propose_url(article),
        form_data(
            form,
            {
                row(infobox, key="Casualties1") + "-ORDER": "0",
                row(infobox, key="Place") + "-DELETE": "on",
            },
        ),
    )

    proposal = assert_single_proposal()
    keys = [entry.key for entry in proposed_state(proposal).infobox]
    assert keys == [
        "Casualties1",
        "Date",
        "Result",
        "Combatant1",
        "Combatant2",
        "Casualties2",
    ]
    assert proposal.changes["infobox"] == {"Place": None}


def test_reordering_and_removing_sections_and_references_is_what_the_proposal_proposes(
    client, article, editor
):
    client.force_login(editor)
    form = client.get(propose_url(article))
    sections = form.context["forms"].sections

    client.post(
        propose_url(article),
        form_data(
            form,
            {
                row(sections, heading="Aftermath") + "-ORDER": "0",
                row(sections, heading="Battle") + "-DELETE": "on",
                "references-0-DELETE": "on",
            },
        ),
    )

    proposal = assert_single_proposal()
    state = proposed_state(proposal)
    assert [section.heading for section in state.sections] == ["Aftermath", "Background"]
    assert state.references == ()
    assert set(proposal.changes) == {"sections", "references"}


def test_emptying_a_row_removes_it_like_delete(client, article, editor):
    client.force_login(editor)
    form = client.get(propose_url(article))
    result = row(form.context["forms"].infobox, key="Result")

    client.post(propose_url(article), form_data(form, {result + "-key": "", result + "-value": ""}))

    assert assert_single_proposal().changes == {"infobox": {"Result": None}}


# --- The base revision ----------------------------------------------------------------------


def test_a_base_revision_of_another_article_is_a_404(client, article, editor):
    other = publish(ArticleStateFactory(title="First Battle of Kidal"))
    client.force_login(editor)
    form = client.get(propose_url(article))

    response = client.post(
        propose_url(article), form_data(form, {"title": "X", "base_revision": str(other.id)})
    )

    assert response.status_code == 404
    assert_no_proposals()


def test_a_form_filled_from_an_older_revision_is_based_on_it(
    client, article, first_revision, editor
):
    client.force_login(editor)
    form = client.get(propose_url(article))
    # Someone else's correction is published while the editor is still typing.
    revise(article, published_state(article).replace(lead="A revised lead."))

    client.post(propose_url(article), form_data(form, {"title": "Ménaka, May 2014"}))

    proposal = assert_single_proposal()
    assert proposal.base_revision == first_revision
    assert proposal.changes == {"title": "Ménaka, May 2014"}


# --- The quick one-field form -------------------------------------------------------------


def test_the_quick_form_for_an_unknown_field_is_a_404(client, article, editor):
    client.force_login(editor)

    assert client.get(propose_url(article, field="Mascot")).status_code == 404


def test_the_quick_form_starts_from_the_fields_value(client, article, editor):
    client.force_login(editor)

    response = client.get(propose_url(article, field="Casualties1"))

    assert response.status_code == 200
    assert field_form_data(response)["value"] == ORIGINAL


def test_the_quick_form_preview_shows_the_change_and_stores_nothing(client, article, editor):
    client.force_login(editor)
    url = propose_url(article, field="Casualties1")
    form = client.get(url)

    response = client.post(url, field_form_data(form, {"value": SWAPPED}, action="preview"))

    page = html(response)
    assert 'aria-label="Preview of your changes"' in page
    assert '<th scope="row">Casualties1</th>' in page
    assert f'<td data-label="Before">{ORIGINAL}</td><td data-label="After">{SWAPPED}</td>' in page
    assert_no_proposals()


def test_the_quick_form_submits_a_one_field_proposal(client, article, editor):
    client.force_login(editor)
    url = propose_url(article, field="Casualties1")
    form = client.get(url)

    response = client.post(url, field_form_data(form, {"value": SWAPPED}))

    proposal = assert_single_proposal()
    assert response.url == proposal_url(proposal)
    assert proposal.changes == SWAP


def test_an_empty_value_in_the_quick_form_proposes_removing_the_field(client, article, editor):
    client.force_login(editor)
    url = propose_url(article, field="Result")
    form = client.get(url)

    client.post(url, field_form_data(form, {"value": "", "summary": "No source for a result"}))

    assert assert_single_proposal().changes == {"infobox": {"Result": None}}


def test_the_quick_form_with_the_value_unchanged_says_there_is_nothing_to_review(
    client, article, editor
):
    client.force_login(editor)
    url = propose_url(article, field="Casualties1")
    form = client.get(url)

    response = client.post(url, field_form_data(form))

    assert "identical to the current version" in " ".join(
        response.context["form"].non_field_errors()
    )
    assert_no_proposals()


def test_the_quick_form_without_a_summary_stores_nothing(client, article, editor):
    client.force_login(editor)
    url = propose_url(article, field="Result")
    form = client.get(url)

    response = client.post(
        url, field_form_data(form, {"value": "MNLA and allies victory", "summary": ""})
    )

    assert response.context["form"].errors["summary"] == ["This field is required."]
    assert_no_proposals()


# --- The list of proposals ----------------------------------------------------------------


def listed(response) -> list[int]:
    return [proposal.pk for proposal, _ in response.context["rows"]]


def test_an_editor_sees_only_their_own_proposals(article, proposal, editor, other_editor):
    propose(article, {"title": "Someone else's title"}, author=other_editor)

    response = signed_in(editor).get("/proposals/")

    assert listed(response) == [proposal.pk]
    assert "Someone else" not in html(response)


def test_a_reviewer_sees_every_proposal(article, proposal, other_editor, reviewer):
    theirs = propose(article, {"title": "Someone else's title"}, author=other_editor)

    response = signed_in(reviewer).get("/proposals/")

    assert set(listed(response)) == {proposal.pk, theirs.pk}


def test_the_review_queue_lists_pending_proposals_oldest_first(
    article, editor, other_editor, reviewer
):
    oldest = propose(article, SWAP, author=editor)
    rejected = propose(article, {"title": "Rejected title"}, author=other_editor)
    proposal_reject(proposal=rejected, reviewer=reviewer, reason=REASON)
    newest = propose(article, {"title": "Newer title"}, author=other_editor)

    response = signed_in(reviewer).get("/proposals/", {"status": "pending"})

    assert listed(response) == [oldest.pk, newest.pk]
    assert "<h1>Review queue</h1>" in html(response)


def test_an_unknown_status_lists_every_proposal(article, editor, reviewer):
    first = propose(article, SWAP, author=editor)
    rejected = propose(article, {"title": "Rejected title"}, author=editor)
    proposal_reject(proposal=rejected, reviewer=reviewer, reason=REASON)

    response = signed_in(editor).get("/proposals/", {"status": "nonsense"})

    assert response.status_code == 200
    assert set(listed(response)) == {first.pk, rejected.pk}
    assert response.context["status"] == ""


def _queries_for_list(user, article, count, reviewer) -> int:
    for number in range(count):
        made = propose(article, {"title": f"Title number {number}"}, author=user)
        if number % 2:
            proposal_reject(proposal=made, reviewer=reviewer, reason=REASON)
    client = signed_in(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/proposals/")
    assert len(response.context["rows"]) == count
    return len(queries)


@pytest.mark.parametrize("who", ["editor", "reviewer"])
def test_the_list_takes_as_many_queries_for_twenty_proposals_as_for_one(
    request, who, editor, second_reviewer
):
    user = request.getfixturevalue(who)
    # Half of them rejected, so the reviewer's name is on the page too.
    one = _queries_for_list(user, publish().article, 1, second_reviewer)
    Proposal.objects.all().delete()

    twenty = _queries_for_list(user, publish().article, 20, second_reviewer)

    assert twenty == one


# --- One proposal ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["editor", "reviewer"])
def test_the_author_and_reviewers_see_a_pending_proposal(request, proposal, who):
    response = signed_in(request.getfixturevalue(who)).get(proposal_url(proposal))

    assert response.status_code == 200
    assert f"<h1>{SUMMARY}</h1>" in html(response)
    assert '<span class="status status--pending">Pending review</span>' in html(response)


def test_another_editor_cannot_see_a_pending_proposal(proposal, other_editor):
    assert signed_in(other_editor).get(proposal_url(proposal)).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in_for_a_pending_proposal(client, proposal):
    response = client.get(proposal_url(proposal))

    assert response.status_code == 302
    assert response.url == login_url(proposal_url(proposal))


@pytest.mark.parametrize("who", ["anonymous", "other_editor"])
def test_anyone_can_see_an_approved_proposal(request, proposal, reviewer, who):
    proposal_approve(proposal=proposal, reviewer=reviewer)
    client = Client() if who == "anonymous" else signed_in(request.getfixturevalue(who))

    response = client.get(proposal_url(proposal))

    assert response.status_code == 200
    assert '<span class="status status--approved">Approved</span>' in html(response)
    assert "Approve and publish" not in html(response)


def test_the_proposal_page_shows_what_was_published_since_its_base(proposal, article, editor):
    revise(article, published_state(article).replace(lead="A lead rewritten meanwhile."))

    response = signed_in(editor).get(proposal_url(proposal))

    assert "Published since revision 1" in html(response)
    assert response.context["since"].lead


def test_the_proposal_page_shows_no_published_since_while_its_base_is_current(proposal, editor):
    response = signed_in(editor).get(proposal_url(proposal))

    assert "Published since" not in html(response)


# --- Approving, rejecting, withdrawing ------------------------------------------------------


@pytest.mark.parametrize("action", ["approve", "reject", "withdraw"])
def test_decisions_cannot_be_made_with_a_get(proposal, reviewer, action):
    response = signed_in(reviewer).get(proposal_url(proposal, action))

    assert response.status_code == 405
    assert status_of(proposal) == Status.PENDING


def test_a_reviewer_approves_and_a_revision_is_published(proposal, article, reviewer):
    response = signed_in(reviewer).post(proposal_url(proposal, "approve"), follow=True)

    assert "Approved and published as revision 2 of Second Battle of Ménaka." in messages_of(
        response
    )
    assert status_of(proposal) == Status.APPROVED
    assert published_state(article).infobox_value("Casualties1") == SWAPPED


@pytest.mark.parametrize(("action", "data"), [("approve", {}), ("reject", {"reason": REASON})])
def test_another_editor_gets_a_404_for_a_decision_on_a_proposal_they_cannot_see(
    proposal, article, other_editor, action, data
):
    """As for a proposal that does not exist: a 403 would say that this one does."""
    response = signed_in(other_editor).post(proposal_url(proposal, action), data)

    assert response.status_code == 404
    assert status_of(proposal) == Status.PENDING
    assert article.revisions.count() == 1


@pytest.mark.parametrize(("action", "data"), [("approve", {}), ("reject", {"reason": REASON})])
def test_an_editor_cannot_decide_on_an_approved_proposal_they_can_see(
    proposal, reviewer, other_editor, action, data
):
    proposal_approve(proposal=proposal, reviewer=reviewer)

    response = signed_in(other_editor).post(proposal_url(proposal, action), data)

    assert response.status_code == 403
    assert status_of(proposal) == Status.APPROVED


def test_a_reviewer_cannot_approve_their_own_proposal(article, reviewer):
    own = propose(article, SWAP, author=reviewer)

    response = signed_in(reviewer).post(proposal_url(own, "approve"))

    assert response.status_code == 403
    assert status_of(own) == Status.PENDING
    assert article.revisions.count() == 1


def test_rejecting_without_a_reason_asks_for_one_and_keeps_it_pending(proposal, reviewer):
    response = signed_in(reviewer).post(proposal_url(proposal, "reject"), {"reason": "  "})

    assert response.status_code == 400
    assert "Give the author a reason for rejecting the proposal." in html(response)
    assert status_of(proposal) == Status.PENDING


def test_a_refused_reason_is_shown_again_as_it_was_typed(proposal, reviewer):
    overlong = "Unsourced. " * (REVIEW_REASON_MAX_LENGTH // 10)

    response = signed_in(reviewer).post(proposal_url(proposal, "reject"), {"reason": overlong})

    assert response.status_code == 400
    assert overlong.strip() in html(response)
    assert status_of(proposal) == Status.PENDING


def test_the_author_reads_the_rejection_reason_in_their_list(proposal, editor, reviewer):
    signed_in(reviewer).post(proposal_url(proposal, "reject"), {"reason": REASON})

    response = signed_in(editor).get("/proposals/")

    assert status_of(proposal) == Status.REJECTED
    assert f"Reason: {REASON}" in html(response)


def test_the_author_withdraws_their_proposal(proposal, editor):
    response = signed_in(editor).post(proposal_url(proposal, "withdraw"), follow=True)

    assert "You withdrew the proposal." in messages_of(response)
    assert status_of(proposal) == Status.WITHDRAWN


@pytest.mark.parametrize(("who", "status"), [("other_editor", 404), ("reviewer", 403)])
def test_only_the_author_can_withdraw(request, proposal, who, status):
    """A reviewer, who sees the proposal, is refused; another editor, who may not see it,
    finds no such proposal."""
    response = signed_in(request.getfixturevalue(who)).post(proposal_url(proposal, "withdraw"))

    assert response.status_code == status
    assert status_of(proposal) == Status.PENDING


def test_approving_twice_publishes_once(proposal, article, reviewer, second_reviewer):
    signed_in(reviewer).post(proposal_url(proposal, "approve"))

    response = signed_in(second_reviewer).post(proposal_url(proposal, "approve"), follow=True)

    assert "This proposal is already approved." in messages_of(response)
    assert article.revisions.count() == 2
    assert Proposal.objects.get(pk=proposal.pk).reviewer == reviewer


def test_approving_a_conflicting_proposal_says_so_and_publishes_nothing(
    proposal, article, reviewer
):
    revise(article, _with_casualties(published_state(article), "41 killed"))

    response = signed_in(reviewer).post(proposal_url(proposal, "approve"), follow=True)

    (message,) = messages_of(response)
    assert "conflicts with changes published since" in message
    assert status_of(proposal) == Status.CONFLICT
    assert article.revisions.count() == 2


def _with_casualties(state, value):
    return state.replace(
        infobox=tuple(
            InfoboxEntry(e.key, value) if e.key == "Casualties1" else e for e in state.infobox
        )
    )


# --- Editing a proposal ---------------------------------------------------------------------


def test_the_author_updates_a_pending_proposal(proposal, editor):
    client = signed_in(editor)
    form = client.get(proposal_url(proposal, "edit"))
    assert form.context["forms"].form["summary"].value() == SUMMARY

    response = client.post(
        proposal_url(proposal, "edit"), form_data(form, {"summary": "Body says 50 killed"})
    )

    stored = Proposal.objects.get(pk=proposal.pk)
    assert response.url == proposal_url(proposal)
    assert stored.summary == "Body says 50 killed"
    assert stored.status == Status.PENDING
    assert stored.changes == SWAP


def test_the_edit_form_starts_from_the_proposed_version(proposal, editor):
    form = signed_in(editor).get(proposal_url(proposal, "edit"))

    infobox = form.context["forms"].infobox
    assert form_data(form)[row(infobox, key="Casualties1") + "-value"] == SWAPPED


@pytest.fixture
def conflict(proposal, article, reviewer):
    """The editor's proposal after a clashing Casualties1 was published as revision 2."""
    revise(article, _with_casualties(published_state(article), "41 killed"))
    signed_in(reviewer).post(proposal_url(proposal, "approve"))
    assert status_of(proposal) == Status.CONFLICT
    return Proposal.objects.get(pk=proposal.pk)


def test_a_conflicting_proposal_is_reworked_from_the_authors_value_beside_the_published_one(
    conflict, article, editor
):
    form = signed_in(editor).get(proposal_url(conflict, "edit"))

    data = form_data(form)
    casualties = row(form.context["forms"].infobox, key="Casualties1")
    current = selectors.article_current_revision(article)
    assert data[casualties + "-value"] == SWAPPED
    assert data["base_revision"] == str(current.id)
    (clash,) = form.context["clashes"]["all"]
    assert (clash.label, clash.current, clash.proposed) == (
        "infobox: Casualties1",
        "41 killed",
        SWAPPED,
    )
    assert "1 of your changes clashes with what was published since" in html(form)
    assert "Published now:" in html(form)


def test_reworking_keeps_the_authors_clean_change_and_clashing_value_until_both_are_published(
    kidal, editor, other_editor, reviewer
):
    """Issue 7, found 2: A's Strength1 (clean) and Casualties2 (clashing) both survive."""
    ours = propose(
        kidal,
        {"infobox": {"Strength1": "1,500 soldiers", "Casualties2": "3 killed, 10 wounded"}},
        author=editor,
    )
    theirs = propose(kidal, {"infobox": {"Casualties2": "2 killed"}}, author=other_editor)
    proposal_approve(proposal=theirs, reviewer=reviewer)
    signed_in(reviewer).post(proposal_url(ours, "approve"))
    assert status_of(ours) == Status.CONFLICT
    client = signed_in(editor)

    form = client.get(proposal_url(ours, "edit"))
    infobox = form.context["forms"].infobox
    data = form_data(form, {"summary": "Strength from the body; MNLA casualties as reported"})
    assert data[row(infobox, key="Strength1") + "-value"] == "1,500 soldiers"
    assert data[row(infobox, key="Casualties2") + "-value"] == "3 killed, 10 wounded"
    assert infobox.forms[int(row(infobox, key="Casualties2").split("-")[1])].clash.current == (
        "2 killed"
    )
    client.post(proposal_url(ours, "edit"), data)
    assert status_of(ours) == Status.PENDING
    signed_in(reviewer).post(proposal_url(ours, "approve"))

    published = published_state(kidal)
    assert status_of(ours) == Status.APPROVED
    assert published.infobox_value("Strength1") == "1,500 soldiers"
    assert published.infobox_value("Casualties2") == "3 killed, 10 wounded"


def test_a_stale_proposal_is_reworked_with_what_was_published_since_merged_in(
    proposal, article, editor
):
    revise(article, published_state(article).replace(lead="A lead corrected meanwhile."))

    form = signed_in(editor).get(proposal_url(proposal, "edit"))

    data = form_data(form)
    assert data["lead"] == "A lead corrected meanwhile."
    assert data[row(form.context["forms"].infobox, key="Casualties1") + "-value"] == SWAPPED
    assert form.context["clashes"]["all"] == ()
    assert "none of them clash" in html(form)


def test_a_resubmitted_conflicting_proposal_is_pending_on_the_new_base(conflict, article, editor):
    client = signed_in(editor)
    form = client.get(proposal_url(conflict, "edit"))
    value = row(form.context["forms"].infobox, key="Casualties1") + "-value"

    client.post(proposal_url(conflict, "edit"), form_data(form, {value: SWAPPED}))

    stored = Proposal.objects.get(pk=conflict.pk)
    assert stored.status == Status.PENDING
    assert stored.base_revision == selectors.article_current_revision(article)
    assert stored.changes == SWAP
    assert stored.conflicts == []


def test_resubmitting_a_conflicting_proposal_keeps_what_was_published_meanwhile(
    conflict, article, editor, reviewer
):
    client = signed_in(editor)
    form = client.get(proposal_url(conflict, "edit"))
    value = row(form.context["forms"].infobox, key="Casualties1") + "-value"
    # Published while the author reworks the proposal: revision 3.
    revise(article, published_state(article).replace(lead="A lead corrected meanwhile."))

    client.post(proposal_url(conflict, "edit"), form_data(form, {value: SWAPPED}))
    signed_in(reviewer).post(proposal_url(conflict, "approve"))

    assert published_state(article).lead == "A lead corrected meanwhile."


@pytest.mark.parametrize(("who", "status"), [("other_editor", 404), ("reviewer", 403)])
def test_only_the_author_can_edit_a_proposal(request, proposal, who, status):
    client = signed_in(request.getfixturevalue(who))

    assert client.get(proposal_url(proposal, "edit")).status_code == status
    assert client.post(proposal_url(proposal, "edit"), {"summary": "x"}).status_code == status


def test_an_approved_proposal_cannot_be_edited(proposal, editor, reviewer):
    proposal_approve(proposal=proposal, reviewer=reviewer)

    response = signed_in(editor).get(proposal_url(proposal, "edit"), follow=True)

    assert response.redirect_chain == [(proposal_url(proposal), 302)]
    assert "This proposal is approved." in messages_of(response)


# --- Reverting ------------------------------------------------------------------------------


@pytest.fixture
def revised(article):
    """The article's revision 2, whose lead differs from revision 1's."""
    return revise(article, published_state(article).replace(lead="A lead that went wrong."))


def revert_url(article, revision) -> str:
    return f"/articles/{article.slug}/revisions/{revision.id}/revert/"


REVERT_REASON = {"reason": "The lead went wrong."}


def test_a_reviewer_reverts_to_an_earlier_revision(article, first_revision, revised, reviewer):
    response = signed_in(reviewer).post(revert_url(article, first_revision), REVERT_REASON)

    assert response.status_code == 302
    assert response.url == f"/articles/{article.slug}/history/"
    newest = selectors.article_current_revision(article)
    assert newest.number == 3
    assert newest.revision.comment == "Reverted to revision 1: The lead went wrong."
    assert newest.revision.user == reviewer
    assert published_state(article) == selectors.revision_state(first_revision)


def test_reverting_to_another_articles_revision_is_a_404(article, revised, reviewer):
    other = publish(ArticleStateFactory(title="First Battle of Kidal"))

    response = signed_in(reviewer).post(revert_url(article, other), REVERT_REASON)

    assert response.status_code == 404
    assert article.revisions.count() == 2


def test_an_editor_cannot_revert(article, first_revision, revised, editor):
    response = signed_in(editor).post(revert_url(article, first_revision), REVERT_REASON)

    assert response.status_code == 403
    assert article.revisions.count() == 2


def test_reverting_asks_for_a_reason_first(article, first_revision, revised, reviewer):
    client = signed_in(reviewer)

    page = client.get(revert_url(article, first_revision))
    refused = client.post(revert_url(article, first_revision), {"reason": " "})

    assert page.status_code == 200
    assert "<h1>Revert to revision 1</h1>" in html(page)
    assert "Say why: the summary of the change carries it." in html(refused)
    assert article.revisions.count() == 2


def test_reverting_to_a_revision_identical_to_the_current_one_publishes_nothing(
    article, first_revision, reviewer
):
    # Revision 3 reads like revision 1 again, so reverting to 1 would change nothing.
    revise(article, published_state(article).replace(lead="A lead that went wrong."))
    revise(article, selectors.revision_state(first_revision))

    response = signed_in(reviewer).post(revert_url(article, first_revision), REVERT_REASON)

    assert "The article already reads exactly like that revision." in html(response)
    assert article.revisions.count() == 3


def test_only_reviewers_see_revert_buttons_and_never_on_the_current_revision(
    client, article, first_revision, revised, editor, reviewer
):
    history = f"/articles/{article.slug}/history/"

    as_reviewer = html(signed_in(reviewer).get(history))

    assert 'aria-label="Revert to revision 1"' in as_reviewer
    assert 'aria-label="Revert to revision 2"' not in as_reviewer
    assert "revert to this</a>" not in html(signed_in(editor).get(history))
    assert "revert to this</a>" not in html(client.get(history))


@pytest.mark.parametrize("action", ["", "edit/", "approve/", "reject/", "withdraw/"])
def test_a_proposal_id_too_large_for_a_row_is_a_404(article, editor, action):
    huge = "9" * 30
    client = signed_in(editor)
    method = client.get if action in ("", "edit/") else client.post

    assert method(f"/proposals/{huge}/{action}").status_code == 404
    assert client.get(f"/articles/{article.slug}/revisions/{huge}/").status_code == 404
