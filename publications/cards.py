"""Content pages shaped for cards, and the content that pages of other apps show: the home
page's latest work, a topic hub's or a program's latest work by kind and their events, feeds.
``publications.wagtail_hooks`` adds them to those pages (``cms.extensions``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch
from wagtail.models import Page
from wagtail.query import PageQuerySet

from cms import keys
from cms.deps import depend
from cms.feeds import FEED_LIMIT
from cms.visibility import visible

from .models import (
    BriefPage,
    ContentPage,
    ContentPageAuthor,
    EventPage,
    ExplainerPage,
    MediaMentionPage,
    OpEdPage,
    PressReleasePage,
    QAPage,
    ReportPage,
)

if TYPE_CHECKING:
    from home.models import ProgramPage, Topic

LISTING_LIMIT = 20


def content_cards(queryset: PageQuerySet | None = None) -> PageQuerySet:
    """Visible content pages shaped for cards, newest first, in a constant number of queries.

    Cards need only ContentPage fields (plus an event's times, joined in), so the rows are not
    made specific: one query however many content types the listing mixes.
    """
    queryset = ContentPage.objects.all() if queryset is None else queryset
    return (
        visible(queryset)
        .order_by("-display_date", "-pk")
        .select_related("eventpage")
        .defer("body", "eventpage__body", "eventpage__agenda")
        .prefetch_related(
            "topics__topic",
            Prefetch("authors", ContentPageAuthor.objects.select_related("person")),
        )
    )


def latest_content(limit: int = LISTING_LIMIT, exclude: Sequence[int] = ()) -> list[Page]:
    depend(keys.content(), keys.events())
    return list(content_cards().exclude(pk__in=list(exclude))[:limit])


def feed_entries(queryset: PageQuerySet | None = None) -> list[Page]:
    """The newest ``FEED_LIMIT`` visible content pages of ``queryset`` (default: everything)."""
    return list(content_cards(queryset)[:FEED_LIMIT])


def topic_feed_entries(topic: Topic) -> list[Page]:
    """Content of every type (events too) tagged with ``topic``: its hub's feed."""
    depend(keys.content("topic", topic.pk), keys.events("topic", topic.pk))
    return feed_entries(ContentPage.objects.filter(topics__topic=topic))


# Latest work is shown by kind; each group is one query whatever the number of entries.
WORK_GROUPS: tuple[tuple[str, tuple[type[ContentPage], ...]], ...] = (
    ("Research", (BriefPage, ExplainerPage, ReportPage, QAPage)),
    ("Op-eds", (OpEdPage,)),
    ("In the media", (MediaMentionPage,)),
    ("Press releases", (PressReleasePage,)),
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
    for label, models in WORK_GROUPS:
        entries = list(content_cards(queryset.type(*models).exclude(pk__in=list(exclude)))[:size])
        if entries:
            groups.append(WorkGroup(label, entries))
    return groups


def topic_work(topic: Topic, exclude: Sequence[int] = ()) -> list[WorkGroup]:
    depend(keys.content("topic", topic.pk))
    return latest_by_type(ContentPage.objects.filter(topics__topic=topic), exclude)


def program_work(program: ProgramPage, exclude: Sequence[int] = ()) -> list[WorkGroup]:
    depend(keys.content("program", program.pk))
    return latest_by_type(ContentPage.objects.filter(programs=program), exclude)


def event_cards(queryset: PageQuerySet) -> PageQuerySet:
    """Visible events (an ``EventPage`` queryset) shaped for cards; the caller orders them."""
    return (
        visible(queryset)
        .defer_streamfields()
        .prefetch_related(
            "topics__topic", Prefetch("authors", ContentPageAuthor.objects.select_related("person"))
        )
    )


def upcoming_and_recent_events(queryset: PageQuerySet, limit: int = 3) -> list[Page]:
    """Events from ``queryset``, newest start first, shaped for cards."""
    return list(event_cards(queryset).order_by("-start", "-pk")[:limit])


def topic_events(topic: Topic, limit: int = 3) -> list[Page]:
    depend(keys.events("topic", topic.pk))
    return upcoming_and_recent_events(EventPage.objects.filter(topics__topic=topic), limit)


def program_events(program: ProgramPage, limit: int = 3) -> list[Page]:
    depend(keys.events("program", program.pk))
    return upcoming_and_recent_events(EventPage.objects.filter(programs=program), limit)
