"""Root URLs: the reader's site, accounts, the API and the admin."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("conflicts.urls")),
    path("accounts/", include("accounts.urls")),
    path("api/", include("conflicts.api.urls")),
    path("admin/", admin.site.urls),
]
