"""People who read, edit and review Annals."""

from datetime import timedelta

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from knox.models import AbstractAuthToken
from knox.settings import CONSTANTS


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


# Unless its owner chooses a fixed lifetime (at most the longest) or none, a token works
# while it is used and lapses this many days after its last use: a client that keeps its
# token never loses it, and tokens nobody uses any more go by themselves.
API_TOKEN_IDLE_DAYS = 90
API_TOKEN_MAX_DAYS = 365
# More tokens than anyone uses at once. Past it, a new token replaces the one unused for
# longest among those that lapse when unused (a script that asks for a token on every run
# replaces its own old ones); when every token has a fixed lifetime, it is refused.
API_TOKENS_PER_USER = 20
# A token's last use is recorded at most this often, not with a write per request.
API_TOKEN_USE_PRECISION = timedelta(minutes=5)


class ApiToken(AbstractAuthToken):
    """An API token (django-rest-knox's, `settings.KNOX_TOKEN_MODEL`), named by its owner.

    Only a digest of the token is kept: the token itself is shown once, when made. The
    owner lists their tokens by name, sees when each was last used and revokes any."""

    # knox keys the table by the digest; a plain key names a token in URLs without it.
    id = models.BigAutoField(primary_key=True)
    digest = models.CharField(max_length=CONSTANTS.DIGEST_LENGTH, unique=True)
    name = models.CharField(max_length=100, help_text="What the token is for.")
    # Set: each use moves `expiry` on to API_TOKEN_IDLE_DAYS later.
    renews_on_use = models.BooleanField(default=False)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "API token"
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    @property
    def expired(self) -> bool:
        return self.expiry is not None and self.expiry <= timezone.now()
