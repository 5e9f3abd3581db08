"""The licences article text may be under, and how imported text is credited. A pure
module (no Django).

Contributions to Annals are published under `CONTRIBUTIONS`; an imported article keeps
the licence of the text it was imported from, and credits where that text comes from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Licence:
    name: str
    url: str


LICENCES = {
    licence.name: licence
    for licence in (
        Licence("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
        Licence("CC BY-SA 3.0", "https://creativecommons.org/licenses/by-sa/3.0/"),
        Licence("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
        Licence("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    )
}
# What everyone who writes here publishes under, as Wikipedia's contributors do: text
# under CC BY-SA 4.0 can be imported, corrected and published again under it.
CONTRIBUTIONS = LICENCES["CC BY-SA 4.0"]
NAME_MAX_LENGTH = max(len(name) for name in LICENCES)
ATTRIBUTION_MAX_LENGTH = 500


@dataclass(frozen=True)
class Credit:
    """Where a set of imported files comes from ("Wikipedia") and the licence of their
    text (a key of LICENCES)."""

    source: str
    licence: str

    def attribution(self, title: str) -> str:
        """How an article imported under this credit names its origin:
        'Wikipedia, CC BY-SA 4.0, “Second Battle of Kidal”'."""
        return f"{self.source}, {self.licence}, “{title}”"[:ATTRIBUTION_MAX_LENGTH]


def credit_read(values: dict) -> Credit:
    """The credit a credit file's `values` give; ValueError, saying what is wrong, when
    they lack the source or name a licence not in LICENCES."""
    source, licence = values.get("source"), values.get("licence")
    if not isinstance(source, str) or not source.strip():
        raise ValueError('it gives no "source" (who wrote the text, e.g. "Wikipedia")')
    if licence not in LICENCES:
        known = ", ".join(LICENCES)
        raise ValueError(f'its "licence" is {licence!r}, not one of: {known}')
    return Credit(source.strip(), licence)
