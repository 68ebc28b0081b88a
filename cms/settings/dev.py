"""Local development: the embedded SQLite database and a key that is never used in production."""

from cms.env import env, env_list

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = env("DJANGO_SECRET_KEY", "dev-only-insecure-key-not-for-production")  # noqa: S105
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
