"""The production topology under faults: PostgreSQL, the object store, gunicorn with production
settings and a worker, each a real process; an editor in Chromium signs in with two-factor and
publishes, and the site converges through a worker killed mid-sync, a database restart and an
object store that is away during a sync.

Relaxed for a loopback test, and only this: there is no TLS proxy in front, so the browser sends
the header such a proxy adds (``X-Forwarded-Proto: https``, which production settings trust) and
the plain-HTTP origin it browses from is a trusted CSRF origin. The session and CSRF cookies stay
``Secure`` (Chromium keeps them for 127.0.0.1, a secure context).
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Browser, Page, expect

from ..deploy.s3_support import anonymous_get, settings_for, start_store, target_for
from .postgres import Cluster
from .support import PYTHON, ROOT, manage, production_env
from .test_gunicorn import HTTPS, free_port, get, stop, wait_for

pytestmark = pytest.mark.browser  # it starts a database of its own: once, in the SQLite run

PASSWORD = "correct horse battery staple"
OP_ED = "op-eds/what-would-bombing-mexico-accomplish/index.html"
# Far above what the design needs (seconds), far below what it replaced: a lease of 30 minutes,
# a bucket lock of 10 minutes. A slow machine stays inside it; waiting out a lease does not.
CONVERGE_LIMIT = 180.0

SETUP = """
from django.contrib.auth.models import User
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Page
user = User.objects.create_superuser("editor", "editor@example.org", {password!r})
device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
page = Page.objects.get(url_path__endswith="/op-eds/what-would-bombing-mexico-accomplish/")
print(device.key, page.pk)
"""


class Topology:
    def __init__(self, folder: Path, cluster: Cluster, store, target, env: dict[str, str]):
        self.folder, self.cluster, self.store, self.env = folder, cluster, store, env
        self.target = target
        self.web: subprocess.Popen | None = None
        self.worker: subprocess.Popen | None = None

    def start(self, name: str, argv: list[str]) -> subprocess.Popen:
        log = (self.folder / f"{name}.log").open("ab")
        return subprocess.Popen(argv, cwd=ROOT, env=self.env, stdout=log, stderr=log)  # noqa: S603

    def start_worker(self) -> subprocess.Popen:
        self.worker = self.start("worker", [str(PYTHON), "manage.py", "worker"])
        return self.worker

    def query(self, sql: str) -> list[tuple]:
        with psycopg.connect(self.env["DATABASE_URL"], connect_timeout=5) as connection:
            return connection.execute(sql).fetchall()

    def settled(self) -> bool:
        """Every change is covered by a sync that succeeded, and none is running."""
        waiting = self.query(
            "select count(*) from deploy_syncrequest r left join deploy_sitesync s "
            "on s.id = r.sync_id where r.sync_id is null or s.state <> 'succeeded'"
        )[0][0]
        running = self.query("select count(*) from deploy_sitesync where state = 'running'")
        return waiting == 0 and running[0][0] == 0

    def wait(self, condition, limit: float, what: str) -> float:
        started = time.monotonic()
        while time.monotonic() - started < limit:
            try:
                if condition():
                    return time.monotonic() - started
            except psycopg.OperationalError:
                pass  # the database is restarting
            time.sleep(0.2)
        raise AssertionError(f"{what}: not within {limit:.0f} s. {self.logs()}")

    def live_title(self) -> str:
        status, body, _ = anonymous_get(self.target, OP_ED)
        found = re.search(rb"<h1[^>]*>(.*?)</h1>", body) if status == 200 else None
        return found.group(1).decode() if found else ""

    def logs(self) -> str:
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-2500:]}"
            for path in sorted(self.folder.glob("*.log"))
        )


@pytest.fixture
def topology(tmp_path: Path) -> Iterator[Topology]:
    # Outside pytest's folder, which only root may enter: the server runs as postgres.
    cluster = Cluster(Path(tempfile.mkdtemp(prefix="cms-pg-"))).start()
    store = start_store(tmp_path / "objectstore")
    target = target_for(store)
    port = free_port()
    env = production_env(
        tmp_path,
        DATABASE_URL=cluster.create_database("cms"),
        **settings_for(target),
        SITE_BUILD_DIR=str(tmp_path / "build"),
        WORKER_HEARTBEAT_SECONDS="1",
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
        DJANGO_CSRF_TRUSTED_ORIGINS=f"http://127.0.0.1:{port}",
    )
    # The demo content, seeded through the test settings (production has no demo app).
    seeding = env | {
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "CMS_TEST_MEDIA_ROOT": str(tmp_path / "var" / "media"),
    }
    manage(seeding, "migrate", "--no-input", "-v0", timeout=600)
    manage(seeding, "seed_demo", timeout=600)
    manage(env, "collectstatic", "--no-input", "-v0")
    running = Topology(tmp_path, cluster, store, target, env)
    running.base = f"http://127.0.0.1:{port}"
    # The editor, with the production password hashers (the test settings' are fast, and weak).
    printed = manage(env, "shell", "-c", SETUP.format(password=PASSWORD))
    running.key, running.page_id = printed.strip().splitlines()[-1].split()
    running.web = running.start("gunicorn", [str(PYTHON.with_name("gunicorn")), "-c",
                                             "ops/gunicorn.conf.py", "cms.wsgi"])  # fmt: skip
    wait_for(f"{running.base}/healthz/live", running.web)
    try:
        yield running
    finally:
        for process in (running.worker, running.web):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
        store.kill()
        cluster.stop("immediate")
        shutil.rmtree(cluster.folder, ignore_errors=True)


def sign_in(page: Page, topology: Topology) -> None:
    page.goto(f"{topology.base}/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your authentication code")
    totp = TOTP(bytes.fromhex(topology.key))
    totp.time = time.time()
    page.get_by_label("Six-digit code").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("navigation", name="Main menu")).to_be_visible()


def publish_title(page: Page, topology: Topology, title: str) -> None:
    page.goto(f"{topology.base}/admin/pages/{topology.page_id}/edit/")
    page.locator("#id_title").fill(title)
    page.get_by_role("navigation", name="Actions (footer)").get_by_role(
        "button", name="More actions"
    ).click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text("published")


def test_the_site_converges_through_a_killed_worker_a_database_restart_and_a_store_outage(
    browser: Browser, topology: Topology
):
    context = browser.new_context(extra_http_headers=HTTPS)
    page = context.new_page()
    try:
        sign_in(page, topology)

        # 1. A worker SIGKILLed in the middle of a sync (the first: a full build, seconds long).
        publish_title(page, topology, "Title one")
        first = topology.start_worker()
        topology.wait(
            lambda: topology.query("select count(*) from deploy_sitesync where state='running'")[0][
                0
            ],
            120,
            "a sync started",
        )
        first.send_signal(signal.SIGKILL)
        first.wait()
        cut_short = topology.query("select count(*) from deploy_sitesync where state='running'")
        assert cut_short[0][0] == 1, "the worker died with its sync running"
        topology.start_worker()
        took = topology.wait(
            lambda: topology.settled() and topology.live_title() == "Title one",
            CONVERGE_LIMIT,
            "the site converged after the worker was killed",
        )
        print(f"converged {took:.1f} s after the worker restarted")  # noqa: T201

        # 2. PostgreSQL restarted under the running worker and application server.
        topology.cluster.restart()
        for _ in range(6):  # both gunicorn workers, each with its persistent connection
            status, _, body = get(f"{topology.base}/healthz/ready", HTTPS)
            assert status == 200, body
            status, _, body = get(f"{topology.base}/api/v2/pages/?limit=1", HTTPS)
            assert status == 200, body
        publish_title(page, topology, "Title two")
        topology.wait(
            lambda: topology.settled() and topology.live_title() == "Title two",
            CONVERGE_LIMIT,
            "the worker synced after the database restart",
        )

        # 3. The object store away during a sync: it fails, is retried, and converges.
        topology.store.stop()
        publish_title(page, topology, "Title three")
        topology.wait(
            lambda: (
                topology.query("select count(*) from deploy_sitesync where state='failed'")[0][0]
                >= 2
            ),  # the killed worker's, and this one
            CONVERGE_LIMIT,
            "the sync failed while the store was away",
        )
        topology.store.start(log=topology.folder / "objectstore" / "weed.log")
        topology.wait(
            lambda: topology.settled() and topology.live_title() == "Title three",
            CONVERGE_LIMIT,
            "the site converged once the store was back",
        )
    finally:
        context.close()

    code, _ = stop(topology.worker, signal.SIGTERM)
    assert code == 0, topology.logs()
    code, _ = stop(topology.web, signal.SIGTERM)
    assert code == 0, topology.logs()
