"""Root URLs: the reader's site, accounts and the admin."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("conflicts.urls")),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
]
