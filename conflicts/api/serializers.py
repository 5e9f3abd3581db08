"""JSON shapes of the API. Output serializers read selectors' results; the proposal
input serializer only checks types and passes a partial document to the service."""

from __future__ import annotations

from typing import get_args

from django.core.validators import RegexValidator
from drf_spectacular.extensions import (
    OpenApiSerializerExtension,
    OpenApiSerializerFieldExtension,
)
from drf_spectacular.utils import (
    PolymorphicProxySerializer,
    extend_schema_field,
    extend_schema_serializer,
)
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.fields import empty

from accounts.models import (
    API_TOKEN_IDLE_DAYS,
    API_TOKEN_MAX_DAYS,
    API_TOKEN_USE_PRECISION,
    ApiToken,
    User,
)
from accounts.tokens import DEFAULT_TOKEN_NAME
from conflicts import limits
from conflicts import models as m
from conflicts.changes import PARTS
from conflicts.diff import AddedOrRemoved, Change, Coordinates, Op
from conflicts.text import text_problem
from facts import checks
from facts.models import FieldClaim, InfoboxFact, WorklistItem
from governance.models import Block, LogEntry, Protection
from notifications.models import Notification
from notifications.presentation import notification_link, notification_text

# Citations are written inline in the lead and the sections' text.
_CITED_HELP = (
    "Citations are inline: [[ref:17]] cites the reference whose id is 17 (readers see its "
    "number in the list, which follows it wherever it moves)."
)
_CITING_HELP = (
    f"{_CITED_HELP} In a correction, [[ref:#3]] cites the third reference of the article "
    "as corrected (one added in the same correction too); it is stored as [[ref:<id>]]."
)


class _MessageField(serializers.CharField):
    """Text someone writes to someone: a JSON string, never a number made into one, and
    without control characters (the schema says so with a pattern)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(
            RegexValidator(
                r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$",
                message="The text contains a control character, which cannot be stored.",
            )
        )

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class ApiTokenOptionsSerializer(serializers.Serializer):
    """What a new API token is called and how long it lasts."""

    name = _MessageField(
        max_length=ApiToken._meta.get_field("name").max_length,
        required=False,
        allow_blank=True,
        help_text=f"What the token is for; “{DEFAULT_TOKEN_NAME}” when left out.",
    )
    expires_in_days = serializers.IntegerField(
        min_value=1,
        max_value=API_TOKEN_MAX_DAYS,
        required=False,
        allow_null=True,
        help_text=(
            "Days until the token stops working; null for a token that works until it is "
            f"revoked. Left out, it works while it is used and lapses {API_TOKEN_IDLE_DAYS} "
            "days after its last use."
        ),
    )

    def validate_name(self, name):
        if problem := text_problem(name):
            raise serializers.ValidationError(f"The name {problem}.")
        return name


# Named as DRF's own, which clients generated from the schema already know.
@extend_schema_serializer(component_name="AuthToken")
class TokenRequestSerializer(ApiTokenOptionsSerializer, AuthTokenSerializer):
    """A username and password, exchanged for a new token named and lasting as asked."""

    # No longer than any account's, as on the sign-in page: django-axes records a failed
    # try under the username tried, in a column that holds no more.
    username = serializers.CharField(
        label="Username", write_only=True, max_length=User._meta.get_field("username").max_length
    )

    def validate(self, attrs):
        # Checked before the password is: no account's name or password holds a
        # character no encoding can store (a lone surrogate), and the database and the
        # password hasher would fail on one.
        for name in ("username", "password"):
            if problem := text_problem(attrs.get(name, "")):
                raise serializers.ValidationError({name: f"The {name} {problem}."})
        return super().validate(attrs)


class ApiTokenSerializer(serializers.ModelSerializer):
    """One of the signed-in user's API tokens, without the token itself, which is shown
    only when it is made."""

    created_at = serializers.DateTimeField(source="created", read_only=True)
    expires_at = serializers.DateTimeField(
        source="expiry", read_only=True, allow_null=True, help_text="Null: never expires."
    )
    last_used_at = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text=(
            "When it last signed a request in, to within "
            f"{int(API_TOKEN_USE_PRECISION.total_seconds() // 60)} minutes; null: never."
        ),
    )
    renews_on_use = serializers.BooleanField(
        read_only=True,
        help_text=f"Whether each use moves `expires_at` on to {API_TOKEN_IDLE_DAYS} days later.",
    )
    current = serializers.SerializerMethodField(
        help_text="Whether it is the token this request was signed in with."
    )

    class Meta:
        model = ApiToken
        fields = [
            "id",
            "name",
            "created_at",
            "expires_at",
            "renews_on_use",
            "last_used_at",
            "current",
        ]

    def get_current(self, token) -> bool:
        signed_in_with = self.context["request"].auth
        return isinstance(signed_in_with, ApiToken) and signed_in_with.pk == token.pk


class NewApiTokenSerializer(ApiTokenSerializer):
    """A token just made, with the token itself: shown this once, never again."""

    token = serializers.SerializerMethodField(
        help_text="Send it as `Authorization: Token <token>`. Keep it: it is not shown again."
    )

    class Meta(ApiTokenSerializer.Meta):
        fields = ["token", *ApiTokenSerializer.Meta.fields]

    def get_token(self, token) -> str:
        return self.context["secret"]


class RevisionRefSerializer(serializers.Serializer):
    """Who published a revision, when, and why."""

    id = serializers.IntegerField(source="revision_id")
    number = serializers.IntegerField()
    created_at = serializers.DateTimeField(source="revision.date_created")
    author = serializers.CharField(source="revision.user.username", allow_null=True)
    reviewer = serializers.CharField(source="reviewer.username", allow_null=True, default=None)
    summary = serializers.CharField(source="revision.comment")
    content_hidden = serializers.BooleanField(
        help_text="The oversight group hid its content: it and its compares are a 404."
    )
    summary_hidden = serializers.BooleanField(
        help_text="The oversight group hid its summary, which reads empty."
    )
    author_hidden = serializers.BooleanField(
        help_text="The oversight group hid its author, who reads null."
    )


class RevisionSerializer(RevisionRefSerializer):
    """A revision in an article's history."""

    size = serializers.IntegerField(help_text="Characters of the article's text as a whole.")
    size_delta = serializers.SerializerMethodField(
        help_text="Change in size from the revision before (the whole size for the first)."
    )
    proposal = serializers.SerializerMethodField(help_text="The approved proposal, if any.")

    def get_size_delta(self, revision) -> int:
        return revision.size if revision.size_delta is None else revision.size_delta

    def get_proposal(self, revision) -> int | None:
        proposal = getattr(revision, "proposal", None)
        return proposal.pk if proposal else None


class InfoboxEntrySerializer(serializers.Serializer):
    key = serializers.CharField()
    value = serializers.CharField()


class SectionSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True)
    heading = serializers.CharField()
    level = serializers.ChoiceField(choices=m.Section.Level.values)
    body = serializers.CharField(allow_blank=True, help_text=_CITED_HELP)


class ReferenceSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        allow_null=True, help_text="The reference's stable id; proposals name it to change it."
    )
    text = serializers.CharField()
    url = serializers.CharField(allow_blank=True)


class CoordinatesSerializer(serializers.Serializer):
    lat = serializers.FloatField(min_value=-90, max_value=90)
    lon = serializers.FloatField(min_value=-180, max_value=180)


class ArticleDocumentSerializer(serializers.Serializer):
    """An article's content as of one revision; `instance` is (slug, state, revision)."""

    slug = serializers.SlugField()
    title = serializers.CharField()
    lead = serializers.CharField(allow_blank=True, help_text=_CITED_HELP)
    infobox = InfoboxEntrySerializer(many=True)
    sections = SectionSerializer(many=True)
    references = ReferenceSerializer(many=True)
    coordinates = CoordinatesSerializer(allow_null=True)
    revision = RevisionRefSerializer()

    def to_representation(self, instance):
        return super().to_representation(self.document(*instance))

    def document(self, slug, state, revision) -> dict:
        coordinates = None
        if state.latitude is not None:
            coordinates = {"lat": float(state.latitude), "lon": float(state.longitude)}
        return {
            "slug": slug,
            "title": state.title,
            "lead": state.lead,
            "infobox": state.infobox,
            "sections": state.sections,
            "references": state.references,
            "coordinates": coordinates,
            "revision": revision,
        }


class ArticleListSerializer(serializers.ModelSerializer):
    date = serializers.CharField(allow_null=True, help_text="The infobox Date, as written.")
    place = serializers.CharField(allow_null=True, help_text="The infobox Place, as written.")
    date_start = serializers.DateField(allow_null=True, help_text="First day of the event.")
    date_end = serializers.DateField(allow_null=True, help_text="Last day of the event.")
    revision = serializers.SerializerMethodField()
    url = serializers.HyperlinkedIdentityField(view_name="api:article-detail", lookup_field="slug")
    # Not required, so that it can be absent: the list is read-only all the same.
    snippet = serializers.CharField(
        required=False,
        help_text=(
            "Only in results of a `q` search (on PostgreSQL): HTML, a passage of the text "
            "with the matched words in `<mark>`, everything else escaped."
        ),
    )

    class Meta:
        model = m.Article
        fields = [
            "slug",
            "title",
            "date",
            "place",
            "date_start",
            "date_end",
            "revision",
            "url",
            "snippet",
        ]

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "created_at": {"type": "string", "format": "date-time"},
            },
            "required": ["id", "created_at"],
        }
    )
    def get_revision(self, article) -> dict:
        return {"id": article.revision_id, "created_at": article.revision_created_at}


class TextRunSerializer(serializers.Serializer):
    """A stretch of text in both versions ("equal"), only the old ("delete") or only the
    new ("insert")."""

    op = serializers.ChoiceField(choices=get_args(Op))
    text = serializers.CharField()


class FieldChangeSerializer(serializers.Serializer):
    """An infobox key that was added, removed or given another value."""

    key = serializers.CharField()
    old = serializers.CharField(allow_null=True, help_text="Null when the key was added.")
    new = serializers.CharField(allow_null=True, help_text="Null when the key was removed.")
    change = serializers.ChoiceField(choices=get_args(Change))
    runs = TextRunSerializer(many=True, help_text="Word by word from old to new.")


class SectionChangeSerializer(serializers.Serializer):
    """A section that was added, removed or changed (its heading, body, level or place)."""

    heading = serializers.CharField(help_text="The new heading, or the old one if removed.")
    change = serializers.ChoiceField(choices=get_args(Change))
    moved = serializers.BooleanField(
        help_text="Its place among the other sections changed; its text may not have."
    )
    old_level = serializers.IntegerField(
        source="old.level", allow_null=True, help_text="Null when the section was added."
    )
    new_level = serializers.IntegerField(
        source="new.level", allow_null=True, help_text="Null when the section was removed."
    )
    heading_runs = TextRunSerializer(many=True)
    body_runs = TextRunSerializer(many=True)


class _NamedChoiceField(serializers.ChoiceField):
    """A choice field whose choices are the schema component `enum_name`.

    drf-spectacular names an enum after its field, and when one field name ("change")
    has different choices in different places it makes up a name with a hash in it
    (e.g. "Change57dEnum"), which generated clients then use as a class name.
    """

    def __init__(self, *, enum_name: str, **kwargs):
        self.enum_name = enum_name
        super().__init__(**kwargs)


class _NamedChoiceFieldScheme(OpenApiSerializerFieldExtension):
    target_class = _NamedChoiceField

    def get_name(self):
        return self.target.enum_name

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "string", "enum": list(self.target.choices)}


class FieldClaimSerializer(serializers.ModelSerializer):
    """Another figure given for an infobox field, beside its value (the preferred figure)."""

    added_by = serializers.CharField(source="added_by.username", read_only=True)
    revision = serializers.IntegerField(
        source="revision_id", read_only=True, help_text="The article's version when it was added."
    )
    status = _NamedChoiceField(
        enum_name="ClaimStatus",
        choices=["open", "preferred", "withdrawn"],
        read_only=True,
        help_text='"open"; or "preferred" (it became the field\'s value) or "withdrawn".',
    )
    retired_by = serializers.CharField(
        source="retired_by.username", allow_null=True, default=None, read_only=True
    )
    reason = serializers.CharField(
        source="retired_reason", read_only=True, help_text="Why it was preferred or withdrawn."
    )
    preferred_in = serializers.IntegerField(
        source="preferred_in_id",
        allow_null=True,
        read_only=True,
        help_text="The revision that made it the field's value.",
    )

    class Meta:
        model = FieldClaim
        fields = [
            "id",
            "key",
            "value",
            "source",
            "added_by",
            "added_at",
            "revision",
            "status",
            "retired_by",
            "retired_at",
            "reason",
            "preferred_in",
        ]


class CurrentArticleSerializer(ArticleDocumentSerializer):
    """The current version of an article, with the other figures sources give for its
    fields and the licence of its text; `instance` is (article, state, revision, claims)."""

    claims = FieldClaimSerializer(
        many=True,
        help_text=(
            "Other figures of the infobox fields, each with its source, beside the fields' "
            "values (the preferred figures): open ones only."
        ),
    )
    licence = serializers.CharField(help_text='The licence of the text, e.g. "CC BY-SA 4.0".')
    licence_url = serializers.URLField()
    attribution = serializers.CharField(
        allow_blank=True,
        help_text=(
            "Where imported text comes from, to credit it: "
            '"Wikipedia, CC BY-SA 4.0, “Second Battle of Kidal”"; empty for an article '
            "written here."
        ),
    )

    def document(self, article, state, revision, claims) -> dict:
        return super().document(article.slug, state, revision) | {
            "claims": claims,
            "licence": article.licence,
            "licence_url": article.licence_url,
            "attribution": article.attribution,
        }


class ReferenceChangeSerializer(serializers.Serializer):
    """A reference in only one of the two versions."""

    change = _NamedChoiceField(choices=get_args(AddedOrRemoved), enum_name="AddedOrRemovedEnum")
    text = serializers.CharField(source="reference.text")
    url = serializers.CharField(source="reference.url")


class CoordinatesSideSerializer(serializers.Serializer):
    """Coordinates on one side of a change, as decimal strings ("16.5712") exactly as
    stored; null where that side had none."""

    lat = serializers.DecimalField(max_digits=None, decimal_places=None, allow_null=True)
    lon = serializers.DecimalField(max_digits=None, decimal_places=None, allow_null=True)


class CoordinatesChangeSerializer(serializers.Serializer):
    """The coordinates before and after; a side is null when it had none."""

    old = CoordinatesSideSerializer(allow_null=True)
    new = CoordinatesSideSerializer(allow_null=True)

    def to_representation(self, instance):
        # `ArticleDiff.coordinates`: ((old lat, old lon), (new lat, new lon)).
        old, new = instance
        return super().to_representation(
            {"old": _coordinates_side(old), "new": _coordinates_side(new)}
        )


def _coordinates_side(side: Coordinates) -> dict | None:
    latitude, longitude = side
    if latitude is None and longitude is None:
        return None
    return {"lat": latitude, "lon": longitude}


class ArticleDiffSerializer(serializers.Serializer):
    """What differs between two versions of an article.

    Only changes are listed; `title`, `lead` and `coordinates` are null when unchanged.
    """

    is_empty = serializers.BooleanField()
    changed_fields = serializers.IntegerField(
        help_text="How many parts changed: title, lead and coordinates once each, every "
        "infobox key, section and reference listed once."
    )
    changed_characters = serializers.IntegerField(
        help_text="How many characters were inserted or deleted."
    )
    title = TextRunSerializer(many=True, allow_null=True)
    lead = TextRunSerializer(many=True, allow_null=True)
    infobox = FieldChangeSerializer(many=True)
    sections = SectionChangeSerializer(many=True)
    references = ReferenceChangeSerializer(many=True)
    coordinates = CoordinatesChangeSerializer(allow_null=True)


class CompareSerializer(serializers.Serializer):
    """A structured diff between two revisions of one article."""

    from_revision = RevisionRefSerializer(source="older")
    to_revision = RevisionRefSerializer(source="newer")
    diff = ArticleDiffSerializer()


class ProposedSectionSerializer(serializers.Serializer):
    """A section as a proposal lists it: `{id}` alone keeps it, `{id, …}` changes the
    fields given, and one without `id` is new (with heading, level and body)."""

    id = serializers.IntegerField(required=False)
    heading = serializers.CharField(required=False)
    level = serializers.ChoiceField(choices=m.Section.Level.values, required=False)
    body = serializers.CharField(required=False, allow_blank=True)


class ProposedReferenceSerializer(serializers.Serializer):
    """A reference as a proposal lists it: `{id}` alone keeps it, `{id, …}` changes the
    fields given, and one without `id` is new (with text and url)."""

    id = serializers.IntegerField(required=False)
    text = serializers.CharField(required=False)
    url = serializers.CharField(required=False, allow_blank=True)


class DecimalCoordinatesSerializer(serializers.Serializer):
    """Latitude and longitude as decimal strings ("16.5712"), exactly as stored."""

    lat = serializers.DecimalField(max_digits=None, decimal_places=None)
    lon = serializers.DecimalField(max_digits=None, decimal_places=None)


class ProposalChangesSerializer(serializers.Serializer):
    """A proposal's changes as a partial document: a part is present only when the
    proposal changes it."""

    title = serializers.CharField(required=False)
    lead = serializers.CharField(required=False, allow_blank=True)
    infobox = serializers.DictField(
        child=serializers.CharField(allow_null=True, allow_blank=True),
        required=False,
        help_text="Field key → its new value, or null when the field is removed.",
    )
    infobox_order = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="The complete key order of the resulting infobox, when it is reordered.",
    )
    sections = ProposedSectionSerializer(
        many=True, required=False, help_text="Every section the article keeps, in order."
    )
    references = ProposedReferenceSerializer(
        many=True, required=False, help_text="Every reference the article keeps, in order."
    )
    coordinates = DecimalCoordinatesSerializer(
        required=False, allow_null=True, help_text="Null when the coordinates are removed."
    )

    def to_representation(self, instance):
        # A part left out is unchanged; null would say "removed", so leave it out too.
        return {
            part: value
            for part, value in super().to_representation(instance).items()
            if part in instance
        }


class ProposalSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:proposal-detail")
    article = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    author = serializers.CharField(source="author.username", read_only=True)
    reviewer = serializers.CharField(
        source="reviewer.username", read_only=True, default=None, allow_null=True
    )
    base_revision = serializers.IntegerField(
        source="base_revision_id",
        read_only=True,
        allow_null=True,
        help_text="The revision it changes; null for a new article.",
    )
    resulting_revision = serializers.IntegerField(
        source="resulting_revision_id", read_only=True, allow_null=True
    )
    changes = ProposalChangesSerializer(
        read_only=True,
        help_text="What the proposal changes: only the parts it changes are present.",
    )
    conflicts = serializers.ListField(child=serializers.CharField(), read_only=True)
    split_from = serializers.IntegerField(
        source="split_from_id",
        read_only=True,
        allow_null=True,
        help_text="The proposal this one was approved out of, when a reviewer approved part of it.",
    )

    class Meta:
        model = m.Proposal
        fields = [
            "id",
            "url",
            "article",
            "author",
            "status",
            "summary",
            "source",
            "base_revision",
            "changes",
            "reviewer",
            "review_reason",
            "conflicts",
            "resulting_revision",
            "created_at",
            "updated_at",
            "reviewed_at",
            "split_from",
        ]
        read_only_fields = fields


class ProposalDetailSerializer(ProposalSerializer):
    diff = serializers.SerializerMethodField(help_text="The change against its base revision.")

    class Meta(ProposalSerializer.Meta):
        fields = [*ProposalSerializer.Meta.fields, "diff"]
        read_only_fields = fields

    @extend_schema_field(ArticleDiffSerializer)
    def get_diff(self, proposal) -> dict:
        """`context["diff"]`: the proposal's `ArticleDiff` against its base revision."""
        return ArticleDiffSerializer(self.context["diff"]).data


class _KnownKeysOnly(serializers.Serializer):
    """Refuses keys it has no field for: a misspelt one ("bdy") would otherwise be dropped
    without a word, and the rest of the item applied as if it were all."""

    unknown_key_message = "Not a field of this part."

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(str(key) for key in data if key not in self.fields)
            if unknown:
                raise serializers.ValidationError(
                    {key: [self.unknown_key_message] for key in unknown}
                )
            # DRF's CharField makes text of a number or a boolean; the schema says string.
            not_text = sorted(
                name
                for name, value in data.items()
                if isinstance(self.fields[name], serializers.CharField)
                and value is not None
                and not isinstance(value, str)
            )
            if not_text:
                raise serializers.ValidationError(
                    {name: ["Give text: a JSON string."] for name in not_text}
                )
        return super().to_internal_value(data)


class _KnownKeysOnlyScheme(OpenApiSerializerExtension):
    """Says in the schema what `_KnownKeysOnly` does: no other properties."""

    target_class = _KnownKeysOnly
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_basic_serializer(self.target, direction)
        return {**schema, "additionalProperties": False}


class _NumberField(serializers.FloatField):
    """A JSON number: true and false are not 1 and 0, as Python would read them."""

    def to_internal_value(self, data):
        if isinstance(data, bool):
            self.fail("invalid")
        return super().to_internal_value(data)


class _CoordinatesInputSerializer(_KnownKeysOnly, CoordinatesSerializer):
    """Latitude and longitude in degrees, and nothing else."""

    lat = _NumberField(min_value=-90, max_value=90)
    lon = _NumberField(min_value=-180, max_value=180)


_KEEP_HELP = (
    "An existing one's id, to keep it (fields left out stay as they are); omit for a new one."
)


class _SectionInputSerializer(_KnownKeysOnly):
    """A section: a new one, or an existing one by id with the fields that change."""

    id = serializers.IntegerField(required=False, allow_null=True, help_text=_KEEP_HELP)
    heading = serializers.CharField(
        max_length=limits.HEADING_MAX_LENGTH, required=False, help_text="Required for a new one."
    )
    level = serializers.ChoiceField(
        choices=m.Section.Level.values, required=False, help_text="2 (default) or 3."
    )
    body = serializers.CharField(
        allow_blank=True,
        required=False,
        max_length=limits.SECTION_BODY_MAX_LENGTH,
        trim_whitespace=False,
        help_text=_CITING_HELP,
    )


class _ReferenceInputSerializer(_KnownKeysOnly):
    """A reference: a new one, or an existing one by id with the fields that change."""

    id = serializers.IntegerField(required=False, allow_null=True, help_text=_KEEP_HELP)
    text = serializers.CharField(
        max_length=limits.REFERENCE_TEXT_MAX_LENGTH,
        required=False,
        help_text="Required for a new one.",
    )
    url = serializers.URLField(
        allow_blank=True, required=False, max_length=limits.REFERENCE_URL_MAX_LENGTH
    )


class _InfoboxChangesField(serializers.DictField):
    """Infobox key → value or null. DictField checks only the values; the keys are text
    the article will store too, so NUL characters and lone surrogates in them are refused
    here, with a message that does not repeat the key."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            problems = [
                f"An infobox key {problem}."
                for key in data
                if isinstance(key, str) and (problem := text_problem(key))
            ]
            if problems:
                raise serializers.ValidationError(problems)
            if any(not isinstance(value, str | None) for value in data.values()):
                raise serializers.ValidationError("Each value is text (a JSON string) or null.")
        return super().to_internal_value(data)


class ProposalCreateSerializer(_KnownKeysOnly):
    """A partial document: only the parts given change; see the field descriptions."""

    unknown_key_message = "Not a part of a proposal."

    summary = serializers.CharField(
        max_length=limits.SUMMARY_MAX_LENGTH, help_text="Why the change is right."
    )
    source = serializers.CharField(
        max_length=limits.SOURCE_MAX_LENGTH,
        required=False,
        allow_blank=True,
        default="",
        help_text="A citation.",
    )
    base_revision = serializers.IntegerField(
        required=False, help_text="The revision the change was made against (default: current)."
    )
    title = serializers.CharField(max_length=limits.TITLE_MAX_LENGTH, required=False)
    lead = serializers.CharField(
        max_length=limits.LEAD_MAX_LENGTH,
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text=_CITING_HELP,
    )
    infobox = _InfoboxChangesField(
        child=serializers.CharField(
            allow_null=True, allow_blank=True, max_length=limits.INFOBOX_VALUE_MAX_LENGTH
        ),
        required=False,
        help_text="Field key → new value, or null to remove the field.",
    )
    infobox_order = serializers.ListField(
        child=serializers.CharField(max_length=limits.INFOBOX_KEY_MAX_LENGTH),
        required=False,
        help_text="The complete key order of the resulting infobox, to reorder it.",
    )
    sections = _SectionInputSerializer(
        many=True,
        required=False,
        max_length=limits.SECTIONS_MAX,
        help_text=(
            "Every section the article keeps, in order: {id} alone keeps one as it is, "
            "{id, …} changes the fields given, an item without id is new."
        ),
    )
    references = _ReferenceInputSerializer(
        many=True,
        required=False,
        max_length=limits.REFERENCES_MAX,
        help_text=(
            "Every reference the article keeps, in order: {id} alone keeps one as it is, "
            "{id, …} changes the fields given, an item without id is new."
        ),
    )
    coordinates = _CoordinatesInputSerializer(required=False, allow_null=True)

    def changes(self) -> dict:
        """The partial document for `proposal_create`, from validated data."""
        changes = {part: self.validated_data[part] for part in PARTS if part in self.validated_data}
        if changes.get("coordinates") is not None:
            # Decimal strings keep exactly the digits the client sent.
            changes["coordinates"] = {
                axis: repr(value) for axis, value in changes["coordinates"].items()
            }
        return changes


class ArticleProposalSerializer(ProposalCreateSerializer):
    """A new article: the parts it has, its title required; sections and references come
    without ids, since none exist yet."""

    def get_fields(self):
        fields = super().get_fields()
        del fields["base_revision"]
        fields["title"].required = True
        fields["summary"].help_text = "Why Annals needs this article, and what it rests on."
        return fields


class ProposalPatchSerializer(ProposalCreateSerializer):
    """Parts that replace the proposal's own: null drops a part from the proposal (the
    published value stays), parts left out stay as the proposal has them. The proposal
    moves onto the current revision; `base_revision` set to the current revision says
    that you have read it, so the parts are read against it and your values win where
    they clash with what was published since."""

    def get_fields(self):
        fields = super().get_fields()
        for name, field in fields.items():
            field.required = False
            field.default = empty
            if name in PARTS:
                field.allow_null = True
        fields["summary"].help_text = "A new edit summary (default: unchanged)."
        fields["source"].help_text = "A new citation (default: unchanged)."
        fields[
            "base_revision"
        ].help_text = "The current revision once you have read it; or this proposal's base."
        return fields


class ApproveResultSerializer(serializers.Serializer):
    status = serializers.CharField()
    revision = RevisionRefSerializer()


class RejectSerializer(serializers.Serializer):
    reason = _MessageField(
        max_length=limits.REVIEW_REASON_MAX_LENGTH, help_text="Shown to the proposal's author."
    )


class RequestChangesSerializer(serializers.Serializer):
    message = _MessageField(
        max_length=limits.COMMENT_MAX_LENGTH,
        help_text="What the author should change; it opens the proposal's discussion.",
    )


class CommentSerializer(serializers.ModelSerializer):
    """One message of a proposal's discussion, oldest first."""

    author = serializers.CharField(source="author.username", read_only=True)
    text = _MessageField(max_length=limits.COMMENT_MAX_LENGTH)
    requests_changes = serializers.BooleanField(
        read_only=True, help_text="Whether a reviewer asked for changes with it."
    )

    class Meta:
        model = m.ProposalComment
        fields = ["id", "author", "text", "requests_changes", "created_at"]
        read_only_fields = ["id", "author", "requests_changes", "created_at"]


class ErrorSerializer(serializers.Serializer):
    """The answer to a request that failed: what went wrong, in a sentence."""

    detail = serializers.CharField()


class ValidationErrorSerializer(ErrorSerializer):
    """A 400: the request is not valid, for the reasons given by field."""

    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=(
            "Field → its problems; `non_field_errors` for the request as a whole. Problems "
            'inside a list or an object name the item: "[1].level: …".'
        ),
    )


class ConflictErrorSerializer(ErrorSerializer):
    """A 409: the proposal is not pending, or clashes with changes published since."""

    conflicts = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="The parts changed both by the proposal and since its base, if that is why.",
    )


class NotificationSerializer(serializers.Serializer):
    """One notification: what happened (`kind`, and `text` as the site says it), where it
    leads (`url`, a path on this site), and whether it is still unread."""

    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Notification.Kind.choices)
    text = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    article = serializers.CharField(source="article.slug", help_text="The article's slug.")
    proposal = serializers.IntegerField(source="proposal_id", allow_null=True)
    revision = serializers.IntegerField(source="revision_id", allow_null=True)
    comment = serializers.IntegerField(
        source="comment_id", allow_null=True, help_text="The comment it is about, if any."
    )
    actor = serializers.CharField(
        source="actor.username", allow_null=True, help_text="Who did it, if known."
    )
    created_at = serializers.DateTimeField()
    unread = serializers.BooleanField(source="is_unread")

    def get_text(self, notification) -> str:
        return notification_text(notification)

    def get_url(self, notification) -> str:
        return notification_link(notification)


class NotificationsReadSerializer(serializers.Serializer):
    """Which notifications to mark read: `ids`, or all of them when it is left out."""

    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1),
        required=False,
        max_length=1000,
    )


class NotificationsReadResultSerializer(serializers.Serializer):
    marked = serializers.IntegerField()
    unread = serializers.IntegerField()


class WatchSerializer(serializers.Serializer):
    watching = serializers.BooleanField()


class FactDatesSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField(allow_null=True, help_text="Null while it goes on.")
    precision = serializers.ChoiceField(choices=["day", "month", "year"])


class FactCountSerializer(serializers.Serializer):
    category = serializers.CharField(
        help_text="killed, wounded, captured, missing, or the value's own words; "
        "empty when it names none."
    )
    low = serializers.IntegerField()
    high = serializers.IntegerField(allow_null=True, help_text="Null: no upper bound.")
    place = serializers.CharField()


class FactFiguresSerializer(serializers.Serializer):
    counts = FactCountSerializer(many=True)
    attribution = serializers.CharField(help_text="Who gives the figures, if the value says.")
    unread = serializers.ListField(child=serializers.CharField())


class FactPartySerializer(serializers.Serializer):
    name = serializers.CharField()
    markers = serializers.ListField(child=serializers.CharField(), help_text="KIA, POW, …")


class FactPartiesSerializer(serializers.Serializer):
    parties = FactPartySerializer(many=True)


class FactSerializer(serializers.Serializer):
    key = serializers.CharField()
    kind = serializers.ChoiceField(choices=InfoboxFact.Kind.choices)
    side = serializers.IntegerField(allow_null=True, help_text="The side its key numbers.")
    data = serializers.SerializerMethodField(
        help_text="By kind; null for text, or for a value that could not be read."
    )

    @extend_schema_field(
        PolymorphicProxySerializer(
            component_name="FactData",
            serializers=[FactDatesSerializer, FactFiguresSerializer, FactPartiesSerializer],
            resource_type_field_name=None,
            many=False,
        )
    )
    def get_data(self, fact) -> dict | None:
        return fact.data


class ArticleFactsSerializer(serializers.Serializer):
    revision = serializers.IntegerField(
        allow_null=True, help_text="The revision read; null until the worker has read one."
    )
    facts = FactSerializer(many=True)
    unread = serializers.IntegerField(help_text="Values of a typed kind that were not read.")


class PassageSerializer(serializers.Serializer):
    part = serializers.ChoiceField(
        choices=[checks.LEAD, checks.SECTION, checks.INFOBOX, checks.ELSEWHERE],
        help_text="Where the words are; `elsewhere`: a spelling other articles use.",
    )
    name = serializers.CharField(help_text="The infobox key or the section's heading, or empty.")
    section_id = serializers.IntegerField(allow_null=True, help_text="The section's id.")
    text = serializers.CharField()
    url = serializers.CharField(
        help_text="The passage's place on the article page, or a search for the spelling."
    )


class WorklistFixSerializer(serializers.Serializer):
    key = serializers.CharField(source="fix_key")
    value = serializers.CharField(source="fix_value")


class WorklistArticleSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()


class WorklistDismissalSerializer(serializers.Serializer):
    by = serializers.CharField(source="dismissed_by.username")
    reason = serializers.CharField(source="dismissed_reason")
    at = serializers.DateTimeField(source="dismissed_at")


class WorklistItemSerializer(serializers.ModelSerializer):
    """A slip the checks suspect in an article's current version."""

    article = WorklistArticleSerializer()
    check = serializers.ChoiceField(source="check_name", choices=list(checks.CHECK_TITLES.items()))
    evidence = PassageSerializer(source="passages", many=True)
    fix = serializers.SerializerMethodField(
        help_text="The infobox value that would fix it, where the check can tell; else null."
    )
    revision = serializers.IntegerField(
        source="revision_id", help_text="The version the check last ran on."
    )
    propose_url = serializers.CharField(
        help_text="The site's correction form for the part, filled with the fix where there is one."
    )
    current = serializers.BooleanField(
        help_text="Whether the latest check still finds it (false only for a dismissed item)."
    )
    dismissed = serializers.SerializerMethodField(help_text="Who dismissed it and why; or null.")

    class Meta:
        model = WorklistItem
        fields = [
            "id",
            "article",
            "check",
            "summary",
            "evidence",
            "fix",
            "revision",
            "found_at",
            "current",
            "dismissed",
            "propose_url",
        ]
        read_only_fields = fields

    @extend_schema_field(WorklistFixSerializer(allow_null=True))
    def get_fix(self, item) -> dict | None:
        return WorklistFixSerializer(item).data if item.fix_key else None

    @extend_schema_field(WorklistDismissalSerializer(allow_null=True))
    def get_dismissed(self, item) -> dict | None:
        return WorklistDismissalSerializer(item).data if item.is_dismissed else None


class WorklistQuerySerializer(serializers.Serializer):
    check = serializers.ChoiceField(
        choices=list(checks.CHECK_TITLES), required=False, help_text="One check's findings."
    )
    article = serializers.CharField(required=False, help_text="One article's, by slug.")
    dismissed = serializers.BooleanField(
        default=False, help_text="true: what reviewers dismissed, instead of what is to check."
    )


class DismissSerializer(serializers.Serializer):
    reason = _MessageField(
        max_length=limits.REVIEW_REASON_MAX_LENGTH,
        help_text="Why this is not a slip; shown on the worklist's dismissed items.",
    )


class BlamePartSerializer(serializers.Serializer):
    part = serializers.CharField(
        help_text='"title", "lead", "coordinates", "infobox:<key>", "section:<id>" or '
        '"reference:<id>".'
    )
    kind = serializers.CharField()
    key = serializers.CharField(help_text="The infobox key or the part's id; empty otherwise.")
    revision = serializers.IntegerField(
        source="revision.pk", allow_null=True, default=None, help_text="null until read."
    )
    number = serializers.IntegerField(source="revision.number", allow_null=True, default=None)
    author = serializers.CharField(
        source="revision.revision.user.username", allow_null=True, default=None
    )
    reviewer = serializers.CharField(
        source="revision.reviewer.username", allow_null=True, default=None
    )
    date = serializers.DateTimeField(
        source="revision.revision.date_created", allow_null=True, default=None
    )
    summary = serializers.CharField(
        source="revision.revision.comment", allow_null=True, default=None
    )
    source = serializers.SerializerMethodField(help_text="The source its proposal gave, if any.")

    def get_source(self, row) -> str:
        proposal = getattr(row.revision, "proposal", None) if row.revision else None
        return proposal.source if proposal else ""


class ArticleBlameSerializer(serializers.Serializer):
    revision = serializers.IntegerField(help_text="The current revision the parts are read at.")
    parts = BlamePartSerializer(many=True)


class ApprovePartSerializer(serializers.Serializer):
    parts = serializers.ListField(
        child=serializers.CharField(max_length=limits.INFOBOX_KEY_MAX_LENGTH + 10),
        allow_empty=False,
        max_length=limits.INFOBOX_FIELDS_MAX + 10,
        help_text="The parts to approve, as the description names them.",
    )
    message = _MessageField(
        max_length=limits.COMMENT_MAX_LENGTH,
        help_text="Why the rest goes back; it opens the proposal's discussion.",
    )


class ApprovePartResultSerializer(serializers.Serializer):
    approved = ProposalSerializer(help_text="The chosen parts, approved as their own proposal.")
    revision = serializers.IntegerField(source="revision.pk", help_text="The revision published.")
    rest = ProposalSerializer(help_text="This proposal, with the rest, returned to its author.")


class ClaimCreateSerializer(_KnownKeysOnly):
    key = _MessageField(
        max_length=limits.INFOBOX_KEY_MAX_LENGTH, help_text="The infobox field it is a figure of."
    )
    value = _MessageField(
        max_length=limits.INFOBOX_VALUE_MAX_LENGTH, help_text="The figure, without citations."
    )
    source = _MessageField(
        max_length=limits.SOURCE_MAX_LENGTH, help_text="Who gives this figure, where and when."
    )


class PreferSerializer(_KnownKeysOnly):
    reason = _MessageField(
        max_length=limits.EDIT_REASON_MAX_LENGTH,
        required=False,
        allow_blank=True,
        help_text="Why this figure; the revision's summary carries it.",
    )


class WithdrawSerializer(serializers.Serializer):
    reason = _MessageField(
        max_length=limits.REVIEW_REASON_MAX_LENGTH,
        help_text="Why the figure goes; kept with it.",
    )


class PreferResultSerializer(serializers.Serializer):
    claim = FieldClaimSerializer()
    revision = RevisionRefSerializer()


class LogEntrySerializer(serializers.ModelSerializer):
    """One governance action: who did what to which article or account, when and why."""

    action = _NamedChoiceField(enum_name="LogAction", choices=LogEntry.Action.choices)
    actor = serializers.CharField(source="actor.username")
    subject = serializers.CharField(help_text="What it was done to, named as it was then.")
    article = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    user = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    revision = serializers.IntegerField(
        source="revision_id", allow_null=True, help_text="The revision it published."
    )

    class Meta:
        model = LogEntry
        fields = ["id", "action", "actor", "at", "reason", "subject", "article", "user", "revision"]


class LogQuerySerializer(serializers.Serializer):
    # Blank (or only spaces) is no filter, as on the log page.
    action = serializers.ChoiceField(
        choices=LogEntry.Action.values, required=False, help_text="One kind of action."
    )
    actor = serializers.CharField(
        required=False, allow_blank=True, help_text="By one account (username)."
    )
    article = serializers.CharField(
        required=False, allow_blank=True, help_text="On one article (slug)."
    )
    user = serializers.CharField(
        required=False, allow_blank=True, help_text="On one account (username)."
    )


class BlockSerializer(serializers.ModelSerializer):
    """A block of an account: by whom, why, from when until when (null: until lifted)."""

    user = serializers.CharField(source="user.username")
    blocked_by = serializers.CharField(source="blocked_by.username")
    lifted_by = serializers.CharField(source="lifted_by.username", allow_null=True, default=None)

    class Meta:
        model = Block
        fields = [
            "id",
            "user",
            "blocked_by",
            "reason",
            "created_at",
            "expires_at",
            "lifted_at",
            "lifted_by",
            "lift_reason",
        ]


class BlockCreateSerializer(_KnownKeysOnly):
    reason = _MessageField(
        max_length=limits.REVIEW_REASON_MAX_LENGTH,
        help_text="Shown to the account on every action the block refuses, and in the log.",
    )
    expires_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        default=None,
        help_text="When the block ends; absent or null: until a reviewer lifts it.",
    )


class LiftSerializer(_KnownKeysOnly):
    reason = _MessageField(max_length=limits.REVIEW_REASON_MAX_LENGTH, help_text="Why.")


class ProtectionSerializer(serializers.ModelSerializer):
    """A protection of an article: who may still propose, by whom, why, until when."""

    article = serializers.CharField(source="article.slug")
    protected_by = serializers.CharField(source="protected_by.username")
    lifted_by = serializers.CharField(source="lifted_by.username", allow_null=True, default=None)
    level = _NamedChoiceField(enum_name="ProtectionLevel", choices=Protection.Level.choices)

    class Meta:
        model = Protection
        fields = [
            "id",
            "article",
            "level",
            "protected_by",
            "reason",
            "created_at",
            "expires_at",
            "lifted_at",
            "lifted_by",
            "lift_reason",
        ]


class ProtectCreateSerializer(BlockCreateSerializer):
    level = _NamedChoiceField(
        enum_name="ProtectionLevel",
        choices=Protection.Level.choices,
        help_text='"semi": established accounts and reviewers may still propose; "full": nobody.',
    )


class RenameSerializer(_KnownKeysOnly):
    title = _MessageField(max_length=limits.TITLE_MAX_LENGTH, help_text="The new title.")
    reason = _MessageField(
        max_length=limits.EDIT_REASON_MAX_LENGTH,
        help_text="Why; the revision's summary and the log carry it.",
    )


class VisibilitySerializer(_KnownKeysOnly):
    content = serializers.BooleanField(help_text="Hide the revision's content.")
    summary = serializers.BooleanField(help_text="Hide its summary.")
    author = serializers.BooleanField(help_text="Hide its author's name.")
    reason = _MessageField(
        max_length=limits.REVIEW_REASON_MAX_LENGTH,
        help_text="Why; the public log keeps it, so do not repeat what is hidden.",
    )


class VisibilityResultSerializer(serializers.Serializer):
    revision = RevisionRefSerializer(help_text="The revision, as the oversight group sees it.")
    published = RevisionRefSerializer(
        allow_null=True,
        help_text="The revision that took the article back to its last visible content, "
        "when the current revision's content was hidden; else null.",
    )


class MergeSerializer(_KnownKeysOnly):
    into = serializers.SlugField(
        max_length=limits.TITLE_MAX_LENGTH + 20,
        allow_unicode=True,
        help_text="The slug of the article it joins.",
    )
    reason = _MessageField(max_length=limits.REVIEW_REASON_MAX_LENGTH, help_text="Why.")


class MergeResultSerializer(serializers.Serializer):
    into = serializers.SlugField(help_text="Where the merged article's addresses redirect now.")
    proposal = ProposalSerializer(
        allow_null=True,
        help_text="What it said that the other lacked, proposed into the other for review; "
        "null when the other said it all.",
    )


class RenameResultSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text="The article's slug now; the old one redirects.")
    title = serializers.CharField()
    revision = RevisionRefSerializer()
