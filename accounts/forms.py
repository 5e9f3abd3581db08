"""The sign-up form."""

from django import forms
from django.contrib.auth.forms import UserCreationForm

from accounts.models import User

# Paths under /accounts/ that are not user pages: an account with one of these names
# would have a page nobody could open.
RESERVED_USERNAMES = frozenset(
    {"login", "logout", "signup", "password_change", "password_reset", "reset"}
)


class SignupForm(UserCreationForm):
    """Username, optional email and a password checked by the site's password validators."""

    email = forms.EmailField(
        label="Email (optional)",
        required=False,
        help_text="Never shown to anyone else.",
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
