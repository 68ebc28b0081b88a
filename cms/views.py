"""Site-wide files of the public site: sitemap.xml and robots.txt."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC
from xml.sax.saxutils import escape

from django.apps import apps
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

from cms import keys
from cms.deps import depend
from cms.models import SocialFields
from cms.public_urls import public_url
from cms.visibility import visible

SITEMAP_PATH = "/sitemap.xml"
SITEMAP_CONTENT_TYPE = "application/xml; charset=utf-8"
ROBOTS_CONTENT_TYPE = "text/plain; charset=utf-8"


def _noindex_q() -> Q:
    """Pages marked noindex, across every table that holds a ``noindex`` column.

    Each concrete page type that inherits ``SocialFields`` directly owns the column (content
    types share ``ContentPage``'s), so this is one subquery per table and no per-page fetch.
    """
    q = Q()
    for model in apps.get_models():
        if not issubclass(model, SocialFields) or model._meta.proxy:
            continue
        if model._meta.get_field("noindex").model is model:
            q |= Q(pk__in=model._base_manager.filter(noindex=True).values("pk"))
    return q


def sitemap_entries(site: Site) -> Iterator[tuple[str, str]]:
    """(absolute URL, lastmod date) of every visible, indexable page of ``site``, in tree order."""
    root = site.root_page
    prefix_length = len(root.url_path) - 1
    pages = (
        visible(Page.objects.descendant_of(root, inclusive=True))
        .exclude(_noindex_q())
        .order_by("path")
        .values_list("pk", "url_path", "last_published_at")
    )
    for pk, url_path, published in pages.iterator(chunk_size=2000):
        depend(keys.page(pk))  # rows, not instances: recorded by hand (cms.deps)
        lastmod = published.astimezone(UTC).date().isoformat() if published else ""
        yield public_url(url_path[prefix_length:]), lastmod


def render_sitemap(site: Site) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for url, lastmod in sitemap_entries(site):
        modified = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{escape(url)}</loc>{modified}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def _default_site() -> Site:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise Http404("No default site.")
    return site


@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    depend(keys.ANY_PAGE)  # every page appearing or disappearing changes it
    return HttpResponse(render_sitemap(_default_site()), content_type=SITEMAP_CONTENT_TYPE)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    body = f"User-agent: *\nAllow: /\n\nSitemap: {public_url(SITEMAP_PATH)}\n"
    return HttpResponse(body, content_type=ROBOTS_CONTENT_TYPE)
