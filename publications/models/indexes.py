"""The section indexes under the home page that list dated content: one per type,
/events/ and /research/."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField

from cms.blocks import INLINE_FEATURES
from cms.listing_routes import ListingRoutesMixin
from cms.models import BasePage

if TYPE_CHECKING:
    from ..dated_listing import ContentListing
    from ..listings import EventListing, ResearchListing

# Every section shows its listing the same way. Wagtail derives a template name for each class
# that does not name one, so each concrete section names this one.
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
