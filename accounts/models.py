"""People who read, edit and review Annals."""

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """An Annals account. Every signed-in account is an editor."""

    # Notifications are always shown in the site; this says whether they are emailed too.
    email_notifications = models.BooleanField(
        default=True, help_text="Also send notifications to the account's email address."
    )
    # The address the account last signed up or signed in from: what a block keeps from
    # signing up again. Personal data, removed with the account.
    last_address = models.GenericIPAddressField(null=True, blank=True, editable=False)
    # Set at sign-up until the account follows the link sent to its e-mail address:
    # until then it may not propose. Accounts made otherwise (demo, importer) never wait.
    email_confirmation_pending = models.BooleanField(default=False, editable=False)
