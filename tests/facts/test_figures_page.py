"""The other figures on the article page (on demand) and the figures page, where reviewers
add a figure, make one preferred or withdraw one, and refused forms come back whole."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conflicts import selectors
from facts.models import FieldClaim
from facts.services.claims import field_claim_prefer
from tests.conflicts.pages import html, login_url, signed_in

pytestmark = pytest.mark.django_db


def figures_url(article, action="") -> str:
    return f"/articles/{article.slug}/figures/{action}"


def test_the_article_shows_the_preferred_figure_and_the_others_on_demand(
    client, disputed, add_figure
):
    add_figure(disputed, "14 killed", source="Reuters https://reuters.example/anefis")

    page = html(client.get(disputed.get_absolute_url()))

    cell = page[page.index('data-key="Casualties1"') :]
    cell = cell[: cell.index("</td>")]
    assert "36 killed" in cell
    assert "<summary>1 other figure</summary>" in cell
    assert '<span class="claims__value">14 killed</span>' in cell
    assert 'href="https://reuters.example/anefis"' in cell
    assert f'href="{figures_url(disputed)}#infobox-Casualties1"' in cell
    assert "other figure" not in page[page.index('data-key="Casualties2"') :]


def test_an_old_revision_shows_no_other_figures(client, disputed, add_figure):
    add_figure(disputed)

    page = html(client.get(f"/articles/{disputed.slug}/revisions/{disputed.current_revision_id}/"))

    assert "other figure" not in page


def test_readers_see_every_figure_with_its_source_and_no_forms(client, disputed, add_figure):
    add_figure(disputed, "14 killed")

    page = html(client.get(figures_url(disputed)))

    assert 'id="infobox-Casualties1"' in page
    assert "MNLA communiqué, 28 July 2017" in page  # the preferred figure's source
    assert "Reuters, 29 July 2017" in page
    assert "Make preferred" not in page
    assert "Add another figure" not in page


def test_an_article_without_other_figures_says_so(client, disputed):
    page = html(client.get(figures_url(disputed)))

    assert "No field of this article has another figure." in page


def test_a_reviewer_adds_a_figure_from_the_form_chosen_by_the_field(disputed, reviewer):
    browser = signed_in(reviewer)
    form = html(browser.get(figures_url(disputed) + "?field=Casualties2"))
    assert '<option value="Casualties2" selected>Casualties (side 2)</option>' in form

    added = browser.post(
        figures_url(disputed, "add/"),
        {"key": "Casualties2", "value": "8 killed", "source": "AFP, 29 July 2017"},
    )

    assert added.status_code == 302
    assert added["Location"] == figures_url(disputed) + "#infobox-Casualties2"
    claim = FieldClaim.objects.get()
    assert (claim.key, claim.value, claim.added_by) == ("Casualties2", "8 killed", reviewer)
    assert "Added 8 killed as another figure of Casualties (side 2)." in html(
        browser.get(added["Location"])
    )


def test_a_refused_figure_comes_back_with_what_was_written(disputed, reviewer):
    refused = signed_in(reviewer).post(
        figures_url(disputed, "add/"),
        {"key": "Casualties1", "value": "36 killed", "source": "Reuters, 29 July 2017"},
    )

    assert refused.status_code == 400
    page = html(refused)
    assert "That is the field&#x27;s preferred figure already." in page
    assert "Reuters, 29 July 2017</textarea>" in page
    assert not FieldClaim.objects.exists()


def test_a_field_the_article_lacks_is_refused_by_the_form(disputed, reviewer):
    refused = signed_in(reviewer).post(
        figures_url(disputed, "add/"), {"key": "Strength9", "value": "9", "source": "AFP"}
    )

    assert refused.status_code == 400
    assert "Select a valid choice" in html(refused)


def test_a_reviewer_makes_a_figure_preferred_and_the_article_reads_it(
    client, disputed, reviewer, add_figure
):
    claim = add_figure(disputed)

    done = signed_in(reviewer).post(
        figures_url(disputed, f"{claim.pk}/prefer/"), {"reason": "A later count"}
    )

    assert done.status_code == 302
    disputed.refresh_from_db()
    assert disputed.current_revision.number == 2
    article = html(client.get(disputed.get_absolute_url()))
    cell = article[article.index('data-key="Casualties1"') :]
    assert cell.index("14 killed") < cell.index("<summary>1 other figure</summary>")
    assert '<span class="claims__value">36 killed</span>' in cell
    page = html(client.get(figures_url(disputed)))
    assert "Made the preferred figure by" in page
    assert f'href="/articles/{disputed.slug}/revisions/{disputed.current_revision_id}/"' in page


def test_preferring_a_figure_someone_withdrew_meanwhile_says_so(disputed, reviewer, add_figure):
    claim = add_figure(disputed)
    browser = signed_in(reviewer)
    browser.post(figures_url(disputed, f"{claim.pk}/withdraw/"), {"reason": "A rumour"})

    late = browser.post(figures_url(disputed, f"{claim.pk}/prefer/"), {"reason": ""}, follow=True)

    assert "rokia withdrew this figure already." in html(late)
    assert selectors.article_current_state(disputed).infobox[1].value.startswith("36 killed")


def test_withdrawing_without_a_reason_is_refused_with_the_form_open(disputed, reviewer, add_figure):
    claim = add_figure(disputed)

    refused = signed_in(reviewer).post(figures_url(disputed, f"{claim.pk}/withdraw/"), {})

    assert refused.status_code == 400
    page = html(refused)
    assert '<details class="figures__withdraw" open>' in page
    assert "Say why the figure goes" in page
    claim.refresh_from_db()
    assert claim.is_open


def test_editors_are_refused_and_visitors_asked_to_sign_in(disputed, editor, client, add_figure):
    claim = add_figure(disputed)
    url = figures_url(disputed, f"{claim.pk}/prefer/")

    assert signed_in(editor).post(url, {}).status_code == 403
    assert client.post(url, {})["Location"] == login_url(url)
    claim.refresh_from_db()
    assert claim.is_open


@pytest.mark.parametrize("path", ["999999/prefer/", "99999999999999999999/prefer/"])
def test_a_figure_that_is_not_there_is_no_page(disputed, reviewer, path):
    assert signed_in(reviewer).post(figures_url(disputed, path), {}).status_code == 404


def test_a_figure_of_another_article_is_no_page_of_this_one(disputed, kidal, reviewer, add_figure):
    claim = add_figure(disputed)

    response = signed_in(reviewer).post(
        figures_url(kidal, f"{claim.pk}/withdraw/"), {"reason": "x"}
    )

    assert response.status_code == 404


def test_the_article_and_its_api_document_read_all_other_figures_in_one_query(
    client, disputed, add_figure
):
    urls = [disputed.get_absolute_url(), f"/api/articles/{disputed.slug}/"]
    for url in urls:  # what is read once and cached (content types, sessions' tables)
        client.get(url)
    without = [queries_of(client, url) for url in urls]
    for number in range(5):
        add_figure(disputed, f"{number + 10} killed", key=f"Casualties{number % 2 + 1}")

    assert [queries_of(client, url) for url in urls] == without


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_preferred_figure_is_a_kind_of_its_own_in_recent_changes(
    client, disputed, reviewer, add_figure
):
    claim = add_figure(disputed)
    field_claim_prefer(claim=claim, reviewer=reviewer)

    page = html(client.get("/recent/", {"kind": "figure"}))

    assert page.count('<li class="recent__item">') == 1
    assert "Preferred figure for Casualties (side 1): 14 killed" in page
