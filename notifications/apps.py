from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """Watching articles, and telling people what concerns them (in the site and by email)."""

    name = "notifications"
    default_auto_field = "django.db.models.BigAutoField"
