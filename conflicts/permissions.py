"""Who may do what: the one place that answers "may this user …?".

Every rule is a pure function of a user and, where it matters, the object acted on: no
request, and no query but the user's role (`accounts.roles`) and whether a reviewer blocked
the account (`governance.selectors.active_block`), both cached on the user, and, for an
article, whether it is protected (cached on the article). A rule a block or a protection
refuses says so, with its reason and end (`Rule.refusal_for`). Pages,
templates (`{% may %}`), the API and the services all ask here; the services insist
(`Rule.require`), the pages use the answers to offer an action or hide it.

A rule answers *who*. Whether an object's state allows an action now (a proposal still
pending) is decided by the service, inside its transaction; `proposal_actions` combines
both for a page that offers buttons.

Visibility comes first: a proposal a user may not see is no page at all to them (404 on
every route and action), so that its existence is not given away; a refusal (403) is
only ever given about a proposal the user may see.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from accounts.roles import is_oversight, is_reviewer
from conflicts.models import Article, Proposal
from governance.selectors import active_block, active_protection, approved_proposal_count


class Rule:
    """One "may this user …?" question. `rule(user, *objects)` answers it, True or False;
    `rule.require(user, *objects)` insists, raising PermissionDenied with the refusal.

    `explain(user, *objects)`, when given, says why in the case at hand (a block, a
    protection), or None to fall back on `refusal`."""

    def __init__(self, test: Callable[..., bool], refusal: str, explain=None):
        self._test = test
        self.refusal = refusal
        self._explain = explain
        functools.update_wrapper(self, test)

    def __call__(self, user, *objects) -> bool:
        return self._test(user, *objects)

    def refusal_for(self, user, *objects) -> str:
        """Why `user` is refused: what `explain` says of the case, else `refusal`."""
        explained = self._explain(user, *objects) if self._explain else None
        return explained or self.refusal

    def require(self, user, *objects) -> None:
        if not self(user, *objects):
            raise PermissionDenied(self.refusal_for(user, *objects))


def _rule(refusal: str, *, explain=None) -> Callable[[Callable[..., bool]], Rule]:
    return lambda test: Rule(test, refusal, explain)


def _block_refusal(user, *objects) -> str | None:
    block = active_block(user)
    return block.refusal if block is not None else None


def _unconfirmed(user) -> bool:
    return getattr(user, "email_confirmation_pending", False)


def _proposer_refusal(user, *objects) -> str | None:
    """Why a signed-in account may not propose: its block, or its unconfirmed address."""
    if _unconfirmed(user):
        return (
            "Confirm your e-mail address first: follow the link we sent to it, or ask for a "
            "new one on your account's page."
        )
    return _block_refusal(user)


def _signed_in(user) -> bool:
    return user.is_authenticated and user.is_active


def _is_author(user, proposal: Proposal) -> bool:
    return _signed_in(user) and proposal.author_id == user.pk


def _unblocked(user) -> bool:
    return active_block(user) is None


# --- Proposals ------------------------------------------------------------------------------


def proposals_visible_to(user) -> Q:
    """The proposals `user` may see, as a filter on Proposal querysets: its author and
    reviewers see a proposal in any state, anyone an approved one (its content is
    published). To everyone else the others do not exist."""
    if is_reviewer(user):
        return Q()
    approved = Q(status=Proposal.Status.APPROVED)
    if not _signed_in(user):
        return approved
    return approved | Q(author=user)


@_rule("Only its author and reviewers see a proposal before it is approved.")
def see_proposal(user, proposal: Proposal) -> bool:
    """One proposal, as `proposals_visible_to` filters many: what a page shows of it, and
    whom a notification about it may reach."""
    return (
        proposal.status == Proposal.Status.APPROVED
        or _is_author(user, proposal)
        or is_reviewer(user)
    )


@_rule("Sign in to propose a correction.", explain=_proposer_refusal)
def propose(user) -> bool:
    """Every signed-in account proposes corrections once its e-mail address is confirmed
    (accounts made at sign-up wait for that), unless a reviewer blocked it."""
    return _signed_in(user) and not _unconfirmed(user) and _unblocked(user)


def _protection_refusal(user, article) -> str | None:
    return _proposer_refusal(user) or getattr(active_protection(article), "refusal", None)


@_rule("Sign in to propose a correction.", explain=_protection_refusal)
def propose_to(user, article: Article) -> bool:
    """Propose a change to `article`: as `propose`, unless a reviewer protected it. Under
    semi-protection established accounts (`settings.PROTECTION_ACCOUNT_AGE` old, with
    `PROTECTION_APPROVED_PROPOSALS` approved) and reviewers still may; under full
    protection nobody."""
    if not propose(user):
        return False
    protection = active_protection(article)
    if protection is None:
        return True
    if protection.level == protection.Level.FULL:
        return False
    return is_reviewer(user) or (
        timezone.now() - user.date_joined >= settings.PROTECTION_ACCOUNT_AGE
        and approved_proposal_count(user) >= settings.PROTECTION_APPROVED_PROPOSALS
    )


@_rule("Only reviewers can rename articles.")
def rename_articles(user) -> bool:
    """Give an article another title, and so another address; the old one redirects."""
    return is_reviewer(user)


@_rule("Only the oversight group can hide revisions.")
def suppress_revisions(user) -> bool:
    """Hide a revision's content, summary or author from everyone else, or show it again;
    and see what is hidden."""
    return is_oversight(user)


@_rule("Only reviewers can delete, restore or merge articles.")
def delete_articles(user) -> bool:
    """Delete an article (readers get 410 for it), restore it, or merge it into another."""
    return is_reviewer(user)


@_rule("Only reviewers can protect articles.")
def protect_articles(user) -> bool:
    """Protect an article from proposals for a while, or lift its protection."""
    return is_reviewer(user)


@_rule("Sign in to follow your proposals.")
def follow_proposals(user) -> bool:
    """Every signed-in account lists its own proposals (reviewers everyone's: `review`)."""
    return _signed_in(user)


@_rule("Only reviewers can see every proposal.")
def review(user) -> bool:
    """Whether `user` works the review queue, and so sees every proposal, anyone's."""
    return is_reviewer(user)


@_rule("Only the author can change a proposal.", explain=_block_refusal)
def change_proposal(user, proposal: Proposal) -> bool:
    """Update or rework it: its author alone, unblocked."""
    return _is_author(user, proposal) and _unblocked(user)


@_rule("Only the author can withdraw a proposal.")
def withdraw_proposal(user, proposal: Proposal) -> bool:
    return _is_author(user, proposal)


@_rule("Only reviewers can approve proposals, and never their own.")
def approve_proposal(user, proposal: Proposal) -> bool:
    return is_reviewer(user) and not _is_author(user, proposal)


@_rule("Only reviewers can reject proposals, and never their own.")
def reject_proposal(user, proposal: Proposal) -> bool:
    return is_reviewer(user) and not _is_author(user, proposal)


@_rule("Only reviewers can ask for changes, and never on their own proposals.")
def request_changes(user, proposal: Proposal) -> bool:
    """Return a pending proposal to its author with a message, without rejecting it."""
    return is_reviewer(user) and not _is_author(user, proposal)


@_rule(
    "Only its author and reviewers take part in a proposal's discussion.", explain=_block_refusal
)
def comment_on_proposal(user, proposal: Proposal) -> bool:
    """The thread is between the author and the reviewers, whatever the proposal's state
    (a rejected one may still be talked over); readers of an approved one only read it.
    A blocked account only reads it."""
    return (_is_author(user, proposal) or is_reviewer(user)) and _unblocked(user)


@dataclass(frozen=True)
class ProposalActions:
    """What a proposal's page offers `user` now: each rule, and the proposal's state."""

    approve: bool
    request_changes: bool
    reject: bool
    change: bool
    withdraw: bool
    comment: bool
    # Why the proposal's author or a reviewer may not act on it: their block; else "".
    blocked: str = ""


def proposal_actions(user, proposal: Proposal) -> ProposalActions:
    """The actions `user` may take on `proposal` in its current state (the services check
    the state again under a lock)."""
    takes_part = _is_author(user, proposal) or is_reviewer(user)
    return ProposalActions(
        approve=proposal.status == Proposal.Status.PENDING and approve_proposal(user, proposal),
        request_changes=(
            proposal.status == Proposal.Status.PENDING and request_changes(user, proposal)
        ),
        reject=proposal.is_open and reject_proposal(user, proposal),
        change=proposal.is_open and change_proposal(user, proposal),
        withdraw=proposal.is_open and withdraw_proposal(user, proposal),
        comment=comment_on_proposal(user, proposal),
        blocked=(_block_refusal(user) or "") if takes_part else "",
    )


# --- Articles and people ---------------------------------------------------------------------


@_rule("Only reviewers can revert an article.")
def revert_article(user) -> bool:
    return is_reviewer(user)


@_rule("Sign in to watch articles.")
def watch_articles(user) -> bool:
    """Every signed-in account may watch articles, and is told of what concerns it."""
    return _signed_in(user)


@_rule("Only editors see import notes.")
def see_import_notes(user) -> bool:
    """What the importer could not place is for editors to act on, not for readers."""
    return _signed_in(user)


@_rule("Only reviewers can dismiss what the checks found.")
def dismiss_finding(user) -> bool:
    """Take a worklist item for no slip: it leaves the worklist until its evidence changes."""
    return is_reviewer(user)


@_rule("Only reviewers can block accounts.")
def block_users(user) -> bool:
    """Block an account from proposing and commenting, or lift a block."""
    return is_reviewer(user)


@_rule("Only administrators can change who reviews.")
def manage_roles(user) -> bool:
    """Grant or remove the reviewer role: the site's administrators (superusers)."""
    return _signed_in(user) and user.is_superuser


@_rule("Only reviewers can add, prefer or withdraw another figure.")
def weigh_figures(user) -> bool:
    """Give a field another figure from another source, make one the preferred figure, or
    withdraw one: each is a reviewer's judgement of sources, as approving is."""
    return is_reviewer(user)


@_rule("Only its owner can delete an account.")
def delete_account(user, account) -> bool:
    """Erase an account's personal data: its owner alone decides."""
    return _signed_in(user) and user.pk == account.pk


@_rule("Only its owner makes, sees and revokes an account's API tokens.")
def manage_tokens(user, account) -> bool:
    """An account's API tokens are its owner's alone on the site: nobody else lists or
    revokes them there (staff can revoke them in the admin, for a compromised account)."""
    return _signed_in(user) and user.pk == account.pk


@_rule("Only its author and reviewers see what someone proposed.")
def see_proposals_of(user, author) -> bool:
    """Whether `user` sees the list of `author`'s proposals (their profile's, for one)."""
    return (_signed_in(user) and user.pk == author.pk) or is_reviewer(user)


RULES: dict[str, Rule] = {
    name: value for name, value in list(globals().items()) if isinstance(value, Rule)
}
