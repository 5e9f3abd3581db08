from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import ApiToken, User

admin.site.register(User, UserAdmin)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made by their owners (the token itself is shown to them alone); here
    staff can only look at them and revoke them, by deleting them: a compromised account's,
    say. Nothing of the token itself is shown."""

    list_display = ("name", "user", "created", "expiry", "last_used_at")
    search_fields = ("name", "user__username")
    list_select_related = ("user",)
    fields = readonly_fields = ("name", "user", "created", "expiry", "last_used_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
