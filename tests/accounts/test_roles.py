"""The reviewers group and who counts as a reviewer."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser, Group
from django.db import connection

from accounts.roles import REVIEWERS_GROUP, is_reviewer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

reviewers_migration = importlib.import_module("accounts.migrations.0002_reviewers_group")


def test_the_reviewers_group_exists_after_migrating():
    assert Group.objects.filter(name=REVIEWERS_GROUP).exists()


def test_the_reviewers_migration_can_run_twice_and_be_reversed():
    schema_editor = SimpleNamespace(connection=connection)

    reviewers_migration.create_reviewers_group(apps, schema_editor)
    assert Group.objects.filter(name=REVIEWERS_GROUP).count() == 1

    reviewers_migration.delete_reviewers_group(apps, schema_editor)
    assert not Group.objects.filter(name=REVIEWERS_GROUP).exists()


def make_reviewer(**fields):
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    return user


@pytest.mark.parametrize(
    ("make_user", "expected"),
    [
        pytest.param(lambda: UserFactory(), False, id="editor"),
        pytest.param(lambda: make_reviewer(), True, id="reviewer"),
        pytest.param(lambda: UserFactory(is_superuser=True), True, id="superuser"),
        pytest.param(lambda: AnonymousUser(), False, id="anonymous"),
        pytest.param(lambda: make_reviewer(is_active=False), False, id="inactive reviewer"),
        pytest.param(lambda: UserFactory(is_staff=True), False, id="staff editor"),
    ],
)
def test_only_active_members_of_the_reviewers_group_and_superusers_review(make_user, expected):
    assert is_reviewer(make_user()) is expected
