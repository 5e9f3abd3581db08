"""Root URLs: the reader's site, notifications, accounts, the API, the admin and the health
check."""

from django.contrib import admin
from django.urls import include, path

from config.health import healthz

urlpatterns = [
    path("", include("conflicts.urls")),
    path("", include("notifications.urls")),
    path("", include("facts.urls")),
    path("", include("governance.urls")),
    path("accounts/", include("accounts.urls")),
    path("api/", include("conflicts.api.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]

# The site's own error pages, or the API's JSON errors under /api/, in every configuration
# (with DEBUG on, Django shows its debug pages for 404 and 500 instead).
handler400 = "conflicts.http_errors.bad_request"
handler403 = "conflicts.http_errors.permission_denied"
handler404 = "conflicts.http_errors.page_not_found"
handler500 = "conflicts.http_errors.server_error"
