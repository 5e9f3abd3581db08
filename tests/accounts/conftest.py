"""People for the accounts tests: a reviewer and a second editor besides `editor`."""

import pytest
from django.contrib.auth.models import Group

from accounts.roles import REVIEWERS_GROUP
from tests.factories import UserFactory


@pytest.fixture
def reviewer(db):
    user = UserFactory(username="rokia")
    user.groups.add(Group.objects.get_or_create(name=REVIEWERS_GROUP)[0])
    return user


@pytest.fixture
def other_editor(db):
    return UserFactory(username="moussa")
