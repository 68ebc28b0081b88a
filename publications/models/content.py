"""Outlets, series, the ContentPage family and the section indexes that hold them."""

from __future__ import annotations

import math
import zoneinfo
from datetime import date, datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from cms import clock
from cms.api_fields import (
    AuthorsField,
    DocumentField,
    LocalDateTimeField,
    PageLinksField,
    SnippetField,
    TopicField,
    TopicListField,
)
from cms.blocks import BODY_FEATURES, INLINE_FEATURES, BodyBlock, EndnoteBlock, KeyPointBlock
from cms.ical import CALENDAR_CONTENT_TYPE, CalendarEvent, render_calendar
from cms.listing_routes import ListingRoutesMixin
from cms.models import BasePage, public_url
from cms.routing import StaticRoutesMixin

from ..blocks import AgendaItemBlock, QuestionBlock

if TYPE_CHECKING:
    from home.listings import ContentListing

    from ..listings import EventListing, ResearchListing

WORDS_PER_MINUTE = 230

# --- Snippets ------------------------------------------------------------------------------


@register_snippet
class Outlet(index.Indexed, models.Model):
    """A publication or broadcaster where op-eds appear and experts are quoted."""

    name = models.CharField(max_length=150, unique=True)
    url = models.URLField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("url")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    api_fields = [APIField("name"), APIField("url")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


@register_snippet
class Series(index.Indexed, models.Model):
    """A named run of publications, e.g. an explainer series."""

    title = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(max_length=150, unique=True)
    description = models.TextField(blank=True)

    panels = [FieldPanel("title"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]
    api_fields = [APIField("title"), APIField("slug"), APIField("description")]

    class Meta:
        ordering = ["title"]
        verbose_name_plural = "series"

    def __str__(self) -> str:
        return self.title


# --- ContentPage ---------------------------------------------------------------------------


class AuthorRole(models.TextChoices):
    AUTHOR = "author", "Author"
    FEATURING = "featuring", "Featuring"
    SPEAKER = "speaker", "Speaker"
    MODERATOR = "moderator", "Moderator"


class ContentPage(BasePage):
    """Everything the organisation publishes.

    Concrete (one query lists every type) but not creatable.
    """

    display_date = models.DateField(default=date.today, help_text="The date readers see.")
    updated_date = models.DateField(null=True, blank=True)
    updated_note = models.CharField(max_length=255, blank=True)
    dek = models.TextField(blank=True, help_text="The standfirst under the title.")
    body = StreamField(BodyBlock(), blank=True)
    primary_topic = models.ForeignKey(
        "home.Topic",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown in the breadcrumb and 'More on'; defaults to the first topic.",
    )
    programs = ParentalManyToManyField("home.ProgramPage", blank=True, related_name="content")
    series = models.ForeignKey(
        Series, null=True, blank=True, on_delete=models.SET_NULL, related_name="pages"
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("dek"),
        FieldRowPanel([FieldPanel("display_date"), FieldPanel("updated_date")]),
        FieldPanel("updated_note"),
        InlinePanel("authors", label="Authors"),
    ]
    body_panels = [FieldPanel("body")]
    taxonomy_panels = [
        MultiFieldPanel(
            [
                InlinePanel("topics", label="Topics"),
                FieldPanel("primary_topic"),
                FieldPanel("programs"),
                FieldPanel("series"),
                InlinePanel("related_pages", label="Related pages"),
            ],
            heading="Topics and relations",
        )
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("dek"),
        index.SearchField("body"),
        # The admin's page search matches on autocomplete fields only.
        index.AutocompleteField("body"),
        index.FilterField("display_date"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("type_label"),
        APIField("display_date"),
        APIField("updated_date"),
        APIField("updated_note"),
        APIField("dek"),
        APIField("byline"),
        APIField("authors", serializer=AuthorsField()),
        APIField("topics", serializer=TopicListField()),
        APIField("primary_topic", serializer=TopicField()),
        APIField("programs", serializer=PageLinksField()),
        APIField("series", serializer=SnippetField("title", "slug")),
        APIField("reading_time"),
        APIField("body"),
        APIField("related_pages", serializer=PageLinksField("related")),
    ]

    is_creatable = False
    parent_page_types: list[str] = []
    subpage_types: list[str] = []

    class Meta:
        ordering = ["-display_date", "-pk"]

    def clean(self) -> None:
        super().clean()
        if self.updated_date and self.display_date and self.updated_date < self.display_date:
            raise ValidationError({"updated_date": "The update cannot be before the date."})

    @classmethod
    def prefetch_for_render(cls, pages: list[ContentPage]) -> None:
        """Hook for the static build: load what many detail pages show in bulk."""
        from ..listings import prefetch_details

        prefetch_details(pages)

    # Derived values: one place, so HTML, JSON, feeds and structured data agree.

    @property
    def type_label(self) -> str:
        # specific_class, so a card fetched as a plain ContentPage still says "op-ed".
        return str((self.specific_class or type(self))._meta.verbose_name)

    @property
    def card_event(self) -> EventPage | None:
        """The event behind a card, whether fetched specific or as a ContentPage with
        ``select_related("eventpage")`` (how listings fetch cards in one query)."""
        if isinstance(self, EventPage):
            return self
        if self.specific_class is EventPage:
            return self.eventpage
        return None

    @property
    def event_label(self) -> str:
        event = self.card_event
        return event.event_label if event else ""

    @property
    def local_start(self) -> datetime | None:
        event = self.card_event
        return event.local_start if event else None

    @cached_property
    def author_rows(self) -> list[ContentPageAuthor]:
        return list(self.authors.all())

    @property
    def byline(self) -> str:
        """'By A and B', or 'Featuring C' when the rows feature rather than author."""
        rows = self.author_rows
        if not rows:
            return ""
        names = [row.display_name for row in rows]
        joined = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        return f"{self.byline_prefix} {joined}"

    @property
    def author_names(self) -> list[str]:
        return [row.display_name for row in self.author_rows]

    @property
    def byline_prefix(self) -> str:
        """'Featuring' when every row features rather than authors, else 'By'."""
        rows = self.author_rows
        return "Featuring" if rows and all(r.role == AuthorRole.FEATURING for r in rows) else "By"

    @cached_property
    def topic_list(self) -> list:
        return [link.topic for link in self.topics.all()]

    @property
    def breadcrumb_topic(self):
        return self.primary_topic or (self.topic_list[0] if self.topic_list else None)

    @property
    def word_count(self) -> int:
        text = " ".join(strip_tags(str(block.render_as_block())) for block in self.body)
        return len(text.split())

    @property
    def reading_time(self) -> int:
        """Minutes, at least one."""
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))

    @property
    def is_past(self) -> bool:
        return False

    def get_context(self, request, *args, **kwargs):
        from .. import listings

        context = super().get_context(request, *args, **kwargs)
        context.update(listings.detail_context(self, request))
        return context


class ContentPageAuthor(Orderable):
    """An author, featured expert, speaker or moderator: a person page, or a free-text name."""

    page = ParentalKey(ContentPage, related_name="authors", on_delete=models.CASCADE)
    person = models.ForeignKey(
        "people.PersonPage", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(max_length=255, blank=True, help_text="For someone without a page.")
    role = models.CharField(max_length=20, choices=AuthorRole.choices, default=AuthorRole.AUTHOR)
    title_override = models.CharField(
        max_length=255, blank=True, help_text="e.g. 'Former Ambassador to NATO' for a speaker."
    )

    panels = [
        FieldPanel("person"),
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("title_override"),
    ]
    api_fields = [
        APIField("display_name"),
        APIField("role"),
        APIField("person_id"),
        APIField("title"),
    ]

    def clean(self) -> None:
        if bool(self.person_id) == bool(self.name.strip()):
            raise ValidationError("Choose a person or type a name, not both.")

    @property
    def display_name(self) -> str:
        return self.person.title if self.person_id else self.name

    @property
    def title(self) -> str:
        if self.title_override:
            return self.title_override
        return self.person.job_title if self.person_id else ""


class ContentPageTopic(Orderable):
    page = ParentalKey(ContentPage, related_name="topics", on_delete=models.CASCADE)
    topic = models.ForeignKey("home.Topic", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("topic")]
    api_fields = [APIField("topic")]

    class Meta(Orderable.Meta):
        unique_together = [("page", "topic")]


class ContentPageRelated(Orderable):
    """A manual 'related' pick that takes precedence over the automatic 'More on' items."""

    page = ParentalKey(ContentPage, related_name="related_pages", on_delete=models.CASCADE)
    related = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("related", heading="Page")]
    api_fields = [APIField("related_id")]


def content_panels_for(*own_panels) -> list:
    """Content panels of a content type: the shared head, the type's own fields, then the body."""
    return [
        *ContentPage.content_panels,
        *own_panels,
        *ContentPage.body_panels,
        *ContentPage.taxonomy_panels,
    ]


# --- Content types -------------------------------------------------------------------------


class BriefPage(ContentPage):
    key_points = StreamField([("point", KeyPointBlock())], blank=True)
    pdf = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    endnotes = StreamField([("note", EndnoteBlock())], blank=True)

    content_panels = content_panels_for(FieldPanel("key_points"), FieldPanel("pdf")) + [
        FieldPanel("endnotes")
    ]
    search_fields = [*ContentPage.search_fields, index.SearchField("key_points")]
    api_fields = [
        *ContentPage.api_fields,
        APIField("key_points"),
        APIField("pdf", serializer=DocumentField()),
        APIField("endnotes"),
    ]

    parent_page_types = ["publications.BriefIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "brief"


class ExplainerPage(ContentPage):
    key_points = StreamField([("point", KeyPointBlock())], blank=True)
    pdf = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    content_panels = content_panels_for(FieldPanel("key_points"), FieldPanel("pdf"))
    search_fields = [*ContentPage.search_fields, index.SearchField("key_points")]
    api_fields = [
        *ContentPage.api_fields,
        APIField("key_points"),
        APIField("pdf", serializer=DocumentField()),
    ]

    parent_page_types = ["publications.ExplainerIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "explainer"

    def clean(self) -> None:
        super().clean()
        if not len(self.key_points):
            raise ValidationError({"key_points": "An explainer needs at least one key point."})


class ReportPage(ContentPage):
    summary = RichTextField(blank=True, features=BODY_FEATURES)
    key_takeaways = StreamField([("point", KeyPointBlock())], blank=True)
    pdf = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    endnotes = StreamField([("note", EndnoteBlock())], blank=True)
    citation = models.TextField(blank=True, help_text="How to cite this report.")

    content_panels = content_panels_for(
        FieldPanel("summary"), FieldPanel("key_takeaways"), FieldPanel("pdf")
    ) + [FieldPanel("endnotes"), FieldPanel("citation")]
    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("summary"),
        index.SearchField("key_takeaways"),
    ]
    api_fields = [
        *ContentPage.api_fields,
        APIField("summary"),
        APIField("key_takeaways"),
        APIField("pdf", serializer=DocumentField()),
        APIField("endnotes"),
        APIField("citation"),
    ]

    parent_page_types = ["publications.ReportIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "report"

    @property
    def table_of_contents(self) -> list[tuple[str, str]]:
        """(anchor, heading) for every section heading of the body."""
        from django.utils.text import slugify

        return [
            (slugify(block.value["text"]), block.value["text"])
            for block in self.body
            if block.block_type == "heading" and block.value["level"] == "h2"
        ]


class QAPage(ContentPage):
    items = StreamField([("item", QuestionBlock())], blank=True, verbose_name="questions")

    content_panels = content_panels_for(FieldPanel("items"))
    search_fields = [*ContentPage.search_fields, index.SearchField("items")]
    api_fields = [*ContentPage.api_fields, APIField("items")]

    parent_page_types = ["publications.QAIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "Q&A"
        verbose_name_plural = "Q&As"


class ReprintMode(models.TextChoices):
    FULL = "full", "Full text (canonical points to the original)"
    EXCERPT = "excerpt", "Excerpt"
    LINK = "link", "Link only"


class OpEdPage(ContentPage):
    """An op-ed first published by another outlet: 'Read at {outlet}'."""

    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.PROTECT, related_name="op_eds"
    )
    original_url = models.URLField(blank=True, max_length=500)
    original_date = models.DateField(null=True, blank=True)
    reprint_mode = models.CharField(
        max_length=10, choices=ReprintMode.choices, default=ReprintMode.EXCERPT
    )

    content_panels = content_panels_for(
        MultiFieldPanel(
            [
                FieldPanel("outlet"),
                FieldPanel("original_url"),
                FieldPanel("original_date"),
                FieldPanel("reprint_mode"),
            ],
            heading="Original publication",
        )
    )
    api_fields = [
        *ContentPage.api_fields,
        APIField("outlet", serializer=SnippetField("name", "url")),
        APIField("original_url"),
        APIField("original_date"),
        APIField("reprint_mode"),
    ]

    parent_page_types = ["publications.OpEdIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "op-ed"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if not self.outlet_id:
            errors["outlet"] = "An op-ed needs the outlet that published it."
        if not self.original_url:
            errors["original_url"] = "An op-ed needs the URL of the original publication."
        if errors:
            raise ValidationError(errors)

    @property
    def canonical_url(self) -> str:
        if (
            self.reprint_mode == ReprintMode.FULL
            and self.original_url
            and not self.canonical_override
        ):
            return self.original_url
        return super().canonical_url

    @property
    def read_at_label(self) -> str:
        return f"Read at {self.outlet.name}" if self.outlet_id else ""


class MediaKind(models.TextChoices):
    TV = "tv", "TV"
    RADIO = "radio", "Radio"
    PODCAST = "podcast", "Podcast"
    PRINT = "print", "Print"
    ONLINE = "online", "Online"


class MediaMentionPage(ContentPage):
    """'In the media': an expert quoted or interviewed by an outlet."""

    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.PROTECT, related_name="mentions"
    )
    external_url = models.URLField(blank=True, max_length=500)
    kind = models.CharField(max_length=10, choices=MediaKind.choices, default=MediaKind.PRINT)
    quote = models.TextField(blank=True)

    content_panels = content_panels_for(
        MultiFieldPanel(
            [
                FieldPanel("outlet"),
                FieldPanel("external_url"),
                FieldPanel("kind"),
                FieldPanel("quote"),
            ],
            heading="Coverage",
        )
    )
    search_fields = [*ContentPage.search_fields, index.SearchField("quote")]
    api_fields = [
        *ContentPage.api_fields,
        APIField("outlet", serializer=SnippetField("name", "url")),
        APIField("external_url"),
        APIField("kind"),
        APIField("quote"),
    ]

    parent_page_types = ["publications.MediaMentionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "in the media"
        verbose_name_plural = "in the media"

    def clean(self) -> None:
        super().clean()
        if not self.outlet_id:
            raise ValidationError({"outlet": "Name the outlet that covered us."})


class PressReleasePage(ContentPage):
    """A press release; an embargo is Wagtail's scheduled go-live."""

    dateline = models.CharField(max_length=100, blank=True, help_text="e.g. WASHINGTON, D.C.")
    press_contact_name = models.CharField(max_length=150, blank=True)
    press_contact_email = models.EmailField(blank=True)

    content_panels = content_panels_for(
        MultiFieldPanel(
            [
                FieldPanel("dateline"),
                FieldPanel("press_contact_name"),
                FieldPanel("press_contact_email"),
            ],
            heading="Press",
        )
    )
    api_fields = [
        *ContentPage.api_fields,
        APIField("dateline"),
        APIField("press_contact_name"),
        APIField("press_contact_email"),
    ]

    parent_page_types = ["publications.PressReleaseIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "press release"


class EventFormat(models.TextChoices):
    VIRTUAL = "virtual", "Virtual"
    IN_PERSON = "in_person", "In person"
    HYBRID = "hybrid", "Hybrid"


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    POSTPONED = "postponed", "Postponed"
    RESCHEDULED = "rescheduled", "Rescheduled"
    CANCELLED = "cancelled", "Cancelled"
    MOVED_ONLINE = "moved_online", "Moved online"


def timezone_choices() -> list[tuple[str, str]]:
    # A callable, so the list follows the installed tzdata rather than being frozen in a migration.
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


ICS_ROUTE = "event.ics"
ICS_STATUS = {EventStatus.CANCELLED: "CANCELLED", EventStatus.POSTPONED: "TENTATIVE"}


class EventPage(StaticRoutesMixin, ContentPage):
    """An event with timezone-aware times, its speakers (author rows) and an agenda."""

    fixed_routes = (ICS_ROUTE,)

    start = models.DateTimeField()
    end = models.DateTimeField()
    timezone = models.CharField(
        max_length=64,
        default="America/New_York",
        help_text="IANA zone where the event happens; times are shown in this zone.",
    )
    format = models.CharField(
        max_length=10, choices=EventFormat.choices, default=EventFormat.VIRTUAL
    )
    status = models.CharField(
        max_length=15, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    venue_name = models.CharField(max_length=200, blank=True)
    venue_address = models.TextField(blank=True)
    registration_url = models.URLField(blank=True)
    livestream_url = models.URLField(blank=True)
    recording_url = models.URLField(blank=True)
    agenda = StreamField([("item", AgendaItemBlock())], blank=True)

    content_panels = content_panels_for(
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("timezone", widget=forms.Select(choices=timezone_choices)),
                FieldRowPanel([FieldPanel("format"), FieldPanel("status")]),
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("registration_url"),
                FieldPanel("livestream_url"),
                FieldPanel("recording_url"),
            ],
            heading="When and where",
        ),
        FieldPanel("agenda"),
    )
    search_fields = [*ContentPage.search_fields, index.FilterField("start")]
    api_fields = [
        *ContentPage.api_fields,
        APIField("start", serializer=LocalDateTimeField(source="local_start")),
        APIField("end", serializer=LocalDateTimeField(source="local_end")),
        APIField("timezone"),
        APIField("format"),
        APIField("status"),
        APIField("venue_name"),
        APIField("venue_address"),
        APIField("registration_url"),
        APIField("livestream_url"),
        APIField("recording_url"),
        APIField("agenda"),
    ]

    parent_page_types = ["publications.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "event"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.timezone not in zoneinfo.available_timezones():
            errors["timezone"] = (
                f"{self.timezone!r} is not an IANA time zone, e.g. America/New_York."
            )
        for field in ("start", "end"):
            value = getattr(self, field)
            if value is not None and timezone.is_naive(value):
                errors[field] = "Give a timezone-aware time."
        if not errors and self.start and self.end and self.end < self.start:
            errors["end"] = "The event cannot end before it starts."
        if errors:
            raise ValidationError(errors)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def local_start(self) -> datetime:
        return self.start.astimezone(self.zone)

    @property
    def local_end(self) -> datetime:
        return self.end.astimezone(self.zone)

    @property
    def is_past(self) -> bool:
        return self.end < clock.now()

    @property
    def event_label(self) -> str:
        """e.g. 'Past Virtual Event', 'Upcoming In-Person Event' (cards and headings)."""
        kind = {EventFormat.IN_PERSON: "In-Person"}.get(self.format, self.get_format_display())
        return f"{'Past' if self.is_past else 'Upcoming'} {kind} Event"

    @property
    def location_text(self) -> str:
        """The venue (name and address on one line), else 'Online'."""
        lines = [line.strip() for line in self.venue_address.splitlines()]
        parts = [self.venue_name.strip(), ", ".join(line for line in lines if line)]
        place = ", ".join(part for part in parts if part)
        return place or "Online"

    def calendar_event(self) -> CalendarEvent:
        """The event as one VEVENT; every value comes from the page, never the clock."""
        host = urlsplit(settings.SITE_BASE_URL).hostname or "localhost"
        return CalendarEvent(
            uid=f"event-{self.pk}@{host}",
            stamp=self.last_published_at
            or timezone.make_aware(datetime.combine(self.display_date, datetime.min.time())),
            start=self.start,
            end=self.end,
            timezone=self.timezone,
            summary=self.title,
            description=self.dek,
            url=public_url(self.url_path_on_site),
            location=self.location_text,
            status=ICS_STATUS.get(self.status, "CONFIRMED"),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["ics_url"] = self.route_url(request, ICS_ROUTE) if self.pk else ""
        return context

    @path(ICS_ROUTE, name="ics")
    def ics(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse(
            render_calendar(self.calendar_event()), content_type=CALENDAR_CONTENT_TYPE
        )


# --- Section indexes -----------------------------------------------------------------------

# Every section shows its listing the same way.
SECTION_TEMPLATE = "publications/section_index_page.html"


class SectionIndexPage(ListingRoutesMixin, BasePage):
    """A section such as /op-eds/, /events/ or /research/ that lists dated content."""

    intro = RichTextField(blank=True, features=INLINE_FEATURES)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    api_fields = [*BasePage.api_fields, APIField("intro")]

    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        abstract = True


class PublicationIndexPage(SectionIndexPage):
    """A section of dated publications, its children: capped numbered pages, then month
    archives."""

    class Meta:
        abstract = True

    def get_listing(self, request: HttpRequest | None = None) -> ContentListing:
        from .. import listings

        return listings.section_listing(self, request)


class BriefIndexPage(PublicationIndexPage):
    template = SECTION_TEMPLATE
    subpage_types = ["publications.BriefPage"]


class ExplainerIndexPage(PublicationIndexPage):
    template = SECTION_TEMPLATE
    subpage_types = ["publications.ExplainerPage"]


class ReportIndexPage(PublicationIndexPage):
    template = SECTION_TEMPLATE
    subpage_types = ["publications.ReportPage"]


class QAIndexPage(PublicationIndexPage):
    template = SECTION_TEMPLATE
    subpage_types = ["publications.QAPage"]

    class Meta:
        verbose_name = "Q&A index page"


class OpEdIndexPage(PublicationIndexPage):
    template = SECTION_TEMPLATE
    subpage_types = ["publications.OpEdPage"]

    class Meta:
        verbose_name = "op-ed index page"


class MediaMentionIndexPage(PublicationIndexPage):
    template = SECTION_TEMPLATE
    subpage_types = ["publications.MediaMentionPage"]

    class Meta:
        verbose_name = "in the media index page"


class PressReleaseIndexPage(PublicationIndexPage):
    template = SECTION_TEMPLATE
    subpage_types = ["publications.PressReleasePage"]


class EventIndexPage(SectionIndexPage):
    """/events/: upcoming events, then ``past/`` (numbered pages) and month archives."""

    template = SECTION_TEMPLATE
    subpage_types = ["publications.EventPage"]

    def get_listing(self, request: HttpRequest | None = None) -> EventListing:
        from .. import listings

        return listings.EventListing(self, request)

    @path("past/")
    @path("past/page/<int:number>/")
    def past(self, request: HttpRequest, number: int | None = None) -> HttpResponse:
        return self.render(request, listing=self.get_listing(request).past(number))


class ResearchIndexPage(SectionIndexPage):
    """/research/: briefs, explainers, reports and Q&As together, queried site-wide, filterable
    by type and topic."""

    template = SECTION_TEMPLATE
    subpage_types: list[str] = []

    def get_listing(self, request: HttpRequest | None = None) -> ResearchListing:
        from .. import listings

        return listings.research_content(self, request)

    @path("type/<slug:type_slug>/")
    @path("type/<slug:type_slug>/page/<int:number>/")
    def by_type(
        self, request: HttpRequest, type_slug: str, number: int | None = None
    ) -> HttpResponse:
        from .. import listings

        listing = listings.research_listing(self, request, number, type_slug=type_slug)
        return self.render(request, listing=listing)

    @path("topic/<slug:topic_slug>/")
    @path("topic/<slug:topic_slug>/page/<int:number>/")
    def by_topic(
        self, request: HttpRequest, topic_slug: str, number: int | None = None
    ) -> HttpResponse:
        from .. import listings

        listing = listings.research_listing(self, request, number, topic_slug=topic_slug)
        return self.render(request, listing=listing)
