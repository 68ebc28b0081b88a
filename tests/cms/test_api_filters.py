"""Filters headless clients use on the pages listing: topic, author, date range, date order.

Semantics (also in cms/api_filters.py and the README): ``topic`` is a topic's slug, any
position; ``author`` a public person page's id or slug, any role; ``date_from``/``date_to``
bound ``display_date`` inclusively; an unknown topic or author and a malformed date are a 400.
Without ``type``, these (and ``order=display_date``) list content pages of every type.
"""

from __future__ import annotations

import datetime as dt

from .. import factories as f
from ..base import SiteTestCase

LISTING = "/api/v2/pages/"


class FilterTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.jennifer = f.PersonPageFactory(
            parent=cls.people, first_name="Jennifer", last_name="Kavanagh", slug="jennifer"
        )
        cls.empty_topic = f.TopicFactory(name="Arctic", slug="arctic")
        cls.a = f.OpEdPageFactory(
            parent=cls.op_eds,
            outlet=cls.lawfare,
            title="Mexico strikes",
            slug="a",
            display_date=dt.date(2025, 1, 10),
            topics=[cls.grand_strategy],
            authors=[cls.person],
        )
        cls.b = f.OpEdPageFactory(
            parent=cls.op_eds,
            outlet=cls.lawfare,
            title="Americas policy",
            slug="b",
            display_date=dt.date(2025, 2, 16),
            topics=[cls.americas],
            authors=[cls.jennifer, "An Outsider"],
        )
        cls.c = f.EventPageFactory(
            parent=cls.events,
            title="Mexico panel",
            slug="c",
            display_date=dt.date(2025, 3, 1),
            topics=[cls.americas, cls.grand_strategy],
            authors=[cls.person],
            authors__role="speaker",
        )
        cls.d = f.BriefPageFactory(
            parent=cls.briefs,
            title="Year end brief",
            slug="d",
            display_date=dt.date(2024, 12, 31),
            authors=["An Outsider"],
        )

    def get(self, **query) -> list[int]:
        response = self.client.get(LISTING, query)
        self.assertEqual(response.status_code, 200, response.content)
        return [item["id"] for item in response.json()["items"]]

    def ids(self, **query) -> set[int]:
        return set(self.get(**query))

    def assert_bad(self, message: str, **query) -> None:
        response = self.client.get(LISTING, query)
        self.assertEqual(response.status_code, 400, query)
        self.assertIn(message, response.json()["message"])

    def test_topic(self):
        self.assertEqual(self.ids(topic="grand-strategy"), {self.a.pk, self.c.pk})
        self.assertEqual(self.ids(topic="americas"), {self.b.pk, self.c.pk})
        self.assertEqual(
            self.ids(topic="grand-strategy", type="publications.OpEdPage"), {self.a.pk}
        )
        self.assertEqual(self.ids(topic="arctic"), set())  # a known topic without content
        self.assert_bad("unknown topic: 'nato'", topic="nato")
        self.assert_bad("unknown topic", topic="")

    def test_author_by_id_or_slug_in_any_role(self):
        self.assertEqual(self.ids(author=self.person.pk), {self.a.pk, self.c.pk})
        self.assertEqual(self.ids(author="daniel-depetris"), {self.a.pk, self.c.pk})
        self.assertEqual(self.ids(author="jennifer"), {self.b.pk})
        for value in ["An Outsider", "nobody", str(self.about.pk), "-1", "9" * 40]:
            with self.subTest(author=value):
                self.assert_bad("author", author=value)

    def test_date_range_is_inclusive(self):
        self.assertEqual(self.ids(date_from="2025-01-10"), {self.a.pk, self.b.pk, self.c.pk})
        self.assertEqual(self.ids(date_to="2025-01-10"), {self.a.pk, self.d.pk})
        self.assertEqual(self.ids(date_from="2025-01-10", date_to="2025-01-10"), {self.a.pk})
        self.assertEqual(self.ids(date_from="2030-01-01"), set())

    def test_malformed_dates_are_a_bad_request(self):
        for value in ["2025-13-01", "2025-02-30", "yesterday", "20250216", "2025-2-1", ""]:
            with self.subTest(value=value):
                self.assert_bad(
                    f"date_from must be a date as YYYY-MM-DD, got '{value}'", date_from=value
                )
        self.assert_bad("date_to must be a date", date_to="0000-01-01")
        self.assert_bad(
            "date_from must not be after date_to", date_from="2025-02-01", date_to="2025-01-01"
        )

    def test_order_by_date(self):
        oldest_first = [self.d.pk, self.a.pk, self.b.pk, self.c.pk]
        self.assertEqual(self.get(order="display_date"), oldest_first)
        self.assertEqual(self.get(order="-display_date"), oldest_first[::-1])
        self.assertEqual(
            self.get(order="-display_date", type="publications.ContentPage"), oldest_first[::-1]
        )
        self.assertEqual(
            self.get(order="display_date", type="publications.OpEdPage"), [self.a.pk, self.b.pk]
        )
        self.assertEqual(
            self.get(order="display_date", type="publications.OpEdPage,publications.BriefPage"),
            [self.d.pk, self.a.pk, self.b.pk],
        )
        self.assert_bad("apply to content pages", order="display_date", type="people.PersonPage")
        self.assert_bad("cannot order by 'colour'", order="colour")

    def test_content_filters_list_content_pages_only(self):
        everything = self.ids(date_from="1900-01-01", limit=100)
        self.assertEqual(everything, {self.a.pk, self.b.pk, self.c.pk, self.d.pk})
        self.assert_bad("apply to content pages", topic="americas", type="home.TopicHubPage")
        self.assert_bad("apply to content pages", author="jennifer", type="wagtailcore.Page")

    def test_filters_combine_with_each_other_and_with_search(self):
        self.assertEqual(
            self.ids(topic="grand-strategy", author=self.person.pk, date_to="2025-02-01"),
            {self.a.pk},
        )
        self.assertEqual(self.ids(search="panel", topic="americas"), {self.c.pk})
        self.assertEqual(self.ids(search="strikes", topic="americas"), set())
        self.assertEqual(
            self.get(search="Mexico", order="-display_date", date_from="2025-01-01"),
            [self.c.pk, self.b.pk, self.a.pk],
        )

    def test_wagtail_field_filters_still_work(self):
        self.assertEqual(
            self.ids(type="publications.OpEdPage", display_date="2025-02-16"), {self.b.pk}
        )
        self.assertEqual(self.ids(type="publications.EventPage", status="scheduled"), {self.c.pk})
        self.assertEqual(self.ids(child_of=self.briefs.pk), {self.d.pk})

    def test_listing_items_carry_what_cards_need(self):
        response = self.client.get(
            LISTING,
            {
                "type": "publications.ContentPage",
                "fields": "display_date,byline,authors,topics,listing_image,type_label",
                "topic": "americas",
                "order": "-display_date",
            },
        )
        first = response.json()["items"][0]
        self.assertEqual(first["display_date"], "2025-03-01")
        self.assertEqual(first["type_label"], "event")
        self.assertEqual([t["slug"] for t in first["topics"]], ["americas", "grand-strategy"])
        self.assertEqual(first["authors"][0]["role"], "speaker")
        self.assertEqual(first["meta"]["html_url"], "https://www.example.org/events/c/")
