"""`deploy` against a real SeaweedFS with authentication on."""

import hashlib
import io
import json
import socket
import subprocess
import threading
import time
from unittest import mock

import boto3
import pytest
from botocore.config import Config
from django.core.management import call_command
from django.test import override_settings

from deploy.errors import DeployError, LockHeld
from deploy.export.output_policy import HTML_CACHE, IMMUTABLE_CACHE
from deploy.release import faults
from deploy.release.apply import Options, deploy_build
from deploy.release.bucket import LOCK, OBJECTS, Bucket
from deploy.release.bucket_lock import DeployLock
from deploy.release.target import s3_client

from .s3_support import anonymous_get, live_keys, referenced_assets, settings_for

# No Django database: the same on SQLite and PostgreSQL, so run once (README, Tests).
pytestmark = pytest.mark.dbless

PAGES = ["op-eds/a", "op-eds/b", "topics/nato"]


def deploy(build, target, **options):
    return deploy_build(build.root, Options(**options), target)


def css_path(files: dict) -> str:
    return next(path for path in files if path.startswith("static/css/"))


def test_first_deploy_publishes_every_file_with_its_headers(target, builds):
    build = builds("v1").write(1, PAGES)
    result = deploy(build, target, trigger="test")

    assert result.uploaded == len(build.files()) and result.deleted == 0
    assert live_keys(target) == build.files()
    status, body, headers = anonymous_get(target, "op-eds/a/index.html")
    assert status == 200 and b"op-eds/a v1" in body
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == HTML_CACHE
    css = css_path(build.files())
    assert anonymous_get(target, css)[2]["Cache-Control"] == IMMUTABLE_CACHE
    assert anonymous_get(target, "index.json")[2]["Content-Type"] == "application/json"


def test_every_object_matches_the_manifest_hash(target, builds):
    build = builds("v1").write(1, PAGES)
    deploy(build, target)
    client = s3_client(target)
    for path, data in build.files().items():
        head = client.head_object(Bucket=target.bucket, Key=target.key(path))
        stored = live_keys(target)[path]
        assert hashlib.sha256(stored).hexdigest() == hashlib.sha256(data).hexdigest()
        assert head["Metadata"]["sha256"] == hashlib.sha256(data).hexdigest()


def test_deploying_the_same_build_twice_changes_nothing_the_second_time(target, builds):
    build = builds("v1").write(1, PAGES)
    deploy(build, target)
    again = deploy(build, target)
    assert (again.uploaded, again.deleted, again.already_live) == (0, 0, True)
    assert again.requests <= 6  # a handful, whatever the size of the site


def test_a_one_page_change_uploads_only_what_differs(target, builds):
    deploy(builds("v1").write(1, PAGES), target)
    changed = builds("v1b").write(1, PAGES)
    page = changed.root / "op-eds/a/index.html"
    page.write_bytes(page.read_bytes().replace(b"v1", b"v1 edited"))
    _rewrite_manifest(changed)

    result = deploy(changed, target)
    assert result.uploaded == 1 and result.deleted == 0
    assert b"edited" in anonymous_get(target, "op-eds/a/index.html")[1]
    assert result.requests < 20


def test_removed_pages_are_deleted_and_old_assets_linger_through_the_grace_period(
    target, builds, settings
):
    v1 = builds("v1").write(1, PAGES)
    deploy(v1, target)
    v2 = builds("v2").write(2, PAGES[:2], css="body{color:#222}")
    result = deploy(v2, target)

    assert anonymous_get(target, "topics/nato/index.html")[0] == 404
    assert result.deleted == 3  # topics/nato: index.html, index.json; the old search chunk
    old_css = css_path(v1.files())
    assert anonymous_get(target, old_css)[0] == 200, "cached pages may still reference it"

    settings.DEPLOY_GRACE_SECONDS = 0
    v3 = builds("v3").write(3, PAGES[:2], css="body{color:#222}")
    deploy(v3, target)
    assert anonymous_get(target, old_css)[0] == 404
    assert set(live_keys(target)) == set(v3.files())


def test_a_dry_run_prints_the_plan_and_changes_nothing(target, builds):
    deploy(builds("v1").write(1, PAGES), target)
    before = live_keys(target)
    v2 = builds("v2").write(2, PAGES[:2])
    result = deploy(v2, target, dry_run=True)

    assert live_keys(target) == before
    assert "upload  op-eds/a/index.html  (changed, " in "\n".join(result.plan)
    assert "delete  topics/nato/index.html" in result.plan
    assert result.dry_run and "nothing changed" in result.summary()


def test_the_deploy_command_logs_one_line_with_its_figures(target, builds, caplog):
    build = builds("v1").write(1, PAGES)
    with override_settings(**settings_for(target)), caplog.at_level("INFO", logger="deploy"):
        call_command("deploy", "--build", str(build.root), "--quiet", stdout=io.StringIO())
    lines = [r for r in caplog.records if getattr(r, "event", None) == "deploy"]
    assert len(lines) == 1
    line = lines[0]
    assert line.name == "deploy" and line.levelname == "INFO"
    assert line.uploaded == len(live_keys(target)) and line.deleted == 0
    assert line.release_id and line.seconds >= 0 and line.requests > 0


def test_a_deploy_over_the_delete_cap_stops_before_changing_anything(target, builds):
    deploy(builds("v1").write(1, PAGES), target)
    before = live_keys(target)
    with pytest.raises(DeployError, match="more than the cap of 1"):
        deploy(builds("v2").write(2, ["op-eds/a"]), target, max_deletes=1)
    assert live_keys(target) == before


def test_no_delete_when_an_upload_failed_and_a_rerun_finishes(target, builds):
    v1 = builds("v1").write(1, PAGES)
    deploy(v1, target)
    v2 = builds("v2").write(2, PAGES[:2])

    def fail(phase, done):
        if phase == "html" and done == 1:
            raise DeployError("injected upload failure")

    faults.add_hook(fail)
    try:
        with pytest.raises(DeployError, match="injected"):
            deploy(v2, target)
    finally:
        faults.remove_hook(fail)
    assert "topics/nato/index.html" in live_keys(target), "nothing deleted after a failure"

    result = deploy(v2, target)
    assert result.deleted == 3  # topics/nato (2 files) and the old search chunk
    assert {path: live_keys(target)[path] for path in v2.files()} == v2.files()


def test_two_deploys_at_once_never_interleave(target, builds):
    v1, v2 = builds("v1").write(1, PAGES), builds("v2").write(2, PAGES)
    inside, release = threading.Event(), threading.Event()
    outcome = {}

    def pause(phase, done):
        if phase == "html" and threading.current_thread().name == "first":
            inside.set()
            release.wait(10)

    def first():
        outcome["first"] = deploy(v1, target)

    faults.add_hook(pause)
    try:
        thread = threading.Thread(target=first, name="first")
        thread.start()
        assert inside.wait(10)
        with pytest.raises(LockHeld, match="Another deploy or rollback is running"):
            deploy(v2, target)
        release.set()
        thread.join(10)
    finally:
        faults.remove_hook(pause)
    assert outcome["first"].uploaded == len(v1.files())
    assert live_keys(target) == v1.files()


def _leave_lock(target, owner: str, expires_in: float) -> None:
    """The lock as a deployer that stopped without releasing it left it."""
    body = json.dumps({"owner": owner, "expires": time.time() + expires_in}).encode()
    Bucket(s3_client(target), target).put(LOCK, body, "application/json", "no-store")


def test_an_expired_lock_is_taken_over(target, builds):
    _leave_lock(target, "another-host:4242", expires_in=-5)
    v1 = builds("v1").write(1, PAGES)
    assert deploy(v1, target).uploaded == len(v1.files())


def test_the_lock_of_a_dead_process_on_this_machine_is_taken_over_at_once(target, builds):
    """A deployer SIGKILLed mid-upload: its lock has most of its lease left, but its process
    is known to be gone, so the next deploy need not wait for the lease to run out."""
    dead = subprocess.Popen(["true"])  # noqa: S607
    dead.wait()
    _leave_lock(target, f"{socket.gethostname()}:{dead.pid}", expires_in=600)
    v1 = builds("v1").write(1, PAGES)
    assert deploy(v1, target).uploaded == len(v1.files())


def test_a_live_holder_on_another_machine_keeps_the_lock_by_renewing_it(target):
    bucket = Bucket(s3_client(target), target)
    holder = DeployLock(bucket, seconds=2).acquire()
    try:
        time.sleep(3)  # longer than the lease: only the renewals keep it
        with pytest.raises(LockHeld, match="Another deploy or rollback is running"):
            DeployLock(bucket, seconds=2).acquire()
        holder.refresh()  # not lost
    finally:
        holder.release()
    DeployLock(bucket, seconds=2).acquire().release()


def test_the_pointer_is_switched_only_if_nobody_else_did(target, builds):
    deploy(builds("v1").write(1, PAGES), target)
    bucket = Bucket(s3_client(target), target)

    def meddle(phase, done):
        if phase == "pointer":
            pointer = bucket.read_pointer()
            pointer.pending = "20260101T000000Z-aaaaaa"
            bucket.write_pointer(pointer)  # another writer got in

    faults.add_hook(meddle)
    try:
        with pytest.raises(DeployError, match="pointer changed"):
            deploy(builds("v2").write(2, PAGES), target)
    finally:
        faults.remove_hook(meddle)


def test_orphaned_multipart_uploads_are_aborted(target, builds):
    client = s3_client(target)
    client.create_multipart_upload(Bucket=target.bucket, Key=target.key("media/big.pdf"))
    deploy(builds("v1").write(1, PAGES), target)
    uploads = client.list_multipart_uploads(Bucket=target.bucket, Prefix=target.prefix)
    assert not uploads.get("Uploads")


def test_old_releases_are_collected_with_the_objects_only_they_used(target, builds, settings):
    settings.DEPLOY_KEEP_RELEASES = 2
    settings.DEPLOY_GRACE_SECONDS = 0
    bucket = Bucket(s3_client(target), target)
    first = builds("v1").write(1, PAGES)
    deploy(first, target)
    for version in (2, 3, 4):
        deploy(builds(f"v{version}").write(version, PAGES), target)

    assert len(bucket.release_ids()) == 2
    only_in_first = hashlib.sha256(first.files()["op-eds/a/index.html"]).hexdigest()
    assert bucket.get(OBJECTS + only_in_first) is None
    shared_css = hashlib.sha256(first.files()[css_path(first.files())]).hexdigest()
    assert bucket.get(OBJECTS + shared_css) is not None, "still used by kept releases"


def test_collecting_old_releases_does_not_read_every_kept_record_again(target, builds, settings):
    settings.DEPLOY_KEEP_RELEASES = 3
    settings.DEPLOY_GRACE_SECONDS = 0
    for version in (1, 2, 3, 4):
        deploy(builds(f"v{version}").write(version, PAGES), target)
    reads = []
    original = Bucket.get

    def get(bucket, path):
        reads.append(path)
        return original(bucket, path)

    with mock.patch.object(Bucket, "get", get):
        deploy(builds("v5").write(5, PAGES), target)  # collects v2; compares v3, v4 and v5
    assert [path for path in reads if path.startswith("_deploy/releases/")] == []
    assert len(Bucket(s3_client(target), target).release_ids()) == 3


def test_anonymous_clients_can_read_but_not_write(target, builds):
    deploy(builds("v1").write(1, PAGES), target)
    anonymous = boto3.client(
        "s3",
        endpoint_url=target.endpoint_url,
        region_name="us-east-1",
        config=Config(signature_version=boto3.session.botocore.UNSIGNED),
    )
    with pytest.raises(anonymous.exceptions.ClientError, match="AccessDenied|403"):
        anonymous.put_object(Bucket=target.bucket, Key=target.key("index.html"), Body=b"x")
    assert anonymous_get(target, "index.html")[0] == 200


def test_the_deployer_identity_cannot_write_other_buckets(target, store):
    client = s3_client(target)
    with pytest.raises(client.exceptions.ClientError, match="AccessDenied"):
        client.put_object(Bucket=store.media_bucket, Key="x", Body=b"x")


def test_wrong_credentials_give_a_clear_error(target, builds):
    from dataclasses import replace

    wrong = replace(target, secret_key="not-the-secret")
    with pytest.raises(DeployError, match="refused .* check AWS_ACCESS_KEY_ID"):
        deploy(builds("v1").write(1, PAGES), wrong)


def test_an_unreachable_store_gives_a_clear_error(target, builds):
    from dataclasses import replace

    gone = replace(target, endpoint_url="http://127.0.0.1:9", max_attempts=1)
    with pytest.raises(DeployError, match="Cannot reach the object store"):
        deploy(builds("v1").write(1, PAGES), gone)


def test_a_build_without_search_index_or_manifest_is_refused(target, builds, tmp_path):
    with pytest.raises(DeployError, match="no build"):
        deploy_build(tmp_path / "nothing", Options(), target)
    build = builds("v1").write(1, PAGES)
    manifest = build.root / "manifest.json"
    manifest.write_text(manifest.read_text().replace("pagefind/", "elsewhere/"))
    with pytest.raises(DeployError, match="search_index"):
        deploy(build, target)


def test_a_build_changed_after_its_manifest_is_refused(target, builds):
    build = builds("v1").write(1, PAGES)
    (build.root / "op-eds/a/index.html").write_bytes(b"tampered")
    with pytest.raises(DeployError, match="changed after the build"):
        deploy(build, target)


def test_assets_go_live_before_the_pages_that_reference_them(target, builds):
    deploy(builds("v1").write(1, PAGES), target)
    v2 = builds("v2").write(2, PAGES, css="body{color:#333}")
    checked = []

    def check(phase, done):
        if phase in {"html", "home"}:
            for path, body in live_keys(target).items():
                if path.endswith(".html"):
                    for asset in referenced_assets(body):
                        assert anonymous_get(target, asset)[0] == 200, (path, asset)
            checked.append(phase)

    faults.add_hook(check)
    try:
        deploy(v2, target)
    finally:
        faults.remove_hook(check)
    assert "html" in checked and "home" in checked


def _rewrite_manifest(build) -> None:
    from deploy.export.manifest import Entry, Manifest

    manifest = Manifest.load(build.root)
    for path, entry in manifest.entries.items():
        data = (build.root / path).read_bytes()
        manifest.entries[path] = Entry(
            hashlib.sha256(data).hexdigest(), len(data), entry.content_type, entry.cache_control
        )
    (build.root / "manifest.json").write_text(manifest.to_json())


def test_a_dry_run_lists_the_cdn_invalidations_when_a_distribution_is_set(target, builds):
    from dataclasses import replace

    deploy(builds("v1").write(1, PAGES), target)
    with_cdn = replace(target, cloudfront_distribution_id="E2EXAMPLE")
    result = deploy(builds("v2").write(2, PAGES), with_cdn, dry_run=True)
    assert "invalidate  /op-eds/a/" in result.plan
    assert "invalidate  /op-eds/a/index.html" in result.plan
    assert not any("static/css" in line for line in result.plan if line.startswith("invalidate"))


def test_fault_injection_runs_only_when_the_setting_enables_it(settings, monkeypatch):
    """Production deploys never reach the kill switch: the hooks and DEPLOY_FAULT are ignored
    unless DEPLOY_FAULT_INJECTION is on (the test settings)."""
    seen: list[tuple[str, int]] = []

    def record(phase: str, done: int) -> None:
        seen.append((phase, done))

    faults.add_hook(record)
    try:
        monkeypatch.setenv(faults.ENV, "html:0")  # would SIGKILL this process if honoured
        settings.DEPLOY_FAULT_INJECTION = False
        faults.checkpoint("html", 0)
        assert seen == []
        monkeypatch.delenv(faults.ENV)
        settings.DEPLOY_FAULT_INJECTION = True
        faults.checkpoint("html", 0)
        assert seen == [("html", 0)]
    finally:
        faults.remove_hook(record)
