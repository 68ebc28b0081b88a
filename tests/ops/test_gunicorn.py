"""The web process as production runs it: gunicorn with ops/gunicorn.conf.py, production
settings, behind a TLS-terminating proxy (simulated by ``X-Forwarded-Proto: https``; nothing
in the settings is relaxed). And the worker beside it, which /healthz/ready waits for.

Durations are asserted only against generous limits: the machine running the suite is busy.
"""

import json
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..deploy.s3_support import settings_for, start_store, target_for
from .support import PYTHON, ROOT, manage, production_env

# Its own SQLite file and settings module, whatever the suite's database: run once.
pytestmark = pytest.mark.dbless
HTTPS = {"X-Forwarded-Proto": "https"}
STOP_LIMIT = 30.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 — loopback
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wait_for(url: str, process: subprocess.Popen, limit: float = 120, status: int = 200) -> bytes:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        assert process.poll() is None, f"exited with {process.returncode}"
        try:
            code, _, body = get(url)
        except OSError:
            code, body = 0, b""
        if code == status:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{url} did not answer {status} within {limit} s")


def stop(process: subprocess.Popen, sig: signal.Signals) -> tuple[int, float]:
    started = time.monotonic()
    process.send_signal(sig)
    try:
        code = process.wait(timeout=STOP_LIMIT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise AssertionError(f"still running {STOP_LIMIT:.0f} s after {sig.name}") from None
    return code, time.monotonic() - started


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[dict[str, str]]:
    """A migrated production database with collected static files, deploying to a SeaweedFS of
    this module's own (stopped after it, not kept for the session)."""
    folder = tmp_path_factory.mktemp("production")
    store = start_store(folder / "objectstore")
    target = target_for(store)
    env = production_env(
        folder,
        **settings_for(target),
        SITE_BUILD_DIR=str(folder / "build"),
        WORKER_HEARTBEAT_SECONDS="1",
        LOG_FORMAT="json",
    )
    try:
        manage(env, "migrate", "--no-input", "-v0", timeout=600)
        manage(env, "collectstatic", "--no-input", "-v0")
        yield env
    finally:
        store.stop()


def start(argv: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("wb") as out:
        return subprocess.Popen(  # noqa: S603
            argv, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )


def gunicorn(env: dict[str, str], log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [str(PYTHON.with_name("gunicorn")), "-c", "ops/gunicorn.conf.py", "cms.wsgi"]
    web = start(command, env | {"BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "2"}, log)
    return web, f"http://127.0.0.1:{port}"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_gunicorn_serves_the_admin_and_its_static_files_and_stops_cleanly(site, tmp_path, sig):
    web, base = gunicorn(site, tmp_path / "gunicorn.log")
    try:
        # A load balancer's probe over plain HTTP: exempt from the HTTPS redirect.
        assert json.loads(wait_for(f"{base}/healthz/live", web)) == {"status": "ok"}
        # Everything else still redirects plain HTTP to HTTPS.
        status, headers, _ = get(f"{base}/admin/login/")
        assert status == 301 and headers["Location"].startswith("https://")
        status, headers, body = get(f"{base}/admin/login/", HTTPS)
        assert status == 200, body[-2000:]
        assert "Secure" in headers.get("Set-Cookie", "Secure")
        css = re.search(rb'href="(/static/wagtailadmin/css/core\.[0-9a-f]{12}\.css)"', body)
        assert css, "the login page links a content-hashed stylesheet"
        status, headers, _ = get(f"{base}{css.group(1).decode()}", HTTPS)
        assert status == 200
        assert "max-age=315360000" in headers["Cache-Control"]
        assert "immutable" in headers["Cache-Control"]
    finally:
        code, took = stop(web, sig)
    log = (tmp_path / "gunicorn.log").read_text()
    assert code == 0, log[-3000:]
    assert took < STOP_LIMIT
    assert '"GET /admin/login/ HTTP/1.1" 200' in log, "the access log goes to stdout"


def test_ready_waits_for_the_worker_and_a_stopped_worker_is_forgotten(site, tmp_path):
    web, base = gunicorn(site, tmp_path / "gunicorn.log")
    worker = None
    try:
        wait_for(f"{base}/healthz/live", web)
        body = json.loads(wait_for(f"{base}/healthz/ready", web, status=503))
        assert body == {
            "database": "ok",
            "object_store": "ok",
            "worker": "failed",
            "failed": ["worker"],
        }
        worker = start([str(PYTHON), "manage.py", "worker"], site, tmp_path / "worker.log")
        ready = json.loads(wait_for(f"{base}/healthz/ready", web, limit=120))
        assert ready == {"database": "ok", "object_store": "ok", "worker": "ok"}
        code, took = stop(worker, signal.SIGTERM)
        worker_log = (tmp_path / "worker.log").read_text()
        assert code == 0, worker_log[-3000:]
        assert took < STOP_LIMIT
        # A clean stop removes the heartbeat: not ready again at once, not after the limit.
        assert json.loads(get(f"{base}/healthz/ready")[2])["worker"] == "failed"
    finally:
        if worker is not None and worker.poll() is None:
            worker.kill()
            worker.wait()
        code, _ = stop(web, signal.SIGTERM)
    assert code == 0
