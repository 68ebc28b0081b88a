"""The public API shows what the static site shows, to everyone, and nothing else.

Every non-public state is checked in listings, search, type listings, detail, ``find`` and as a
``child_of`` parent: anonymously, with an editor's session, and with a session that passed
the page's password (Wagtail's own rule would admit that one).
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
)

from publications.models import ContentPageRelated

from .. import factories as f
from ..base import SiteTestCase


def site_path(page: Page) -> str:
    return "/" + "/".join(page.url_path.split("/")[2:])


class VisibilityTestCase(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        past = timezone.now() - timezone.timedelta(minutes=1)
        future = timezone.now() + timezone.timedelta(days=7)

        def op_ed(slug: str, **kwargs):
            kwargs.setdefault("title", f"Canary {slug}")
            return f.OpEdPageFactory(parent=cls.op_eds, outlet=cls.lawfare, slug=slug, **kwargs)

        cls.report = f.ReportPageFactory(parent=cls.reports, title="Canary report", slug="report")
        cls.never_published = op_ed("never-published", live=False, publish=False)
        cls.scheduled = op_ed("scheduled", live=False, go_live_at=future, publish=False)
        cls.unpublished = op_ed("unpublished")
        cls.unpublished.unpublish()
        cls.expired = op_ed("expired")
        # Live, but its expiry passed before publish_scheduled ran.
        type(cls.expired).objects.filter(pk=cls.expired.pk).update(expire_at=past)

        cls.login_only = f.StandardPageFactory(
            parent=cls.home, title="Canary login", slug="login-only"
        )
        PageViewRestriction.objects.create(page=cls.login_only, restriction_type="login")
        cls.login_child = f.StandardPageFactory(
            parent=cls.login_only, title="Canary login child", slug="child"
        )
        cls.password_only = f.StandardPageFactory(
            parent=cls.home, title="Canary password", slug="password-only"
        )
        cls.password_restriction = PageViewRestriction.objects.create(
            page=cls.password_only, restriction_type="password", password="letmein"
        )
        cls.password_child = f.StandardPageFactory(
            parent=cls.password_only, title="Canary password child", slug="child"
        )
        cls.members_only = f.StandardPageFactory(
            parent=cls.home, title="Canary members", slug="members-only"
        )
        restriction = PageViewRestriction.objects.create(
            page=cls.members_only, restriction_type="groups"
        )
        restriction.groups.set([Group.objects.create(name="Members")])
        cls.alias_of_private = cls.login_child.create_alias(
            parent=cls.home, update_slug="alias-of-private"
        )
        source = op_ed("alias-source")
        cls.alias_of_unpublished = source.create_alias(
            parent=cls.home, update_slug="alias-of-unpublished"
        )
        source.unpublish()
        cls.secret_person = f.PersonPageFactory(
            parent=cls.people,
            first_name="Secret",
            last_name="Person",
            slug="secret-person",
            job_title="Canary job title",
        )
        cls.secret_person.unpublish()

        cls.public = op_ed("public", title="Canary public", authors=[cls.secret_person, cls.person])
        for order, page in enumerate([cls.never_published, cls.login_child, cls.report]):
            ContentPageRelated.objects.create(page=cls.public, related=page, sort_order=order)

        cls.hidden = {
            "never published": cls.never_published,
            "scheduled": cls.scheduled,
            "unpublished": cls.unpublished,
            "expired": cls.expired,
            "login restricted": cls.login_only,
            "under a login restriction": cls.login_child,
            "password restricted": cls.password_only,
            "under a password restriction": cls.password_child,
            "group restricted": cls.members_only,
            "alias of a private page": cls.alias_of_private,
            "alias of an unpublished page": cls.alias_of_unpublished,
            "unpublished person": cls.secret_person,
        }

    def ids(self, response) -> set[int]:
        self.assertEqual(response.status_code, 200, response.content)
        return {item["id"] for item in response.json()["items"]}


class PageVisibilityTests(VisibilityTestCase):
    def assert_only_public(self):
        listed = self.ids(self.client.get("/api/v2/pages/", {"limit": 100}))
        found = self.ids(self.client.get("/api/v2/pages/", {"search": "canary", "limit": 100}))
        self.assertIn(self.public.pk, listed)
        self.assertEqual(found, {self.public.pk, self.report.pk})
        for state, page in self.hidden.items():
            with self.subTest(state=state):
                self.assertNotIn(page.pk, listed)
                model = page.specific_class
                typed = {"type": f"{model._meta.app_label}.{model.__name__}", "limit": 100}
                self.assertNotIn(page.pk, self.ids(self.client.get("/api/v2/pages/", typed)))
                self.assertEqual(self.client.get(f"/api/v2/pages/{page.pk}/").status_code, 404)
                for query in ({"html_path": site_path(page)}, {"id": page.pk}):
                    response = self.client.get("/api/v2/pages/find/", query)
                    self.assertEqual(response.status_code, 404, query)
                response = self.client.get("/api/v2/pages/", {"child_of": page.pk})
                self.assertEqual(response.status_code, 400)
                self.assertEqual(response.json(), {"message": "parent page doesn't exist"})
        public = self.client.get("/api/v2/pages/find/", {"html_path": "/op-eds/public/"})
        self.assertEqual(public.status_code, 302)

    def test_anonymous_visitors_see_only_public_pages(self):
        self.assert_only_public()

    def test_an_editor_session_changes_nothing(self):
        self.client.force_login(self.create_superuser("editor"))
        self.assert_only_public()

    def test_a_session_that_passed_the_password_changes_nothing(self):
        session = self.client.session
        session["passed_page_view_restrictions"] = [self.password_restriction.pk]
        session.save()
        self.assert_only_public()

    def test_public_pages_do_not_link_hidden_ones(self):
        data = self.client.get(f"/api/v2/pages/{self.public.pk}/").json()
        self.assertEqual([item["id"] for item in data["related_pages"]], [self.report.pk])
        secret, known = data["authors"]
        self.assertEqual(secret["name"], "Secret Person")  # the byline still names them
        self.assertIsNone(secret["url"])
        self.assertIsNone(secret["person_id"])
        self.assertEqual(secret["title"], "", "a hidden person page's job title stays hidden")
        self.assertEqual(known["person_id"], self.person.pk)
        self.assertEqual(known["title"], self.person.job_title)
        response = self.client.get("/api/v2/pages/", {"author": "secret-person"})
        self.assertEqual(response.status_code, 400)

    def test_responses_are_anonymous_and_cacheable(self):
        self.client.force_login(self.create_superuser("editor"))
        response = self.client.get(f"/api/v2/pages/{self.public.pk}/")
        self.assertEqual(response["Cache-Control"], "public, max-age=60")
        self.assertNotIn("Cookie", response.get("Vary", ""))
        self.assertFalse(response.cookies)
        self.assertEqual(
            response.json()["meta"]["html_url"], "https://www.example.org/op-eds/public/"
        )
        missing = self.client.get(f"/api/v2/pages/{self.login_only.pk}/")
        self.assertEqual(missing.status_code, 404)
        self.assertEqual(missing["Cache-Control"], "public, max-age=60")


class MediaVisibilityTests(VisibilityTestCase):
    """Documents and images in a collection under any view restriction are private, whatever
    the session (Wagtail's own rule admits a session that passed a collection's password)."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        root = Collection.get_first_root_node()
        cls.private = root.add_child(name="Board papers")
        cls.nested = cls.private.add_child(name="Minutes")
        cls.restriction = CollectionViewRestriction.objects.create(
            collection=cls.private, restriction_type="password", password="letmein"
        )
        cls.public_doc = f.DocumentFactory(title="Public paper")
        cls.private_doc = f.DocumentFactory(title="Board paper", collection=cls.private)
        cls.nested_doc = f.DocumentFactory(title="Minutes", collection=cls.nested)
        cls.public_image = f.ImageFactory(title="Public photo")
        cls.private_image = f.ImageFactory(title="Board photo", collection=cls.nested)
        cls.linked = f.ReportPageFactory(
            parent=cls.reports, title="Linked", slug="linked", pdf=cls.private_doc
        )

    def assert_private(self):
        for endpoint, public, private in [
            ("documents", self.public_doc, [self.private_doc, self.nested_doc]),
            ("images", self.public_image, [self.private_image]),
        ]:
            listed = self.ids(self.client.get(f"/api/v2/{endpoint}/", {"limit": 100}))
            searched = self.client.get(f"/api/v2/{endpoint}/", {"search": "board"})
            self.assertIn(public.pk, listed)
            for item in private:
                with self.subTest(endpoint=endpoint, item=item.title):
                    self.assertNotIn(item.pk, listed)
                    self.assertNotIn(item.pk, self.ids(searched))
                    detail = self.client.get(f"/api/v2/{endpoint}/{item.pk}/")
                    self.assertEqual(detail.status_code, 404)
                    found = self.client.get(f"/api/v2/{endpoint}/find/", {"id": item.pk})
                    self.assertEqual(found.status_code, 404)
        # A public page choosing a private document does not reveal it either.
        self.assertIsNone(self.client.get(f"/api/v2/pages/{self.linked.pk}/").json()["pdf"])

    def test_anonymous(self):
        self.assert_private()

    def test_with_an_editor_session_that_passed_the_password(self):
        self.client.force_login(self.create_superuser("editor"))
        session = self.client.session
        session["passed_collection_view_restrictions"] = [self.restriction.pk]
        session.save()
        self.assert_private()

    def test_public_media_show_their_public_urls(self):
        doc = self.client.get(f"/api/v2/documents/{self.public_doc.pk}/").json()
        self.assertTrue(doc["meta"]["download_url"].startswith("https://www.example.org/media/"))
        image = self.client.get(f"/api/v2/images/{self.public_image.pk}/").json()
        self.assertEqual(image["alt_text"], "A person speaking at a lectern")
