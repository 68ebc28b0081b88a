"""``?locale=`` on the API: an unknown language code is a 400 like every other bad parameter,
not a 404 that a client could read as "no such endpoint"."""

from __future__ import annotations

from ..base import SiteTestCase


class LocaleParameterTests(SiteTestCase):
    def test_an_unknown_locale_is_a_400_with_a_clear_message(self):
        for value in ["xx", "", "en;drop", "fr"]:
            with self.subTest(value):
                response = self.client.get("/api/v2/pages/", {"locale": value})
                self.assertEqual(response.status_code, 400, response.content)
                self.assertEqual(response.json(), {"message": f"unknown locale: '{value}'"})

    def test_a_known_locale_still_filters(self):
        response = self.client.get("/api/v2/pages/", {"locale": "en"})
        self.assertEqual(response.status_code, 200)
        self.assertGreater(response.json()["meta"]["total_count"], 0)
