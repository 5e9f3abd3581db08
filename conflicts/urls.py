from django.urls import path

from conflicts import proposal_views, views

urlpatterns = [
    path("", views.index, name="index"),
    path("articles/<str:slug>/", views.article_detail, name="article_detail"),
    path("articles/<str:slug>/history/", views.article_history, name="article_history"),
    path(
        "articles/<str:slug>/revisions/<int:revision_id>/",
        views.revision_detail,
        name="revision_detail",
    ),
    path("articles/<str:slug>/compare/", views.article_compare, name="article_compare"),
]

urlpatterns += [
    path("articles/<str:slug>/propose/", proposal_views.article_propose, name="article_propose"),
    path(
        "articles/<str:slug>/revisions/<int:revision_id>/revert/",
        proposal_views.article_revert,
        name="article_revert",
    ),
    path("proposals/", proposal_views.proposal_list, name="proposal_list"),
    path("proposals/<int:pk>/", proposal_views.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/edit/", proposal_views.proposal_edit, name="proposal_edit"),
    path("proposals/<int:pk>/approve/", proposal_views.proposal_approve, name="proposal_approve"),
    path("proposals/<int:pk>/reject/", proposal_views.proposal_reject, name="proposal_reject"),
    path(
        "proposals/<int:pk>/withdraw/", proposal_views.proposal_withdraw, name="proposal_withdraw"
    ),
]
