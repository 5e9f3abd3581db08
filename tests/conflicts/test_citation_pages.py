"""Citations through proposals, approval and the article page: a reference added and cited
by number in one correction is stored by id, the superscripts follow a reordering, and a
citation of a removed reference is refused with its place named."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from conflicts import selectors
from conflicts.document import InfoboxEntry, ReferenceState
from conflicts.services.articles import articles_create_in_bulk
from conflicts.services.reviews import proposal_approve
from facts.models import ArticleFigures
from tests.conflicts.pages import html
from tests.factories import ArticleStateFactory, committed, propose, publish

pytestmark = pytest.mark.django_db


def current(article):
    return selectors.article_current_state(selectors.article_published().get(pk=article.pk))


def test_the_article_page_shows_citations_as_numbers_linked_both_ways(client, kidal):
    page = html(client.get(f"/articles/{kidal.slug}/"))

    assert 'came to visit Kidal.<sup class="citation" id="cite-3-1"><a href="#ref-3">[3]</a>' in (
        page
    )
    assert '<li id="ref-3"><span class="backlink">↑ <a href="#cite-3-1"' in page
    assert "[[ref:" not in page


def test_a_reference_added_and_cited_in_one_correction_is_stored_by_its_id(kidal, reviewer):
    state = current(kidal)
    kept = [{"id": reference.id} for reference in state.references]
    proposal = propose(
        kidal,
        {
            "lead": state.lead + " The army withdrew.[[ref:#9]]",
            "references": [*kept, {"text": "Jeune Afrique, 22 May 2014", "url": ""}],
        },
    )

    proposal_approve(proposal=proposal, reviewer=reviewer)

    after = current(kidal)
    added = after.references[-1]
    assert added.text == "Jeune Afrique, 22 May 2014"
    assert after.lead.endswith(f"The army withdrew.[[ref:{added.id}]]")


def test_a_citation_follows_its_reference_when_the_list_is_reordered(client, kidal, reviewer):
    state = current(kidal)
    third = state.references[2]
    reordered = [{"id": third.id}] + [
        {"id": reference.id} for reference in state.references if reference.id != third.id
    ]

    proposal_approve(proposal=propose(kidal, {"references": reordered}), reviewer=reviewer)

    page = html(client.get(f"/articles/{kidal.slug}/"))
    assert 'came to visit Kidal.<sup class="citation" id="cite-1-1"><a href="#ref-1">[1]</a>' in (
        page
    )


def test_removing_a_cited_reference_is_refused_naming_where_it_is_cited(kidal):
    state = current(kidal)
    without_third = [{"id": r.id} for i, r in enumerate(state.references) if i != 2]

    with pytest.raises(ValidationError) as refused:
        propose(kidal, {"references": without_third})

    assert any(
        "The lead: [[ref:" in message and "does not have (removed?)" in message
        for message in refused.value.message_dict["lead"]
    )


def test_the_bulk_writer_leaves_citations_by_number_to_the_one_by_one_path(editor):
    state = ArticleStateFactory(lead="Cited.[[ref:#1]]")

    with pytest.raises(ValidationError, match="cites its references by number"):
        articles_create_in_bulk(states=[state], author=editor, summary="Bulk")


def test_an_approved_corrections_source_is_the_infoboxs_superscript_for_that_value(
    client, kidal, reviewer
):
    proposal = propose(
        kidal,
        {"infobox": {"Casualties1": "50 killed, 40 wounded"}},
        source="Reuters, 21 May 2014",
    )
    with committed():
        proposal_approve(proposal=proposal, reviewer=reviewer)

    page = html(client.get(f"/articles/{kidal.slug}/"))
    assert (
        '50 killed, 40 wounded<sup class="citation" id="cite-9-1"><a href="#ref-9">[9]</a></sup>'
        in page
    )
    assert '<li id="ref-9"><a class="backlink" href="#cite-9-1"' in page
    killed = ArticleFigures.objects.get(article=kidal)
    assert (killed.killed_low, killed.killed_high) == (52, 52)


def test_lists_show_an_infobox_values_words_without_its_citations(client, db):
    state = ArticleStateFactory(
        title="Raid on Tessalit",
        infobox=(InfoboxEntry("Date", "3 May 2014[[ref:#1]]"), InfoboxEntry("Place", "Tessalit")),
        references=(ReferenceState("Le Monde, 4 May 2014"),),
        latitude=Decimal("20.2"),
        longitude=Decimal("1.0"),
    )
    article = publish(state).article

    stored = current(article).infobox_value("Date")
    assert stored == f"3 May 2014[[ref:{current(article).references[0].id}]]"
    for path in ("/", "/map/"):
        page = html(client.get(path))
        assert "3 May 2014" in page
        assert "[[ref:" not in page
