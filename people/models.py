"""Experts, staff and external contributors, and the pages that list them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.search import index

from cms.blocks import BODY_FEATURES, INLINE_FEATURES
from cms.models import BasePage


class Affiliation(models.TextChoices):
    STAFF = "staff", "Staff"
    FELLOW = "fellow", "Fellow"
    EXTERNAL = "external", "External contributor"
    FORMER = "former", "Former"


class PeopleIndexPage(BasePage):
    """/people/: everyone, grouped by affiliation."""

    intro = RichTextField(blank=True, features=INLINE_FEATURES)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    api_fields = [*BasePage.api_fields, APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["people.PersonPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from . import listings

        context = super().get_context(request, *args, **kwargs)
        context["groups"] = listings.people_by_affiliation(self)
        return context


class ExpertsIndexPage(RoutablePageMixin, BasePage):
    """/experts/: every person marked as an expert, site-wide, filterable by expertise."""

    intro = RichTextField(blank=True, features=INLINE_FEATURES)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    api_fields = [*BasePage.api_fields, APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from . import listings

        context = super().get_context(request, *args, **kwargs)
        context["experts"] = listings.experts()
        return context


class PersonPage(BasePage):
    """/people/<slug>/: an expert, staff member or contributor, with an archive of their work."""

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
        APIField("headshot", serializer=ImageRenditionField("fill-400x400")),
        APIField("short_bio"),
        APIField("bio"),
        APIField("expertise"),
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

    def get_context(self, request, *args, **kwargs):
        from . import listings

        context = super().get_context(request, *args, **kwargs)
        context["work"] = listings.person_work(self)
        context["expertise_topics"] = list(self.expertise.all())
        return context
