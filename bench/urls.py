"""The site's URLs plus the bench's reference implementations of the article document."""

from django.urls import path

from bench import reference
from config.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("bench/values/<str:slug>/", reference.article_values, name="bench_article_values"),
    *site_urlpatterns,
]
