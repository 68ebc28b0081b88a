"""Production: every secret and host from the environment, no insecure defaults."""

from cms.env import env, env_bool, env_list

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
# Required here; base.py has parsed it already (with SQLite's locking options, which the web
# and worker processes need when they share a SQLite file).
env("DATABASE_URL")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")
SITE_BASE_URL = env("SITE_BASE_URL").rstrip("/")
WAGTAILAPI_BASE_URL = SITE_BASE_URL
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL")

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# A load balancer probes the instance over plain HTTP: the health endpoints answer it there.
SECURE_REDIRECT_EXEMPT = [r"^healthz/"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# The admin's own static files, served by the application server itself (no separate web
# server to configure): WhiteNoise right after SecurityMiddleware (so HTTPS redirect and HSTS
# still come first), content-hashed names cached for ten years, gzip copies made by
# collectstatic. Development and tests keep Django's plain storage (no collectstatic needed).
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
