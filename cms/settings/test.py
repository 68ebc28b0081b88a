"""Tests: fast hashing, in-memory email, media in a throwaway folder."""

import tempfile
from pathlib import Path

from cms.env import env

from .dev import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A throwaway folder per process, unless processes of one test must share it.
MEDIA_ROOT = Path(env("CMS_TEST_MEDIA_ROOT", "") or tempfile.mkdtemp(prefix="cms-test-media-"))
SITE_BASE_URL = "https://www.example.org"
WAGTAILAPI_BASE_URL = SITE_BASE_URL
# Wagtail's test helpers (assertPageIsEditable…) and the admin tests sign superusers in with
# force_login, never a second factor; tests/security turns this back on, as everywhere else.
TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = False
# Deploys may be stopped at named checkpoints by a test (deploy.release.faults).
DEPLOY_FAULT_INJECTION = True
