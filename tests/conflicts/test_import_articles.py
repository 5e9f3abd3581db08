"""`import_articles` creates or updates articles, one transaction per file."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from reversion.models import Revision

from conflicts import selectors
from conflicts.models import Article, ImportNote
from conflicts.services.importing import ImportFailed, article_import
from tests.conftest import FIXTURES, SEED_FILES

pytestmark = pytest.mark.django_db

KIDAL = FIXTURES / "004_499888a3b842d896.txt"

FORMAT_A = """= Battle of Tessit =\r
\r
Infobox\r
- Conflict: Battle of Tessit\r
- Date: 7\u00a0August 2022\r
- Place: Tessit, Mali\r
- Casualties1: 42 killed [3]\r
- Morale: low\r
\r
The Battle of Tessit was fought in August 2022.[1]   \r
\r
== Battle ==\r
Fighting began at dawn.\r
"""


def import_text(tmp_path, text, name="article.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return article_import(path=path)


def current_state(article):
    return selectors.article_state(selectors.article_published().get(pk=article.pk))


def test_the_seed_files_become_five_articles_with_one_revision_each(seed_articles):
    assert sorted(seed_articles) == [
        "1990-menaka-raid",
        "2006-kidal-and-menaka-mutinies",
        "menaka-offensive",
        "second-battle-of-kidal",
        "second-battle-of-menaka",
    ]
    for path in SEED_FILES:
        (revision,) = selectors.article_history(
            Article.objects.get(revisions__revision__comment=f"Imported from {path.name}")
        )
        assert revision.number == 1
        assert revision.revision.user.username == "importer"


def test_the_second_battle_of_kidal_is_stored_as_the_mirror_page_says(kidal):
    state = current_state(kidal)

    assert state.infobox_value("Date") == "16–21 May 2014 (5 days)"
    assert state.infobox_value("Result") == "MNLA Victory"
    assert state.infobox_value("Combatant1") == "Mali"
    assert state.infobox_value("Combatant2") == "Azawad"
    assert (state.latitude, state.longitude) == (Decimal("18.4411"), Decimal("1.4072"))
    assert len(state.references) == 8
    assert "Battle of Gao was fought" not in state.text
    assert "[3]" not in state.text


def test_reimporting_an_unchanged_file_creates_no_revision(kidal):
    revisions = Revision.objects.count()

    outcome = article_import(path=KIDAL)

    assert outcome.action == "unchanged"
    assert outcome.revision is None
    assert Revision.objects.count() == revisions


def test_reimporting_a_changed_file_creates_one_revision_and_keeps_section_ids(kidal, tmp_path):
    section_ids = {s.heading: s.id for s in current_state(kidal).sections}
    changed = KIDAL.read_text(encoding="utf-8").replace("40 killed", "50 killed")

    outcome = import_text(tmp_path, changed, name="kidal-corrected.txt")

    assert outcome.action == "updated"
    assert outcome.revision.number == 2
    assert outcome.revision.revision.comment == "Imported from kidal-corrected.txt"
    state = current_state(kidal)
    assert state.infobox_value("Casualties1").startswith("50 killed")
    assert {s.heading: s.id for s in state.sections} == section_ids


def test_an_article_in_format_a_with_crlf_and_nbsp_imports_cleanly(tmp_path):
    outcome = import_text(tmp_path, FORMAT_A)

    state = current_state(outcome.article)
    assert outcome.article.slug == "battle-of-tessit"
    assert state.infobox_value("Date") == "7 August 2022"
    assert state.infobox_value("Casualties1") == "42 killed"
    assert state.infobox_value("Morale") == "low"
    assert state.lead == "The Battle of Tessit was fought in August 2022."
    assert [(s.heading, s.body) for s in state.sections] == [("Battle", "Fighting began at dawn.")]


def test_what_the_importer_cannot_place_is_kept_as_notes_for_editors(tmp_path):
    text = FORMAT_A.replace("- Morale: low", "this line is not a field")

    outcome = import_text(tmp_path, text)

    assert outcome.notes
    assert any("this line is not a field" in note for note in outcome.notes)
    stored = list(ImportNote.objects.filter(article=outcome.article).values_list("text", flat=True))
    assert stored == list(outcome.notes)
    import_text(tmp_path, text)
    assert ImportNote.objects.filter(article=outcome.article).count() == len(outcome.notes)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \r\n\t\n", "empty"),
        (b"\xff\xfe\x00garbage", "UTF-8"),
    ],
)
def test_an_unusable_file_fails_with_its_name_and_reason_and_writes_nothing(
    tmp_path, content, reason
):
    path = tmp_path / "broken.txt"
    path.write_bytes(content)

    with pytest.raises(ImportFailed) as failed:
        article_import(path=path)

    assert failed.value.source == "broken.txt"
    assert reason in failed.value.reason
    assert not Article.objects.exists()
    assert not Revision.objects.exists()


def test_a_missing_file_fails_with_a_reason(tmp_path):
    with pytest.raises(ImportFailed, match="cannot be read"):
        article_import(path=tmp_path / "missing.txt")


def test_invalid_content_fails_and_leaves_nothing_half_written(tmp_path):
    too_long = FORMAT_A.replace("- Morale: low", "- Morale: " + "x" * 2_001)

    with pytest.raises(ImportFailed, match="2,000"):
        import_text(tmp_path, too_long)

    assert not Article.objects.exists()
    assert not ImportNote.objects.exists()


def test_the_command_imports_the_good_files_reports_the_bad_and_exits_non_zero(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "tessit.txt").write_text(FORMAT_A, encoding="utf-8")

    with pytest.raises(CommandError, match="1 of 2 files"):
        call_command("import_articles", str(tmp_path / "empty.txt"), str(tmp_path / "tessit.txt"))

    output = capsys.readouterr()
    assert "empty.txt" in output.err
    assert "created" in output.out
    assert "Battle of Tessit" in output.out
    assert Article.objects.filter(slug="battle-of-tessit").exists()


def test_the_command_imports_every_text_file_of_a_directory_and_twice_is_harmless(capsys):
    call_command("import_articles", str(FIXTURES))
    call_command("import_articles", str(FIXTURES))

    assert Article.objects.count() == 5
    assert Revision.objects.count() == 5
    assert capsys.readouterr().out.count("unchanged") == 5
