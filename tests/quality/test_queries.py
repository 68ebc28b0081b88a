"""Detail pages cost the same number of queries however many authors, topics and picks they have."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from publications.models import ContentPageRelated

from .. import factories as f
from ..base import SiteTestCase

CONTENT_FACTORIES = {
    "brief": (f.BriefPageFactory, "briefs"),
    "explainer": (f.ExplainerPageFactory, "explainers"),
    "report": (f.ReportPageFactory, "reports"),
    "qa": (f.QAPageFactory, "qas"),
    "op-ed": (f.OpEdPageFactory, "op_eds"),
    "mention": (f.MediaMentionPageFactory, "mentions"),
    "press": (f.PressReleasePageFactory, "press"),
    "event": (f.EventPageFactory, "events"),
}


class DetailQueryTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.people_pool = [
            f.PersonPageFactory(
                parent=cls.people, headshot=f.ImageFactory(), slug=f"expert-{n}", publish=True
            )
            for n in range(50)
        ]
        cls.topic_pool = [f.TopicFactory(name=f"Region {n}", slug=f"region-{n}") for n in range(50)]
        # Only these briefs share the pages' first topic, so "More on" always mixes the same types.
        cls.pool_topic = f.TopicFactory(name="Arms control", slug="arms-control")
        cls.related_pool = [
            f.BriefPageFactory(parent=cls.briefs, topics=[cls.pool_topic], title=f"Pick {n}")
            for n in range(12)
        ]

    def make(self, factory, parent, size: int):
        page = factory(
            parent=parent,
            authors=self.people_pool[:size],
            topics=[self.pool_topic, *self.topic_pool[: size - 1]],
        )
        # Fewer picks than 'More on' shows, so the topic query always runs too.
        for order, related in enumerate(self.related_pool[: 2 if size < 10 else 5]):
            ContentPageRelated.objects.create(page=page, related=related, sort_order=order)
        return page

    def count(self, page) -> int:
        self.client.get(page.url)  # warm renditions and caches
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_query_count_does_not_grow(self):
        for name, (factory, parent_attr) in CONTENT_FACTORIES.items():
            with self.subTest(type=name):
                parent = getattr(self, parent_attr)
                small_page = self.make(factory, parent, 5)
                large_page = self.make(factory, parent, 50)
                self.client.get(small_page.url)
                self.assertEqual(self.count(small_page), self.count(large_page))

    def test_person_page_does_not_grow_with_their_work(self):
        person = self.people_pool[0]
        for n in range(5):
            f.OpEdPageFactory(
                parent=self.op_eds,
                outlet=self.lawfare,
                authors=[person, "Guest"],
                topics=[self.grand_strategy, self.americas],
                title=f"Work {n}",
            )
        small = self.count(person)
        for n in range(45):
            f.OpEdPageFactory(
                parent=self.op_eds,
                outlet=self.lawfare,
                authors=[person, "Guest"],
                topics=[self.grand_strategy, self.americas],
                title=f"More {n}",
            )
        self.assertEqual(small, self.count(person))
