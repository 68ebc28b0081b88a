"""Hubs, programs and person pages show the latest work by kind, media appearances and events."""

from bs4 import BeautifulSoup

from .. import factories as f
from ..base import SiteTestCase


def headings(html: bytes) -> list[str]:
    return [
        h.get_text(strip=True)
        for h in BeautifulSoup(html, "html.parser").find_all(["h2", "h3", "h4"])
    ]


class WorkByTypeTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        common = {"topics": [cls.grand_strategy], "authors": [cls.person]}
        cls.brief = f.BriefPageFactory(parent=cls.briefs, title="A brief on restraint", **common)
        cls.op_ed = f.OpEdPageFactory(
            parent=cls.op_eds, outlet=cls.lawfare, title="An op-ed on Mexico", **common
        )
        cls.mention = f.MediaMentionPageFactory(
            parent=cls.mentions,
            title="Quoted on AUKUS",
            authors=[cls.person],
            authors__role="featuring",
            topics=[cls.grand_strategy],
        )
        cls.event = f.EventPageFactory(
            parent=cls.events,
            title="Syria after Assad",
            authors=[cls.person],
            authors__role="speaker",
            topics=[cls.grand_strategy],
        )

    def test_topic_hub_groups_latest_work_by_kind(self):
        html = self.client.get(self.grand_strategy_hub.url).content
        titles = headings(html)
        for label in ["Research", "Op-eds", "In the media"]:
            self.assertIn(label, titles)
        self.assertNotIn("Press releases", titles)  # no press release on the topic
        self.assertLess(titles.index("Research"), titles.index("A brief on restraint"))
        self.assertLess(titles.index("Op-eds"), titles.index("An op-ed on Mexico"))

    def test_person_page_shows_media_appearances_and_events(self):
        html = self.client.get(self.person.url).content
        titles = headings(html)
        self.assertIn("In the media", titles)
        self.assertIn("Events", titles)
        self.assertIn("Quoted on AUKUS", titles)
        self.assertTrue(any("Syria after Assad" in t for t in titles), titles)
