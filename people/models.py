"""Experts, staff and external contributors, and the pages that list them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField
from wagtail.search import index

from cms import extensions, keys
from cms.api_fields import ImageField
from cms.blocks import BODY_FEATURES, INLINE_FEATURES
from cms.child_index import ChildIndexMixin
from cms.feeds import listing_feed
from cms.listing_routes import ListingRoutesMixin
from cms.models import BasePage
from cms.routing import StaticRoutesMixin
from home.api_fields import TopicListField

if TYPE_CHECKING:
    from cms.listing_routes import Listing


class Affiliation(models.TextChoices):
    STAFF = "staff", "Staff"
    FELLOW = "fellow", "Fellow"
    EXTERNAL = "external", "External contributor"
    FORMER = "former", "Former"


class PeopleIndexPage(ChildIndexMixin, BasePage):
    """/people/: everyone, grouped by affiliation."""

    children_name = "groups"

    intro = RichTextField(blank=True, features=INLINE_FEATURES)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    api_fields = [*BasePage.api_fields, APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["people.PersonPage"]
    max_count = 1

    def list_children(self) -> list[tuple[str, list[PersonPage]]]:
        from . import listings

        return listings.people_by_affiliation(self)


class ExpertsIndexPage(StaticRoutesMixin, BasePage):
    """/experts/: every person marked as an expert, site-wide, filterable by expertise."""

    intro = RichTextField(blank=True, features=INLINE_FEATURES)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    api_fields = [*BasePage.api_fields, APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    def get_context(self, request, *args, listing: dict[str, Any] | None = None, **kwargs):
        from . import listings

        context = super().get_context(request, *args, **kwargs)
        context.update(listing or listings.experts_listing(self, request))
        return context

    @path("")
    def all_experts(self, request: HttpRequest) -> HttpResponse:
        return self.render(request)

    @path("expertise/<slug:slug>/")
    def by_expertise(self, request: HttpRequest, slug: str) -> HttpResponse:
        from . import listings

        return self.render(request, listing=listings.experts_listing(self, request, slug))

    def get_static_routes(self) -> Iterator[str]:
        from . import listings

        return listings.experts_routes()


class PersonPage(ListingRoutesMixin, BasePage):
    """/people/<slug>/: an expert, staff member or contributor, with an archive of their work.

    Page 1 of their work is the person page itself; the rest is below ``work/``.
    """

    listing_prefix = "work/"
    og_type = "profile"

    honorific_prefix = models.CharField(max_length=20, blank=True, help_text="e.g. Dr.")
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    honorific_suffix = models.CharField(max_length=20, blank=True, help_text="e.g. Ph.D.")
    job_title = models.CharField(max_length=150, blank=True, help_text="e.g. Fellow")
    affiliation = models.CharField(
        max_length=10, choices=Affiliation.choices, default=Affiliation.FELLOW
    )
    is_expert = models.BooleanField(default=True, help_text="Listed on /experts/.")
    headshot = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    short_bio = models.TextField(max_length=400, blank=True, help_text="Shown on author cards.")
    bio = RichTextField(blank=True, features=BODY_FEATURES)
    expertise = ParentalManyToManyField("home.Topic", blank=True, related_name="experts")
    programs = ParentalManyToManyField("home.ProgramPage", blank=True, related_name="team")
    email = models.EmailField(blank=True)
    website_url = models.URLField(blank=True)
    x_handle = models.CharField(max_length=50, blank=True, help_text="Without the @.")
    linkedin_url = models.URLField(blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("honorific_prefix"), FieldPanel("first_name")]),
                FieldRowPanel([FieldPanel("last_name"), FieldPanel("honorific_suffix")]),
            ],
            heading="Name",
        ),
        FieldPanel("job_title"),
        FieldPanel("affiliation"),
        FieldPanel("is_expert"),
        FieldPanel("headshot"),
        FieldPanel("short_bio"),
        FieldPanel("bio"),
        FieldPanel("expertise"),
        FieldPanel("programs"),
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("website_url"),
                FieldPanel("x_handle"),
                FieldPanel("linkedin_url"),
            ],
            heading="Contact and social",
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("first_name"),
        index.SearchField("last_name"),
        index.SearchField("job_title"),
        index.SearchField("short_bio"),
        index.SearchField("bio"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("full_name"),
        APIField("first_name"),
        APIField("last_name"),
        APIField("job_title"),
        APIField("affiliation"),
        APIField("is_expert"),
        APIField("headshot", serializer=ImageField("fill-400x400")),
        APIField("short_bio"),
        APIField("bio"),
        APIField("expertise", serializer=TopicListField()),
        APIField("email"),
        APIField("website_url"),
        APIField("x_handle"),
        APIField("linkedin_url"),
    ]

    parent_page_types = ["people.PeopleIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "person"

    @property
    def full_name(self) -> str:
        parts = [self.honorific_prefix, self.first_name, self.last_name]
        name = " ".join(part for part in parts if part)
        return f"{name}, {self.honorific_suffix}" if self.honorific_suffix else name

    def get_listing(self, request: HttpRequest | None = None) -> Listing:
        """Their work, which ``publications`` provides (``cms.extensions.PERSON_WORK``)."""
        return extensions.provided(extensions.PERSON_WORK)(self, request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        extensions.extend_context(extensions.PERSON_CONTEXT, self, request, context)
        context["expertise_topics"] = list(self.expertise.all())
        return context

    def feed(self, request: HttpRequest) -> HttpResponse:
        """Described as their work, whatever the page's search description says."""
        entries = self.get_listing().feed_entries()
        return listing_feed(self, entries, description=f"Work by {self.full_name}")

    def structured_data(self, org: dict[str, Any], linked_ids: set[int] | None) -> Any:
        from .structured_data import person

        return person(self, org)

    @classmethod
    def list_memberships(cls, pages: dict[int, keys.Place]) -> dict[int, keys.Membership]:
        from .memberships import person_memberships

        return person_memberships(pages)
