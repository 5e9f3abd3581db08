"""A generated corpus of seed-shaped articles, for benchmarks and for testing at scale.

Everything is published the way the site publishes it: articles through
`articles_create_in_bulk`, which writes exactly the rows and history `article_create` does,
a batch at a time, and every later revision as an editor's proposal approved by a reviewer
(`proposal_create`, `proposal_approve`), so the rows and the history are exactly what
publishing produces. The text is a deterministic function of a seed and an article's
number: the same arguments give the same corpus, and `append` continues one. Nothing
here deletes anything.

The corpus holds `count` ordinary articles (title, lead, an infobox of about a dozen
rows, about twelve sections, references, coordinates, like the seeds in `fixtures/`),
one long article (about 22,000 characters, 20 infobox rows, 12 sections) that collects
one-field corrections, and one article of 200 sections with two revisions. Article 0
alone holds `RARE_WORD`; four articles in five hold `COMMON_WORD`; article 0's title
names Kidal, which `MISSPELT_TITLE_WORD` misspells.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from accounts.roles import REVIEWERS_GROUP
from conflicts import models as m
from conflicts import selectors
from conflicts.document import ArticleState, InfoboxEntry, ReferenceState, SectionState
from conflicts.services.articles import article_create, articles_create_in_bulk
from conflicts.services.proposals import proposal_create
from conflicts.services.reviews import proposal_approve

# Searchable on purpose: in exactly one ordinary article (number 0), and in four
# ordinary articles of five (those whose number is not 4 modulo 5). Neither is in any
# word list below, so nothing else brings them in.
RARE_WORD = "heliograph"
COMMON_WORD = "garrison"
# A misspelling of "Kidal", which article 0's title names: full-text search finds
# nothing for it, title suggestions do.
MISSPELT_TITLE_WORD = "Kidl"

AUTHOR_USERNAME = "corpus"
EDITOR_USERNAME = "corpus-editor"
REVIEWER_USERNAME = "corpus-reviewer"

ARTICLE_SUMMARY = "Generated corpus article"
CORRECTION_SOURCE = "Generated correction (Annals' generated corpus)"
LONG_ARTICLE_TITLE = "Campaign for the Niger Bend"
LONG_ARTICLE_SUMMARY = "Generated long article"
SECTIONED_ARTICLE_TITLE = "Chronicle of the Sahel wars"
SECTIONED_ARTICLE_SUMMARY = "Generated article of 200 sections"
SECTIONED_ARTICLE_SECTIONS = 200
LONG_ARTICLE_SIZE = 22_000
LONG_ARTICLE_SECTIONS = 12

# The infobox fields that one-field corrections change, in turn.
CORRECTED_KEYS = ("Casualties1", "Casualties2", "Strength1", "Strength2")

# Told the stage ("articles" or "revisions"), items done and items in it: with 0 done
# when the stage starts, then after each transaction.
Progress = Callable[[str, int, int], None]


class CorpusExists(Exception):
    """The database already holds a generated corpus, and appending was not asked for."""


# --- Accounts --------------------------------------------------------------------------


@dataclass(frozen=True)
class CorpusAccounts:
    author: object  # publishes the generated articles
    editor: object  # proposes the corrections
    reviewer: object  # approves them; a member of the reviewers group


def corpus_accounts() -> CorpusAccounts:
    """The three accounts the corpus is written by, created (without a usable password)
    when missing."""
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    author, editor, reviewer = (
        _account(username) for username in (AUTHOR_USERNAME, EDITOR_USERNAME, REVIEWER_USERNAME)
    )
    reviewer.groups.add(reviewers)
    return CorpusAccounts(author=author, editor=editor, reviewer=reviewer)


def _account(username: str):
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": "Corpus", "last_name": username}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


# --- What is there ---------------------------------------------------------------------


def _first_revisions(summary: str):
    return m.ArticleRevision.objects.filter(
        number=1, revision__user__username=AUTHOR_USERNAME, revision__comment=summary
    )


def corpus_article_count() -> int:
    """How many ordinary corpus articles the database holds (numbered 0 to count - 1)."""
    return _first_revisions(ARTICLE_SUMMARY).count()


def corpus_exists() -> bool:
    """Whether any article of a generated corpus is in the database."""
    return m.ArticleRevision.objects.filter(
        number=1, revision__user__username=AUTHOR_USERNAME
    ).exists()


def _corpus_article(summary: str, title: str) -> m.Article | None:
    first = _first_revisions(summary).filter(article__title=title).select_related("article")
    revision = first.first()
    return revision.article if revision else None


# --- Writing ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CorpusReport:
    """What `corpus_generate` wrote, and how long each part took (seconds)."""

    first_number: int
    articles: int
    articles_seconds: float
    long_article: m.Article
    corrections: int
    corrections_seconds: float
    sectioned_article: m.Article
    sectioned_article_created: bool


def corpus_generate(
    *,
    articles: int,
    revisions_of_long: int = 0,
    seed: int = 0,
    append: bool = False,
    batch_size: int = 500,
    progress: Progress | None = None,
) -> CorpusReport:
    """Write a corpus: `articles` ordinary articles, the long article with
    `revisions_of_long` one-field corrections approved on top of its first revision, and
    the 200-section article; then VACUUM ANALYZE (`corpus_statistics_refresh`).

    With `append`, ordinary articles continue from the last number there, corrections
    are added to the long article, and the long and 200-section articles are created only
    when missing. Raises ValueError for a negative count or a batch size below 1, and
    CorpusExists when a corpus is there and `append` is false (nothing is written then).
    """
    if articles < 0 or revisions_of_long < 0:
        raise ValueError("The numbers of articles and revisions cannot be negative.")
    if batch_size < 1:
        raise ValueError("The batch size must be at least 1.")
    if not append and corpus_exists():
        raise CorpusExists(
            f"A generated corpus is already there ({corpus_article_count():,} articles by "
            f"“{AUTHOR_USERNAME}”)."
        )
    accounts = corpus_accounts()
    first_number = corpus_article_count() if append else 0

    started = time.perf_counter()
    corpus_articles_create(
        count=articles,
        start=first_number,
        seed=seed,
        author=accounts.author,
        batch_size=batch_size,
        progress=progress,
    )
    articles_seconds = time.perf_counter() - started

    long_article = _corpus_article(LONG_ARTICLE_SUMMARY, LONG_ARTICLE_TITLE)
    if long_article is None:
        long_article = corpus_long_article_create(seed=seed, author=accounts.author)
    started = time.perf_counter()
    corpus_corrections_publish(
        article=long_article,
        count=revisions_of_long,
        accounts=accounts,
        batch_size=max(1, batch_size // 5),
        progress=progress,
    )
    corrections_seconds = time.perf_counter() - started

    sectioned_article = _corpus_article(SECTIONED_ARTICLE_SUMMARY, SECTIONED_ARTICLE_TITLE)
    sectioned_created = sectioned_article is None
    if sectioned_created:
        sectioned_article = corpus_sectioned_article_create(seed=seed, accounts=accounts)
    corpus_statistics_refresh(vacuum=True)
    return CorpusReport(
        first_number=first_number,
        articles=articles,
        articles_seconds=articles_seconds,
        long_article=long_article,
        corrections=revisions_of_long,
        corrections_seconds=corrections_seconds,
        sectioned_article=sectioned_article,
        sectioned_article_created=sectioned_created,
    )


def corpus_articles_create(
    *,
    count: int,
    start: int = 0,
    seed: int = 0,
    author=None,
    batch_size: int = 500,
    progress: Progress | None = None,
) -> None:
    """Publish ordinary articles number `start` to `start + count - 1`
    (`corpus_article_state`), `batch_size` at a time in bulk, each batch in a transaction.
    Planner statistics are refreshed as the corpus doubles."""
    author = author or corpus_accounts().author
    if progress:
        progress("articles", 0, count)
    for batch_start in range(start, start + count, batch_size):
        batch_end = min(batch_start + batch_size, start + count)
        states = [corpus_article_state(number=n, seed=seed) for n in range(batch_start, batch_end)]
        try:
            articles_create_in_bulk(states=states, author=author, summary=ARTICLE_SUMMARY)
        except ValidationError:
            # A title's slug is taken (by an article of the database's own, say):
            # `article_create` suffixes it.
            with transaction.atomic():
                for state in states:
                    article_create(state=state, author=author, summary=ARTICLE_SUMMARY)
        if _is_power_of_two(batch_end // batch_size):
            corpus_statistics_refresh()
        if progress:
            progress("articles", batch_end - start, count)


def corpus_long_article_create(
    *, title: str = LONG_ARTICLE_TITLE, seed: int = 0, author=None
) -> m.Article:
    """Publish a long article (`corpus_long_article_state`) with its first revision."""
    state = corpus_long_article_state(title=title, seed=seed)
    return article_create(
        state=state, author=author or corpus_accounts().author, summary=LONG_ARTICLE_SUMMARY
    ).article


def corpus_corrections_publish(
    *,
    article: m.Article,
    count: int,
    accounts: CorpusAccounts | None = None,
    batch_size: int = 100,
    progress: Progress | None = None,
) -> None:
    """Publish `count` one-field corrections to `article`: each proposed by the corpus
    editor (`corpus_correction_propose`) and approved by the corpus reviewer,
    `batch_size` to a transaction. Planner statistics are refreshed as the history
    doubles."""
    accounts = accounts or corpus_accounts()
    if progress:
        progress("revisions", 0, count)
    for batch_start in range(0, count, batch_size):
        batch_end = min(batch_start + batch_size, count)
        with transaction.atomic():
            for _ in range(batch_start, batch_end):
                proposal = corpus_correction_propose(article=article, author=accounts.editor)
                revision = proposal_approve(proposal=proposal, reviewer=accounts.reviewer)
        if _is_power_of_two(revision.number // batch_size):
            corpus_statistics_refresh()
        if progress:
            progress("revisions", batch_end, count)


def corpus_statistics_refresh(*, vacuum: bool = False) -> None:
    """Bring PostgreSQL's planner statistics up to date, and with `vacuum` reclaim dead
    rows too, as autovacuum would (it may be off): on tables it believes small, the
    planner picks plans that crawl once they have grown. Inside a transaction, where
    VACUUM cannot run, only ANALYZE does. Nothing to do on SQLite."""
    if connection.vendor != "postgresql":
        return
    vacuum = vacuum and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


def _is_power_of_two(number: int) -> bool:
    # Refreshing statistics each time the data has doubled costs little in all.
    return number > 0 and number & (number - 1) == 0


def corpus_correction_propose(*, article: m.Article, author, key: str | None = None) -> m.Proposal:
    """A pending proposal by `author` that changes one infobox value of `article`, based
    on its current revision: `key` (default: the next of CORRECTED_KEYS, by revision
    number) gets a value of its own for that revision number, so it always changes.

    Proposals for different keys made on the same revision merge without conflict.
    """
    base = selectors.article_current_revision(article)
    key = key or CORRECTED_KEYS[base.number % len(CORRECTED_KEYS)]
    return proposal_create(
        article=article,
        author=author,
        base_revision=base,
        changes={"infobox": {key: correction_value(key, base.number)}},
        summary=f"Correct {key} from the sources",
        # One source for them all: the first approval adds it to the references, and the
        # later ones cite it again (`citations.state_with_source`).
        source=CORRECTION_SOURCE,
    )


def correction_value(key: str, number: int) -> str:
    """The value a correction made on revision `number` gives `key`; a different value
    for each number."""
    if key.startswith("Casualties"):
        return f"{20 + number % 80} killed, {30 + number // 80} wounded"
    if key.startswith("Strength"):
        return f"{1_000 + number:,} soldiers"
    return f"Revised on revision {number}"


def corpus_sectioned_article_create(
    *, seed: int = 0, accounts: CorpusAccounts | None = None
) -> m.Article:
    """Publish the 200-section article, then a second revision through review that adds
    a sentence to three sections and changes the infobox Result."""
    accounts = accounts or corpus_accounts()
    with transaction.atomic():
        article = article_create(
            state=corpus_sectioned_article_state(seed=seed),
            author=accounts.author,
            summary=SECTIONED_ARTICLE_SUMMARY,
        ).article
        state = selectors.article_state(selectors.article_published().get(pk=article.pk))
        sections = list(state.sections)
        for position in (3, len(sections) // 2, len(sections) - 2):
            section = sections[position]
            sections[position] = section.replace(
                body=f"{section.body}\nA later account of the {section.heading.lower()} "
                "corrects the figures given above."
            )
        proposal = proposal_create(
            article=article,
            author=accounts.editor,
            proposed=state.replace(
                sections=tuple(sections),
                infobox=tuple(
                    InfoboxEntry(
                        e.key, "Contested; see the chronicle" if e.key == "Result" else e.value
                    )
                    for e in state.infobox
                ),
            ),
            summary="Correct three sections and the result",
            source=CORRECTION_SOURCE,
        )
        proposal_approve(proposal=proposal, reviewer=accounts.reviewer)
    return article


# --- Content (no database) -------------------------------------------------------------


@dataclass(frozen=True)
class _Country:
    name: str
    latitude: float
    longitude: float
    places: tuple[str, ...]
    wars: tuple[str, ...]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split("|"))


def _country(name, latitude, longitude, places, wars) -> _Country:
    return _Country(name, latitude, longitude, _words(places), _words(wars))


_COUNTRIES = (
    _country(
        "Mali",
        16.5,
        -2.0,
        "Kidal|Gao|Tombouctou|Ménaka|Ségou|Mopti|Sévaré|Konna|Diabaly|Tessalit|Aguelhok|"
        "Anéfis|Léré|Nampala|Ténenkou|Djenné|Bandiagara|Boulkessi|Ansongo|Bourem|Niafunké|"
        "Goundam|Tin-Essako|Abeïbara|Tessit|Hombori|Douentza|Kayes|Sikasso|Inékar",
        "Mali War|Tuareg rebellion of 2012|Northern Mali conflict|Tuareg rebellion (1990–1995)",
    ),
    _country(
        "Niger",
        15.5,
        6.0,
        "Niamey|Agadez|Tillabéri|Diffa|Arlit|Zinder|Tahoua|Inatès|Chinégodar|Bosso|Ouallam|Ayorou",
        "Insurgency in the Maghreb|Tuareg rebellion (2007–2009)|Boko Haram insurgency",
    ),
    _country(
        "Burkina Faso",
        12.5,
        -1.5,
        "Djibo|Arbinda|Kaya|Dori|Fada N'Gourma|Ouahigouya|Solhan|Seytenga|Barsalogho|Koudougou",
        "Jihadist insurgency in Burkina Faso|Agacher Strip War",
    ),
    _country(
        "Mauritania",
        19.0,
        -10.5,
        "Néma|Nouakchott|Bassikounou|Zouérat|Atar",
        "Western Sahara War|Insurgency in the Maghreb",
    ),
    _country(
        "Algeria",
        25.0,
        4.0,
        "Tamanrasset|Djanet|In Amenas|Ouargla|Bordj Badji Mokhtar",
        "Algerian Civil War|Insurgency in the Maghreb",
    ),
    _country(
        "Libya",
        28.0,
        17.0,
        "Sebha|Ghat|Koufra|Misrata|Sirte|Benghazi|Ajdabiya|Brega|Derna|Tobruk|Zawiya|Gharyan",
        "First Libyan Civil War|Second Libyan Civil War|Chadian–Libyan War",
    ),
    _country(
        "Chad",
        14.5,
        19.0,
        "Abéché|N'Djamena|Faya-Largeau|Bardaï|Adré|Mongo",
        "Chadian Civil War (2005–2010)|Chadian–Libyan War|Boko Haram insurgency",
    ),
    _country(
        "Nigeria",
        11.5,
        13.0,
        "Maiduguri|Bama|Gwoza|Damboa|Monguno|Baga|Konduga",
        "Boko Haram insurgency|Nigerian Civil War",
    ),
    _country(
        "Sudan",
        13.5,
        27.0,
        "El Fasher|Nyala|Kassala|Geneina|Kadugli|Omdurman",
        "War in Darfur|Sudanese civil war (2023–present)|Second Sudanese Civil War",
    ),
    _country(
        "South Sudan",
        7.5,
        30.5,
        "Juba|Malakal|Bor|Wau|Bentiu",
        "South Sudanese Civil War|Second Sudanese Civil War",
    ),
    _country(
        "DR Congo",
        -1.0,
        28.5,
        "Goma|Bunia|Béni|Kisangani|Bukavu|Uvira|Rutshuru",
        "Kivu conflict|Second Congo War|Ituri conflict|M23 rebellion",
    ),
    _country(
        "Central African Republic",
        6.5,
        20.5,
        "Bangui|Bria|Birao|Kaga-Bandoro|Bambari",
        "Central African Republic Civil War|Central African Republic Bush War",
    ),
    _country(
        "Somalia",
        3.5,
        45.0,
        "Mogadishu|Kismayo|Baidoa|Beledweyne|Afgooye",
        "Somali Civil War|War in Somalia (2006–2009)|Al-Shabaab insurgency",
    ),
    _country(
        "Ethiopia",
        12.5,
        38.0,
        "Gondar|Mekelle|Dessie|Shire|Humera",
        "Tigray War|Ethiopian Civil War|Eritrean–Ethiopian War",
    ),
    _country(
        "Yemen",
        15.0,
        46.0,
        "Aden|Marib|Hodeidah|Taiz|Mukalla",
        "Yemeni civil war (2014–present)|Houthi insurgency",
    ),
    _country(
        "Iraq",
        34.0,
        43.0,
        "Mosul|Tikrit|Fallujah|Ramadi|Kirkuk|Samarra|Tal Afar",
        "Iraq War|War in Iraq (2013–2017)|Iran–Iraq War",
    ),
    _country(
        "Syria",
        35.5,
        38.5,
        "Aleppo|Homs|Idlib|Raqqa|Deir ez-Zor|Palmyra|Kobanî|Afrin|Qusayr",
        "Syrian civil war|Rojava conflict",
    ),
    _country(
        "Afghanistan",
        33.5,
        66.0,
        "Herat|Kandahar|Kunduz|Jalalabad|Mazar-i-Sharif|Lashkar Gah|Ghazni",
        "War in Afghanistan (2001–2021)|Soviet–Afghan War|Afghan Civil War (1992–1996)",
    ),
    _country(
        "Russia",
        43.3,
        45.7,
        "Grozny|Gudermes|Shali|Argun",
        "First Chechen War|Second Chechen War",
    ),
    _country("Georgia", 42.2, 43.8, "Tskhinvali|Gori|Zugdidi", "Russo-Georgian War"),
    _country(
        "Bosnia and Herzegovina",
        44.0,
        18.0,
        "Sarajevo|Mostar|Srebrenica|Goražde|Bihać|Žepa",
        "Bosnian War|Croat–Bosniak War",
    ),
    _country(
        "Croatia",
        45.0,
        16.0,
        "Vukovar|Knin|Dubrovnik|Gospić",
        "Croatian War of Independence",
    ),
    _country(
        "Sri Lanka",
        8.5,
        80.8,
        "Jaffna|Kilinochchi|Mullaitivu|Trincomalee|Batticaloa",
        "Sri Lankan Civil War|Eelam War IV",
    ),
    _country(
        "Philippines",
        7.5,
        123.5,
        "Marawi|Zamboanga|Jolo|Cotabato",
        "Moro conflict|Insurgency in the Philippines",
    ),
    _country(
        "Vietnam",
        16.0,
        107.0,
        "Quảng Trị|Huế|Đà Nẵng|Điện Biên Phủ|Khe Sanh|Kon Tum|Pleiku",
        "Vietnam War|First Indochina War",
    ),
    _country(
        "Colombia",
        4.5,
        -75.0,
        "Medellín|Cali|Pasto|Puerto Asís|Mitú",
        "Colombian conflict",
    ),
    _country(
        "Peru",
        -11.0,
        -75.5,
        "Ayacucho|Huancayo|Tingo María",
        "Internal conflict in Peru",
    ),
    _country(
        "El Salvador",
        13.8,
        -88.9,
        "Chalatenango|San Miguel|Suchitoto",
        "Salvadoran Civil War",
    ),
    _country(
        "Angola",
        -12.5,
        17.5,
        "Cuito Cuanavale|Huambo|Kuito|Luena",
        "Angolan Civil War|Angolan War of Independence",
    ),
    _country(
        "Mozambique",
        -15.0,
        37.5,
        "Beira|Quelimane|Nampula|Pemba|Mocímboa da Praia|Palma",
        "Mozambican Civil War|Insurgency in Cabo Delgado",
    ),
    _country(
        "Sierra Leone",
        8.5,
        -11.8,
        "Freetown|Kenema|Koidu|Makeni",
        "Sierra Leone Civil War",
    ),
    _country(
        "Liberia",
        6.5,
        -9.5,
        "Monrovia|Gbarnga|Buchanan|Zwedru",
        "First Liberian Civil War|Second Liberian Civil War",
    ),
    _country(
        "Côte d'Ivoire",
        7.5,
        -5.5,
        "Bouaké|Korhogo|Duékoué|Abidjan",
        "First Ivorian Civil War|Second Ivorian Civil War",
    ),
    _country("Uganda", 2.8, 32.5, "Gulu|Kitgum|Lira", "Lord's Resistance Army insurgency"),
    _country("Lebanon", 33.5, 35.6, "Tyre|Sidon|Nabatieh", "Lebanese Civil War|2006 Lebanon War"),
)
_PLACES = tuple((place, country) for country in _COUNTRIES for place in country.places)
_ALL_PLACES = tuple(place for place, _ in _PLACES)

_KINDS = (
    "Battle",
    "Siege",
    "Raid",
    "Ambush",
    "Capture",
    "Recapture",
    "Fall",
    "Relief",
    "Defence",
    "Assault",
    "Bombardment",
    "Liberation",
    "Occupation",
    "Uprising",
    "Evacuation",
)
_ORDINALS = ("", "First", "Second", "Third", "Fourth", "Fifth")
_FIRST_YEAR, _YEARS = 1900, 125
# Year digit 0 is 2014, so that article 0 is the Battle of Kidal (2014).
_YEAR_OFFSET = 2014 - _FIRST_YEAR

_REBELS = _words(
    "MNLA|Ansar Dine|MOJWA|AQIM|JNIM|ISGS|HCUA|MAA|GATIA|Boko Haram|ISWAP|Séléka|Anti-balaka|"
    "M23|ADF|CODECO|al-Shabaab|TPLF|Houthis|RSF|SPLA-IO|FMLN|Taliban|Shining Path|FARC|ELN|"
    "UNITA|RENAMO|RUF|NPFL|LURD|LRA|LTTE|Abu Sayyaf|Islamic State|al-Nusra Front|Hezbollah|"
    "Chechen separatists|Forces Nouvelles|FLAA|MPA|CMA|Ahl al-Sunna wal-Jamaa"
)
_ALLIES = _words(
    "France|MINUSMA|Chad|ECOWAS|AMISOM|United States|United Kingdom|Wagner Group|Russia|"
    "UNPROFOR|African Union|Rwanda|Uganda|Ethiopia|Kenya|Turkey|Iran|NATO|ECOMOG|Portugal"
)
_FIRST_NAMES = _words(
    "Moussa|Iyad|Amadou|Aïcha|Oumar|Sékou|Hamadoun|Ibrahim|Fatoumata|Mokhtar|Abdelkrim|"
    "Bilal|Hassan|Nadia|Tarek|Mirela|Dragan|Zoran|Ivana|Velupillai|Văn|Carlos|Inés|José|"
    "Lucía|Jonas|Afonso|Foday|Charles|Joseph|Ahmad|Gulbuddin|Shamil|Aslan|Mikheil|Ante|"
    "Paul|Alassane|Mariam|Youssouf|Hawa|Seydou|Boubacar|Kadiatou|Salif"
)
_SURNAMES = _words(
    "Ag Ghaly|Traoré|Koné|Diarra|Maïga|Cissé|Touré|Ould Hamaha|Belmokhtar|Keïta|Sangaré|"
    "Coulibaly|Dicko|Shekau|Kabila|Nkunda|Ntaganda|Déby|Mladić|Gotovina|Prabhakaran|Giáp|"
    "Savimbi|Sankoh|Taylor|Kony|Massoud|Hekmatyar|Basayev|Maskhadov|Guzmán|Marulanda|"
    "Villalobos|Dhlakama|Machel|Garang|Machar|Aidid|Ag Najem|Ag Bahanga|Ag Acharatoumane|"
    "Sidibé|Kouyaté|Doumbia|Ould Sidati"
)
_NOUNS = _words(
    "outpost|convoy|airstrip|checkpoint|bridge|ford|well|oasis|market|barracks|airfield|"
    "depot|radio station|ridge|dune|wadi|escarpment|hill|valley|plateau|crossroads|"
    "supply line|column|patrol|battalion|brigade|company|militia|detachment|vanguard|"
    "rearguard|flank|perimeter|trench|bunker|fort|citadel|compound|camp|headquarters|prison|"
    "hospital|school|mosque|church|quay|harbour|river crossing|dam|power station|pipeline|"
    "railway|station|road|highway|track|pass|gorge|forest|marsh|delta|island|lagoon|port|"
    "refinery|mine|quarry|village|quarter|suburb|district|town hall|governorate|"
    "police station|customs post|border post|ceasefire|truce|offensive|counterattack|"
    "withdrawal|retreat|advance|bombardment|artillery|mortar battery|drone|helicopter|"
    "gunboat|tank|armoured car|technical|ammunition dump|fuel store|water supply|ration store|"
    "negotiation|delegation|mediator|observer mission|press office|refugee camp|evacuation|"
    "curfew|blockade|embargo|amnesty|tribunal|inquiry|memorial|archive|dispatch|communiqué|"
    "logbook|granary|caravan|watchtower|signal post|landing zone|minefield|cemetery"
)
_ADJECTIVES = _words(
    "fierce|brief|prolonged|decisive|indecisive|costly|chaotic|orderly|hasty|deliberate|"
    "northern|southern|eastern|western|remote|strategic|fortified|isolated|contested|ruined|"
    "abandoned|flooded|dusty|sandy|rocky|narrow|wide|ancient|colonial|makeshift|improvised|"
    "heavy|light|mobile|exhausted|disciplined|demoralised|outnumbered|reinforced|nocturnal|"
    "early|late|sudden|unexpected|uncertain|disputed|official|unofficial|provisional|"
    "temporary|permanent|surrounded|exposed|sheltered|vital|minor|symbolic|hard-won|bitter|"
    "muddy|frozen|scorched|silent"
)
# Past forms that read both as "forces <verb> the X" and as "the X was <verb>".
_VERBS = _words(
    "captured|shelled|encircled|reinforced|abandoned|besieged|defended|evacuated|bombarded|"
    "surrounded|recaptured|blockaded|occupied|raided|ambushed|fortified|mined|cleared|"
    "relieved|stormed|secured|patrolled|supplied|burned|looted|repaired|rebuilt|inspected|"
    "photographed|mapped|surveyed|contested|harassed|outflanked|infiltrated|bypassed|"
    "destroyed|disabled|sabotaged|seized|held|lost|isolated|targeted|reopened|closed|crossed|"
    "flooded|protected|guarded|escorted|intercepted|tracked|located|identified|reported|"
    "documented|investigated|disputed|confirmed|denied|questioned|praised|condemned|"
    "commemorated|shielded|resupplied|dismantled|vacated"
)
_ADVERBS = _words(
    "quickly|slowly|briefly|eventually|reluctantly|cautiously|repeatedly|suddenly|decisively|"
    "partially|largely|barely|openly|quietly|steadily|initially|finally|reportedly|"
    "allegedly|apparently"
)
_MONTHS = _words(
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_PUBLICATIONS = _words(
    "Jeune Afrique|Le Monde|Reuters|Agence France-Presse|RFI|Al Jazeera|BBC News|"
    "The Guardian|Journal of Modern African Studies|International Crisis Group|"
    "Human Rights Watch|Small Wars Journal|Le Figaro|Studia Africana|Africa Confidential|"
    "Revue historique des armées|Sahel Intelligence|Cahiers d'études africaines"
)
# Headings in reading order; an article takes about twelve of them, in this order.
_HEADINGS = (
    ("Background", 2),
    ("Prelude", 2),
    ("Opposing forces", 2),
    ("Order of battle", 3),
    ("Logistics", 3),
    ("Battle", 2),
    ("Initial assault", 3),
    ("First day", 3),
    ("Second day", 3),
    ("Fighting in the town", 3),
    ("Encirclement", 3),
    ("Air operations", 3),
    ("Counter-offensive", 2),
    ("Withdrawal", 2),
    ("Negotiations", 2),
    ("Aftermath", 2),
    ("Casualties", 3),
    ("Prisoners", 3),
    ("Humanitarian situation", 2),
    ("Reactions", 2),
    ("International response", 3),
    ("Investigations", 2),
    ("Disputed figures", 3),
    ("Analysis", 2),
    ("Reconstruction", 2),
    ("Legacy", 2),
    ("Commemoration", 3),
    ("Sources and accounts", 2),
)
_RESULTS = (
    "{s1} victory",
    "{s2} victory",
    "Inconclusive",
    "{s1} withdrawal",
    "{s2} withdrawal",
    "Ceasefire agreed at {p2}",
    "Decisive {s1} victory",
    "Pyrrhic {s2} victory",
    "{s1} regains control of {p}",
)
_SENTENCES = (
    "On {d}, {s1} forces {verb} the {noun} near {p2}.",
    "The {adj} {noun} was {verb} {adv} while {s2} fighters moved towards {p}.",
    "According to {c1}, about {n} men took part in the {adj} {noun} outside {p}.",
    "{c2} ordered the {noun} to hold the road between {p} and {p2}.",
    "Witnesses described the {noun} as {adj} and {adj2}.",
    "By the evening of {d}, the {noun} had been {verb} and the {noun2} was {adj}.",
    "{s2} claimed that {n} of its fighters were killed, a figure {s1} later disputed.",
    "Reports from {p2} mentioned {a_adj} {noun} and the loss of the {noun2}.",
    "The {noun} at {p} was {verb} twice before the rains.",
    "Local elders in {p2} negotiated the release of {n} prisoners.",
    "Supplies reached {p} only after the {noun} was {verb}.",
    "The {adj} {noun} of {p} remained under {s1} control for {small} days.",
    "Observers from {p2} counted {n} vehicles on the {noun2}.",
    "{c1} {verb} the {noun} {adv}, later writing that the {noun2} had been {adj}.",
    "The {noun} lasted {small} hours and left the {noun2} {adj}.",
    "Radio messages intercepted near {p2} spoke of {a_adj} {noun}.",
    "In {month} {year}, {s2} returned to {p} with {a_adj} {noun}.",
    "Most of the {noun} was {verb} by nightfall.",
    "{a_adj} {noun} crossed the {noun2} north of {p}.",
    "Historians still debate whether the {noun} was {adj} or merely {adj2}.",
    "Civilians fled {p} for {p2}, where the {noun} was {adj}.",
    "The {noun2} of {s1} {verb} the {adj} {noun} at dawn.",
    "Fighting resumed on {d} around the {noun} of {p2}.",
    "{n} families were displaced from the {adj} districts of {p}.",
    "{c2} {adv} denied that the {noun} had been {verb}.",
    "{a_adj} report by {pub} put the losses at {n}.",
)


@dataclass(frozen=True)
class _Setting:
    """Who fought whom, where and when: what every sentence of one article draws on."""

    place: str
    country: _Country
    year: int
    side1: str
    side2: str
    commanders1: tuple[str, ...]
    commanders2: tuple[str, ...]


class _Writer:
    """Sentences, figures and parts of one article, drawn from one seeded generator."""

    def __init__(self, rng: random.Random, setting: _Setting):
        self.rng = rng
        self.s = setting

    def person(self) -> str:
        return f"{self.rng.choice(_FIRST_NAMES)} {self.rng.choice(_SURNAMES)}"

    def date(self, year: int | None = None) -> str:
        year = year or self.s.year
        return f"{self.rng.randint(1, 28)} {self.rng.choice(_MONTHS)} {year}"

    def nearby(self) -> str:
        rng = self.rng
        if rng.random() < 0.7:
            return rng.choice(self.s.country.places)
        return rng.choice(_ALL_PLACES)

    def sentence(self) -> str:
        rng, s = self.rng, self.s
        template = rng.choice(_SENTENCES)
        adjective = rng.choice(_ADJECTIVES)
        text = template.format(
            d=self.date(),
            s1=s.side1.split(", ")[0],
            s2=s.side2.split(", ")[0],
            c1=rng.choice(s.commanders1),
            c2=rng.choice(s.commanders2),
            p=s.place,
            p2=self.nearby(),
            noun=rng.choice(_NOUNS),
            noun2=rng.choice(_NOUNS),
            adj=adjective,
            a_adj=f"{'an' if adjective[0] in 'aeiou' else 'a'} {adjective}",
            adj2=rng.choice(_ADJECTIVES),
            verb=rng.choice(_VERBS),
            adv=rng.choice(_ADVERBS),
            n=rng.choice((rng.randint(2, 60), rng.randint(60, 900), rng.randint(900, 5_000))),
            small=rng.randint(2, 40),
            month=rng.choice(_MONTHS),
            year=s.year + rng.randint(-2, 3),
            pub=rng.choice(_PUBLICATIONS),
        )
        return text[0].upper() + text[1:]

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def body(self, *, sentences: int | None = None, characters: int | None = None) -> str:
        """A section body of `sentences` sentences, or of about `characters` characters
        (never more), in paragraphs of up to five sentences."""
        paragraphs, current, length = [], [], 0
        count = 0
        while True:
            if sentences is not None and count >= sentences:
                break
            sentence = self.sentence()
            if characters is not None and length + len(sentence) + 2 > characters and count:
                break
            current.append(sentence)
            length += len(sentence) + 1
            count += 1
            if len(current) >= self.rng.randint(3, 5):
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
        return "\n\n".join(paragraphs)

    def references(self, count: int, number: int) -> tuple[ReferenceState, ...]:
        rng = self.rng
        references = []
        for index in range(count):
            title = (
                f"{rng.choice(_ADJECTIVES).capitalize()} {rng.choice(_NOUNS)} "
                f"at {rng.choice((self.s.place, self.nearby()))}"
            )
            text = (
                f"{rng.choice(_SURNAMES)}, {rng.choice(_FIRST_NAMES)[0]}. "
                f"({self.s.year + rng.randint(0, 8)}). “{title}”. {rng.choice(_PUBLICATIONS)}."
            )
            url = f"https://archive.example.org/annals/{number}/{index + 1}"
            references.append(ReferenceState(text=text, url=url if rng.random() < 0.6 else ""))
        return tuple(references)

    def casualties(self) -> str:
        rng = self.rng
        killed, wounded = rng.randint(0, 400), rng.randint(0, 600)
        text = f"{killed} killed, {wounded} wounded"
        if rng.random() < 0.4:
            text += f", {rng.randint(1, 120)} captured"
        if rng.random() < 0.2:
            text += f" (according to {rng.choice((self.s.side1, self.s.side2))})"
        return text

    def strength(self) -> str:
        rng = self.rng
        text = f"{rng.choice((rng.randint(40, 900), rng.randint(900, 12_000))):,} "
        text += rng.choice(("soldiers", "fighters", "men", "troops"))
        if rng.random() < 0.4:
            text += f", {rng.randint(2, 80)} {rng.choice(('technicals', 'vehicles', 'tanks'))}"
        return text

    def event_date(self) -> str:
        rng, year = self.rng, self.s.year
        month = rng.choice(_MONTHS)
        day = rng.randint(1, 24)
        match rng.randrange(4):
            case 0:
                return f"{day}–{day + rng.randint(1, 4)} {month} {year}"
            case 1:
                return f"{month} {day}–{day + rng.randint(1, 4)}, {year}"
            case 2:
                return f"{day} {month} {year}"
            case _:
                return f"{month} {year}"

    def result(self) -> str:
        return self.rng.choice(_RESULTS).format(
            s1=self.s.side1, s2=self.s.side2, p=self.s.place, p2=self.nearby()
        )

    def coordinates(self) -> tuple[Decimal, Decimal]:
        rng, country = self.rng, self.s.country
        latitude = Decimal(f"{country.latitude + rng.uniform(-1.5, 1.5):.4f}")
        longitude = Decimal(f"{country.longitude + rng.uniform(-1.5, 1.5):.4f}")
        return latitude, longitude


def _coordinates_text(latitude: Decimal, longitude: Decimal) -> str:
    north = "N" if latitude >= 0 else "S"
    east = "E" if longitude >= 0 else "W"
    return f"{abs(latitude)}°{north} {abs(longitude)}°{east}"


def _setting(rng: random.Random, place: str, country: _Country, year: int) -> _Setting:
    side1 = country.name
    if rng.random() < 0.35:
        side1 += f", {rng.choice(_ALLIES)}"
    side2 = rng.choice(_REBELS)
    if rng.random() < 0.25:
        side2 += f", {rng.choice(_REBELS)}"
    people = tuple(f"{rng.choice(_FIRST_NAMES)} {rng.choice(_SURNAMES)}" for _ in range(6))
    return _Setting(place, country, year, side1, side2, people[:3], people[3:])


# Titles: "<ordinal> <kind> of <place> (<year>)", one per article number. Numbers are
# spread over all combinations by a stride coprime with their count, so neighbours differ
# in place, kind and year, and no two numbers below the count share a title.
_TITLE_COMBINATIONS = len(_PLACES) * len(_KINDS) * _YEARS * len(_ORDINALS)
_TITLE_STRIDE = next(
    stride for stride in range(611_953, 2 * 611_953) if math.gcd(stride, _TITLE_COMBINATIONS) == 1
)


def _title_parts(number: int) -> tuple[str, str, _Country, int, str]:
    """(ordinal, kind, country, year, place) of article `number`."""
    index = number * _TITLE_STRIDE % _TITLE_COMBINATIONS
    index, place_index = divmod(index, len(_PLACES))
    index, kind_index = divmod(index, len(_KINDS))
    ordinal_index, year_index = divmod(index, _YEARS)
    place, country = _PLACES[place_index]
    year = _FIRST_YEAR + (year_index + _YEAR_OFFSET) % _YEARS
    return _ORDINALS[ordinal_index], _KINDS[kind_index], country, year, place


def corpus_article_title(number: int) -> str:
    """The title of ordinary article `number`, distinct for every number; the seed
    changes the text, not the titles, so appending with another seed never collides."""
    ordinal, kind, _, year, place = _title_parts(number)
    title = f"{kind} of {place} ({year})"
    if ordinal:
        title = f"{ordinal} {title}"
    repeat = number // _TITLE_COMBINATIONS
    return f"{title}, part {repeat + 1}" if repeat else title


def corpus_article_state(*, number: int, seed: int = 0) -> ArticleState:
    """Ordinary article `number` of the corpus for `seed`: a seed-shaped article of about
    twelve sections and 5,000 to 8,000 characters. Pure and deterministic."""
    rng = random.Random(f"annals-corpus:{seed}:{number}")
    _, _, country, year, place = _title_parts(number)
    title = corpus_article_title(number)
    writer = _Writer(rng, _setting(rng, place, country, year))
    setting = writer.s
    latitude, longitude = writer.coordinates()

    infobox = [InfoboxEntry("Conflict", title)]
    if rng.random() < 0.8:
        infobox.append(InfoboxEntry("Partof", rng.choice(country.wars)))
    infobox.append(InfoboxEntry("Date", writer.event_date()))
    vicinity = "Vicinity of " if rng.random() < 0.2 else ""
    infobox.append(InfoboxEntry("Place", f"{vicinity}{place}, {country.name}"))
    if rng.random() < 0.7:
        infobox.append(InfoboxEntry("Coordinates", _coordinates_text(latitude, longitude)))
    infobox.append(InfoboxEntry("Result", writer.result()))
    infobox += [
        InfoboxEntry("Combatant1", setting.side1),
        InfoboxEntry("Combatant2", setting.side2),
        InfoboxEntry("Commander1", ", ".join(setting.commanders1[: rng.randint(1, 3)])),
        InfoboxEntry("Commander2", ", ".join(setting.commanders2[: rng.randint(1, 3)])),
    ]
    if rng.random() < 0.85:
        infobox += [
            InfoboxEntry("Strength1", writer.strength()),
            InfoboxEntry("Strength2", writer.strength()),
        ]
    infobox += [
        InfoboxEntry("Casualties1", writer.casualties()),
        InfoboxEntry("Casualties2", writer.casualties()),
    ]

    headings = sorted(rng.sample(range(1, len(_HEADINGS)), rng.randint(9, 13)))
    sections = [
        SectionState(heading=_HEADINGS[i][0], level=_HEADINGS[i][1], body="")
        for i in [0, *headings]
    ]
    sections = [
        section.replace(body=writer.body(sentences=rng.randint(3, 8))) for section in sections
    ]
    if number % 5 != 4:
        sections = _with_sentence(
            sections,
            rng.randrange(len(sections)),
            f"The {COMMON_WORD} of {place} {rng.choice(_VERBS)} the {rng.choice(_NOUNS)}.",
        )
    if number == 0:
        sections = _with_sentence(
            sections,
            len(sections) // 2,
            f"A {RARE_WORD} on the ridge flashed the first warning of the advance.",
        )
    lead = (
        f"The {title.rsplit(' (', 1)[0]} took place on {writer.date(year)} during the "
        f"{infobox[1].value if infobox[1].key == 'Partof' else 'fighting in ' + country.name}, "
        f"when {_joined(setting.side2)} engaged {_joined(setting.side1)} around {place}. "
        + writer.paragraph(rng.randint(1, 3))
    )
    return ArticleState(
        title=title,
        lead=lead,
        infobox=tuple(infobox),
        sections=tuple(sections),
        references=writer.references(rng.randint(2, 8), number),
        latitude=latitude,
        longitude=longitude,
    )


def _joined(sides: str) -> str:
    """ "Mali, France" as "the forces of Mali and France"."""
    return "the forces of " + " and ".join(sides.split(", "))


def _with_sentence(sections: list[SectionState], index: int, sentence: str) -> list[SectionState]:
    sections = list(sections)
    sections[index] = sections[index].replace(body=f"{sections[index].body} {sentence}")
    return sections


def corpus_long_article_state(*, title: str = LONG_ARTICLE_TITLE, seed: int = 0) -> ArticleState:
    """The long article for `seed`: about LONG_ARTICLE_SIZE characters (never more), 20
    infobox rows and LONG_ARTICLE_SECTIONS sections. Pure and deterministic."""
    rng = random.Random(f"annals-corpus-long:{seed}:{title}")
    mali = _COUNTRIES[0]
    writer = _Writer(rng, _setting(rng, "Tombouctou", mali, 2013))
    setting = writer.s
    latitude, longitude = Decimal("16.7666"), Decimal("-3.0026")
    infobox = (
        InfoboxEntry("Conflict", title),
        InfoboxEntry("Partof", "Mali War"),
        InfoboxEntry("Date", "11 January 2013 – 25 July 2014"),
        InfoboxEntry("Place", "Niger Bend: Tombouctou, Gao, Kidal and Ménaka regions, Mali"),
        InfoboxEntry("Coordinates", _coordinates_text(latitude, longitude)),
        InfoboxEntry("Result", "Government control restored over the towns of the Niger Bend"),
        InfoboxEntry("Territory", "Tombouctou, Gao and Douentza retaken; Kidal contested"),
        InfoboxEntry("Status", "Followed by the Algiers Accord of 2015"),
        InfoboxEntry("Combatant1", "Mali"),
        InfoboxEntry("Combatant2", "Ansar Dine, MOJWA, AQIM"),
        InfoboxEntry("Combatant3", "MNLA"),
        InfoboxEntry("Commander1", ", ".join(setting.commanders1)),
        InfoboxEntry("Commander2", ", ".join(setting.commanders2)),
        InfoboxEntry("Commander3", writer.person()),
        InfoboxEntry("Units1", "Malian Armed Forces, Operation Serval, AFISMA"),
        InfoboxEntry("Units2", "Katiba al-Furqan, Katiba Salaheddine, Al-Mourabitoun"),
        InfoboxEntry("Strength1", "4,000 soldiers, 25 armoured vehicles"),
        InfoboxEntry("Strength2", "2,500 fighters, 120 technicals"),
        InfoboxEntry("Casualties1", "96 killed, 210 wounded"),
        InfoboxEntry("Casualties2", "600 killed, 150 captured"),
    )
    lead = writer.body(characters=1_400).replace("\n\n", " ")
    references = writer.references(10, 10**9)
    state = ArticleState(
        title=title,
        lead=lead,
        infobox=infobox,
        references=references,
        latitude=latitude,
        longitude=longitude,
    )
    headings = [h for h in _HEADINGS if h[1] == 2][:LONG_ARTICLE_SECTIONS]
    room = LONG_ARTICLE_SIZE - state.size
    sections = []
    for index, (heading, level) in enumerate(headings):
        # What is left, shared among the sections still to write; a line break and the
        # heading are part of the size too.
        share = room // (len(headings) - index) - len(heading) - 2
        body = writer.body(characters=share)
        sections.append(SectionState(heading=heading, level=level, body=body))
        room -= len(heading) + len(body) + 2
    return state.replace(sections=tuple(sections))


def corpus_sectioned_article_state(*, seed: int = 0) -> ArticleState:
    """The 200-section article for `seed`: a chronicle with one section per event, about
    600 characters each. Pure and deterministic."""
    rng = random.Random(f"annals-corpus-sectioned:{seed}")
    writer = _Writer(rng, _setting(rng, "Gao", _COUNTRIES[0], 2012))
    sections = []
    for index in range(SECTIONED_ARTICLE_SECTIONS):
        _, kind, country, year, place = _title_parts(rng.randrange(_TITLE_COMBINATIONS))
        event = _Writer(rng, _setting(rng, place, country, year))
        heading = f"{index + 1}. {kind} of {place} ({year})"
        body = event.body(sentences=rng.randint(5, 9))
        sections.append(SectionState(heading=heading, level=2 if index % 4 == 0 else 3, body=body))
    return ArticleState(
        title=SECTIONED_ARTICLE_TITLE,
        lead=writer.paragraph(4),
        infobox=(
            InfoboxEntry("Conflict", SECTIONED_ARTICLE_TITLE),
            InfoboxEntry("Partof", "Mali War"),
            InfoboxEntry("Date", "1990–2024"),
            InfoboxEntry("Place", "The Sahel"),
            InfoboxEntry("Result", "Ongoing"),
            InfoboxEntry("Combatant1", "Mali, Niger, Burkina Faso"),
            InfoboxEntry("Combatant2", "JNIM, ISGS, MNLA"),
            InfoboxEntry("Casualties1", "Thousands killed"),
            InfoboxEntry("Casualties2", "Thousands killed"),
        ),
        sections=tuple(sections),
        references=writer.references(20, 10**9 + 1),
        latitude=Decimal("16.2666"),
        longitude=Decimal("-0.0400"),
    )
