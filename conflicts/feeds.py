"""Atom feeds of published revisions: the whole site's (`/recent/feed/`) and one
article's history (`/articles/<slug>/history/feed/`). Only published content: proposals
never appear until a reviewer approves them."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from conflicts import visibility
from conflicts.models import Article
from conflicts.recent import recent_revisions

FEED_SIZE = 50


class _RevisionFeed(Feed):
    feed_type = Atom1Feed

    def items(self, obj=None):
        revisions = recent_revisions()
        if obj is not None:
            revisions = revisions.filter(article=obj)
        # A feed is read by anyone, and kept by readers: never what oversight hid.
        return visibility.revisions_shown(list(revisions[:FEED_SIZE]), AnonymousUser())

    def item_title(self, revision) -> str:
        return f"{revision.article.title}, revision {revision.number}: {revision.revision.comment}"

    def item_description(self, revision) -> str:
        delta = revision.size_delta
        change = "a new article" if delta is None else f"{delta:+,} characters"
        reviewer = f", reviewed by {revision.reviewer.username}" if revision.reviewer else ""
        return f"{revision.revision.comment} ({change}{reviewer})"

    def item_link(self, revision) -> str:
        slug = revision.article.slug
        if revision.previous_id is None:
            return reverse("revision_detail", args=[slug, revision.revision_id])
        compare = reverse("article_compare", args=[slug])
        return f"{compare}?from={revision.previous_id}&to={revision.revision_id}"

    def item_guid(self, revision) -> str:
        return reverse("revision_detail", args=[revision.article.slug, revision.revision_id])

    def item_pubdate(self, revision):
        return revision.revision.date_created

    def item_updateddate(self, revision):
        return revision.revision.date_created

    def item_author_name(self, revision) -> str:
        user = revision.revision.user
        return user.username if user else "unknown"


class RecentChangesFeed(_RevisionFeed):
    title = "Annals: recent changes"
    subtitle = "Every revision published on Annals, newest first."

    def link(self):
        return reverse("recent_changes")


class ArticleHistoryFeed(_RevisionFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Article.objects.published(), slug=slug)

    def title(self, article) -> str:
        return f"Annals: history of {article.title}"

    def subtitle(self, article) -> str:
        return f"Every revision published of {article.title}, newest first."

    def link(self, article) -> str:
        return reverse("article_history", args=[article.slug])
