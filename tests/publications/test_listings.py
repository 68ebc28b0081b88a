"""Path-based listings: section indexes, /research/ and /events/.

Numbered pages are capped, older entries live in month archives, unknown states are 404s,
``get_static_routes()`` names exactly the sub-paths that answer 200, and one publish changes a
bounded number of listing pages.
"""

import datetime as dt
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.pagination import MAX_PAGES, PAGE_SIZE

from .. import factories as f
from ..base import SiteTestCase
from ..listing_utils import (
    CAPPED,
    fetch_all,
    hrefs,
    make_draft,
    make_expired,
    make_private,
    status,
)

NEWEST = dt.date(2025, 6, 30)


def months_between(first: dt.date, last: dt.date) -> list[tuple[int, int]]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


class SectionCapTests(SiteTestCase):
    """/op-eds/ with more entries than its numbered pages hold."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.total = CAPPED + 7
        # Newest first: one every three days, so a dozen months hold them.
        cls.entries = [
            f.OpEdPageFactory(
                parent=cls.op_eds,
                outlet=cls.lawfare,
                title=f"Op-ed {n:03d}",
                slug=f"op-ed-{n:03d}",
                display_date=NEWEST - dt.timedelta(days=3 * n),
            )
            for n in range(cls.total)
        ]
        cls.oldest = cls.entries[-1].display_date

    def listed(self, url: str) -> list[int]:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return [entry.pk for entry in response.context["entries"]]

    def test_index_is_page_one_newest_first(self):
        self.assertEqual(self.listed("/op-eds/"), [e.pk for e in self.entries[:PAGE_SIZE]])

    def test_numbered_pages_up_to_the_cap(self):
        for number in range(2, MAX_PAGES + 1):
            with self.subTest(number=number):
                expected = self.entries[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
                self.assertEqual(self.listed(f"/op-eds/page/{number}/"), [e.pk for e in expected])

    def test_pages_that_do_not_exist_are_404(self):
        for route in (f"page/{MAX_PAGES + 1}/", "page/1/", "page/0/", "page/99999/", "page/x/"):
            with self.subTest(route=route):
                self.assertEqual(status(self.client, f"/op-eds/{route}"), 404)

    def test_entries_past_the_cap_are_in_their_month_archive(self):
        for entry in self.entries[CAPPED:]:
            day = entry.display_date
            with self.subTest(entry=entry.title):
                url = f"/op-eds/archive/{day.year:04d}/{day.month:02d}/"
                self.assertIn(entry.pk, self.listed(url))

    def test_every_entry_is_in_exactly_one_month(self):
        seen = []
        for year, month in months_between(self.oldest, NEWEST):
            seen += self.listed(f"/op-eds/archive/{year:04d}/{month:02d}/")
        self.assertCountEqual(seen, [e.pk for e in self.entries])

    def test_archive_overview_links_every_month(self):
        response = self.client.get("/op-eds/archive/")
        self.assertEqual(response.status_code, 200)
        links = [url for url in hrefs(response.content) if url.startswith("/op-eds/archive/")]
        expected = [
            f"/op-eds/archive/{y:04d}/{m:02d}/" for y, m in months_between(self.oldest, NEWEST)
        ]
        self.assertEqual(sorted(set(links) - {"/op-eds/archive/"}), sorted(expected))

    def test_unknown_or_empty_months_are_404(self):
        routes = [
            "archive/2031/01/",  # no entries
            "archive/2025/07/",  # after the newest
            "archive/2025/13/",
            "archive/2025/00/",
            "archive/0000/01/",
            "archive/2025/1/",  # not the canonical spelling
            "archive/99999/01/",
        ]
        for route in routes:
            with self.subTest(route=route):
                self.assertEqual(status(self.client, f"/op-eds/{route}"), 404)

    def test_pagination_links_only_to_pages_that_exist(self):
        for number in range(1, MAX_PAGES + 1):
            url = "/op-eds/" if number == 1 else f"/op-eds/page/{number}/"
            links = hrefs(self.client.get(url).content, within="pagination")
            with self.subTest(number=number):
                self.assertTrue(links)
                for link in links:
                    self.assertEqual(status(self.client, link), 200, link)
        last = self.client.get(f"/op-eds/page/{MAX_PAGES}/").content
        self.assertIn(b'href="/op-eds/archive/"', last)

    def test_static_routes_are_exactly_the_routes_that_answer_200(self):
        routes = list(self.op_eds.get_static_routes())
        expected = {f"page/{n}/" for n in range(2, MAX_PAGES + 1)}
        expected |= {"archive/", "feed.xml"}
        expected |= {f"archive/{y:04d}/{m:02d}/" for y, m in months_between(self.oldest, NEWEST)}
        self.assertEqual(len(routes), len(set(routes)))
        self.assertEqual(set(routes), expected)
        fetch_all(self.client, "/op-eds/", routes)
        unlisted = [f"page/{MAX_PAGES + 1}/"] + [
            f"archive/{y:04d}/{m:02d}/"
            for y, m in months_between(dt.date(2024, 1, 1), dt.date(2025, 12, 1))
            if f"archive/{y:04d}/{m:02d}/" not in expected
        ]
        for route in unlisted:
            with self.subTest(route=route):
                self.assertEqual(status(self.client, f"/op-eds/{route}"), 404)

    def test_static_routes_cost_a_few_queries(self):
        with CaptureQueriesContext(connection) as queries:
            list(self.op_eds.get_static_routes())
        self.assertLessEqual(len(queries), 4)

    def test_one_publish_changes_a_bounded_number_of_listing_pages(self):
        def render() -> dict[str, bytes]:
            routes = ["", *self.op_eds.get_static_routes()]
            return fetch_all(self.client, "/op-eds/", routes)

        before = render()
        f.OpEdPageFactory(
            parent=self.op_eds,
            outlet=self.lawfare,
            title="Breaking op-ed",
            display_date=NEWEST,
        )
        after = render()
        changed = {r for r in before.keys() | after.keys() if before.get(r) != after.get(r)}
        listing_routes = changed - {"feed.xml"}
        self.assertIn("feed.xml", changed)
        self.assertLessEqual(len(listing_routes), MAX_PAGES + 2, sorted(listing_routes))
        # Exactly: the numbered pages, the month the op-ed joined and the overview's count.
        numbered = {""} | {f"page/{n}/" for n in range(2, MAX_PAGES + 1)}
        self.assertEqual(listing_routes, numbered | {"archive/2025/06/", "archive/"})


class EverySectionTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        common = {"display_date": dt.date(2025, 2, 16), "topics": [cls.grand_strategy]}
        cls.sections = {
            "/briefs/": f.BriefPageFactory(parent=cls.briefs, **common),
            "/explainers/": f.ExplainerPageFactory(parent=cls.explainers, **common),
            "/reports/": f.ReportPageFactory(parent=cls.reports, **common),
            "/qa/": f.QAPageFactory(parent=cls.qas, **common),
            "/op-eds/": f.OpEdPageFactory(parent=cls.op_eds, outlet=cls.lawfare, **common),
            "/in-the-media/": f.MediaMentionPageFactory(parent=cls.mentions, **common),
            "/press-releases/": f.PressReleasePageFactory(parent=cls.press, **common),
        }

    def test_every_route_answers_with_the_entry(self):
        for url, entry in self.sections.items():
            index = entry.get_parent().specific
            routes = list(index.get_static_routes())
            with self.subTest(section=url):
                self.assertEqual(routes, ["archive/", "archive/2025/02/", "feed.xml"])
                for route in ["", "archive/2025/02/"]:
                    response = self.client.get(url + route)
                    self.assertEqual(response.status_code, 200)
                    self.assertEqual([e.pk for e in response.context["entries"]], [entry.pk])
                self.assertContains(self.client.get(url + "archive/"), "February 2025")
                self.assertEqual(status(self.client, url + "page/2/"), 404)

    def test_feed_is_linked_from_the_head(self):
        response = self.client.get("/briefs/")
        self.assertContains(
            response,
            '<link rel="alternate" type="application/rss+xml" title="Briefs" '
            'href="/briefs/feed.xml">',
            html=False,
        )

    def test_an_empty_section_has_only_its_feed(self):
        self.assertEqual(list(self.events.get_static_routes()), ["feed.xml"])
        for route in ("", "feed.xml"):
            self.assertEqual(status(self.client, f"/events/{route}"), 200)
        for route in ("archive/", "past/", "archive/2025/02/"):
            with self.subTest(route=route):
                self.assertEqual(status(self.client, f"/events/{route}"), 404)


class HiddenPageTests(SiteTestCase):
    """Drafts, private and expired pages appear in no listing."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        common = {
            "display_date": dt.date(2025, 2, 16),
            "topics": [cls.grand_strategy],
            "authors": [cls.person],
        }
        cls.shown = f.BriefPageFactory(parent=cls.briefs, title="Shown brief", **common)
        make_draft(f.BriefPageFactory(parent=cls.briefs, title="HIDDEN draft", **common))
        make_private(f.BriefPageFactory(parent=cls.briefs, title="HIDDEN private", **common))
        make_expired(f.BriefPageFactory(parent=cls.briefs, title="HIDDEN expired", **common))
        cls.lone_draft = make_draft(
            f.ReportPageFactory(parent=cls.reports, title="HIDDEN report", **common)
        )

    def test_absent_from_every_listing(self):
        urls = [
            "/briefs/",
            "/briefs/archive/2025/02/",
            "/research/",
            "/research/archive/2025/02/",
            "/research/type/brief/",
            "/research/topic/grand-strategy/",
            "/people/daniel-depetris/",
            "/policy-topics/grand-strategy/",
            "/",
        ]
        for url in urls:
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertContains(response, "Shown brief")
                self.assertNotContains(response, "HIDDEN")

    def test_counts_and_routes_ignore_them(self):
        self.assertContains(self.client.get("/briefs/archive/"), "(1)")
        self.assertEqual(status(self.client, "/research/type/report/"), 404)
        self.assertNotIn("type/report/", list(self.research.get_static_routes()))
        self.assertEqual(list(self.reports.get_static_routes()), ["feed.xml"])


class ResearchTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.nato = f.TopicFactory(name="NATO", slug="nato")
        day = dt.date(2025, 3, 1)
        topics = {"topics": [cls.grand_strategy, cls.nato]}
        cls.brief = f.BriefPageFactory(parent=cls.briefs, display_date=day, **topics)
        cls.older_brief = f.BriefPageFactory(
            parent=cls.briefs, display_date=dt.date(2025, 1, 5), topics=[cls.nato]
        )
        cls.report = f.ReportPageFactory(parent=cls.reports, display_date=day, **topics)
        cls.explainer = f.ExplainerPageFactory(parent=cls.explainers, display_date=day)
        # Not research: op-eds never appear, and a topic only they carry has no research page.
        cls.op_ed = f.OpEdPageFactory(
            parent=cls.op_eds, outlet=cls.lawfare, display_date=day, topics=[cls.americas]
        )

    def listed(self, url: str) -> set[int]:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return {entry.pk for entry in response.context["entries"]}

    def test_index_lists_research_types_site_wide(self):
        expected = {self.brief.pk, self.older_brief.pk, self.report.pk, self.explainer.pk}
        self.assertEqual(self.listed("/research/"), expected)

    def test_type_filters(self):
        self.assertEqual(self.listed("/research/type/brief/"), {self.brief.pk, self.older_brief.pk})
        self.assertEqual(self.listed("/research/type/report/"), {self.report.pk})
        for slug in ("qa", "op-ed", "event", "unknown", "BRIEF"):
            with self.subTest(slug=slug):
                self.assertEqual(status(self.client, f"/research/type/{slug}/"), 404)

    def test_topic_filters(self):
        self.assertEqual(
            self.listed("/research/topic/nato/"),
            {self.brief.pk, self.older_brief.pk, self.report.pk},
        )
        self.assertEqual(
            self.listed("/research/topic/grand-strategy/"), {self.brief.pk, self.report.pk}
        )
        for slug in ("americas", "no-such-topic"):
            with self.subTest(slug=slug):
                self.assertEqual(status(self.client, f"/research/topic/{slug}/"), 404)

    def test_filter_links_are_plain_links_to_pages_that_exist(self):
        content = self.client.get("/research/").content
        links = [url for url in hrefs(content) if "/research/type/" in url or "/topic/" in url]
        self.assertIn("/research/type/brief/", links)
        self.assertIn("/research/topic/nato/", links)
        self.assertNotIn("/research/type/qa/", links)
        self.assertNotIn("/research/topic/americas/", links)
        self.assertNotIn(b"<form", content)
        for link in links:
            with self.subTest(link=link):
                self.assertEqual(status(self.client, link), 200)

    def test_pages_past_the_end_are_404(self):
        for route in ("page/2/", "page/0/", "type/brief/page/2/", "topic/nato/page/1/"):
            with self.subTest(route=route):
                self.assertEqual(status(self.client, f"/research/{route}"), 404)

    def test_static_routes_are_exactly_the_routes_that_answer_200(self):
        routes = list(self.research.get_static_routes())
        self.assertEqual(
            set(routes),
            {
                "archive/",
                "archive/2025/03/",
                "archive/2025/01/",
                "type/brief/",
                "type/explainer/",
                "type/report/",
                "topic/grand-strategy/",
                "topic/nato/",
                "feed.xml",
            },
        )
        self.assertEqual(len(routes), len(set(routes)))
        fetch_all(self.client, "/research/", routes)

    def test_capped_pages_per_filter(self):
        with mock.patch("cms.pagination.PAGE_SIZE", 1), mock.patch("cms.pagination.MAX_PAGES", 1):
            self.assertEqual(status(self.client, "/research/type/brief/"), 200)
            self.assertEqual(status(self.client, "/research/type/brief/page/2/"), 404)
            routes = list(self.research.get_static_routes())
            self.assertNotIn("type/brief/page/2/", routes)
            last = self.client.get("/research/type/brief/").content
            # The rest is in the month archive, linked from the last numbered page.
            self.assertIn(b'href="/research/archive/"', last)
        with mock.patch("cms.pagination.PAGE_SIZE", 1):
            routes = list(self.research.get_static_routes())
            self.assertIn("type/brief/page/2/", routes)
            self.assertIn("topic/nato/page/3/", routes)
            fetch_all(self.client, "/research/", routes)


class EventListingTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        now = timezone.now().replace(microsecond=0)
        cls.soon = f.EventPageFactory(
            parent=cls.events, title="Soon", start=now + dt.timedelta(days=2)
        )
        cls.later = f.EventPageFactory(
            parent=cls.events, title="Later", start=now + dt.timedelta(days=30)
        )
        cls.past = [
            f.EventPageFactory(
                parent=cls.events,
                title=f"Past {n}",
                start=dt.datetime(2024, 10, 1, 16, tzinfo=dt.UTC) - dt.timedelta(days=20 * n),
            )
            for n in range(7)
        ]
        # 22:00 on Feb 28 in New York is already March 1 in UTC: archived under February.
        cls.evening = f.EventPageFactory(
            parent=cls.events,
            title="Evening",
            start=dt.datetime(2025, 3, 1, 3, tzinfo=dt.UTC),
            timezone="America/New_York",
        )
        cls.past_all = [cls.evening, *cls.past]

    def listed(self, url: str) -> list[int]:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return [entry.pk for entry in response.context["entries"]]

    def test_index_lists_upcoming_soonest_first(self):
        self.assertEqual(self.listed("/events/"), [self.soon.pk, self.later.pk])
        content = self.client.get("/events/").content
        self.assertIn(b'href="/events/past/"', content)
        self.assertIn(b'href="/events/archive/"', content)

    def test_past_lists_the_latest_first(self):
        self.assertEqual(self.listed("/events/past/"), [e.pk for e in self.past_all])
        self.assertEqual(status(self.client, "/events/past/page/2/"), 404)
        self.assertEqual(status(self.client, "/events/page/2/"), 404)

    def test_months_follow_the_events_own_time_zone(self):
        self.assertEqual(self.listed("/events/archive/2025/02/"), [self.evening.pk])
        self.assertEqual(status(self.client, "/events/archive/2025/03/"), 404)

    def test_past_pages_are_capped_and_older_events_are_in_the_archive(self):
        with mock.patch("cms.pagination.PAGE_SIZE", 2), mock.patch("cms.pagination.MAX_PAGES", 3):
            self.assertEqual(
                self.listed("/events/past/page/3/"), [e.pk for e in self.past_all[4:6]]
            )
            self.assertEqual(status(self.client, "/events/past/page/4/"), 404)
            oldest = self.past_all[-1]
            month = oldest.local_start
            self.assertIn(
                oldest.pk, self.listed(f"/events/archive/{month.year:04d}/{month.month:02d}/")
            )
            routes = list(self.events.get_static_routes())
            self.assertIn("past/page/3/", routes)
            self.assertNotIn("past/page/4/", routes)
            fetch_all(self.client, "/events/", routes)

    def test_static_routes_are_exactly_the_routes_that_answer_200(self):
        routes = list(self.events.get_static_routes())
        months = {
            f"archive/{e.local_start.year:04d}/{e.local_start.month:02d}/"
            for e in [self.soon, self.later, *self.past_all]
        }
        self.assertEqual(set(routes), {"past/", "archive/", "feed.xml"} | months)
        self.assertEqual(len(routes), len(set(routes)))
        fetch_all(self.client, "/events/", routes)

    def test_event_pages_offer_their_calendar_file(self):
        self.assertEqual(list(self.soon.get_static_routes()), ["event.ics"])
        self.assertContains(self.client.get(self.soon.url), f'href="{self.soon.url}event.ics"')


class ListingQueryTests(SiteTestCase):
    """The same number of queries for 5 and for 25 entries with two authors and two topics."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.second = f.PersonPageFactory(parent=cls.people, slug="second-author")
        cls.nato = f.TopicFactory(name="NATO", slug="nato")

    def add(self, count: int, start: int) -> None:
        for n in range(start, start + count):
            kwargs = {
                "authors": [self.person, self.second],
                "topics": [self.grand_strategy, self.nato],
                "display_date": dt.date(2025, 1, 1) + dt.timedelta(days=n),
            }
            f.BriefPageFactory(parent=self.briefs, title=f"Brief {n}", **kwargs)
            f.OpEdPageFactory(parent=self.op_eds, outlet=self.lawfare, title=f"Op {n}", **kwargs)

    def count(self, url: str) -> int:
        self.client.get(url)  # warm caches (content types, renditions)
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def test_section_and_research_listings_do_not_grow(self):
        urls = [
            "/op-eds/",
            "/op-eds/archive/2025/01/",
            "/research/",
            "/research/type/brief/",
            "/research/topic/nato/",
        ]
        self.add(5, 0)
        small = {url: self.count(url) for url in urls}
        self.add(20, 5)
        for url in urls:
            with self.subTest(url=url), self.assertNumQueries(small[url]):
                self.assertEqual(self.client.get(url).status_code, 200)
