"""The public API shows what the static site shows, to everyone, and nothing else."""

from django.utils import timezone
from wagtail.models import PageViewRestriction

from .. import factories as f
from ..base import SiteTestCase


class APIVisibilityTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.public = f.OpEdPageFactory(parent=cls.op_eds, outlet=cls.lawfare, slug="public")
        cls.expired = f.OpEdPageFactory(parent=cls.op_eds, outlet=cls.lawfare, slug="expired")
        type(cls.expired).objects.filter(pk=cls.expired.pk).update(
            expire_at=timezone.now() - timezone.timedelta(minutes=1)
        )
        cls.draft = f.OpEdPageFactory(parent=cls.op_eds, outlet=cls.lawfare, slug="draft")
        cls.draft.unpublish()
        cls.private = f.StandardPageFactory(parent=cls.home, slug="private")
        PageViewRestriction.objects.create(page=cls.private, restriction_type="login")
        cls.private_child = f.StandardPageFactory(parent=cls.private, slug="private-child")
        cls.alias = cls.private_child.create_alias(parent=cls.home, update_slug="alias")
        cls.hidden = [cls.expired, cls.draft, cls.private, cls.private_child, cls.alias]

    def listing_ids(self) -> set[int]:
        response = self.client.get("/api/v2/pages/", {"limit": 100})
        self.assertEqual(response.status_code, 200)
        return {item["id"] for item in response.json()["items"]}

    def assert_hidden(self):
        ids = self.listing_ids()
        self.assertIn(self.public.pk, ids)
        for page in self.hidden:
            with self.subTest(page=page.slug):
                self.assertNotIn(page.pk, ids)
                self.assertEqual(self.client.get(f"/api/v2/pages/{page.pk}/").status_code, 404)
        found = self.client.get("/api/v2/pages/find/", {"html_path": "/private/private-child/"})
        self.assertEqual(found.status_code, 404)
        self.assertEqual(
            self.client.get("/api/v2/pages/find/", {"html_path": "/op-eds/public/"}).status_code,
            302,
        )

    def test_anonymous_sees_only_public_pages(self):
        self.assert_hidden()

    def test_an_editor_session_changes_nothing(self):
        self.client.force_login(self.create_superuser("editor"))
        self.assert_hidden()

    def test_responses_are_cacheable(self):
        response = self.client.get(f"/api/v2/pages/{self.public.pk}/")
        self.assertEqual(response["Cache-Control"], "public, max-age=60")
        self.assertEqual(
            response.json()["meta"]["html_url"], "https://www.example.org/op-eds/public/"
        )
