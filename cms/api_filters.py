"""Query parameters of the public API: the checks that turn any malformed value into a 400 with
a message rather than a server error. Content filters live with the content
(``publications.api_filters``).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.api.v2.filters import FieldsFilter, LocaleFilter, SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Locale

# The widest integer the databases compare without an error (SQLite refuses larger ones).
MAX_INTEGER = 2**63 - 1
_INTEGER = re.compile(r"[+-]?\d+")


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


class KnownLocaleFilter(LocaleFilter):
    """Wagtail's ``?locale=`` filter, with an unknown language code a 400 like every other bad
    value; Wagtail answers it with a 404, which reads as "no such endpoint"."""

    def filter_queryset(self, request, queryset, view):
        if "locale" in request.GET:
            code = request.GET["locale"]
            if not Locale.objects.filter(language_code=code).exists():
                raise BadRequestError(f"unknown locale: '{code}'")
        return super().filter_queryset(request, queryset, view)


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
