"""Render outputs as a guaranteed-anonymous request through Django's handler, failing closed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.utils.html import escape
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from cms import keys
from cms.deps import depend
from cms.memo import current_session
from deploy.errors import BuildError
from deploy.export.outputs import Job, Kind

_PASSWORD_FORM = re.compile(rb"<input[^>]+type=[\"']?password", re.IGNORECASE)
_PRIVATE_CACHE = ("private", "no-store")


@dataclass(frozen=True)
class Rendered:
    body: bytes
    content_type: str


def _build_host() -> str:
    for host in settings.ALLOWED_HOSTS:
        if host and host != "*" and not host.startswith("."):
            return host
    return "localhost"


class Renderer:
    """One per process: Django's middleware stack loaded once, the default site in hand."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.handler = BaseHandler()
        self.handler.load_middleware()
        self.factory = RequestFactory(HTTP_HOST=_build_host())

    def _request(self, url: str) -> HttpRequest:
        # No cookie and no session: the request is anonymous whatever the middleware does. Over
        # HTTPS when the public site is, as a visitor's request is (production settings
        # redirect a plain-HTTP request, which would fail every build).
        request = self.factory.get(url, secure=settings.SITE_BASE_URL.startswith("https://"))
        request._wagtail_site = self.site
        return request

    def render(self, job: Job, page: Page | None = None) -> Rendered:
        if job.kind is Kind.REDIRECT:
            return Rendered(redirect_stub(job.target), "text/html; charset=utf-8")
        request = self._request(job.url)
        # Every output links home; recorded here since Wagtail caches the site root's lookup.
        depend(keys.page_url(self.site.root_page_id))
        if job.kind is Kind.PAGE:
            if page is None:
                raise BuildError(f"{job.url}: page {job.page_id} is not in the build's page set")
            # The page is already in hand: skip Wagtail's tree walk from the site root.
            request._wagtail_route_for_request = self._route(page, job.route, request)
        session = current_session()
        if session is not None:  # the API's detail view reuses it (cms.api.build_page)
            session.page = page if job.kind is Kind.JSON else None
        try:
            response = self.handler.get_response(request)
        finally:
            if session is not None:
                session.page = None
        self._check(job, response)
        return Rendered(_content(response), response.get("Content-Type", ""))

    @staticmethod
    def _route(page: Page, route: str, request: HttpRequest) -> RouteResult:
        if not route:
            return RouteResult(page)
        return page.route(request, [part for part in route.split("/") if part])

    @staticmethod
    def _check(job: Job, response: HttpResponse) -> None:
        expected = 404 if job.kind is Kind.NOT_FOUND else 200
        if response.status_code != expected:
            raise BuildError(f"{job.url}: HTTP {response.status_code}, expected {expected}")
        cache = response.get("Cache-Control", "").lower()
        if any(word in cache for word in _PRIVATE_CACHE):
            raise BuildError(f"{job.url}: response is marked Cache-Control: {cache}")
        if response.has_header("Set-Cookie") or response.cookies:
            raise BuildError(f"{job.url}: response sets a cookie")
        if _PASSWORD_FORM.search(_content(response)):
            raise BuildError(f"{job.url}: response contains a password or login form")


def _content(response: HttpResponse) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def redirect_stub(target: str) -> bytes:
    """An HTML page that sends browsers and crawlers to ``target``."""
    url = escape(target)
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8"><title>Moved</title>'
        f'<link rel="canonical" href="{url}">'
        f'<meta http-equiv="refresh" content="0; url={url}">'
        '<meta name="robots" content="noindex">'
        f'</head><body><p>This page has moved to <a href="{url}">{url}</a>.</p></body></html>\n'
    ).encode()
