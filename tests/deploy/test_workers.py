"""Two real `manage.py worker` processes on one database and one object store.

The processes need a database file they can share, so this test runs on a copy of the demo site
seeded into SQLite once per session (whatever database the rest of the suite runs on).
"""

import json
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from .s3_support import anonymous_get, run_manage, site_copy_env, target_for

# Its own SQLite file whatever the suite's database: the same on both, so run once.
pytestmark = pytest.mark.dbless
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


@pytest.fixture
def shared_site(tmp_path, store, seeded_database):
    target = target_for(store)
    timing = {"SYNC_QUIET_SECONDS": "1", "SYNC_MAX_WAIT_SECONDS": "15"}
    env = site_copy_env(seeded_database, tmp_path, target) | timing
    return env, target, Path(env["DATABASE_URL"].removeprefix("sqlite:///"))


def most_syncs(created: list[datetime]) -> int:
    """The syncs the design allows for requests made at these times: the first change at once;
    after it, a sync starts only after a quiet spell (``SYNC_QUIET_SECONDS``, 1 s here) or
    once the oldest waiting request waited ``SYNC_MAX_WAIT_SECONDS`` (15 s). A slow machine
    stretches the burst and may pause it, so the bound is computed from the requests' own
    times, not assumed."""
    quiet, max_wait = 1.0, 15.0
    pauses = sum(
        (later - earlier).total_seconds() >= quiet
        for earlier, later in zip(created, created[1:], strict=False)
    )
    span = (created[-1] - created[0]).total_seconds()
    return 1 + (pauses + 1) + (int(span // max_wait) + 1)


def wait_until_settled(database: Path, timeout: float = 900) -> None:
    """Until every request is covered by a finished sync. The limit only catches a stuck
    worker: a busy machine may take minutes (the rules are asserted from the records)."""
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
    with sqlite3.connect(database, timeout=30) as db:
        syncs = db.execute("select state, attempt, error from deploy_sitesync").fetchall()
    raise AssertionError(f"the workers did not bring the site up to date in time: {syncs}")


def test_a_burst_of_50_publishes_is_coalesced_and_the_last_state_wins(shared_site):
    """Two workers, one burst: syncs never overlap, each waited for a quiet spell or the
    maximum wait (however slow this machine is), and the last state wins."""
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
        url = json.loads(
            run_manage(["shell", "-c", "import json\n" + BURST], env).splitlines()[-1]
        )["url"]
        wait_until_settled(database)
    finally:
        for worker in workers:
            worker.terminate()
        logs = "\n".join(worker.communicate(timeout=60)[1][-3000:] for worker in workers)

    with sqlite3.connect(database) as db:
        syncs = db.execute(
            "select started_at, finished_at, state, worker from deploy_sitesync "
            "where started_at >= ? order by started_at",
            (started,),
        ).fetchall()
        created = [
            datetime.fromisoformat(row[0])
            for row in db.execute(
                "select created_at from deploy_syncrequest where created_at >= ? "
                "order by created_at",
                (started,),
            )
        ]
    assert len(created) == 50, len(created)
    assert 1 <= len(syncs) <= most_syncs(created), (syncs, created, logs)
    assert all(state == "succeeded" for _, _, state, _ in syncs), (syncs, logs)
    for earlier, later in zip(syncs, syncs[1:], strict=False):
        assert earlier[1] <= later[0], "two syncs overlapped"
    page = anonymous_get(target, url.lstrip("/") + "index.html")[1]
    assert b"Burst title 49" in page, "the last state wins"
