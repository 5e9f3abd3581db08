"""Published articles, their parts, and the record of every revision.

The rows of `Article`, `InfoboxField`, `Section` and `Reference` always hold the current
published version; django-reversion keeps every earlier one. Writes go through
`conflicts.services.articles`, never through these models directly.
"""

import reversion
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, PostgresIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from reversion.models import Revision

from conflicts import licences
from conflicts.limits import (
    COMMENT_MAX_LENGTH,
    HEADING_MAX_LENGTH,
    INFOBOX_KEY_MAX_LENGTH,
    INFOBOX_VALUE_MAX_LENGTH,
    LEAD_MAX_LENGTH,
    REFERENCE_TEXT_MAX_LENGTH,
    REFERENCE_URL_MAX_LENGTH,
    REVIEW_REASON_MAX_LENGTH,
    SECTION_BODY_MAX_LENGTH,
    SOURCE_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    TITLE_MAX_LENGTH,
)


class _PlainIndexOffPostgres:
    """A PostgreSQL index type on PostgreSQL; a plain index elsewhere (SQLite, the demo)."""

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor == "postgresql":
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        plain = models.Index(fields=self.fields, name=self.name)
        return plain.create_sql(model, schema_editor, **kwargs)


class GinIndexWhereSupported(_PlainIndexOffPostgres, GinIndex):
    """A GIN index on PostgreSQL (the search vector's: migrations 0007, 0010 and 0012)."""


class RumIndexWhereSupported(_PlainIndexOffPostgres, PostgresIndex):
    """A RUM index on PostgreSQL (the `rum` extension): like GIN, but it keeps each word's
    positions, so it hands out full-text matches in order of rank. Migration 0011 made one
    and 0012 removed it (each rewritten vector grew it by its whole size); kept for them."""

    suffix = "rum"


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles readers may see: those with a published revision that are not
        deleted. An article that a pending proposal for a new article holds its title for
        has no revision yet; a deleted one (or one merged into another) keeps its history
        for reviewers to restore it."""
        return self.filter(current_revision__isnull=False, deleted_at__isnull=True)


class Article(models.Model):
    title = models.CharField(max_length=TITLE_MAX_LENGTH)
    slug = models.SlugField(max_length=TITLE_MAX_LENGTH + 20, unique=True, allow_unicode=True)
    lead = models.TextField(blank=True, max_length=LEAD_MAX_LENGTH)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    # The event's span as read from the infobox Date, for filtering; None when unreadable.
    date_start = models.DateField(null=True, blank=True, editable=False)
    date_end = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The revision the rows above hold, set by the one publish function
    # (`conflicts.services.articles`) so pages never search the history for it.
    current_revision = models.ForeignKey(
        "ArticleRevision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # The ids of its infobox fields, sections and references in reading order,
    # `{"infobox": [...], "sections": [...], "references": [...]}`: stored in the article's
    # version whenever it changes, so a revision names its parts (`conflicts.history`).
    # None only for an article whose history predates it, until migration 0009 runs.
    layout = models.JSONField(null=True, blank=True, editable=False)
    # The licence of its text: that of the text it was imported from, else the one
    # contributions are published under; and, for imported text, where it comes from.
    licence = models.CharField(
        max_length=licences.NAME_MAX_LENGTH,
        choices=[(name, name) for name in licences.LICENCES],
        default=licences.CONTRIBUTIONS.name,
    )
    attribution = models.CharField(max_length=licences.ATTRIBUTION_MAX_LENGTH, blank=True)
    # Set while the article is deleted: readers get 410 for its addresses, reviewers may
    # restore it. `merged_into` is the article its addresses redirect to after a merge.
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="merged_from",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        # What lists sort and filter by. Full-text search has a table of its own
        # (`ArticleSearch`); the trigram index for title suggestions is on an unaccented
        # title and PostgreSQL only: see migration 0007.
        indexes = [
            models.Index(fields=["title"], name="article_title_idx"),
            models.Index(fields=["updated_at"], name="article_updated_at_idx"),
            models.Index(fields=["date_start"], name="article_date_start_idx"),
            models.Index(fields=["date_end"], name="article_date_end_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(title__regex=r"\S"), name="article_title_not_blank"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(latitude__isnull=True, longitude__isnull=True)
                    | models.Q(
                        latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180
                    )
                ),
                name="article_coordinates_in_range",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("article_detail", args=[self.slug])

    @property
    def licence_url(self) -> str:
        return licences.LICENCES[self.licence].url


class FormerSlug(models.Model):
    """A slug an article had before it was renamed: its old addresses answer with a
    permanent redirect to the same page under its slug now (`conflicts.middleware`), as
    long as no article has that slug again."""

    slug = models.SlugField(max_length=TITLE_MAX_LENGTH + 20, unique=True, allow_unicode=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="former_slugs")
    renamed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.slug} → {self.article_id}"


class ArticleSearch(models.Model):
    """An article's search vector: its title (A), infobox values and lead (B) and section
    text (C) in the `annals` search configuration. PostgreSQL only; SQLite searches the
    articles' rows.

    A table of its own rather than a column of the article: publishing a revision updates
    the article row, and with the vector on it every such update put each of the
    article's words into the GIN index again, inside the approval. Here the vector is
    rewritten after the commit (`conflicts.services.search_index`).
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="search"
    )
    vector = SearchVectorField()

    class Meta:
        indexes = [
            GinIndexWhereSupported(fields=["vector"], name="article_search_vector_idx"),
        ]

    def __str__(self) -> str:
        return f"search vector of article {self.article_id}"


class _ArticlePart(models.Model):
    """Something with a place in an article's reading order."""

    position = models.PositiveIntegerField()

    class Meta:
        abstract = True
        ordering = ["position"]


class InfoboxField(_ArticlePart):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="infobox_fields")
    key = models.CharField(max_length=INFOBOX_KEY_MAX_LENGTH)
    value = models.TextField(max_length=INFOBOX_VALUE_MAX_LENGTH)

    class Meta(_ArticlePart.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"], name="infoboxfield_unique_position"
            ),
            models.UniqueConstraint(fields=["article", "key"], name="infoboxfield_unique_key"),
            models.CheckConstraint(
                condition=models.Q(key__regex=r"\S"), name="infoboxfield_key_not_blank"
            ),
        ]

    def __str__(self):
        return f"{self.key}: {self.value}"


class Section(_ArticlePart):
    class Level(models.IntegerChoices):
        SECTION = 2, "Section"
        SUBSECTION = 3, "Subsection"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sections")
    heading = models.CharField(max_length=HEADING_MAX_LENGTH)
    level = models.PositiveSmallIntegerField(choices=Level.choices, default=Level.SECTION)
    body = models.TextField(blank=True, max_length=SECTION_BODY_MAX_LENGTH)

    class Meta(_ArticlePart.Meta):
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="section_unique_position"),
            models.CheckConstraint(
                condition=models.Q(level__in=[2, 3]), name="section_level_2_or_3"
            ),
        ]

    def __str__(self):
        return self.heading


class Reference(_ArticlePart):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="references")
    text = models.TextField(max_length=REFERENCE_TEXT_MAX_LENGTH)
    url = models.URLField(blank=True, max_length=REFERENCE_URL_MAX_LENGTH)

    class Meta(_ArticlePart.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"], name="reference_unique_position"
            ),
        ]

    def __str__(self):
        return self.text[:80]


# A revision stores only what it changed (`conflicts.history`): the article's own fields
# and layout when they changed, and each part whose content changed or is new. Nothing is
# followed, and positions are left out: the layout orders the parts.
reversion.register(
    Article,
    # The event's span and the search vector are derived from the content, the current
    # revision is a pointer into history, a revision records its own date, and the
    # licence and attribution say where the text comes from rather than what it says.
    exclude=(
        "date_start",
        "date_end",
        "current_revision",
        "updated_at",
        "licence",
        "attribution",
        "deleted_at",
        "merged_into",
    ),
)
reversion.register(InfoboxField, fields=("key", "value"))
reversion.register(Section, fields=("heading", "level", "body"))
reversion.register(Reference, fields=("text", "url"))


class ArticleRevision(models.Model):
    """What Annals records about one reversion `Revision` of one article.

    Its primary key is the reversion revision's id, which is the revision id in URLs.
    """

    revision = models.OneToOneField(
        Revision, on_delete=models.CASCADE, primary_key=True, related_name="article_revision"
    )
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    # 1 for the article's first revision, counting up; shown as "revision N".
    number = models.PositiveIntegerField()
    # Characters of the article's text as a whole (`ArticleState.size`).
    size = models.PositiveIntegerField()
    # `size` minus the previous revision's, None for the first revision; written once when
    # the revision is published (migration 0006 filled it for older revisions).
    size_delta = models.IntegerField(null=True, blank=True)
    # The revision this one follows (number - 1); None for the first.
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_revisions",
    )
    # Hidden by the oversight group (`governance.services.revision_suppress`): from
    # everyone else, its content (the revision and its compares are a 404), its summary,
    # or its author's name.
    content_hidden = models.BooleanField(default=False)
    summary_hidden = models.BooleanField(default=False)
    author_hidden = models.BooleanField(default=False)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "number"], name="articlerevision_unique_number"
            ),
        ]

    def __str__(self):
        return f"{self.article} — revision {self.number}"

    @property
    def id(self):
        return self.revision_id


class ImportNote(models.Model):
    """Text the importer could not place in the article, kept for editors to act on."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="import_notes")
    source = models.CharField(max_length=255, help_text="The imported file's name.")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["source", "id"]

    def __str__(self):
        return f"{self.source}: {self.text[:80]}"


class ProposalQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Proposal.Status.PENDING)

    def open(self):
        """Proposals still in the author's or the reviewers' hands."""
        return self.filter(status__in=Proposal.OPEN_STATUSES)


class Proposal(models.Model):
    """An editor's suggested change to an article, waiting for, or past, review.

    `changes` holds only what differs from the base revision, in the API's partial
    document shape (see `conflicts.changes`); its content is never shown to readers.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending review"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        WITHDRAWN = "withdrawn", "Withdrawn"
        CONFLICT = "conflict", "Conflict"
        CHANGES = "changes", "Changes requested"

    # In the author's hands (conflict, changes) or the reviewers' (pending).
    OPEN_STATUSES = (Status.PENDING, Status.CONFLICT, Status.CHANGES)

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="proposals")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposals"
    )
    # None for a proposal of a new article: it is based on no article at all.
    base_revision = models.ForeignKey(
        ArticleRevision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals_based_on",
    )
    changes = models.JSONField()
    summary = models.CharField(max_length=SUMMARY_MAX_LENGTH)
    source = models.CharField(max_length=SOURCE_MAX_LENGTH, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_proposals",
    )
    review_reason = models.TextField(blank=True, max_length=REVIEW_REASON_MAX_LENGTH)
    # What clashed with changes approved since the base revision, e.g. ["infobox: Date"].
    conflicts = models.JSONField(default=list, blank=True)
    resulting_revision = models.OneToOneField(
        ArticleRevision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposal",
    )
    # The proposal this one was approved out of, when a reviewer approved part of it: the
    # rest stayed there, returned to the author.
    split_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="split_parts"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(summary__regex=r"\S"), name="proposal_summary_not_blank"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="approved") | models.Q(resulting_revision__isnull=False),
                name="proposal_approved_has_revision",
            ),
        ]

    def __str__(self):
        return f"Proposal {self.pk} to {self.article}: {self.summary}"

    def get_absolute_url(self):
        return reverse("proposal_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_new_article(self) -> bool:
        """Whether it proposes a new article rather than a change to a published one."""
        return self.base_revision_id is None


class ProposalComment(models.Model):
    """One message in a proposal's discussion between its author and the reviewers.

    Stored as written (normalised) and escaped when shown; a reviewer's request for
    changes is one too, so the thread reads in order.
    """

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposal_comments"
    )
    text = models.TextField(max_length=COMMENT_MAX_LENGTH)
    # Marks the comment that came with a reviewer's "Request changes".
    requests_changes = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            # The thread in order, and a user's latest comments (the rate limit).
            models.Index(fields=["proposal", "created_at"], name="comment_thread_idx"),
            models.Index(fields=["author", "-created_at"], name="comment_author_recent_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(text__regex=r"\S"), name="comment_not_blank")
        ]

    def __str__(self) -> str:
        return f"Comment {self.pk} on proposal {self.proposal_id} by {self.author}"


class ImportRecord(models.Model):
    """What the importer last took from one file, so that re-importing never overwrites
    reviewed work (see `conflicts.services.importing`)."""

    source = models.CharField(max_length=255, unique=True, help_text="The imported file's name.")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="import_records")
    # sha256 of the parser version and the file's bytes: a parser fix changes it too.
    content_hash = models.CharField(max_length=64)
    # The revision that published the file's content as last imported, which proposals of
    # later versions are based on; None while that content has only ever been proposed.
    revision = models.ForeignKey(
        ArticleRevision, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # The proposal a changed file became because the article was edited since `revision`.
    proposal = models.ForeignKey(
        Proposal, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["source"]

    def __str__(self):
        return self.source


class PartOrigin(models.Model):
    """The revision that gave one part of an article its current content (`conflicts.blame`
    names the parts): who wrote it, reviewed it, and why, kept up to date after each
    publish so that "who wrote this" reads one row per part."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="part_origins")
    part = models.CharField(max_length=INFOBOX_KEY_MAX_LENGTH + 20)
    revision = models.ForeignKey(ArticleRevision, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "part"], name="part_origin_once_per_part")
        ]

    def __str__(self):
        return f"{self.article_id} {self.part}: revision {self.revision_id}"


class ArticleBlame(models.Model):
    """How far an article's `PartOrigin` rows are read: up to and including `revision`."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="blame"
    )
    revision = models.ForeignKey(ArticleRevision, on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return f"{self.article_id}: blame up to revision {self.revision_id}"
