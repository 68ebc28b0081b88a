"""Settings shared by every environment; everything deployment-specific comes from the env."""

from __future__ import annotations

import warnings
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from PIL import Image as PILImage

from cms.env import env, env_bool

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(env("CMS_VAR_DIR", str(BASE_DIR / "var")))

INSTALLED_APPS = [
    "cms",
    "home",
    "people",
    "publications",
    "deploy",
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The static site's CSP and headers on public pages (cms/security_headers.py).
    "cms.middleware.StaticSiteHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cms.twofactor.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

_DEFAULT_SQLITE = VAR_DIR / "db.sqlite3"
if not env("DATABASE_URL", ""):
    # The embedded database holds password hashes and TOTP secrets: its folder is private.
    VAR_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)

DATABASES = {
    # Persistent connections, checked before reuse: after a database restart the next request
    # reconnects instead of failing on a dead connection.
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{_DEFAULT_SQLITE}"),
        conn_max_age=60,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Workers, the admin and commands share the file: wait for a writer instead of failing,
    # and take the write lock when a transaction starts (no deadlocked upgrades).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 30, "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
# Collected at image build time in a container, so apart from the writable VAR_DIR volume.
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_URL = "/static/"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = env("SITE_NAME", "Defense Priorities")
WAGTAILIMAGES_IMAGE_MODEL = "home.SiteImage"
# The site settings model the templates read (cms names no app: the settings do).
SITE_SETTINGS_MODEL = "home.SiteSettings"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The public, static site: every absolute URL in feeds, sitemap, canonical links and JSON.
SITE_BASE_URL = env("SITE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILREDIRECTS_AUTO_CREATE = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
# Opens rich text an import or a script wrote, which Draftail's converter rejects.
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "cms.rich_text_widget.NormalisingDraftailRichTextArea"}
}
WAGTAILDOCS_SERVE_METHOD = "direct"  # documents are plain files on the static site
# Uploads (tests/security/test_uploads.py). Documents are served from the site's own origin, so
# only formats a browser downloads or shows inertly: no html/htm/svg/xml/js, which would run as
# pages of the site, and no zip, which nobody can check before it is published.
# deploy/export/output_policy.py serves anything else that reaches media/ as
# application/octet-stream.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "epub", "ods", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 25 * 1024 * 1024
# Images: no svg (script inside an image of our origin). The pixel limit bounds the memory a
# rendition takes to decode (40 Mpx is ~160 MB as RGBA), whatever the compressed file's size;
# a small file declaring more is refused at upload ("This file has too many pixels").
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Willow decodes a whole image before Wagtail counts its pixels: a 70-byte PNG declaring
# 100 Mpx made the upload view start decoding it (hundreds of MB) and fail with a 500. Pillow
# refuses to open (before decoding) an image of more than twice its MAX_IMAGE_PIXELS, so that
# refusal is set at our limit; Wagtail shows it as "too many pixels". Below, Pillow only warns.
PILImage.MAX_IMAGE_PIXELS = WAGTAILIMAGES_MAX_IMAGE_PIXELS // 2
warnings.filterwarnings("ignore", category=PILImage.DecompressionBombWarning)
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# Every upload's bytes must be its extension's format, and inert: no HTML named .pdf, no PDF
# JavaScript, no image/HTML polyglot (cms/uploads.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.uploads.CheckedDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.uploads.CheckedImageForm"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILAPI_BASE_URL = SITE_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100

# Admin sign-in. django-axes guards every sign-in (cms/lockout.py): after AXES_FAILURE_LIMIT
# failures a username is locked for that client address for AXES_COOLOFF_TIME; a success resets.
AUTHENTICATION_BACKENDS = [
    "cms.lockout.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cms.lockout.lockout_response"
# Two-factor sign-in with TOTP (cms/twofactor.py) for superusers and these groups.
TWO_FACTOR_REQUIRED_GROUPS = ["Moderators", "Deployers"]
TWO_FACTOR_REQUIRED_FOR_SUPERUSERS = True
# Seconds after the password within which an authenticator app may be enrolled.
TWO_FACTOR_ENROL_MAX_AGE = 10 * 60
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME

# Deploy: the static build goes to the site bucket (deploy.release.target), and only the build;
# release records and the content kept for rollback go to a private bucket of their own.
# Test settings only: deploys stop at named checkpoints when a test asks (deploy.release.faults).
DEPLOY_FAULT_INJECTION = False
DEPLOY_S3_ENDPOINT_URL = env("DEPLOY_S3_ENDPOINT_URL", "")  # empty: AWS S3
DEPLOY_S3_BUCKET = env("DEPLOY_S3_BUCKET", "")
DEPLOY_S3_RELEASE_BUCKET = env("DEPLOY_S3_RELEASE_BUCKET", "")
DEPLOY_S3_PREFIX = env("DEPLOY_S3_PREFIX", "")
DEPLOY_S3_REGION = env("DEPLOY_S3_REGION", "us-east-1")
DEPLOY_S3_REDIRECT_METADATA = env_bool("DEPLOY_S3_REDIRECT_METADATA", False)
DEPLOY_CLOUDFRONT_DISTRIBUTION_ID = env("DEPLOY_CLOUDFRONT_DISTRIBUTION_ID", "")
AWS_ACCESS_KEY_ID = env("AWS_ACCESS_KEY_ID", "")  # the deployer's identity
AWS_SECRET_ACCESS_KEY = env("AWS_SECRET_ACCESS_KEY", "")
DEPLOY_CONCURRENCY = int(env("DEPLOY_CONCURRENCY", "32"))
DEPLOY_MAX_DELETES = int(env("DEPLOY_MAX_DELETES", "1000"))
DEPLOY_KEEP_RELEASES = int(env("DEPLOY_KEEP_RELEASES", "10"))
# Stale content-named assets stay live, and old releases stay restorable, at least this long.
DEPLOY_GRACE_SECONDS = int(env("DEPLOY_GRACE_SECONDS", "3600"))
# The deploy lock's lease, renewed by its holder every third of it: how long a deployer killed
# on another machine holds up the next deploy (one killed on the same machine: not at all).
DEPLOY_LOCK_SECONDS = int(env("DEPLOY_LOCK_SECONDS", "60"))

# The CMS's own media (originals, private documents) in a private bucket of their own, when set.
MEDIA_S3_BUCKET = env("MEDIA_S3_BUCKET", "")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": env("MEDIA_S3_ENDPOINT_URL", "") or None,
            "region_name": env("MEDIA_S3_REGION", "us-east-1"),
            "access_key": env("MEDIA_S3_ACCESS_KEY_ID"),
            "secret_key": env("MEDIA_S3_SECRET_ACCESS_KEY"),
            "default_acl": None,  # private: the bucket's own policy decides
            "querystring_auth": True,
            "file_overwrite": False,
            "addressing_style": "path" if env("MEDIA_S3_ENDPOINT_URL", "") else None,
        },
    }

# Background tasks: Wagtail's own keep the default (immediate) backend; the publish-to-live
# pipeline has a database-backed queue of its own, run by `manage.py worker` on any machine.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "deploys": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["deploys", "search"]},
}
# Where workers build (a folder of their own per machine) and how they coalesce bursts.
SITE_BUILD_DIR = Path(env("SITE_BUILD_DIR", str(VAR_DIR / "site-build")))
SYNC_QUIET_SECONDS = float(env("SYNC_QUIET_SECONDS", "1"))  # wait for a burst to end...
SYNC_MAX_WAIT_SECONDS = float(env("SYNC_MAX_WAIT_SECONDS", "15"))  # ...but never longer
SYNC_MAX_ATTEMPTS = int(env("SYNC_MAX_ATTEMPTS", "5"))
SYNC_BUILD_JOBS = int(env("SYNC_BUILD_JOBS", "1"))
# Workers record a heartbeat this often; a worker not seen for HEALTH_WORKER_SEEN_SECONDS counts
# as gone (the Site deploys view warns, /healthz/ready answers 503).
WORKER_HEARTBEAT_SECONDS = float(env("WORKER_HEARTBEAT_SECONDS", "5"))
HEALTH_WORKER_SEEN_SECONDS = int(env("HEALTH_WORKER_SEEN_SECONDS", "120"))
# /healthz/ready (cms.health): each check a dotted path to a callable that returns True or
# raises. Those of the object store and the worker live in deploy, which cms does not import.
HEALTH_READINESS_CHECKS = {
    "database": "cms.health.check_database",
    "object_store": "deploy.health.check_object_store",
    "worker": "deploy.health.check_worker",
}

# Logs go to stderr, for the supervisor (systemd's journal, the container runtime) to keep:
# plain text, or one JSON object a line with LOG_FORMAT=json (cms/log_format.py).
LOG_FORMAT = env("LOG_FORMAT", "text")
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "cms.log_format.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own (request errors among them) through the one handler, once.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Its start-up banner at every command; lockouts are warnings and still show.
        "axes": {"level": "WARNING"},
    },
}
