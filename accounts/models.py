"""People who read, edit and review Annals."""

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """An Annals account. Every signed-in account is an editor."""
