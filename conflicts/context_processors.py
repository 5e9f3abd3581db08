"""What every page may name: the licence contributions are published under."""

from conflicts.licences import CONTRIBUTIONS


def contributions_licence(request) -> dict:
    return {"contributions_licence": CONTRIBUTIONS}
