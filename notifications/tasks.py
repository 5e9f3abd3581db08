"""Work that follows a commit, run by a worker (`manage.py db_worker`) out of the request."""

from django_tasks import task

from notifications import services


@task()
def proposal_submitted(proposal_id: int) -> None:
    services.proposal_submitted_notify(proposal_id)


@task()
def proposal_decided(proposal_id: int) -> None:
    services.proposal_decided_notify(proposal_id)


@task()
def revision_published(revision_id: int) -> None:
    services.revision_published_notify(revision_id)


@task()
def proposal_commented(comment_id: int) -> None:
    services.proposal_commented_notify(comment_id)
