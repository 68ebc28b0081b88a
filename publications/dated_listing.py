"""Content pages newest first as the path-based states a static export writes: capped
numbered pages, month archives and a feed (a section index, a person's work)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.http import Http404
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
from cms.pagination import page_routes, paginate
from cms.visibility import visible

from .cards import content_cards, feed_entries


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
