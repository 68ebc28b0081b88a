"""A person's work: the listing of their person page (``work/page/<n>/``, archives, feed) and
the appearances and events beside it, which ``publications.wagtail_hooks`` provides to
``people``'s person pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from wagtail.query import PageQuerySet

from cms import keys
from cms.deps import depend
from cms.memo import per_page

from .cards import content_cards, upcoming_and_recent_events
from .dated_listing import ContentListing
from .models import ContentPage, ContentPageAuthor, EventPage, MediaMentionPage

if TYPE_CHECKING:
    from wagtail.models import Page

    from people.models import PersonPage


def work_queryset(person: PersonPage) -> PageQuerySet:
    """Content the person wrote, featured in, spoke at or moderated (visibility not applied)."""
    if person.pk is None:  # previewing a page that was never saved
        return ContentPage.objects.none()
    # A subquery rather than a join, so a person listed twice on one page yields one entry.
    page_ids = ContentPageAuthor.objects.filter(person=person).values("page_id")
    return ContentPage.objects.filter(pk__in=page_ids)


def person_work(person: PersonPage, request: HttpRequest | None = None) -> ContentListing:
    """The person's work: page 1 on their page, then ``work/page/<n>/`` and ``work/archive/``."""
    url = (person.get_url(request) or "") if request is not None else ""
    lists = (keys.content("person", person.pk), keys.events("person", person.pk))
    return ContentListing(work_queryset(person), url=url, prefix=person.listing_prefix, keys=lists)


def person_appearances(person: PersonPage, limit: int = 4) -> list[Page]:
    """Their latest media appearances ("In the media"), shown on each page of their work."""

    return per_page(person.pk, _appearances, person, limit)


def _appearances(person: PersonPage, limit: int) -> list[Page]:
    depend(keys.content("person", person.pk))
    return list(content_cards(work_queryset(person).type(MediaMentionPage))[:limit])


def person_events(person: PersonPage, limit: int = 4) -> list[Page]:
    """Events they spoke at or moderated, newest first, shown on each page of their work."""

    return per_page(person.pk, _events, person, limit)


def _events(person: PersonPage, limit: int) -> list[Page]:
    depend(keys.events("person", person.pk))
    ids = work_queryset(person).type(EventPage).values("pk")
    return upcoming_and_recent_events(EventPage.objects.filter(pk__in=ids), limit)
