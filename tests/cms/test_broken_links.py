"""Editors learn about rich-text links that lead nowhere public: the admin's Broken links
report, and a warning when they save a page with one (``cms.broken_links``)."""

from django.contrib.auth.models import User
from django.urls import reverse
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.broken_links import HIDDEN_PAGE, MISSING_PAGE, NO_SUCH_PATH, broken_links

from .. import factories as f
from ..base import SiteTestCase


def paragraph(html: str) -> list:
    return [("paragraph", RichText(html))]


class BrokenLinksTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.hidden = f.StandardPageFactory(parent=cls.home, title="Hidden", slug="hidden")
        cls.hidden.unpublish()
        cls.linking = f.StandardPageFactory(
            parent=cls.home,
            title="Linking",
            slug="linking",
            body=paragraph(
                f'<p><a linktype="page" id="{cls.hidden.pk}">hidden</a>'
                f' <a linktype="page" id="{cls.about.pk}">about</a>'
                ' <a linktype="page" id="999999">deleted</a>'
                ' <a href="/briefs/does-not-exist/">typed</a>'
                ' <a href="/about/?x=1#top">typed, fine</a>'
                ' <a href="/research/">a routable page</a>'
                ' <a href="https://example.com/nowhere/">away</a></p>'
            ),
        )
        cls.admin = User.objects.create_superuser("admin", "admin@example.org", "pw")

    def test_broken_links_lists_hidden_deleted_and_dead_paths(self):
        found = [(link.page.pk, link.target, link.reason) for link in broken_links()]
        self.assertCountEqual(
            found,
            [
                (self.linking.pk, "/briefs/does-not-exist/", NO_SUCH_PATH),
                (self.linking.pk, "page:999999", MISSING_PAGE),
                (self.linking.pk, f"page:{self.hidden.pk}", HIDDEN_PAGE),
            ],
        )

    def test_a_draft_counts(self):
        page = f.StandardPageFactory(parent=self.home, title="Drafted", slug="drafted")
        page.body = paragraph(f'<p><a linktype="page" id="{self.hidden.pk}">x</a></p>')
        page.save_revision()  # not published: the editor's next version has the link
        self.assertIn(page.pk, {link.page.pk for link in broken_links()})

    def test_the_report_lists_them(self):
        self.client.force_login(self.admin)
        response = self.client.get(reverse("cms_broken_links"))
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn("Broken links", html)
        self.assertIn("/briefs/does-not-exist/", html)
        self.assertIn(f"page:{self.hidden.pk} (Hidden)", html)
        self.assertIn(HIDDEN_PAGE, html)
        self.assertIn(reverse("wagtailadmin_pages:edit", args=[self.linking.pk]), html)

    def test_the_report_is_in_the_reports_menu(self):
        self.client.force_login(self.admin)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertContains(response, reverse("cms_broken_links"))

    def test_saving_a_page_that_links_to_a_hidden_page_warns(self):
        self.client.force_login(self.admin)
        page = f.StandardPageFactory(parent=self.home, title="Edited", slug="edited")
        body = f'<p>See <a linktype="page" id="{self.hidden.pk}">hidden</a>.</p>'
        data = nested_form_data(
            {
                "title": "Edited",
                "slug": "edited",
                "body": streamfield([("paragraph", rich_text(body))]),
            }
        )
        response = self.client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), data, follow=True
        )
        self.assertEqual(response.status_code, 200)
        messages = [str(m) for m in response.context["messages"]]
        self.assertTrue(any("“Hidden”" in m and "plain text" in m for m in messages), messages)

    def test_saving_a_page_with_good_links_does_not_warn(self):
        self.client.force_login(self.admin)
        page = f.StandardPageFactory(parent=self.home, title="Edited", slug="edited")
        body = f'<p>See <a linktype="page" id="{self.about.pk}">about</a>.</p>'
        data = nested_form_data(
            {
                "title": "Edited",
                "slug": "edited",
                "body": streamfield([("paragraph", rich_text(body))]),
            }
        )
        response = self.client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]), data, follow=True
        )
        messages = [str(m) for m in response.context["messages"]]
        self.assertFalse(any("plain text" in m for m in messages), messages)

    def test_creating_a_page_that_links_to_a_hidden_page_warns(self):
        self.client.force_login(self.admin)
        body = f'<p>See <a linktype="page" id="{self.hidden.pk}">hidden</a>.</p>'
        data = nested_form_data(
            {"title": "New", "slug": "new", "body": streamfield([("paragraph", rich_text(body))])}
        )
        url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", self.home.pk])
        response = self.client.post(url, data, follow=True)
        self.assertEqual(response.status_code, 200)
        messages = [str(m) for m in response.context["messages"]]
        self.assertTrue(any("“Hidden”" in m for m in messages), messages)
