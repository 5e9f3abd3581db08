"""Importing article files (formats A, B and C of the seeds) as published revisions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from conflicts import models as m
from conflicts.document import ArticleState
from conflicts.parsing import ParseError, parse_article
from conflicts.selectors import article_published, article_state
from conflicts.services.articles import (
    article_create,
    article_lock,
    article_revise,
    article_slug_for,
    state_normalised,
)

IMPORTER_USERNAME = "importer"


class ImportFailed(Exception):
    """A file that could not be imported; nothing of it was written."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass(frozen=True)
class ImportOutcome:
    source: str
    article: m.Article
    action: Literal["created", "updated", "unchanged"]
    revision: m.ArticleRevision | None
    notes: tuple[str, ...]


def article_import(*, path: Path, author=None) -> ImportOutcome:
    """Create or update the article in the file at `path`, in one transaction.

    An unchanged article gets no new revision. What the parser could not place is kept
    as the article's import notes for this file. Raises ImportFailed.
    """
    source = path.name
    parsed = _parse(path)
    state = state_normalised(parsed.state)
    author = author or importer_account()
    summary = f"Imported from {source}"
    try:
        with transaction.atomic():
            article = m.Article.objects.filter(slug=article_slug_for(state.title)).first()
            if article is None:
                revision = article_create(state=state, author=author, summary=summary)
                article, action = revision.article, "created"
            else:
                article = article_lock(article)
                current = article_state(article_published().get(pk=article.pk))
                state = _with_section_ids(state, current)
                action = "unchanged" if state == current else "updated"
                revision = None
                if action == "updated":
                    revision = article_revise(
                        article=article, state=state, author=author, summary=summary
                    )
            article.import_notes.filter(source=source).delete()
            m.ImportNote.objects.bulk_create(
                m.ImportNote(article=article, source=source, text=note) for note in parsed.notes
            )
    except ValidationError as error:
        raise ImportFailed(source, "; ".join(error.messages)) from error
    return ImportOutcome(source, article, action, revision, parsed.notes)


def importer_account():
    """The account named as author of imported revisions when no one else is."""
    user, created = get_user_model().objects.get_or_create(
        username=IMPORTER_USERNAME, defaults={"first_name": "Annals", "last_name": "importer"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _parse(path: Path):
    source = path.name
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise ImportFailed(source, f"cannot be read ({error.strerror or error})") from error
    except UnicodeDecodeError as error:
        raise ImportFailed(source, "is not UTF-8 text") from error
    try:
        return parse_article(text)
    except ParseError as error:
        raise ImportFailed(source, str(error)) from error


def _with_section_ids(state: ArticleState, current: ArticleState) -> ArticleState:
    """`state` with each section that has a same-headed one in `current` taking its id.

    Keeping ids keeps a re-imported section the same section in history and diffs.
    """
    free = {}
    for section in current.sections:
        free.setdefault((section.heading, section.level), []).append(section.id)
    sections = []
    for section in state.sections:
        ids = free.get((section.heading, section.level))
        sections.append(section.replace(id=ids.pop(0)) if ids else section)
    return state.replace(sections=tuple(sections))
