"""One error shape for every API failure: `{"detail": str}`, plus `"errors": {field: [str]}`
on every 400 and `"conflicts": [str]` on a 409 for a proposal that clashes with changes
published since (`conflicts.api.serializers.ErrorSerializer` and its subclasses)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from conflicts.services.errors import ProposalConflict, RateLimited, StateError


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_by_field(exc))
    if isinstance(exc, ProposalConflict):
        response = Response(
            {"detail": str(exc), "conflicts": exc.conflicts}, status=status.HTTP_409_CONFLICT
        )
    elif isinstance(exc, StateError):
        response = Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
    elif isinstance(exc, RateLimited):
        response = Response(
            {"detail": str(exc)},
            status=status.HTTP_429_TOO_MANY_REQUESTS,
            headers={"Retry-After": str(exc.retry_after)},
        )
    else:
        response = drf_exception_handler(exc, context)
        if response is not None and isinstance(exc, exceptions.ValidationError):
            response.data = {
                "detail": "The request is not valid.",
                "errors": _as_lists(response.data),
            }
        elif response is not None and isinstance(exc, exceptions.ParseError):
            # A body that does not parse is a 400 too, so it has `errors` as every 400 has.
            response.data = {
                "detail": str(exc.detail),
                "errors": {"non_field_errors": [str(exc.detail)]},
            }
    if response is not None:
        response.data = _encodable(response.data)
    return response


def _encodable(data):
    """`data` with lone surrogates escaped ("\\ud800"): a message may quote what the
    client sent, and a surrogate would make the JSON unencodable, a 500 instead of this."""
    if isinstance(data, str):
        return data.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(data, dict):
        return {_encodable(key): _encodable(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_encodable(item) for item in data]
    return data


def _by_field(error: DjangoValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {
            "non_field_errors" if field == "__all__" else field: messages
            for field, messages in error.message_dict.items()
        }
    return {"non_field_errors": error.messages}


def _as_lists(data) -> dict:
    if isinstance(data, list):
        return {"non_field_errors": [str(item) for item in data]}
    return {field: _messages(value) for field, value in data.items()}


def _joined(path: str, key) -> str:
    # DRF reports list items by index in a dict: {0: {"level": [...]}}.
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def _messages(value, path: str = "") -> list[str]:
    """Nested serializer errors flattened to readable strings, e.g. "[1].level: …"."""
    if isinstance(value, dict):
        return [
            message
            for key, inner in value.items()
            for message in _messages(inner, _joined(path, key))
        ]
    if isinstance(value, list) and any(isinstance(item, dict | list) for item in value):
        return [
            message
            for index, item in enumerate(value)
            for message in _messages(item, f"{path}[{index}]")
        ]
    items = value if isinstance(value, list) else [value]
    return [f"{path}: {item}" if path else str(item) for item in items]
