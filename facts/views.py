"""The worklist page and a reviewer's dismissal of one of its items."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST, require_safe

from conflicts import permissions
from conflicts.forms import add_service_errors
from conflicts.services.errors import StateError
from facts import selectors
from facts.checks import CHECK_TITLES
from facts.forms import DismissForm
from facts.services import refresh

PAGE_SIZE = 30


@require_safe
def worklist(request):
    """What the checks suspect in the published articles, newest first, each with its
    evidence and a way to fix it; `?check=` and `?article=` (slug) narrow it, and
    `?dismissed=1` lists what reviewers dismissed instead."""
    return _worklist_page(request)


@require_POST
@login_required
def worklist_dismiss(request, pk):
    """A reviewer takes an item for no slip, with a reason; refused, the page comes back
    with the reason kept."""
    item = selectors.worklist_item_get(pk)
    if item is None:
        raise Http404("No such worklist item.")
    # Who may comes before what was sent: a refused user's text is not read.
    permissions.dismiss_finding.require(request.user)
    form = _dismiss_form(item.pk, request.POST)
    if form.is_valid():
        try:
            refresh.worklist_item_dismiss(item, reviewer=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except StateError as error:
            messages.error(request, str(error))
            return redirect(_back(request))
        else:
            messages.success(request, f"Dismissed: {item.summary}")
            return redirect(_back(request))
    return _worklist_page(request, refused=(item.pk, form), status=400)


def _worklist_page(request, *, refused=None, status=200):
    check = request.GET.get("check", "")
    if check not in CHECK_TITLES:
        check = ""
    filters = {
        "check": check,
        "article": request.GET.get("article", "").strip(),
        "dismissed": "1" if request.GET.get("dismissed") == "1" else "",
    }
    items = selectors.worklist(
        check=check, article_slug=filters["article"], dismissed=bool(filters["dismissed"])
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    refused_pk, refused_form = refused or (None, None)
    rows = [
        (item, refused_form if item.pk == refused_pk else _dismiss_form(item.pk))
        for item in page.object_list
    ]
    query = urlencode({name: value for name, value in filters.items() if value})
    return render(
        request,
        "facts/worklist.html",
        {
            "page": page,
            "rows": rows,
            "filters": filters,
            "checks": CHECK_TITLES,
            "filter_query": query,
            "may_dismiss": permissions.dismiss_finding(request.user),
        },
        status=status,
    )


def _dismiss_form(pk: int, data=None) -> DismissForm:
    # One form per item on the page: ids of their own.
    return DismissForm(data, auto_id=f"dismiss-{pk}-%s")


def _back(request) -> str:
    """The worklist page the form was posted from (kept in `next`), else the worklist."""
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return back
    return reverse("worklist")
