"""Random query strings never make the public API fail: a malformed query is a 4xx.

Keys are drawn from each endpoint's known parameters, its field filters and unknown names;
values from meaningful ones (types, slugs, dates, orderings), edge cases (empty, negative,
numbers wider than 64 bits, unicode digits, NUL) and random unicode text.
"""

from __future__ import annotations

from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from cms.api import PublicDocumentsAPIViewSet, PublicImagesAPIViewSet
from publications.api import ContentPagesAPIViewSet as PublicPagesAPIViewSet

from .. import factories as f
from ..base import SiteTestCase

TEXT = st.characters(blacklist_categories=("Cs",))  # surrogates cannot be encoded in a URL
FIELD_FILTERS = [
    "id",
    "title",
    "slug",
    "display_date",
    "status",
    "expertise",
    "topics",
    "primary_topic",
    "width",
    "collection",
    "is_decorative",
]
UNKNOWN = ["colour", "page", "q", "sort", "topic[]", ""]
INTERESTING = [
    "",
    "0",
    "1",
    "-1",
    "20",
    "100",
    "101",
    "9" * 25,
    "-" + "9" * 25,
    "1e9",
    "1.5",
    "root",
    "true",
    "maybe",
    "2025-02-16",
    "2025-13-45",
    "2025-02-16T10:00:00+01:00",
    "publications.OpEdPage",
    "publications.ContentPage",
    "publications.OpEdPage,publications.BriefPage",
    "publications.ContentPage,people.PersonPage",
    "people.PersonPage",
    "home.TopicHubPage",
    "auth.User",
    "wagtailcore.Page",
    "*",
    "_",
    "*,-title",
    "title,authors(name)",
    "authors(",
    "-title",
    "title,-display_date",
    "display_date",
    "-display_date",
    "random",
    "topics",
    "grand-strategy",
    "americas",
    "daniel-depetris",
    "html",
    "markdown",
    "and",
    "OR",
    "xor",
    "/",
    "/op-eds/",
    "/op-eds/page/2/",
    "/op-eds/archive/2025/02/",
    "/people/daniel-depetris/work/page/99999999999999999999/",
    "../..",
    "\x00",
    "\u2603",
    "\u0661\u0662\u0663",
    "\u00b2",
    "en",
    "localhost:80",
    "localhost:99999999999999999999",
    "a:b:c",
]
VALUES = st.one_of(
    st.sampled_from(INTERESTING),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(TEXT, max_size=30),
)
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


PLAUSIBLE = {
    "limit": ["0", "1", "5", "20", "100"],
    "offset": ["0", "1", "5", "1000"],
    "fields": ["*", "_", "title", "*,-title", "_,title,display_date", "authors,topics", "parent"],
    "order": ["title", "-title", "id", "-id", "display_date", "-display_date", "random"],
    "search": ["Mexico", "canary", "grand strategy", "lectern"],
    "search_operator": ["and", "or"],
    "type": INTERESTING[17:24],
    "topic": ["grand-strategy", "americas"],
    "author": ["daniel-depetris", "guest"],
    "date_from": ["2025-01-01", "2025-02-16"],
    "date_to": ["2025-02-16", "2026-01-01"],
    "child_of": ["root", "1", "2", "3"],
    "descendant_of": ["root", "1", "2", "3"],
    "ancestor_of": ["1", "2", "3", "30"],
    "translation_of": ["root", "2", "3"],
    "html_path": ["/", "/op-eds/", "/op-eds/op-ed/", "/events/past/", "/research/type/brief/"],
    "id": ["1", "2", "3"],
    "locale": ["en", "fr"],
    "site": ["localhost", "localhost:80"],
    "rich_text_format": ["html", "db_html"],
    "format": ["json", "api"],
}


def pairs(keys: list[str]) -> st.SearchStrategy[tuple[str, str]]:
    """A key and, most of the time, a value that makes sense for it."""

    def value(key: str) -> st.SearchStrategy[str]:
        plausible = st.sampled_from(PLAUSIBLE.get(key, INTERESTING))
        return st.one_of(plausible, plausible, VALUES)

    return st.sampled_from(keys).flatmap(lambda key: st.tuples(st.just(key), value(key)))


def queries(known: frozenset[str]) -> st.SearchStrategy[list[tuple[str, str]]]:
    """Mostly known keys (an unknown one is a 400 before anything else runs), sometimes any."""
    any_pair = st.one_of(
        pairs(sorted(known) + FIELD_FILTERS + UNKNOWN),
        st.tuples(st.text(TEXT, max_size=12), VALUES),
    )
    return st.one_of(
        st.lists(pairs(sorted(known)), max_size=4),
        st.lists(any_pair, max_size=4),
    )


PAGE_KEYS = PublicPagesAPIViewSet.known_query_parameters
DETAIL_KEYS = PublicPagesAPIViewSet.detail_query_parameters
FIND_KEYS = DETAIL_KEYS | PublicPagesAPIViewSet.find_query_parameters
IMAGE_KEYS = PublicImagesAPIViewSet.known_query_parameters
DOCUMENT_KEYS = PublicDocumentsAPIViewSet.known_query_parameters


class FuzzTests(SiteTestCase, HypothesisTestCase):
    """Each example runs in its own transaction (Hypothesis's Django test case)."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.op_ed = f.OpEdPageFactory(
            parent=cls.op_eds,
            outlet=cls.lawfare,
            slug="op-ed",
            authors=[cls.person, "Guest"],
            topics=[cls.grand_strategy],
            listing_image=f.ImageFactory(),
        )
        f.EventPageFactory(parent=cls.events, slug="event", topics=[cls.americas])
        f.DocumentFactory()

    def check(self, path: str, query: list[tuple[str, str]]) -> None:
        url = f"{path}?{urlencode(query)}" if query else path
        response = self.client.get(url)
        self.assertLess(response.status_code, 500, url)
        if response.status_code != 302:  # find's redirect to the detail
            self.assertEqual(response["Content-Type"], "application/json", url)

    @SETTINGS
    @given(query=queries(PAGE_KEYS))
    def test_pages_listing(self, query):
        self.check("/api/v2/pages/", query)

    @SETTINGS
    @given(query=queries(FIND_KEYS))
    def test_pages_find(self, query):
        self.check("/api/v2/pages/find/", query)

    @SETTINGS
    @given(query=queries(DETAIL_KEYS))
    def test_page_detail(self, query):
        self.check(f"/api/v2/pages/{self.op_ed.pk}/", query)

    @SETTINGS
    @given(query=queries(IMAGE_KEYS))
    def test_images(self, query):
        self.check("/api/v2/images/", query)

    @SETTINGS
    @given(query=queries(DOCUMENT_KEYS))
    def test_documents(self, query):
        self.check("/api/v2/documents/", query)
