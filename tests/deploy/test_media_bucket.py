"""The CMS's own media in the private media bucket through django-storages."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from storages.backends.s3 import S3Storage

from deploy.local.objectstore import read_credentials

from .s3_support import anonymous_get, target_for

# No Django database: the same on SQLite and PostgreSQL, so run once (README, Tests).
pytestmark = pytest.mark.dbless

ROOT = Path(__file__).resolve().parents[2]


def media_storage(store, access_key: str, secret_key: str) -> S3Storage:
    return S3Storage(
        bucket_name=store.media_bucket,
        endpoint_url=store.endpoint_url,
        region_name="us-east-1",
        access_key=access_key,
        secret_key=secret_key,
        default_acl=None,
        querystring_auth=True,
        file_overwrite=False,
        addressing_style="path",
    )


def test_media_are_stored_privately_and_only_the_media_identity_reads_them(store):
    media = read_credentials(store.directory).media
    storage = media_storage(store, media.access_key, media.secret_key)
    name = storage.save("documents/annual-report.pdf", ContentFile(b"%PDF-1.7 annual report"))
    with storage.open(name) as stored:
        assert stored.read() == b"%PDF-1.7 annual report"

    site = target_for(store)
    anonymous = anonymous_get(
        site.__class__(**{**site.__dict__, "bucket": "media", "prefix": ""}), name
    )
    assert anonymous[0] == 403, "originals and private documents are never public"
    deployer = media_storage(store, site.access_key, site.secret_key)
    try:
        deployer.open(name).read()
    except Exception as exc:  # noqa: BLE001
        assert "403" in str(exc) or "AccessDenied" in str(exc) or "Forbidden" in str(exc)
    else:
        raise AssertionError("the deployer's identity must not read the media bucket")


def test_settings_put_default_storage_in_the_media_bucket_when_configured(store):
    media = read_credentials(store.directory).media
    env = {
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "MEDIA_S3_BUCKET": store.media_bucket,
        "MEDIA_S3_ENDPOINT_URL": store.endpoint_url,
        "MEDIA_S3_ACCESS_KEY_ID": media.access_key,
        "MEDIA_S3_SECRET_ACCESS_KEY": media.secret_key,
        "PATH": "/usr/bin:/bin",
    }
    script = (
        "from django.core.files.base import ContentFile;"
        "from django.core.files.storage import default_storage as s;"
        "n = s.save('images/x.txt', ContentFile(b'kept private'));"
        "print(type(s._wrapped).__name__, s.open(n).read().decode())"
    )
    done = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines()[-1].split() == ["S3Storage", "kept", "private"]
