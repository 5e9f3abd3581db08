"""Who wrote what: each part's origin, kept after every publish and read in one query;
the page and GET /api/articles/<slug>/blame/."""

import pytest

from conflicts import selectors
from conflicts.blame import parts_changed
from conflicts.document import ArticleState, InfoboxEntry, SectionState
from conflicts.models import ArticleBlame, PartOrigin
from conflicts.services.blame import article_blame_update
from conflicts.services.reviews import proposal_approve
from tests.conflicts.pages import html
from tests.factories import UserFactory, committed, propose

pytestmark = pytest.mark.django_db


def origins(article) -> dict[str, int]:
    return dict(PartOrigin.objects.filter(article=article).values_list("part", "revision__number"))


def test_only_the_parts_a_revision_changed_are_its_own():
    before = ArticleState(
        title="Raid",
        lead="A raid.",
        infobox=(InfoboxEntry("Date", "1990"), InfoboxEntry("Result", "Draw")),
        sections=(SectionState("Course", 2, "Fighting.", id=4), SectionState("End", 2, "", id=5)),
    )
    after = before.replace(
        infobox=(InfoboxEntry("Date", "1991"), InfoboxEntry("Result", "Draw")),
        sections=(before.sections[1], before.sections[0]),
    )

    assert parts_changed(before, after) == {"infobox:Date"}
    assert "title" in parts_changed(None, after)


@pytest.fixture
def corrected(kidal, reviewer):
    """Kidal's casualties corrected by Mariam, with a source, approved by Rokia."""
    proposal = propose(
        kidal,
        {"infobox": {"Casualties1": "50 killed, 40 wounded"}},
        author=UserFactory(username="mariam"),
        summary="Casualties as in the body",
        source="Reuters, 21 May 2014",
    )
    with committed():  # the worker reads it once the approval commits
        proposal_approve(proposal=proposal, reviewer=reviewer)
    return kidal


def test_a_correction_is_credited_with_the_parts_it_changed_and_no_others(corrected):
    kidal = corrected
    found = origins(kidal)
    assert found["infobox:Casualties1"] == 2
    assert found["lead"] == found["infobox:Date"] == 1
    state = selectors.article_current_state(selectors.article_published().get(pk=kidal.pk))
    assert found[f"reference:{state.references[-1].id}"] == 2  # the source, added
    assert ArticleBlame.objects.get(article=kidal).revision.number == 2


def test_the_page_names_author_reviewer_summary_and_source(client, corrected):
    kidal = corrected
    page = html(client.get(f"/articles/{kidal.slug}/blame/"))

    row = page[page.index('id="infobox-Casualties1"') :].split("</tr>")[0]
    assert "mariam" in row
    assert "reviewed by" in row
    assert "rokia" in row
    assert "Casualties as in the body" in row
    assert "Source: Reuters, 21 May 2014" in row
    article_page = html(client.get(f"/articles/{kidal.slug}/"))
    assert f'href="/articles/{kidal.slug}/blame/#infobox-Casualties1"' in article_page


def test_the_api_gives_each_part_with_its_revision(client, kidal):
    PartOrigin.objects.all().delete()
    ArticleBlame.objects.all().delete()

    body = client.get(f"/api/articles/{kidal.slug}/blame/").json()

    assert body["revision"] == kidal.current_revision_id
    parts = {part["part"]: part for part in body["parts"]}
    assert parts["infobox:Casualties1"]["number"] == 1
    assert parts["infobox:Casualties1"]["author"] == "importer"
    assert parts["lead"]["reviewer"] is None
    assert client.get("/api/articles/no-such-battle/blame/").status_code == 404


def test_catching_up_reads_only_the_revisions_since_and_is_idempotent(
    kidal, reviewer, django_assert_max_num_queries
):
    article_blame_update(kidal.pk)
    proposal_approve(proposal=propose(kidal, {"lead": "A new lead."}), reviewer=reviewer)

    with django_assert_max_num_queries(13):
        article_blame_update(kidal.pk)
    caught_up = origins(kidal)
    with django_assert_max_num_queries(4):  # the article locked, its blame read
        article_blame_update(kidal.pk)

    assert origins(kidal) == caught_up
    assert caught_up["lead"] == 2
    assert caught_up["title"] == 1
    assert len(selectors.article_blame(kidal)) == len(caught_up)
