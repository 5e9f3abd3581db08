"""Fixtures shared by the page tests of tests/conflicts: an article."""

import pytest

from tests.factories import ArticleStateFactory, publish


@pytest.fixture
def first_revision(db):
    """Revision 1 of an article with sections Background, Battle and Aftermath, whose
    infobox reads Casualties1 = "40 killed, 50 wounded"."""
    return publish(ArticleStateFactory(title="Second Battle of Ménaka"))


@pytest.fixture
def article(first_revision):
    return first_revision.article
