from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The deployment as a whole: the checks that it can serve (`config.checks`)."""

    name = "config"
    verbose_name = "Site"

    def ready(self):
        from config import checks  # noqa: F401 (registers the checks)
