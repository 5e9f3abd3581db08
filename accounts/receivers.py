"""Keeping the address an account last signed in from, for blocks to keep it out."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from accounts.client_ip import client_ip
from accounts.models import User


@receiver(user_logged_in, dispatch_uid="accounts_last_address")
def remember_address(sender, request, user, **kwargs) -> None:
    address = client_ip(request) if request is not None else ""
    if address and user.last_address != address:
        user.last_address = address
        User.objects.filter(pk=user.pk).update(last_address=address)
