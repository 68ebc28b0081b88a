"""Guessing a password-restricted page's password is throttled like the admin sign-in."""

from django.conf import settings
from django.urls import reverse
from wagtail.models import PageViewRestriction

from ..base import SiteTestCase

PASSWORD = "board-2026"  # noqa: S105


class PagePasswordThrottleTests(SiteTestCase):
    def setUp(self):
        super().setUp()
        self.restriction = PageViewRestriction.objects.create(
            page=self.about,
            restriction_type=PageViewRestriction.PASSWORD,
            password=PASSWORD,
        )
        self.url = reverse(
            "wagtailcore_authenticate_with_password", args=[self.restriction.pk, self.about.pk]
        )

    def guess(self, password: str, ip: str = "192.0.2.10"):
        data = {"password": password, "return_url": self.about.url}
        return self.client.post(self.url, data, REMOTE_ADDR=ip)

    def test_the_right_password_opens_the_page(self):
        self.assertContains(self.client.get(self.about.url), 'name="password"')
        self.assertRedirects(self.guess(PASSWORD), self.about.url, fetch_redirect_response=False)
        self.assertNotContains(self.client.get(self.about.url), 'name="password"')

    def test_locked_after_the_limit_even_with_the_right_password(self):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            self.assertEqual(self.guess("wrong").status_code, 200)  # the form again
        self.assertEqual(self.guess("wrong").status_code, 429)
        locked = self.guess(PASSWORD)
        self.assertEqual(locked.status_code, 429)
        self.assertContains(self.client.get(self.about.url), 'name="password"')  # still shut

        other_address = self.guess(PASSWORD, ip="192.0.2.99")
        self.assertEqual(other_address.status_code, 302, "the lock is per address")
