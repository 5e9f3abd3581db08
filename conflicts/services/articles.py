"""Publishing article content: every change to an article becomes one reversion revision.

Importing, approving a proposal and reverting all end here, so they share one set of
rules: the content is validated first, the article row is locked while it is rewritten,
and the revision records author, summary, reviewer, number and size.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models import F, Prefetch, Q
from django.utils import timezone
from django.utils.text import slugify
from reversion.models import Revision, Version

# What django-reversion records of a registered model (its fields and format); it offers
# no public way to read them, and the bulk path must serialize exactly as it does.
from reversion.revisions import _get_options as _reversion_options

from conflicts import citations, history, limits, selectors, tasks
from conflicts import models as m
from conflicts.dates import event_span
from conflicts.document import ArticleState, InfoboxEntry
from conflicts.services.search_index import article_search_index_update_on_commit
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
    cited = [reference.id for reference in state.references]
    for problem in citations.citation_problems(state.lead, cited):
        add("lead", f"The lead: {problem}.")
    for section in state.sections:
        for problem in citations.citation_problems(section.body, cited):
            add("sections", f"Section “{section.heading}”: {problem}.")
    for entry in state.infobox:
        for problem in citations.citation_problems(entry.value, cited):
            add("infobox", f"{entry.key}: {problem}.")
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
    titles stay distinct articles. An unpublished article that proposals of a new article
    hold the slug for is published instead: those proposals are then approved onto it, or
    clash with it, as any other. Raises ValidationError when the state is invalid or an
    article with exactly this title exists.
    """
    state = state_normalised(state)
    _raise_for_errors(state, summary)
    slug = article_slug_for(state.title)
    with transaction.atomic():
        # Deleted ones included: restoring one is the way back, not writing it again.
        existing = m.Article.objects.filter(
            title=state.title, current_revision__isnull=False
        ).first()
        if existing is not None:
            raise ValidationError(
                {"title": f"An article with this title exists at /articles/{existing.slug}/."}
            )
        held = m.Article.objects.filter(slug=slug, current_revision__isnull=True).first()
        article = article_lock(held) if held else m.Article(slug=_free_slug(slug))
        return _publish(article, state, author=author, summary=summary, reviewer=None, number=1)


def articles_create_in_bulk(
    *, states: list[ArticleState], author, summary: str
) -> list[m.ArticleRevision]:
    """Create many new articles, each from its state with its first revision, in a few
    statements for them all: the rows and the history are those `article_create` writes
    one by one (for a generated corpus at scale). Returns their first revisions, in order.

    Every title's slug must be free, since there is no suffixing here: raises
    ValidationError, writing nothing, when a state is invalid or a title or its slug is
    taken (by an article there or by another state); `article_create` then places it.
    reversion's revision signals are not sent.
    """
    states = [state_normalised(state) for state in states]
    for state in states:
        _raise_for_errors(state, summary)
    if any(citations.has_citations_by_number(state) for state in states):
        raise ValidationError(
            "A text cites its references by number: create those articles one by one."
        )
    titles = [state.title for state in states]
    slugs = [article_slug_for(title) for title in titles]
    taken = m.Article.objects.filter(Q(title__in=titles) | Q(slug__in=slugs))
    if len(set(titles)) < len(titles) or len(set(slugs)) < len(slugs) or taken.exists():
        raise ValidationError("A title or its slug is taken: create those articles one by one.")
    with transaction.atomic():
        articles = []
        for state, slug in zip(states, slugs, strict=True):
            article = m.Article(slug=slug)
            _set_own_fields(article, state)
            articles.append(article)
        m.Article.objects.bulk_create(articles)
        parts = [
            {
                kind: [
                    model(article=article, position=position, **content)
                    for position, (_, content) in enumerate(_part_contents(state)[kind])
                ]
                for kind, model in history.PART_MODELS.items()
            }
            for article, state in zip(articles, states, strict=True)
        ]
        for kind, model in history.PART_MODELS.items():
            model.objects.bulk_create([row for rows in parts for row in rows[kind]])
        revisions = Revision.objects.bulk_create(
            [Revision(date_created=timezone.now(), user=author, comment=summary) for _ in states]
        )
        versions, records = [], []
        for article, state, rows, revision in zip(articles, states, parts, revisions, strict=True):
            article.layout = {kind: [row.pk for row in rows[kind]] for kind in rows}
            # As `_publish` adds them: the parts in order, then the article.
            for row in (*(row for kind_rows in rows.values() for row in kind_rows), article):
                versions.append(_version(row, revision))
            records.append(
                m.ArticleRevision(
                    revision=revision, article=article, number=1, size=state.size, reviewer=None
                )
            )
            article.current_revision = records[-1]
            article.updated_at = timezone.now()
            selectors.revision_state_remember(revision.pk, _with_part_ids(state, article.layout))
        Version.objects.bulk_create(versions)
        m.ArticleRevision.objects.bulk_create(records)
        m.Article.objects.bulk_update(articles, ["layout", "current_revision", "updated_at"])
        article_search_index_update_on_commit(*(article.pk for article in articles))
        tasks.published_after_commit(*(article.pk for article in articles))
    return records


def _version(row, revision) -> Version:
    """The version of `row` in `revision`, as django-reversion makes it."""
    options = _reversion_options(type(row))
    return Version(
        revision=revision,
        content_type=ContentType.objects.get_for_model(type(row)),
        object_id=str(row.pk),
        db=router.db_for_write(type(row)),
        format=options.format,
        serialized_data=serializers.serialize(
            options.format,
            (row,),
            fields=options.fields,
            use_natural_foreign_keys=options.use_natural_foreign_keys,
        ),
        object_repr=str(row),
    )


def article_free_slug(title: str, *, article: m.Article | None = None) -> str:
    """The slug for `title` (`article_slug_for`), or the first of `<slug>-2`, `<slug>-3`, …
    that no article but `article` has."""
    return _free_slug(article_slug_for(title), article=article)


def _free_slug(slug: str, *, article: m.Article | None = None) -> str:
    others = m.Article.objects.filter(slug__startswith=slug)
    if article is not None:
        others = others.exclude(pk=article.pk)
    taken = set(others.values_list("slug", flat=True))
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def article_revise(
    *,
    article: m.Article,
    current: ArticleState,
    state: ArticleState,
    author,
    summary: str,
    reviewer=None,
) -> m.ArticleRevision:
    """Publish `state` as the article's next revision, written by `author`.

    `article` must come from `article_lock` in the current transaction, and `current` be
    its content, `selectors.article_current_state(article)`, which the caller's own checks
    were made against: its rows are rewritten from it, not read again. For an article not
    published yet (held for a proposal of a new article) this is its first revision.
    Raises ValidationError when the state is invalid.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("article_revise needs the article from article_lock, in a transaction.")
    state = state_normalised(state)
    _raise_for_errors(state, summary)
    previous = article.current_revision
    return _publish(
        article,
        state,
        author=author,
        summary=summary,
        reviewer=reviewer,
        number=1 if previous is None else previous.number + 1,
        previous=previous,
        current=None if previous is None else current,
    )


def article_lock(article: m.Article) -> m.Article:
    """The article re-read under a row lock, with its current revision's number and size;
    call inside a transaction. Its content is `selectors.article_current_state(article)`:
    the parts are not read, the current revision's cached state says what they hold.

    Concurrent writers to the same article queue here, so each sees the others' work.
    """
    # The current revision is read by a query of its own, after the lock is granted: a
    # join in the locking query would be re-checked against the row another writer just
    # updated, and come back empty.
    return (
        m.Article.objects.select_for_update()
        .prefetch_related(
            Prefetch(
                "current_revision",
                queryset=m.ArticleRevision.objects.only("article", "number", "size"),
            )
        )
        .get(pk=article.pk)
    )


def _raise_for_errors(state: ArticleState, summary: str) -> None:
    errors = article_state_errors(state)
    if not summary.strip():
        errors["summary"] = ["An edit summary is required."]
    if errors:
        raise ValidationError(errors)


def _publish(
    article, state, *, author, summary, reviewer, number, previous=None, current=None
) -> m.ArticleRevision:
    """Write `state` to the article's rows and record it as revision `number`, following
    `previous`; the article then points at it as its current revision. Call with the
    article row locked (`article_lock`) and `current`, the state its rows hold, or for a
    new article.

    The revision stores only what changed, in the shape `conflicts.history` reads, and
    its state is cached once it commits, for the next writer and reader.
    """
    if article.pk is None:
        _set_own_fields(article, state)
        article.save()  # its parts refer to it
    # Citations by number become citations by id once the references have theirs.
    renewed_parts, layout, state = _write_parts(article, state, current)
    own_fields_changed = _set_own_fields(article, state)
    layout_changed = layout != article.layout
    article.layout = layout
    # The rows django-reversion's `create_revision` would write, written here in three
    # statements: it would first query whether each versioned row exists (they were just
    # written) and leave the ArticleRevision to be read back. Its signals are not sent.
    saved = Revision.objects.create(date_created=timezone.now(), user=author, comment=summary)
    versioned = list(renewed_parts)
    # A revision that changed nothing still needs one version to exist.
    if previous is None or own_fields_changed or layout_changed or not renewed_parts:
        versioned.append(article)
    Version.objects.bulk_create([_version(row, saved) for row in versioned])
    revision = m.ArticleRevision.objects.create(
        revision=saved,
        article=article,
        number=number,
        size=state.size,
        size_delta=None if previous is None else state.size - previous.size,
        previous=previous,
        reviewer=reviewer,
    )
    article.current_revision = revision
    article.updated_at = timezone.now()
    article._prefetched_objects_cache = {}  # any parts read before are the old ones
    written = ["title", "lead", "latitude", "longitude", "date_start", "date_end", "layout"]
    m.Article.objects.filter(pk=article.pk).update(
        current_revision=revision,
        updated_at=article.updated_at,
        **{name: getattr(article, name) for name in written},
    )
    selectors.revision_state_remember(revision.pk, _with_part_ids(state, layout))
    tasks.search_index_update_after_commit(article.pk)
    tasks.published_after_commit(article.pk)
    return revision


def _set_own_fields(article: m.Article, state: ArticleState) -> bool:
    """Set the article's own fields from `state`; whether any of them changed."""
    own = {
        "title": state.title,
        "lead": state.lead,
        "latitude": state.latitude,
        "longitude": state.longitude,
    }
    changed = any(getattr(article, name) != value for name, value in own.items())
    for name, value in own.items():
        setattr(article, name, value)
    article.date_start, article.date_end = event_span(
        citations.without_citations(state.infobox_value("Date"))
    )
    return changed


# Positions are unique per article; a row that moves is parked this far up first, so that
# no statement ever puts two rows on one position. Above any count of parts (`limits`).
_PARKED = 10_000_000


def _write_parts(article: m.Article, state: ArticleState, current: ArticleState | None):
    """Make the article's part rows hold `state`, touching only what differs from
    `current` (the state they hold, in the order of `article.layout`; None for a new
    article).

    A part keeps its row while it stays in the article — an infobox field by its key, a
    section or reference by its id — and is updated in place when its content changes;
    only added parts are inserted and removed ones deleted. Returns the rows whose content
    is new (changed or inserted), to record in the revision, the article's layout, and
    `state` as written: its citations by number written by id.
    """
    held = _held_parts(article, current)

    def sync(kind: str, wanted: list):
        model = history.PART_MODELS[kind]
        return _PartSync(model, article, _PART_FIELDS[kind], held[kind]).write(wanted)

    # The references first: the text cites them by id (`citations`).
    syncs = {"references": sync("references", _part_contents(state)["references"])}
    state = citations.state_cited_by_id(
        state.replace(
            references=tuple(
                reference.replace(id=pk)
                for reference, pk in zip(state.references, syncs["references"][1], strict=True)
            )
        )
    )
    wanted = _part_contents(state)
    by_key = {content["key"]: pk for pk, content in held["infobox"]}
    wanted["infobox"] = [(by_key.get(content["key"]), content) for _, content in wanted["infobox"]]
    syncs |= {kind: sync(kind, wanted[kind]) for kind in history.PART_MODELS if kind not in syncs}
    renewed = [row for kind in history.PART_MODELS for row in syncs[kind][0]]
    return renewed, {kind: syncs[kind][1] for kind in history.PART_MODELS}, state


# The content of each kind of part, as its model and its versions hold it.
_PART_FIELDS = {
    "infobox": ("key", "value"),
    "sections": ("heading", "level", "body"),
    "references": ("text", "url"),
}


def _part_contents(state: ArticleState) -> dict[str, list[tuple[int | None, dict]]]:
    """The parts of `state` by kind, in order: the row id the state gives it (None for an
    infobox field, which is known by its key, and for a new part) and its content."""
    parts = {"infobox": state.infobox, "sections": state.sections, "references": state.references}
    return {
        kind: [
            (getattr(part, "id", None), {name: getattr(part, name) for name in _PART_FIELDS[kind]})
            for part in parts[kind]
        ]
        for kind in history.PART_MODELS
    }


def _held_parts(article: m.Article, current: ArticleState | None) -> dict[str, list]:
    """The part rows the article holds, by kind, in order: pairs of id and content."""
    if current is None:
        return {kind: [] for kind in history.PART_MODELS}
    contents = _part_contents(current)
    layout = article.layout or {}
    if any(len(layout.get(kind, ())) != len(parts) for kind, parts in contents.items()):
        raise history.HistoryIncomplete(
            f"The layout of article {article.pk} does not match its current revision."
        )
    return {
        kind: [(pk, content) for pk, (_, content) in zip(layout[kind], parts, strict=True)]
        for kind, parts in contents.items()
    }


def _with_part_ids(state: ArticleState, layout: dict[str, list[int]]) -> ArticleState:
    """`state` as published with that layout: its sections and references with their ids."""
    return state.replace(
        sections=tuple(
            s.replace(id=pk) for s, pk in zip(state.sections, layout["sections"], strict=True)
        ),
        references=tuple(
            r.replace(id=pk) for r, pk in zip(state.references, layout["references"], strict=True)
        ),
    )


class _PartSync:
    """The rows of one kind of part of one article, and how to bring them in line."""

    def __init__(self, model, article, content_fields: tuple[str, ...], held: list):
        """`held` is what the article's rows of `model` hold: pairs of id and content,
        in order."""
        self.model = model
        self.article = article
        self.content_fields = content_fields
        self.held = dict(held)
        self.positions = {pk: position for position, (pk, _) in enumerate(held)}

    def write(self, wanted) -> tuple[list, list[int]]:
        """Make the rows exactly `wanted`, in order: pairs of a row id (None, or an id not
        among the held rows, for a new part) and the part's content. Returns the rows
        whose content is new, and the ids in order."""
        wanted = [(pk if pk in self.held else None, content) for pk, content in wanted]
        kept = {pk for pk, _ in wanted if pk is not None}
        removed = [pk for pk in self.held if pk not in kept]
        if removed:
            self.model.objects.filter(pk__in=removed).delete()
        changed, moved, created, order = [], [], [], []
        for position, (pk, content) in enumerate(wanted):
            row = self.model(pk=pk, article=self.article, position=position, **content)
            order.append(row)
            if pk is None:
                created.append(row)
                continue
            if content != self.held[pk]:
                changed.append(row)
            if self.positions[pk] != position:
                moved.append(self.model(pk=pk, position=position + _PARKED))
        if len(changed) == 1:  # the usual correction: a plain UPDATE, not bulk's CASE
            (row,) = changed
            self.model.objects.filter(pk=row.pk).update(
                **{name: getattr(row, name) for name in self.content_fields}
            )
        elif changed:
            self.model.objects.bulk_update(changed, self.content_fields)
        if moved:
            self.model.objects.bulk_update(moved, ["position"])
            self.model.objects.filter(article=self.article, position__gte=_PARKED).update(
                position=F("position") - _PARKED
            )
        if created:
            self.model.objects.bulk_create(created)
        return changed + created, [row.pk for row in order]
