"""Unpublishing a parent alone leaves its subpages live: the admin says so, and what is deployed
matches what Wagtail serves."""

from django.contrib.auth.models import User

from deploy.export.plan import plan_site

from .. import factories as f
from ..base import SiteTestCase


class UnpublishParentTests(SiteTestCase):
    def test_the_confirmation_says_the_subpages_stay_live(self):
        f.OpEdPageFactory(parent=self.op_eds, title="Still here", slug="still-here")
        admin = User.objects.create_superuser("root", "root@example.org", "pw")
        self.client.force_login(admin)
        response = self.client.get(f"/admin/pages/{self.op_eds.pk}/unpublish/")
        self.assertContains(response, "Unless you tick the box, its subpage stays live")

    def test_what_is_deployed_matches_what_wagtail_serves(self):
        child = f.OpEdPageFactory(parent=self.op_eds, title="Still here", slug="still-here")
        self.op_eds.unpublish()  # the admin's default: the parent only
        child.refresh_from_db()
        self.assertTrue(child.live)
        self.assertEqual(self.client.get(child.url).status_code, 200, "Wagtail serves it")
        urls = plan_site().urls
        self.assertIn(child.pk, urls, "so the static site has it too")
        self.assertNotIn(self.op_eds.pk, urls)
