"""Sign-in throttling through the real Wagtail admin login form (django-axes)."""

import datetime as dt

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db.models import F
from django.test import TestCase
from django.urls import reverse

PASSWORD = "correct horse battery staple"
WRONG = "incorrect pony"


class LockoutTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.writer = User.objects.create_user("writer", "writer@example.org", PASSWORD)
        cls.writer.groups.add(Group.objects.get(name="Editors"))
        other = User.objects.create_user("other", "other@example.org", PASSWORD)
        other.groups.add(Group.objects.get(name="Editors"))

    def sign_in(self, password: str, username: str = "writer", ip: str = "192.0.2.10"):
        return self.client.post(
            reverse("wagtailadmin_login"),
            {"username": username, "password": password, "next": reverse("wagtailadmin_home")},
            REMOTE_ADDR=ip,
        )

    def assert_refused(self, response, status: int = 200):
        self.assertEqual(response.status_code, status)
        self.assertNotIn("_auth_user_id", self.client.session)

    def assert_signed_in(self, response):
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        self.assertEqual(self.client.session["_auth_user_id"], str(self.writer.pk))

    def fail_sign_in(self, times: int):
        for _ in range(times):
            self.assert_refused(self.sign_in(WRONG))

    def lock_out(self):
        """The limit-th failure is answered with the lockout page."""
        self.fail_sign_in(settings.AXES_FAILURE_LIMIT - 1)
        self.assert_refused(self.sign_in(WRONG), status=429)

    def test_policy(self):
        self.assertEqual(settings.AXES_FAILURE_LIMIT, 5)
        self.assertEqual(settings.AXES_COOLOFF_TIME, dt.timedelta(minutes=15))
        self.assertEqual(settings.AXES_LOCKOUT_PARAMETERS, [["username", "ip_address"]])
        self.assertTrue(settings.AXES_RESET_ON_SUCCESS)

    def test_locked_after_the_limit_even_with_the_right_password(self):
        self.fail_sign_in(settings.AXES_FAILURE_LIMIT - 1)
        locked = self.sign_in(WRONG)
        self.assert_refused(locked, status=429)
        self.assertContains(locked, "Sign-in temporarily locked", status_code=429)
        self.assertContains(locked, "Try again in 15 minutes", status_code=429)
        self.assertTemplateUsed(locked, "axes/lockout.html")

        self.assert_refused(self.sign_in(PASSWORD), status=429)

    def test_the_lock_ends_after_the_cool_off(self):
        self.lock_out()
        self.assert_refused(self.sign_in(PASSWORD), status=429)
        AccessAttempt.objects.update(attempt_time=F("attempt_time") - dt.timedelta(minutes=16))
        self.assert_signed_in(self.sign_in(PASSWORD))

    def test_the_lock_is_per_username_and_address(self):
        self.lock_out()
        self.assert_refused(self.sign_in(PASSWORD), status=429)
        self.assert_signed_in(self.sign_in(PASSWORD, ip="198.51.100.7"))
        self.client.logout()
        response = self.sign_in(PASSWORD, username="other")
        self.assertEqual(response.status_code, 302)

    def test_a_success_before_the_limit_resets_the_count(self):
        self.fail_sign_in(settings.AXES_FAILURE_LIMIT - 1)
        self.assert_signed_in(self.sign_in(PASSWORD))
        self.client.logout()
        self.fail_sign_in(settings.AXES_FAILURE_LIMIT - 1)
        self.assert_signed_in(self.sign_in(PASSWORD))

    def test_an_administrator_unlocks_a_user(self):
        self.lock_out()
        call_command("axes_reset_username", "writer", verbosity=0)
        self.assert_signed_in(self.sign_in(PASSWORD))

    def test_sign_in_without_a_request_still_works(self):
        # The test client's login() authenticates without a request (axes' own backend refuses).
        self.assertTrue(self.client.login(username="writer", password=PASSWORD))
        self.assertEqual(self.client.get(reverse("wagtailadmin_home")).status_code, 200)

    def test_the_first_backend_can_load_users(self):
        # WagtailPageTestCase's assertPageIsEditable/Previewable sign in with it.
        self.client.force_login(self.writer, settings.AUTHENTICATION_BACKENDS[0])
        self.assertEqual(self.client.get(reverse("wagtailadmin_home")).status_code, 200)
