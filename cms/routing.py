"""Routable pages whose sub-paths a static export can enumerate, including files (feed.xml).

Wagtail's router appends a slash to every sub-path; a last component with a dot (``feed.xml``,
``event.ics``) is resolved as a file instead. ``cms.urls`` sends such paths to Wagtail.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.http import Http404, HttpRequest
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.url_routing import RouteResult

from cms import archives  # noqa: F401  (registers the yyyy/mm path converters routes use)

FEED_ROUTE = "feed.xml"


class StaticRoutesMixin(RoutablePageMixin):
    """A routable page that lists its sub-paths for the static export.

    Classes whose every page has the same sub-paths list them in ``fixed_routes``; the build
    then plans them without loading the pages. Classes whose sub-paths depend on a page's data
    (pagination, archives) override ``get_static_routes``.
    """

    fixed_routes: tuple[str, ...] = ()

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        if self.live and path_components and "." in path_components[-1]:
            try:
                match = self.resolve_subpage("/" + "/".join(path_components))
            except Http404:
                pass
            else:
                request.routable_resolver_match = match
                view, args, kwargs = match
                return RouteResult(self, args=(view, args, kwargs))
        return super().route(request, path_components)

    def get_static_routes(self) -> Iterator[str]:
        """Every sub-path below the page's URL that currently answers 200 (not the page itself).

        e.g. ``page/2/``, ``archive/2025/02/``, ``feed.xml``.
        """
        return iter(self.fixed_routes)

    def route_url(self, request: HttpRequest | None, route: str = "") -> str:
        """Site-relative URL of one of the page's sub-paths; '' while the page has no URL."""
        url = self.get_url(request)
        return url + route if url else ""
