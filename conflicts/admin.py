"""Staff browse articles and their revisions; an article's history, as readers and
reviewers see it, is its public history page (`view on site`)."""

from django.contrib import admin

from conflicts import models as m


class _ReadOnly:
    """Published content changes only through import, review and revert, which record
    who changed what and why; the admin is for browsing it and its history."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class _PartInline(_ReadOnly, admin.TabularInline):
    extra = 0
    ordering = ["position"]


class InfoboxFieldInline(_PartInline):
    model = m.InfoboxField


class SectionInline(_PartInline):
    model = m.Section
    fields = ["position", "level", "heading", "body"]


class ReferenceInline(_PartInline):
    model = m.Reference


class ImportNoteInline(_ReadOnly, admin.TabularInline):
    model = m.ImportNote
    extra = 0


@admin.register(m.Article)
class ArticleAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title", "lead"]
    inlines = [InfoboxFieldInline, SectionInline, ReferenceInline, ImportNoteInline]


@admin.register(m.ArticleRevision)
class ArticleRevisionAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ["article", "number", "size", "revision", "reviewer"]
    list_select_related = ["article", "revision__user", "reviewer"]
    list_filter = ["article"]


@admin.register(m.ImportRecord)
class ImportRecordAdmin(_ReadOnly, admin.ModelAdmin):
    list_display = ["source", "article", "revision", "proposal", "imported_at"]
    list_select_related = ["article", "revision__article", "proposal__article"]
    search_fields = ["source", "article__title"]
