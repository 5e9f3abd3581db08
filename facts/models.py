"""What an article's infobox values say, read as typed data beside their text."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.http import urlencode

from conflicts.limits import (
    INFOBOX_KEY_MAX_LENGTH,
    INFOBOX_VALUE_MAX_LENGTH,
    SOURCE_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
)
from conflicts.models import Article, ArticleRevision
from facts import checks, reading
from facts.checks import CHECK_TITLES
from facts.names import NAME_MAX_LENGTH


class InfoboxFact(models.Model):
    """One infobox field of an article's current version read as typed data
    (`facts.reading`), rewritten after each publish; the field's text stays the article's.
    `data` is None where a value of a typed kind could not be read."""

    class Kind(models.TextChoices):
        DATES = reading.DATES, "Dates"
        FIGURES = reading.FIGURES, "Figures"
        PARTIES = reading.PARTIES, "Parties"
        TEXT = reading.TEXT, "Text"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="facts")
    key = models.CharField(max_length=INFOBOX_KEY_MAX_LENGTH)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # The side a numbered key speaks of: Casualties2 is of side 2.
    side = models.PositiveSmallIntegerField(null=True, blank=True)
    data = models.JSONField(null=True, blank=True)
    # The version it was read from.
    revision = models.ForeignKey(ArticleRevision, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["article", "id"]
        constraints = [
            models.UniqueConstraint(fields=["article", "key"], name="fact_once_per_field")
        ]
        indexes = [models.Index(fields=["kind"], name="fact_kind_idx")]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.key} ({self.kind})"

    @property
    def unread(self) -> bool:
        return reading.Reading(self.key, self.kind, self.side, self.data).unread


class ArticleFigures(models.Model):
    """An article's figures summed over its sides, as its facts give them, for lists to
    filter by: killed from `killed_low` to `killed_high` (None: no upper bound given);
    both None when no Casualties value gives killed."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="figures"
    )
    killed_low = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    killed_high = models.PositiveIntegerField(null=True, blank=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.article_id}: {self.killed_low}–{self.killed_high} killed"


class NameSpelling(models.Model):
    """A capitalised word as articles write it, and how many published articles write it
    so: the index the names check finds a name's other spellings in by `key`
    (`facts.names.name_key`), whatever the number of articles."""

    spelling = models.CharField(max_length=NAME_MAX_LENGTH, unique=True)
    key = models.CharField(max_length=NAME_MAX_LENGTH, db_index=True)
    articles = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.spelling} ({self.articles})"


class ArticleNames(models.Model):
    """The spellings an article's current version writes, as counted in `NameSpelling`:
    what to count down when the next version no longer writes them."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="names"
    )
    spellings = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"{self.article_id}: {len(self.spellings)} names"


class WorklistItem(models.Model):
    """A slip a check (`check_name`) suspects in an article's current version
    (`facts.checks.Finding`).

    Rewritten after each publish: an item no longer found goes, unless a reviewer
    dismissed it, in which case it stays as the record of that (`current` False). The
    `fingerprint` names the check and its evidence, so a dismissed item stays dismissed
    while the evidence is the same, and a changed passage is a new item."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="worklist")
    check_name = models.CharField(max_length=30, choices=list(CHECK_TITLES.items()))
    summary = models.TextField()
    # The passages that show the slip: [{"part", "text", "name", "section_id"}].
    evidence = models.JSONField()
    # The infobox value that would fix it, where plain.
    fix_key = models.CharField(max_length=INFOBOX_KEY_MAX_LENGTH, blank=True)
    fix_value = models.TextField(blank=True)
    fingerprint = models.CharField(max_length=64)
    # The version the check last ran on.
    revision = models.ForeignKey(ArticleRevision, on_delete=models.CASCADE, related_name="+")
    found_at = models.DateTimeField(auto_now_add=True)
    current = models.BooleanField(default=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    dismissed_reason = models.TextField(blank=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-found_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "fingerprint"], name="worklist_item_once_per_evidence"
            )
        ]
        indexes = [models.Index(fields=["current", "dismissed_at"], name="worklist_open_idx")]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.check_name}"

    @property
    def is_dismissed(self) -> bool:
        return self.dismissed_at is not None

    @property
    def passages(self) -> list[dict]:
        """The evidence, each passage with where it is in words and a link to it: to its
        place in the article, or, for a spelling of other articles, to a search for it."""
        article_url = self.article.get_absolute_url()
        anchors = {checks.LEAD: "#lead", checks.INFOBOX: "#infobox"}
        shown = []
        for passage in self.evidence:
            part = passage["part"]
            if part == checks.ELSEWHERE:
                where = "other articles"
                url = f"{reverse('index')}?{urlencode({'q': passage['text']})}"
            else:
                where = f"{part}: {passage['name']}" if passage["name"] else part
                anchor = anchors.get(part) or f"#s{passage['section_id']}"
                url = article_url + anchor
            shown.append({**passage, "where": where, "url": url})
        return shown

    @property
    def propose_url(self) -> str:
        """The correction form for the part the slip is in: one infobox field (filled with
        the fix, when the check has one, and a summary), the lead, a section, or the
        infobox to write."""
        first = self.evidence[0]
        summary = f"Fix: {self.summary}"[:SUMMARY_MAX_LENGTH]
        if self.fix_key:
            query = {"field": self.fix_key, "value": self.fix_value, "summary": summary}
        elif first["part"] == checks.INFOBOX:
            query = {"field": first["name"], "summary": summary}
        elif first["part"] == checks.SECTION and first["section_id"] is not None:
            query = {"section": first["section_id"]}
        elif self.check_name == "infobox-missing":
            query = {"part": "infobox"}
        else:
            query = {"part": "lead"}
        return f"{reverse('article_propose', args=[self.article.slug])}?{urlencode(query)}"


class FieldClaim(models.Model):
    """Another figure for an infobox field, from another source ("the MNLA says 36,
    Reuters says 14"), beside the field's value, which stays the preferred one (like
    Wikidata's ranks): the article's text and its `{key: value}` shape are unchanged.

    A reviewer adds it; a reviewer may make it the preferred figure (a revision gives the
    field its value and source, and the value it had becomes a claim) or withdraw it. A
    claim is never deleted: retired, it stays as the record of what was weighed."""

    class Outcome(models.TextChoices):
        PREFERRED = "preferred", "Made the preferred figure"
        WITHDRAWN = "withdrawn", "Withdrawn"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    key = models.CharField(max_length=INFOBOX_KEY_MAX_LENGTH)
    # As written, without citations: the source says where it comes from.
    value = models.TextField(max_length=INFOBOX_VALUE_MAX_LENGTH)
    source = models.TextField(max_length=SOURCE_MAX_LENGTH, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    # The article's version when the claim was added.
    revision = models.ForeignKey(ArticleRevision, on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    retired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    retired_at = models.DateTimeField(null=True, blank=True)
    retired_reason = models.TextField(blank=True)
    # The revision that made it the field's value.
    preferred_in = models.ForeignKey(
        ArticleRevision, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["article", "key", "added_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "key", "value"],
                condition=models.Q(retired_at__isnull=True),
                name="claim_once_per_field_while_open",
            ),
            models.CheckConstraint(
                condition=models.Q(retired_at__isnull=True, outcome="")
                | (models.Q(retired_at__isnull=False) & ~models.Q(outcome="")),
                name="claim_retired_with_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.key} = {self.value}"

    @property
    def is_open(self) -> bool:
        return self.retired_at is None

    @property
    def status(self) -> str:
        """ "open", or how it was retired (`Outcome`)."""
        return self.outcome or "open"
