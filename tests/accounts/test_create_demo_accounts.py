"""`manage.py create_demo_accounts`: an editor and a reviewer for the local demo only."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from accounts.roles import is_reviewer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("create_demo_accounts", *args, stdout=out)
    return out.getvalue()


def printed_passwords(output: str) -> dict[str, str]:
    return dict(re.findall(r"username: (\w+)\s+password: (\S+)", output))


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


@pytest.mark.usefixtures("debug_on")
def test_with_debug_on_it_creates_an_editor_and_a_reviewer_and_prints_their_passwords():
    passwords = printed_passwords(run())

    assert set(passwords) == {"editor", "reviewer"}
    editor, reviewer = User.objects.get(username="editor"), User.objects.get(username="reviewer")
    assert editor.check_password(passwords["editor"])
    assert reviewer.check_password(passwords["reviewer"])
    assert passwords["editor"] != passwords["reviewer"]
    assert not is_reviewer(editor)
    assert is_reviewer(reviewer)
    assert not reviewer.is_staff
    assert not reviewer.is_superuser


@pytest.mark.usefixtures("debug_on")
def test_a_second_run_says_the_accounts_exist_and_keeps_their_passwords():
    passwords = printed_passwords(run())

    output = run()

    assert output.count("\n") == 1
    assert "already exist" in output
    assert "--reset" in output
    assert printed_passwords(output) == {}
    assert User.objects.get(username="editor").check_password(passwords["editor"])
    assert User.objects.filter(username__in=["editor", "reviewer"]).count() == 2


@pytest.mark.usefixtures("debug_on")
def test_reset_gives_existing_accounts_new_passwords_and_prints_them():
    old = printed_passwords(run())

    new = printed_passwords(run("--reset"))

    assert set(new) == {"editor", "reviewer"}
    for username, password in new.items():
        assert password != old[username]
        assert User.objects.get(username=username).check_password(password)


@pytest.mark.usefixtures("debug_on")
def test_an_existing_reviewer_account_is_made_a_reviewer_and_the_missing_editor_created():
    UserFactory(username="reviewer")

    output = run()

    assert set(printed_passwords(output)) == {"editor"}
    assert "“reviewer” already exists" in output
    assert is_reviewer(User.objects.get(username="reviewer"))


def test_with_debug_off_it_refuses_and_creates_nothing(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="never created with DEBUG off"):
        run()

    assert not User.objects.filter(username__in=["editor", "reviewer"]).exists()
