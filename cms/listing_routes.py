"""The routes every dated listing page shares: numbered pages, month archives and a feed.

A page type supplies its listing through one hook, ``get_listing``; the mixin routes
``page/<n>/``, ``archive/``, ``archive/<yyyy>/<mm>/`` and ``feed.xml`` to it, renders the page's
own URL from it, and enumerates the sub-paths that exist for the static export. Types with
more states (``past/``, ``type/<slug>/``…) declare only those with ``@path``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, ClassVar, Protocol

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver
from django.urls import path as url_path

from cms.archives import ARCHIVE_ROUTE
from cms.feeds import FeedEntry, listing_feed
from cms.routing import FEED_ROUTE, StaticRoutesMixin


class Listing(Protocol):
    """A listing's states as template context; a state with no entries raises ``Http404``.

    ``publications.dated_listing.ContentListing`` is the usual one.
    """

    def page(self, number: int | None = None) -> dict[str, Any]:
        """Page ``number``; ``None`` is the page's own URL."""
        ...

    def archive(self) -> dict[str, Any]: ...

    def month(self, year: int, month: int) -> dict[str, Any]: ...

    def feed_entries(self) -> Iterable[FeedEntry]: ...

    def routes(self) -> Iterable[str]:
        """The listing's sub-paths that answer 200 (``page/2/``, ``archive/``…), not the feed."""
        ...


class ListingRoutesMixin(StaticRoutesMixin):
    """A routable page whose own URL, numbered pages, archives and feed come from one listing.

    The shared routes are built in ``get_subpage_urls`` rather than with ``@path``, so that they
    sit below ``listing_prefix`` (a person's work is at ``work/page/2/``) and call the class's
    own override of a view (a person's ``feed``). A type's ``@path`` routes take precedence.
    """

    # Where the numbered pages and archives live below the page, e.g. "work/".
    listing_prefix: ClassVar[str] = ""

    def get_listing(self, request: HttpRequest | None = None) -> Listing:
        """The page's listing; URLs in its context are relative to ``request``'s site."""
        raise NotImplementedError

    @classmethod
    def get_subpage_urls(cls) -> tuple[URLPattern | URLResolver, ...]:
        prefix = cls.listing_prefix
        shared = (
            url_path(prefix + "page/<int:number>/", cls.listing_page, name="listing_page"),
            url_path(prefix + ARCHIVE_ROUTE, cls.listing_archive, name="listing_archive"),
            url_path(
                prefix + "archive/<yyyy:year>/<mm:month>/", cls.listing_month, name="listing_month"
            ),
            url_path(FEED_ROUTE, cls.feed, name="feed"),
        )
        return (*super().get_subpage_urls(), *shared)

    def get_context(self, request, *args, listing: dict[str, Any] | None = None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(listing or self.get_listing(request).page())
        context["feed_url"] = self.route_url(request, FEED_ROUTE)
        return context

    def listing_page(self, request: HttpRequest, number: int) -> HttpResponse:
        return self.render(request, listing=self.get_listing(request).page(number))

    def listing_archive(self, request: HttpRequest) -> HttpResponse:
        return self.render(request, listing=self.get_listing(request).archive())

    def listing_month(self, request: HttpRequest, year: int, month: int) -> HttpResponse:
        return self.render(request, listing=self.get_listing(request).month(year, month))

    def feed(self, request: HttpRequest) -> HttpResponse:
        return listing_feed(self, self.get_listing().feed_entries())

    def get_static_routes(self) -> Iterator[str]:
        yield from self.get_listing().routes()
        yield FEED_ROUTE
