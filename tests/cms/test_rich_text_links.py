"""Rich text never stops a page: hostile markup renders (cleaned), and a link to a page the
public cannot see renders as its text, in the CMS as in the build (``cms.rich_text``)."""

import datetime as dt
import json

from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText, expand_db_html

from cms import keys
from cms.deps import recording
from home.models import StandardPage

from .. import factories as f
from ..base import SiteTestCase

PAYLOAD = '<![><img src="]><img src=x onerror=alert(39)//">'


def linking(parent, target, slug="linking"):
    body = f'<p>Read <a linktype="page" id="{target.pk}">the target</a> now.</p>'
    return f.StandardPageFactory(parent=parent, slug=slug, body=[("paragraph", RichText(body))])


class HostileRichTextTests(SiteTestCase):
    def test_the_known_payload_renders_cleaned_instead_of_a_500(self):
        page = f.StandardPageFactory(parent=self.home, slug="payload")
        # Stored as it is, as by a data migration: a save would normalise it (its <img> is not
        # an editor feature), and this is about rendering what the database holds.
        raw = json.dumps([{"type": "paragraph", "value": PAYLOAD, "id": "p1"}])
        StandardPage.objects.filter(pk=page.pk).update(body=raw)
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn('<img src="]&gt;&lt;img src=x onerror=alert(39)//">', html)
        self.assertNotIn("<img src=x onerror", html)


class PageLinkTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.target = f.StandardPageFactory(parent=cls.home, title="Target", slug="target")
        cls.page = linking(cls.home, cls.target)

    def render(self) -> str:
        response = self.client.get(self.page.url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_a_public_target_is_linked(self):
        self.assertIn('<p>Read <a href="/target/">the target</a> now.</p>', self.render())

    def test_an_unpublished_target_is_text(self):
        self.target.unpublish()
        html = self.render()
        self.assertIn("<p>Read the target now.</p>", html)
        self.assertNotIn('href="/target/"', html)

    def test_a_restricted_target_is_text(self):
        PageViewRestriction.objects.create(
            page=self.target, restriction_type="password", password="x"
        )
        self.assertIn("<p>Read the target now.</p>", self.render())

    def test_an_expired_target_is_text(self):
        self.target.expire_at = timezone.now() - dt.timedelta(days=1)
        self.target.save()
        self.assertIn("<p>Read the target now.</p>", self.render())

    def test_a_deleted_target_is_text(self):
        self.target.delete()
        self.assertIn("<p>Read the target now.</p>", self.render())

    def test_the_link_depends_on_the_targets_url_and_visibility_only(self):
        with recording() as recorded:
            html = expand_db_html(f'<a linktype="page" id="{self.target.pk}">x</a>')
        self.assertIn('href="/target/"', html)
        self.assertIn(keys.page_url(self.target.pk), recorded)
        self.assertNotIn(keys.page(self.target.pk), recorded)
