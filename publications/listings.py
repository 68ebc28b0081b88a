"""Render-time listings for content pages, section indexes and the research listing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images import get_image_model

from cms.visibility import visible
from home.listings import (
    HEADSHOT_FILTER,
    LISTING_LIMIT,
    content_cards,
    upcoming_and_recent_events,
)
from people.models import PersonPage

from .models import (
    BriefPage,
    ContentPage,
    ContentPageAuthor,
    EventIndexPage,
    EventPage,
    ExplainerPage,
    QAPage,
    ReportPage,
)

if TYPE_CHECKING:
    from django.http import HttpRequest
    from wagtail.models import Page

    from home.models import Topic

    from .models import SectionIndexPage

MORE_ON_LIMIT = 6
EVENTS_ON_LIMIT = 3
RESEARCH_TYPES = (BriefPage, ExplainerPage, ReportPage, QAPage)


def more_on_topic(page: ContentPage, topic: Topic | None, limit: int = MORE_ON_LIMIT) -> list[Page]:
    """The editors' related picks first, then the latest content on ``topic``; never ``page``."""
    picked_ids = [row.related_id for row in page.related_pages.all() if row.related_id != page.pk]
    picked: list[Page] = []
    if picked_ids:
        found = {p.pk: p for p in content_cards(ContentPage.objects.filter(pk__in=picked_ids))}
        picked = [found[pk] for pk in picked_ids if pk in found][:limit]
    if topic is None or len(picked) >= limit:
        return picked
    # Events have their own "Events on" list.
    queryset = (
        ContentPage.objects.filter(topics__topic=topic)
        .not_type(EventPage)
        .exclude(pk=page.pk)
        .exclude(pk__in=[p.pk for p in picked])
    )
    return picked + list(content_cards(queryset)[: limit - len(picked)])


def events_on_topic(
    topic: Topic | None, exclude: ContentPage | None = None, limit: int = EVENTS_ON_LIMIT
) -> list[EventPage]:
    """Events tagged with ``topic``, newest first (labelled e.g. 'Past Virtual Event')."""
    if topic is None:
        return []
    queryset = EventPage.objects.filter(topics__topic=topic)
    if exclude is not None and exclude.pk:
        queryset = queryset.exclude(pk=exclude.pk)
    return upcoming_and_recent_events(queryset, limit)


def section_entries(index: SectionIndexPage, limit: int = LISTING_LIMIT) -> list[Page]:
    """The index's visible children, newest first (events by start time)."""
    if "publications.EventPage" in index.subpage_types:
        return upcoming_and_recent_events(EventPage.objects.child_of(index), limit)
    return list(content_cards(ContentPage.objects.child_of(index))[:limit])


def research_entries(limit: int = LISTING_LIMIT) -> list[Page]:
    """Briefs, explainers, reports and Q&As together, site-wide, newest first."""
    return list(content_cards(ContentPage.objects.type(*RESEARCH_TYPES))[:limit])


def prefetch_detail(page: ContentPage) -> None:
    """Load the page's topics and author rows (people, headshot renditions) in a few queries.

    Skipped for unsaved pages and previews, whose rows live in memory rather than the database.
    """
    in_memory = getattr(page, "_cluster_related_objects", {})
    if page.pk is None:
        return
    lookups = []
    if "topics" not in in_memory and "topic_list" not in page.__dict__:
        lookups.append("topics__topic")
    if "authors" not in in_memory and "author_rows" not in page.__dict__:
        lookups.append(
            Prefetch(
                "authors",
                ContentPageAuthor.objects.select_related("person").prefetch_related(
                    Prefetch(
                        "person__headshot",
                        get_image_model().objects.prefetch_renditions(HEADSHOT_FILTER),
                    )
                ),
            )
        )
    if lookups:
        prefetch_related_objects([page], *lookups)


def detail_context(page: ContentPage, request: HttpRequest | None = None) -> dict[str, Any]:
    """Everything a content page shows besides its own fields."""
    prefetch_detail(page)
    topic = page.breadcrumb_topic
    person_ids = [row.person_id for row in page.author_rows if row.person_id]
    # Only people whose pages are public get a link and a card; the rest appear as plain names.
    visible_ids = set(
        visible(PersonPage.objects.filter(pk__in=person_ids)).values_list("pk", flat=True)
    )
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
    return visible(EventIndexPage.objects.all()).first()
