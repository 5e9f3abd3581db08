"""Importing article files (formats A, B and C of the seeds) without losing reviewed work.

The importer remembers, per file, what it last imported (`ImportRecord`): a hash of the
file together with the parser version, the revision that content became, and the
proposal it opened. A changed file is published only over an article nobody has edited
since its last import; otherwise it becomes a proposal by the importing account, based on
that last import, which review merges three ways like any other proposal.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from conflicts import citations, licences, parsing, permissions, selectors
from conflicts import models as m
from conflicts.document import ArticleState
from conflicts.services.articles import (
    article_create,
    article_lock,
    article_revise,
    state_normalised,
)
from conflicts.services.proposals import proposal_create, proposal_update, proposal_withdraw
from conflicts.summaries import import_summary
from notifications import events

IMPORTER_USERNAME = "importer"
# Beside the files of a directory: where their text comes from, and its licence.
CREDIT_FILE_NAME = "CREDIT.toml"

Action = Literal["created", "updated", "unchanged", "proposed"]


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
    action: Action
    # The revision published: set when the action is "created" or "updated".
    revision: m.ArticleRevision | None
    # The proposal made or brought up to date ("proposed"), or the importer's open one
    # still waiting for review ("unchanged").
    proposal: m.Proposal | None
    notes: tuple[str, ...]


@dataclass(frozen=True)
class _Result:
    article: m.Article
    action: Action
    last_import: m.ArticleRevision | None
    revision: m.ArticleRevision | None = None
    proposal: m.Proposal | None = None


def article_import(*, path: Path, author=None) -> ImportOutcome:
    """Import the article in the file at `path` as `author` (default: the importer account).

    The file's import record (by file name) finds its article, or else an article with
    exactly its title; with neither, a new article is created. Then, in one transaction:

    - the same file and parser version as last time, or content equal to the published
      content: "unchanged", nothing published;
    - an article whose current revision is the one the last import of this file produced
      (before import records, the latest revision "Imported from <file>" by `author`):
      a new revision, "updated";
    - an article edited since: nothing published; the content becomes a pending proposal
      by `author` based on the last import's revision (without one, on the current
      revision), or updates the open one an earlier run made: "proposed". Content equal to
      that base is "unchanged", and an open proposal of the importer's is withdrawn when
      the file no longer asks for anything.

    What the parser could not place is kept as the article's import notes for this file.
    A credit file beside it (`CREDIT_FILE_NAME`: `source` and `licence`) gives the article
    its licence and attribution, whatever the action. Raises ImportFailed when the file
    or its credit file cannot be read or parsed, or its content is invalid.
    Any other error (the database's) propagates; either way nothing of the file is written.
    """
    source = path.name
    raw = _read(path)
    parsed = _parse(source, raw)
    credit = _credit(path)
    state = state_normalised(parsed.state)
    content_hash = _content_hash(raw)
    author = author or importer_account()
    try:
        with transaction.atomic():
            record = m.ImportRecord.objects.select_for_update().filter(source=source).first()
            if record is not None and record.content_hash == content_hash:
                _credit_with(record.article, credit, state.title)
                waiting = record.proposal if record.proposal and record.proposal.is_open else None
                return ImportOutcome(
                    source=source,
                    article=record.article,
                    action="unchanged",
                    revision=None,
                    proposal=waiting,
                    notes=parsed.notes,
                )
            result = _import(state, source=source, record=record, author=author)
            _credit_with(result.article, credit, state.title)
            m.ImportRecord.objects.update_or_create(
                source=source,
                defaults={
                    "article": result.article,
                    "content_hash": content_hash,
                    "revision": result.last_import,
                    "proposal": result.proposal,
                },
            )
            result.article.import_notes.filter(source=source).delete()
            m.ImportNote.objects.bulk_create(
                m.ImportNote(article=result.article, source=source, text=note)
                for note in parsed.notes
            )
    except ValidationError as error:
        raise ImportFailed(source, "; ".join(error.messages)) from error
    return ImportOutcome(
        source=source,
        article=result.article,
        action=result.action,
        revision=result.revision,
        proposal=result.proposal,
        notes=parsed.notes,
    )


def importer_account():
    """The account named as author of imported revisions when no one else is."""
    user, created = get_user_model().objects.get_or_create(
        username=IMPORTER_USERNAME, defaults={"first_name": "Annals", "last_name": "importer"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _import(state: ArticleState, *, source: str, record, author) -> _Result:
    summary = import_summary(source)
    # A deleted article too: it is updated, still deleted, never imported anew.
    published = m.Article.objects.filter(title=state.title, current_revision__isnull=False)
    article = record.article if record else published.first()
    if article is None:
        revision = article_create(state=state, author=author, summary=summary)
        return _Result(revision.article, "created", last_import=revision, revision=revision)
    article = article_lock(article)
    if record is None:
        # Imported before import records were kept: its last import is the latest
        # revision this file made.
        last_import = (
            m.ArticleRevision.objects.filter(
                article=article, revision__comment=summary, revision__user=author
            )
            .order_by("-number")
            .first()
        )
        open_proposal = None
    else:
        last_import = record.revision
        open_proposal = record.proposal
        if open_proposal and not (
            open_proposal.is_open and permissions.change_proposal(author, open_proposal)
        ):
            open_proposal = None

    current_revision = article.current_revision
    current = selectors.article_current_state(article)
    if _with_part_ids(state, current) == current:
        _withdraw(open_proposal, author)
        return _Result(article, "unchanged", last_import=current_revision)
    if last_import is not None and last_import.pk == current_revision.pk:
        revision = article_revise(
            article=article,
            current=current,
            state=_with_part_ids(state, current),
            author=author,
            summary=summary,
        )
        events.revision_published(revision)
        return _Result(article, "updated", last_import=revision, revision=revision)

    # Edited since the last import: the reviewers decide, never the importer.
    base_revision = (
        open_proposal.base_revision if open_proposal else last_import or current_revision
    )
    base = selectors.revision_state(base_revision)
    if _with_part_ids(state, base) == base:
        _withdraw(open_proposal, author)
        return _Result(article, "unchanged", last_import=last_import)
    proposed = _with_part_ids(state, base)
    if open_proposal is None:
        proposal = proposal_create(
            article=article,
            author=author,
            summary=summary,
            proposed=proposed,
            base_revision=base_revision,
        )
    else:
        proposal = proposal_update(
            proposal=open_proposal,
            user=author,
            summary=summary,
            proposed=proposed,
            base_revision=base_revision,
        )
    return _Result(article, "proposed", last_import=last_import, proposal=proposal)


def _withdraw(proposal: m.Proposal | None, author) -> None:
    # The file no longer asks for what the importer proposed.
    if proposal is not None:
        proposal_withdraw(proposal=proposal, user=author)


def _credit(path: Path) -> licences.Credit | None:
    """The credit of the directory `path` is in, or None without a credit file; a credit
    file that cannot be read fails the import of every file beside it."""
    credit_file = path.parent / CREDIT_FILE_NAME
    try:
        with credit_file.open("rb") as opened:
            values = tomllib.load(opened)
    except FileNotFoundError:
        return None
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ImportFailed(path.name, f"its {CREDIT_FILE_NAME} cannot be read: {error}") from error
    try:
        return licences.credit_read(values)
    except ValueError as error:
        raise ImportFailed(path.name, f"its {CREDIT_FILE_NAME} is not valid: {error}") from error


def _credit_with(article: m.Article, credit: licences.Credit | None, title: str) -> None:
    """Give the article the credit's licence and attribution, naming the imported title."""
    if credit is None:
        return
    attribution = credit.attribution(title)
    if (article.licence, article.attribution) != (credit.licence, attribution):
        article.licence, article.attribution = credit.licence, attribution
        m.Article.objects.filter(pk=article.pk).update(
            licence=credit.licence, attribution=attribution
        )


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise ImportFailed(path.name, f"cannot be read ({error.strerror or error})") from error


def _parse(source: str, raw: bytes) -> parsing.ParsedArticle:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        byte = raw[error.start]
        raise ImportFailed(
            source, f"is not UTF-8 text (byte 0x{byte:02X} at line {line})"
        ) from error
    try:
        return parsing.parse_article(text)
    except parsing.ParseError as error:
        raise ImportFailed(source, str(error)) from error


def _content_hash(raw: bytes) -> str:
    # With the parser version in the hash, a parser fix re-imports every file through the
    # same rules as a changed file.
    return hashlib.sha256(f"{parsing.PARSER_VERSION}\n".encode() + raw).hexdigest()


def _with_part_ids(state: ArticleState, like: ArticleState) -> ArticleState:
    """`state` with each section and reference that has a twin in `like` taking its id,
    and its citations of those references written by id, as `like` holds them.

    Sections are twins by heading and level, references by text and URL. Keeping ids
    keeps a re-imported part the same part in history, diffs and three-way merges.
    """
    return citations.state_cited_by_id(
        state.replace(
            sections=_with_ids(state.sections, like.sections, key=lambda s: (s.heading, s.level)),
            references=_with_ids(state.references, like.references, key=lambda r: (r.text, r.url)),
        )
    )


def _with_ids(parts, like, *, key) -> tuple:
    free: dict = {}
    for part in like:
        free.setdefault(key(part), []).append(part.id)
    return tuple(
        part.replace(id=ids.pop(0)) if (ids := free.get(key(part))) else part for part in parts
    )
