"""The licence on the pages: an imported article credits its source, every page names
the licence contributions are published under, and the forms that take them say it."""

import pytest

from tests.conflicts.pages import html, signed_in
from tests.factories import ArticleStateFactory, publish

pytestmark = pytest.mark.django_db

CC_BY_SA = (
    '<a href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license">CC BY-SA 4.0</a>'
)


def test_an_imported_article_credits_its_source_and_licence(client, kidal):
    page = html(client.get(kidal.get_absolute_url()))

    licence = page[page.index('<p class="article__licence">') :].split("</p>")[0]
    assert "Text from Wikipedia, CC BY-SA 4.0, “Second Battle of Kidal”" in licence
    assert f"Available under {CC_BY_SA}" in licence


def test_an_article_written_here_names_only_its_licence(client, db):
    article = publish(ArticleStateFactory()).article

    page = html(client.get(article.get_absolute_url()))

    licence = page[page.index('<p class="article__licence">') :].split("</p>")[0]
    assert "Text from" not in licence
    assert f"Available under {CC_BY_SA}." in licence


@pytest.mark.parametrize("path", ["/", "/recent/", "/accounts/login/"])
def test_every_page_names_the_licence_of_contributions(client, db, path):
    footer = html(client.get(path)).split('<footer class="site-footer">')[1]

    assert f"Contributions are published under {CC_BY_SA}" in footer


def test_signing_up_says_under_which_licence_contributions_are_published(client, db):
    page = html(client.get("/accounts/signup/"))
    form = page.split('action="/accounts/signup/"')[1].split("</form>")[0]

    assert f"under {CC_BY_SA}" in form


@pytest.mark.parametrize("query", ["", "?part=lead", "?field=Casualties1"])
def test_each_correction_form_says_it(kidal, editor, query):
    form = html(signed_in(editor).get(f"{kidal.get_absolute_url()}propose/{query}"))

    assert f"Once approved, your contribution is published under {CC_BY_SA}" in form
