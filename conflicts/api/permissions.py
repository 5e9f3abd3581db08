"""DRF permissions that ask `conflicts.permissions` about the requester.

DRF answers 401 to a request that is not signed in and 403 to a signed-in user the rule
refuses, with the rule's own sentence.
"""

from rest_framework.permissions import BasePermission

from conflicts import permissions
from conflicts.permissions import Rule


class _Asks(BasePermission):
    rule: Rule
    message = ""

    def has_permission(self, request, view) -> bool:
        allowed = self.rule(request.user)
        if not allowed:
            self.message = self.rule.refusal_for(request.user)
        return allowed


class MayPropose(_Asks):
    rule = permissions.propose


class MayFollowProposals(_Asks):
    rule = permissions.follow_proposals


class MayDismiss(_Asks):
    rule = permissions.dismiss_finding


class MayWatch(_Asks):
    rule = permissions.watch_articles


class MayWeighFigures(_Asks):
    rule = permissions.weigh_figures


class MayBlock(_Asks):
    rule = permissions.block_users


class MaySuppress(_Asks):
    rule = permissions.suppress_revisions


class MayDelete(_Asks):
    rule = permissions.delete_articles


class MayProtect(_Asks):
    rule = permissions.protect_articles


class MayRename(_Asks):
    rule = permissions.rename_articles
