"""Factories for accounts, article content and published articles."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import TestCase

from accounts.roles import REVIEWERS_GROUP
from conflicts import selectors
from conflicts.document import ArticleState, InfoboxEntry, ReferenceState, SectionState
from conflicts.services.articles import article_create, article_lock, article_revise
from conflicts.services.proposals import proposal_create

# Every factory account's password.
PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"editor{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(PASSWORD)


class InfoboxEntryFactory(factory.Factory):
    class Meta:
        model = InfoboxEntry

    key = factory.Sequence(lambda n: f"Notes{n}")
    value = factory.Faker("sentence")


class SectionStateFactory(factory.Factory):
    class Meta:
        model = SectionState

    heading = factory.Sequence(lambda n: f"Phase {n}")
    level = 2
    body = factory.Faker("paragraph", nb_sentences=4)


class ReferenceStateFactory(factory.Factory):
    class Meta:
        model = ReferenceState

    text = factory.Faker("sentence")
    url = ""


class ArticleStateFactory(factory.Factory):
    """A plausible conflict article's content, not yet stored."""

    class Meta:
        model = ArticleState

    title = factory.Sequence(lambda n: f"Battle of Testville {n}")
    lead = factory.Faker("paragraph", nb_sentences=3)
    infobox = factory.LazyFunction(
        lambda: (
            InfoboxEntry("Date", "16–21 May 2014"),
            InfoboxEntry("Place", "Kidal, Mali"),
            InfoboxEntry("Result", "MNLA victory"),
            InfoboxEntry("Combatant1", "Mali"),
            InfoboxEntry("Combatant2", "MNLA"),
            InfoboxEntry("Casualties1", "40 killed, 50 wounded"),
            InfoboxEntry("Casualties2", "2 killed"),
        )
    )
    sections = factory.LazyFunction(
        lambda: (
            SectionStateFactory(heading="Background"),
            SectionStateFactory(heading="Battle"),
            SectionStateFactory(heading="Aftermath"),
        )
    )
    references = factory.LazyFunction(lambda: (ReferenceStateFactory(),))


def committed():
    """Run what waits for the test's transaction to commit (`transaction.on_commit`: the
    search index, cached states) at the end of the block, as a committed publish would."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def publish(state=None, *, author=None, summary="Created for a test", **state_fields):
    """A new article published from `state` (or a factory state); its first revision."""
    state = state or ArticleStateFactory(**state_fields)
    with committed():
        return article_create(state=state, author=author or UserFactory(), summary=summary)


def publish_worded(
    title, *, lead="A clash in the north.", body="Fighting went on for days.", **state_fields
):
    """A published article whose every word is chosen by the test (no generated text), so
    that searches find exactly what the test means them to."""
    state = ArticleStateFactory(
        title=title,
        lead=lead,
        infobox=(InfoboxEntry("Date", "16 May 2014"), InfoboxEntry("Place", "Mali")),
        sections=(SectionState(heading="Course", level=2, body=body),),
        **state_fields,
    )
    return publish(state).article


def revise(article, state, *, author=None, summary="Revised for a test", reviewer=None):
    """Publish `state` as the next revision of `article`."""
    with committed(), transaction.atomic():
        locked = article_lock(article)
        return article_revise(
            article=locked,
            current=selectors.article_current_state(locked),
            state=state,
            author=author or UserFactory(),
            summary=summary,
            reviewer=reviewer,
        )


class ReviewerFactory(UserFactory):
    """An account in the `reviewers` group, which is created if no migration has made it."""

    class Meta:
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"reviewer{n}")

    @factory.post_generation
    def reviewers_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get_or_create(name=REVIEWERS_GROUP)[0])


def propose(
    article, changes=None, *, author=None, summary="Correct the infobox from the body", **fields
):
    """A pending proposal to `article`, made through the service as an editor would.

    `changes` is a partial document; pass `proposed=` (a whole state) instead to propose
    an edited article, and `base_revision=` or `source=` as `proposal_create` takes them.
    """
    return proposal_create(
        article=article,
        author=author or UserFactory(),
        summary=summary,
        changes=changes,
        **fields,
    )
