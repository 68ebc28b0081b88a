"""A moderator signs in to the admin with a password, then a code from an authenticator app."""

import re
import time

import pytest
from django.contrib.auth.models import Group, Permission, User
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from ..wagtail_roots import ensure_wagtail_roots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_moderator_signs_in_with_a_totp_code(live_server, page: Page):
    ensure_wagtail_roots()
    moderator = User.objects.create_user("moderator", "moderator@example.org", PASSWORD)
    # Transactional tests flush the groups Wagtail's migrations made: give it back admin access.
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderators.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    moderator.groups.add(moderators)
    device = TOTPDevice.objects.create(user=moderator, name="phone", confirmed=True)

    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("moderator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in")).click()
    expect(page).to_have_url(re.compile(r"/admin/2fa/verify/\?next=%2Fadmin%2F$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your authentication code")

    page.get_by_label("Six-digit code").fill("12345")
    page.get_by_role("button", name="Verify").click()
    error = page.locator(".messages .error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("six digits")

    page.get_by_label("Six-digit code").fill(current_code(device))
    page.get_by_role("button", name="Verify").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("navigation", name="Main menu")).to_be_visible()
