from django.urls import path, register_converter

from conflicts import feeds, proposal_views, views


class _RowIdConverter:
    """A row id in a URL: digits that fit a 64-bit id; longer ones are no page (404)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(_RowIdConverter, "id")

urlpatterns = [
    path("", views.index, name="index"),
    path("articles/<str:slug>/", views.article_detail, name="article_detail"),
    path("articles/<str:slug>/history/", views.article_history, name="article_history"),
    path("articles/<str:slug>/blame/", views.article_blame, name="article_blame"),
    path(
        "articles/<str:slug>/revisions/<id:revision_id>/",
        views.revision_detail,
        name="revision_detail",
    ),
    path("articles/<str:slug>/compare/", views.article_compare, name="article_compare"),
    path("recent/", views.recent_changes, name="recent_changes"),
    path("recent/feed/", feeds.RecentChangesFeed(), name="recent_changes_feed"),
    path(
        "articles/<str:slug>/history/feed/",
        feeds.ArticleHistoryFeed(),
        name="article_history_feed",
    ),
]

urlpatterns += [
    path("articles/<str:slug>/propose/", proposal_views.article_propose, name="article_propose"),
    path(
        "articles/<str:slug>/revisions/<id:revision_id>/revert/",
        proposal_views.article_revert,
        name="article_revert",
    ),
    path(
        "articles/<str:slug>/revisions/<id:revision_id>/undo/",
        proposal_views.revision_undo,
        name="revision_undo",
    ),
    path("proposals/", proposal_views.proposal_list, name="proposal_list"),
    path("proposals/new/", proposal_views.article_new, name="article_new"),
    path("proposals/<id:pk>/", proposal_views.proposal_detail, name="proposal_detail"),
    path("proposals/<id:pk>/edit/", proposal_views.proposal_edit, name="proposal_edit"),
    path("proposals/<id:pk>/approve/", proposal_views.proposal_approve, name="proposal_approve"),
    path(
        "proposals/<id:pk>/approve-part/",
        proposal_views.proposal_approve_part,
        name="proposal_approve_part",
    ),
    path("proposals/<id:pk>/reject/", proposal_views.proposal_reject, name="proposal_reject"),
    path(
        "proposals/<id:pk>/request-changes/",
        proposal_views.proposal_request_changes,
        name="proposal_request_changes",
    ),
    path("proposals/<id:pk>/comments/", proposal_views.proposal_comment, name="proposal_comment"),
    path("proposals/<id:pk>/withdraw/", proposal_views.proposal_withdraw, name="proposal_withdraw"),
]
