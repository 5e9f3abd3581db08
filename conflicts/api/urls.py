"""API routes under /api/, with the OpenAPI schema and its browsable docs."""

from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from conflicts.api import views

app_name = "api"

router = SimpleRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("proposals", views.ProposalViewSet, basename="proposal")
router.register("notifications", views.NotificationViewSet, basename="notification")
router.register("worklist", views.WorklistViewSet, basename="worklist")
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("log", views.LogViewSet, basename="log")
router.register("users", views.UserViewSet, basename="user")
router.register("auth/tokens", views.ApiTokenViewSet, basename="api-token")

# Swagger UI's page carries one inline <style> (drf-spectacular's swagger_ui.html, hashed
# here; a new version of it shows as a CSP violation in tests/browser) and its stylesheet
# draws icons from data: URLs. Its start-up script comes from this same view (the split
# view's `?script`), so script-src stays the site's own.
_SWAGGER_UI_CSP = {
    "style-src": ["'sha256-MMpT0iDxyjALd9PdfepImGX3DBfJPXZ4IlDWdPAgtn0='"],
    "img-src": ["data:"],
}

urlpatterns = [
    path("", views.api_root, name="root"),
    path("auth/token/", views.TokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        csp_update(_SWAGGER_UI_CSP)(SpectacularSwaggerSplitView.as_view(url_name="api:schema")),
        name="docs",
    ),
    *router.urls,
]
