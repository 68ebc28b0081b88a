"""The API's surface: what is mounted, what a malformed query gets, what responses carry.

Visibility: ``test_api_visibility.py``; representation and static JSON: ``test_api_contract.py``;
filters: ``test_api_filters.py``; query counts: ``test_api_queries.py``; random queries:
``test_api_fuzz.py``.
"""

from django.conf import settings

from .. import factories as f
from ..base import SiteTestCase


class APISurfaceTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.op_ed = f.OpEdPageFactory(parent=cls.op_eds, outlet=cls.lawfare, slug="op-ed")
        cls.document = f.DocumentFactory()
        cls.image = f.ImageFactory()

    def assert_bad_request(self, url: str, query: dict, message: str) -> None:
        response = self.client.get(url, query)
        self.assertEqual(response.status_code, 400, (url, query))
        self.assertIn(message, response.json()["message"])
        self.assertEqual(response["Cache-Control"], "public, max-age=60")

    def test_read_only_v2_endpoints_are_mounted(self):
        for endpoint in ("pages", "images", "documents"):
            with self.subTest(endpoint=endpoint):
                response = self.client.get(f"/api/v2/{endpoint}/")
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response["Content-Type"], "application/json")
                self.assertEqual(response["Cache-Control"], "public, max-age=60")
        detail = self.client.get(f"/api/v2/pages/{self.op_ed.pk}/")
        self.assertEqual(detail.json()["title"], self.op_ed.title)

    def test_wagtail_read_write_v3_is_not_mounted(self):
        for path in ("/api/v3/", "/api/v3/pages/", f"/api/v3/pages/{self.op_ed.pk}/"):
            with self.subTest(path=path):
                self.assertEqual(self.client.get(path).status_code, 404)
                self.assertEqual(self.client.post(path, {}).status_code, 404)

    def test_writes_are_refused(self):
        for method in ("post", "put", "patch", "delete"):
            with self.subTest(method=method):
                response = getattr(self.client, method)(f"/api/v2/pages/{self.op_ed.pk}/")
                self.assertEqual(response.status_code, 405)

    def test_json_only(self):
        # No browsable API: its HTML forms would carry tokens and cookies.
        response = self.client.get("/api/v2/pages/", {"format": "api"})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.client.get("/api/v2/pages/", {"format": "json"}).status_code, 200)

    def test_limit_above_the_maximum_is_refused(self):
        self.assertEqual(settings.WAGTAILAPI_LIMIT_MAX, 100)
        limit = settings.WAGTAILAPI_LIMIT_MAX
        self.assertEqual(self.client.get("/api/v2/pages/", {"limit": limit}).status_code, 200)
        for endpoint in ("pages", "images", "documents"):
            self.assert_bad_request(
                f"/api/v2/{endpoint}/", {"limit": limit + 1}, f"limit cannot be higher than {limit}"
            )
        self.assert_bad_request("/api/v2/pages/", {"limit": "-1"}, "limit must be a positive")
        self.assert_bad_request("/api/v2/pages/", {"offset": "x"}, "offset must be a positive")

    def test_unknown_query_parameters_are_refused(self):
        message = "query parameter is not an operation or a recognised field: colour, size"
        self.assert_bad_request("/api/v2/pages/", {"colour": "red", "size": "1"}, message)
        self.assert_bad_request(f"/api/v2/pages/{self.op_ed.pk}/", {"colour": "red"}, "colour")
        self.assert_bad_request(f"/api/v2/pages/{self.op_ed.pk}/", {"limit": "5"}, "limit")
        self.assert_bad_request(
            "/api/v2/pages/find/", {"html_path": "/op-eds/op-ed/", "colour": "red"}, "colour"
        )
        self.assert_bad_request("/api/v2/images/", {"topic": "x"}, "topic")
        self.assert_bad_request(f"/api/v2/documents/{self.document.pk}/", {"x": "1"}, "x")

    def test_the_content_filters_are_known_parameters(self):
        query = {
            "type": "publications.OpEdPage",
            "topic": self.grand_strategy.slug,
            "author": self.person.pk,
            "date_from": "2025-01-01",
            "date_to": "2025-12-31",
            "order": "-display_date",
            "fields": "title,display_date",
        }
        self.assertEqual(self.client.get("/api/v2/pages/", query).status_code, 200)
        detail = {"fields": "title", "_": "1"}
        response = self.client.get(f"/api/v2/pages/{self.op_ed.pk}/", detail)
        self.assertEqual(response.status_code, 200)

    def test_values_the_database_would_refuse_are_a_bad_request(self):
        huge = "9" * 30
        pages = "/api/v2/pages/"
        self.assert_bad_request(pages, {"offset": huge}, "offset is out of range")
        self.assert_bad_request(pages, {"child_of": huge}, "child_of is out of range")
        self.assert_bad_request(pages, {"id": huge}, "id is out of range")
        self.assert_bad_request(pages, {"id": "abc"}, "field filter error")
        self.assert_bad_request(pages, {"title": "a\x00b"}, "null characters")
        self.assert_bad_request(pages, {"search": "x", "search_operator": "xor"}, "'and' or 'or'")
        self.assert_bad_request(
            pages, {"type": "publications.OpEdPage", "display_date": "soon"}, "display_date"
        )
        self.assert_bad_request(
            pages, {"type": "people.PersonPage", "expertise": "abc"}, "field filter error"
        )
        self.assert_bad_request("/api/v2/images/", {"width": huge}, "width must be an integer")
        self.assert_bad_request(f"{pages}find/", {"id": "abc"}, "id must be a positive integer")
        self.assert_bad_request("/api/v2/documents/find/", {"id": "-3"}, "id must be a positive")
        self.assert_bad_request(pages, {"type": "auth.User"}, "type doesn't exist")

    def test_a_search_with_double_quotes_or_only_blanks_is_not_an_error(self):
        page = f.OpEdPageFactory(parent=self.op_eds, outlet=self.lawfare, title="Quetzal doctrine")
        for endpoint in ("pages", "images", "documents"):
            for query in ['"', 'a"b', '"Quetzal', '"""', " ", "\t"]:
                with self.subTest(endpoint=endpoint, query=query):
                    response = self.client.get(f"/api/v2/{endpoint}/", {"search": query})
                    self.assertEqual(response.status_code, 200)
        found = self.client.get("/api/v2/pages/", {"search": '"quetzal"'}).json()["items"]
        self.assertEqual([item["id"] for item in found], [page.pk])

    def test_our_fields_have_one_shape(self):
        listing = {"type": "publications.OpEdPage", "fields": "authors(name)"}
        self.assert_bad_request("/api/v2/pages/", listing, "'authors' does not support nested")
        detail = f"/api/v2/pages/{self.op_ed.pk}/"
        self.assert_bad_request(detail, {"fields": "outlet(name)"}, "'outlet' does not support")
        response = self.client.get(detail, {"fields": "_,title,outlet"})
        self.assertEqual(response.json()["outlet"], {"name": "Lawfare", "url": self.lawfare.url})

    def test_find_by_path_and_id(self):
        found = self.client.get("/api/v2/pages/find/", {"html_path": "/op-eds/op-ed/"})
        self.assertEqual(found.status_code, 302)
        self.assertTrue(found["Location"].endswith(f"/api/v2/pages/{self.op_ed.pk}/?"))
        by_id = self.client.get("/api/v2/documents/find/", {"id": self.document.pk})
        self.assertEqual(by_id.status_code, 302)
        missing = self.client.get("/api/v2/pages/find/", {"html_path": "/no/such/page/"})
        self.assertEqual(missing.status_code, 404)
