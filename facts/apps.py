from django.apps import AppConfig


class FactsConfig(AppConfig):
    """What Annals knows its articles' infobox values to mean: dates, figures, parties."""

    name = "facts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from facts import receivers  # noqa: F401 (connects them)
