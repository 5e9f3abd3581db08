from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import ApiToken, User

admin.site.register(User, UserAdmin)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made by their owners (the token itself is shown to them alone); here
    they can only be looked at and revoked, by deleting them."""

    list_display = ("name", "user", "created", "expiry", "last_used_at")
    search_fields = ("name", "user__username")
    list_select_related = ("user",)
    fields = readonly_fields = ("name", "user", "token_key", "created", "expiry", "last_used_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
