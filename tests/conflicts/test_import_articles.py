"""`import_articles`: one transaction per file; re-imports never overwrite reviewed work."""

import dataclasses
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from reversion.models import Revision

from conflicts import parsing, selectors
from conflicts.models import Article, ImportNote, ImportRecord, Proposal
from conflicts.services import importing
from conflicts.services.importing import ImportFailed, article_import
from conflicts.services.reviews import proposal_approve
from tests.conftest import FIXTURES, SEED_FILES
from tests.factories import propose, publish

pytestmark = pytest.mark.django_db

KIDAL = FIXTURES / "004_499888a3b842d896.txt"
KIDAL_TEXT = KIDAL.read_text(encoding="utf-8")
# The editor's correction of the seed's slip: the body says 50 killed and 40 wounded.
CORRECTED_CASUALTIES = (
    "50 killed, 40 wounded, 70 captured, 50 vehicles captured, "
    "12 armoured vehicles captured (According to the MNLA)"
)

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


def import_kidal(tmp_path, text=KIDAL_TEXT):
    """Import `text` from a file named as the seed file of the Second Battle of Kidal."""
    return import_text(tmp_path, text, name=KIDAL.name)


def current_state(article):
    return selectors.article_state(selectors.article_published().get(pk=article.pk))


def revision_numbers(article):
    return [revision.number for revision in selectors.article_history(article)]


def approve_casualty_correction(article, editor, reviewer):
    """The editor's correction of Casualties1, approved: the article is edited since import."""
    proposal = propose(article, {"infobox": {"Casualties1": CORRECTED_CASUALTIES}}, author=editor)
    return proposal_approve(proposal=proposal, reviewer=reviewer)


def importer_proposals(article):
    return Proposal.objects.filter(article=article, author__username="importer")


def assert_nothing_imported_from(source):
    assert not ImportRecord.objects.filter(source=source).exists()
    assert not ImportNote.objects.filter(source=source).exists()
    assert not Revision.objects.filter(comment=f"Imported from {source}").exists()


# --- Importing ---------------------------------------------------------------------------


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
        record = ImportRecord.objects.get(source=path.name)
        assert record.revision == revision
        assert record.proposal is None


def test_the_second_battle_of_kidal_is_stored_as_the_mirror_page_says(kidal):
    state = current_state(kidal)

    assert state.infobox_value("Conflict") == "Second Battle of Kidal"
    assert state.infobox_value("Date") == "16–21 May 2014 (5 days)"
    assert state.infobox_value("Result") == "MNLA Victory"
    assert state.infobox_value("Combatant1") == "Mali"
    assert state.infobox_value("Combatant2") == "Azawad"
    assert (state.latitude, state.longitude) == (Decimal("18.4411"), Decimal("1.4072"))
    assert len(state.references) == 8
    assert "Battle of Gao was fought" not in state.text
    assert "[3]" not in state.text


def test_an_article_in_format_a_with_crlf_and_nbsp_imports_cleanly(tmp_path):
    outcome = import_text(tmp_path, FORMAT_A)

    state = current_state(outcome.article)
    assert outcome.action == "created"
    assert outcome.article.slug == "battle-of-tessit"
    assert state.infobox_value("Date") == "7 August 2022"
    assert state.infobox_value("Casualties1") == "42 killed"
    assert state.infobox_value("Morale") == "low"
    # The file has no references for its marker to cite: it stays as written, noted.
    assert state.lead == "The Battle of Tessit was fought in August 2022.[1]"
    assert any("citation marker [1]" in note for note in outcome.notes)
    assert [(s.heading, s.body) for s in state.sections] == [("Battle", "Fighting began at dawn.")]


def test_citations_are_stored_by_the_references_ids_and_a_re_import_changes_nothing(kidal):
    state = current_state(kidal)
    ids = [reference.id for reference in state.references]

    assert state.lead.endswith(f"came to visit Kidal.[[ref:{ids[2]}]]")
    assert "[[ref:#" not in state.text
    again = article_import(path=SEED_FILES[4])
    assert again.action == "unchanged"


def test_what_the_importer_cannot_place_is_kept_as_notes_for_editors(tmp_path):
    text = FORMAT_A.replace("- Morale: low", "this line is not a field")

    outcome = import_text(tmp_path, text)

    assert outcome.notes
    assert any("this line is not a field" in note for note in outcome.notes)
    stored = list(ImportNote.objects.filter(article=outcome.article).values_list("text", flat=True))
    assert stored == list(outcome.notes)
    import_text(tmp_path, text)
    assert ImportNote.objects.filter(article=outcome.article).count() == len(outcome.notes)


# --- Re-importing: never over reviewed work ----------------------------------------------


def test_reimporting_an_unchanged_file_after_an_approval_changes_nothing(kidal, editor, reviewer):
    approve_casualty_correction(kidal, editor, reviewer)
    revisions = Revision.objects.count()

    outcome = article_import(path=KIDAL)

    assert outcome.action == "unchanged"
    assert outcome.revision is None
    assert outcome.proposal is None
    assert Revision.objects.count() == revisions
    assert current_state(kidal).infobox_value("Casualties1") == CORRECTED_CASUALTIES
    assert not importer_proposals(kidal).exists()


def test_a_changed_file_for_an_article_nobody_edited_is_published_keeping_section_ids(
    kidal, tmp_path
):
    section_ids = {s.heading: s.id for s in current_state(kidal).sections}

    outcome = import_kidal(tmp_path, KIDAL_TEXT.replace("40 killed", "50 killed"))

    assert outcome.action == "updated"
    assert outcome.article == kidal
    assert outcome.revision.number == 2
    assert outcome.revision.revision.comment == f"Imported from {KIDAL.name}"
    state = current_state(kidal)
    assert state.infobox_value("Casualties1").startswith("50 killed")
    assert {s.heading: s.id for s in state.sections} == section_ids
    assert ImportRecord.objects.get(source=KIDAL.name).revision == outcome.revision


def test_a_changed_file_for_an_edited_article_becomes_a_pending_proposal_by_the_importer(
    kidal, editor, reviewer, tmp_path
):
    first_import = selectors.article_history(kidal).last()
    approve_casualty_correction(kidal, editor, reviewer)

    outcome = import_kidal(tmp_path, KIDAL_TEXT.replace("1,500 [1]", "1,600 [1]"))

    assert outcome.action == "proposed"
    assert outcome.revision is None
    proposal = outcome.proposal
    assert proposal.status == Proposal.Status.PENDING
    assert proposal.author.username == "importer"
    assert proposal.summary == f"Imported from {KIDAL.name}"
    assert proposal.base_revision == first_import
    assert proposal.changes == {"infobox": {"Strength1": "1,600"}}
    assert revision_numbers(kidal) == [2, 1]
    state = current_state(kidal)
    assert state.infobox_value("Strength1") == "1,500"
    assert state.infobox_value("Casualties1") == CORRECTED_CASUALTIES
    record = ImportRecord.objects.get(source=KIDAL.name)
    assert (record.revision, record.proposal) == (first_import, proposal)


def test_another_change_to_the_file_updates_the_open_proposal_instead_of_adding_one(
    kidal, editor, reviewer, tmp_path
):
    approve_casualty_correction(kidal, editor, reviewer)
    first = import_kidal(tmp_path, KIDAL_TEXT.replace("1,500 [1]", "1,600 [1]")).proposal

    changed_again = KIDAL_TEXT.replace("1,500 [1]", "1,700 [1]").replace(
        "MNLA Victory", "Malian withdrawal"
    )
    outcome = import_kidal(tmp_path, changed_again)

    assert outcome.action == "proposed"
    assert outcome.proposal.pk == first.pk
    assert importer_proposals(kidal).count() == 1
    proposal = Proposal.objects.get(pk=first.pk)
    assert proposal.status == Proposal.Status.PENDING
    assert proposal.base_revision == first.base_revision
    assert proposal.changes == {"infobox": {"Strength1": "1,700", "Result": "Malian withdrawal"}}
    assert revision_numbers(kidal) == [2, 1]


def test_approving_the_importers_proposal_merges_three_ways_and_keeps_the_editors_correction(
    kidal, editor, reviewer, tmp_path
):
    approve_casualty_correction(kidal, editor, reviewer)
    proposal = import_kidal(tmp_path, KIDAL_TEXT.replace("1,500 [1]", "1,600 [1]")).proposal

    revision = proposal_approve(proposal=proposal, reviewer=reviewer)

    assert revision.number == 3
    assert revision.revision.user.username == "importer"
    state = current_state(kidal)
    assert state.infobox_value("Strength1") == "1,600"
    assert state.infobox_value("Casualties1") == CORRECTED_CASUALTIES


def test_a_file_changed_back_to_what_was_imported_withdraws_the_importers_proposal(
    kidal, editor, reviewer, tmp_path
):
    approve_casualty_correction(kidal, editor, reviewer)
    proposal = import_kidal(tmp_path, KIDAL_TEXT.replace("1,500 [1]", "1,600 [1]")).proposal

    outcome = import_kidal(tmp_path)

    assert outcome.action == "unchanged"
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.WITHDRAWN
    assert revision_numbers(kidal) == [2, 1]
    assert ImportRecord.objects.get(source=KIDAL.name).proposal is None


def test_a_changed_file_that_reads_like_the_published_article_is_recorded_without_a_revision(
    kidal, editor, reviewer, tmp_path
):
    strength = propose(kidal, {"infobox": {"Strength1": "1,600"}}, author=editor)
    corrected = proposal_approve(proposal=strength, reviewer=reviewer)
    changed = KIDAL_TEXT.replace("1,500 [1]", "1,600 [1]")

    outcome = import_kidal(tmp_path, changed)

    assert outcome.action == "unchanged"
    assert revision_numbers(kidal) == [2, 1]
    assert ImportRecord.objects.get(source=KIDAL.name).revision == corrected
    # The file's content is the current revision now, so its next change is published.
    assert import_kidal(tmp_path, changed.replace("MNLA Victory", "Draw")).action == "updated"
    assert revision_numbers(kidal) == [3, 2, 1]


def import_with_the_previous_parser(monkeypatch, tmp_path):
    """Import the Kidal seed as the parser before this version did: without a Conflict key."""
    real_parse = parsing.parse_article

    def parse_without_conflict(text):
        parsed = real_parse(text)
        infobox = tuple(entry for entry in parsed.state.infobox if entry.key != "Conflict")
        return dataclasses.replace(parsed, state=parsed.state.replace(infobox=infobox))

    with monkeypatch.context() as previous:
        previous.setattr(parsing, "PARSER_VERSION", parsing.PARSER_VERSION - 1)
        previous.setattr(parsing, "parse_article", parse_without_conflict)
        return import_kidal(tmp_path).article


def test_a_parser_fix_reimports_an_unedited_article_through_the_same_rules(monkeypatch, tmp_path):
    kidal = import_with_the_previous_parser(monkeypatch, tmp_path)
    assert current_state(kidal).infobox_value("Conflict") == ""

    outcome = import_kidal(tmp_path)

    assert outcome.action == "updated"
    assert current_state(kidal).infobox_value("Conflict") == "Second Battle of Kidal"
    assert import_kidal(tmp_path).action == "unchanged"
    assert revision_numbers(kidal) == [2, 1]


def test_a_parser_fix_for_an_edited_article_is_proposed(monkeypatch, tmp_path, editor, reviewer):
    kidal = import_with_the_previous_parser(monkeypatch, tmp_path)
    approve_casualty_correction(kidal, editor, reviewer)

    outcome = import_kidal(tmp_path)

    assert outcome.action == "proposed"
    assert outcome.proposal.changes["infobox"] == {"Conflict": "Second Battle of Kidal"}
    assert current_state(kidal).infobox_value("Conflict") == ""
    assert revision_numbers(kidal) == [2, 1]


def test_a_new_parser_version_alone_changes_nothing_when_the_content_is_the_same(
    monkeypatch, kidal, editor, reviewer
):
    approve_casualty_correction(kidal, editor, reviewer)
    monkeypatch.setattr(parsing, "PARSER_VERSION", parsing.PARSER_VERSION + 1)

    outcome = article_import(path=KIDAL)

    assert outcome.action == "unchanged"
    assert not importer_proposals(kidal).exists()
    assert revision_numbers(kidal) == [2, 1]


# --- Articles imported before import records were kept -----------------------------------


def test_an_article_imported_before_import_records_and_not_edited_since_is_updated(kidal, tmp_path):
    ImportRecord.objects.all().delete()

    outcome = import_kidal(tmp_path, KIDAL_TEXT.replace("1,500 [1]", "1,600 [1]"))

    assert outcome.action == "updated"
    assert outcome.article == kidal
    assert revision_numbers(kidal) == [2, 1]
    assert ImportRecord.objects.get(source=KIDAL.name).revision == outcome.revision


def test_an_article_imported_before_import_records_and_edited_since_gets_a_proposal(
    kidal, editor, reviewer, tmp_path
):
    first_import = selectors.article_history(kidal).last()
    ImportRecord.objects.all().delete()
    approve_casualty_correction(kidal, editor, reviewer)

    outcome = import_kidal(tmp_path, KIDAL_TEXT.replace("1,500 [1]", "1,600 [1]"))

    assert outcome.action == "proposed"
    assert outcome.proposal.base_revision == first_import
    assert outcome.proposal.changes == {"infobox": {"Strength1": "1,600"}}
    assert current_state(kidal).infobox_value("Casualties1") == CORRECTED_CASUALTIES


def test_an_article_imported_before_import_records_reads_unchanged_when_equal(kidal):
    ImportRecord.objects.all().delete()

    outcome = article_import(path=KIDAL)

    assert outcome.action == "unchanged"
    assert revision_numbers(kidal) == [1]
    assert ImportRecord.objects.get(source=KIDAL.name).article == kidal


def test_a_file_titled_like_an_article_it_never_made_is_proposed_on_its_current_revision(
    editor, tmp_path
):
    written = publish(title="Battle of Tessit", author=editor, summary="Written by hand")

    outcome = import_text(tmp_path, FORMAT_A, name="tessit.txt")

    assert outcome.action == "proposed"
    assert outcome.article == written.article
    assert outcome.proposal.base_revision == written
    assert revision_numbers(written.article) == [1]
    assert current_state(written.article).lead != "The Battle of Tessit was fought in August 2022."


def test_a_second_file_with_the_same_title_finds_the_article_and_changes_nothing_when_equal(
    tmp_path,
):
    first = import_text(tmp_path, FORMAT_A, name="tessit.txt")

    outcome = import_text(tmp_path, FORMAT_A, name="tessit-copy.txt")

    assert outcome.action == "unchanged"
    assert outcome.article == first.article
    assert Article.objects.count() == 1
    assert ImportRecord.objects.get(source="tessit-copy.txt").article == first.article


# --- Titles and slugs ---------------------------------------------------------------------


def test_different_titles_with_the_same_slug_become_distinct_articles(tmp_path):
    accented = import_text(tmp_path, "= Raid on Ménaka =\n\nThe first raid.\n", name="a.txt")
    plain = import_text(tmp_path, "= Raid on Menaka =\n\nThe second raid.\n", name="b.txt")
    third = import_text(tmp_path, "= Raid on Menaka! =\n\nThe third raid.\n", name="c.txt")

    assert [o.action for o in (accented, plain, third)] == ["created"] * 3
    assert [o.article.slug for o in (accented, plain, third)] == [
        "raid-on-menaka",
        "raid-on-menaka-2",
        "raid-on-menaka-3",
    ]
    assert current_state(accented.article).lead == "The first raid."
    assert current_state(plain.article).lead == "The second raid."
    changed = import_text(tmp_path, "= Raid on Menaka =\n\nThe second raid, corrected.\n", "b.txt")
    assert (changed.action, changed.article) == ("updated", plain.article)
    assert current_state(accented.article).lead == "The first raid."


def test_a_title_without_letters_or_digits_is_refused_with_a_reason(tmp_path):
    with pytest.raises(ImportFailed) as failed:
        import_text(tmp_path, "= !!! ??? =\n\nSome text.\n", name="marks.txt")

    assert failed.value.reason == "the title has no letters or digits"
    assert not Article.objects.exists()
    assert_nothing_imported_from("marks.txt")


# --- Files that cannot be imported --------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the file is empty"),
        (b"   \r\n\t\n", "the file is empty"),
        (b"\xff\xfe\x00garbage", "is not UTF-8 text (byte 0xFF at line 1)"),
        (b"= Raid on Kidal =\n\nCaf\xe9 Kidal.\n", "is not UTF-8 text (byte 0xE9 at line 3)"),
        (b"= Raid on Kidal =\n\nA lead\x00.\n", "contains a NUL character at line 3"),
        (b"= Raid on Kidal =\n\x07\n", "contains a control character (U+0007) at line 2"),
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
    assert failed.value.reason == reason
    assert not Article.objects.exists()
    assert not Revision.objects.exists()
    assert_nothing_imported_from("broken.txt")


def test_a_missing_file_fails_with_a_reason(tmp_path):
    with pytest.raises(ImportFailed, match="cannot be read"):
        article_import(path=tmp_path / "missing.txt")


def test_invalid_content_fails_and_leaves_nothing_half_written(tmp_path):
    too_long = FORMAT_A.replace("- Morale: low", "- Morale: " + "x" * 2_001)

    with pytest.raises(ImportFailed, match="2,000"):
        import_text(tmp_path, too_long)

    assert not Article.objects.exists()
    assert_nothing_imported_from("article.txt")


# --- The command ---------------------------------------------------------------------------


def test_the_command_imports_the_good_files_reports_the_bad_and_exits_non_zero(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "tessit.txt").write_text(FORMAT_A, encoding="utf-8")

    with pytest.raises(CommandError, match="1 of 2 files"):
        call_command("import_articles", str(tmp_path / "empty.txt"), str(tmp_path / "tessit.txt"))

    output = capsys.readouterr()
    assert "failed     empty.txt: the file is empty" in output.err
    assert "created    tessit.txt → Battle of Tessit" in output.out
    assert "2 files: 1 created, 0 updated, 0 unchanged, 0 proposed for review, 1 failed." in (
        output.out
    )
    assert Article.objects.filter(slug="battle-of-tessit").exists()


def test_a_file_with_a_nul_byte_in_the_middle_of_a_directory_fails_alone(tmp_path, capsys):
    (tmp_path / "a-tessit.txt").write_text(FORMAT_A, encoding="utf-8")
    (tmp_path / "b-binary.txt").write_bytes(b"= Raid on Kidal =\n\nA lead.\n\x00\x01\x02\n")
    (tmp_path / "c-menaka.txt").write_text("= Raid on Menaka =\n\nA raid.\n", encoding="utf-8")

    with pytest.raises(CommandError, match="1 of 3 files could not be imported"):
        call_command("import_articles", str(tmp_path))

    output = capsys.readouterr()
    assert "b-binary.txt: contains a NUL character at line 4" in output.err
    assert "Traceback" not in output.err
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "Battle of Tessit",
        "Raid on Menaka",
    ]
    assert_nothing_imported_from("b-binary.txt")


def test_a_database_error_in_one_file_leaves_nothing_of_it_and_the_others_are_imported(
    tmp_path, capsys, monkeypatch
):
    real_create = importing.article_create

    def create_then_fail_for_tessit(**kwargs):
        revision = real_create(**kwargs)
        if revision.article.title == "Battle of Tessit":
            with connection.cursor() as cursor:
                cursor.execute("SELECT * FROM annals_table_that_does_not_exist")
        return revision

    monkeypatch.setattr(importing, "article_create", create_then_fail_for_tessit)
    (tmp_path / "a-menaka.txt").write_text("= Raid on Menaka =\n\nA raid.\n", encoding="utf-8")
    (tmp_path / "b-tessit.txt").write_text(FORMAT_A, encoding="utf-8")
    (tmp_path / "c-kidal.txt").write_text("= Raid on Kidal =\n\nA raid.\n", encoding="utf-8")

    with pytest.raises(CommandError, match="1 of 3 files could not be imported"):
        call_command("import_articles", str(tmp_path))

    output = capsys.readouterr()
    # The driver's error, whichever the database: OperationalError or ProgrammingError.
    assert "failed     b-tessit.txt: " in output.err
    assert "annals_table_that_does_not_exist" in output.err
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "Raid on Kidal",
        "Raid on Menaka",
    ]
    assert_nothing_imported_from("b-tessit.txt")
    assert ImportRecord.objects.count() == 2


def test_the_command_reports_a_proposal_with_its_address(kidal, editor, reviewer, tmp_path, capsys):
    approve_casualty_correction(kidal, editor, reviewer)
    path = tmp_path / KIDAL.name
    path.write_text(KIDAL_TEXT.replace("1,500 [1]", "1,600 [1]"), encoding="utf-8")

    call_command("import_articles", str(path))

    proposal = importer_proposals(kidal).get()
    output = capsys.readouterr().out
    assert f"proposed   {KIDAL.name} → Second Battle of Kidal" in output
    assert f"for review at /proposals/{proposal.pk}/" in output
    assert "1 file: 0 created, 0 updated, 0 unchanged, 1 proposed for review, 0 failed." in output


def test_running_again_says_the_importers_proposal_still_awaits_review(
    kidal, editor, reviewer, tmp_path, capsys
):
    approve_casualty_correction(kidal, editor, reviewer)
    path = tmp_path / KIDAL.name
    path.write_text(KIDAL_TEXT.replace("1,500 [1]", "1,600 [1]"), encoding="utf-8")
    call_command("import_articles", str(path))

    call_command("import_articles", str(path))

    proposal = importer_proposals(kidal).get()
    output = capsys.readouterr().out.splitlines()
    assert (
        f"unchanged  {KIDAL.name} → Second Battle of Kidal (/articles/second-battle-of-kidal/): "
        f"its proposal still awaits review at /proposals/{proposal.pk}/"
    ) in output


def test_the_command_imports_every_text_file_of_a_directory_and_twice_is_harmless(capsys):
    call_command("import_articles", str(FIXTURES))
    call_command("import_articles", str(FIXTURES))

    assert Article.objects.count() == 5
    assert Revision.objects.count() == 5
    output = capsys.readouterr().out
    assert "5 files: 5 created, 0 updated, 0 unchanged, 0 proposed for review, 0 failed." in output
    assert "5 files: 0 created, 0 updated, 5 unchanged, 0 proposed for review, 0 failed." in output


# --- Credit: where imported text comes from, and its licence ---------------------------------


def test_the_seed_articles_credit_wikipedia_under_cc_by_sa(seed_articles):
    for article in Article.objects.all():
        assert article.licence == "CC BY-SA 4.0"
        assert article.attribution == f"Wikipedia, CC BY-SA 4.0, “{article.title}”"


def test_a_file_without_a_credit_file_beside_it_is_under_the_contributions_licence(tmp_path):
    article = import_text(tmp_path, FORMAT_A).article

    article.refresh_from_db()
    assert (article.licence, article.attribution) == ("CC BY-SA 4.0", "")


def test_reimporting_credits_an_article_imported_before_its_credit_file_was_there(tmp_path):
    article = import_text(tmp_path, FORMAT_A).article
    (tmp_path / "CREDIT.toml").write_text('source = "Maliweb"\nlicence = "CC BY 4.0"\n')

    outcome = import_text(tmp_path, FORMAT_A)

    assert outcome.action == "unchanged"
    article.refresh_from_db()
    assert (article.licence, article.attribution) == (
        "CC BY 4.0",
        "Maliweb, CC BY 4.0, “Battle of Tessit”",
    )


@pytest.mark.parametrize(
    ("credit", "reason"),
    [
        ('source = "Maliweb"\nlicence = "All rights reserved"\n', "not one of: CC BY-SA 4.0"),
        ('licence = "CC BY 4.0"\n', 'gives no "source"'),
        ("source = Maliweb\n", "cannot be read"),
    ],
)
def test_a_credit_file_that_is_not_valid_fails_the_import_saying_why(tmp_path, credit, reason):
    (tmp_path / "CREDIT.toml").write_text(credit)

    with pytest.raises(ImportFailed) as failed:
        import_text(tmp_path, FORMAT_A)

    assert reason in failed.value.reason
    assert not Article.objects.exists()
