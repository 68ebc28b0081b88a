"""Two real `manage.py worker` processes on one database and one object store.

The processes need a database file they can share, so this test seeds its own SQLite site in a
folder of its own (whatever database the rest of the suite runs on).
"""

import json
import os
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from .s3_support import anonymous_get, target_for

ROOT = Path(__file__).resolve().parents[2]
BURST = """
import time
from publications.models import OpEdPage
page = OpEdPage.objects.live().order_by("pk").first()
for number in range(50):
    page.title = f"Burst title {number}"
    page.save_revision().publish()
    time.sleep(0.2)
print(json.dumps({"url": page.url}))
"""


def run(args, env, timeout=300):
    done = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.fixture
def shared_site(tmp_path, store):
    target = target_for(store)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "CMS_VAR_DIR": str(tmp_path / "var"),
        "SITE_BUILD_DIR": str(tmp_path / "build"),
        "DEPLOY_S3_ENDPOINT_URL": target.endpoint_url,
        "DEPLOY_S3_BUCKET": target.bucket,
        "DEPLOY_S3_PREFIX": target.prefix,
        "AWS_ACCESS_KEY_ID": target.access_key,
        "AWS_SECRET_ACCESS_KEY": target.secret_key,
        "SYNC_QUIET_SECONDS": "1",
    }
    run(["migrate", "--no-input", "-v0"], env)
    run(["seed_demo"], env)
    return env, target, tmp_path / "var" / "db.sqlite3"


def wait_until_settled(database: Path, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with sqlite3.connect(database, timeout=30) as db:
            waiting = db.execute(
                "select count(*) from deploy_syncrequest where sync_id is null"
            ).fetchone()[0]
            running = db.execute(
                "select count(*) from deploy_sitesync where state = 'running'"
            ).fetchone()[0]
        if not waiting and not running:
            return
        time.sleep(0.5)
    raise AssertionError("the workers did not bring the site up to date in time")


def test_a_burst_of_50_publishes_gives_at_most_two_syncs_and_the_last_state(shared_site):
    env, target, database = shared_site
    workers = [
        subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "worker",
                "--interval",
                "0.2",
                "--schedule-every",
                "3600",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        started = datetime.utcnow().isoformat(sep=" ")
        url = json.loads(run(["shell", "-c", "import json\n" + BURST], env).splitlines()[-1])["url"]
        wait_until_settled(database)
    finally:
        for worker in workers:
            worker.terminate()
        logs = [worker.communicate(timeout=60)[1] for worker in workers]
    print("\n".join(log[-3000:] for log in logs))

    with sqlite3.connect(database) as db:
        syncs = db.execute(
            "select started_at, finished_at, state, worker from deploy_sitesync "
            "where started_at >= ? order by started_at",
            (started,),
        ).fetchall()
    assert 1 <= len(syncs) <= 2, syncs
    assert all(state == "succeeded" for _, _, state, _ in syncs), syncs
    for earlier, later in zip(syncs, syncs[1:], strict=False):
        assert earlier[1] <= later[0], "two syncs overlapped"
    page = anonymous_get(target, url.lstrip("/") + "index.html")[1]
    assert b"Burst title 49" in page, "the last state wins"
