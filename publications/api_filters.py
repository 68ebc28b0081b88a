"""The content filters of the public pages API, which headless clients need.

- ``topic=<slug>``: pages tagged with the topic (any position, not only the primary topic).
  An unknown slug is a 400 (a typo should not look like "no content").
- ``author=<id or slug>``: pages crediting the person in any role (author, featuring, speaker,
  moderator). The person page must be public, else 400 "unknown author".
- ``date_from=YYYY-MM-DD`` / ``date_to=YYYY-MM-DD``: ``display_date`` within the bounds,
  both inclusive; a malformed date, or ``date_from`` after ``date_to``, is a 400.

They filter content pages: without ``type=``, such a listing (or one ordered by
``display_date``) lists ``publications.ContentPage``; with a ``type=`` that is not a content
type they are a 400. ``publications.api`` puts them on the pages endpoint.
"""

from __future__ import annotations

import re
from datetime import date

from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError

from cms.api_filters import parse_id
from cms.visibility import visible
from home.models import Topic
from people.models import PersonPage

from .models import ContentPage, ContentPageAuthor, ContentPageTopic

CONTENT_FILTERS = ("topic", "author", "date_from", "date_to")
# Order fields that only content pages have: ordering by them implies content pages.
CONTENT_ORDER_FIELDS = frozenset({"display_date"})
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def wants_content(params) -> bool:
    """Does the query filter or order by something only content pages have?"""
    if any(name in params for name in CONTENT_FILTERS):
        return True
    order = params.get("order", "")
    return any(part.lstrip("-") in CONTENT_ORDER_FIELDS for part in order.split(","))


def parse_date(name: str, value: str) -> date:
    try:
        if not _DATE.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError as exc:
        raise BadRequestError(f"{name} must be a date as YYYY-MM-DD, got '{value}'") from exc


class ContentFilter(BaseFilterBackend):
    """``topic``, ``author``, ``date_from`` and ``date_to`` (see the module's docstring).

    Each is a ``pk__in`` subquery, so the result can still be searched (the search backends
    filter on the primary key, not on related tables)."""

    def filter_queryset(self, request, queryset, view):
        params = request.GET
        if "topic" in params:
            queryset = queryset.filter(pk__in=self.topic_pages(params["topic"]))
        if "author" in params:
            queryset = queryset.filter(pk__in=self.author_pages(params["author"]))
        start = parse_date("date_from", params["date_from"]) if "date_from" in params else None
        end = parse_date("date_to", params["date_to"]) if "date_to" in params else None
        if start and end and start > end:
            raise BadRequestError("date_from must not be after date_to")
        if start or end:
            dated = ContentPage.objects.all()
            if start:
                dated = dated.filter(display_date__gte=start)
            if end:
                dated = dated.filter(display_date__lte=end)
            queryset = queryset.filter(pk__in=dated.values("pk"))
        return queryset

    @staticmethod
    def topic_pages(slug: str):
        topic = Topic.objects.filter(slug=slug).first()
        if topic is None:
            raise BadRequestError(f"unknown topic: '{slug}'")
        rows = ContentPageTopic.objects.filter(topic=topic)
        return rows.values("page_id")

    @staticmethod
    def author_pages(value: str):
        people = visible(PersonPage.objects.all())
        if value.isascii() and value.isdigit():
            person = people.filter(pk=parse_id("author", value)).first()
        else:
            person = people.filter(slug=value).first()
        if person is None:
            raise BadRequestError(f"unknown author: '{value}' (a public person page's id or slug)")
        rows = ContentPageAuthor.objects.filter(person=person)
        return rows.values("page_id")
