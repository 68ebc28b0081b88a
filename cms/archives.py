"""Month archives: where a listing's entries older than its numbered pages stay reachable.

Routes use the ``yyyy`` and ``mm`` path converters registered here, so each month has exactly
one URL (``archive/2025/02/``; ``archive/2025/2/`` is not routed).
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.http import Http404
from django.urls import register_converter
from django.utils import dateformat

ARCHIVE_ROUTE = "archive/"
MONTH_ROUTE = "archive/{year:04d}/{month:02d}/"


class FourDigitYearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{value:04d}"


class TwoDigitMonthConverter:
    regex = "0[1-9]|1[0-2]"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{value:02d}"


register_converter(FourDigitYearConverter, "yyyy")
register_converter(TwoDigitMonthConverter, "mm")


@dataclass(frozen=True, order=True)
class ArchiveMonth:
    year: int
    month: int
    count: int = 0

    @property
    def route(self) -> str:
        return MONTH_ROUTE.format(year=self.year, month=self.month)

    @property
    def label(self) -> str:
        return dateformat.format(date(self.year, self.month, 1), "F Y")


def month_bounds(year: int, month: int) -> tuple[date, date]:
    """First and last day of a month; ``Http404`` for a month that cannot exist (year 0)."""
    try:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    except ValueError as exc:
        raise Http404("No such month.") from exc


def months_with_entries(queryset: QuerySet, field: str = "display_date") -> list[ArchiveMonth]:
    """Each month that has entries in ``queryset``, newest first, counted from one query of
    dates (SQLite truncates dates to months in Python, one call a row: slower than this)."""
    return count_months(queryset.order_by().values_list(field, flat=True))


def count_months(days: Iterable[date]) -> list[ArchiveMonth]:
    """Months of ``days`` (e.g. events' local start dates), newest first, with counts."""
    counts = Counter((day.year, day.month) for day in days)
    return [ArchiveMonth(y, m, n) for (y, m), n in sorted(counts.items(), reverse=True)]


def archive_routes(months: Iterable[ArchiveMonth], prefix: str = "") -> Iterator[str]:
    """``archive/`` and each ``archive/<yyyy>/<mm>/`` (nothing when there are no months)."""
    months = list(months)
    if months:
        yield prefix + ARCHIVE_ROUTE
    for month in months:
        yield prefix + month.route
