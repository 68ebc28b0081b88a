"""ContentPage, the concrete base of everything the organisation publishes, and its rows:
authors, topics and related picks."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms import keys
from cms.api_fields import AuthorsField, PageLinksField, SnippetField
from cms.blocks import BodyBlock
from cms.models import BasePage
from home.api_fields import TopicField, TopicListField
from home.topic_hubs import hub_full_url, hub_url

from .snippets import Series

if TYPE_CHECKING:
    from .events import EventPage

WORDS_PER_MINUTE = 230


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
    og_type = "article"
    schema_type = "Article"  # schema.org type of its JSON-LD entity

    class Meta:
        ordering = ["-display_date", "-pk"]

    def structured_data(self, org: dict[str, Any], linked_ids: set[int] | None) -> Any:
        from ..structured_data import article, visible_person_ids

        if linked_ids is None:
            linked_ids = visible_person_ids(self.author_rows)
        return article(self, org, linked_ids)

    def clean(self) -> None:
        super().clean()
        if self.updated_date and self.display_date and self.updated_date < self.display_date:
            raise ValidationError({"updated_date": "The update cannot be before the date."})

    @classmethod
    def prefetch_for_render(cls, pages: list[ContentPage]) -> None:
        """Hook for the static build: load what many detail pages show in bulk."""
        from ..listings import prefetch_details

        prefetch_details(pages)

    @classmethod
    def list_memberships(cls, pages: dict[int, keys.Place]) -> dict[int, keys.Membership]:
        from ..memberships import content_memberships

        return content_memberships(pages)

    # Derived values: one place, so HTML, JSON, feeds and structured data agree.

    @property
    def type_label(self) -> str:
        # specific_class, so a card fetched as a plain ContentPage still says "op-ed".
        return str((self.specific_class or type(self))._meta.verbose_name)

    @property
    def card_event(self) -> EventPage | None:
        """The event behind a card, whether fetched specific or as a ContentPage with
        ``select_related("eventpage")`` (how listings fetch cards in one query)."""
        from .events import EventPage  # a subclass: events.py imports this module

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

    def breadcrumb_section(
        self, request: HttpRequest | None = None, *, absolute: bool = False
    ) -> tuple[str, str] | None:
        """The breadcrumb's step between Home and the page: its primary topic, linked to the
        topic's public hub page ('' when it has none). Read by ``cms``'s breadcrumbs."""
        topic = self.breadcrumb_topic
        if topic is None:
            return None
        return topic.name, (hub_full_url(topic) if absolute else hub_url(topic, request))

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
