"""Render-time helpers for the public templates: site chrome, links, breadcrumbs and dates.

The site settings model is the one ``settings.SITE_SETTINGS_MODEL`` names, and a page type
with a section between Home and its pages (a content page's primary topic) says so through
``breadcrumb_section``: ``cms`` never imports or names the apps built on it. Topic links are
``home``'s (``topic_tags``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import template
from django.apps import apps
from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest
from django.utils import dateformat
from django.utils.html import format_html
from django.utils.safestring import SafeString
from wagtail.models import Page, Site

from cms import keys
from cms.deps import depend, url_only
from cms.memo import per_build, per_request
from cms.visibility import visible, visible_ancestors

register = template.Library()

LONG_DATE = "F j, Y"


# --- Site and settings ---------------------------------------------------------------------


def _request(context: template.Context) -> HttpRequest | None:
    return context.get("request")


def _site(request: HttpRequest | None) -> Site | None:
    """The request's site, else the default site; never raises (the 404 page has no page)."""
    return per_request(request, _find_site_by_url)


def _find_site_by_url(request: HttpRequest | None) -> Site | None:
    with url_only():
        return _find_site(request)


def _find_site(request: HttpRequest | None) -> Site | None:
    site = None
    if request is not None:
        try:
            site = Site.find_for_request(request)
        except (Site.DoesNotExist, DatabaseError):
            site = None
    if site is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site


def _site_settings(site: Site | None):
    """The site's settings, read-only: an unsaved default instance when none exist yet.

    Wagtail's ``for_site`` creates the row on first access; rendering must not write.
    """
    return per_build(_load_site_settings, site)


def _load_site_settings(site: Site | None):
    model = apps.get_model(settings.SITE_SETTINGS_MODEL)
    depend(keys.SETTINGS)  # also when no row exists yet: creating one changes every page
    instance = model.objects.filter(site=site).first() if site is not None else None
    return instance if instance is not None else model(site=site)


def _link_href(value: Any, request: HttpRequest | None, visible_ids: set[int]) -> str:
    page = value.get("page")
    if page is not None:
        return (page.get_url(request) or "") if page.pk in visible_ids else ""
    return value.get("url") or ""


def _linked_page_ids(*streams) -> list[int]:
    ids = []
    for stream in streams:
        for child in stream:
            values = [child.value, *child.value.get("children", [])]
            ids.extend(v["page"].pk for v in values if v.get("page") is not None)
    return ids


@register.simple_tag(takes_context=True)
def site_chrome(context: template.Context) -> dict[str, Any]:
    """Header menu, footer, newsletter and social links, resolved once per request.

    Links to pages that are not public are dropped so the static site never links to them.
    """
    request = _request(context)
    return per_request(request, _chrome_linking_only)


def _chrome_linking_only(request: HttpRequest | None) -> dict[str, Any]:
    # Menus only link to pages: their content changing does not change the chrome.
    with url_only():
        return _site_chrome(request)


def _site_chrome(request: HttpRequest | None) -> dict[str, Any]:
    site = _site(request)
    site_settings = _site_settings(site)
    page_ids = _linked_page_ids(site_settings.header_menu, site_settings.footer_links)
    visible_ids = (
        set(visible(Page.objects.filter(pk__in=page_ids)).values_list("pk", flat=True))
        if page_ids
        else set()
    )

    menu = []
    for child in site_settings.header_menu:
        href = _link_href(child.value, request, visible_ids)
        children = [
            {"label": sub["label"], "href": sub_href}
            for sub in child.value.get("children", [])
            if (sub_href := _link_href(sub, request, visible_ids))
        ]
        if href or children:
            menu.append({"label": child.value["label"], "href": href, "children": children})

    footer_links = [
        {"label": child.value["label"], "href": href}
        for child in site_settings.footer_links
        if (href := _link_href(child.value, request, visible_ids))
    ]

    social_links = []
    for child in site_settings.social_links:
        labels = dict(child.block.child_blocks["network"].field.choices)
        network = child.value["network"]
        social_links.append(
            {"network": network, "label": labels.get(network, network), "href": child.value["url"]}
        )

    return {
        "settings": site_settings,
        "site": site,
        "home_url": site.root_page.get_url(request) if site else "/",
        "site_name": site_settings.organisation_name or (site.site_name if site else ""),
        "menu": menu,
        "footer_links": footer_links,
        "social_links": social_links,
    }


# --- Breadcrumbs ----------------------------------------------------------------


@register.inclusion_tag("includes/breadcrumb.html", takes_context=True)
def breadcrumbs(context: template.Context, page: Page | None) -> dict[str, Any]:
    """Home / primary topic (content pages) or the page's parents / the page's title."""
    request = _request(context)
    site = _site(request)
    if page is None or site is None or page.pk == site.root_page_id or not page.pk:
        return {"items": [], "current": ""}
    root = site.root_page
    items = [{"label": "Home", "href": root.get_url(request)}]
    if hasattr(page, "breadcrumb_section"):  # e.g. a content page's primary topic
        if section := page.breadcrumb_section(request):
            items.append({"label": section[0], "href": section[1]})
    else:
        ancestors = visible_ancestors(page, root, request)
        items.extend({"label": a.title, "href": a.get_url(request)} for a in ancestors)
    return {"items": items, "current": page.title}


# --- Dates and times -----------------------------------------------------------------------


@register.filter
def longdate(value: date | datetime | None) -> str:
    """'February 16, 2025'; an aware datetime keeps its own zone (events show local dates)."""
    if not value:
        return ""
    return dateformat.format(value, LONG_DATE)


@register.filter
def isodate(value: date | datetime | None) -> str:
    """The ``datetime`` attribute of a ``<time>`` element."""
    return value.isoformat() if value else ""


@register.simple_tag
def event_when(event: Any) -> SafeString:
    """The event's date and time range in its own time zone, with <time> elements.

    Django's ``date`` filter would convert to the server's zone; this keeps the event's.
    """
    start, end = event.local_start, event.local_end
    start_text = dateformat.format(start, "l, F j, Y, P")
    if start.date() == end.date():
        end_text = dateformat.format(end, "P")
    else:
        end_text = dateformat.format(end, "l, F j, Y, P")
    return format_html(
        '<time datetime="{}">{}</time> – <time datetime="{}">{}</time> '
        '<span class="event-zone">{} ({})</span>',
        start.isoformat(),
        start_text,
        end.isoformat(),
        end_text,
        dateformat.format(start, "T"),
        event.timezone,
    )


@register.filter
def agenda_time(value: Any) -> str:
    """A naive agenda time as '10:30 a.m.'."""
    if not value:
        return ""
    return dateformat.time_format(value, "P")
