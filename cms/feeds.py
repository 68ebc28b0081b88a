"""RSS 2.0 feeds of content pages, byte-identical for the same database.

Dates come from content (an item's display date; the channel's newest item, else the listing
page's publication), never from the clock; links are absolute on ``SITE_BASE_URL``.

Readers decode an item's ``<description>`` as HTML, so its plain-text source (a summary or a
dek) is HTML-escaped here and XML-escaped again by the feed writer: a reader shows the literal
text. Titles and the channel's description are plain text in RSS and are escaped once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time
from typing import Any, Protocol

from django.conf import settings
from django.http import HttpResponse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape

from cms.models import BasePage
from cms.public_urls import public_url
from cms.routing import FEED_ROUTE
from cms.structured_data import rich_text_to_plain

FEED_LIMIT = 50
RSS_CONTENT_TYPE = "application/rss+xml; charset=utf-8"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class FeedEntry(Protocol):
    """What a feed needs from a content page (``publications.ContentPage`` provides it)."""

    card_title: str
    url_path_on_site: str
    display_date: date
    listing_summary: str
    dek: str
    author_names: Sequence[str]
    topic_list: Sequence[Any]


class StableRssFeed(Rss201rev2Feed):
    """RSS 2.0 whose lastBuildDate is the newest item's date, else a fixed fallback."""

    def __init__(self, *args: Any, fallback_date: datetime = EPOCH, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fallback_date = fallback_date

    def latest_post_date(self) -> datetime:
        dates = [item["pubdate"] for item in self.items if item.get("pubdate")]
        return max(dates, default=self.fallback_date)


def day_start(day: date) -> datetime:
    """Midnight UTC of ``day``: the pubDate of content that carries only a date."""
    return datetime.combine(day, time(), tzinfo=UTC)


def text_as_html(text: str) -> str:
    """Plain text as the HTML that shows it literally: an item's description is HTML."""
    return str(escape(text))


def build_feed(
    *,
    title: str,
    link_path: str,
    description: str,
    entries: Iterable[FeedEntry],
    fallback_date: datetime | None = None,
) -> StableRssFeed:
    """The feed of the listing at ``link_path`` (site-relative, e.g. ``/op-eds/``)."""
    feed = StableRssFeed(
        title=title,
        link=public_url(link_path),
        description=description,
        language="en",
        feed_url=public_url(link_path + FEED_ROUTE),
        fallback_date=fallback_date or EPOCH,
    )
    for entry in entries:
        link = public_url(entry.url_path_on_site)
        feed.add_item(
            title=entry.card_title,
            link=link,
            description=text_as_html(entry.listing_summary or entry.dek),
            unique_id=link,
            unique_id_is_permalink=True,
            pubdate=day_start(entry.display_date),
            author_name=", ".join(entry.author_names) or None,
            categories=[topic.name for topic in entry.topic_list],
        )
    return feed


def feed_response(feed: StableRssFeed) -> HttpResponse:
    response = HttpResponse(content_type=RSS_CONTENT_TYPE)
    feed.write(response, "utf-8")
    return response


def listing_feed(
    page: BasePage,
    entries: Iterable[FeedEntry],
    *,
    title: str | None = None,
    description: str | None = None,
) -> HttpResponse:
    """The ``feed.xml`` response of a listing page (a section, a hub, a person, the home page)."""
    intro = rich_text_to_plain(str(getattr(page, "intro", "") or ""))
    feed = build_feed(
        title=title or f"{page.title} | {settings.WAGTAIL_SITE_NAME}",
        link_path=page.url_path_on_site,
        description=description or page.search_description or intro or page.title,
        entries=entries,
        fallback_date=page.first_published_at,
    )
    return feed_response(feed)
