"""The release store is private: what is kept for rollback is never readable anonymously."""

import hashlib
from dataclasses import replace

import pytest

from deploy.errors import DeployError
from deploy.release.apply import Options, deploy_build
from deploy.release.bucket import (
    DEPLOY_DIR,
    OBJECTS,
    POINTER,
    RELEASES,
    Bucket,
    Release,
    RemoteFile,
)
from deploy.release.target import anonymous_s3_client, s3_client

from .s3_support import anonymous_get, live_keys

pytestmark = pytest.mark.dbless

PAGES = ["op-eds/a", "op-eds/b", "topics/nato"]


def deploy(build, target):
    return deploy_build(build.root, Options(trigger="test"), target)


def anonymous_status(target, bucket: str, key: str) -> int:
    client = anonymous_s3_client(target)
    try:
        client.get_object(Bucket=bucket, Key=target.key(key))
    except client.exceptions.ClientError as exc:
        return int(exc.response["ResponseMetadata"]["HTTPStatusCode"])
    return 200


def test_release_records_and_stored_objects_are_never_readable_anonymously(target, builds):
    v1 = deploy(builds("v1").write(1, PAGES), target)
    deploy(builds("v2").write(2, PAGES[:2]), target)  # topics/nato removed: kept for rollback
    bucket = Bucket(s3_client(target), target)
    removed = bucket.read_release(v1.release_id).files["topics/nato/index.html"]
    records = [POINTER, f"{RELEASES}{v1.release_id}.json", OBJECTS + removed.sha256]

    assert bucket.get(OBJECTS + removed.sha256) is not None, "the deployer can restore it"
    for key in records:
        assert anonymous_status(target, target.release_bucket, key) == 403, key
        assert anonymous_get(target, key)[0] == 404, f"{key} is not in the site bucket"
    site_keys = [item["Key"] for item in _listing(target, target.bucket)]
    assert not [key for key in site_keys if DEPLOY_DIR in key]
    assert anonymous_get(target, "topics/nato/index.html")[0] == 404


def test_a_release_store_anonymous_clients_can_read_is_refused(target, builds):
    public = replace(target, release_bucket=target.bucket)
    with pytest.raises(DeployError, match="answers anonymous clients"):
        deploy(builds("v1").write(1, PAGES), public)
    assert live_keys(target) == {}, "nothing was uploaded"


def test_records_an_earlier_version_kept_in_the_site_bucket_are_moved_out(target, builds):
    """A site deployed before the release store existed: its records lie in the site bucket,
    where anonymous clients read them. The first deploy rewrites every key, deletes the old
    release's stale keys and the records, and keeps its own in the release store."""
    legacy = replace(target, release_bucket=target.bucket)
    old = builds("old").write(1, PAGES)
    bucket = Bucket(s3_client(legacy), legacy)
    record = Release(id="20260101T000000.000000Z-abcdef", created="2026-01-01", trigger="old")
    for path, data in old.files().items():  # what the old deployer left, records and all
        sha = hashlib.sha256(data).hexdigest()
        record.files[path] = RemoteFile(sha, len(data), "text/html", "no-store")
        bucket.put(path, data, "text/html", "no-store")
        bucket.put(OBJECTS + sha, data, "text/html", "no-store")
    bucket.put(f"{RELEASES}{record.id}.json", record.to_json(), "application/json", "no-store")
    bucket.put(POINTER, b'{"release":"%s"}' % record.id.encode(), "application/json", "x")
    assert anonymous_get(target, POINTER)[0] == 200, "the leak this migration closes"

    new = builds("new").write(2, PAGES[:2])
    deploy(new, target)

    assert live_keys(target) == new.files(), "stale keys of the old release are deleted"
    assert anonymous_get(target, POINTER)[0] == 404
    assert anonymous_get(target, f"{RELEASES}{record.id}.json")[0] == 404
    site_keys = [item["Key"] for item in _listing(target, target.bucket)]
    assert not [key for key in site_keys if DEPLOY_DIR in key]
    assert Bucket(s3_client(target), target).read_pointer().release


def test_a_removed_pages_search_fragments_do_not_linger(target, builds):
    """Hashed CSS lingers for pages cached elsewhere; the search index holds page text and
    leaves with the pages in the same deploy."""
    v1 = builds("v1").write(1, PAGES)
    deploy(v1, target)
    old_index = next(path for path in v1.files() if path.startswith("pagefind/index/"))
    old_css = next(path for path in v1.files() if path.startswith("static/css/"))
    deploy(builds("v2").write(2, PAGES[:2], css="body{color:#222}"), target)

    assert anonymous_get(target, old_index)[0] == 404
    assert anonymous_get(target, old_css)[0] == 200


def _listing(target, bucket: str) -> list[dict]:
    client = s3_client(target)
    found: list[dict] = []
    for page in client.get_paginator("list_objects_v2").paginate(
        Bucket=bucket, Prefix=target.prefix
    ):
        found += page.get("Contents", [])
    return found
