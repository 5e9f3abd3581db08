"""Tests of the proposal and review services, and the domain assertions they share."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from conflicts import selectors
from conflicts.document import ArticleState, InfoboxEntry
from conflicts.models import Article, ArticleRevision


def published_state(article: Article) -> ArticleState:
    """What readers see of `article` now, read afresh from the database."""
    return selectors.article_state(selectors.article_published().get(pk=article.pk))


def with_infobox(state: ArticleState, **values: str) -> ArticleState:
    """`state` with those infobox fields set: changed where they are, new ones at the end."""
    entries = {entry.key: entry.value for entry in state.infobox} | values
    return state.replace(infobox=tuple(InfoboxEntry(k, v) for k, v in entries.items()))


@dataclass(frozen=True)
class Published:
    """Everything a reader can see of one article: its content and its history."""

    state: ArticleState
    history: tuple[tuple[int, int], ...]  # (number, revision id), newest first


def published(article: Article) -> Published:
    return Published(
        state=published_state(article),
        history=tuple(selectors.article_history(article).values_list("number", "revision_id")),
    )


def assert_nothing_published(article: Article, *, since: Published) -> None:
    """Readers see exactly what they saw at `since`: same content, same history."""
    assert published(article) == since


def assert_published(article: Article, **infobox: str) -> None:
    """Readers see these infobox values on `article` now."""
    state = published_state(article)
    assert {key: state.infobox_value(key) for key in infobox} == infobox


def assert_reads_like(article: Article, expected: ArticleState) -> None:
    """Readers see exactly `expected` on `article` now."""
    assert published_state(article) == expected


def assert_single_new_revision(article: Article, *, before: int) -> ArticleRevision:
    """`article` has exactly one revision more than `before`; that newest revision."""
    assert article.revisions.count() == before + 1
    return article.revisions.select_related("revision__user", "reviewer").first()


def assert_refused(error: ValidationError, *fields: str) -> None:
    """`error` is about exactly those fields, each with a message for the person."""
    assert sorted(error.message_dict) == sorted(fields)
    assert all(messages for messages in error.message_dict.values())
