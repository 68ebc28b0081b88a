"""Site-level pages: the home page, editorial pages, search, topic hubs and programs."""

from __future__ import annotations

from django.db import models
from django.http import HttpRequest, HttpResponse
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms import extensions, keys
from cms.api_fields import PageLinkField, PageLinksField
from cms.blocks import BODY_FEATURES, INLINE_FEATURES, BodyBlock
from cms.child_index import ChildIndexMixin
from cms.deps import depend
from cms.feeds import listing_feed
from cms.models import BasePage
from cms.routing import FEED_ROUTE, StaticRoutesMixin
from home.api_fields import TopicField, TopicListField

from .topics import Topic


class HomePage(StaticRoutesMixin, BasePage):
    fixed_routes = (FEED_ROUTE,)

    intro = models.TextField(blank=True, help_text="Shown under the organisation's name.")

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        InlinePanel("lead_stories", label="Lead stories", max_num=6),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("intro"),
        APIField("lead_stories", serializer=PageLinksField("story")),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "home.TopicHubIndexPage",
        "home.ProgramIndexPage",
        "home.SearchPage",
        "people.PeopleIndexPage",
        "people.ExpertsIndexPage",
        "publications.ResearchIndexPage",
        "publications.BriefIndexPage",
        "publications.ExplainerIndexPage",
        "publications.ReportIndexPage",
        "publications.QAIndexPage",
        "publications.OpEdIndexPage",
        "publications.MediaMentionIndexPage",
        "publications.PressReleaseIndexPage",
        "publications.EventIndexPage",
    ]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from .. import listings

        context = super().get_context(request, *args, **kwargs)
        context["lead_stories"] = listings.lead_stories(self)
        extensions.extend_context(extensions.HOME_PAGE_CONTEXT, self, request, context)
        context["feed_url"] = self.route_url(request, FEED_ROUTE)
        return context

    @path(FEED_ROUTE)
    def feed(self, request: HttpRequest) -> HttpResponse:
        """Everything the organisation publishes."""
        depend(keys.content(), keys.events())
        entries = extensions.provided(extensions.SITE_FEED_ENTRIES)()
        return listing_feed(self, entries, title=self.title)


class HomePageLeadStory(Orderable):
    page = ParentalKey(HomePage, related_name="lead_stories", on_delete=models.CASCADE)
    story = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("story", heading="Page")]
    api_fields = [APIField("story_id")]


class StandardPage(BasePage):
    """About, mission, jobs, contact, privacy and other editorial pages."""

    dek = models.TextField(blank=True)
    body = StreamField(BodyBlock())

    content_panels = [*BasePage.content_panels, FieldPanel("dek"), FieldPanel("body")]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("dek"),
        index.SearchField("body"),
        # The admin's page search matches on autocomplete fields only.
        index.AutocompleteField("body"),
    ]
    api_fields = [*BasePage.api_fields, APIField("dek"), APIField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]


class SearchPage(BasePage):
    """The static site's search page (Pagefind runs in the browser)."""

    intro = models.TextField(blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    api_fields = [*BasePage.api_fields, APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1


class TopicHubIndexPage(ChildIndexMixin, BasePage):
    """/policy-topics/: the list of topic hubs."""

    children_name = "hubs"

    intro = RichTextField(blank=True, features=INLINE_FEATURES)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    api_fields = [*BasePage.api_fields, APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.TopicHubPage"]
    max_count = 1


class TopicHubPage(StaticRoutesMixin, BasePage):
    """/policy-topics/<slug>/: everything the organisation says about one topic."""

    fixed_routes = (FEED_ROUTE,)

    @classmethod
    def list_memberships(cls, pages: dict[int, keys.Place]) -> dict[int, keys.Membership]:
        return {pk: keys.Membership([keys.TOPIC_HUBS]) for pk in pages}

    topic = models.OneToOneField(Topic, on_delete=models.PROTECT, related_name="hub_page")
    intro = RichTextField(blank=True, features=BODY_FEATURES)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("topic"),
        FieldPanel("intro"),
        InlinePanel("featured_items", label="Featured items", max_num=6),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    api_fields = [
        *BasePage.api_fields,
        APIField("topic", serializer=TopicField()),
        APIField("intro"),
        APIField("featured_items", serializer=PageLinksField("item")),
    ]

    parent_page_types = ["home.TopicHubIndexPage"]
    subpage_types: list[str] = []

    def get_context(self, request, *args, **kwargs):
        from .. import listings

        context = super().get_context(request, *args, **kwargs)
        context["featured"] = listings.featured_items(self)
        extensions.extend_context(extensions.TOPIC_HUB_CONTEXT, self, request, context)
        context["feed_url"] = self.route_url(request, FEED_ROUTE)
        return context

    @path(FEED_ROUTE)
    def feed(self, request: HttpRequest) -> HttpResponse:
        """Everything tagged with the hub's topic, events included."""
        entries = extensions.provided(extensions.TOPIC_FEED_ENTRIES)(self.topic)
        return listing_feed(self, entries)


class TopicHubFeatured(Orderable):
    page = ParentalKey(TopicHubPage, related_name="featured_items", on_delete=models.CASCADE)
    item = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("item", heading="Page")]
    api_fields = [APIField("item_id")]


class ProgramIndexPage(ChildIndexMixin, BasePage):
    """/programs/: the list of research programs."""

    children_name = "programs"

    intro = RichTextField(blank=True, features=INLINE_FEATURES)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    api_fields = [*BasePage.api_fields, APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.ProgramPage"]
    max_count = 1


class ProgramPage(BasePage):
    """/programs/<slug>/: a research program with its director, team, topics and work."""

    intro = RichTextField(blank=True, features=BODY_FEATURES)
    director = models.ForeignKey(
        "people.PersonPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    topics = ParentalManyToManyField(Topic, blank=True, related_name="programs")

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("director"),
        FieldPanel("topics"),
        InlinePanel("featured_items", label="Featured items", max_num=6),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    api_fields = [
        *BasePage.api_fields,
        APIField("intro"),
        APIField("director", serializer=PageLinkField()),
        APIField("topics", serializer=TopicListField()),
        APIField("featured_items", serializer=PageLinksField("item")),
    ]

    parent_page_types = ["home.ProgramIndexPage"]
    subpage_types: list[str] = []

    def get_context(self, request, *args, **kwargs):
        from .. import listings

        context = super().get_context(request, *args, **kwargs)
        context["featured"] = listings.featured_items(self)
        context["program_topics"] = list(self.topics.all())
        extensions.extend_context(extensions.PROGRAM_CONTEXT, self, request, context)
        return context


class ProgramFeatured(Orderable):
    page = ParentalKey(ProgramPage, related_name="featured_items", on_delete=models.CASCADE)
    item = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("item", heading="Page")]
    api_fields = [APIField("item_id")]
