"""How big an article and its parts may be: one set of limits for forms, API and importer.

A pure module (no Django), so settings, models, the pure parsing and merging modules and
the services all read the same numbers. The whole-article form and the API accept any
article within these limits; anything larger is refused with a message that names the
limit, never cut short.
"""

TITLE_MAX_LENGTH = 200
LEAD_MAX_LENGTH = 20_000
INFOBOX_KEY_MAX_LENGTH = 100
INFOBOX_VALUE_MAX_LENGTH = 2_000
HEADING_MAX_LENGTH = 200
SECTION_BODY_MAX_LENGTH = 100_000
REFERENCE_TEXT_MAX_LENGTH = 2_000
REFERENCE_URL_MAX_LENGTH = 2_000

INFOBOX_FIELDS_MAX = 100
SECTIONS_MAX = 500
REFERENCES_MAX = 1_000
# All of an article's characters together (`ArticleState.size`).
ARTICLE_SIZE_MAX = 1_000_000

SUMMARY_MAX_LENGTH = 500
# The reason of an undo or a revert goes into a summary ("Undid revision 12: …").
EDIT_REASON_MAX_LENGTH = SUMMARY_MAX_LENGTH - 40
SOURCE_MAX_LENGTH = 1_000
REVIEW_REASON_MAX_LENGTH = 5_000
# A message in a proposal's discussion, and how many one person may post in a window:
# enough for a lively exchange, too few to flood a thread or the notifications.
COMMENT_MAX_LENGTH = 5_000
COMMENTS_PER_WINDOW = 10
COMMENT_WINDOW_SECONDS = 10 * 60

# The whole-article form posts, per row, its fields plus ORDER and DELETE, and per
# formset four management fields; the rest is the article's own fields and the note.
_FIELDS_PER_INFOBOX_ROW = 4
_FIELDS_PER_SECTION_ROW = 6
_FIELDS_PER_REFERENCE_ROW = 5
FORM_FIELDS_MAX = (
    INFOBOX_FIELDS_MAX * _FIELDS_PER_INFOBOX_ROW
    + SECTIONS_MAX * _FIELDS_PER_SECTION_ROW
    + REFERENCES_MAX * _FIELDS_PER_REFERENCE_ROW
    + 100
)
# The whole-article form of an article at ARTICLE_SIZE_MAX, URL-encoded as browsers post
# it, whatever its script: a character takes at most twelve bytes (four UTF-8 bytes, each
# written "%F0"), a line break six ("%0D%0A"), plus the field names. Past this the request is
# refused before it is read.
_BYTES_PER_FIELD_NAME = 48
REQUEST_BODY_MAX_BYTES = (
    12 * (ARTICLE_SIZE_MAX + SUMMARY_MAX_LENGTH + SOURCE_MAX_LENGTH)
    + _BYTES_PER_FIELD_NAME * FORM_FIELDS_MAX
)
# How deep a JSON request body may nest objects and lists. The deepest document the API
# reads is three levels (a proposal's sections: an object in a list in an object); past
# this the body is refused before anything walks it, as Python's parser and every
# recursive walk of it would otherwise run out of stack on a few kilobytes of "[[[[".
JSON_DEPTH_MAX = 32

# Lists of articles. Ranked search results are paged by number, and an offset costs what
# it skips, so only this many of them are served (a narrower search, or ordering the
# matches by a column, which pages by key, reaches the rest).
SEARCH_RESULTS_MAX = 1_000
# A list counts its articles exactly up to this many; above, PostgreSQL's planner
# estimate stands in, as an exact count costs a scan of every match.
ARTICLE_COUNT_EXACT_MAX = 10_000
# A list the planner expects to hold more than this many is not counted at all: its
# estimate stands in at once. Wide of the limit above, as estimates of how many articles
# contain a word are rough.
ARTICLE_COUNT_ESTIMATE_TRUSTED_ABOVE = 5 * ARTICLE_COUNT_EXACT_MAX
