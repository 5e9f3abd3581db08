from django.urls import path

from governance import views

urlpatterns = [
    path("log/", views.log, name="log"),
    path("articles/<str:slug>/protect/", views.article_protection, name="article_protection"),
    path("articles/<str:slug>/rename/", views.article_rename, name="article_rename"),
    path("articles/<str:slug>/delete/", views.article_delete, name="article_delete"),
    path("articles/<str:slug>/restore/", views.article_restore, name="article_restore"),
    path("articles/<str:slug>/merge/", views.article_merge, name="article_merge"),
    path(
        "articles/<str:slug>/revisions/<int:revision_id>/visibility/",
        views.revision_visibility,
        name="revision_visibility",
    ),
]
