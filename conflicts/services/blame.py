"""Who wrote each part of an article: its `PartOrigin` rows, brought up to the current
revision by reading only the revisions published since they were last brought up."""

from __future__ import annotations

from django.db import transaction

from conflicts import models as m
from conflicts import selectors
from conflicts.blame import parts_changed, parts_of

# Revisions read at once while catching up (a first reading goes through the whole
# history, this many states in memory at a time).
_REVISIONS_PER_READ = 50


def article_blame_update(article_id: int) -> None:
    """Bring the article's part origins up to its current revision; nothing to do when
    they are there, or the article has none. Safe to run twice or out of order: the
    article's row lock puts runs one after the other, and each starts where the last
    stopped."""
    with transaction.atomic():
        article = (
            m.Article.objects.select_for_update(of=("self",))
            .select_related("current_revision")
            .filter(pk=article_id)
            .first()
        )
        if article is None or article.current_revision is None:
            return
        blame = m.ArticleBlame.objects.filter(article=article).select_related("revision").first()
        read_up_to = blame.revision if blame else None
        if read_up_to is not None and read_up_to.number >= article.current_revision.number:
            return
        newer = list(
            article.revisions.filter(
                number__gt=read_up_to.number if read_up_to else 0,
                number__lte=article.current_revision.number,
            )
            .order_by("number")
            .values_list("pk", flat=True)
        )
        before = selectors.revision_state(read_up_to) if read_up_to else None
        origins: dict[str, int] = {}
        for start in range(0, len(newer), _REVISIONS_PER_READ):
            chunk = newer[start : start + _REVISIONS_PER_READ]
            states = selectors.revision_states(chunk)
            for revision_id in chunk:
                for part in parts_changed(before, states[revision_id]):
                    origins[part] = revision_id
                before = states[revision_id]
        m.PartOrigin.objects.filter(article=article).exclude(part__in=parts_of(before)).delete()
        m.PartOrigin.objects.bulk_create(
            [
                m.PartOrigin(article=article, part=part, revision_id=pk)
                for part, pk in origins.items()
            ],
            update_conflicts=True,
            unique_fields=["article", "part"],
            update_fields=["revision"],
        )
        m.ArticleBlame.objects.update_or_create(
            article=article, defaults={"revision": article.current_revision}
        )
