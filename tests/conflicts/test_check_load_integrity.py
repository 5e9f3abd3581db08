"""`manage.py check_load_integrity`: every approval a load test recorded, in history once."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from conflicts.services.reviews import proposal_approve
from tests.factories import committed, propose, publish

pytestmark = pytest.mark.django_db

MARKER_KEY = "Load marker"


@pytest.fixture
def approvals_file(tmp_path):
    return tmp_path / "approvals.jsonl"


def correct(article, marker, *, reviewer=None):
    """A proposal of a marker, approved when a reviewer is given; as the file records it."""
    proposal = propose(article, {"infobox": {MARKER_KEY: marker}})
    if reviewer is not None:
        with committed():
            proposal_approve(proposal=proposal, reviewer=reviewer)
    return {"proposal": proposal.pk, "marker": marker}


def check(approvals_file, entries) -> str:
    approvals_file.write_text("".join(json.dumps(entry) + "\n" for entry in entries))
    out = StringIO()
    call_command("check_load_integrity", str(approvals_file), stdout=out, stderr=out)
    return out.getvalue()


def test_approvals_each_in_history_once_pass(approvals_file, reviewer):
    article = publish().article
    entries = [correct(article, f"marker{n}", reviewer=reviewer) for n in range(3)]

    assert "All 3 approvals are in history exactly once." in check(approvals_file, entries)


def test_an_approval_the_database_does_not_have_fails(approvals_file, reviewer):
    article = publish().article
    pending = correct(article, "marker-pending")

    with pytest.raises(CommandError, match="1 of 1 approvals"):
        check(approvals_file, [pending])


def test_a_change_written_twice_fails(approvals_file, reviewer):
    article = publish().article
    first = correct(article, "marker-twice", reviewer=reviewer)
    # Another revision writes the same marker again: the approval is no longer in
    # history once.
    correct(article, "marker-other", reviewer=reviewer)
    correct(article, "marker-twice", reviewer=reviewer)

    with pytest.raises(CommandError, match="1 of 1 approvals"):
        check(approvals_file, [first])
