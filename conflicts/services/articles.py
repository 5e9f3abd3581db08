"""Publishing article content: every change to an article becomes one reversion revision.

Importing, approving a proposal and reverting all end here, so they share one set of
rules: the content is validated first, the article row is locked while it is rewritten,
and the revision records author, summary, reviewer, number and size.
"""

from __future__ import annotations

from decimal import Decimal

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from conflicts import limits
from conflicts import models as m
from conflicts.dates import event_span
from conflicts.document import ArticleState, InfoboxEntry
from conflicts.services.search_index import article_search_index_update
from conflicts.text import is_blank, normalise_text, text_problem

_COORDINATE_STEP = Decimal("0.000001")


def article_state_errors(state: ArticleState) -> dict[str, list[str]]:
    """Everything that keeps `state` from being published, by field; empty when it is valid.

    The limits are those of `conflicts.limits`; text must be visible where it is required
    and storable everywhere (`conflicts.text`).
    """
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        if message not in errors.get(field, ()):
            errors.setdefault(field, []).append(message)

    def check_text(field: str, what: str, text: str, limit: int, *, required: bool) -> None:
        if required and is_blank(text):
            add(field, f"The {what} cannot be empty or invisible.")
        if len(text) > limit:
            add(field, f"The {what} is {len(text):,} characters long; the limit is {limit:,}.")
        problem = text_problem(text)
        if problem:
            add(field, f"The {what} {problem}.")

    def check_count(field: str, what: str, count: int, limit: int) -> None:
        if count > limit:
            add(field, f"The article has {count:,} {what}; the limit is {limit:,}.")

    check_text("title", "title", state.title, limits.TITLE_MAX_LENGTH, required=True)
    if not is_blank(state.title) and not any(char.isalnum() for char in state.title):
        add("title", "The title needs at least one letter or digit.")
    check_text("lead", "lead", state.lead, limits.LEAD_MAX_LENGTH, required=False)
    check_count("infobox", "infobox fields", len(state.infobox), limits.INFOBOX_FIELDS_MAX)
    seen_keys: set[str] = set()
    for entry in state.infobox:
        if entry.key in seen_keys:
            add("infobox", f"The infobox key “{entry.key}” is repeated.")
        seen_keys.add(entry.key)
        check_text(
            "infobox", "infobox key", entry.key, limits.INFOBOX_KEY_MAX_LENGTH, required=True
        )
        check_text(
            "infobox", "infobox value", entry.value, limits.INFOBOX_VALUE_MAX_LENGTH, required=False
        )
    check_count("sections", "sections", len(state.sections), limits.SECTIONS_MAX)
    section_ids = [section.id for section in state.sections if section.id is not None]
    if len(section_ids) != len(set(section_ids)):
        add("sections", "A section appears twice.")
    for section in state.sections:
        if section.level not in m.Section.Level.values:
            add("sections", f"Section “{section.heading}” has level {section.level}; use 2 or 3.")
        check_text(
            "sections", "section heading", section.heading, limits.HEADING_MAX_LENGTH, required=True
        )
        check_text(
            "sections", "section text", section.body, limits.SECTION_BODY_MAX_LENGTH, required=False
        )
    check_count("references", "references", len(state.references), limits.REFERENCES_MAX)
    reference_ids = [reference.id for reference in state.references if reference.id is not None]
    if len(reference_ids) != len(set(reference_ids)):
        add("references", "A reference appears twice.")
    for reference in state.references:
        check_text(
            "references",
            "reference",
            reference.text,
            limits.REFERENCE_TEXT_MAX_LENGTH,
            required=True,
        )
        check_text(
            "references",
            "reference URL",
            reference.url,
            limits.REFERENCE_URL_MAX_LENGTH,
            required=False,
        )
    if state.size > limits.ARTICLE_SIZE_MAX:
        add(
            "non_field_errors",
            f"The article is {state.size:,} characters long; the limit is "
            f"{limits.ARTICLE_SIZE_MAX:,}. Split it, or shorten it.",
        )
    if (state.latitude is None) != (state.longitude is None):
        add("coordinates", "Give both latitude and longitude, or neither.")
    elif state.latitude is not None and not (
        _is_coordinate(state.latitude, 90) and _is_coordinate(state.longitude)
    ):
        add("coordinates", "The coordinates are out of range.")
    return errors


def state_normalised(state: ArticleState) -> ArticleState:
    """`state` as the database will hold it: every text through the one normaliser
    (`normalise_text`), coordinates rounded to the stored precision."""
    return state.replace(
        title=normalise_text(state.title),
        lead=normalise_text(state.lead),
        infobox=tuple(
            InfoboxEntry(normalise_text(entry.key), normalise_text(entry.value))
            for entry in state.infobox
        ),
        sections=tuple(
            section.replace(
                heading=normalise_text(section.heading), body=normalise_text(section.body)
            )
            for section in state.sections
        ),
        references=tuple(
            reference.replace(
                text=normalise_text(reference.text), url=normalise_text(reference.url)
            )
            for reference in state.references
        ),
        latitude=_rounded(state.latitude),
        longitude=_rounded(state.longitude),
    )


def _rounded(coordinate: Decimal | None) -> Decimal | None:
    if coordinate is None or not _is_coordinate(coordinate):
        return coordinate  # left for validation to report
    return coordinate.quantize(_COORDINATE_STEP)


def _is_coordinate(value: Decimal, bound: int = 180) -> bool:
    return value.is_finite() and -bound <= value <= bound


def article_slug_for(title: str) -> str:
    """The URL slug for the title `title`: never empty, and short enough for a suffix.

    `article_create` adds a numeric suffix when another article already has it.
    """
    slug = slugify(title) or slugify(title, allow_unicode=True)
    return slug[: m.TITLE_MAX_LENGTH].strip("-") or "article"


def article_create(*, state: ArticleState, author, summary: str) -> m.ArticleRevision:
    """Create an article from `state` with its first revision.

    Its slug is `article_slug_for(title)`; when a differently titled article has that
    slug, the first free one of `<slug>-2`, `<slug>-3`, … is taken instead, so distinct
    titles stay distinct articles. Raises ValidationError when the state is invalid or an
    article with exactly this title exists.
    """
    state = state_normalised(state)
    _raise_for_errors(state, summary)
    with transaction.atomic():
        existing = m.Article.objects.filter(title=state.title).first()
        if existing is not None:
            raise ValidationError(
                {"title": f"An article with this title exists at /articles/{existing.slug}/."}
            )
        article = m.Article(slug=_free_slug(article_slug_for(state.title)))
        return _publish(article, state, author=author, summary=summary, reviewer=None, number=1)


def _free_slug(slug: str) -> str:
    taken = set(m.Article.objects.filter(slug__startswith=slug).values_list("slug", flat=True))
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def article_revise(
    *, article: m.Article, state: ArticleState, author, summary: str, reviewer=None
) -> m.ArticleRevision:
    """Publish `state` as the article's next revision, written by `author`.

    The caller's own checks that depend on the current content must run inside the same
    transaction, after `article_lock`; this function locks again, which is harmless.
    Raises ValidationError when the state is invalid.
    """
    state = state_normalised(state)
    _raise_for_errors(state, summary)
    with transaction.atomic():
        # The lock re-reads the article, so its current revision is the latest one.
        article = article_lock(article)
        previous = _current_revision_of(article)
        return _publish(
            article,
            state,
            author=author,
            summary=summary,
            reviewer=reviewer,
            number=previous.number + 1 if previous else 1,
            previous=previous,
        )


def _current_revision_of(article: m.Article) -> m.ArticleRevision | None:
    if article.current_revision_id is None:
        return None
    return (
        m.ArticleRevision.objects.only("number", "size")
        .filter(pk=article.current_revision_id)
        .first()
    )


def article_lock(article: m.Article) -> m.Article:
    """The article re-read under a row lock; call inside a transaction.

    Concurrent writers to the same article queue here, so each sees the others' work.
    """
    return m.Article.objects.select_for_update().get(pk=article.pk)


def _raise_for_errors(state: ArticleState, summary: str) -> None:
    errors = article_state_errors(state)
    if not summary.strip():
        errors["summary"] = ["An edit summary is required."]
    if errors:
        raise ValidationError(errors)


def _publish(
    article, state, *, author, summary, reviewer, number, previous=None
) -> m.ArticleRevision:
    """Write `state` to the article's rows and record it as revision `number`, following
    `previous`; the article then points at it as its current revision. Call with the
    article row locked (`article_lock`), or for a new article."""
    with reversion.create_revision(manage_manually=True):
        _write_rows(article, state)
        reversion.set_user(author)
        reversion.set_comment(summary)
        reversion.add_meta(
            m.ArticleRevision,
            article=article,
            number=number,
            size=state.size,
            size_delta=None if previous is None else state.size - previous.size,
            previous=previous,
            reviewer=reviewer,
        )
        reversion.add_to_revision(article)
    revision = m.ArticleRevision.objects.select_related("revision").get(
        article=article, number=number
    )
    m.Article.objects.filter(pk=article.pk).update(current_revision=revision)
    article.current_revision = revision
    article_search_index_update(article_id=article.pk)
    return revision


def _write_rows(article: m.Article, state: ArticleState) -> None:
    article.title = state.title
    article.lead = state.lead
    article.latitude = state.latitude
    article.longitude = state.longitude
    article.date_start, article.date_end = event_span(state.infobox_value("Date"))
    article.save()
    # Parts are rewritten whole: positions are unique per article, so updating them in
    # place would collide mid-way. Sections and references keep their ids so they stay
    # addressable by proposals and in history.
    kept_section_ids = set(article.sections.values_list("id", flat=True))
    kept_reference_ids = set(article.references.values_list("id", flat=True))
    article.infobox_fields.all().delete()
    article.sections.all().delete()
    article.references.all().delete()
    m.InfoboxField.objects.bulk_create(
        m.InfoboxField(article=article, position=position, key=entry.key, value=entry.value)
        for position, entry in enumerate(state.infobox)
    )
    m.Section.objects.bulk_create(
        m.Section(
            id=section.id if section.id in kept_section_ids else None,
            article=article,
            position=position,
            heading=section.heading,
            level=section.level,
            body=section.body,
        )
        for position, section in enumerate(state.sections)
    )
    m.Reference.objects.bulk_create(
        m.Reference(
            id=ref.id if ref.id in kept_reference_ids else None,
            article=article,
            position=position,
            text=ref.text,
            url=ref.url,
        )
        for position, ref in enumerate(state.references)
    )
