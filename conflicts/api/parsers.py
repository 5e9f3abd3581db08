"""The API's one request body format: JSON, nested no deeper than `limits.JSON_DEPTH_MAX`,
with no lone surrogate in any key or string."""

import re

from rest_framework import parsers
from rest_framework.exceptions import ParseError

from conflicts import limits

_TOO_DEEP = (
    f"The JSON body nests objects and lists more than {limits.JSON_DEPTH_MAX} levels deep; "
    "no request needs more than a few."
)


_SURROGATE = re.compile("[\ud800-\udfff]")


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing with a ParseError (a 400) a body nested past
    `limits.JSON_DEPTH_MAX`, whether Python's parser ran out of stack on it or not, and
    one with a lone surrogate (`"\\ud800"`) in a key or string, which JSON can escape but
    no encoding can store, so every field of every endpoint is covered at once."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_TOO_DEEP) from None
        problem = _body_problem(data, limits.JSON_DEPTH_MAX)
        if problem:
            raise ParseError(problem)
        return data


def _body_problem(data, depth_max: int) -> str | None:
    """Why `data` is refused: objects or lists more than `depth_max` levels deep, or a
    lone surrogate in a key or string; None when neither. Walks with a list for a stack,
    so any depth the parser could build is measured."""
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            found = _SURROGATE.search(value)
            if found:
                return (
                    f"The JSON body contains a lone surrogate (U+{ord(found[0]):04X}), which "
                    "is half of a character, not text; send each character whole."
                )
            continue
        if isinstance(value, dict):
            children = [*value.keys(), *value.values()]
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > depth_max:
            return _TOO_DEEP
        pending.extend((child, depth + 1) for child in children)
    return None
