"""Local development: the embedded SQLite database and a key that is never used in production."""

import json

from cms.env import env, env_list

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = env("DJANGO_SECRET_KEY", "dev-only-insecure-key-not-for-production")  # noqa: S105
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# The local object store (`manage.py objectstore`, deploy.local.objectstore): its S3 port, its
# buckets and the credentials it generated on first start, unless the environment names
# others. Read as plain JSON: settings import no app.
LOCAL_OBJECTSTORE_DIR = VAR_DIR / "objectstore"  # noqa: F405
DEPLOY_S3_ENDPOINT_URL = env("DEPLOY_S3_ENDPOINT_URL", "http://127.0.0.1:8333")
DEPLOY_S3_BUCKET = env("DEPLOY_S3_BUCKET", "site")
DEPLOY_S3_RELEASE_BUCKET = env("DEPLOY_S3_RELEASE_BUCKET", "releases")
_credentials = LOCAL_OBJECTSTORE_DIR / "credentials.json"
if not AWS_ACCESS_KEY_ID and _credentials.exists():  # noqa: F405
    _deployer = json.loads(_credentials.read_text())["deployer"]
    AWS_ACCESS_KEY_ID = _deployer["access_key"]
    AWS_SECRET_ACCESS_KEY = _deployer["secret_key"]
# The demo content and `seed_demo` (development and tests only: production never has them).
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]  # noqa: F405
