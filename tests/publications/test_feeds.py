"""RSS feeds and iCalendar files: well-formed, absolute, dated from content, reproducible."""

import datetime as dt
import xml.etree.ElementTree as ET
from email.utils import format_datetime, parsedate_to_datetime
from unittest import mock

from django.conf import settings
from wagtail.models import Page

from cms.feeds import RSS_CONTENT_TYPE
from cms.ical import CALENDAR_CONTENT_TYPE

from .. import factories as f
from ..base import SiteTestCase
from ..listing_utils import make_draft, make_expired, make_private

FEEDS = [
    "/feed.xml",
    "/briefs/feed.xml",
    "/explainers/feed.xml",
    "/reports/feed.xml",
    "/qa/feed.xml",
    "/op-eds/feed.xml",
    "/in-the-media/feed.xml",
    "/press-releases/feed.xml",
    "/events/feed.xml",
    "/research/feed.xml",
    "/policy-topics/grand-strategy/feed.xml",
    "/people/daniel-depetris/feed.xml",
]


def items(feed: ET.Element) -> list[ET.Element]:
    return feed.findall("./channel/item")


class FeedTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.brief = f.BriefPageFactory(
            parent=cls.briefs,
            title="Brief on grand strategy",
            display_date=dt.date(2025, 2, 16),
            authors=[cls.person, "Guest Writer"],
            topics=[cls.grand_strategy, cls.americas],
        )
        cls.report = f.ReportPageFactory(
            parent=cls.reports, title="Report on the Americas", display_date=dt.date(2025, 1, 5)
        )
        cls.op_ed = f.OpEdPageFactory(
            parent=cls.op_eds,
            outlet=cls.lawfare,
            title="Op-ed by Daniel",
            display_date=dt.date(2025, 3, 1),
            authors=[cls.person],
        )
        cls.event = f.EventPageFactory(
            parent=cls.events,
            title="Panel on grand strategy",
            display_date=dt.date(2025, 1, 20),
            topics=[cls.grand_strategy],
        )
        hidden = {"authors": [cls.person], "topics": [cls.grand_strategy]}
        make_draft(f.BriefPageFactory(parent=cls.briefs, title="HIDDEN draft", **hidden))
        make_private(f.BriefPageFactory(parent=cls.briefs, title="HIDDEN private", **hidden))
        make_expired(f.EventPageFactory(parent=cls.events, title="HIDDEN expired", **hidden))

    def fetch(self, url: str) -> ET.Element:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        self.assertEqual(response["Content-Type"], RSS_CONTENT_TYPE)
        return ET.fromstring(response.content)  # noqa: S314 (our own output)

    def titles(self, url: str) -> list[str]:
        return [item.findtext("title") for item in items(self.fetch(url))]

    def test_every_feed_is_rss_with_absolute_links_and_content_dates(self):
        for url in FEEDS:
            with self.subTest(url=url):
                feed = self.fetch(url)
                self.assertEqual(feed.tag, "rss")
                self.assertEqual(feed.get("version"), "2.0")
                channel = feed.find("channel")
                self.assertEqual(
                    channel.findtext("link"), settings.SITE_BASE_URL + url.removesuffix("feed.xml")
                )
                dates = []
                for item in items(feed):
                    link = item.findtext("link")
                    self.assertTrue(link.startswith(settings.SITE_BASE_URL + "/"), link)
                    self.assertEqual(item.findtext("guid"), link)
                    dates.append(parsedate_to_datetime(item.findtext("pubDate")))
                build = channel.findtext("lastBuildDate")
                if dates:
                    self.assertEqual(parsedate_to_datetime(build), max(dates))

    def test_pub_dates_are_display_dates(self):
        feed = self.fetch("/briefs/feed.xml")
        (item,) = items(feed)
        self.assertEqual(item.findtext("pubDate"), "Sun, 16 Feb 2025 00:00:00 +0000")
        self.assertEqual(
            item.findtext("link"), "https://www.example.org/briefs/" + self.brief.slug + "/"
        )
        self.assertEqual([c.text for c in item.findall("category")], ["Grand strategy", "Americas"])
        creator = item.findtext("{http://purl.org/dc/elements/1.1/}creator")
        self.assertEqual(creator, "Daniel DePetris, Guest Writer")

    def test_an_empty_feed_is_dated_by_its_page_not_the_clock(self):
        feed = self.fetch("/qa/feed.xml")
        self.assertEqual(items(feed), [])
        published = Page.objects.get(pk=self.qas.pk).first_published_at
        expected = format_datetime(published.astimezone(dt.UTC))
        self.assertEqual(feed.findtext("channel/lastBuildDate"), expected)

    def test_two_renders_are_byte_identical(self):
        for url in FEEDS:
            with self.subTest(url=url):
                first = self.client.get(url).content
                later = dt.datetime(2031, 1, 1, tzinfo=dt.UTC)
                with mock.patch("django.utils.timezone.now", return_value=later):
                    self.assertEqual(self.client.get(url).content, first)

    def test_each_feed_holds_its_own_entries_newest_first(self):
        expected = {
            "/feed.xml": [
                "Op-ed by Daniel",
                "Brief on grand strategy",
                "Panel on grand strategy",
                "Report on the Americas",
            ],
            "/briefs/feed.xml": ["Brief on grand strategy"],
            "/events/feed.xml": ["Panel on grand strategy"],
            "/research/feed.xml": ["Brief on grand strategy", "Report on the Americas"],
            "/policy-topics/grand-strategy/feed.xml": [
                "Brief on grand strategy",
                "Panel on grand strategy",
            ],
            "/people/daniel-depetris/feed.xml": ["Op-ed by Daniel", "Brief on grand strategy"],
        }
        for url, titles in expected.items():
            with self.subTest(url=url):
                self.assertEqual(self.titles(url), titles)

    def test_hidden_pages_are_in_no_feed(self):
        for url in FEEDS:
            with self.subTest(url=url):
                self.assertNotIn(b"HIDDEN", self.client.get(url).content)

    def test_feeds_hold_the_newest_fifty(self):
        with mock.patch("publications.cards.FEED_LIMIT", 2):
            self.assertEqual(
                self.titles("/feed.xml"), ["Op-ed by Daniel", "Brief on grand strategy"]
            )

    def test_listing_pages_link_their_feed(self):
        for url in ("/", "/briefs/", "/research/", "/events/", "/policy-topics/grand-strategy/"):
            with self.subTest(url=url):
                self.assertContains(
                    self.client.get(url),
                    '<link rel="alternate" type="application/rss+xml" title="',
                )
                self.assertContains(self.client.get(url), f'href="{url}feed.xml"')
        self.assertContains(
            self.client.get("/people/daniel-depetris/"),
            'type="application/rss+xml" title="Daniel DePetris" '
            'href="/people/daniel-depetris/feed.xml"',
        )


def unfold(body: str) -> list[str]:
    return body.replace("\r\n ", "").split("\r\n")


class CalendarTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.event = f.EventPageFactory(
            parent=cls.events,
            title="Restraint, realism; and the long war — a conversation about what comes next",
            dek="Three panelists, one question:\nwhat now?",
            start=dt.datetime(2025, 6, 10, 16, 0, tzinfo=dt.UTC),
            timezone="America/New_York",
            format="in_person",
            venue_name="Defense Priorities",
            venue_address="1000 Example Ave NW\nWashington, DC 20001",
        )
        cls.online = f.EventPageFactory(
            parent=cls.events, title="Webinar", status="cancelled", timezone="Europe/London"
        )

    def fetch(self, page) -> str:
        response = self.client.get(page.url + "event.ics")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], CALENDAR_CONTENT_TYPE)
        return response.content.decode("utf-8")

    def test_structure_line_endings_and_folding(self):
        body = self.fetch(self.event)
        self.assertTrue(body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        self.assertTrue(body.endswith("END:VEVENT\r\nEND:VCALENDAR\r\n"))
        self.assertNotIn("\n", body.replace("\r\n", ""))
        physical = body.split("\r\n")[:-1]
        for line in physical:
            self.assertLessEqual(len(line.encode("utf-8")), 75, line)
        self.assertTrue(any(line.startswith(" ") for line in physical), "a long line is folded")
        lines = unfold(body)
        for component in ("VCALENDAR", "VTIMEZONE", "VEVENT"):
            self.assertEqual(lines.count(f"BEGIN:{component}"), 1)
            self.assertEqual(lines.count(f"END:{component}"), 1)

    def test_event_properties(self):
        self.published = Page.objects.get(pk=self.event.pk).last_published_at
        lines = unfold(self.fetch(self.event))
        host = "www.example.org"
        expected = [
            f"UID:event-{self.event.pk}@{host}",
            "DTSTAMP:" + self.published.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ"),
            "DTSTART;TZID=America/New_York:20250610T120000",
            "DTEND;TZID=America/New_York:20250610T130000",
            "SUMMARY:Restraint\\, realism\\; and the long war — a conversation about what"
            " comes next",
            "DESCRIPTION:Three panelists\\, one question:\\nwhat now?",
            f"URL:https://{host}/events/{self.event.slug}/",
            "LOCATION:Defense Priorities\\, 1000 Example Ave NW\\, Washington\\, DC 20001",
            "STATUS:CONFIRMED",
            "TZID:America/New_York",
        ]
        for line in expected:
            with self.subTest(line=line):
                self.assertIn(line, lines)

    def test_cancelled_online_event(self):
        lines = unfold(self.fetch(self.online))
        self.assertIn("STATUS:CANCELLED", lines)
        self.assertIn("LOCATION:Online", lines)
        self.assertIn("DTSTART;TZID=Europe/London:20250610T170000", lines)

    def test_reproducible(self):
        first = self.fetch(self.event)
        with mock.patch(
            "django.utils.timezone.now", return_value=dt.datetime(2031, 1, 1, tzinfo=dt.UTC)
        ):
            self.assertEqual(self.fetch(self.event), first)

    def test_only_events_have_a_calendar_file(self):
        brief = f.BriefPageFactory(parent=self.briefs)
        self.assertEqual(self.client.get(brief.url + "event.ics").status_code, 404)
        self.assertEqual(self.client.get(self.events.url + "event.ics").status_code, 404)
