"""Public pages rendered by the CMS carry the static site's security headers.

Visitors only ever see the static build, served with ``cms.security_headers`` by the CDN; the
CMS sends the same headers on the pages it renders itself (the development server, a page
viewed live on the CMS host, the build's own rendering), so a template that needs an inline
script or style breaks here first, not in production. The admin (Wagtail's own scripts, its
preview iframe), the API and Wagtail's document view keep Django's defaults.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from cms.security_headers import static_site_headers

CMS_ONLY_PREFIXES = ("/admin/", "/api/", "/documents/")


def is_public_path(path: str) -> bool:
    """Whether ``path`` is one the static export also serves (not the CMS's own tools)."""
    return not path.startswith(CMS_ONLY_PREFIXES)


class StaticSiteHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Previews render a public path inside the admin's preview iframe: not framed-denied.
        if is_public_path(request.path_info) and not getattr(request, "is_preview", False):
            for name, value in static_site_headers().items():
                response[name] = value
        return response
