"""Listings cost a fixed number of queries: not one more per author, topic or item."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from publications.models import ContentPageAuthor, ContentPageTopic

from .. import factories as f
from ..base import SiteTestCase

LISTING = "/api/v2/pages/"
CARD_FIELDS = "display_date,type_label,byline,authors,topics,listing_image,listing_summary"
QUERIES = {
    "every field of one type": {"type": "publications.OpEdPage", "fields": "*"},
    "card fields across types": {"type": "publications.ContentPage", "fields": CARD_FIELDS},
    "by topic, newest first": {
        "topic": "grand-strategy",
        "order": "-display_date",
        "fields": CARD_FIELDS,
    },
}
ITEMS = 20


class ListingQueryTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.more_people = [
            f.PersonPageFactory(parent=cls.people, slug=f"person-{n}") for n in range(4)
        ]
        cls.more_topics = [f.TopicFactory(name=f"Topic {n}", slug=f"topic-{n}") for n in range(3)]
        cls.pages = [
            f.OpEdPageFactory(
                parent=cls.op_eds,
                outlet=cls.lawfare,
                slug=f"op-ed-{n}",
                authors=[cls.person],
                topics=[cls.grand_strategy],
                primary_topic=cls.grand_strategy,
                listing_image=f.ImageFactory(),
            )
            for n in range(ITEMS)
        ]

    def count(self, query: dict, limit: int = ITEMS) -> int:
        query = {**query, "limit": limit}
        self.client.get(LISTING, query)  # renditions are made on the first request
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(LISTING, query)
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(len(response.json()["items"]), limit)
        return len(queries)

    def add_authors_and_topics(self) -> None:
        """From one author and one topic per page to five of each."""
        ContentPageAuthor.objects.bulk_create(
            ContentPageAuthor(page=page, sort_order=n, **author)
            for page in self.pages
            for n, author in enumerate(
                [{"person": person} for person in self.more_people[:3]] + [{"name": "Guest"}],
                start=1,
            )
        )
        ContentPageTopic.objects.bulk_create(
            ContentPageTopic(page=page, topic=topic, sort_order=n)
            for page in self.pages
            for n, topic in enumerate([self.americas, *self.more_topics], start=1)
        )

    def test_queries_do_not_grow_with_authors_or_topics(self):
        before = {name: self.count(query) for name, query in QUERIES.items()}
        self.add_authors_and_topics()
        response = self.client.get(LISTING, {**QUERIES["card fields across types"], "limit": 1})
        item = response.json()["items"][0]
        self.assertEqual((len(item["authors"]), len(item["topics"])), (5, 5))
        for name, query in QUERIES.items():
            with self.subTest(query=name):
                self.assertEqual(self.count(query), before[name])

    def test_queries_do_not_grow_with_items(self):
        for name, query in QUERIES.items():
            with self.subTest(query=name):
                self.assertEqual(self.count(query, limit=ITEMS), self.count(query, limit=5))
                self.assertLessEqual(self.count(query), 20)

    def test_detail_does_not_grow_with_authors_or_topics(self):
        url = f"/api/v2/pages/{self.pages[0].pk}/"
        self.client.get(url)
        with CaptureQueriesContext(connection) as before:
            self.client.get(url)
        self.add_authors_and_topics()
        with self.assertNumQueries(len(before)):
            response = self.client.get(url)
        self.assertEqual(len(response.json()["authors"]), 5)
