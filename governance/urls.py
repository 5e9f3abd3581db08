from django.urls import path

from governance import views

urlpatterns = [
    path("log/", views.log, name="log"),
    path("articles/<str:slug>/protect/", views.article_protection, name="article_protection"),
    path("articles/<str:slug>/rename/", views.article_rename, name="article_rename"),
]
