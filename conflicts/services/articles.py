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

from conflicts import models as m
from conflicts.dates import event_span
from conflicts.document import ArticleState

_COORDINATE_STEP = Decimal("0.000001")
_LIMITS = {
    "title": m.TITLE_MAX_LENGTH,
    "lead": m.LEAD_MAX_LENGTH,
    "infobox key": m.INFOBOX_KEY_MAX_LENGTH,
    "infobox value": m.INFOBOX_VALUE_MAX_LENGTH,
    "section heading": m.HEADING_MAX_LENGTH,
    "section body": m.SECTION_BODY_MAX_LENGTH,
    "reference": m.REFERENCE_TEXT_MAX_LENGTH,
}


def article_state_errors(state: ArticleState) -> dict[str, list[str]]:
    """Everything that keeps `state` from being published, by field; empty when it is valid."""
    errors: dict[str, list[str]] = {}

    def check_length(field: str, what: str, text: str) -> None:
        limit = _LIMITS[what]
        if len(text) > limit:
            errors.setdefault(field, []).append(
                f"The {what} is {len(text):,} characters long; the limit is {limit:,}."
            )

    if not state.title.strip():
        errors.setdefault("title", []).append("The title cannot be empty.")
    check_length("title", "title", state.title)
    check_length("lead", "lead", state.lead)
    seen_keys: set[str] = set()
    for entry in state.infobox:
        if not entry.key.strip():
            errors.setdefault("infobox", []).append("Every infobox field needs a key.")
        elif entry.key in seen_keys:
            errors.setdefault("infobox", []).append(f"The infobox key “{entry.key}” is repeated.")
        seen_keys.add(entry.key)
        check_length("infobox", "infobox key", entry.key)
        check_length("infobox", "infobox value", entry.value)
    section_ids = [section.id for section in state.sections if section.id is not None]
    if len(section_ids) != len(set(section_ids)):
        errors.setdefault("sections", []).append("A section appears twice.")
    for section in state.sections:
        if not section.heading.strip():
            errors.setdefault("sections", []).append("Every section needs a heading.")
        if section.level not in m.Section.Level.values:
            errors.setdefault("sections", []).append(
                f"Section “{section.heading}” has level {section.level}; use 2 or 3."
            )
        check_length("sections", "section heading", section.heading)
        check_length("sections", "section body", section.body)
    for reference in state.references:
        if not reference.text.strip():
            errors.setdefault("references", []).append("A reference cannot be empty.")
        check_length("references", "reference", reference.text)
    if (state.latitude is None) != (state.longitude is None):
        errors.setdefault("coordinates", []).append("Give both latitude and longitude, or neither.")
    elif state.latitude is not None and not (
        _is_coordinate(state.latitude, 90) and _is_coordinate(state.longitude)
    ):
        errors.setdefault("coordinates", []).append("The coordinates are out of range.")
    return errors


def state_normalised(state: ArticleState) -> ArticleState:
    """`state` as the database will hold it: coordinates rounded to the stored precision."""
    return state.replace(latitude=_rounded(state.latitude), longitude=_rounded(state.longitude))


def _rounded(coordinate: Decimal | None) -> Decimal | None:
    if coordinate is None or not _is_coordinate(coordinate):
        return coordinate  # left for validation to report
    return coordinate.quantize(_COORDINATE_STEP)


def _is_coordinate(value: Decimal, bound: int = 180) -> bool:
    return value.is_finite() and -bound <= value <= bound


def article_slug_for(title: str) -> str:
    """The URL slug of a new article titled `title`."""
    return slugify(title) or slugify(title, allow_unicode=True) or "article"


def article_create(*, state: ArticleState, author, summary: str) -> m.ArticleRevision:
    """Create an article from `state` with its first revision.

    Raises ValidationError when the state is invalid or its slug is already taken.
    """
    state = state_normalised(state)
    _raise_for_errors(state, summary)
    slug = article_slug_for(state.title)
    with transaction.atomic():
        if m.Article.objects.filter(slug=slug).exists():
            raise ValidationError({"title": f"An article at /articles/{slug}/ already exists."})
        article = m.Article(slug=slug)
        return _publish(article, state, author=author, summary=summary, reviewer=None, number=1)


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
        article = article_lock(article)
        last = article.revisions.order_by("-number").values_list("number", flat=True).first()
        return _publish(
            article,
            state,
            author=author,
            summary=summary,
            reviewer=reviewer,
            number=(last or 0) + 1,
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


def _publish(article, state, *, author, summary, reviewer, number) -> m.ArticleRevision:
    with reversion.create_revision(manage_manually=True):
        _write_rows(article, state)
        reversion.set_user(author)
        reversion.set_comment(summary)
        reversion.add_meta(
            m.ArticleRevision, article=article, number=number, size=state.size, reviewer=reviewer
        )
        reversion.add_to_revision(article)
    return m.ArticleRevision.objects.select_related("revision").get(article=article, number=number)


def _write_rows(article: m.Article, state: ArticleState) -> None:
    article.title = state.title
    article.lead = state.lead
    article.latitude = state.latitude
    article.longitude = state.longitude
    article.date_start, article.date_end = event_span(state.infobox_value("Date"))
    article.save()
    # Parts are rewritten whole: positions are unique per article, so updating them in
    # place would collide mid-way. Sections keep their ids so they stay addressable.
    kept_section_ids = set(article.sections.values_list("id", flat=True))
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
        m.Reference(article=article, position=position, text=ref.text, url=ref.url)
        for position, ref in enumerate(state.references)
    )
