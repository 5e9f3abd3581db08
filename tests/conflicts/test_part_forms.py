"""Editing one part of an article (issue 7), and the whole-article form of big articles.

Each section, the lead and the infobox have their own form, reached from an "edit" link on
the article page; the proposal it stores changes that part alone, so proposals to different
parts merge. The whole-article form must work for any article within `conflicts.limits`.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conflicts import limits, selectors
from conflicts.document import InfoboxEntry, ReferenceState, SectionState
from conflicts.models import Proposal
from conflicts.services.reviews import proposal_approve
from tests.conflicts.pages import (
    SUMMARY,
    assert_no_proposals,
    assert_single_proposal,
    errors,
    form_data,
    html,
    login_url,
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

URLENCODED = "application/x-www-form-urlencoded"
NEW_BODY = "On 17 May 2014 the MNLA took the governorate; 50 soldiers were killed, 40 wounded."
NEW_LEAD = "The Second Battle of Ménaka was fought on 17 May 2014 between Mali and the MNLA."
SWAPPED = "50 killed, 40 wounded"


def section(article, heading) -> SectionState:
    """The article's published section with that heading."""
    return next(s for s in published_state(article).sections if s.heading == heading)


def section_url(article, heading) -> str:
    return propose_url(article, section=section(article, heading).id)


def propose_section(client, article, heading, changes):
    """Fill in the form of `article`'s section `heading` with `changes` and submit it."""
    url = section_url(article, heading)
    return client.post(url, form_data(client.get(url), changes))


def proposed_sections(proposal) -> dict[str, str]:
    return {s.heading: s.body for s in proposed_state(proposal).sections}


# --- The edit links on the article page ---------------------------------------------------


def test_each_section_heading_has_an_edit_link_to_its_own_form(client, article):
    page = html(client.get(article.get_absolute_url()))

    for part in published_state(article).sections:
        link = (
            f'<a href="{propose_url(article, section=part.id)}" '
            f'aria-label="Edit section: {part.heading}">edit</a>'
        )
        assert page.count(link) == 1


def test_the_lead_and_the_infobox_have_edit_links(client, article):
    page = html(client.get(article.get_absolute_url()))

    assert f'<a href="{propose_url(article, part="lead")}" aria-label="Edit lead">' in page
    assert f'<a href="{propose_url(article, part="infobox")}" aria-label="Edit infobox">' in page


def test_an_old_revision_has_no_edit_links(client, article, first_revision):
    revise(article, published_state(article).replace(lead="A revised lead."))

    page = html(client.get(f"/articles/{article.slug}/revisions/{first_revision.id}/"))

    assert "Edit section:" not in page
    assert "?part=" not in page


# --- The section form -------------------------------------------------------------------------


def test_the_section_form_starts_from_that_section(client, article, editor):
    client.force_login(editor)
    battle = section(article, "Battle")

    response = client.get(section_url(article, "Battle"))

    assert response.status_code == 200
    data = form_data(response)
    assert (data["heading"], data["level"], data["body"]) == ("Battle", "2", battle.body)
    assert data["base_revision"] == str(selectors.article_current_revision(article).id)
    assert "Edit section “Battle” of" in html(response)


def test_previewing_a_section_shows_the_change_and_stores_nothing(client, article, editor):
    client.force_login(editor)
    url = section_url(article, "Battle")
    form = client.get(url)

    response = client.post(url, form_data(form, {"body": NEW_BODY}, action="preview"))

    assert response.status_code == 200
    assert 'aria-label="Preview of your changes"' in html(response)
    preview = response.context["preview"]
    assert [change.heading for change in preview.sections] == ["Battle"]
    assert preview.title is preview.lead is None
    assert preview.infobox == preview.references == ()
    assert_no_proposals()


def test_line_breaks_posted_as_crlf_are_not_changes_in_the_preview(client, editor):
    paragraphs = "The MNLA held Kidal.\n\nThe army withdrew to Gao."
    battle = SectionStateFactory(heading="Battle", body=paragraphs)
    article = publish(ArticleStateFactory(sections=(battle,))).article
    client.force_login(editor)
    url = section_url(article, "Battle")
    form = client.get(url)
    # Browsers send every text area's line breaks as CRLF, edited or not.
    data = {name: value.replace("\n", "\r\n") for name, value in form_data(form).items()}
    assert "\r\n" in data["body"]

    response = client.post(url, data | {"heading": "Fall of Kidal", "action": "preview"})

    (change,) = response.context["preview"].sections
    assert (change.old.body, change.new.body) == (paragraphs, paragraphs)


def test_submitting_a_section_stores_a_proposal_that_changes_that_section_alone(
    client, article, editor
):
    client.force_login(editor)
    ids = [part.id for part in published_state(article).sections]

    response = propose_section(client, article, "Battle", {"body": NEW_BODY})

    proposal = assert_single_proposal()
    assert response.status_code == 302
    assert response.url == proposal_url(proposal)
    assert proposal.status == Status.PENDING
    assert proposal.summary == SUMMARY
    assert proposal.changes == {
        "sections": [{"id": ids[0]}, {"id": ids[1], "body": NEW_BODY}, {"id": ids[2]}]
    }


def test_a_sections_heading_and_level_change_with_its_form(client, article, editor):
    client.force_login(editor)
    aftermath = section(article, "Aftermath")

    propose_section(client, article, "Aftermath", {"heading": "Casualties", "level": "3"})

    (changed,) = [s for s in assert_single_proposal().changes["sections"] if len(s) > 1]
    assert changed == {"id": aftermath.id, "heading": "Casualties", "level": 3}


def test_proposals_by_two_editors_to_two_sections_are_both_published(
    article, editor, other_editor, reviewer
):
    propose_section(signed_in(editor), article, "Background", {"body": "Background, corrected."})
    propose_section(
        signed_in(other_editor), article, "Aftermath", {"body": "Aftermath, corrected."}
    )
    first, second = Proposal.objects.order_by("pk")

    proposal_approve(proposal=first, reviewer=reviewer)
    proposal_approve(proposal=second, reviewer=reviewer)

    assert (status_of(first), status_of(second)) == (Status.APPROVED, Status.APPROVED)
    bodies = {s.heading: s.body for s in published_state(article).sections}
    assert bodies["Background"] == "Background, corrected."
    assert bodies["Aftermath"] == "Aftermath, corrected."
    assert article.revisions.count() == 3


def test_a_section_form_filled_from_an_older_revision_is_based_on_it(
    client, article, first_revision, editor
):
    client.force_login(editor)
    url = section_url(article, "Battle")
    form = client.get(url)
    # Someone else's correction is published while the editor is still typing.
    revise(article, published_state(article).replace(lead="A lead corrected meanwhile."))

    preview = client.post(url, form_data(form, {"body": NEW_BODY}, action="preview"))
    response = client.post(url, form_data(form, {"body": NEW_BODY}))

    assert "The article has changed since revision 1" in html(preview)
    assert [change.heading for change in preview.context["preview"].sections] == ["Battle"]
    proposal = assert_single_proposal()
    assert response.status_code == 302
    assert proposal.base_revision == first_revision
    assert set(proposal.changes) == {"sections"}
    assert proposed_sections(proposal)["Battle"] == NEW_BODY


# --- The lead and infobox forms -----------------------------------------------------------


def test_the_lead_form_starts_from_the_lead_and_changes_it_alone(client, article, editor):
    client.force_login(editor)
    url = propose_url(article, part="lead")
    form = client.get(url)
    assert form_data(form)["lead"] == published_state(article).lead

    preview = client.post(url, form_data(form, {"lead": NEW_LEAD}, action="preview"))
    assert preview.context["preview"].lead is not None
    assert_no_proposals()
    client.post(url, form_data(form, {"lead": NEW_LEAD}))

    assert assert_single_proposal().changes == {"lead": NEW_LEAD}


def test_the_infobox_form_starts_from_the_infobox_and_changes_it_alone(client, article, editor):
    client.force_login(editor)
    url = propose_url(article, part="infobox")
    form = client.get(url)
    infobox = form.context["forms"].infobox
    value = row(infobox, key="Casualties1") + "-value"
    assert form_data(form)[value] == "40 killed, 50 wounded"

    preview = client.post(url, form_data(form, {value: SWAPPED}, action="preview"))
    assert [change.key for change in preview.context["preview"].infobox] == ["Casualties1"]
    assert_no_proposals()
    client.post(
        url,
        form_data(
            form,
            {
                value: SWAPPED,
                row(infobox, key="Result") + "-DELETE": "on",
                new_row(infobox) + "-key": "Strength1",
                new_row(infobox) + "-value": "1,500 soldiers",
            },
        ),
    )

    assert assert_single_proposal().changes == {
        "infobox": {"Casualties1": SWAPPED, "Result": None, "Strength1": "1,500 soldiers"}
    }


def test_proposals_to_the_lead_the_infobox_and_a_section_are_all_published(
    article, editor, other_editor, reviewer
):
    lead_form = signed_in(editor).get(propose_url(article, part="lead"))
    signed_in(editor).post(
        propose_url(article, part="lead"), form_data(lead_form, {"lead": NEW_LEAD})
    )
    infobox_form = signed_in(other_editor).get(propose_url(article, part="infobox"))
    value = row(infobox_form.context["forms"].infobox, key="Casualties1") + "-value"
    signed_in(other_editor).post(
        propose_url(article, part="infobox"), form_data(infobox_form, {value: SWAPPED})
    )
    propose_section(signed_in(other_editor), article, "Battle", {"body": NEW_BODY})

    for proposal in Proposal.objects.order_by("pk"):
        proposal_approve(proposal=proposal, reviewer=reviewer)

    published = published_state(article)
    assert set(Proposal.objects.values_list("status", flat=True)) == {Status.APPROVED}
    assert published.lead == NEW_LEAD
    assert published.infobox_value("Casualties1") == SWAPPED
    assert section(article, "Battle").body == NEW_BODY


# --- Refusals -----------------------------------------------------------------------------

TYPED = "The governorate fell on 17 May."

REFUSED = {
    "section without a heading": (
        {"section": "Battle"},
        {"heading": "  ", "body": TYPED},
        "heading",
        "This field is required.",
    ),
    "invisible section heading": (
        {"section": "Battle"},
        {"heading": "\u200b", "body": TYPED},
        "__all__",
        "The section heading cannot be empty or invisible.",
    ),
    "section text over the limit": (
        {"section": "Battle"},
        {"body": TYPED + "x" * limits.SECTION_BODY_MAX_LENGTH},
        "body",
        f"Ensure this value has at most {limits.SECTION_BODY_MAX_LENGTH} characters",
    ),
    "section without a summary": (
        {"section": "Battle"},
        {"body": TYPED, "summary": " "},
        "summary",
        "This field is required.",
    ),
    "section unchanged": (
        {"section": "Battle"},
        {"summary": TYPED},
        "__all__",
        "identical to the current version of the article",
    ),
    "lead over the limit": (
        {"part": "lead"},
        {"lead": TYPED + "x" * limits.LEAD_MAX_LENGTH},
        "lead",
        f"Ensure this value has at most {limits.LEAD_MAX_LENGTH} characters",
    ),
    "lead with a control character": (
        {"part": "lead"},
        {"lead": TYPED + "\x07"},
        "lead",
        "The lead contains",
    ),
}


@pytest.mark.parametrize(("query", "edit", "field", "message"), REFUSED.values(), ids=REFUSED)
def test_a_refused_part_comes_back_with_the_editors_text_and_a_message(
    client, article, editor, query, edit, field, message
):
    client.force_login(editor)
    if "section" in query:
        query = {"section": section(article, query["section"]).id}
    url = propose_url(article, **query)
    form = client.get(url)

    response = client.post(url, form_data(form, edit))

    assert response.status_code == 400
    assert any(message in error for error in errors(response)[field])
    typed = {name: value for name, value in edit.items() if value.strip()}
    assert all(response.context["forms"].form[name].value() == v for name, v in typed.items())
    assert TYPED in html(response)
    assert_no_proposals()


def test_a_refused_infobox_comes_back_with_the_editors_rows_and_a_message(client, article, editor):
    client.force_login(editor)
    url = propose_url(article, part="infobox")
    form = client.get(url)
    infobox = form.context["forms"].infobox

    response = client.post(
        url,
        form_data(
            form,
            {
                row(infobox, key="Place") + "-key": "Date",
                row(infobox, key="Casualties1") + "-value": SWAPPED,
            },
        ),
    )

    assert response.status_code == 400
    assert errors(response)[row(infobox, key="Place") + "-key"] == ["The key “Date” is used twice."]
    assert SWAPPED in html(response)
    assert_no_proposals()


def test_an_infobox_with_more_fields_than_the_limit_is_refused_naming_the_limit(
    client, article, editor
):
    client.force_login(editor)
    url = propose_url(article, part="infobox")
    form = client.get(url)
    kept = len(form.context["forms"].infobox.initial_forms)
    added = {}
    for index in range(kept, limits.INFOBOX_FIELDS_MAX + 1):
        added |= {f"infobox-{index}-key": f"Notes{index}", f"infobox-{index}-value": "A note."}
    added["infobox-TOTAL_FORMS"] = str(limits.INFOBOX_FIELDS_MAX + 1)

    response = client.post(url, form_data(form, added))

    assert response.status_code == 400
    assert errors(response)["infobox"] == [
        f"An article can have at most {limits.INFOBOX_FIELDS_MAX:,} infobox fields: remove some."
    ]
    assert f"Notes{limits.INFOBOX_FIELDS_MAX}" in html(response)
    assert_no_proposals()


@pytest.mark.parametrize(
    "query",
    [
        {"section": "999999"},
        {"section": "Battle"},
        {"section": ""},
        {"section": "1_2"},
        {"section": "-1"},
        {"part": "references"},
    ],
    ids=["unknown id", "a heading", "empty", "underscored", "negative", "unknown part"],
)
def test_a_part_the_article_does_not_have_is_a_404(client, article, editor, query):
    client.force_login(editor)

    assert client.get(propose_url(article, **query)).status_code == 404
    assert client.post(propose_url(article, **query), {"summary": SUMMARY}).status_code == 404


def test_another_articles_section_is_a_404(client, article, editor):
    other = publish(ArticleStateFactory(title="First Battle of Kidal")).article
    client.force_login(editor)

    response = client.get(propose_url(article, section=section(other, "Battle").id))

    assert response.status_code == 404


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("part", ["section", "lead", "infobox"])
def test_an_anonymous_visitor_following_an_edit_link_is_sent_to_sign_in_and_back(
    client, article, method, part
):
    url = section_url(article, "Battle") if part == "section" else propose_url(article, part=part)

    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response.url == login_url(url)
    assert_no_proposals()


# --- Big articles: the whole-article form up to the limits ----------------------------------


def test_a_whole_article_edit_of_400_references_changes_one_reference_alone(client, editor):
    references = tuple(ReferenceStateFactory(text=f"Source {n}.") for n in range(400))
    article = publish(ArticleStateFactory(references=references)).article
    client.force_login(editor)
    form = client.get(propose_url(article))
    assert form.status_code == 200
    assert len(form.context["forms"].references.initial_forms) == 400
    changed = row(form.context["forms"].references, text="Source 200.")

    response = client.post(
        propose_url(article), form_data(form, {changed + "-text": "Source 200, corrected."})
    )

    assert response.status_code == 302
    proposal = assert_single_proposal()
    ids = [reference.id for reference in published_state(article).references]
    assert proposal.changes == {
        "references": [
            {"id": id, "text": "Source 200, corrected."} if n == 200 else {"id": id}
            for n, id in enumerate(ids)
        ]
    }


def _queries_for_form(client, article) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(propose_url(article)).status_code == 200
    return len(queries)


def test_the_whole_article_form_takes_as_many_queries_for_the_most_sections_as_for_three(
    client, editor, django_assert_num_queries
):
    client.force_login(editor)
    three = publish(ArticleStateFactory()).article
    most = publish(
        ArticleStateFactory(sections=SectionStateFactory.build_batch(limits.SECTIONS_MAX))
    ).article
    expected = _queries_for_form(client, three)

    with django_assert_num_queries(expected):
        response = client.get(propose_url(most))

    assert response.status_code == 200
    assert len(response.context["forms"].sections.forms) == limits.SECTIONS_MAX


def test_more_references_than_the_limit_come_back_with_the_editors_text_and_the_limit(
    client, article, editor
):
    client.force_login(editor)
    form = client.get(propose_url(article))
    kept = len(form.context["forms"].references.initial_forms)
    added = {
        f"references-{index}-text": f"Added source {index}."
        for index in range(kept, limits.REFERENCES_MAX + 1)
    }
    added["references-TOTAL_FORMS"] = str(limits.REFERENCES_MAX + 1)

    response = client.post(propose_url(article), form_data(form, added))

    assert response.status_code == 400
    assert errors(response)["references"] == [
        f"An article can have at most {limits.REFERENCES_MAX:,} references: remove some."
    ]
    page = html(response)
    assert f"An article can have at most {limits.REFERENCES_MAX:,} references" in page
    assert f"Added source {limits.REFERENCES_MAX}." in page
    assert_no_proposals()


# The densest text a form can carry: four UTF-8 bytes a character, twelve once URL-encoded.
FLAG = "🇲🇱"


def _article_at_the_limits():
    """An article with the most infobox fields, sections and references, near the most
    text, and that text as dense as text gets in a posted form."""
    line = FLAG * 69 + "\n"
    return publish(
        ArticleStateFactory(
            title="Battle at the limits",
            lead=line * 5,
            infobox=tuple(
                InfoboxEntry(f"Notes{n}", FLAG * 50) for n in range(limits.INFOBOX_FIELDS_MAX)
            ),
            sections=tuple(
                SectionState(heading=f"Phase {n}", level=2, body=line * 12)
                for n in range(limits.SECTIONS_MAX)
            ),
            references=tuple(
                ReferenceState(text=FLAG * 50, url=f"https://example.org/{n}")
                for n in range(limits.REFERENCES_MAX)
            ),
        )
    ).article


def test_the_whole_article_form_of_an_article_at_the_limits_is_read_and_previewed(client, editor):
    article = _article_at_the_limits()
    assert published_state(article).size > limits.ARTICLE_SIZE_MAX * 0.9
    client.force_login(editor)
    form = client.get(propose_url(article))
    # Browsers post every text area's line breaks as CRLF, and the form URL-encoded.
    data = {name: v.replace("\n", "\r\n") for name, v in form_data(form, action="preview").items()}
    data[row(form.context["forms"].sections, heading="Phase 7") + "-body"] = NEW_BODY
    body = urlencode(data)
    assert len(body) > 11 * limits.ARTICLE_SIZE_MAX

    preview = client.post(propose_url(article), body, content_type=URLENCODED)

    assert preview.status_code == 200
    assert [change.heading for change in preview.context["preview"].sections] == ["Phase 7"]


def test_the_pencils_and_the_field_form_name_fields_as_people_do(client, editor, kidal):
    client.force_login(editor)

    article = client.get(kidal.get_absolute_url()).content.decode()
    field_form = client.get(
        f"/articles/{kidal.slug}/propose/", {"field": "Casualties1"}
    ).content.decode()

    assert 'aria-label="Suggest a correction to Casualties (side 1)"' in article
    assert 'aria-label="Suggest a correction to Casualties1"' not in article
    assert "<strong>Casualties (side 1)</strong> (<code>Casualties1</code>)" in field_form
