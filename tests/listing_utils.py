"""Helpers for the listing, feed and sitemap tests: hidden pages and route fetching."""

import datetime as dt
import re
from collections.abc import Iterable

from django.test import Client
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from cms.pagination import MAX_PAGES, PAGE_SIZE

CAPPED = PAGE_SIZE * MAX_PAGES
HREF = re.compile(r'href="([^"]+)"')


def make_draft(page: Page) -> Page:
    Page.objects.filter(pk=page.pk).update(live=False)
    return page


def make_private(page: Page) -> Page:
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    return page


def make_expired(page: Page) -> Page:
    # Still live: publish_scheduled has not run yet, which is what visible() must catch.
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - dt.timedelta(minutes=1))
    return page


def fetch_all(client: Client, base_url: str, routes: Iterable[str]) -> dict[str, bytes]:
    """Route → body of every route below ``base_url``; fails unless each answers 200."""
    bodies = {}
    for route in routes:
        response = client.get(base_url + route)
        if response.status_code != 200:
            raise AssertionError(f"{base_url}{route} answered {response.status_code}")
        bodies[route] = response.content
    return bodies


def status(client: Client, url: str) -> int:
    return client.get(url).status_code


def hrefs(html: bytes | str, within: str = "") -> list[str]:
    """Every href in ``html`` (optionally only inside the first element with class ``within``)."""
    text = html.decode() if isinstance(html, bytes) else html
    if within:
        start = text.find(f'class="{within}')
        if start < 0:
            return []
        end = text.find("</nav>", start)
        text = text[start:end]
    return HREF.findall(text)
