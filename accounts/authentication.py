"""API tokens as DRF authentication: knox's check, recording when each token is used."""

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from accounts.tokens import api_token_renew


class ApiTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <token>`: a token not revoked and not expired signs its owner
    in. Its use is recorded (`api_token_renew`): the owner tells a token in use from a
    forgotten one, and a token that lapses when unused lives on."""

    def authenticate_credentials(self, token):
        # knox decodes the header's token as UTF-8 unguarded; any other bytes are no token.
        try:
            token.decode()
        except UnicodeError:
            raise AuthenticationFailed("Invalid token header: not UTF-8 text.") from None
        return super().authenticate_credentials(token)

    def _cleanup_token(self, auth_token) -> bool:
        # knox also reads all the owner's other tokens, on every request, to delete the
        # expired ones; making a token clears those (`api_token_create`), off this path.
        if auth_token.expired:
            auth_token.delete()
            return True
        return False

    def validate_user(self, auth_token):
        user, token = super().validate_user(auth_token)
        api_token_renew(token, now=timezone.now())
        return user, token


class ApiTokenScheme(OpenApiAuthenticationExtension):
    # The scheme keeps the name it had as DRF's token, which generated clients know.
    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix=self.target.authenticate_header(None)
        )
