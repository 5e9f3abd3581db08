"""The notifications page, opening one, marking them read, the email setting, and the
Watch toggle of an article page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from conflicts.models import Article
from notifications import selectors, services
from notifications.presentation import notification_link

PAGE_SIZE = 50


@require_safe
@login_required
def notification_list(request):
    """The signed-in user's notifications, newest first, unread ones marked."""
    page = Paginator(selectors.notification_list(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/notification_list.html", {"page": page})


@require_safe
@login_required
def notification_open(request, pk):
    """Marks one of the user's notifications read and opens what it is about; someone
    else's is no page at all (404)."""
    notification = get_object_or_404(selectors.notification_list(request.user), pk=pk)
    services.notifications_mark_read(user=request.user, ids=[notification.pk])
    return redirect(notification_link(notification))


@require_POST
@login_required
def notifications_read(request):
    marked = services.notifications_mark_read(user=request.user)
    messages.success(request, f"{marked} notification{'' if marked == 1 else 's'} marked read.")
    return redirect("notification_list")


@require_POST
@login_required
def email_setting(request):
    enabled = request.POST.get("email_notifications") == "on"
    services.email_notifications_set(user=request.user, enabled=enabled)
    if enabled:
        messages.success(request, "Notifications will also be emailed to you.")
    else:
        messages.success(request, "Notifications will no longer be emailed to you.")
    return redirect("notification_list")


@require_POST
@login_required
def article_watch(request, slug):
    """Watches the article (`watch=1`) or stops watching it, then back to its page."""
    article = get_object_or_404(Article.objects.published(), slug=slug)
    if request.POST.get("watch") == "1":
        services.article_watch(user=request.user, article=article)
        messages.success(
            request, f"You are watching {article.title}: each new revision will notify you."
        )
    else:
        services.article_unwatch(user=request.user, article=article)
        messages.success(request, f"You are no longer watching {article.title}.")
    return redirect(article)
