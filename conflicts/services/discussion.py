"""A proposal's discussion: messages between its author and the reviewers.

A reviewer's request for changes also opens the thread (`reviews.proposal_request_changes`);
here anyone who may take part (`permissions.comment_on_proposal`) adds to it, at most
`COMMENTS_PER_WINDOW` messages in `COMMENT_WINDOW_SECONDS`, so that nobody floods a thread
or the notifications of the people in it.
"""

from __future__ import annotations

import math
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from conflicts import permissions
from conflicts.limits import COMMENT_MAX_LENGTH, COMMENT_WINDOW_SECONDS, COMMENTS_PER_WINDOW
from conflicts.models import Proposal, ProposalComment
from conflicts.services.errors import RateLimited
from conflicts.services.written import written_text
from notifications import events


def proposal_comment_add(*, proposal: Proposal, user, text: str) -> ProposalComment:
    """Add `user`'s message to `proposal`'s discussion; the others in it are told once it
    commits.

    Raises PermissionDenied when `user` may not take part, ValidationError for an empty
    or overlong text, RateLimited when `user` has written too much just now.
    """
    permissions.comment_on_proposal.require(user, proposal)
    text = written_text(
        text,
        "text",
        what="comment",
        max_length=COMMENT_MAX_LENGTH,
        missing="Write something to post.",
    )
    _within_rate(user)
    with transaction.atomic():
        comment = ProposalComment.objects.create(proposal=proposal, author=user, text=text)
        events.proposal_commented(comment)
    return comment


def _within_rate(user) -> None:
    window = timedelta(seconds=COMMENT_WINDOW_SECONDS)
    recent = list(
        ProposalComment.objects.filter(author=user, created_at__gt=timezone.now() - window)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:COMMENTS_PER_WINDOW]
    )
    if len(recent) < COMMENTS_PER_WINDOW:
        return
    wait = math.ceil((recent[-1] + window - timezone.now()).total_seconds())
    minutes = max(1, math.ceil(wait / 60))
    raise RateLimited(
        f"You have posted {COMMENTS_PER_WINDOW} comments in the last "
        f"{COMMENT_WINDOW_SECONDS // 60} minutes; post again in {minutes} "
        f"minute{'s' if minutes != 1 else ''}. Your text is kept below.",
        retry_after=max(1, wait),
    )
