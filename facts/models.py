"""What an article's infobox values say, read as typed data beside their text."""

from django.db import models

from conflicts.limits import INFOBOX_KEY_MAX_LENGTH
from conflicts.models import Article, ArticleRevision
from facts import reading


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
        return self.kind != self.Kind.TEXT and self.data is None


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
