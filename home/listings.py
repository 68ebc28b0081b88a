"""Render-time listings for home-level pages: the home page, topic hubs and programs.

``home`` sits below ``people`` and ``publications`` in the import order, so their models are
resolved lazily with ``apps.get_model`` and never imported.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db.models import Prefetch
from django.http import Http404
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.query import PageQuerySet

from cms import keys
from cms.archives import (
    ARCHIVE_ROUTE,
    ArchiveMonth,
    archive_routes,
    month_bounds,
    months_with_entries,
)
from cms.deps import depend
from cms.feeds import FEED_LIMIT
from cms.pagination import page_routes, paginate
from cms.visibility import visible

if TYPE_CHECKING:
    from .models import HomePage, ProgramPage, Topic, TopicHubPage

LISTING_LIMIT = 20
# The author-card srcset: 1x and 2x.
HEADSHOT_FILTERS = ("fill-160x160", "fill-320x320")


def content_page_model():
    return apps.get_model("publications", "ContentPage")


def content_cards(queryset: PageQuerySet | None = None) -> PageQuerySet:
    """Visible content pages shaped for cards, newest first, in a constant number of queries.

    Cards need only ContentPage fields (plus an event's times, joined in), so the rows are not
    made specific: one query however many content types the listing mixes.
    """
    content_page = content_page_model()
    author_model = apps.get_model("publications", "ContentPageAuthor")
    queryset = content_page.objects.all() if queryset is None else queryset
    return (
        visible(queryset)
        .order_by("-display_date", "-pk")
        .select_related("eventpage")
        .defer("body", "eventpage__body", "eventpage__agenda")
        .prefetch_related(
            "topics__topic",
            Prefetch("authors", author_model.objects.select_related("person")),
        )
    )


def person_cards(queryset: PageQuerySet | None = None) -> PageQuerySet:
    """Visible person pages shaped for cards: headshot renditions and expertise prefetched."""
    person_model = apps.get_model("people", "PersonPage")
    queryset = person_model.objects.all() if queryset is None else queryset
    return (
        visible(queryset)
        .order_by("last_name", "first_name", "pk")
        .prefetch_related(
            Prefetch("headshot", get_image_model().objects.prefetch_renditions(*HEADSHOT_FILTERS)),
            "expertise",
        )
    )


def visible_in_order(pages: Iterable[Page]) -> list[Page]:
    """The visible specific pages among ``pages`` (e.g. editors' picks), in the editors' order."""
    ids = [page.pk for page in pages]
    if not ids:
        return []
    # A hidden pick is never loaded, yet must appear once it becomes public.
    depend(*map(keys.page_url, ids))
    found = {page.pk: page for page in visible(Page.objects.filter(pk__in=ids)).specific()}
    return [found[pk] for pk in ids if pk in found]


def lead_stories(home: HomePage) -> list[Page]:
    return visible_in_order(row.story for row in home.lead_stories.select_related("story"))


def latest_content(limit: int = LISTING_LIMIT, exclude: Sequence[int] = ()) -> list[Page]:
    depend(keys.content(), keys.events())
    return list(content_cards().exclude(pk__in=list(exclude))[:limit])


def feed_entries(queryset: PageQuerySet | None = None) -> list[Page]:
    """The newest ``FEED_LIMIT`` visible content pages of ``queryset`` (default: everything)."""
    return list(content_cards(queryset)[:FEED_LIMIT])


def topic_feed_entries(topic: Topic) -> list[Page]:
    """Content of every type (events too) tagged with ``topic``: its hub's feed."""
    depend(keys.content("topic", topic.pk), keys.events("topic", topic.pk))
    return feed_entries(content_page_model().objects.filter(topics__topic=topic))


def featured_items(page: TopicHubPage | ProgramPage) -> list[Page]:
    return visible_in_order(row.item for row in page.featured_items.select_related("item"))


def topic_experts(topic: Topic) -> list[Page]:
    person_model = apps.get_model("people", "PersonPage")
    depend(keys.people("expertise", topic.pk))
    return list(person_cards(person_model.objects.filter(expertise=topic, is_expert=True)))


# Latest work is shown by kind; each group is one query whatever the number of entries.
WORK_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Research", ("BriefPage", "ExplainerPage", "ReportPage", "QAPage")),
    ("Op-eds", ("OpEdPage",)),
    ("In the media", ("MediaMentionPage",)),
    ("Press releases", ("PressReleasePage",)),
)
GROUP_SIZE = 4


@dataclass(frozen=True)
class WorkGroup:
    label: str
    entries: list[Page]


def latest_by_type(
    queryset: PageQuerySet, exclude: Sequence[int] = (), size: int = GROUP_SIZE
) -> list[WorkGroup]:
    """The newest entries of ``queryset`` in each kind of work that has any (not events)."""
    groups = []
    for label, names in WORK_GROUPS:
        models = [apps.get_model("publications", name) for name in names]
        entries = list(content_cards(queryset.type(*models).exclude(pk__in=list(exclude)))[:size])
        if entries:
            groups.append(WorkGroup(label, entries))
    return groups


def topic_work(topic: Topic, exclude: Sequence[int] = ()) -> list[WorkGroup]:
    depend(keys.content("topic", topic.pk))
    return latest_by_type(content_page_model().objects.filter(topics__topic=topic), exclude)


def program_work(program: ProgramPage, exclude: Sequence[int] = ()) -> list[WorkGroup]:
    depend(keys.content("program", program.pk))
    return latest_by_type(content_page_model().objects.filter(programs=program), exclude)


def event_cards(queryset: PageQuerySet) -> PageQuerySet:
    """Visible events (an ``EventPage`` queryset) shaped for cards; the caller orders them."""
    author_model = apps.get_model("publications", "ContentPageAuthor")
    return (
        visible(queryset)
        .defer_streamfields()
        .prefetch_related(
            "topics__topic", Prefetch("authors", author_model.objects.select_related("person"))
        )
    )


def upcoming_and_recent_events(queryset: PageQuerySet, limit: int = 3) -> list[Page]:
    """Events from ``queryset``, newest start first, shaped for cards."""
    return list(event_cards(queryset).order_by("-start", "-pk")[:limit])


def topic_events(topic: Topic, limit: int = 3) -> list[Page]:
    event_model = apps.get_model("publications", "EventPage")
    depend(keys.events("topic", topic.pk))
    return upcoming_and_recent_events(event_model.objects.filter(topics__topic=topic), limit)


def program_team(program: ProgramPage) -> list[Page]:
    person_model = apps.get_model("people", "PersonPage")
    depend(keys.people("program", program.pk))
    queryset = person_model.objects.filter(programs=program)
    if program.director_id:
        queryset = queryset.exclude(pk=program.director_id)
    return list(person_cards(queryset))


def program_director(program: ProgramPage) -> Page | None:
    if not program.director_id:
        return None
    depend(keys.page_url(program.director_id))
    person_model = apps.get_model("people", "PersonPage")
    return person_cards(person_model.objects.filter(pk=program.director_id)).first()


def program_events(program: ProgramPage, limit: int = 3) -> list[Page]:
    event_model = apps.get_model("publications", "EventPage")
    depend(keys.events("program", program.pk))
    return upcoming_and_recent_events(event_model.objects.filter(programs=program), limit)


# --- Dated listings: capped numbered pages, month archives and a feed ---------------------


@dataclass(frozen=True)
class ContentListing:
    """Content pages newest first, as the path-based listing states a static export writes.

    ``queryset`` is unfiltered (visibility is applied here); ``url`` is the site-relative URL of
    the listing's first page; numbered pages and archives live at ``url + prefix``, e.g.
    ``/people/jane/`` + ``work/`` + ``page/2/``. Each method returns template context; one that
    names a state with no entries raises ``Http404``.
    """

    queryset: PageQuerySet
    url: str = ""
    prefix: str = ""
    # The lists shown, for incremental builds: ``cms.keys.content("parent", 12)``…
    keys: tuple[str, ...] = ()

    @property
    def base_url(self) -> str:
        return self.url + self.prefix

    def page(self, number: int | None = None) -> dict[str, Any]:
        depend(*self.keys)
        entries, pagination = paginate(
            content_cards(self.queryset), number, first_url=self.url, pages_url=self.base_url
        )
        return {
            "entries": entries,
            "pagination": pagination,
            "archive_url": self.base_url + ARCHIVE_ROUTE if pagination.total else "",
            "listing_heading": f"Page {number}" if number else "",
        }

    def archive(self) -> dict[str, Any]:
        depend(*self.keys)
        months = months_with_entries(visible(self.queryset))
        if not months:
            raise Http404("Nothing has been published here yet.")
        return {
            "archive_months": months,
            "archive_base": self.base_url,
            "listing_heading": "Archive",
        }

    def month(self, year: int, month: int) -> dict[str, Any]:
        first, last = month_bounds(year, month)
        depend(*(keys.in_month(key, year, month) for key in self.keys))
        entries = list(content_cards(self.queryset.filter(display_date__range=(first, last))))
        if not entries:
            raise Http404("Nothing was published that month.")
        return {
            "entries": entries,
            "archive_url": self.base_url + ARCHIVE_ROUTE,
            "archive_label": "All months",
            "listing_heading": ArchiveMonth(year, month).label,
        }

    def feed_entries(self) -> list[Page]:
        depend(*self.keys)
        return feed_entries(self.queryset)

    def routes(self) -> Iterator[str]:
        """Numbered pages and archives that exist, from one aggregate query."""
        months = months_with_entries(visible(self.queryset))
        yield from page_routes(sum(month.count for month in months), self.prefix)
        yield from archive_routes(months, self.prefix)
