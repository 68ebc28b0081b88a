"""Plain text in feeds: a reader decodes an item's ``<description>`` as HTML, so plain-text
fields are HTML-escaped before the XML layer escapes them again; titles stay plain text."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from .. import factories as f
from ..base import SiteTestCase

PAYLOAD = "<img src=x onload=alert(1)>"


class FeedEscapingTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.summary = f.BriefPageFactory(
            parent=cls.briefs,
            title="Tom & Jerry <b>bold</b>",
            slug="summary",
            display_date=dt.date(2025, 2, 16),
            listing_summary=PAYLOAD,
        )
        cls.dek = f.BriefPageFactory(
            parent=cls.briefs,
            title="Dek only",
            slug="dek",
            display_date=dt.date(2025, 2, 15),
            listing_summary="",
            dek="Q&A: <script>alert(2)</script>",
        )

    def item(self, title: str) -> ET.Element:
        response = self.client.get("/briefs/feed.xml")
        self.assertEqual(response.status_code, 200)
        feed = ET.fromstring(response.content)  # noqa: S314 (our own output)
        return next(i for i in feed.findall("./channel/item") if i.findtext("title") == title)

    def test_a_summary_is_html_escaped_text_in_the_description(self):
        description = self.item("Tom & Jerry <b>bold</b>").findtext("description") or ""
        # What a reader renders as HTML: the markup is escaped text, not a tag.
        self.assertIn("&lt;img", description)
        self.assertNotIn("<img", description)
        self.assertEqual(description, "&lt;img src=x onload=alert(1)&gt;")

    def test_a_dek_is_html_escaped_text_in_the_description(self):
        description = self.item("Dek only").findtext("description") or ""
        self.assertEqual(description, "Q&amp;A: &lt;script&gt;alert(2)&lt;/script&gt;")

    def test_titles_are_plain_text_escaped_once(self):
        response = self.client.get("/briefs/feed.xml")
        self.assertIn(b"<title>Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt;</title>", response.content)
        feed = ET.fromstring(response.content)  # noqa: S314 (our own output)
        for title in feed.iter("title"):
            self.assertNotIn("&amp;", title.text or "")  # never shown to a reader as "&amp;"

    def test_the_channel_description_is_the_intro_as_plain_text(self):
        self.briefs.intro = "<p>Briefs &amp; notes</p>"
        self.briefs.save()
        feed = ET.fromstring(self.client.get("/briefs/feed.xml").content)  # noqa: S314
        self.assertEqual(feed.findtext("./channel/description"), "Briefs & notes")
