"""Keeping the articles' facts in step with their published infoboxes."""

from __future__ import annotations

from collections import Counter

from django.db import transaction

from conflicts import selectors
from conflicts.models import Article
from facts.models import ArticleFigures, InfoboxFact
from facts.reading import casualties_range, infobox_readings


def article_facts_refresh(*article_ids: int) -> Counter:
    """Read each article's current infobox into its facts and figures, replacing those
    read before; unknown ids are skipped. Returns how many values of each kind could not
    be read."""
    articles = list(
        Article.objects.filter(pk__in=article_ids, current_revision__isnull=False).only(
            "pk", "current_revision_id"
        )
    )
    states = selectors.revision_states(article.current_revision_id for article in articles)
    rows, figures, unread = [], [], Counter()
    for article in articles:
        state = states[article.current_revision_id]
        readings = infobox_readings((entry.key, entry.value) for entry in state.infobox)
        killed = casualties_range(readings) or (None, None)
        figures.append(ArticleFigures(article=article, killed_low=killed[0], killed_high=killed[1]))
        for found in readings:
            rows.append(
                InfoboxFact(
                    article=article,
                    key=found.key,
                    kind=found.kind,
                    side=found.side,
                    data=found.data,
                    revision_id=article.current_revision_id,
                )
            )
            if found.unread:
                unread[found.kind] += 1
    with transaction.atomic():
        InfoboxFact.objects.filter(article__in=articles).delete()
        InfoboxFact.objects.bulk_create(rows)
        ArticleFigures.objects.filter(article__in=articles).delete()
        ArticleFigures.objects.bulk_create(figures)
    return unread
