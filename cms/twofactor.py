"""Two-factor sign-in for the Wagtail admin with django-otp's TOTP devices.

After the password, a user must enter a code from an authenticator app before any admin page
when they are a superuser (``TWO_FACTOR_REQUIRED_FOR_SUPERUSERS``), belong to one of
``TWO_FACTOR_REQUIRED_GROUPS``, or have enrolled a device of their own accord. A required user
without a device enrols first. Until the code is entered such a session is sent to the code
page in the admin and counts as an anonymous visitor everywhere else (login-restricted pages,
private documents, the API), so a stolen password opens nothing. django-otp's ``OTPMiddleware``
must come before ``TwoFactorMiddleware`` (it marks a session verified once a device has
accepted a code).
"""

from __future__ import annotations

import functools
import logging
import time
from base64 import b32encode
from urllib.parse import urlencode

from asgiref.sync import sync_to_async
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.auth import require_admin_access

logger = logging.getLogger(__name__)

# The session's own unconfirmed device: only the session that was shown a key may confirm it.
PENDING_DEVICE_SESSION_KEY = "twofactor_pending_device"
# When this session last passed the password (seconds since the epoch): enrolment needs it fresh.
SIGNED_IN_AT_SESSION_KEY = "twofactor_signed_in_at"

# Admin URLs an unverified session may still reach: signing in and out, resetting a password,
# the assets our own pages load, and the two-factor pages themselves.
EXEMPT_URL_NAMES = frozenset(
    {
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_password_reset",
        "wagtailadmin_password_reset_done",
        "wagtailadmin_password_reset_confirm",
        "wagtailadmin_password_reset_complete",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
        "twofactor_verify",
        "twofactor_setup",
    }
)


def two_factor_required(user) -> bool:
    """Whether the policy forces ``user`` to use a second factor (enrolled or not)."""
    if user.is_superuser and settings.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS:
        return True
    return user.groups.filter(name__in=settings.TWO_FACTOR_REQUIRED_GROUPS).exists()


def owes_code(user) -> bool:
    """Whether a signed-in ``user`` has passed the password but not yet a code it must give."""
    if not user.is_authenticated or user.is_verified():
        return False
    return user_has_device(user) or two_factor_required(user)


def _outside_admin(user):
    """``user`` as the site outside the admin sees it: anonymous while a code is owed."""
    if not owes_code(user):
        return user
    anonymous = AnonymousUser()
    # The attributes OTPMiddleware gives every user, for code that asks.
    anonymous.otp_device = None  # type: ignore[attr-defined]
    anonymous.is_verified = lambda: False  # type: ignore[attr-defined]
    return anonymous


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def _is_admin_path(path: str) -> bool:
    return path.startswith(reverse("wagtailadmin_home"))


class TwoFactorMiddleware:
    """Send an admin session that still owes a code to the verify (or enrolment) page, and
    make it anonymous everywhere else.

    Outside the admin nothing would send it on to the code, so rights a password alone gave
    (Wagtail's login-restricted pages and documents, the API) are withheld instead.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _is_admin_path(request.path):
            user = request.user
            # Lazy, as OTPMiddleware's user is: a public page that never asks costs no query.
            request.user = SimpleLazyObject(functools.partial(_outside_admin, user))
            auser = getattr(request, "auser", None)
            if auser is not None:

                async def outside_admin_auser():
                    return await sync_to_async(_outside_admin)(await auser())

                request.auser = outside_admin_auser
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if not _is_admin_path(request.path):
            return None
        if request.resolver_match.url_name in EXEMPT_URL_NAMES:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        has_device = user_has_device(user)
        if not has_device and not two_factor_required(user):
            return None
        # A form posted from a page loaded before sign-in is not replayed; GETs come back.
        next_url = (
            request.get_full_path() if request.method == "GET" else reverse("wagtailadmin_home")
        )
        return redirect(
            _with_next("twofactor_verify" if has_device else "twofactor_setup", next_url)
        )


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "size": 8,
            }
        ),
    )

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split())
        if not (token.isdigit() and len(token) == 6):
            raise forms.ValidationError(_("Enter the six digits your authenticator app shows."))
        return token


INVALID = _("That code is not valid. Enter the one your authenticator app shows now.")
THROTTLED = _("Too many wrong codes: wait a few seconds, then enter the current code.")


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


@require_admin_access
def verify(request: HttpRequest) -> HttpResponse:
    """Ask for a code from an enrolled device and mark the session verified."""
    next_url = _next_url(request)
    if request.user.is_verified():
        return HttpResponseRedirect(next_url)
    devices = list(TOTPDevice.objects.devices_for_user(request.user, confirmed=True))
    if not devices:
        return redirect(_with_next("twofactor_setup", next_url))

    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, throttled = _check_token([d.pk for d in devices], form.cleaned_data["token"])
        if device is not None:
            _verified(request, device)
            return HttpResponseRedirect(next_url)
        form.add_error("token", THROTTLED if throttled else INVALID)
    return render(request, "twofactor/verify.html", {"form": form, "next": next_url})


def _check_token(device_ids: list[int], token: str) -> tuple[TOTPDevice | None, bool]:
    """The device that accepts ``token`` (each failure slows the next try), and whether every
    device was still throttled by earlier failures."""
    throttled = True
    # Locked rows, so two requests cannot both spend the same code or race the throttle.
    with transaction.atomic():
        for device in TOTPDevice.objects.select_for_update().filter(pk__in=device_ids):
            allowed, _details = device.verify_is_allowed()
            throttled = throttled and not allowed
            if allowed and device.verify_token(token):
                return device, False
    return None, throttled


def _verified(request: HttpRequest, device: TOTPDevice) -> None:
    """Mark the session verified under a new id: one seen before the code is worth nothing."""
    otp_login(request, device)
    request.session.cycle_key()


def on_password_sign_in(sender, request: HttpRequest | None, user, **kwargs) -> None:
    """``user_logged_in``: drop keys shown to earlier sessions and note when the password was
    given, so that a key someone else read can never be confirmed."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT_SESSION_KEY] = int(time.time())


def _password_is_fresh(request: HttpRequest) -> bool:
    signed_in_at = request.session.get(SIGNED_IN_AT_SESSION_KEY)
    if not isinstance(signed_in_at, int):
        return False
    return 0 <= time.time() - signed_in_at <= settings.TWO_FACTOR_ENROL_MAX_AGE


def _pending_device(request: HttpRequest) -> TOTPDevice | None:
    """The unconfirmed device this session created, if it is still there."""
    device_id = request.session.get(PENDING_DEVICE_SESSION_KEY)
    if not isinstance(device_id, int):
        return None
    return TOTPDevice.objects.filter(pk=device_id, user=request.user, confirmed=False).first()


def _new_pending_device(request: HttpRequest) -> TOTPDevice:
    """A fresh key on every visit: a key shown once is never shown (or confirmable) again."""
    TOTPDevice.objects.filter(
        pk=request.session.get(PENDING_DEVICE_SESSION_KEY), user=request.user, confirmed=False
    ).delete()
    device = TOTPDevice.objects.create(user=request.user, name="Authenticator app", confirmed=False)
    request.session[PENDING_DEVICE_SESSION_KEY] = device.pk
    return device


def _tell_the_user(request: HttpRequest, user) -> None:
    """An e-mail on every enrolment, so one the user did not make does not go unnoticed."""
    if not user.email:
        return
    when = timezone.localtime().strftime("%Y-%m-%d %H:%M %Z")
    body = (
        f"Two-factor authentication was set up for your account {user.get_username()} on "
        f"{settings.WAGTAIL_SITE_NAME} at {when} (address {request.META.get('REMOTE_ADDR')}).\n\n"
        "If this was not you, ask an administrator at once to remove the device and reset "
        "your password."
    )
    try:
        send_mail("Two-factor authentication set up", body, None, [user.email])
    except Exception:  # the enrolment stands; the failure is logged
        logger.exception("Could not send the enrolment notice to user %s", user.pk)


EXPIRED = _("That key is no longer valid. Add this new key to your authenticator app.")
SIGN_IN_AGAIN = _("Sign in again to set up two-factor authentication.")


@require_admin_access
def setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: show a new secret, confirm the first code, verify the session.

    Only the session that was shown a key may confirm it, and only soon after its password, so
    someone who knows the password cannot read a key ahead of the user and share their device.
    """
    next_url = _next_url(request)
    user = request.user
    if user_has_device(user):
        if user.is_verified():
            messages.info(request, _("Two-factor authentication is already set up."))
            return HttpResponseRedirect(next_url)
        return redirect(_with_next("twofactor_verify", next_url))

    if not _password_is_fresh(request):
        logout(request)
        messages.info(request, SIGN_IN_AGAIN)
        return redirect(_with_next("wagtailadmin_login", _with_next("twofactor_setup", next_url)))

    form = TokenForm(request.POST or None)
    if request.method == "POST":
        device = _pending_device(request)
        if device is None:
            messages.warning(request, EXPIRED)
            return redirect(_with_next("twofactor_setup", next_url))
    else:
        device = _new_pending_device(request)

    if request.method == "POST" and form.is_valid():
        accepted, throttled = _check_token([device.pk], form.cleaned_data["token"])
        if accepted is not None:
            with transaction.atomic():
                TOTPDevice.objects.filter(pk=accepted.pk).update(confirmed=True)
                TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            accepted.confirmed = True
            del request.session[PENDING_DEVICE_SESSION_KEY]
            _verified(request, accepted)
            _tell_the_user(request, user)
            messages.success(request, _("Two-factor authentication is set up."))
            return HttpResponseRedirect(next_url)
        form.add_error("token", THROTTLED if throttled else INVALID)

    secret = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "next": next_url,
        "otpauth_url": device.config_url,
        "secret": secret,
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
    }
    return render(request, "twofactor/setup.html", context)


urlpatterns = [
    path("verify/", verify, name="twofactor_verify"),
    path("setup/", setup, name="twofactor_setup"),
]
