"""Pages for proposing corrections and reviewing them; the services make every decision,
and `conflicts.permissions` says who may ask for one.

A proposal the user may not see is a 404 on every route and for every action, exactly
as one that does not exist; a visitor who is not signed in is sent to sign in first.
"""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from conflicts import limits, permissions, selectors, visibility
from conflicts.changes import changes_apply, changes_parts
from conflicts.diff import diff_articles
from conflicts.forms import (
    ApprovePartForm,
    ArticleProposalForms,
    CommentForm,
    EditReasonForm,
    FieldProposalForm,
    InfoboxProposalForms,
    LeadProposalForms,
    RejectForm,
    RequestChangesForm,
    SectionProposalForms,
    add_service_errors,
)
from conflicts.models import Article, Proposal
from conflicts.permissions import Rule
from conflicts.presentation import change_part_label
from conflicts.services import discussion, reviews
from conflicts.services import proposals as proposal_services
from conflicts.services.articles import state_normalised
from conflicts.services.errors import (
    ProposalConflict,
    ProposalStateError,
    RateLimited,
    UndoConflict,
)

PROPOSALS_PAGE_SIZE = 50


def _allowed_by(rule: Rule):
    """A view decorator: a visitor who is not signed in signs in first; a signed-in user
    `rule` refuses gets a 403."""

    def decorate(view):
        @login_required
        @functools.wraps(view)
        def checked(request, *args, **kwargs):
            rule.require(request.user)
            return view(request, *args, **kwargs)

        return checked

    return decorate


def _proposal_or_404(request, pk) -> Proposal:
    """The proposal if the user may see it; else a 404, as for one that does not exist."""
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    if proposal is None:
        raise Http404("No such proposal, or it is not yours to see.")
    return proposal


@_allowed_by(permissions.propose)
def article_propose(request, slug):
    """The whole-article correction form, or one part of the article on its own: a section
    (?section=ID), the lead (?part=lead), the infobox (?part=infobox) or one infobox field
    (?field=KEY, its form filled from ?value= and ?summary= when given). Raises Http404
    for a part the article does not have."""
    # The form is filled from a revision, not from the live rows: no need to prefetch them.
    article = get_object_or_404(selectors.article_published().prefetch_related(None), slug=slug)
    permissions.propose_to.require(request.user, article)
    base = _base_revision(article, request.POST.get("base_revision"))
    base_state = selectors.revision_state(base)
    field = request.GET.get("field")
    if field is not None:
        return _propose_field(request, article, base, base_state, field)
    posted = request.POST or None
    forms = _part_forms(request.GET, base_state, base.id, posted)
    return _proposal_form_page(
        request,
        forms or ArticleProposalForms(base_state, base.id, data=posted),
        article=article,
        base=base,
        base_state=base_state,
        save=lambda proposed, data: proposal_services.proposal_create(
            article=article,
            author=request.user,
            proposed=proposed,
            base_revision=base,
            summary=data["summary"],
            source=data["source"],
        ),
        template="conflicts/propose.html" if forms is None else "conflicts/propose_part.html",
    )


_PART_FORMS = {"lead": LeadProposalForms, "infobox": InfoboxProposalForms}


@_allowed_by(permissions.propose)
def article_new(request):
    """The form proposing a new article, its title filled from ?title= (a search that
    found nothing links here with it)."""
    posted = request.POST or None
    title = request.GET.get("title", "")[: limits.TITLE_MAX_LENGTH]
    return _proposal_form_page(
        request,
        ArticleProposalForms(selectors.NO_ARTICLE.replace(title=title), None, data=posted),
        article=None,
        base=None,
        base_state=selectors.NO_ARTICLE,
        save=lambda proposed, data: proposal_services.article_propose(
            author=request.user,
            proposed=proposed,
            summary=data["summary"],
            source=data["source"],
        ),
    )


def _part_forms(query, state, base_revision_id, data):
    """The forms for the one part `query` names (?section=ID, ?part=lead|infobox) of
    `state`; None when it names none. Raises Http404 for a part `state` does not have."""
    section_id = query.get("section")
    if section_id is not None:
        # Compared as text: "12", never " 12", "1_2" or "١٢", names section 12.
        section = next((s for s in state.sections if str(s.id) == section_id), None)
        if section is None:
            raise Http404("This article has no such section.")
        return SectionProposalForms(state, section, base_revision_id, data=data)
    part = query.get("part")
    if part is None:
        return None
    if part not in _PART_FORMS:
        raise Http404("An article has no such part.")
    return _PART_FORMS[part](state, base_revision_id, data=data)


@login_required
def proposal_edit(request, pk):
    """The author reworks an open proposal, starting from it merged onto the current version.

    Every change that does not clash is already in the form; on each clash the author's
    value is in the input, marked, beside the published one, so that they decide.
    """
    proposal = _proposal_or_404(request, pk)
    permissions.change_proposal.require(request.user, proposal)
    if not proposal.is_open:
        messages.error(request, f"This proposal is {proposal.get_status_display().lower()}.")
        return redirect(proposal)
    article = selectors.article_with_parts().get(pk=proposal.article_id)
    rework = selectors.proposal_rework(proposal)
    # The version the author saw is posted back, so that anything published while they
    # edited is merged on approval, not undone; none, for a new article not yet published.
    posted_base = request.POST.get("base_revision")
    base = None if posted_base == "" else _base_revision(article, posted_base)
    forms = ArticleProposalForms(
        rework.state,
        getattr(base, "pk", None),
        data=request.POST or None,
        initial={"summary": proposal.summary, "source": proposal.source},
    )
    return _proposal_form_page(
        request,
        forms,
        article=article,
        base=base,
        base_state=selectors.revision_state(base),
        proposal=proposal,
        clashes=_marked_clashes(forms, rework.clashes),
        save=lambda proposed, data: proposal_services.proposal_update(
            proposal=proposal,
            user=request.user,
            proposed=proposed,
            base_revision=base,
            summary=data["summary"],
            source=data["source"],
        ),
    )


def _marked_clashes(forms: ArticleProposalForms, clashes) -> dict:
    """Attach each clash to the form row it concerns (as `row.clash`); returns
    {"all": clashes, part: clash} for the clashes of the article's own fields."""
    rows = {}
    for part, formset, field in (
        ("infobox", forms.infobox, "key"),
        ("section", forms.sections, "id"),
        ("reference", forms.references, "id"),
    ):
        rows |= {(part, row.initial.get(field)): row for row in formset.forms if row.initial}
    own = {"all": clashes}
    for clash in clashes:
        row = rows.get((clash.part, clash.key))
        if row is not None:
            row.clash = clash
        else:
            own[clash.part.replace(" ", "_")] = clash
    return own


def _proposal_form_page(
    request,
    forms,
    *,
    article,
    base,
    base_state,
    save,
    proposal=None,
    clashes=None,
    template="conflicts/propose.html",
):
    preview = existing = None
    refused = request.method == "POST" and not forms.is_valid()
    if request.method == "POST" and not refused:
        proposed = forms.proposed_state()
        if request.POST.get("action") == "submit":
            try:
                saved = save(proposed, forms.form.cleaned_data)
            except ValidationError as error:
                forms.add_service_errors(error)
                existing = getattr(error, "article", None)
                refused = True
            else:
                messages.success(
                    request,
                    "Your proposal was submitted for review.",
                    extra_tags=f"draft-sent {request.get_full_path()}",
                )
                return redirect(saved)
        else:
            # As the service will store it: browsers post line breaks as CRLF.
            preview = diff_articles(base_state, state_normalised(proposed))
    return render(
        request,
        template,
        {
            "article": article,
            "base": base,
            "forms": forms,
            "preview": preview,
            "proposal": proposal,
            "clashes": clashes or {},
            "existing": existing,
            "is_stale": article is not None
            and getattr(base, "pk", None)
            != getattr(selectors.article_current_revision(article), "pk", None),
        },
        status=400 if refused else 200,
    )


def _propose_field(request, article, base, base_state, key):
    if key not in {entry.key for entry in base_state.infobox}:
        raise Http404("This article's infobox has no such field.")
    # A link may fill in the corrected value and the summary (the worklist's "Propose a
    # fix"); nothing is sent until the editor submits.
    form = FieldProposalForm(
        request.POST or None,
        initial={
            "value": request.GET.get("value", base_state.infobox_value(key)),
            "summary": request.GET.get("summary", ""),
            "base_revision": base.id,
        },
    )
    preview = None
    refused = request.method == "POST" and not form.is_valid()
    if request.method == "POST" and not refused:
        changes = {"infobox": {key: form.cleaned_data["value"] or None}}
        if request.POST.get("action") == "submit":
            try:
                proposal = proposal_services.proposal_create(
                    article=article,
                    author=request.user,
                    changes=changes,
                    base_revision=base,
                    summary=form.cleaned_data["summary"],
                    source=form.cleaned_data["source"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
                refused = True
            else:
                messages.success(
                    request,
                    "Your correction was submitted for review.",
                    extra_tags=f"draft-sent {request.get_full_path()}",
                )
                return redirect(proposal)
        else:
            preview = diff_articles(
                base_state, state_normalised(changes_apply(base_state, changes))
            )
    return render(
        request,
        "conflicts/propose_field.html",
        {"article": article, "key": key, "form": form, "preview": preview, "base": base},
        status=400 if refused else 200,
    )


def _base_revision(article, posted_id):
    """The revision a form was filled from: the posted one, else the current one."""
    if posted_id:
        revision = selectors.revision_get(article, posted_id)
        if revision is None:
            raise Http404("This article has no such revision.")
        return revision
    return selectors.article_current_revision(article)


@_allowed_by(permissions.follow_proposals)
def proposal_list(request):
    status = request.GET.get("status", "")
    if status not in Proposal.Status.values:
        status = ""
    proposals = selectors.proposal_list(user=request.user, status=status)
    page = Paginator(proposals, PROPOSALS_PAGE_SIZE).get_page(request.GET.get("page"))
    diffs = selectors.proposal_diffs(page.object_list)
    return render(
        request,
        "conflicts/proposal_list.html",
        {
            "page": page,
            "rows": [(proposal, diffs[proposal.pk]) for proposal in page.object_list],
            "status": status,
            "statuses": Proposal.Status.choices,
        },
    )


def proposal_detail(request, pk):
    proposal = selectors.proposal_get(user=request.user, pk=pk)
    if proposal is None:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404("No such proposal, or it is not yours to see.")
    return _proposal_page(request, proposal)


def _proposal_page(request, proposal: Proposal, *, refused=None, status=200):
    """The proposal's page; `refused` is a bound form the services turned down, shown
    again with its errors and everything that was typed in it."""
    article = selectors.article_with_parts().get(pk=proposal.article_id)
    base_state = selectors.revision_state(proposal.base_revision)
    current_revision = selectors.article_current_revision(article)
    since = None
    if proposal.is_open and getattr(current_revision, "pk", None) != proposal.base_revision_id:
        since = diff_articles(base_state, selectors.article_state(article))
    forms = {
        "reject_form": RejectForm(),
        "changes_form": RequestChangesForm(),
        "comment_form": CommentForm(),
        "part_form": _approve_part_form(proposal),
    }
    if refused is not None:
        forms[_FORM_NAMES[type(refused)]] = refused
    return render(
        request,
        "conflicts/proposal_detail.html",
        {
            "proposal": proposal,
            "article": article,
            "diff": diff_articles(base_state, changes_apply(base_state, proposal.changes)),
            "since": since,
            "current_revision": current_revision,
            "actions": permissions.proposal_actions(request.user, proposal),
            "comments": selectors.proposal_comments(proposal),
            **forms,
        },
        status=status,
    )


_FORM_NAMES = {
    ApprovePartForm: "part_form",
    RejectForm: "reject_form",
    RequestChangesForm: "changes_form",
    CommentForm: "comment_form",
}


@require_POST
@login_required
def proposal_approve(request, pk):
    proposal = _proposal_or_404(request, pk)
    try:
        revision = reviews.proposal_approve(proposal=proposal, reviewer=request.user)
    except ProposalConflict as conflict:
        messages.error(request, str(conflict))
    except ProposalStateError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, f"Approved and published as revision {revision.number} of {proposal.article}."
        )
    return redirect(proposal)


def _approve_part_form(proposal: Proposal, data=None) -> ApprovePartForm | None:
    """The form to approve some parts of the proposal; None when it has but one."""
    parts = changes_parts(proposal.changes)
    if len(parts) < 2:
        return None
    return ApprovePartForm(data, parts=[(part, change_part_label(part)) for part in parts])


@require_POST
@login_required
def proposal_approve_part(request, pk):
    """A reviewer approves the chosen parts; the rest goes back to the author."""
    proposal = _proposal_or_404(request, pk)
    # Who may comes before what was sent: a refused user's text is not read.
    permissions.approve_proposal.require(request.user, proposal)
    form = _approve_part_form(proposal, request.POST)
    if form is None:
        messages.error(request, "The proposal changes one part: approve it, or not.")
        return redirect(proposal)
    if form.is_valid():
        try:
            part, revision = reviews.proposal_approve_part(
                proposal=proposal, reviewer=request.user, **form.cleaned_data
            )
        except (ProposalConflict, ProposalStateError) as error:
            messages.error(request, str(error))
            return redirect(proposal)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Part of it was approved as proposal #{part.pk} and published as revision "
                f"{revision.number}; the rest went back to its author.",
            )
            return redirect(proposal)
    return _proposal_page(request, proposal, refused=form, status=400)


def _message_view(rule: Rule, form_class, service, *, person: str, done: str):
    """A view posting one message form (a single text field) to a proposal: `service` is
    called with the proposal, the user as its argument `person`, and the form's field,
    then back to the proposal saying `done`; a refusal shows the page again with the
    text kept."""

    @require_POST
    @login_required
    def view(request, pk):
        proposal = _proposal_or_404(request, pk)
        # Who may comes before what was sent: a refused user's text is not read.
        rule.require(request.user, proposal)
        form = form_class(request.POST)
        if form.is_valid():
            try:
                service(proposal=proposal, **{person: request.user}, **form.cleaned_data)
            except ProposalStateError as error:
                messages.error(request, str(error))
                return redirect(proposal)
            except ValidationError as error:
                add_service_errors(form, error)
            except RateLimited as error:
                form.add_error(None, str(error))
                return _proposal_page(request, proposal, refused=form, status=429)
            else:
                messages.success(request, done)
                return redirect(proposal)
        return _proposal_page(request, proposal, refused=form, status=400)

    return view


proposal_reject = _message_view(
    permissions.reject_proposal,
    RejectForm,
    reviews.proposal_reject,
    person="reviewer",
    done="The proposal was rejected; its author will see your reason.",
)
proposal_request_changes = _message_view(
    permissions.request_changes,
    RequestChangesForm,
    reviews.proposal_request_changes,
    person="reviewer",
    done="The proposal went back to its author with your message.",
)
proposal_comment = _message_view(
    permissions.comment_on_proposal,
    CommentForm,
    discussion.proposal_comment_add,
    person="user",
    done="Your comment is posted.",
)


@require_POST
@login_required
def proposal_withdraw(request, pk):
    proposal = _proposal_or_404(request, pk)
    try:
        proposal_services.proposal_withdraw(proposal=proposal, user=request.user)
    except ProposalStateError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "You withdrew the proposal.")
    return redirect(proposal)


@login_required
def article_revert(request, slug, revision_id):
    """A page asking why, then publishing the revision's content again with the reason in
    the summary; reviewers only."""
    permissions.revert_article.require(request.user)
    article, revision = _article_revision_or_404(request, slug, revision_id)
    form = EditReasonForm(request.POST or None)
    if form.is_valid():
        try:
            new = reviews.article_revert(
                article=article,
                revision=revision,
                reviewer=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Reverted to revision {revision.number}; published as revision {new.number}.",
            )
            return redirect("article_history", slug=article.slug)
    context = {"article": article, "revision": revision, "form": form}
    return render(request, "conflicts/article_revert.html", context)


@login_required
def revision_undo(request, slug, revision_id):
    """Taking one revision's changes out of the current version: a page showing what would
    change and asking why; published at once by a reviewer, proposed by an editor."""
    article, revision = _article_revision_or_404(request, slug, revision_id)
    try:
        undo = reviews.revision_undo_preview(article=article, revision=revision)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("article_history", slug=article.slug)
    form = EditReasonForm(request.POST or None)
    if undo.state is not None and form.is_valid():
        try:
            done = reviews.revision_undo(
                article=article,
                revision=revision,
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except UndoConflict as conflict:
            messages.error(request, str(conflict))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if isinstance(done, Proposal):
                messages.success(
                    request, "Your undo is proposed; a reviewer checks it before it is published."
                )
                return redirect(done)
            messages.success(
                request, f"Undid revision {revision.number}; published as revision {done.number}."
            )
            return redirect("article_history", slug=article.slug)
    context = {
        "article": article,
        "revision": revision,
        "form": form,
        "undo": undo,
        "diff": diff_articles(undo.current, undo.state) if undo.state is not None else None,
        "publishes": permissions.review(request.user),
    }
    return render(request, "conflicts/revision_undo.html", context)


def _article_revision_or_404(request, slug, revision_id):
    """The article and its revision of that id, if the user may read that revision's
    content: reverting to it, or undoing it, would publish some of it."""
    article = get_object_or_404(Article.objects.published(), slug=slug)
    revision = selectors.revision_get(article, revision_id)
    if revision is None or not visibility.content_readable(revision, request.user):
        raise Http404("This article has no such revision.")
    return article, revision
