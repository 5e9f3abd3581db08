from django.urls import path

from conflicts import views

urlpatterns = [
    path("", views.index, name="index"),
    path("articles/<slug:slug>/", views.article_detail, name="article_detail"),
    path("articles/<slug:slug>/history/", views.article_history, name="article_history"),
    path(
        "articles/<slug:slug>/revisions/<int:revision_id>/",
        views.revision_detail,
        name="revision_detail",
    ),
    path("articles/<slug:slug>/compare/", views.article_compare, name="article_compare"),
]
