"""/experts/ with its expertise filters, and person pages with the archive of their work."""

import datetime as dt
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext

from .. import factories as f
from ..base import SiteTestCase
from ..listing_utils import fetch_all, hrefs, make_draft, make_expired, make_private, status


class ExpertsTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.nato = f.TopicFactory(name="NATO", slug="nato")
        cls.unclaimed = f.TopicFactory(name="Arctic", slug="arctic")
        cls.person.expertise.set([cls.grand_strategy])
        cls.person.save_revision().publish()
        cls.alliances = f.PersonPageFactory(
            parent=cls.people, first_name="Ada", last_name="Alliance", slug="ada"
        )
        cls.alliances.expertise.set([cls.nato, cls.grand_strategy])
        cls.alliances.save_revision().publish()
        cls.staffer = f.PersonPageFactory(
            parent=cls.people, first_name="Sam", last_name="Staff", slug="sam", is_expert=False
        )
        cls.staffer.expertise.set([cls.americas])
        cls.staffer.save_revision().publish()
        for how, name in ((make_draft, "Draft"), (make_private, "Private"), (make_expired, "Gone")):
            hidden = f.PersonPageFactory(
                parent=cls.people, first_name="HIDDEN", last_name=name, slug=f"hidden-{name}"
            )
            hidden.expertise.set([cls.nato, cls.unclaimed])
            hidden.save_revision().publish()
            how(hidden)

    def listed(self, url: str) -> set[str]:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        self.assertNotContains(response, "HIDDEN")
        return {person.slug for person in response.context["experts"]}

    def test_all_experts(self):
        self.assertEqual(self.listed("/experts/"), {"daniel-depetris", "ada"})

    def test_by_expertise(self):
        self.assertEqual(self.listed("/experts/expertise/nato/"), {"ada"})
        self.assertEqual(
            self.listed("/experts/expertise/grand-strategy/"), {"daniel-depetris", "ada"}
        )

    def test_unknown_or_empty_expertise_is_404(self):
        # Americas: only a non-expert; Arctic: only hidden experts.
        for slug in ("no-such-topic", "americas", "arctic"):
            with self.subTest(slug=slug):
                self.assertEqual(status(self.client, f"/experts/expertise/{slug}/"), 404)

    def test_expertise_links_are_plain_links_to_pages_that_exist(self):
        content = self.client.get("/experts/").content
        links = [url for url in hrefs(content) if url.startswith("/experts/expertise/")]
        self.assertEqual(
            sorted(links), ["/experts/expertise/grand-strategy/", "/experts/expertise/nato/"]
        )
        self.assertNotIn(b"<form", content.split(b"<footer")[0])

    def test_static_routes_are_exactly_the_routes_that_answer_200(self):
        routes = list(self.experts.get_static_routes())
        self.assertEqual(routes, ["expertise/grand-strategy/", "expertise/nato/"])
        fetch_all(self.client, "/experts/", routes)


class PersonWorkTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.work = [
            f.OpEdPageFactory(
                parent=cls.op_eds,
                outlet=cls.lawfare,
                title=f"Work {n}",
                authors=[cls.person, "Guest"],
                display_date=dt.date(2025, 3, 20) - dt.timedelta(days=10 * n),
            )
            for n in range(7)
        ]
        cls.other = f.BriefPageFactory(parent=cls.briefs, title="Not theirs", authors=["Someone"])
        make_draft(f.BriefPageFactory(parent=cls.briefs, title="HIDDEN", authors=[cls.person]))
        cls.url = cls.person.url

    def listed(self, url: str) -> list[int]:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        self.assertNotContains(response, "HIDDEN")
        self.assertNotContains(response, "Not theirs")
        return [entry.pk for entry in response.context["entries"]]

    def test_their_work_newest_first_on_their_page(self):
        self.assertEqual(self.listed(self.url), [page.pk for page in self.work])

    def test_paginated_capped_and_archived(self):
        with mock.patch("cms.pagination.PAGE_SIZE", 2), mock.patch("cms.pagination.MAX_PAGES", 3):
            self.assertEqual(self.listed(self.url), [p.pk for p in self.work[:2]])
            self.assertEqual(self.listed(self.url + "work/page/3/"), [p.pk for p in self.work[4:6]])
            for route in ("work/page/4/", "work/page/1/", "work/page/0/", "page/2/"):
                with self.subTest(route=route):
                    self.assertEqual(status(self.client, self.url + route), 404)
            oldest = self.work[-1].display_date
            month = f"work/archive/{oldest.year:04d}/{oldest.month:02d}/"
            self.assertIn(self.work[-1].pk, self.listed(self.url + month))
            last = self.client.get(self.url + "work/page/3/").content
            self.assertIn(f'href="{self.url}work/archive/"'.encode(), last)
            routes = list(self.person.get_static_routes())
            self.assertEqual(
                routes,
                [
                    "work/page/2/",
                    "work/page/3/",
                    "work/archive/",
                    "work/archive/2025/03/",
                    "work/archive/2025/02/",
                    "work/archive/2025/01/",
                    "feed.xml",
                ],
            )
            fetch_all(self.client, self.url, routes)

    def test_empty_months_are_404(self):
        for route in ("work/archive/2031/01/", "work/archive/2025/04/", "work/archive/2025/13/"):
            with self.subTest(route=route):
                self.assertEqual(status(self.client, self.url + route), 404)

    def test_a_person_without_work_has_only_a_feed(self):
        newcomer = f.PersonPageFactory(parent=self.people, slug="newcomer")
        self.assertEqual(list(newcomer.get_static_routes()), ["feed.xml"])
        self.assertEqual(status(self.client, newcomer.url + "work/archive/"), 404)
        self.assertEqual(status(self.client, newcomer.url + "feed.xml"), 200)


class PeopleQueryTests(SiteTestCase):
    """The same number of queries for 5 and for 25 entries."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.coauthor = f.PersonPageFactory(parent=cls.people, slug="coauthor")
        cls.nato = f.TopicFactory(name="NATO", slug="nato")

    def count(self, url: str) -> int:
        self.client.get(url)  # warm caches (content types, renditions)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def add_experts(self, count: int, start: int) -> None:
        for n in range(start, start + count):
            expert = f.PersonPageFactory(
                parent=self.people, slug=f"expert-{n}", headshot=f.ImageFactory()
            )
            expert.expertise.set([self.grand_strategy, self.nato])
            expert.save_revision().publish()

    def add_work(self, count: int, start: int) -> None:
        for n in range(start, start + count):
            f.OpEdPageFactory(
                parent=self.op_eds,
                outlet=self.lawfare,
                title=f"Work {n}",
                authors=[self.person, self.coauthor],
                topics=[self.grand_strategy, self.nato],
                display_date=dt.date(2025, 1, 1) + dt.timedelta(days=n),
            )

    def test_experts_listing_does_not_grow(self):
        urls = ["/experts/", "/experts/expertise/nato/"]
        self.add_experts(5, 0)
        small = {url: self.count(url) for url in urls}
        self.add_experts(20, 5)
        for url in urls:
            self.client.get(url)  # the new headshots' renditions
            with self.subTest(url=url), self.assertNumQueries(small[url]):
                self.client.get(url)

    def test_person_page_does_not_grow_with_their_work(self):
        urls = [self.person.url, self.person.url + "work/archive/2025/01/"]
        self.add_work(5, 0)
        small = {url: self.count(url) for url in urls}
        self.add_work(20, 5)
        for url in urls:
            with self.subTest(url=url), self.assertNumQueries(small[url]):
                self.assertEqual(self.client.get(url).status_code, 200)
