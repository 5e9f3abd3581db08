"""REST endpoints. Thin: selectors read, services decide, serializers shape JSON."""

from __future__ import annotations

import math
import zlib

from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.cache import add_never_cache_headers, get_conditional_response
from django.utils.http import http_date
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers as drf_serializers
from rest_framework import status, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.exceptions import NotAuthenticated, NotFound, PermissionDenied
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.utils.urls import remove_query_param

from accounts import selectors as account_selectors
from accounts.models import API_TOKENS_PER_USER, ApiToken, User
from accounts.tokens import WHILE_USED, api_token_create, api_token_revoke
from conflicts import limits, paging, permissions, selectors, visibility
from conflicts.api import serializers as s
from conflicts.api.filters import ArticleFilter, ProposalFilter
from conflicts.api.pagination import ArticlePagination, Pagination, RevisionCursorPagination
from conflicts.api.parsers import JSONParser
from conflicts.api.permissions import (
    MayBlock,
    MayDelete,
    MayDismiss,
    MayFollowProposals,
    MayPropose,
    MayProtect,
    MayRename,
    MaySuppress,
    MayWatch,
    MayWeighFigures,
)
from conflicts.api.throttling import TokenThrottle
from conflicts.models import Article, Proposal
from conflicts.services import blame as blame_services
from conflicts.services import discussion, reviews
from conflicts.services import proposals as proposal_services
from facts import selectors as facts_selectors
from facts.models import FieldClaim, WorklistItem
from facts.services import claims as claim_services
from facts.services import refresh as facts_refresh
from governance import selectors as governance_selectors
from governance import services as governance_services
from governance.models import LogEntry
from notifications import selectors as notification_selectors
from notifications import services as notification_services
from notifications.models import Notification

# Every failure is `{"detail": …}`; a 400 adds `errors` by field, a 409 may add `conflicts`.
_ERROR_SHAPES = {400: s.ValidationErrorSerializer, 409: s.ConflictErrorSerializer}
_ERRORS = {
    code: OpenApiResponse(_ERROR_SHAPES.get(code, s.ErrorSerializer), description=description)
    for code, description in {
        400: "The request is not valid; `errors` lists the problems by field.",
        401: "Sign in first: send `Authorization: Token <token>`.",
        403: "Your account may not do this.",
        404: "No such article, revision, proposal or page (or not yours to see).",
        409: (
            "The proposal is not pending, or conflicts with changes published since; or the "
            "worklist item is dismissed already."
        ),
        413: "The body is larger than any request needs (`conflicts.limits`); it was not read.",
        429: "Too many requests; retry after the `Retry-After` header's seconds.",
        503: "The database is briefly unavailable; retry after the `Retry-After` header's seconds.",
    }.items()
}


def _revisions_page_redirect(request, paginator, current):
    """A redirect from the page-numbered revisions URL to the cursor one for the same
    revisions (the oldest page for a page past the end)."""
    page = request.query_params["page"]
    size = paginator.get_page_size(request)
    newest = current.number if current else 0
    # Page N started (N - 1) pages below the newest revision; past the end, the last page.
    number = min(int(page) if paging.is_page_number(page) else 1, math.ceil(newest / size))
    if number <= 1:
        return HttpResponseRedirect(remove_query_param(request.build_absolute_uri(), "page"))
    before = newest - (number - 1) * size + 1
    return HttpResponseRedirect(paginator.cursor_url_before(request, before))


def _errors(*codes):
    # Any request may be throttled, or meet the database down.
    return {code: _ERRORS[code] for code in (*codes, 429, 503)}


# A proposal's routes let every request through to the view, so that one the requester
# may not see answers 404 (`ProposalViewSet._visible`); its actions still need an
# account, which the schema would not show by itself.
_SIGNED_IN = [{"tokenAuth": []}, {"cookieAuth": []}]


class _CompareQuery(drf_serializers.Serializer):
    def get_fields(self):
        # `from` is a Python keyword, so the fields cannot be declared as attributes.
        return {"from": drf_serializers.IntegerField(), "to": drf_serializers.IntegerField()}


class _ReadOrWeighFigures(MayWeighFigures):
    """Anyone reads an article's figures; reviewers add them. A method the route does not
    take goes through, to be answered 405."""

    def has_permission(self, request, view) -> bool:
        return request.method != "POST" or super().has_permission(request, view)


class ArticleViewSet(viewsets.ReadOnlyModelViewSet):
    """Published articles: only approved content, always."""

    lookup_field = "slug"
    # Any slug reaches the view, which answers an unknown one with a JSON 404; titles
    # in other scripts get Unicode slugs (slugify's allow_unicode fallback).
    lookup_value_regex = "[^/]+"
    filterset_class = ArticleFilter
    serializer_class = s.ArticleListSerializer
    pagination_class = ArticlePagination

    def get_queryset(self):
        return selectors.article_list()

    def get_permissions(self):
        if self.action == "create":
            return [MayPropose()]
        return super().get_permissions()

    @extend_schema(
        summary="Propose a new article",
        description=(
            "The same partial document as a correction, its `title` required. The "
            "proposal waits in the review queue; approval publishes it as revision 1 with "
            "you as its author. A title (or its slug) that a published article has is "
            "refused with that article's address; two proposals of one new title are a "
            "conflict when the second is approved, as any other."
        ),
        request=s.ArticleProposalSerializer,
        responses={201: s.ProposalSerializer, **_errors(400, 401, 403, 413)},
        filters=False,
    )
    def create(self, request):
        payload = s.ArticleProposalSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        proposal = proposal_services.article_propose(
            author=request.user,
            changes=payload.changes(),
            summary=payload.validated_data["summary"],
            source=payload.validated_data["source"],
        )
        data = s.ProposalSerializer(proposal, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="List articles",
        description=(
            "By title unless `ordering` says otherwise (ties broken by id), paged by "
            "cursor: follow `next` and `previous`; every page costs the same, however "
            "deep. With `q`, the matches ranked by relevance instead, paged by `page` "
            f"number up to the first {limits.SEARCH_RESULTS_MAX:,} (a page beyond them is "
            "a 400 saying so); with `q` and `ordering`, every match in that order, paged "
            "by cursor. An old `?page=N` link still gives the same articles. `count` is "
            f"exact up to {limits.ARTICLE_COUNT_EXACT_MAX:,} articles; above that it is "
            "PostgreSQL's planner estimate."
        ),
        responses={
            200: s.ArticleListSerializer(many=True),
            **_errors(400),
            404: OpenApiResponse(
                s.ErrorSerializer,
                description="A page past the end, or a cursor that is not one of this list's.",
            ),
            429: _ERRORS[429],
        },
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="The current version of an article",
        description="Carries `ETag` and `Last-Modified`; a conditional GET answers 304.",
        responses={200: s.CurrentArticleSerializer, 304: None, **_errors(404)},
    )
    def retrieve(self, request, slug=None):
        article = get_object_or_404(selectors.article_reading(), slug=slug)
        (revision,) = visibility.revisions_shown([article.current_revision], request.user)
        return _document(
            request,
            article,
            revision,
            lambda: selectors.article_current_state(article),
            current=True,
        )

    @extend_schema(
        summary="An article's revisions, newest first",
        description=(
            "Paged by cursor: follow `next` and `previous`; every page costs the same. "
            "An old `?page=N` link is redirected to the same revisions."
        ),
        responses={200: s.RevisionSerializer(many=True), **_errors(400, 404)},
        filters=False,
    )
    @action(detail=True, filterset_class=None, pagination_class=RevisionCursorPagination)
    def revisions(self, request, slug=None):
        article = get_object_or_404(
            Article.objects.published().select_related("current_revision"), slug=slug
        )
        current = article.current_revision
        paginator = self.paginator
        if "page" in request.query_params:
            return _revisions_page_redirect(request, paginator, current)
        paginator.count = current.number if current else 0
        page = self.paginate_queryset(selectors.article_history(article))
        visibility.revisions_shown(page, request.user)
        return self.get_paginated_response(s.RevisionSerializer(page, many=True).data)

    @extend_schema(
        summary="The article exactly as of one revision",
        responses={200: s.ArticleDocumentSerializer, 304: None, **_errors(404)},
        parameters=[OpenApiParameter("revision_id", int, OpenApiParameter.PATH)],
        filters=False,
    )
    # Any id reaches the view, so a malformed one gets the JSON 404 as well.
    @action(detail=True, url_path=r"revisions/(?P<revision_id>[^/]+)", filterset_class=None)
    def revision(self, request, slug=None, revision_id=None):
        article = get_object_or_404(Article.objects.published(), slug=slug)
        revision = _revision_or_404(request, article, revision_id)
        visibility.revisions_shown([revision], request.user)
        return _document(request, article, revision, lambda: selectors.revision_state(revision))

    @extend_schema(
        summary="Hide a revision's content, summary or author",
        description=(
            "From everyone outside the oversight group; false shows it again. A hidden "
            "content makes the revision and its compares a 404 to others; hiding the "
            "current revision's content publishes the last visible one again as a new "
            "revision (`published`). Logged. The oversight group only."
        ),
        auth=_SIGNED_IN,
        request=s.VisibilitySerializer,
        responses={200: s.VisibilityResultSerializer, **_errors(400, 401, 403, 404, 413)},
        parameters=[OpenApiParameter("revision_id", int, OpenApiParameter.PATH)],
        filters=False,
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"revisions/(?P<revision_id>[^/]+)/visibility",
        url_name="revision-visibility",
        permission_classes=[MaySuppress],
        filterset_class=None,
    )
    def revision_visibility(self, request, slug=None, revision_id=None):
        article = get_object_or_404(Article.objects.published(), slug=slug)
        revision = _revision_or_404(request, article, revision_id)
        payload = s.VisibilitySerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        published = governance_services.revision_suppress(
            revision=revision, by=request.user, **payload.validated_data
        )
        revision = selectors.revision_get(article, revision.pk)
        result = {"revision": revision, "published": published}
        return Response(s.VisibilityResultSerializer(result).data)

    @extend_schema(
        summary="What changed between two revisions",
        parameters=[
            OpenApiParameter("from", int, required=True, description="The older revision id."),
            OpenApiParameter("to", int, required=True, description="The newer revision id."),
        ],
        responses={200: s.CompareSerializer, **_errors(400, 404)},
        filters=False,
    )
    @action(detail=True, filterset_class=None)
    def compare(self, request, slug=None):
        article = get_object_or_404(Article.objects.published(), slug=slug)
        query = _CompareQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        older = _revision_or_404(request, article, query.validated_data["from"])
        newer = _revision_or_404(request, article, query.validated_data["to"])
        diff = selectors.revisions_diff(older, newer)
        visibility.revisions_shown([older, newer], request.user)
        comparison = {"older": older, "newer": newer, "diff": diff}
        return Response(s.CompareSerializer(comparison).data)

    @extend_schema(
        summary="What the infobox says, read as typed data",
        description=(
            "Each infobox field of the current version with its kind (`dates`, `figures`, "
            "`parties` or `text`), the side its key numbers, and `data`: dates with their "
            "precision, counts per category as low–high ranges with their attribution, "
            "names with their markers (KIA, POW). `data` is null where a value of a typed "
            "kind could not be read (it stays as text; `unread` counts them). Read by the "
            "task worker a moment after each publish: `revision` is the version read."
        ),
        responses={200: s.ArticleFactsSerializer, **_errors(404)},
        filters=False,
    )
    @action(detail=True, filterset_class=None, pagination_class=None)
    def facts(self, request, slug=None):
        article = get_object_or_404(Article.objects.published(), slug=slug)
        facts = facts_selectors.article_facts(article)
        read = {
            "revision": facts[0].revision_id if facts else None,
            "facts": facts,
            "unread": sum(fact.unread for fact in facts),
        }
        return Response(s.ArticleFactsSerializer(read).data)

    @extend_schema(
        methods=["GET"],
        summary="Other figures of the article's fields",
        description=(
            "Every figure given for the article's infobox fields beside their values, "
            "oldest first: open ones, and those since made the preferred figure or "
            "withdrawn (`status`), kept as the record of what was weighed."
        ),
        # Anyone reads them; the permission that lets reviewers write is not one the
        # schema generator knows to be open for reading.
        auth=[{}],
        responses={200: s.FieldClaimSerializer(many=True), **_errors(404)},
        filters=False,
    )
    @extend_schema(
        methods=["POST"],
        summary="Give a field another figure",
        description=(
            "Adds a figure from another source to one of the article's infobox fields; the "
            "field's value stays the preferred figure. Reviewers only."
        ),
        auth=_SIGNED_IN,
        request=s.ClaimCreateSerializer,
        responses={201: s.FieldClaimSerializer, **_errors(400, 401, 403, 404, 413)},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        filterset_class=None,
        pagination_class=None,
        permission_classes=[_ReadOrWeighFigures],
    )
    def claims(self, request, slug=None):
        article = get_object_or_404(Article.objects.published(), slug=slug)
        if request.method == "GET":
            claims = facts_selectors.article_claims(article)
            return Response(s.FieldClaimSerializer(claims, many=True).data)
        payload = s.ClaimCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        claim = claim_services.field_claim_add(
            article=article, user=request.user, **payload.validated_data
        )
        return Response(s.FieldClaimSerializer(claim).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Rename an article",
        description=(
            "Publishes the new title as a revision by the reviewer, the reason in its "
            "summary; the slug follows the title, and every address under the old slug, "
            "on the site and in the API, redirects to the new one for good (301; 308 for "
            "writes). Logged. Reviewers only."
        ),
        auth=_SIGNED_IN,
        request=s.RenameSerializer,
        responses={200: s.RenameResultSerializer, **_errors(400, 401, 403, 404, 413)},
        filters=False,
    )
    @action(detail=True, methods=["post"], permission_classes=[MayRename], filterset_class=None)
    def rename(self, request, slug=None):
        article = get_object_or_404(Article.objects.published(), slug=slug)
        payload = s.RenameSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        revision = governance_services.article_rename(
            article=article, by=request.user, **payload.validated_data
        )
        renamed = revision.article
        return Response(
            s.RenameResultSerializer(
                {"slug": renamed.slug, "title": renamed.title, "revision": revision}
            ).data
        )

    @extend_schema(
        summary="Delete an article",
        description=(
            "Readers then get 410 Gone, with the reason, at every address of the article, "
            "and no list or search shows it; its history is kept, and `restore` undoes it. "
            "Logged (the deletion log is `/api/log/?action=delete`). Reviewers only; 409 "
            "when it is deleted already."
        ),
        auth=_SIGNED_IN,
        request=s.LiftSerializer,
        responses={200: s.LogEntrySerializer, **_errors(400, 401, 403, 404, 409, 413)},
        filters=False,
    )
    # Not named `delete`: a view's attribute of that name would answer DELETE requests.
    @action(
        detail=True,
        methods=["post"],
        url_path="delete",
        url_name="delete",
        permission_classes=[MayDelete],
        filterset_class=None,
    )
    def delete_article(self, request, slug=None):
        article = get_object_or_404(Article.objects.published(), slug=slug)
        return self._logged(request, governance_services.article_delete, article)

    @extend_schema(
        summary="Restore a deleted or merged article",
        description=(
            "It is read, listed and found again exactly as it was; a merged one no longer "
            "redirects. Logged. Reviewers only; 409 when it is not deleted."
        ),
        auth=_SIGNED_IN,
        request=s.LiftSerializer,
        responses={200: s.LogEntrySerializer, **_errors(400, 401, 403, 404, 409, 413)},
        filters=False,
    )
    @action(detail=True, methods=["post"], permission_classes=[MayDelete], filterset_class=None)
    def restore(self, request, slug=None):
        article = get_object_or_404(
            Article.objects.filter(current_revision__isnull=False), slug=slug
        )
        return self._logged(request, governance_services.article_restore, article)

    def _logged(self, request, act, article) -> Response:
        payload = s.LiftSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        entry = act(article=article, by=request.user, **payload.validated_data)
        return Response(s.LogEntrySerializer(entry).data)

    @extend_schema(
        summary="Merge an article into another",
        description=(
            "What it says that the other (`into`) lacks is proposed into the other for "
            "review, and every address of it redirects to the other's for good (301; 308 "
            "for writes); its history is kept, and `restore` undoes the merge. Logged. "
            "Reviewers only; 409 when either is deleted."
        ),
        auth=_SIGNED_IN,
        request=s.MergeSerializer,
        responses={200: s.MergeResultSerializer, **_errors(400, 401, 403, 404, 409, 413)},
        filters=False,
    )
    @action(detail=True, methods=["post"], permission_classes=[MayDelete], filterset_class=None)
    def merge(self, request, slug=None):
        article = get_object_or_404(Article.objects.published(), slug=slug)
        payload = s.MergeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        into = Article.objects.published().filter(slug=payload.validated_data["into"]).first()
        if into is None:
            raise drf_serializers.ValidationError({"into": ["No published article has that slug."]})
        proposal = governance_services.article_merge(
            article=article, into=into, by=request.user, reason=payload.validated_data["reason"]
        )
        result = {"into": into.slug, "proposal": proposal}
        return Response(s.MergeResultSerializer(result, context={"request": request}).data)

    @extend_schema(
        summary="Protect an article",
        description=(
            "Until `expires_at` (null: until lifted), under `semi` only established "
            "accounts and reviewers may propose changes to it, under `full` nobody; anyone "
            "else is told why (403). Logged. Reviewers only; 409 when it is protected "
            "already."
        ),
        auth=_SIGNED_IN,
        request=s.ProtectCreateSerializer,
        responses={201: s.ProtectionSerializer, **_errors(400, 401, 403, 404, 409, 413)},
        filters=False,
    )
    @action(detail=True, methods=["post"], permission_classes=[MayProtect], filterset_class=None)
    def protect(self, request, slug=None):
        article = get_object_or_404(Article.objects.published(), slug=slug)
        payload = s.ProtectCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        protection = governance_services.article_protect(
            article=article, by=request.user, **payload.validated_data
        )
        return Response(s.ProtectionSerializer(protection).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Lift an article's protection",
        description="With a reason, which the log keeps. Reviewers only; 409 when none.",
        auth=_SIGNED_IN,
        request=s.LiftSerializer,
        responses={200: s.ProtectionSerializer, **_errors(400, 401, 403, 404, 409, 413)},
        filters=False,
    )
    @action(detail=True, methods=["post"], permission_classes=[MayProtect], filterset_class=None)
    def unprotect(self, request, slug=None):
        article = get_object_or_404(Article.objects.published(), slug=slug)
        payload = s.LiftSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        protection = governance_services.article_unprotect(
            article=article, by=request.user, **payload.validated_data
        )
        return Response(s.ProtectionSerializer(protection).data)

    @extend_schema(
        summary="Who wrote each part",
        description=(
            "Each part of the current version (title, lead, coordinates, every infobox "
            "field, section and reference), in reading order, with the revision that gave "
            "it its content: number, author, reviewer, date, summary and the source its "
            "proposal gave. Read from each part's stored origin, brought up to date with "
            "the revisions published since."
        ),
        responses={200: s.ArticleBlameSerializer, **_errors(404)},
        filters=False,
    )
    @action(detail=True, filterset_class=None, pagination_class=None)
    def blame(self, request, slug=None):
        article = get_object_or_404(Article.objects.published(), slug=slug)
        blame_services.article_blame_update(article.pk)
        parts = selectors.article_blame(article)
        visibility.revisions_shown([part.revision for part in parts], request.user)
        read = {"revision": article.current_revision_id, "parts": parts}
        return Response(s.ArticleBlameSerializer(read).data)

    @extend_schema(
        summary="Propose a correction",
        description=(
            "Only the parts given change. The proposal waits for a reviewer; until it is "
            "approved nothing of it is published."
        ),
        request=s.ProposalCreateSerializer,
        responses={201: s.ProposalSerializer, **_errors(400, 401, 404, 413)},
        filters=False,
    )
    @action(
        detail=True,
        methods=["post"],
        url_path="proposals",
        permission_classes=[MayPropose],
        filterset_class=None,
    )
    def propose(self, request, slug=None):
        article = get_object_or_404(Article.objects.published(), slug=slug)
        payload = s.ProposalCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        base = _posted_revision(article, payload)
        proposal = proposal_services.proposal_create(
            article=article,
            author=request.user,
            changes=payload.changes(),
            base_revision=base,
            summary=payload.validated_data["summary"],
            source=payload.validated_data["source"],
        )
        data = s.ProposalSerializer(proposal, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Watch an article, or stop",
        description=(
            "GET says whether you watch the article; PUT watches it (each new revision "
            "notifies you), DELETE stops. Proposing a correction watches it too."
        ),
        request=None,
        responses={200: s.WatchSerializer, **_errors(401, 404)},
        filters=False,
    )
    @action(
        detail=True,
        methods=["get", "put", "delete"],
        permission_classes=[MayWatch],
        filterset_class=None,
        pagination_class=None,
    )
    def watch(self, request, slug=None):
        article = get_object_or_404(Article.objects.published(), slug=slug)
        if request.method == "PUT":
            notification_services.article_watch(user=request.user, article=article)
        elif request.method == "DELETE":
            notification_services.article_unwatch(user=request.user, article=article)
        watching = notification_selectors.is_watching(request.user, article)
        return Response(s.WatchSerializer({"watching": watching}).data)


class WorklistViewSet(viewsets.GenericViewSet):
    """What the checks suspect in the published articles: the worklist page's items."""

    serializer_class = s.WorklistItemSerializer
    permission_classes = [AllowAny]
    pagination_class = Pagination
    queryset = WorklistItem.objects.none()  # for the schema; requests use the selector

    @extend_schema(
        summary="The worklist",
        description=(
            "Suspected slips in the published articles, newest first: each names its "
            "article by slug and title, the check, the evidence (the passages, linked) and "
            "the fix where the check can tell. The checks run after every publish."
        ),
        parameters=[s.WorklistQuerySerializer],
        responses={200: s.WorklistItemSerializer(many=True), **_errors(400, 404)},
    )
    def list(self, request):
        query = s.WorklistQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        items = facts_selectors.worklist(
            check=query.validated_data.get("check", ""),
            article_slug=query.validated_data.get("article", ""),
            dismissed=query.validated_data["dismissed"],
        )
        page = self.paginate_queryset(items)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        summary="Dismiss a worklist item",
        description=(
            "A reviewer takes the item for no slip, with a reason: it leaves the worklist "
            "until the passages it quotes change. Reviewers only."
        ),
        auth=_SIGNED_IN,
        request=s.DismissSerializer,
        responses={200: s.WorklistItemSerializer, **_errors(400, 401, 403, 404, 409, 413)},
    )
    @action(detail=True, methods=["post"], permission_classes=[MayDismiss])
    def dismiss(self, request, pk=None):
        item = facts_selectors.worklist_item_get(pk)
        if item is None:
            raise NotFound("No such worklist item.")
        payload = s.DismissSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        item = facts_refresh.worklist_item_dismiss(
            item, reviewer=request.user, **payload.validated_data
        )
        return Response(self.get_serializer(item).data)


class ClaimViewSet(viewsets.GenericViewSet):
    """Another figure of an article's field: read it, make it preferred, or withdraw it."""

    serializer_class = s.FieldClaimSerializer
    permission_classes = [AllowAny]
    queryset = FieldClaim.objects.select_related("added_by", "retired_by")

    @extend_schema(summary="One figure", responses={200: s.FieldClaimSerializer, **_errors(404)})
    def retrieve(self, request, pk=None):
        return Response(self.get_serializer(self._claim(pk)).data)

    @extend_schema(
        summary="Make a figure the preferred one",
        description=(
            "Publishes a revision, by the reviewer, in which the field reads this figure "
            "citing its source; the value it read becomes another figure, with the sources "
            "it cited. 409 when the figure is no longer open or the field is gone. "
            "Reviewers only."
        ),
        auth=_SIGNED_IN,
        request=s.PreferSerializer,
        responses={200: s.PreferResultSerializer, **_errors(400, 401, 403, 404, 409, 413)},
    )
    @action(detail=True, methods=["post"], permission_classes=[MayWeighFigures])
    def prefer(self, request, pk=None):
        claim = self._claim(pk)
        payload = s.PreferSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        revision = claim_services.field_claim_prefer(
            claim=claim, reviewer=request.user, **payload.validated_data
        )
        claim.refresh_from_db()
        return Response(s.PreferResultSerializer({"claim": claim, "revision": revision}).data)

    @extend_schema(
        summary="Withdraw a figure",
        description=(
            "Takes the figure off its field, with a reason; it is kept, withdrawn. 409 when "
            "it is no longer open. Reviewers only."
        ),
        auth=_SIGNED_IN,
        request=s.WithdrawSerializer,
        responses={200: s.FieldClaimSerializer, **_errors(400, 401, 403, 404, 409, 413)},
    )
    @action(detail=True, methods=["post"], permission_classes=[MayWeighFigures])
    def withdraw(self, request, pk=None):
        claim = self._claim(pk)
        payload = s.WithdrawSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        claim = claim_services.field_claim_withdraw(
            claim=claim, reviewer=request.user, **payload.validated_data
        )
        return Response(self.get_serializer(claim).data)

    def _claim(self, pk) -> FieldClaim:
        pk = selectors.row_id(pk)
        claim = None if pk is None else self.get_queryset().filter(pk=pk).first()
        if claim is None:
            raise NotFound("No such figure.")
        return claim


class LogViewSet(viewsets.GenericViewSet):
    """The audit log of governance actions: the log page's entries."""

    serializer_class = s.LogEntrySerializer
    permission_classes = [AllowAny]
    pagination_class = Pagination
    queryset = LogEntry.objects.none()  # for the schema; requests use the selector

    @extend_schema(
        summary="The log",
        description=(
            "Every governance action, newest first (role changes, reverts, undos), with "
            "who, when, what and why; narrowed by `action`, `actor`, `article` and `user`."
        ),
        parameters=[s.LogQuerySerializer],
        responses={200: s.LogEntrySerializer(many=True), **_errors(400, 404)},
    )
    def list(self, request):
        query = s.LogQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        page = self.paginate_queryset(governance_selectors.log_entries(**query.validated_data))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class UserViewSet(viewsets.GenericViewSet):
    """Accounts, by username: what reviewers do to them."""

    lookup_field = "username"
    lookup_value_regex = "[^/]+"
    serializer_class = s.BlockSerializer
    permission_classes = [MayBlock]
    queryset = User.objects.all()

    @extend_schema(
        summary="Block an account",
        description=(
            "Until `expires_at` (null: until lifted) the account may not propose or "
            "comment, and is told why and until when on every refused action (403); its "
            "last address may not sign up again for up to a week. Logged. Reviewers only; "
            "409 for a reviewer, oneself, or an account blocked already."
        ),
        auth=_SIGNED_IN,
        request=s.BlockCreateSerializer,
        responses={201: s.BlockSerializer, **_errors(400, 401, 403, 404, 409, 413)},
    )
    @action(detail=True, methods=["post"])
    def block(self, request, username=None):
        payload = s.BlockCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        block = governance_services.user_block(
            user=self._user(username), by=request.user, **payload.validated_data
        )
        return Response(s.BlockSerializer(block).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Lift an account's block",
        description="With a reason, which the log keeps. Reviewers only; 409 when none.",
        auth=_SIGNED_IN,
        request=s.LiftSerializer,
        responses={200: s.BlockSerializer, **_errors(400, 401, 403, 404, 409, 413)},
    )
    @action(detail=True, methods=["post"])
    def unblock(self, request, username=None):
        payload = s.LiftSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        block = governance_services.user_unblock(
            user=self._user(username), by=request.user, **payload.validated_data
        )
        return Response(s.BlockSerializer(block).data)

    def _user(self, username) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise NotFound("No such account.")
        return user


class NotificationViewSet(viewsets.GenericViewSet):
    """The signed-in user's notifications, newest first; nobody sees another's."""

    serializer_class = s.NotificationSerializer
    permission_classes = [MayWatch]
    pagination_class = Pagination
    queryset = Notification.objects.none()  # for the schema; requests use get_queryset()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return notification_selectors.notification_list(self.request.user)

    @extend_schema(
        summary="Your notifications",
        description=(
            "Newest first: your proposals approved, rejected or in conflict; revisions "
            "of articles you watch; for reviewers, proposals awaiting review."
        ),
        responses={200: s.NotificationSerializer(many=True), **_errors(400, 401, 404)},
    )
    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        summary="Mark notifications read",
        description="Those of `ids` (others' ids are ignored), or all when `ids` is left out.",
        request=s.NotificationsReadSerializer,
        responses={200: s.NotificationsReadResultSerializer, **_errors(400, 401, 413)},
    )
    @action(detail=False, methods=["post"], pagination_class=None)
    def read(self, request):
        payload = s.NotificationsReadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        marked = notification_services.notifications_mark_read(
            user=request.user, ids=payload.validated_data.get("ids")
        )
        unread = notification_selectors.unread_count(request.user)
        return Response(
            s.NotificationsReadResultSerializer({"marked": marked, "unread": unread}).data
        )


class ProposalViewSet(viewsets.ReadOnlyModelViewSet):
    """Proposals: an editor sees their own, a reviewer all of them, anyone an approved one.

    A proposal someone may not see answers 404 on every route, for every action and
    whether or not they are signed in, so that its existence is not given away.
    """

    lookup_value_regex = "[^/]+"
    serializer_class = s.ProposalSerializer
    filterset_class = ProposalFilter
    queryset = Proposal.objects.none()  # for the schema; requests use get_queryset()

    def get_permissions(self):
        # Detail routes decide visibility first (`_visible`), then who is signed in.
        return [MayFollowProposals()] if self.action == "list" else [AllowAny()]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.proposal_list(
            user=self.request.user, status=self.request.query_params.get("status", "")
        )

    @extend_schema(
        summary="List proposals",
        description="Pending ones oldest first with `status=pending`; others newest first.",
        responses={200: s.ProposalSerializer(many=True), **_errors(400, 401, 404)},
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="A proposal with its diff",
        responses={200: s.ProposalDetailSerializer, **_errors(401, 404)},
    )
    def retrieve(self, request, pk=None):
        proposal = self._visible(pk)
        diff = selectors.proposal_diffs([proposal])[proposal.pk]
        context = {"request": request, "diff": diff}
        return Response(s.ProposalDetailSerializer(proposal, context=context).data)

    @extend_schema(
        summary="Approve and publish",
        auth=_SIGNED_IN,
        request=None,
        responses={200: s.ApproveResultSerializer, **_errors(401, 403, 404, 409)},
        filters=False,
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def approve(self, request, pk=None):
        proposal = self._visible(pk, signed_in=True)
        revision = reviews.proposal_approve(proposal=proposal, reviewer=request.user)
        return Response(
            s.ApproveResultSerializer({"status": "approved", "revision": revision}).data
        )

    @extend_schema(
        summary="Approve part of it, return the rest",
        description=(
            'Approves the chosen `parts` ("title", "lead", "coordinates", '
            '"sections", "references", "infobox:<key>" for one infobox field, or '
            '"infobox" when the proposal reorders it) as a proposal of their own, by the '
            "same author, and publishes them; the rest stays in this proposal, returned to "
            "its author with `message` (status `changes`). Reviewers only."
        ),
        auth=_SIGNED_IN,
        request=s.ApprovePartSerializer,
        responses={200: s.ApprovePartResultSerializer, **_errors(400, 401, 403, 404, 409, 413)},
        filters=False,
    )
    @action(detail=True, methods=["post"], url_path="approve-part", filterset_class=None)
    def approve_part(self, request, pk=None):
        proposal = self._visible(pk, signed_in=True)
        # Who may comes before what was sent: a refused user's body is not read.
        permissions.approve_proposal.require(request.user, proposal)
        payload = s.ApprovePartSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        part, revision = reviews.proposal_approve_part(
            proposal=proposal, reviewer=request.user, **payload.validated_data
        )
        proposal.refresh_from_db()
        context = {"request": request}
        return Response(
            s.ApprovePartResultSerializer(
                {"approved": part, "revision": revision, "rest": proposal}, context=context
            ).data
        )

    @extend_schema(
        summary="Reject with a reason",
        auth=_SIGNED_IN,
        request=s.RejectSerializer,
        responses={200: s.ProposalSerializer, **_errors(400, 401, 403, 404, 409, 413)},
        filters=False,
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def reject(self, request, pk=None):
        return self._decided(
            pk, permissions.reject_proposal, s.RejectSerializer, reviews.proposal_reject
        )

    @extend_schema(
        summary="Ask the author for changes",
        description=(
            "Returns a pending proposal to its author with a message, without rejecting "
            "it: its status becomes `changes` until the author reworks it (pending again) "
            "or withdraws it. The message opens the proposal's discussion. Reviewers only."
        ),
        auth=_SIGNED_IN,
        request=s.RequestChangesSerializer,
        responses={200: s.ProposalSerializer, **_errors(400, 401, 403, 404, 409, 413)},
        filters=False,
    )
    @action(detail=True, methods=["post"], url_path="request-changes", filterset_class=None)
    def request_changes(self, request, pk=None):
        return self._decided(
            pk,
            permissions.request_changes,
            s.RequestChangesSerializer,
            reviews.proposal_request_changes,
        )

    @extend_schema(
        methods=["GET"],
        summary="The proposal's discussion",
        description="Every message, oldest first: its author's and the reviewers'.",
        responses={200: s.CommentSerializer(many=True), **_errors(401, 404)},
        filters=False,
    )
    @extend_schema(
        methods=["POST"],
        summary="Comment on the proposal",
        description=(
            "Its author and the reviewers take part; the others in the discussion are "
            f"notified. At most {limits.COMMENTS_PER_WINDOW} comments per person in "
            f"{limits.COMMENT_WINDOW_SECONDS // 60} minutes: past that the answer is 429 "
            "with `Retry-After`."
        ),
        auth=_SIGNED_IN,
        request=s.CommentSerializer,
        responses={201: s.CommentSerializer, **_errors(400, 401, 403, 404, 413, 429)},
        filters=False,
    )
    @action(
        detail=True,
        methods=["get", "post"],
        filterset_class=None,
        pagination_class=None,
        serializer_class=s.CommentSerializer,
    )
    def comments(self, request, pk=None):
        if request.method == "GET":
            proposal = self._visible(pk)
            thread = selectors.proposal_comments(proposal)
            return Response(s.CommentSerializer(thread, many=True).data)
        proposal = self._visible(pk, signed_in=True)
        permissions.comment_on_proposal.require(request.user, proposal)
        payload = s.CommentSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        comment = discussion.proposal_comment_add(
            proposal=proposal, user=request.user, text=payload.validated_data["text"]
        )
        return Response(s.CommentSerializer(comment).data, status=201)

    @extend_schema(
        summary="Withdraw your own proposal",
        auth=_SIGNED_IN,
        request=None,
        responses={200: s.ProposalSerializer, **_errors(401, 403, 404, 409)},
        filters=False,
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def withdraw(self, request, pk=None):
        proposal = proposal_services.proposal_withdraw(
            proposal=self._visible(pk, signed_in=True), user=request.user
        )
        return Response(s.ProposalSerializer(proposal, context={"request": request}).data)

    @extend_schema(
        summary="Rework your proposal",
        description=(
            "The body is a partial document like the one that created the proposal: each "
            "part it names replaces the proposal's value for that part, null drops the "
            "part from the proposal, parts left out stay. The proposal then moves onto the "
            "current revision and is pending again. If a part it changes was also changed "
            "since its base, the answer is 409 with the clashing parts and the proposal is "
            "unchanged, unless `base_revision` is the current revision: you have read it, "
            "and your values win. Only the author may."
        ),
        request=s.ProposalPatchSerializer,
        auth=_SIGNED_IN,
        responses={
            200: s.ProposalSerializer,
            **_errors(400, 401, 403, 404, 413),
            409: OpenApiResponse(
                s.ConflictErrorSerializer,
                description=(
                    "The proposal is withdrawn, rejected or approved; or a part it changes "
                    "was also changed since its base (`conflicts` names them) and it is "
                    "left as it was."
                ),
            ),
        },
        filters=False,
    )
    def partial_update(self, request, pk=None):
        proposal = self._visible(pk, signed_in=True)
        # Who may comes before what was sent, as for any DRF permission: a reviewer's
        # body for someone else's proposal is not read (`proposal_patch` checks again).
        permissions.change_proposal.require(request.user, proposal)
        payload = s.ProposalPatchSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        seen = _posted_revision(proposal.article, payload)
        proposal = proposal_services.proposal_patch(
            proposal=proposal,
            user=request.user,
            parts=payload.changes(),
            summary=payload.validated_data.get("summary"),
            source=payload.validated_data.get("source"),
            seen_revision=seen,
        )
        return Response(s.ProposalSerializer(proposal, context={"request": request}).data)

    def _decided(self, pk, rule, serializer_class, service) -> Response:
        """A reviewer's decision with a message: `service` is called with the proposal,
        the reviewer and the body's one field; the answer is the proposal as it is now."""
        proposal = self._visible(pk, signed_in=True)
        # Who may comes before what was sent: a refused user's body is not read.
        rule.require(self.request.user, proposal)
        payload = serializer_class(data=self.request.data)
        payload.is_valid(raise_exception=True)
        proposal = service(proposal=proposal, reviewer=self.request.user, **payload.validated_data)
        return Response(s.ProposalSerializer(proposal, context={"request": self.request}).data)

    def _visible(self, pk, *, signed_in: bool = False) -> Proposal:
        """The proposal if the requester may see it (else 404); with `signed_in`, 401
        for a visible one when nobody is signed in."""
        proposal = selectors.proposal_get(user=self.request.user, pk=pk)
        if proposal is None:
            raise NotFound("No such proposal, or it is not yours to see.")
        if signed_in and not self.request.user.is_authenticated:
            raise NotAuthenticated()
        return proposal


_TOKEN_LIMIT = (
    f"An account holds at most {API_TOKENS_PER_USER} tokens: past that, a new one replaces "
    "the token unused for longest among those that lapse when unused, or is refused (409) "
    "when all have fixed lifetimes."
)


def _new_token(request, user, options, *, status_code=status.HTTP_200_OK) -> Response:
    """A new API token for `user`, made as the validated `options` ask, in a response
    that carries the token itself this once."""
    token, secret = api_token_create(
        user, name=options.get("name", ""), days=options.get("expires_in_days", WHILE_USED)
    )
    context = {"request": request, "secret": secret}
    response = Response(s.NewApiTokenSerializer(token, context=context).data, status=status_code)
    # The token is in this answer alone: no cache along the way keeps it (RFC 6749, 5.1).
    add_never_cache_headers(response)
    return response


class TokenView(GenericAPIView):
    """Exchange a username and password for an API token."""

    # The password signs in: a stale token or session sent along changes nothing.
    authentication_classes = []
    permission_classes = [AllowAny]
    parser_classes = [JSONParser]
    throttle_classes = [TokenThrottle]
    serializer_class = s.TokenRequestSerializer

    @extend_schema(
        summary="Get an API token",
        description=(
            "A new token each time, named and lasting as asked. Send it as "
            "`Authorization: Token <token>`; list and revoke your tokens at "
            "`/api/auth/tokens/`. Failed tries are counted per account and address and per "
            "address, as on the sign-in page: past the limit, every try answers 429 with "
            f"`Retry-After` until the wait is over. {_TOKEN_LIMIT}"
        ),
        request=s.TokenRequestSerializer,
        responses={200: s.NewApiTokenSerializer, **_errors(400, 409, 413)},
        auth=[],
    )
    def post(self, request):
        # The serializer authenticates the request in its context, and django-axes marks
        # the request it authenticates as locked out; its middleware, which answers that
        # with a 429, sees Django's request, not DRF's wrapper around it.
        payload = s.TokenRequestSerializer(data=request.data, context={"request": request._request})
        payload.is_valid(raise_exception=True)
        return _new_token(request, payload.validated_data["user"], payload.validated_data)


class ApiTokenViewSet(viewsets.GenericViewSet):
    """The signed-in user's API tokens: nobody sees or revokes another's."""

    serializer_class = s.ApiTokenSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = Pagination
    # Within a bigint, so that no id is too large for the database to look up.
    lookup_value_regex = "[0-9]{1,18}"
    queryset = ApiToken.objects.none()  # for the schema; requests use get_queryset()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return account_selectors.api_tokens(self.request.user)

    @extend_schema(
        summary="Your API tokens",
        description=(
            "Newest first, with when each was last used; `current` marks the one this "
            "request came with. The tokens themselves are never shown again."
        ),
        responses={200: s.ApiTokenSerializer(many=True), **_errors(400, 401, 404)},
    )
    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        summary="Make an API token",
        description=(
            "For a program of yours, signed in as you already are (by session: a token "
            f"cannot make tokens, 403). {_TOKEN_LIMIT}"
        ),
        request=s.ApiTokenOptionsSerializer,
        responses={201: s.NewApiTokenSerializer, **_errors(400, 401, 403, 409, 413)},
    )
    def create(self, request):
        if isinstance(request.auth, ApiToken):
            # A token could otherwise outlive itself, or its revocation, in a new one.
            raise PermissionDenied(
                "A token cannot make tokens: sign in with your password (POST "
                "/api/auth/token/) or on your page."
            )
        payload = s.ApiTokenOptionsSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return _new_token(
            request, request.user, payload.validated_data, status_code=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Revoke an API token",
        description="It signs nobody in from now on, the token of this very request included.",
        responses={204: None, **_errors(401, 404)},
    )
    def destroy(self, request, pk):
        if api_token_revoke(request.user, int(pk)) is None:
            raise NotFound("You hold no such token: it may be revoked already.")
        return Response(status=status.HTTP_204_NO_CONTENT)


def _posted_revision(article, payload):
    """The article's revision the validated body names as `base_revision`; None when it
    names none. A revision of another article (or none at all) is a 400."""
    if "base_revision" not in payload.validated_data:
        return None
    revision = selectors.revision_get(article, payload.validated_data["base_revision"])
    if revision is None:
        raise drf_serializers.ValidationError(
            {"base_revision": ["That revision is not a revision of this article."]}
        )
    return revision


def _revision_or_404(request, article, revision_id):
    """The article's revision of that id, if `request`'s user may read its content."""
    revision = selectors.revision_get(article, revision_id)
    if revision is None or not visibility.content_readable(revision, request.user):
        raise NotFound("This article has no such revision.")
    return revision


def _document(request, article, revision, read_state, *, current=False):
    """The article document as of `revision`, whose state `read_state()` gives; for the
    `current` version, with the open figures of its fields and the licence of its text.
    Or 304, without reading the state, when the client's copy is still this one."""
    changed = revision.revision.date_created
    etag = str(revision.revision_id)
    if current:
        claims = facts_selectors.article_claims(article)
        if claims:
            # A claim added, preferred or withdrawn changes the document without a revision.
            changed = max(changed, *(c.retired_at or c.added_at for c in claims))
            etag = f"{etag}.{len(claims)}.{changed.timestamp():.6f}"
        if article.attribution:
            # So does an import that credits the text anew.
            etag = f"{etag}.{zlib.crc32(f'{article.licence}|{article.attribution}'.encode())}"
    # HTTP dates have whole seconds; comparing with microseconds would never match.
    last_modified = int(changed.timestamp())
    headers = {"ETag": f'"{etag}"', "Last-Modified": http_date(last_modified)}
    conditional = get_conditional_response(
        request, etag=headers["ETag"], last_modified=last_modified
    )
    if conditional is not None:
        for name, value in headers.items():
            conditional[name] = value
        return conditional
    state = read_state()
    if not current:
        data = s.ArticleDocumentSerializer((article.slug, state, revision)).data
    else:
        by_key = facts_selectors.open_claims_by_key(claims, state)
        shown = [claim for entry in state.infobox for claim in by_key.get(entry.key, ())]
        data = s.CurrentArticleSerializer((article, state, revision, shown)).data
    return Response(data, headers=headers)


@extend_schema(exclude=True)
@api_view(["GET"])
@permission_classes([AllowAny])
def api_root(request, format=None):
    """Where to start: the API's collections, how to sign in, and its documentation."""
    return Response(
        {
            "articles": reverse("api:article-list", request=request),
            "proposals": reverse("api:proposal-list", request=request),
            "notifications": reverse("api:notification-list", request=request),
            "worklist": reverse("api:worklist-list", request=request),
            "log": reverse("api:log-list", request=request),
            "events_csv": reverse("events_csv", request=request),
            "events_geojson": reverse("events_geojson", request=request),
            "token": reverse("api:token", request=request),
            "schema": reverse("api:schema", request=request),
            "docs": reverse("api:docs", request=request),
        }
    )
