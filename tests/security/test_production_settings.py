"""Production sign-in and cookie hardening, read from the real production settings module."""

import json

import pytest

from ..cms.test_settings import PRODUCTION_ENV, manage

NAMES = [
    "AUTHENTICATION_BACKENDS",
    "MIDDLEWARE",
    "AXES_FAILURE_LIMIT",
    "AXES_RESET_ON_SUCCESS",
    "AXES_LOCKOUT_PARAMETERS",
    "TWO_FACTOR_REQUIRED_GROUPS",
    "TWO_FACTOR_REQUIRED_FOR_SUPERUSERS",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "SECURE_HSTS_SECONDS",
    "SECURE_SSL_REDIRECT",
]
SCRIPT = (
    "import json; from django.conf import settings; "
    f"print(json.dumps({{n: getattr(settings, n) for n in {NAMES!r}}}, default=str)); "
    "print(settings.AXES_COOLOFF_TIME.total_seconds())"
)


@pytest.fixture(scope="module")
def production() -> dict:
    result = manage("shell", "-c", SCRIPT, env_vars=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    values, cooloff = result.stdout.strip().splitlines()[-2:]
    return {**json.loads(values), "cooloff_seconds": float(cooloff)}


def test_sign_in_is_throttled_and_guarded_by_axes(production):
    assert production["AUTHENTICATION_BACKENDS"][0] == "cms.lockout.AxesBackend"
    assert production["MIDDLEWARE"][-1] == "axes.middleware.AxesMiddleware"
    assert production["AXES_FAILURE_LIMIT"] == 5
    assert production["cooloff_seconds"] == 15 * 60
    assert production["AXES_RESET_ON_SUCCESS"] is True
    assert production["AXES_LOCKOUT_PARAMETERS"] == [["username", "ip_address"]]


def test_two_factor_is_enforced(production):
    middleware = production["MIDDLEWARE"]
    auth = middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware")
    otp = middleware.index("django_otp.middleware.OTPMiddleware")
    assert auth < otp < middleware.index("cms.twofactor.TwoFactorMiddleware")
    assert production["TWO_FACTOR_REQUIRED_FOR_SUPERUSERS"] is True
    assert set(production["TWO_FACTOR_REQUIRED_GROUPS"]) == {"Moderators", "Deployers"}


def test_cookies_only_travel_over_https_and_stay_out_of_scripts(production):
    for cookie in ("SESSION", "CSRF"):
        assert production[f"{cookie}_COOKIE_SECURE"] is True
        assert production[f"{cookie}_COOKIE_HTTPONLY"] is True
        assert production[f"{cookie}_COOKIE_SAMESITE"] == "Lax"
    assert production["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365
    assert production["SECURE_SSL_REDIRECT"] is True
