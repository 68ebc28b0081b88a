"""The long-running commands stop cleanly on SIGTERM (a service manager) and SIGINT (Ctrl-C):
each real command is started as a process, sent the signal once it is ready, and must exit
with status 0 soon after, leaving no child behind."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from deploy.local.objectstore import free_port_block

from .s3_support import run_manage

ROOT = Path(__file__).resolve().parents[2]
EXIT_WITHIN = 30.0  # generous: the machine may be busy
READY_WITHIN = 120.0
SIGNALS = [pytest.param(signal.SIGTERM, id="SIGTERM"), pytest.param(signal.SIGINT, id="SIGINT")]


def base_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return env | {
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CMS_VAR_DIR": str(tmp_path / "var"),
        "CMS_TEST_MEDIA_ROOT": str(tmp_path / "media"),
        "PYTHONUNBUFFERED": "1",
    }


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[str]]]:
    """``start(args, env)``: ``manage.py args`` as a process, killed if a test leaves it."""
    started: list[subprocess.Popen[str]] = []

    def run(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
        log = open(tmp_path / f"{args[0]}.err", "w")  # noqa: SIM115 — kept by the process
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=log,
            text=True,
            start_new_session=True,  # a stray Ctrl-C in the test's terminal is not its
        )
        started.append(process)
        return process

    yield run
    for process in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_for_line(process: subprocess.Popen[str], text: str) -> str:
    """Read standard output until a line contains ``text`` (readiness)."""
    assert process.stdout is not None
    deadline = time.monotonic() + READY_WITHIN
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if text in line:
            return line
        if not line and process.poll() is not None:
            pytest.fail(f"exited with {process.returncode} before printing {text!r}")
    pytest.fail(f"no {text!r} within {READY_WITHIN} s")


def stop(process: subprocess.Popen[str], signum: int) -> int:
    process.send_signal(signum)
    try:
        return process.wait(timeout=EXIT_WITHIN)
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running {EXIT_WITHIN} s after {signal.Signals(signum).name}")


def children(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.append(int(status.parent.name))
    return found


def gone(pid: int) -> bool:
    """True when ``pid`` no longer exists, not even as a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.dbless
@pytest.mark.parametrize("signum", SIGNALS)
def test_objectstore_stops_and_takes_weed_with_it(start, tmp_path, signum):
    port = free_port_block()
    process = start(
        ["objectstore", "--dir", str(tmp_path / "store"), "--port", str(port)], base_env(tmp_path)
    )
    wait_for_line(process, "Object store at")
    weed = children(process.pid)
    assert weed, "no weed process under the command"
    try:
        assert stop(process, signum) == 0
        assert all(gone(pid) for pid in weed), f"weed {weed} left behind"
    finally:  # weed runs in a session of its own: killing the command's group misses it
        for pid in weed:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.dbless
@pytest.mark.parametrize("signum", SIGNALS)
def test_serve_stops(start, tmp_path, signum):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = base_env(tmp_path) | {"DEPLOY_S3_ENDPOINT_URL": "http://127.0.0.1:9"}
    process = start(["serve", "--port", str(port)], env)
    wait_for_line(process, "The deployed site")
    deadline = time.monotonic() + READY_WITHIN
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
            break
        except OSError:
            assert time.monotonic() < deadline, "serve never accepted a connection"
            time.sleep(0.2)
    assert stop(process, signum) == 0


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a freshly migrated SQLite file the worker processes can open."""
    env = base_env(tmp_path_factory.mktemp("worker"))
    done = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return env


@pytest.mark.parametrize("signum", SIGNALS)
def test_worker_stops_with_its_threads(start, migrated, signum):
    process = start(["worker", "--interval", "0.2", "--schedule-every", "1"], migrated)
    wait_for_line(process, "Worker ")
    time.sleep(1.5)  # let both queue threads and a scheduled-publishing tick get going
    assert stop(process, signum) == 0


SEARCH_STATUS = """
from django_tasks_db.models import DBTaskResult
print(DBTaskResult.objects.get(id={id!r}).status)
"""


@pytest.mark.parametrize("signum", SIGNALS)
def test_worker_lets_a_short_search_step_finish(start, migrated, tmp_path, signum):
    """The search thread is told to stop too: its step in progress is finished, not left
    half-done (marked running forever) by the process exiting under it."""
    process = start(["worker", "--interval", "0.2", "--schedule-every", "60"], migrated)
    wait_for_line(process, "Worker ")
    started = tmp_path / "started"
    enqueue = (
        "from tests.deploy.slow_tasks import slow_search_step\n"
        f"print(slow_search_step.enqueue(3, {str(started)!r}).id)"
    )
    task_id = run_manage(["shell", "-c", enqueue], migrated).split()[-1]
    deadline = time.monotonic() + READY_WITHIN
    while not started.exists():
        assert time.monotonic() < deadline, "the search step never started"
        assert process.poll() is None
        time.sleep(0.1)
    assert stop(process, signum) == 0
    status = run_manage(["shell", "-c", SEARCH_STATUS.format(id=task_id)], migrated).split()[-1]
    assert status == "SUCCESSFUL"
