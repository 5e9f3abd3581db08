"""Root URLs: the reader's site, accounts, the API, the admin and the health check."""

from django.contrib import admin
from django.urls import include, path

from config.health import healthz

urlpatterns = [
    path("", include("conflicts.urls")),
    path("accounts/", include("accounts.urls")),
    path("api/", include("conflicts.api.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]
