"""Backup and restore of media kept in the private media bucket (SeaweedFS, django-storages):
the same listdir/open/save calls as a local MEDIA_ROOT, through S3Storage."""

import hashlib
import uuid

import pytest
from django.core.files.base import ContentFile

from cms.backup import copy_media_in, copy_media_out
from deploy.local.objectstore import read_credentials

from .test_media_bucket import media_storage

# No Django database: the same on SQLite and PostgreSQL, so run once (README, Tests).
pytestmark = pytest.mark.dbless


def test_media_in_the_bucket_are_backed_up_and_restored_with_their_sha256s(store, tmp_path):
    media = read_credentials(store.directory).media
    bucket = media_storage(store, media.access_key, media.secret_key)
    folder = f"backup-test-{uuid.uuid4().hex[:8]}"
    files = {
        f"{folder}/documents/report.pdf": b"%PDF-1.7 report",
        f"{folder}/original_images/a/cover.png": b"\x89PNG cover",
    }
    for name, content in files.items():
        assert bucket.save(name, ContentFile(content)) == name

    copied = copy_media_out(bucket, tmp_path / "media")
    for name, content in files.items():
        assert copied[name] == (hashlib.sha256(content).hexdigest(), len(content))
        assert (tmp_path / "media" / name).read_bytes() == content

    # The bucket loses one file and another is overwritten: restore puts both back as they were.
    lost, changed = files
    bucket.delete(lost)
    bucket.delete(changed)
    bucket.save(changed, ContentFile(b"edited since"))
    expected = {name: copied[name][0] for name in files}
    done, size, unchanged = copy_media_in(tmp_path / "media", expected, bucket)
    assert (done, size, unchanged) == (2, sum(map(len, files.values())), 0)
    for name, content in files.items():
        with bucket.open(name) as stored:
            assert stored.read() == content
    assert copy_media_in(tmp_path / "media", expected, bucket)[2] == 2, "a second run copies none"
