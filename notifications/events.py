"""What the publishing services report, turned into tasks once their transaction commits.

Called inside the transaction that did the work; nothing is enqueued if it rolls back,
and the enqueueing (one row for the database task backend) is never part of it. A queue
that cannot take the task (the database gone the moment after the commit) is logged and
costs the notifications, never the answer to the change that was committed.
"""

from django.db import transaction

from notifications import tasks


def proposal_submitted(proposal) -> None:
    transaction.on_commit(lambda: tasks.proposal_submitted.enqueue(proposal.pk), robust=True)


def proposal_decided(proposal) -> None:
    transaction.on_commit(lambda: tasks.proposal_decided.enqueue(proposal.pk), robust=True)


def revision_published(revision) -> None:
    transaction.on_commit(lambda: tasks.revision_published.enqueue(revision.pk), robust=True)


def proposal_commented(comment) -> None:
    transaction.on_commit(lambda: tasks.proposal_commented.enqueue(comment.pk), robust=True)
