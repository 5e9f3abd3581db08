"""Nothing is lost, over any sequence of everyday actions (a Hypothesis property test).

Random sequences of import / propose / approve / reject / revert / rework / withdraw on
one article. After every step:

- history never changes: each revision reads as it did when it was first published, and
  the published article reads as its latest revision;
- every approved change is in the revision its approval published, and is either still
  published or was superseded by a later revision that history shows;
- nothing an author submitted disappears from their proposal without them withdrawing
  it: an open or rejected proposal still proposes it, an approved one published it. The
  one way a value may leave a proposal is by being published after the revision its
  author started from (someone else's approval said the same, and a rework found nothing
  left to propose there): history then shows it.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conflicts import selectors
from conflicts.changes import changes_apply
from conflicts.models import Article, Proposal
from conflicts.services.errors import ProposalConflict, ProposalStateError
from conflicts.services.importing import article_import, importer_account
from conflicts.services.proposals import proposal_create, proposal_update, proposal_withdraw
from conflicts.services.reviews import article_revert, proposal_approve, proposal_reject
from tests.factories import ReviewerFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

TITLE = "Raid on Testville"
CHOICES = {
    ("infobox", "Casualties1"): ("14 killed", "36 killed", "14–36 killed"),
    ("infobox", "Casualties2"): ("1 injured", "2 injured", None),
    ("infobox", "Commander1"): ("Unknown", "Col. Diallo"),
    ("lead",): (
        "Rebels attacked the army post at Testville on 28 June 1990.",
        "Rebels attacked the army post at Testville on 29 June 1990.",
    ),
    ("section", "Battle"): (
        "The attack began at dawn and lasted two hours.",
        "The attack began at night and lasted four hours.",
    ),
}
PARTS = list(CHOICES)


def import_file(values: dict) -> str:
    """A format A file of the test article with `values` for the parts in CHOICES."""
    infobox = [("Date", "June 28–29, 1990"), ("Place", "Testville, Mali")]
    infobox += [(key, values[("infobox", key)]) for _, key in PARTS[:3] if values[("infobox", key)]]
    return "\n".join(
        [
            f"= {TITLE} =",
            "",
            "Infobox",
            *(f"- {key}: {value}" for key, value in infobox),
            "",
            values[("lead",)],
            "",
            "== Background ==",
            "Droughts had driven many young men into exile in the 1980s.",
            "",
            "== Battle ==",
            values[("section", "Battle")],
            "",
        ]
    )


def value_in(state, part):
    """The value `state` has for one of the tracked parts; None when it has none."""
    if part[0] == "infobox":
        entry = next((e for e in state.infobox if e.key == part[1]), None)
        return entry.value if entry else None
    if part[0] == "lead":
        return state.lead
    section = next((s for s in state.sections if s.heading == part[1]), None)
    return section.body if section else None


@dataclass
class Story:
    """What happened so far, as the property checks need it."""

    editors: list
    reviewer: object
    directory: object
    # What each author submitted, per proposal: the number of the revision they started
    # from, and {part: value} of the parts they changed.
    intents: dict[int, tuple[int, dict]] = field(default_factory=dict)
    # Each revision's content as first seen.
    seen: dict[int, object] = field(default_factory=dict)
    file_number: int = 0

    @property
    def article(self) -> Article:
        return Article.objects.get(title=TITLE)

    def current(self):
        return selectors.article_state(selectors.article_published().get(pk=self.article.pk))

    def record_intent(self, proposal: Proposal) -> None:
        base = selectors.revision_state(proposal.base_revision)
        proposed = changes_apply(base, proposal.changes)
        self.intents[proposal.pk] = (
            proposal.base_revision.number,
            {
                part: value_in(proposed, part)
                for part in PARTS
                if value_in(proposed, part) != value_in(base, part)
            },
        )


# --- The actions --------------------------------------------------------------------------


def do_import(story: Story, data) -> None:
    values = {part: data.draw(st.sampled_from(CHOICES[part])) for part in PARTS}
    path = story.directory / "testville.txt"
    path.write_text(import_file(values), encoding="utf-8")
    outcome = article_import(path=path)
    if outcome.proposal is not None:
        # The importer brought its own proposal up to date: that is its new submission.
        story.record_intent(outcome.proposal)


def do_propose(story: Story, data) -> None:
    article = story.article
    revisions = list(selectors.article_history(article))
    base_revision = data.draw(st.sampled_from(revisions))
    base = selectors.revision_state(base_revision)
    parts = data.draw(st.lists(st.sampled_from(PARTS), min_size=1, max_size=3, unique=True))
    proposed = base
    for part in parts:
        others = [value for value in CHOICES[part] if value != value_in(base, part)]
        proposed = with_value(proposed, part, data.draw(st.sampled_from(others)))
    try:
        proposal = proposal_create(
            article=article,
            author=data.draw(st.sampled_from(story.editors)),
            proposed=proposed,
            base_revision=base_revision,
            summary="A correction",
        )
    except ValidationError as error:
        event(f"proposal refused: {error.messages[0][:40]}")
        return  # nothing to review: nothing was submitted
    event("proposal made")
    story.record_intent(proposal)


def with_value(state, part, value):
    if part[0] == "infobox":
        keys = [entry.key for entry in state.infobox]
        entries = [e for e in state.infobox if e.key != part[1]]
        if value is not None:
            position = keys.index(part[1]) if part[1] in keys else len(entries)
            entries.insert(position, type(state.infobox[0])(part[1], value))
        return state.replace(infobox=tuple(entries))
    if part[0] == "lead":
        return state.replace(lead=value)
    return state.replace(
        sections=tuple(s.replace(body=value) if s.heading == part[1] else s for s in state.sections)
    )


def pick(data, proposals):
    proposals = list(proposals.order_by("pk"))
    return data.draw(st.sampled_from(proposals)) if proposals else None


def do_approve(story: Story, data) -> None:
    proposal = pick(data, Proposal.objects.pending())
    if proposal is None:
        return
    # A conflict, or already published: either way nothing was overwritten.
    try:
        proposal_approve(proposal=proposal, reviewer=story.reviewer)
    except ProposalConflict:
        event("approval refused: conflict")
    except ProposalStateError:
        event("approval refused: already published")


def do_reject(story: Story, data) -> None:
    proposal = pick(data, Proposal.objects.open())
    if proposal is not None:
        proposal_reject(proposal=proposal, reviewer=story.reviewer, reason="Not sourced.")


def do_revert(story: Story, data) -> None:
    revision = data.draw(st.sampled_from(list(selectors.article_history(story.article))))
    with suppress(ValidationError):  # it already reads like that revision
        article_revert(article=story.article, revision=revision, reviewer=story.reviewer)


def do_rework(story: Story, data) -> None:
    """The author opens the rework form and submits it as it comes (their values kept)."""
    proposal = pick(data, Proposal.objects.open())
    if proposal is None:
        return
    rework = selectors.proposal_rework(proposal)
    event(f"rework with {min(len(rework.clashes), 2)} clashes")
    # Refused only when everything it asks for is published already.
    with suppress(ValidationError):
        proposal_update(
            proposal=proposal,
            user=proposal.author,
            proposed=rework.state,
            base_revision=rework.base_revision,
            summary=proposal.summary,
        )


def do_withdraw(story: Story, data) -> None:
    proposal = pick(data, Proposal.objects.open())
    if proposal is not None:
        proposal_withdraw(proposal=proposal, user=proposal.author)
        story.intents.pop(proposal.pk)


# Proposing, approving and reworking come up more often than the rest, so that stale
# proposals, conflicts and reworks of them are common in the sequences drawn.
WEIGHTS = {"propose": 4, "approve": 3, "rework": 3}

ACTIONS = {
    "import": do_import,
    "propose": do_propose,
    "approve": do_approve,
    "reject": do_reject,
    "revert": do_revert,
    "rework": do_rework,
    "withdraw": do_withdraw,
}


# --- The properties -----------------------------------------------------------------------


def assert_nothing_lost(story: Story) -> None:
    history = list(selectors.article_history(story.article).order_by("number"))
    states = selectors.revision_states(revision.pk for revision in history)
    for revision in history:
        first_seen = story.seen.setdefault(revision.pk, states[revision.pk])
        assert states[revision.pk] == first_seen, f"revision {revision.number} was rewritten"
    assert story.current() == states[history[-1].pk], "the article is not its latest revision"

    for proposal in Proposal.objects.filter(pk__in=story.intents).order_by("pk"):
        since, intent = story.intents[proposal.pk]
        published_since = [states[r.pk] for r in history if r.number > since]
        if proposal.status == Proposal.Status.APPROVED:
            published = proposal.resulting_revision
            assert kept(states[published.pk], intent, published_since), (
                f"approval {proposal.pk} lost a change"
            )
            later = [r for r in history if r.number > published.number]
            for part, value in intent.items():
                published_here = value_in(states[published.pk], part) == value
                if published_here and value_in(story.current(), part) != value:
                    assert any(value_in(states[r.pk], part) != value for r in later), (
                        f"{part} of approved proposal {proposal.pk} vanished without a revision"
                    )
        else:
            base = selectors.revision_state(proposal.base_revision)
            assert kept(changes_apply(base, proposal.changes), intent, published_since), (
                f"{proposal.get_status_display()} proposal {proposal.pk} lost what its author wrote"
            )


def kept(state, intent: dict, published_since: list) -> bool:
    """Whether every submitted value is in `state`, or was published after the revision
    its author started from (so history shows it, and a rework may no longer propose it)."""
    return all(
        value_in(state, part) == value
        or any(value_in(revision, part) == value for revision in published_since)
        for part, value in intent.items()
    )


@pytest.fixture
def cast(db):
    return [UserFactory(username=name) for name in ("ada", "moussa", "fatou")], ReviewerFactory(
        username="rokia"
    )


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_sequence_of_everyday_actions_loses_reviewed_or_submitted_work(cast, tmp_path, data):
    editors, reviewer = cast
    with transaction.atomic():
        story = Story(editors=editors, reviewer=reviewer, directory=tmp_path)
        importer_account()
        do_import(story, data)
        # Two editors start from the same revision, so that later steps find overlaps.
        do_propose(story, data)
        do_propose(story, data)
        assert_nothing_lost(story)
        actions = [name for name in ACTIONS for _ in range(WEIGHTS.get(name, 1))]
        steps = data.draw(st.lists(st.sampled_from(actions), min_size=3, max_size=18))
        for step in steps:
            ACTIONS[step](story, data)
            assert_nothing_lost(story)
        transaction.set_rollback(True)
