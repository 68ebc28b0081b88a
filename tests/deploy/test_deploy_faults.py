"""Faults at named phases: the object store or the deployer killed mid-deploy.

Each time the bucket stays consistent (every live file is its old or new version, whole, and
every asset a live page references exists), the deploy exits non-zero, the recorded live
release can be restored by `rollback`, and a rerun completes and is hash-verified.
"""

import hashlib
import time

import pytest

from deploy.errors import DeployError
from deploy.release import faults
from deploy.release.apply import Options, deploy_build, rollback
from deploy.release.bucket import Bucket
from deploy.release.target import s3_client

from .s3_support import assert_consistent, live_keys, manage, target_for

# No Django database: the same on SQLite and PostgreSQL, so run once (README, Tests).
pytestmark = pytest.mark.dbless

PAGES = ["op-eds/a", "op-eds/b", "topics/nato", "events/x"]
# Storing new content (asset upload), live HTML being replaced, the pointer switch.
PHASES = [("objects", 2), ("html", 2), ("pointer", 0)]


def versions(builds):
    old = builds("old").write(1, PAGES)
    new = builds("new").write(2, [*PAGES[:3], "briefs/y"], css="body{color:#222}")
    return old, new


def recover_and_finish(target, old, new) -> None:
    assert_consistent(target, old.files(), new.files())
    live_id = Bucket(s3_client(target), target).read_pointer().release
    rollback(live_id, Options(), target)
    assert {path: live_keys(target).get(path) for path in old.files()} == old.files()

    deploy_build(new.root, Options(), target)
    live = live_keys(target)
    for path, data in new.files().items():
        assert hashlib.sha256(live[path]).hexdigest() == hashlib.sha256(data).hexdigest()
    uploads = s3_client(target).list_multipart_uploads(Bucket=target.bucket, Prefix=target.prefix)
    assert not uploads.get("Uploads")


@pytest.mark.parametrize(("phase", "after"), PHASES)
def test_object_store_killed_mid_deploy(own_store, builds, settings, phase, after):
    settings.DEPLOY_LOCK_SECONDS = 2  # the lock cannot be released while the store is down
    target = target_for(own_store)
    old, new = versions(builds)
    deploy_build(old.root, Options(), target)

    def kill_store(name, done):
        if name == phase and done == after:
            own_store.kill()

    faults.add_hook(kill_store)
    try:
        with pytest.raises(DeployError):
            deploy_build(new.root, Options(), target)
    finally:
        faults.remove_hook(kill_store)
    own_store.start()
    time.sleep(2.5)
    recover_and_finish(target, old, new)


@pytest.mark.parametrize(("phase", "after"), PHASES)
def test_deployer_killed_mid_deploy(own_store, builds, settings, phase, after):
    target = target_for(own_store)
    old, new = versions(builds)
    deploy_build(old.root, Options(), target)

    killed = manage(
        ["deploy", "--build", str(new.root), "--quiet"],
        target,
        DEPLOY_FAULT=f"{phase}:{after}",
        DEPLOY_LOCK_SECONDS="2",
    )
    assert killed.returncode != 0
    time.sleep(2.5)  # the dead deployer's lock expires
    recover_and_finish(target, old, new)
