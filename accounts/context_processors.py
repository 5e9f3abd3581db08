"""Template context about the signed-in person's role."""

from accounts.roles import is_reviewer


def roles(request):
    return {"is_reviewer": is_reviewer(request.user)}
