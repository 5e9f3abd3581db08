"""Rewrite every stored history so that each revision holds only what it changed.

Before, every revision held a version of the article and of every one of its parts, and
infobox fields got new rows on every revision. After, in the shape `conflicts.history`
reads: the article's version, with its layout (the ids of its parts in reading order),
only where its own fields or layout changed; a part's version only where its content
changed or it is new; each infobox field one identity for as long as its key stays in the
article (its versions, and its live row, take the id it first had).

No revision's content changes: the same states are rebuilt before and after
(tests/conflicts/test_history_migration.py proves it).

Irreversible. Resumable: each article is converted in a transaction of its own and marked converted by
its layout, so a run that stops half-way leaves whole articles converted or untouched, and
running `migrate` again continues with the rest.
"""

import json

from django.db import migrations, transaction

REVISIONS_PER_BATCH = 200
VERSIONS_PER_WRITE = 500

# What a part's version keeps: the fields `conflicts.models` registers with reversion.
CONTENT_FIELDS = {
    "infobox": ("key", "value"),
    "sections": ("heading", "level", "body"),
    "references": ("text", "url"),
}
MODEL_NAMES = {"infobox": "infoboxfield", "sections": "section", "references": "reference"}


def convert_histories(apps, schema_editor):
    """Convert every article whose layout is not set yet, one transaction each."""
    Article = apps.get_model("conflicts", "Article")
    db = schema_editor.connection.alias
    pending = Article.objects.using(db).filter(layout__isnull=True).order_by("pk")
    for article_id in pending.values_list("pk", flat=True).iterator():
        with transaction.atomic(using=db):
            article_history_convert(apps, db, article_id)


def article_history_convert(apps, db, article_id):
    """Rewrite one article's history, and its live infobox ids, into the changes-only
    shape, and set its layout. Call inside a transaction."""
    Version = apps.get_model("reversion", "Version")
    ArticleRevision = apps.get_model("conflicts", "ArticleRevision")
    content_types = _content_types(apps, db)
    revision_ids = list(
        ArticleRevision.objects.using(db)
        .filter(article_id=article_id)
        .order_by("number")
        .values_list("revision_id", flat=True)
    )
    history = _Conversion(content_types)
    for start in range(0, len(revision_ids), REVISIONS_PER_BATCH):
        batch = revision_ids[start : start + REVISIONS_PER_BATCH]
        rows = (
            Version.objects.using(db)
            .filter(
                revision_id__in=batch,
                content_type_id__in=[pk for pk in content_types.values() if pk is not None],
            )
            .values("id", "revision_id", "content_type_id", "object_id", "serialized_data")
        )
        by_revision = {}
        for row in rows:
            by_revision.setdefault(row["revision_id"], []).append(row)
        for revision_id in batch:
            history.revision(revision_id, by_revision.get(revision_id, []))
        _write(Version, db, history)
    _live_rows_convert(apps, db, article_id, history)


def _content_types(apps, db):
    ContentType = apps.get_model("contenttypes", "ContentType")
    names = {"article": "article", **MODEL_NAMES}
    found = dict(
        ContentType.objects.using(db)
        .filter(app_label="conflicts", model__in=names.values())
        .values_list("model", "pk")
    )
    return {kind: found.get(model) for kind, model in names.items()}


class _Conversion:
    """The walk through one article's revisions, oldest first."""

    def __init__(self, content_types):
        self.content_types = content_types
        self.kind_of = {pk: kind for kind, pk in content_types.items() if pk is not None}
        self.own = None
        self.parts = {}  # (kind, id) -> content, as of the previous revision
        self.infobox_ids = {}  # key -> the id its field has had since it appeared
        self.layout = {kind: [] for kind in CONTENT_FIELDS}
        self.deleted = []
        self.rewritten = []  # (version id, object id, serialized data)

    def revision(self, revision_id, rows):
        article_rows = [row for row in rows if self.kind_of.get(row["content_type_id"]) == "article"]
        if len(article_rows) != 1:
            raise RuntimeError(
                f"Revision {revision_id} holds {len(article_rows)} versions of its article;"
                " it cannot be converted."
            )
        parts, infobox_ids, layout = {}, {}, {kind: [] for kind in CONTENT_FIELDS}
        for kind in CONTENT_FIELDS:
            of_kind = [
                (row, _fields(row)) for row in rows if self.kind_of.get(row["content_type_id"]) == kind
            ]
            for row, fields in sorted(of_kind, key=lambda pair: pair[1]["position"]):
                part_id = int(row["object_id"])
                if kind == "infobox":
                    part_id = self.infobox_ids.get(fields["key"], part_id)
                    infobox_ids[fields["key"]] = part_id
                content = {name: fields[name] for name in CONTENT_FIELDS[kind]}
                layout[kind].append(part_id)
                parts[kind, part_id] = content
                if self.parts.get((kind, part_id)) == content:
                    self.deleted.append(row["id"])
                else:
                    self._rewrite(row, kind, part_id, content)
        (article_row,) = article_rows
        article = _fields(article_row)
        own = {name: article.get(name) for name in ("title", "lead", "latitude", "longitude")}
        if (own, layout) == (self.own, self.layout):
            self.deleted.append(article_row["id"])
        else:
            self._rewrite(article_row, "article", int(article_row["object_id"]), article | {"layout": layout})
        self.own, self.parts, self.infobox_ids, self.layout = own, parts, infobox_ids, layout

    def _rewrite(self, row, kind, object_id, fields):
        model = "article" if kind == "article" else MODEL_NAMES[kind]
        data = json.dumps(
            [{"model": f"conflicts.{model}", "pk": object_id, "fields": fields}], ensure_ascii=False
        )
        self.rewritten.append((row["id"], str(object_id), data))


def _fields(row):
    return json.loads(row["serialized_data"])[0]["fields"]


def _write(Version, db, history):
    for start in range(0, len(history.deleted), VERSIONS_PER_WRITE):
        Version.objects.using(db).filter(
            pk__in=history.deleted[start : start + VERSIONS_PER_WRITE]
        ).delete()
    rewritten = [
        Version(pk=pk, object_id=object_id, serialized_data=data)
        for pk, object_id, data in history.rewritten
    ]
    Version.objects.using(db).bulk_update(
        rewritten, ["object_id", "serialized_data"], batch_size=VERSIONS_PER_WRITE
    )
    history.deleted, history.rewritten = [], []


def _live_rows_convert(apps, db, article_id, history):
    """Give the live infobox rows the ids their history now has, and set the layout."""
    Article = apps.get_model("conflicts", "Article")
    InfoboxField = apps.get_model("conflicts", "InfoboxField")
    for pk, key in InfoboxField.objects.using(db).filter(article_id=article_id).values_list(
        "pk", "key"
    ):
        canonical = history.infobox_ids.get(key, pk)
        if canonical != pk:
            InfoboxField.objects.using(db).filter(pk=pk).update(id=canonical)
    layout = history.layout
    if history.own is None:  # no history at all: the live rows are all there is
        layout = {
            kind: list(
                apps.get_model("conflicts", MODEL_NAMES[kind])
                .objects.using(db)
                .filter(article_id=article_id)
                .order_by("position")
                .values_list("pk", flat=True)
            )
            for kind in CONTENT_FIELDS
        }
    Article.objects.using(db).filter(pk=article_id).update(layout=layout)


class Migration(migrations.Migration):
    # Each article is converted in its own transaction (resumable), not all in one.
    atomic = False

    dependencies = [
        ("conflicts", "0008_article_layout"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [
        # Irreversible: code before it cannot read the converted histories.
        migrations.RunPython(convert_histories, elidable=False),
    ]
