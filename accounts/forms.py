"""The sign-up form, and the password-reset form with its limit per address."""

import logging

from django import forms
from django.contrib.auth.forms import PasswordResetForm, UserCreationForm

from accounts.models import API_TOKEN_IDLE_DAYS, ApiToken, User
from accounts.throttling import PasswordResetEmailThrottle
from accounts.tokens import WHILE_USED

logger = logging.getLogger(__name__)

# Paths under /accounts/ that are not user pages: an account with one of these names
# would have a page nobody could open.
RESERVED_USERNAMES = frozenset(
    {"login", "logout", "signup", "password_change", "password_reset", "reset", "confirm"}
)


class SignupForm(UserCreationForm):
    """Username, e-mail address (confirmed by a link before the account may propose) and
    a password checked by the site's password validators."""

    email = forms.EmailField(
        label="Email",
        error_messages={"required": "Give your e-mail address: we send a link to confirm it."},
        help_text="We send a link to confirm it before you propose. Never shown to anyone else.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].help_text = (
            "Shown with every edit you make. Letters, digits and @ . + - _ only; "
            "150 characters at most."
        )
        self.fields["username"].widget.attrs["autocomplete"] = "username"

    def clean_username(self):
        username = super().clean_username()
        if username and username.lower() in RESERVED_USERNAMES:
            raise forms.ValidationError(
                "This name is reserved for a page of the site; choose another.", code="reserved"
            )
        return username


class ThrottledPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending at most `PASSWORD_RESET_RATE` emails to one address.

    The page after it reads the same whether an email went, the address is unknown or
    its limit is reached, so it gives away neither accounts nor limits.
    """

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs
    ):
        if not PasswordResetEmailThrottle(to_email).allow_email():
            logger.warning("A password-reset email was not sent: the address's limit is reached.")
            return
        super().send_mail(
            subject_template_name, email_template_name, context, from_email, to_email, **kwargs
        )


class AccountDeleteForm(forms.Form):
    """The account's password, asked again before its personal data is erased."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password to delete your account."},
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        kwargs.setdefault("auto_id", "delete-%s")
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password.")
        return password


class ApiTokenForm(forms.Form):
    """A name for a new API token and how long it lasts."""

    NEVER = "never"
    LIFETIMES = [
        (WHILE_USED, f"After {API_TOKEN_IDLE_DAYS} days unused"),
        ("7", "In 7 days"),
        ("30", "In 30 days"),
        ("90", "In 90 days"),
        ("365", "In a year"),
        (NEVER, "Never"),
    ]

    name = forms.CharField(
        label="Name",
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text="What it is for, so you know which to revoke: “casualty figures script”.",
        error_messages={"required": "Name the token: say what it is for."},
    )
    lifetime = forms.ChoiceField(
        label="Expires after",
        choices=LIFETIMES,
        initial=WHILE_USED,
        help_text=(
            f"“After {API_TOKEN_IDLE_DAYS} days unused”: it works as long as a program "
            "uses it. Any token stops working when you revoke it."
        ),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "token-%s")
        super().__init__(*args, **kwargs)

    def days(self) -> int | str | None:
        """How long the token lasts, as `api_token_create` takes it."""
        lifetime = self.cleaned_data["lifetime"]
        if lifetime == self.NEVER:
            return None
        return lifetime if lifetime == WHILE_USED else int(lifetime)
