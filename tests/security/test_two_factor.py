"""Two-factor sign-in to the admin: who must use it, verify and enrolment, what stays open."""

import datetime as dt
import re
import time
from base64 import b32decode, b32encode
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core import mail
from django.test import Client, TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from cms import twofactor
from cms.twofactor import INVALID, THROTTLED

from .. import factories as f
from ..base import SiteTestCase

PASSWORD = "correct horse battery staple"
HOME = "/admin/"
VERIFY = "/admin/2fa/verify/"
SETUP = "/admin/2fa/setup/"


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def wrong_code(device: TOTPDevice) -> str:
    """A code no window the device accepts (now, one step either side) can match."""
    accepted = set()
    for offset in (-1, 0, 1):
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time() + offset * device.step
        accepted.add(f"{totp.token():06d}")
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in accepted)


def with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}"


class TwoFactorTestCase(TestCase):
    @classmethod
    def user_in(cls, group: str | None, username: str, *, device: bool = False, **extra) -> User:
        user = User.objects.create_user(username, f"{username}@example.org", PASSWORD, **extra)
        if group:
            user.groups.add(Group.objects.get(name=group))
        if device:
            TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        return user

    def sign_in(self, user: User, next_url: str = HOME):
        response = self.client.post(
            reverse("wagtailadmin_login"),
            {"username": user.username, "password": PASSWORD, "next": next_url},
        )
        self.assertRedirects(response, next_url, fetch_redirect_response=False)
        return response


class ModeratorVerifyTests(TwoFactorTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.moderator = cls.user_in("Moderators", "moderator", device=True)
        cls.device = TOTPDevice.objects.get(user=cls.moderator)

    def test_password_then_code_reaches_the_dashboard(self):
        self.sign_in(self.moderator)
        self.assertRedirects(
            self.client.get(HOME), with_next(VERIFY, HOME), fetch_redirect_response=False
        )
        page = self.client.get(with_next(VERIFY, HOME))
        self.assertContains(page, "Enter your authentication code")
        self.assertContains(page, 'autocomplete="one-time-code"')

        refused = self.client.post(VERIFY, {"token": wrong_code(self.device), "next": HOME})
        self.assertEqual(refused.status_code, 200)
        self.assertContains(refused, INVALID)
        self.assertRedirects(
            self.client.get(HOME), with_next(VERIFY, HOME), fetch_redirect_response=False
        )

        # Right after a wrong code even the right one waits: guessing is throttled.
        throttled = self.client.post(VERIFY, {"token": current_code(self.device), "next": HOME})
        self.assertContains(throttled, THROTTLED)
        # ...until the delay (one second after one failure) has passed.
        TOTPDevice.objects.filter(pk=self.device.pk).update(
            throttling_failure_timestamp=timezone.now() - dt.timedelta(minutes=1)
        )

        accepted = self.client.post(VERIFY, {"token": current_code(self.device), "next": HOME})
        self.assertRedirects(accepted, HOME, fetch_redirect_response=False)
        dashboard = self.client.get(HOME)
        self.assertEqual(dashboard.status_code, 200)
        self.assertTemplateUsed(dashboard, "wagtailadmin/home.html")
        self.assertEqual(self.client.get(reverse("wagtailadmin_explore_root")).status_code, 200)

    def test_an_unverified_session_cannot_reach_admin_pages_by_url(self):
        self.sign_in(self.moderator)
        pages = reverse("wagtailadmin_explore_root")
        self.assertRedirects(
            self.client.get(pages), with_next(VERIFY, pages), fetch_redirect_response=False
        )
        for url in ("/admin/pages/1/edit/", "/admin/api/main/pages/", "/admin/account/"):
            with self.subTest(url=url):
                self.assertRedirects(
                    self.client.get(url), with_next(VERIFY, url), fetch_redirect_response=False
                )
        posted = self.client.post("/admin/pages/1/add_subpage/", {})
        self.assertRedirects(posted, with_next(VERIFY, HOME), fetch_redirect_response=False)

    def test_the_code_brings_the_user_back_where_they_were_going(self):
        pages = reverse("wagtailadmin_explore_root")
        self.client.post(
            reverse("wagtailadmin_login"),
            {"username": "moderator", "password": PASSWORD, "next": pages},
        )
        response = self.client.post(VERIFY, {"token": current_code(self.device), "next": pages})
        self.assertRedirects(response, pages, fetch_redirect_response=False)

    def test_next_never_leaves_the_site(self):
        self.sign_in(self.moderator)
        response = self.client.post(
            VERIFY, {"token": current_code(self.device), "next": "https://evil.example/admin/"}
        )
        self.assertRedirects(response, HOME, fetch_redirect_response=False)

    def test_sign_out_and_the_public_site_stay_open(self):
        self.sign_in(self.moderator)
        self.assertEqual(self.client.get("/api/v2/pages/").status_code, 200)
        self.assertEqual(self.client.get("/robots.txt").status_code, 200)
        response = self.client.post(reverse("wagtailadmin_logout"))
        self.assertRedirects(response, reverse("wagtailadmin_login"), fetch_redirect_response=False)
        self.assertNotIn("_auth_user_id", self.client.session)

    def test_a_verified_user_does_not_enrol_again(self):
        self.sign_in(self.moderator)
        self.assertRedirects(
            self.client.get(with_next(SETUP, HOME)),
            with_next(VERIFY, HOME),
            fetch_redirect_response=False,
        )
        self.client.post(VERIFY, {"token": current_code(self.device), "next": HOME})
        self.assertRedirects(self.client.get(SETUP), HOME, fetch_redirect_response=False)
        self.assertEqual(TOTPDevice.objects.filter(user=self.moderator).count(), 1)


class EnrolmentTests(TwoFactorTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.deployer = cls.user_in("Deployers", "deployer")

    def test_a_deployer_without_a_device_enrols(self):
        self.sign_in(self.deployer)
        self.assertRedirects(
            self.client.get(HOME), with_next(SETUP, HOME), fetch_redirect_response=False
        )
        page = self.client.get(with_next(SETUP, HOME))
        device = TOTPDevice.objects.get(user=self.deployer, confirmed=False)
        self.assertContains(page, "Set up two-factor authentication")
        self.assertContains(page, "otpauth://totp/")
        self.assertContains(page, device.config_url.split("secret=")[1].split("&")[0])
        # Another visit shows another secret, and replaces the one shown before.
        self.client.get(with_next(SETUP, HOME))
        self.assertEqual(TOTPDevice.objects.filter(user=self.deployer).count(), 1)
        device = TOTPDevice.objects.get(user=self.deployer, confirmed=False)

        self.assertRedirects(
            self.client.get(HOME), with_next(SETUP, HOME), fetch_redirect_response=False
        )
        refused = self.client.post(SETUP, {"token": "12ab56", "next": HOME})
        self.assertContains(refused, "Enter the six digits")

        confirmed = self.client.post(SETUP, {"token": current_code(device), "next": HOME})
        self.assertRedirects(confirmed, HOME, fetch_redirect_response=False)
        device.refresh_from_db()
        self.assertTrue(device.confirmed)
        self.assertEqual(self.client.get(HOME).status_code, 200)

        # The next sign-in asks for a code instead of a new enrolment.
        self.client.post(reverse("wagtailadmin_logout"))
        self.sign_in(self.deployer)
        self.assertRedirects(
            self.client.get(HOME), with_next(VERIFY, HOME), fetch_redirect_response=False
        )

    def test_a_wrong_first_code_does_not_confirm_the_device(self):
        self.sign_in(self.deployer)
        self.client.get(SETUP)
        device = TOTPDevice.objects.get(user=self.deployer)
        response = self.client.post(SETUP, {"token": wrong_code(device), "next": HOME})
        self.assertContains(response, INVALID)
        device.refresh_from_db()
        self.assertFalse(device.confirmed)
        self.assertRedirects(
            self.client.get(HOME), with_next(SETUP, HOME), fetch_redirect_response=False
        )

    def test_anonymous_visitors_are_sent_to_sign_in(self):
        for url in (SETUP, VERIFY):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 302)
                self.assertTrue(response["Location"].startswith(reverse("wagtailadmin_login")))
        self.assertFalse(TOTPDevice.objects.exists())


class PolicyTests(TwoFactorTestCase):
    def test_an_editor_is_not_forced(self):
        editor = self.user_in("Editors", "editor")
        self.sign_in(editor)
        self.assertEqual(self.client.get(HOME).status_code, 200)
        self.assertEqual(self.client.get(reverse("wagtailadmin_explore_root")).status_code, 200)
        self.assertFalse(TOTPDevice.objects.filter(user=editor).exists())

    def test_an_editor_who_enrolled_is_asked_for_the_code(self):
        editor = self.user_in("Editors", "editor", device=True)
        self.sign_in(editor)
        self.assertRedirects(
            self.client.get(HOME), with_next(VERIFY, HOME), fetch_redirect_response=False
        )

    def test_superusers_are_forced(self):
        admin = self.user_in(None, "admin", is_superuser=True, is_staff=True)
        with self.settings(TWO_FACTOR_REQUIRED_FOR_SUPERUSERS=True):
            self.sign_in(admin)
            self.assertRedirects(
                self.client.get(HOME), with_next(SETUP, HOME), fetch_redirect_response=False
            )


def secret_on(page) -> str:
    """The base32 key the enrolment page shows (what anyone reading the page learns)."""
    match = re.search(r'data-secret="([A-Z2-7]+)"', page.content.decode())
    assert match, "the setup page shows no key"
    return match.group(1)


def code_for(secret: str, offset: int = 0) -> str:
    totp = TOTP(b32decode(secret))
    totp.time = time.time() + offset * 30
    return f"{totp.token():06d}"


class SessionRotationTests(TwoFactorTestCase):
    """A session id seen before the code (on a shared screen, in a log) is worth nothing after."""

    @classmethod
    def setUpTestData(cls):
        cls.moderator = cls.user_in("Moderators", "moderator", device=True)
        cls.deployer = cls.user_in("Deployers", "deployer")

    def session_cookie(self, client: Client | None = None) -> str:
        return (client or self.client).cookies[settings.SESSION_COOKIE_NAME].value

    def assert_old_cookie_is_dead(self, old: str) -> None:
        thief = Client()
        thief.cookies[settings.SESSION_COOKIE_NAME] = old
        response = thief.get(HOME)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("wagtailadmin_login")))

    def test_verification_gives_a_new_session_id(self):
        self.sign_in(self.moderator)
        before = self.session_cookie()
        device = TOTPDevice.objects.get(user=self.moderator)
        self.client.post(VERIFY, {"token": current_code(device), "next": HOME})
        self.assertNotEqual(self.session_cookie(), before)
        self.assertEqual(self.client.get(HOME).status_code, 200)
        self.assert_old_cookie_is_dead(before)

    def test_enrolment_gives_a_new_session_id(self):
        self.sign_in(self.deployer)
        secret = secret_on(self.client.get(SETUP))
        before = self.session_cookie()
        self.client.post(SETUP, {"token": code_for(secret), "next": HOME})
        self.assertTrue(TOTPDevice.objects.get(user=self.deployer).confirmed)
        self.assertNotEqual(self.session_cookie(), before)
        self.assertEqual(self.client.get(HOME).status_code, 200)
        self.assert_old_cookie_is_dead(before)


@override_settings(TWO_FACTOR_REQUIRED_FOR_SUPERUSERS=True)
class UnverifiedIsAnonymousTests(SiteTestCase):
    """Outside the admin a session that still owes a code has an anonymous visitor's rights."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.admin = User.objects.create_superuser("admin", "admin@example.org", PASSWORD)
        cls.device = TOTPDevice.objects.create(user=cls.admin, name="phone", confirmed=True)
        cls.members_only = f.StandardPageFactory(
            parent=cls.home, title="Members only", slug="members-only"
        )
        PageViewRestriction.objects.create(page=cls.members_only, restriction_type="login")
        cls.board = Collection.get_first_root_node().add_child(name="Board")
        CollectionViewRestriction.objects.create(collection=cls.board, restriction_type="login")
        cls.document = f.DocumentFactory(title="Board paper", collection=cls.board)

    def urls(self) -> list[str]:
        return [self.members_only.url, self.document.url]

    def sign_in(self, username: str = "admin") -> None:
        response = self.client.post(
            reverse("wagtailadmin_login"),
            {"username": username, "password": PASSWORD, "next": HOME},
        )
        self.assertRedirects(response, HOME, fetch_redirect_response=False)

    def assert_refused_like_anonymous(self, url: str) -> None:
        anonymous = Client().get(url)
        self.assertEqual(anonymous.status_code, 302)
        response = self.client.get(url)
        self.assertEqual(response.status_code, anonymous.status_code)
        self.assertEqual(response["Location"], anonymous["Location"])

    @override_settings(WAGTAILDOCS_SERVE_METHOD="serve_view")
    def test_password_alone_opens_nothing_private(self):
        self.sign_in()
        for url in self.urls():
            with self.subTest(url=url):
                self.assert_refused_like_anonymous(url)
        # The admin still sends the session on to the code.
        self.assertRedirects(
            self.client.get(HOME), with_next(VERIFY, HOME), fetch_redirect_response=False
        )

        self.client.post(VERIFY, {"token": current_code(self.device), "next": HOME})
        for url in self.urls():
            with self.subTest(url=url, verified=True):
                self.assertEqual(self.client.get(url).status_code, 200)

    @override_settings(WAGTAILDOCS_SERVE_METHOD="serve_view")
    def test_a_required_user_who_has_not_enrolled_is_anonymous_too(self):
        moderator = User.objects.create_user("moderator", "moderator@example.org", PASSWORD)
        moderator.groups.add(Group.objects.get(name="Moderators"))
        self.sign_in("moderator")
        for url in self.urls():
            with self.subTest(url=url):
                self.assert_refused_like_anonymous(url)
        self.assertRedirects(
            self.client.get(HOME), with_next(SETUP, HOME), fetch_redirect_response=False
        )

    def test_an_editor_who_need_not_verify_keeps_their_rights(self):
        editor = User.objects.create_user("editor", "editor@example.org", PASSWORD)
        editor.groups.add(Group.objects.get(name="Editors"))
        self.client.post(
            reverse("wagtailadmin_login"), {"username": "editor", "password": PASSWORD}
        )
        self.assertEqual(self.client.get(self.members_only.url).status_code, 200)


class EnrolmentHijackTests(TwoFactorTestCase):
    """Someone who knows only the password cannot plant a secret for the user to enrol."""

    @classmethod
    def setUpTestData(cls):
        cls.deployer = cls.user_in("Deployers", "deployer")

    def sign_in_as(self, client: Client) -> None:
        response = client.post(
            reverse("wagtailadmin_login"),
            {"username": "deployer", "password": PASSWORD, "next": HOME},
        )
        self.assertRedirects(response, HOME, fetch_redirect_response=False)

    def test_a_secret_read_by_someone_else_never_verifies(self):
        attacker, user = Client(), Client()
        self.sign_in_as(attacker)
        stolen = secret_on(attacker.get(SETUP))

        self.sign_in_as(user)
        secret = secret_on(user.get(SETUP))
        self.assertNotEqual(secret, stolen)
        confirmed = user.post(SETUP, {"token": code_for(secret), "next": HOME})
        self.assertRedirects(confirmed, HOME, fetch_redirect_response=False)
        self.assertEqual(user.get(HOME).status_code, 200)

        self.sign_in_as(attacker)
        for offset in (-1, 0, 1):
            attacker.post(VERIFY, {"token": code_for(stolen, offset), "next": HOME})
            attacker.post(SETUP, {"token": code_for(stolen, offset), "next": HOME})
            TOTPDevice.objects.update(throttling_failure_count=0)
        self.assertRedirects(
            attacker.get(HOME), with_next(VERIFY, HOME), fetch_redirect_response=False
        )
        self.assertEqual(TOTPDevice.objects.filter(user=self.deployer).count(), 1)

    def test_each_visit_shows_a_new_secret(self):
        self.sign_in(self.deployer)
        first = secret_on(self.client.get(SETUP))
        second = secret_on(self.client.get(SETUP))
        self.assertNotEqual(first, second)
        self.assertEqual(TOTPDevice.objects.filter(user=self.deployer).count(), 1)
        # The key shown first is gone with its page.
        self.client.post(SETUP, {"token": code_for(first), "next": HOME})
        self.assertFalse(TOTPDevice.objects.filter(user=self.deployer, confirmed=True).exists())

    def test_only_the_device_this_session_created_can_be_confirmed(self):
        self.sign_in(self.deployer)
        # A key created outside this session (another session's page, say) after sign-in.
        planted = TOTPDevice.objects.create(user=self.deployer, name="planted", confirmed=False)
        secret = b32encode(planted.bin_key).decode()
        self.client.post(SETUP, {"token": code_for(secret), "next": HOME})
        planted.refresh_from_db()
        self.assertFalse(planted.confirmed)

    def test_a_key_removed_by_another_sign_in_cannot_be_confirmed(self):
        self.sign_in(self.deployer)
        secret = secret_on(self.client.get(SETUP))
        self.sign_in_as(Client())
        response = self.client.post(SETUP, {"token": code_for(secret), "next": HOME})
        self.assertRedirects(response, with_next(SETUP, HOME), fetch_redirect_response=False)
        self.assertFalse(TOTPDevice.objects.filter(user=self.deployer).exists())

    def test_signing_in_removes_unconfirmed_devices(self):
        TOTPDevice.objects.create(user=self.deployer, name="left over", confirmed=False)
        self.sign_in(self.deployer)
        self.assertFalse(TOTPDevice.objects.filter(user=self.deployer).exists())

    def test_confirming_needs_a_recent_password(self):
        self.sign_in(self.deployer)
        secret = secret_on(self.client.get(SETUP))
        session = self.client.session
        session[twofactor.SIGNED_IN_AT_SESSION_KEY] -= settings.TWO_FACTOR_ENROL_MAX_AGE + 1
        session.save()
        response = self.client.post(SETUP, {"token": code_for(secret), "next": HOME})
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith(reverse("wagtailadmin_login")))
        self.assertFalse(TOTPDevice.objects.filter(user=self.deployer, confirmed=True).exists())

    def test_the_user_is_told_by_email(self):
        self.sign_in(self.deployer)
        secret = secret_on(self.client.get(SETUP))
        self.assertEqual(mail.outbox, [])
        self.client.post(SETUP, {"token": code_for(secret), "next": HOME})
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["deployer@example.org"])
        self.assertIn("two-factor", mail.outbox[0].subject.lower())
