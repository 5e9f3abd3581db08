"""Licences and the credit of imported text; no database."""

import pytest

from conflicts.licences import CONTRIBUTIONS, LICENCES, Credit, credit_read


def test_contributions_are_published_under_cc_by_sa_4():
    assert CONTRIBUTIONS.name == "CC BY-SA 4.0"
    assert CONTRIBUTIONS.url == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert LICENCES[CONTRIBUTIONS.name] is CONTRIBUTIONS


def test_a_credit_names_its_source_licence_and_the_title():
    credit = credit_read({"source": " Wikipedia ", "licence": "CC BY-SA 4.0"})

    assert credit == Credit("Wikipedia", "CC BY-SA 4.0")
    assert credit.attribution("Second Battle of Kidal") == (
        "Wikipedia, CC BY-SA 4.0, “Second Battle of Kidal”"
    )


def test_a_long_title_keeps_the_attribution_within_its_limit():
    assert len(Credit("Wikipedia", "CC BY-SA 4.0").attribution("x" * 600)) == 500


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"licence": "CC BY-SA 4.0"}, 'gives no "source"'),
        ({"source": " ", "licence": "CC BY-SA 4.0"}, 'gives no "source"'),
        ({"source": 3, "licence": "CC BY-SA 4.0"}, 'gives no "source"'),
        ({"source": "Wikipedia"}, 'its "licence" is None, not one of'),
        ({"source": "Wikipedia", "licence": "GFDL"}, "its \"licence\" is 'GFDL', not one of"),
    ],
)
def test_a_credit_without_a_source_or_with_an_unknown_licence_is_refused(values, message):
    with pytest.raises(ValueError, match=message):
        credit_read(values)
