"""The API's one request body format: JSON, nested no deeper than `limits.JSON_DEPTH_MAX`."""

from rest_framework import parsers
from rest_framework.exceptions import ParseError

from conflicts import limits

_TOO_DEEP = (
    f"The JSON body nests objects and lists more than {limits.JSON_DEPTH_MAX} levels deep; "
    "no request needs more than a few."
)


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing a body nested past `limits.JSON_DEPTH_MAX` with a
    ParseError (a 400), whether Python's parser ran out of stack on it or not."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_TOO_DEEP) from None
        if _nested_deeper_than(data, limits.JSON_DEPTH_MAX):
            raise ParseError(_TOO_DEEP)
        return data


def _nested_deeper_than(data, depth_max: int) -> bool:
    """Whether `data` holds objects or lists more than `depth_max` levels deep. Walks
    with a list for a stack, so any depth the parser could build is measured."""
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > depth_max:
            return True
        pending.extend((child, depth + 1) for child in children)
    return False
