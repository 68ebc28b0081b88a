"""Render-time listings for content pages, section indexes, /events/ and /research/.

Listing states are paths (``page/2/``, ``archive/2025/02/``, ``type/brief/``…); each function
that builds one returns template context and raises ``Http404`` for a state with no entries.
"""

from __future__ import annotations

import zoneinfo
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, prefetch_related_objects
from django.http import Http404
from django.utils.text import capfirst
from wagtail.images import get_image_model
from wagtail.query import PageQuerySet

from cms import clock, keys
from cms.archives import (
    ARCHIVE_ROUTE,
    ArchiveMonth,
    archive_routes,
    count_months,
    month_bounds,
)
from cms.deps import depend, loaded_keys
from cms.memo import current_session, per_build
from cms.pagination import page_routes, paginate
from cms.visibility import visible, visible_ids_among
from home.models import Topic
from people.cards import HEADSHOT_FILTERS
from people.models import PersonPage

from .cards import content_cards, event_cards, upcoming_and_recent_events
from .dated_listing import ContentListing
from .models import (
    BriefPage,
    ContentPage,
    ContentPageAuthor,
    ContentPageTopic,
    EventIndexPage,
    EventPage,
    ExplainerPage,
    QAPage,
    ReportPage,
)

if TYPE_CHECKING:
    from django.http import HttpRequest
    from wagtail.models import Page

    from .models import ResearchIndexPage, SectionIndexPage

MORE_ON_LIMIT = 6
EVENTS_ON_LIMIT = 3
# The whitelist of /research/type/<slug>/.
RESEARCH_TYPES_BY_SLUG: dict[str, type[ContentPage]] = {
    "brief": BriefPage,
    "explainer": ExplainerPage,
    "report": ReportPage,
    "qa": QAPage,
}
RESEARCH_TYPES = tuple(RESEARCH_TYPES_BY_SLUG.values())
RESEARCH_KEYS = tuple(keys.content("type", model.__name__) for model in RESEARCH_TYPES)
TYPE_ROUTE = "type/{slug}/"
TOPIC_ROUTE = "topic/{slug}/"
PAST_ROUTE = "past/"


def more_on_topic(page: ContentPage, topic: Topic | None, limit: int = MORE_ON_LIMIT) -> list[Page]:
    """The editors' related picks first, then the newest content on ``topic`` published before
    ``page``; never ``page`` itself, never events (they have "Events on").

    Older pages only, so a new publication changes no other page's "More on" list: one publish
    re-renders a bounded set of pages however many share its topic.
    """
    picked_ids = [row.related_id for row in page.related_pages.all() if row.related_id != page.pk]
    picked: list[Page] = []
    if picked_ids:
        depend(*map(keys.page_url, picked_ids))
        found = {p.pk: p for p in content_cards(ContentPage.objects.filter(pk__in=picked_ids))}
        picked = [found[pk] for pk in picked_ids if pk in found][:limit]
    if topic is None or len(picked) >= limit:
        return picked
    skip = [p.pk for p in picked]
    wanted = limit - len(picked)
    if page.pk is None or page.display_date is None:
        depend(keys.content("topic", topic.pk))
        queryset = ContentPage.objects.filter(topics__topic=topic).not_type(EventPage)
        return picked + list(content_cards(queryset.exclude(pk__in=skip))[:wanted])
    bound = keys.sort_key(page.display_date, page.pk)
    depend(keys.before(keys.content("topic", topic.pk), bound))
    if (session := current_session()) is not None:
        older = _older_on_topic(topic, bound, wanted, skip)
        preloaded = session.cards
        if all(pk in preloaded for pk in older):
            cards = [preloaded[pk] for pk in older]
            for card in cards:
                depend(*loaded_keys(card))  # loaded before this output's recording began
            return picked + cards
        found = {c.pk: c for c in content_cards(ContentPage.objects.filter(pk__in=older))}
        return picked + [found[pk] for pk in older if pk in found]
    date = page.display_date
    queryset = (
        ContentPage.objects.filter(topics__topic=topic)
        .not_type(EventPage)
        .filter(Q(display_date__lt=date) | Q(display_date=date, pk__lt=page.pk))
        .exclude(pk__in=skip)
    )
    return picked + list(content_cards(queryset)[:wanted])


def _older_on_topic(topic: Topic, bound: str, count: int, skip) -> list[int]:
    """Up to ``count`` ids of visible content on ``topic`` sorting before ``bound``, newest
    first. One ordered id list per topic for the whole build; each page takes its slice."""
    sorts, ids = per_build(_topic_order, topic)
    older: list[int] = []
    for index in range(bisect_left(sorts, bound) - 1, -1, -1):
        if len(older) == count:
            break
        if ids[index] not in skip:
            older.append(ids[index])
    return older


def preload_more_on(pages: list[ContentPage]) -> None:
    """In a build, load the cards of these pages' "More on" lists in one go (a chunk's worth);
    ``more_on_topic`` takes them from there. Outside a build it does nothing."""
    session = current_session()
    if session is None:
        return
    wanted: set[int] = set()
    for page in pages:
        topic = page.breadcrumb_topic
        if topic is None or page.display_date is None:
            continue
        # Skipping visible picks can reach that many more pages back: a superset.
        count = MORE_ON_LIMIT + len(page.related_pages.all())
        bound = keys.sort_key(page.display_date, page.pk)
        wanted.update(_older_on_topic(topic, bound, count, ()))
    if wanted:
        cards = content_cards(ContentPage.objects.filter(pk__in=wanted))
        session.cards.update((card.pk, card) for card in cards)


def _topic_order(topic: Topic) -> tuple[list[str], list[int]]:
    """Sort keys and ids of the visible non-event content on ``topic``, oldest first."""
    rows = (
        visible(ContentPage.objects.filter(topics__topic=topic).not_type(EventPage))
        .order_by("display_date", "pk")
        .values_list("display_date", "pk")
    )
    pairs = [(keys.sort_key(date, pk), pk) for date, pk in rows]
    return [sort for sort, _ in pairs], [pk for _, pk in pairs]


def events_on_topic(
    topic: Topic | None, exclude: ContentPage | None = None, limit: int = EVENTS_ON_LIMIT
) -> list[EventPage]:
    """Events tagged with ``topic``, newest first (labelled e.g. 'Past Virtual Event')."""
    if topic is None:
        return []
    depend(keys.events("topic", topic.pk))
    candidates = per_build(_events_on, topic, limit + 1)
    skip = exclude.pk if exclude is not None else None
    return [event for event in candidates if event.pk != skip][:limit]


def _events_on(topic: Topic, limit: int) -> list[EventPage]:
    return upcoming_and_recent_events(EventPage.objects.filter(topics__topic=topic), limit)


# --- Section indexes -----------------------------------------------------------------------


def _url(page: Page, request: HttpRequest | None) -> str:
    """The page's site-relative URL while serving; '' when routes are only enumerated."""
    return (page.get_url(request) or "") if request is not None else ""


def section_listing(index: SectionIndexPage, request: HttpRequest | None = None) -> ContentListing:
    """A section's children, newest first: ``page/<n>/``, ``archive/<yyyy>/<mm>/``, the feed."""
    return ContentListing(
        ContentPage.objects.child_of(index),
        url=_url(index, request),
        keys=(keys.content("parent", index.pk), keys.events("parent", index.pk)),
    )


# --- /events/ ------------------------------------------------------------------------------


class EventListing:
    """Upcoming events (soonest first) at the index, ``past/`` (latest first, capped) and
    month archives by the month of each event's local start.

    Which events are past depends on the clock, so these pages change as events end.
    """

    def __init__(self, index: EventIndexPage, request: HttpRequest | None = None) -> None:
        self.index = index
        self.url = _url(index, request)
        self.queryset = EventPage.objects.child_of(index)
        self.key = keys.events("parent", index.pk)

    def page(self, number: int | None = None) -> dict[str, Any]:
        """The index's own URL shows upcoming events; only ``past/`` has numbered pages."""
        if number is not None:
            raise Http404("No such page.")
        return self.upcoming()

    def upcoming(self) -> dict[str, Any]:
        depend(self.key)
        entries = event_cards(self.queryset.filter(end__gte=clock.now())).order_by("start", "pk")
        return {
            "entries": list(entries),
            "empty_message": "No upcoming events.",
            "nav_links": self._nav("upcoming"),
        }

    def past(self, number: int | None = None) -> dict[str, Any]:
        depend(self.key)
        past = event_cards(self.queryset.filter(end__lt=clock.now())).order_by("-start", "-pk")
        first_url = self.url + PAST_ROUTE
        entries, pagination = paginate(past, number, first_url=first_url, allow_empty=False)
        return {
            "entries": entries,
            "pagination": pagination,
            "archive_url": self.url + ARCHIVE_ROUTE,
            "listing_heading": "Past events" + (f", page {number}" if number else ""),
            "nav_links": self._nav("past") if number is None else [],
        }

    def archive(self) -> dict[str, Any]:
        depend(self.key)
        months = self.months()
        if not months:
            raise Http404("No events yet.")
        return {"archive_months": months, "archive_base": self.url, "listing_heading": "Archive"}

    def month(self, year: int, month: int) -> dict[str, Any]:
        first, last = month_bounds(year, month)
        depend(keys.in_month(self.key, year, month))
        # Local start months differ from UTC ones by at most a day either side.
        since = datetime.combine(first - timedelta(days=1), time(), tzinfo=UTC)
        until = datetime.combine(last + timedelta(days=2), time(), tzinfo=UTC)
        candidates = event_cards(self.queryset.filter(start__gte=since, start__lt=until))
        entries = [
            event
            for event in candidates.order_by("start", "pk")
            if (event.local_start.year, event.local_start.month) == (year, month)
        ]
        if not entries:
            raise Http404("No events that month.")
        return {
            "entries": entries,
            "archive_url": self.url + ARCHIVE_ROUTE,
            "archive_label": "All months",
            "listing_heading": ArchiveMonth(year, month).label,
        }

    def months(self) -> list[ArchiveMonth]:
        """Months with events, by local start date: one query over (start, zone) pairs."""
        rows = visible(self.queryset).order_by().values_list("start", "timezone")
        return count_months(
            start.astimezone(zoneinfo.ZoneInfo(zone)).date() for start, zone in rows
        )

    def feed_entries(self) -> list[Page]:
        """The newest events by date, past or upcoming, like any section's feed."""
        return section_listing(self.index).feed_entries()

    def past_count(self) -> int:
        return visible(self.queryset).filter(end__lt=clock.now()).count()

    def routes(self) -> Iterator[str]:
        past = self.past_count()
        if past:
            yield PAST_ROUTE
        yield from page_routes(past, PAST_ROUTE)
        yield from archive_routes(self.months())

    def _nav(self, current: str) -> list[dict[str, Any]]:
        counts = visible(self.queryset).aggregate(
            total=Count("pk"), past=Count("pk", filter=Q(end__lt=clock.now()))
        )
        links = [{"label": "Upcoming events", "url": self.url, "current": current == "upcoming"}]
        if counts["past"]:
            links.append(
                {"label": "Past events", "url": self.url + PAST_ROUTE, "current": current == "past"}
            )
        if counts["total"]:
            links.append({"label": "Archive", "url": self.url + ARCHIVE_ROUTE, "current": False})
        return links


# --- /research/ ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Facet:
    """A filter value with visible entries, e.g. the type ``brief`` or the topic ``nato``."""

    slug: str
    label: str
    count: int


def research_queryset(*types: type[ContentPage]) -> PageQuerySet:
    """Briefs, explainers, reports and Q&As site-wide, wherever they sit in the tree."""
    return ContentPage.objects.type(*(types or RESEARCH_TYPES))


class ResearchListing(ContentListing):
    """All research: a content listing whose first page shows the type and topic filters and
    whose routes include each filter's pages."""

    def page(self, number: int | None = None) -> dict[str, Any]:
        context = super().page(number)
        return context | {"filters": research_filters(self.url) if number is None else []}

    def routes(self) -> Iterator[str]:
        return research_routes()


def research_content(
    page: ResearchIndexPage, request: HttpRequest | None = None
) -> ResearchListing:
    """All research, newest first: numbered pages, the month archives and the feed."""
    return ResearchListing(research_queryset(), url=_url(page, request), keys=RESEARCH_KEYS)


def research_facets() -> tuple[list[Facet], list[Facet]]:
    """(types, topics) that have visible research, with counts: two aggregate queries."""
    research = visible(research_queryset())
    content_types = ContentType.objects.get_for_models(*RESEARCH_TYPES)
    slug_of = {content_types[model].pk: slug for slug, model in RESEARCH_TYPES_BY_SLUG.items()}
    type_counts = {
        slug_of.get(row["content_type_id"]): row["entries"]
        for row in research.order_by().values("content_type_id").annotate(entries=Count("pk"))
    }
    types = [
        Facet(slug, capfirst(model._meta.verbose_name_plural), type_counts[slug])
        for slug, model in RESEARCH_TYPES_BY_SLUG.items()
        if type_counts.get(slug)
    ]
    topic_rows = (
        ContentPageTopic.objects.filter(page__in=research.values("pk"))
        .values("topic__slug", "topic__name")
        .annotate(entries=Count("page_id"))
        .order_by("topic__name")
    )
    topics = [Facet(r["topic__slug"], r["topic__name"], r["entries"]) for r in topic_rows]
    return types, topics


def research_listing(
    page: ResearchIndexPage,
    request: HttpRequest | None,
    number: int | None = None,
    *,
    type_slug: str | None = None,
    topic_slug: str | None = None,
) -> dict[str, Any]:
    """/research/, ``type/<slug>/`` or ``topic/<slug>/``, page ``number``.

    Unknown type or topic slugs, and filters without entries, are 404s. Entries past the last
    numbered page are in the (unfiltered) month archive.
    """
    url = _url(page, request)
    depend(*RESEARCH_KEYS)
    if type_slug is None and topic_slug is None:
        return research_content(page, request).page(number)
    queryset, first_url, heading = research_queryset(), url, ""
    if type_slug is not None:
        model = RESEARCH_TYPES_BY_SLUG.get(type_slug)
        if model is None:
            raise Http404("No such type.")
        queryset = research_queryset(model)
        first_url += TYPE_ROUTE.format(slug=type_slug)
        heading = capfirst(model._meta.verbose_name_plural)
    if topic_slug is not None:
        topic = Topic.objects.filter(slug=topic_slug).first()
        if topic is None:
            raise Http404("No such topic.")
        queryset = queryset.filter(topics__topic=topic)
        first_url += TOPIC_ROUTE.format(slug=topic.slug)
        heading = topic.name
    entries, pagination = paginate(
        content_cards(queryset), number, first_url=first_url, allow_empty=False
    )
    return {
        "entries": entries,
        "pagination": pagination,
        "archive_url": url + ARCHIVE_ROUTE,
        "listing_heading": heading + (f", page {number}" if number else ""),
        "filters": research_filters(url, type_slug, topic_slug) if number is None else [],
    }


def research_filters(
    url: str, type_slug: str | None = None, topic_slug: str | None = None
) -> list[dict[str, Any]]:
    """Plain links to every type and topic that has research (shown on first pages only)."""
    types, topics = research_facets()
    everything = type_slug is None and topic_slug is None
    type_links = [{"label": "All research", "url": url, "current": everything}] + [
        {
            "label": f.label,
            "url": url + TYPE_ROUTE.format(slug=f.slug),
            "current": f.slug == type_slug,
        }
        for f in types
    ]
    topic_links = [
        {
            "label": f.label,
            "url": url + TOPIC_ROUTE.format(slug=f.slug),
            "current": f.slug == topic_slug,
        }
        for f in topics
    ]
    groups = [{"label": "Type", "links": type_links}]
    if topic_links:
        groups.append({"label": "Topic", "links": topic_links})
    return groups


def research_routes() -> Iterator[str]:
    """Every research sub-path that answers 200: three aggregate queries."""
    yield from ContentListing(research_queryset()).routes()  # numbered pages and archives
    types, topics = research_facets()
    for facets, route in ((types, TYPE_ROUTE), (topics, TOPIC_ROUTE)):
        for facet in facets:
            prefix = route.format(slug=facet.slug)
            yield prefix
            yield from page_routes(facet.count, prefix)


def _detail_lookups() -> list:
    return [
        "topics__topic",
        "related_pages",
        Prefetch(
            "authors",
            ContentPageAuthor.objects.select_related("person").prefetch_related(
                Prefetch(
                    "person__headshot",
                    get_image_model().objects.prefetch_renditions(*HEADSHOT_FILTERS),
                )
            ),
        ),
    ]


# Foreign keys detail pages (and their JSON) show, where the page type has them.
DETAIL_FOREIGN_KEYS = ("primary_topic", "series", "outlet")


def prefetch_details(pages: list[ContentPage]) -> None:
    """What detail pages show of their own rows, for many pages at once (a build's chunk):
    topics, authors, picks, programs, snippets, and the cards of their "More on" lists."""
    by_model: dict[type, list[ContentPage]] = {}
    for page in pages:
        if page.pk is not None:
            by_model.setdefault(type(page), []).append(page)
    for model, group in by_model.items():
        names = {field.name for field in model._meta.get_fields()}
        keys = [name for name in DETAIL_FOREIGN_KEYS if name in names]
        prefetch_related_objects(group, *_detail_lookups(), "programs", *keys)
    preload_more_on([page for group in by_model.values() for page in group])


def prefetch_detail(page: ContentPage) -> None:
    """Load the page's topics and author rows (people, headshot renditions) in a few queries.

    Skipped for unsaved pages and previews, whose rows live in memory rather than the database,
    and for what was already prefetched (``prefetch_details``).
    """
    in_memory = getattr(page, "_cluster_related_objects", {})
    if page.pk is None:
        return
    lookups = []
    if "topics" not in in_memory and "topic_list" not in page.__dict__:
        lookups.append("topics__topic")
    if "authors" not in in_memory and "author_rows" not in page.__dict__:
        lookups.append(_detail_lookups()[2])
    if lookups:
        prefetch_related_objects([page], *lookups)


def detail_context(page: ContentPage, request: HttpRequest | None = None) -> dict[str, Any]:
    """Everything a content page shows besides its own fields."""
    prefetch_detail(page)
    topic = page.breadcrumb_topic
    person_ids = [row.person_id for row in page.author_rows if row.person_id]
    # Only people whose pages are public get a link and a card; the rest appear as plain names.
    visible_ids = visible_ids_among(person_ids, PersonPage)
    author_people = []
    for row in page.author_rows:
        if row.person_id in visible_ids and row.person not in author_people:
            author_people.append(row.person)
    return {
        "topic": topic,
        "linked_person_ids": visible_ids,
        "author_people": author_people,
        "more_on": more_on_topic(page, topic),
        "events_on": events_on_topic(topic, exclude=page),
        "events_index": events_index(),
    }


def events_index() -> EventIndexPage | None:
    return per_build(_first_events_index)


def _first_events_index() -> EventIndexPage | None:
    return visible(EventIndexPage.objects.all()).first()
