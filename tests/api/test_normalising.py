"""Nothing is silently discarded or changed on the way in, and the web form and the API
keep text the same way: one normaliser (`conflicts.text.normalise_text`) for both, the
same refusal, with a message, of text that shows nothing, and a 400, never a 500, for
characters no database can store.
"""

import json
from urllib.parse import urlencode

import pytest
from django.test import Client

from conflicts.models import Proposal
from tests.conflicts.pages import errors, form_data, new_row, row
from tests.factories import propose

pytestmark = pytest.mark.django_db

PROPOSE_PAGE = "/articles/second-battle-of-kidal/propose/"
PROPOSE = "/api/articles/second-battle-of-kidal/proposals/"
SUMMARY = "Date the title"
# Characters that show nothing: a zero-width space, bidirectional marks and overrides, a
# byte-order mark.
INVISIBLE = {
    "zero-width-space": "\u200b",
    "left-to-right-mark": "\u200e",
    "right-to-left-override": "\u202e",
    "byte-order-mark": "\ufeff",
    "all-of-them-and-spaces": " \u200b\u200e \u202e\ufeff ",
}
UNSTORABLE = {"nul": "\x00", "lone-surrogate": "\ud800", "low-surrogate": "\udfff"}


def send(client, method: str, url: str, body) -> object:
    """`body` as JSON with every non-ASCII character escaped, as strict clients send it;
    lone surrogates can only travel that way."""
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def stored(proposal) -> dict:
    """What a proposal keeps of its author's input."""
    return {
        "changes": proposal.changes,
        "summary": proposal.summary,
        "source": proposal.source,
        "base_revision": proposal.base_revision_id,
    }


@pytest.fixture
def browser(editor) -> Client:
    client = Client()
    client.force_login(editor)
    return client


def through_the_form(browser, fields: dict[str, str], infobox: dict[str, str] | None = None):
    """Post the whole-article form with `fields` and the infobox values `infobox` (by
    key; a key the article lacks goes in the empty row); returns the response."""
    form = browser.get(PROPOSE_PAGE)
    data = form_data(form, fields)
    for key, value in (infobox or {}).items():
        try:
            prefix = row(form.context["forms"].infobox, key=key)
        except AssertionError:
            prefix = new_row(form.context["forms"].infobox)
            data[f"{prefix}-key"] = key
        data[f"{prefix}-value"] = value
    return browser.post(PROPOSE_PAGE, data)


def only_proposal() -> Proposal:
    (proposal,) = Proposal.objects.all()
    return proposal


# --- One normaliser -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        (
            {"title": "  Second Battle of Kidal (2014)  ", "lead": "\n  A lead.  \n"},
            {"title": "Second Battle of Kidal (2014)", "lead": "A lead."},
        ),
        (
            {"lead": "\r\n First line.\r\nSecond line.\r\n\r\n"},
            {"lead": "First line.\nSecond line."},
        ),
        (
            {"title": "\t Second Battle of Kidal (2014)\u00a0", "summary": f"  {SUMMARY}\n"},
            {"title": "Second Battle of Kidal (2014)"},
        ),
    ],
    ids=["spaces-and-newlines", "crlf-line-breaks", "tabs-and-no-break-spaces"],
)
def test_the_form_and_the_api_store_the_same_proposal(browser, editor_client, kidal, typed, kept):
    response = through_the_form(browser, {"summary": SUMMARY, **typed})
    assert response.status_code == 302, errors(response)
    from_the_form = stored(only_proposal())
    Proposal.objects.all().delete()

    response = send(editor_client, "POST", PROPOSE, {"summary": SUMMARY, **typed})

    assert response.status_code == 201, response.json()
    assert stored(only_proposal()) == from_the_form
    assert from_the_form["changes"] == kept
    assert from_the_form["summary"] == SUMMARY


def test_infobox_values_are_kept_the_same_way_by_the_form_and_the_api(
    browser, editor_client, kidal
):
    values = {"Casualties1": "  50 killed,\r\n40 wounded  ", "Strength2": "\n400\n"}
    through_the_form(browser, {"summary": SUMMARY}, infobox=values)
    from_the_form = stored(only_proposal())
    Proposal.objects.all().delete()

    send(editor_client, "POST", PROPOSE, {"summary": SUMMARY, "infobox": values})

    assert stored(only_proposal()) == from_the_form
    assert from_the_form["changes"] == {
        "infobox": {"Casualties1": "50 killed,\n40 wounded", "Strength2": "400"}
    }


def test_text_that_differs_only_in_surrounding_space_is_no_change(editor_client, kidal):
    response = send(
        editor_client,
        "POST",
        PROPOSE,
        {"summary": SUMMARY, "title": "  Second Battle of Kidal \n", "lead": f"\n{kidal.lead}  "},
    )

    assert response.status_code == 400
    assert "nothing to review" in " ".join(response.json()["errors"]["non_field_errors"])


def test_patching_keeps_text_the_same_way(editor_client, kidal, editor):
    proposal = propose(kidal, {"lead": "A lead."}, author=editor)

    response = send(
        editor_client,
        "PATCH",
        f"/api/proposals/{proposal.pk}/",
        {"title": "  Second Battle of Kidal (2014)  ", "lead": "\r\n Another lead. \r\n"},
    )

    assert response.status_code == 200
    assert response.json()["changes"] == {
        "title": "Second Battle of Kidal (2014)",
        "lead": "Another lead.",
    }


# --- Text that shows nothing ----------------------------------------------------------------


@pytest.mark.parametrize("invisible", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_an_invisible_title_is_refused_with_a_message_by_the_form(browser, kidal, invisible):
    response = through_the_form(browser, {"title": invisible})

    assert response.status_code == 400
    assert "The title cannot be empty or invisible." in " ".join(
        message for messages in errors(response).values() for message in messages
    )
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("invisible", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_an_invisible_title_is_refused_with_a_message_by_the_api(editor_client, kidal, invisible):
    response = send(editor_client, "POST", PROPOSE, {"summary": SUMMARY, "title": invisible})

    assert response.status_code == 400
    assert response.json()["errors"]["title"]
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("invisible", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_an_invisible_summary_is_refused_with_a_message_by_both(
    browser, editor_client, kidal, invisible
):
    from_the_form = through_the_form(browser, {"summary": invisible, "lead": "A lead."})
    from_the_api = send(editor_client, "POST", PROPOSE, {"summary": invisible, "lead": "A lead."})

    assert from_the_form.status_code == 400
    assert errors(from_the_form)["summary"]
    assert from_the_api.status_code == 400
    assert from_the_api.json()["errors"]["summary"]
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("invisible", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_an_invisible_infobox_key_is_refused_with_a_message_by_both(
    browser, editor_client, kidal, invisible
):
    from_the_form = through_the_form(browser, {"summary": SUMMARY}, infobox={invisible: "400"})
    from_the_api = send(
        editor_client, "POST", PROPOSE, {"summary": SUMMARY, "infobox": {invisible: "400"}}
    )

    assert from_the_form.status_code == 400
    form_messages = " ".join(m for messages in errors(from_the_form).values() for m in messages)
    assert "The infobox key cannot be empty or invisible." in form_messages
    assert from_the_api.status_code == 400
    assert from_the_api.json()["errors"]["infobox"] == [
        "The infobox key cannot be empty or invisible."
    ]
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("invisible", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_an_invisible_title_or_key_is_refused_when_patching(
    editor_client, kidal, editor, invisible
):
    proposal = propose(kidal, {"lead": "A lead."}, author=editor)
    url = f"/api/proposals/{proposal.pk}/"

    for body, field in (
        ({"title": invisible}, "title"),
        ({"summary": invisible}, "summary"),
        ({"infobox": {invisible: "400"}}, "infobox"),
    ):
        response = send(editor_client, "PATCH", url, body)
        assert response.status_code == 400, body
        assert response.json()["errors"][field], body
    assert Proposal.objects.get(pk=proposal.pk).changes == {"lead": "A lead."}


def test_invisible_characters_inside_visible_text_are_kept(editor_client, kidal):
    """A right-to-left mark between words is the author's to place, not ours to drop."""
    title = "Second Battle of Kidal \u200f(2014)"

    response = send(editor_client, "POST", PROPOSE, {"summary": SUMMARY, "title": title})

    assert response.status_code == 201
    assert only_proposal().changes == {"title": title}


# --- Characters no database can store -------------------------------------------------------


def bodies_with(character: str, *, section_id: int, reference_id: int) -> dict[str, dict]:
    """A proposal body for each place text can go, by name, with `character` inside it."""
    text = f"Kid{character}al"
    return {
        "title": {"title": text},
        "lead": {"lead": text},
        "summary": {"summary": text, "lead": "A lead."},
        "source": {"source": text, "lead": "A lead."},
        "infobox-value": {"infobox": {"Casualties1": text}},
        "infobox-key": {"infobox": {text: "400"}},
        "infobox-key-removed": {"infobox": {text: None}},
        "infobox-order": {"infobox_order": [text]},
        "section-heading": {"sections": [{"id": section_id, "heading": text}]},
        "section-body": {"sections": [{"id": section_id, "body": text}]},
        "new-section": {"sections": [{"heading": "Aftermath", "body": text}]},
        "reference-text": {"references": [{"id": reference_id, "text": text}]},
        "reference-url": {"references": [{"id": reference_id, "url": f"https://{text}.ml/"}]},
        "field-name-in-a-section": {"sections": [{"id": section_id, text: "x"}]},
        "part-name": {text: "x"},
    }


PLACE_NAMES = list(bodies_with("x", section_id=1, reference_id=1))


def bodies_in(article, character: str) -> dict[str, dict]:
    return bodies_with(
        character,
        section_id=article.sections.first().id,
        reference_id=article.references.first().id,
    )


def assert_refused_with_a_message(response) -> None:
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["detail"] == "The request is not valid."
    assert all(messages and all(messages) for messages in body["errors"].values())


@pytest.mark.parametrize("character", UNSTORABLE.values(), ids=UNSTORABLE.keys())
@pytest.mark.parametrize("place", PLACE_NAMES)
def test_an_unstorable_character_anywhere_in_a_proposal_is_a_400(
    editor_client, kidal, character, place
):
    body = bodies_in(kidal, character)[place]

    response = send(editor_client, "POST", PROPOSE, {"summary": SUMMARY, **body})

    assert_refused_with_a_message(response)
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("character", UNSTORABLE.values(), ids=UNSTORABLE.keys())
@pytest.mark.parametrize("place", PLACE_NAMES)
def test_an_unstorable_character_anywhere_in_a_patch_is_a_400(
    editor_client, kidal, editor, character, place
):
    proposal = propose(kidal, {"lead": "A lead."}, author=editor)
    before = Proposal.objects.filter(pk=proposal.pk).values().get()

    response = send(
        editor_client, "PATCH", f"/api/proposals/{proposal.pk}/", bodies_in(kidal, character)[place]
    )

    assert_refused_with_a_message(response)
    assert Proposal.objects.filter(pk=proposal.pk).values().get() == before


def test_the_message_for_an_infobox_key_says_what_is_wrong(editor_client, kidal):
    response = send(
        editor_client, "POST", PROPOSE, {"summary": SUMMARY, "infobox": {"Notes\x00": "x"}}
    )

    assert response.json()["errors"]["infobox"] == [
        "An infobox key contains a NUL character (at character 6)."
    ]


def test_a_message_quoting_a_lone_surrogate_escapes_it(editor_client, kidal):
    response = send(editor_client, "POST", PROPOSE, {"summary": SUMMARY, "\ud800": "x"})

    assert response.status_code == 400
    assert response.json()["errors"] == {"\\ud800": ["Not a part of a proposal."]}


def test_a_body_that_is_not_utf_8_is_a_400(editor_client, kidal):
    response = editor_client.generic(
        "POST", PROPOSE, b'{"summary": "Date \xff the title"}', content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["detail"]


def test_a_nul_character_in_the_form_is_refused_with_a_message(browser, kidal):
    response = through_the_form(browser, {"title": "Second Battle\x00 of Kidal"})

    assert response.status_code == 400
    assert errors(response)["title"]
    assert not Proposal.objects.exists()


def test_a_nul_character_in_an_infobox_key_of_the_form_is_refused_with_a_message(browser, kidal):
    response = through_the_form(browser, {}, infobox={"Notes\x00": "A note."})

    assert response.status_code == 400
    assert [name for name in errors(response) if name.endswith("-key")]
    assert not Proposal.objects.exists()


def test_a_lone_surrogate_sent_by_a_form_arrives_as_replacement_characters(browser, kidal):
    """A form can only send the bytes that would encode a surrogate in UTF-8, which are not
    UTF-8: they are read as U+FFFD, never as a surrogate the database could not store."""
    form = browser.get(PROPOSE_PAGE)
    data = form_data(form, {})
    prefix = new_row(form.context["forms"].infobox)
    data.update({f"{prefix}-key": "NotesSURROGATE", f"{prefix}-value": "A note."})
    body = urlencode(data).replace("SURROGATE", "%ED%A0%80")

    response = browser.post(PROPOSE_PAGE, body, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 302
    assert only_proposal().changes["infobox"]["Notes\ufffd\ufffd\ufffd"] == "A note."


@pytest.mark.parametrize("character", UNSTORABLE.values(), ids=UNSTORABLE.keys())
@pytest.mark.parametrize("field", ["username", "password"])
def test_an_unstorable_character_in_a_token_request_is_a_400_naming_the_field(
    api_client, editor, character, field
):
    credentials = {"username": editor.username, "password": "wrong", field: f"a{character}"}

    response = send(api_client, "POST", "/api/auth/token/", credentials)

    assert_refused_with_a_message(response)
    assert field in response.json()["errors"]


@pytest.mark.parametrize("character", UNSTORABLE.values(), ids=UNSTORABLE.keys())
def test_an_unstorable_character_in_a_rejection_reason_is_a_400(
    reviewer_client, kidal, editor, character
):
    proposal = propose(kidal, {"lead": "A new lead."}, author=editor)

    response = send(
        reviewer_client,
        "POST",
        f"/api/proposals/{proposal.pk}/reject/",
        {"reason": f"Unsourced{character}"},
    )

    assert_refused_with_a_message(response)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.PENDING
