"""sitemap.xml and robots.txt: every visible, indexable page, absolute and dated."""

import datetime as dt
import xml.etree.ElementTree as ET

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from .. import factories as f
from ..base import SiteTestCase
from ..listing_utils import make_draft, make_expired, make_private

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
BASE = "https://www.example.org"


class SitemapTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.brief = f.BriefPageFactory(parent=cls.briefs, slug="visible-brief")
        make_draft(f.BriefPageFactory(parent=cls.briefs, slug="draft-brief"))
        make_expired(f.OpEdPageFactory(parent=cls.op_eds, outlet=cls.lawfare, slug="expired"))
        private = f.StandardPageFactory(parent=cls.home, slug="private")
        f.StandardPageFactory(parent=private, slug="under-private")
        make_private(private)
        f.StandardPageFactory(parent=cls.home, slug="quiet", noindex=True)
        f.ReportPageFactory(parent=cls.reports, slug="quiet-report", noindex=True)

    def entries(self) -> dict[str, str]:
        response = self.client.get("/sitemap.xml")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/xml; charset=utf-8")
        root = ET.fromstring(response.content)  # noqa: S314 (our own output)
        return {
            url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
            for url in root.findall("s:url", NS)
        }

    def test_lists_every_visible_indexable_page(self):
        entries = self.entries()
        expected = {
            BASE + "/",
            BASE + "/about/",
            BASE + "/briefs/",
            BASE + "/briefs/visible-brief/",
            BASE + "/people/daniel-depetris/",
            BASE + "/policy-topics/grand-strategy/",
            BASE + "/research/",
        }
        self.assertLessEqual(expected, set(entries))
        for slug in ("draft-brief", "expired", "private", "under-private", "quiet", "quiet-report"):
            with self.subTest(slug=slug):
                self.assertFalse([url for url in entries if f"/{slug}/" in url])

    def test_lastmod_is_the_last_publication_date(self):
        entries = self.entries()
        published = Page.objects.get(pk=self.brief.pk).last_published_at
        self.assertEqual(
            entries[BASE + "/briefs/visible-brief/"],
            published.astimezone(dt.UTC).date().isoformat(),
        )
        self.assertTrue(all(entries.values()))

    def test_every_visible_page_of_the_site_and_nothing_else(self):
        visible_pages = Page.objects.live().public().descendant_of(self.home, inclusive=True)
        self.assertEqual(len(self.entries()), visible_pages.count() - 3)  # expired + 2 noindex

    def test_reproducible(self):
        self.assertEqual(
            self.client.get("/sitemap.xml").content, self.client.get("/sitemap.xml").content
        )

    def test_queries_do_not_grow_with_pages(self):
        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                self.client.get("/sitemap.xml")
            return len(queries)

        small = count()
        for n in range(20):
            f.BriefPageFactory(parent=self.briefs, slug=f"more-{n}")
        self.assertEqual(count(), small)
        self.assertLessEqual(small, 6)


class RobotsTests(SiteTestCase):
    def test_allows_everything_and_points_at_the_sitemap(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        lines = response.content.decode().splitlines()
        self.assertIn("User-agent: *", lines)
        self.assertIn("Allow: /", lines)
        self.assertIn(f"Sitemap: {BASE}/sitemap.xml", lines)
