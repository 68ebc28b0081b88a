"""Tags for the deploy admin templates and the page editor's status panel."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import template
from wagtail.models import Page

from deploy.live.admin_views import StaticSiteStatus, format_duration
from deploy.live.admin_views import static_site_status as page_static_site_status

register = template.Library()


@register.simple_tag
def static_site_status(page: Page) -> StaticSiteStatus | None:
    """``{% static_site_status page as status %}``: is the published page on the static site?"""
    return page_static_site_status(page)


@register.filter
def duration(value: timedelta | None) -> str:
    return format_duration(value)


@register.filter
def iso_datetime(value: str) -> datetime | None:
    """A release record's ISO 8601 ``created`` as a datetime (None when it is not one)."""
    try:
        return datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
