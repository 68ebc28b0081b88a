"""Query parameters of the public API: the content filters headless clients need, and the
checks that turn any malformed value into a 400 with a message rather than a server error.

Content filters (pages listing):

- ``topic=<slug>``: pages tagged with the topic (any position, not only the primary topic).
  An unknown slug is a 400 (a typo should not look like "no content").
- ``author=<id or slug>``: pages crediting the person in any role (author, featuring, speaker,
  moderator). The person page must be public, else 400 "unknown author".
- ``date_from=YYYY-MM-DD`` / ``date_to=YYYY-MM-DD``: ``display_date`` within the bounds,
  both inclusive; a malformed date, or ``date_from`` after ``date_to``, is a 400.

They filter content pages: without ``type=``, such a listing (or one ordered by
``display_date``) lists ``publications.ContentPage``; with a ``type=`` that is not a content
type they are a 400.
"""

from __future__ import annotations

import re
from datetime import date

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.filters import FieldsFilter, SearchFilter
from wagtail.api.v2.utils import BadRequestError

from cms.visibility import visible

CONTENT_FILTERS = ("topic", "author", "date_from", "date_to")
# Order fields that only content pages have: ordering by them implies content pages.
CONTENT_ORDER_FIELDS = frozenset({"display_date"})
# The widest integer the databases compare without an error (SQLite refuses larger ones).
MAX_INTEGER = 2**63 - 1
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INTEGER = re.compile(r"[+-]?\d+")


def content_page_model():
    return apps.get_model("publications", "ContentPage")


def wants_content(params) -> bool:
    """Does the query filter or order by something only content pages have?"""
    if any(name in params for name in CONTENT_FILTERS):
        return True
    order = params.get("order", "")
    return any(part.lstrip("-") in CONTENT_ORDER_FIELDS for part in order.split(","))


def parse_id(name: str, value: str) -> int:
    """A non-negative integer id small enough for the database, else a 400."""
    if not is_integer_in_range(value) or value.startswith(("-", "+")):
        raise BadRequestError(f"{name} must be a positive integer")
    return int(value)


def is_integer_in_range(value: str) -> bool:
    """ASCII digits (an optional sign) of a number the databases can compare."""
    value = value.strip()
    if not value.isascii() or not _INTEGER.fullmatch(value):
        return False
    # Length first: int() of thousands of digits is itself an error.
    return len(value.lstrip("+-")) <= len(str(MAX_INTEGER)) and abs(int(value)) <= MAX_INTEGER


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
            dated = content_page_model().objects.all()
            if start:
                dated = dated.filter(display_date__gte=start)
            if end:
                dated = dated.filter(display_date__lte=end)
            queryset = queryset.filter(pk__in=dated.values("pk"))
        return queryset

    @staticmethod
    def topic_pages(slug: str):
        topic = apps.get_model("home", "Topic").objects.filter(slug=slug).first()
        if topic is None:
            raise BadRequestError(f"unknown topic: '{slug}'")
        rows = apps.get_model("publications", "ContentPageTopic").objects.filter(topic=topic)
        return rows.values("page_id")

    @staticmethod
    def author_pages(value: str):
        people = visible(apps.get_model("people", "PersonPage").objects.all())
        if value.isascii() and value.isdigit():
            person = people.filter(pk=parse_id("author", value)).first()
        else:
            person = people.filter(slug=value).first()
        if person is None:
            raise BadRequestError(f"unknown author: '{value}' (a public person page's id or slug)")
        rows = apps.get_model("publications", "ContentPageAuthor").objects.filter(person=person)
        return rows.values("page_id")


class SafeFieldsFilter(FieldsFilter):
    """Wagtail's ``?<field>=<value>`` filters, with every malformed value a 400.

    Wagtail converts booleans, integers and foreign keys itself but passes anything else (a
    date, a many-to-many id) to the ORM, whose errors would be server errors; and an integer
    too large for the database fails only when the query runs.
    """

    def filter_queryset(self, request, queryset, view):
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True))
        for name, value in request.GET.items():
            if name in fields:
                self.check_value(queryset.model, name, value)
        try:
            return super().filter_queryset(request, queryset, view)
        except (ValidationError, ValueError, TypeError) as exc:
            detail = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            raise BadRequestError(f"field filter error: {detail}") from exc

    @staticmethod
    def check_value(model, name: str, value: str) -> None:
        try:
            field = model._meta.get_field(name)
        except LookupError:
            return
        target = getattr(field, "target_field", field)
        if isinstance(target, models.IntegerField):
            if _INTEGER.fullmatch(value.strip()) and not is_integer_in_range(value):
                raise BadRequestError(f"field filter error: {name} must be an integer in range")
        elif isinstance(field, models.DateField | models.DateTimeField):
            try:
                field.to_python(value)
            except ValidationError as exc:
                raise BadRequestError(
                    f"field filter error: '{value}' is not a valid value for {name}"
                ) from exc


class PlainTextSearchFilter(SearchFilter):
    """Wagtail's ``search=``, with the query made safe for every search backend.

    The API searches plain text, where a double quote means nothing: the SQLite full-text
    backend (modelsearch) puts each term between double quotes without escaping one inside,
    so ``search=a"b`` was a server error there; it is now a search for "a b". A query of
    blanks alone (a server error there too) finds nothing, as an empty one does.
    """

    def filter_queryset(self, request, queryset, view):
        query = request.GET.get("search")
        if query is not None:
            cleaned = query.replace('"', " ")
            cleaned = cleaned if cleaned.strip() else ""
            if cleaned != query:
                params = request._request.GET.copy()
                params["search"] = cleaned
                request._request.GET = params
        return super().filter_queryset(request, queryset, view)
