"""The process model files name commands that exist and settings a supervisor needs.

Procfile, the systemd units and the Dockerfile are read here, not run (systemd and Docker are
not available to the suite); tests/ops/test_gunicorn.py runs the web command for real.
"""

import configparser
import importlib.util
import runpy
import shlex
import sys
from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class

from .support import ROOT

pytestmark = pytest.mark.dbless
UNITS = ROOT / "ops" / "systemd"
SECRET_WORDS = ("SECRET", "PASSWORD", "ACCESS_KEY", "TOKEN", "DATABASE_URL")


def procfile() -> dict[str, list[str]]:
    processes = {}
    for line in (ROOT / "Procfile").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, command = line.split(":", 1)
            processes[name.strip()] = shlex.split(command)
    return processes


def check_manage_command(argv: list[str]) -> None:
    """``python manage.py NAME ARGS``: NAME is a management command that accepts ARGS."""
    assert argv[:2] == ["python", "manage.py"], argv
    name, rest = argv[2], argv[3:]
    assert name in get_commands(), f"no management command {name!r}"
    command = load_command_class(get_commands()[name], name)
    command.create_parser("manage.py", name).parse_args(rest)  # exits on an unknown option


def check_gunicorn_command(argv: list[str]) -> None:
    """``gunicorn -c CONFIG MODULE``: the config file exists and the WSGI module resolves."""
    assert argv[0] == "gunicorn"
    assert Path(sys.executable).with_name("gunicorn").exists(), "gunicorn is installed"
    config = argv[argv.index("-c") + 1]
    assert (ROOT / config).is_file()
    module = argv[-1]
    assert importlib.util.find_spec(module) is not None, module
    assert "application =" in (ROOT / Path(*module.split("."))).with_suffix(".py").read_text()


def test_the_procfile_names_web_worker_and_release_commands_that_exist():
    processes = procfile()
    assert set(processes) == {"web", "worker", "release"}
    check_gunicorn_command(processes["web"])
    check_manage_command(processes["worker"])
    check_manage_command(processes["release"])
    assert processes["release"] == ["python", "manage.py", "migrate", "--no-input"]


def load_config(monkeypatch, **env: str) -> dict:
    for name in ("PORT", "BIND", "WEB_CONCURRENCY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "ops" / "gunicorn.conf.py"))


def test_the_gunicorn_config_reads_bind_and_workers_from_the_environment(monkeypatch):
    config = load_config(monkeypatch)
    assert config["bind"] == "127.0.0.1:8000"
    assert 1 <= config["workers"] <= 12
    assert (config["timeout"], config["graceful_timeout"]) == (60, 20)
    assert config["accesslog"] == "-"
    assert load_config(monkeypatch, PORT="9001")["bind"] == "127.0.0.1:9001"
    assert load_config(monkeypatch, BIND="0.0.0.0:80", PORT="1")["bind"] == "0.0.0.0:80"
    assert load_config(monkeypatch, WEB_CONCURRENCY="3")["workers"] == 3


def read_unit(name: str) -> configparser.ConfigParser:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # systemd keys are case-sensitive
    unit.read_string((UNITS / name).read_text())
    return unit


@pytest.mark.parametrize(
    ("name", "process"),
    [("thinktank-web.service", "web"), ("thinktank-worker.service", "worker")],
)
def test_the_systemd_units_supervise_the_procfile_commands(name, process):
    unit = read_unit(name)
    service = unit["Service"]
    assert service["Restart"] == "on-failure"
    assert int(service["RestartSec"]) > 0
    assert service["KillSignal"] == "SIGTERM"
    assert int(service["TimeoutStopSec"]) > 20, "longer than gunicorn's graceful_timeout"
    assert service["EnvironmentFile"] == "/etc/thinktank/env"
    assert service["User"] not in ("", "root")
    assert "After" in unit["Unit"] and unit["Install"]["WantedBy"] == "multi-user.target"
    # The same command as the Procfile's, with the virtualenv's executables.
    exec_start = shlex.split(service["ExecStart"])
    expected = procfile()[process]
    assert Path(exec_start[0]).name == expected[0]
    assert exec_start[1:] == expected[1:]


def test_the_backup_unit_runs_manage_py_backup_daily_into_a_new_folder():
    service = read_unit("thinktank-backup.service")["Service"]
    assert service["Type"] == "oneshot"
    assert service["EnvironmentFile"] == "/etc/thinktank/env"
    assert service["User"] not in ("", "root")
    shell, flag, script = shlex.split(service["ExecStart"])
    assert (shell, flag) == ("/bin/sh", "-c")
    exec_, python, *argv = shlex.split(script)
    assert exec_ == "exec" and Path(python).name == "python"
    check_manage_command(["python", *argv])
    assert argv[:2] == ["manage.py", "backup"] and "$(date" in argv[2], "a new folder each run"
    timer = read_unit("thinktank-backup.timer")
    assert timer["Timer"]["OnCalendar"].startswith("*-*-* ")  # daily
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Install"]["WantedBy"] == "timers.target"


@pytest.mark.parametrize(
    "name", ["thinktank-web.service", "thinktank-worker.service", "thinktank-backup.service"]
)
def test_no_secret_is_written_into_a_unit(name):
    unit = read_unit(name)
    for section in unit.sections():
        for key, value in unit[section].items():
            if key == "Environment":
                assert not any(word in value.upper() for word in SECRET_WORDS), value


def test_the_dockerfile_builds_one_unprivileged_image_running_the_web_process():
    text = (ROOT / "Dockerfile").read_text()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines[[line.startswith("FROM") for line in lines].index(True)] == (
        "FROM python:3.11-slim"
    )
    user = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert user and user[-1] not in ("root", "0")
    assert "pip install ." in text and "manage.py collectstatic --no-input" in text
    cmd = next(line for line in lines if line.startswith("CMD "))
    assert cmd == f"CMD {str(procfile()['web']).replace(chr(39), chr(34))}"
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".git", ".venv", "var/"} <= set(ignored)
