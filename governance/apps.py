from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """Who keeps the encyclopedia in order, and the log of what they did: roles, reverts,
    and the other actions that shape what is published beyond reviewing proposals."""

    name = "governance"
    default_auto_field = "django.db.models.BigAutoField"
