"""Each article points at its current revision; each revision records its size delta and
the revision it follows.

The data migration fills these for existing histories a batch of articles at a time, so
that memory stays bounded whatever their length. It only visits articles with no current
revision, or with a revision after the first that follows none, so running it again (it
is idempotent) finds nothing to do. The migration stays atomic: interrupted, it leaves
the schema as it was, and running it again starts over, safely.
"""

import django.db.models.deletion
from django.db import migrations, models

ARTICLES_PER_BATCH = 100
ROWS_PER_UPDATE = 1000


def backfill_current_revisions(apps, schema_editor):
    """Set `size_delta` and `previous` of every revision and `current_revision` of every
    article exactly as `conflicts.services.articles._publish` writes them."""
    Article = apps.get_model("conflicts", "Article")
    ArticleRevision = apps.get_model("conflicts", "ArticleRevision")
    db = schema_editor.connection.alias
    pending = (
        Article.objects.using(db)
        .filter(
            models.Q(current_revision__isnull=True)
            | models.Q(revisions__number__gt=1, revisions__previous__isnull=True)
        )
        .values_list("pk", flat=True)
        .distinct()
        .order_by("pk")
    )
    after = 0
    while True:
        batch = list(pending.filter(pk__gt=after)[:ARTICLES_PER_BATCH])
        if not batch:
            return
        _backfill_articles(Article, ArticleRevision, db, batch)
        after = batch[-1]


def _backfill_articles(Article, ArticleRevision, db, article_ids):
    rows = (
        ArticleRevision.objects.using(db)
        .filter(article_id__in=article_ids)
        .order_by("article_id", "number")
        .values_list("pk", "article_id", "size", "size_delta", "previous_id")
    )
    changed, current = [], {}
    last_article, last_pk, last_size = None, None, None
    for pk, article_id, size, size_delta, previous_id in rows.iterator(chunk_size=2000):
        if article_id != last_article:
            last_article, last_pk, last_size = article_id, None, None
        delta = None if last_pk is None else size - last_size
        if size_delta != delta or previous_id != last_pk:
            changed.append(ArticleRevision(pk=pk, size_delta=delta, previous_id=last_pk))
            if len(changed) == ROWS_PER_UPDATE:
                ArticleRevision.objects.using(db).bulk_update(changed, ["size_delta", "previous"])
                changed = []
        current[article_id] = pk
        last_pk, last_size = pk, size
    ArticleRevision.objects.using(db).bulk_update(changed, ["size_delta", "previous"])
    for article_id, revision_id in current.items():
        Article.objects.using(db).filter(pk=article_id).update(current_revision_id=revision_id)


class Migration(migrations.Migration):
    dependencies = [
        ("conflicts", "0005_importrecord"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="current_revision",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="conflicts.articlerevision",
            ),
        ),
        migrations.AddField(
            model_name="articlerevision",
            name="previous",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="conflicts.articlerevision",
            ),
        ),
        migrations.AddField(
            model_name="articlerevision",
            name="size_delta",
            field=models.IntegerField(blank=True, null=True),
        ),
        migrations.RunPython(backfill_current_revisions, migrations.RunPython.noop),
    ]
