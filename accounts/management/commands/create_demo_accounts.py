"""`manage.py create_demo_accounts [--reset]`: an editor and a reviewer for the local demo."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from accounts.services import demo_accounts_ensure


class Command(BaseCommand):
    help = (
        "Create the demo accounts `editor` and `reviewer` with random passwords, shown once. "
        "Only with DEBUG on; running it again leaves existing accounts alone unless --reset."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Give existing demo accounts new random passwords and show them.",
        )

    def handle(self, *args, reset, **options):
        # Well-known usernames with passwords printed to a terminal are for a laptop only.
        if not settings.DEBUG:
            raise CommandError("Demo accounts are never created with DEBUG off.")
        accounts = demo_accounts_ensure(reset=reset)
        existing = [account for account in accounts if account.password is None]
        shown = [account for account in accounts if account.password is not None]
        if existing:
            names = " and ".join(f"“{account.username}”" for account in existing)
            verb = "exists" if len(existing) == 1 else "exist"
            self.stdout.write(
                f"Demo account{'s' if len(existing) > 1 else ''} {names} already {verb}; "
                "`manage.py create_demo_accounts --reset` gives "
                f"{'it a new password' if len(existing) == 1 else 'them new passwords'}."
            )
        if shown:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo accounts (sign in at {reverse('login')}; "
                    "these passwords are shown only now):"
                )
            )
            for account in shown:
                self.stdout.write(
                    f"    username: {account.username:<9} password: {account.password}"
                    f"    ({_ROLES[account.role]})"
                )


_ROLES = {"editor": "proposes changes", "reviewer": "proposes, approves and rejects changes"}
