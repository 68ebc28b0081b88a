#!/usr/bin/env python
"""Benchmark of the static build (`manage.py build`) against wagtail-bakery, in one run.

Usage (from the project root, with the project's virtualenv)::

    .venv/bin/python benchmarks/build_bench.py [--pages 10000] [--workdir DIR] [--skip-bakery]

It seeds a fresh SQLite site with ``seed_demo`` + ``seed_demo --pages N`` in its own folder
(never ``var/``), then measures, on that one database:

1. full build time with ``--jobs 2`` and ``--jobs 1`` (all outputs), the proportional time of
   the HTML pages, a build restricted to the HTML pages, and wagtail-bakery's
   ``AllPublishedPagesView`` rendering the same pages from a separate virtualenv (bakery is
   never installed into the project's ``.venv``);
2. SQL queries per rendered output (in-process ``build_site(jobs=1)``);
3. peak RSS of the ``--jobs 1`` build at N and at N/10 pages;
4. an incremental ``manage.py build`` after one op-ed's title changed.

Every measured step runs in a subprocess. This file is also the program of those subprocesses
(``build_bench.py child MODE ...``), which print one ``BENCH-RESULT {json}`` line.
See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
PROJECT_PYTHON = PROJECT / ".venv" / "bin" / "python"
RESULT_PREFIX = "BENCH-RESULT "
SUMMARY = re.compile(
    r"Built (?P<output>.+?): (?P<rendered>\d+) rendered, (?P<reused>\d+) reused, "
    r"(?P<removed>\d+) removed in (?P<seconds>[\d.]+) s"
)
BAKERY_PACKAGES = ("wagtail-bakery", "django-bakery")
BAKERY_SETTINGS = '''"""Written by benchmarks/build_bench.py: dev settings plus wagtail-bakery."""

import os

from cms.settings.dev import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bakery", "wagtailbakery"]  # noqa: F405
BAKERY_VIEWS = ("wagtailbakery.views.AllPublishedPagesView",)
BUILD_DIR = os.environ["BENCH_BAKERY_DIR"]
# Our build renders with DEBUG off (deploy.export.assets.hashed_static): the same for the baseline.
DEBUG = False
'''
CLIENT_LABEL = "baseline: serial Client().get(page.url) loop (bakery's per-request method)"


# --- running subprocesses ------------------------------------------------------------------


class StepFailed(RuntimeError):
    """A measured subprocess exited non-zero or printed no result."""


@dataclass
class Run:
    """One finished subprocess: wall and CPU time, peak RSS, output."""

    seconds: float
    cpu_seconds: float  # user + system, its own and its waited-for children's
    max_rss_mb: float  # the largest single process among it and its children
    returncode: int
    stdout: str
    stderr: str

    def result(self) -> dict[str, Any]:
        """The JSON a child mode printed on its ``BENCH-RESULT`` line."""
        for line in reversed(self.stdout.splitlines()):
            if line.startswith(RESULT_PREFIX):
                return json.loads(line[len(RESULT_PREFIX) :])
        raise StepFailed(f"no {RESULT_PREFIX.strip()} line in:\n{self.tail()}")

    def tail(self, lines: int = 15) -> str:
        return "\n".join((self.stdout + "\n" + self.stderr).strip().splitlines()[-lines:])


def peak_rss_watcher(pid: int) -> tuple[threading.Thread, list[int]]:
    """Samples the child's ``VmHWM`` (its own high-water mark, in KiB) until it exits.

    Not ``ru_maxrss``: Linux carries the parent's peak over into a child at exec, so once this
    script has held a large manifest in memory every later child would report at least that.
    """
    peak = [0]

    def watch() -> None:
        status = Path(f"/proc/{pid}/status")
        while True:
            try:
                text = status.read_text()
            except (FileNotFoundError, ProcessLookupError):
                return
            for line in text.splitlines():
                if line.startswith("VmHWM:"):
                    peak[0] = max(peak[0], int(line.split()[1]))
            if "State:\tZ" in text:
                return
            time.sleep(0.1)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread, peak


def run_measured(cmd: Sequence[str | Path], env: dict[str, str]) -> Run:
    """Run ``cmd`` in the project folder; ``wait4`` gives this very child's CPU time and a
    watcher its peak memory."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(  # noqa: S603 - our own commands
            [str(c) for c in cmd], stdout=out, stderr=err, env=env, cwd=PROJECT
        )
        watcher, peak = peak_rss_watcher(proc.pid)
        watcher.join()  # returns once the child is a zombie (not yet reaped)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        run = Run(
            seconds=seconds,
            cpu_seconds=usage.ru_utime + usage.ru_stime,
            max_rss_mb=peak[0] / 1024,  # KiB
            returncode=proc.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )
    if run.returncode != 0:
        raise StepFailed(f"{' '.join(map(str, cmd[1:]))} exited {run.returncode}:\n{run.tail()}")
    return run


def site_env(var_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of a project command on the benchmark's own database and media."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update({"CMS_VAR_DIR": str(var_dir), "PYTHONPATH": str(PROJECT), **extra})
    return env


def manage(var_dir: Path, *args: str) -> Run:
    return run_measured([PROJECT_PYTHON, "manage.py", *args], site_env(var_dir))


def child(mode: str, var_dir: Path, *args: str, python: Path = PROJECT_PYTHON, **env: str) -> Run:
    """Run this file as ``child MODE ARGS`` on the site in ``var_dir``."""
    cmd = [python, Path(__file__).resolve(), "child", mode, *args]
    return run_measured(cmd, site_env(var_dir, **env))


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def load_average() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


# --- the site and our build ------------------------------------------------------------------


def seed_site(var_dir: Path, pages: int) -> float:
    """A new SQLite site in ``var_dir``: migrate, the demo site, then ``pages`` bulk pages."""
    shutil.rmtree(var_dir, ignore_errors=True)
    var_dir.mkdir(parents=True)
    started = time.perf_counter()
    manage(var_dir, "migrate", "--no-input")
    manage(var_dir, "seed_demo")
    manage(var_dir, "seed_demo", "--pages", str(pages))
    return time.perf_counter() - started


@dataclass
class BuildRun:
    """One build: its own timing (around ``build_site``) and what we measured around it."""

    seconds: float  # as the build reports it: without interpreter and Django start-up
    wall: float  # the whole subprocess
    cpu: float
    max_rss_mb: float
    rendered: int
    reused: int
    removed: int
    queries: int | None = None


def cli_build(var_dir: Path, output: Path, *, jobs: int, full: bool) -> BuildRun:
    """``manage.py build``, its summary line parsed."""
    args = ["build", "--output", str(output), "--jobs", str(jobs), "--quiet"]
    run = manage(var_dir, *args, *(["--full"] if full else []))
    match = SUMMARY.search(run.stdout)
    if match is None:
        raise StepFailed(f"no summary line in the build's output:\n{run.tail()}")
    return BuildRun(
        seconds=float(match["seconds"]),
        wall=run.seconds,
        cpu=run.cpu_seconds,
        max_rss_mb=run.max_rss_mb,
        rendered=int(match["rendered"]),
        reused=int(match["reused"]),
        removed=int(match["removed"]),
    )


def counted_build(var_dir: Path, output: Path) -> BuildRun:
    """``build_site(jobs=1, full=True)`` in a child (what ``build --full --jobs 1`` runs),
    with its SQL queries counted."""
    run = child("build", var_dir, str(output))
    result = run.result()
    return BuildRun(
        seconds=result["seconds"],
        wall=run.seconds,
        cpu=run.cpu_seconds,
        max_rss_mb=run.max_rss_mb,
        rendered=result["rendered"],
        reused=result["reused"],
        removed=0,
        queries=result["queries"],
    )


def output_inodes(output: Path) -> dict[str, int]:
    """Inode of every file in a build: outputs an incremental build reuses are hard links."""
    return {
        str(path.relative_to(output)): path.stat().st_ino
        for path in output.rglob("*")
        if path.is_file()
    }


def manifest(output: Path) -> dict[str, Any]:
    path = output / "manifest.json"
    return json.loads(path.read_text()) if path.exists() else {}


# --- the bakery environment -------------------------------------------------------------------


def pinned_requirements() -> list[str]:
    """The project's runtime dependencies, as pinned in pyproject.toml."""
    data = tomllib.loads((PROJECT / "pyproject.toml").read_text())
    return list(data["project"]["dependencies"])


def pip(venv: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [str(venv / "bin" / "python"), "-m", "pip", "--disable-pip-version-check", *args]
    return subprocess.run(cmd, capture_output=True, text=True, check=False)  # noqa: S603


def create_bakery_venv(venv: Path) -> list[str]:
    """A new venv: the project's pinned dependencies at .venv's exact versions, plus bakery.

    The project itself is not installed there (that would write into the work tree): its
    folder goes on PYTHONPATH. Returns notes on what happened.
    """
    shutil.rmtree(venv, ignore_errors=True)
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", str(venv)], check=True)  # noqa: S603
    frozen = subprocess.run(  # noqa: S603
        [str(PROJECT_PYTHON), "-m", "pip", "freeze", "--exclude-editable"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    constraints = venv / "constraints.txt"
    constraints.write_text(frozen)
    done = pip(venv, "install", "-q", "-c", str(constraints), *pinned_requirements())
    if done.returncode != 0:
        return [f"the project's requirements did not install: {done.stderr.strip()[-300:]}"]
    done = pip(venv, "install", "-q", "-c", str(constraints), *BAKERY_PACKAGES)
    if done.returncode == 0:
        return [f"created {venv}"]
    notes = [f"pip refused wagtail-bakery's pins ({done.stderr.strip()[-200:]}); --no-deps"]
    done = pip(venv, "install", "-q", "--no-deps", *BAKERY_PACKAGES, "fs", "six", "appdirs")
    if done.returncode != 0:
        notes.append(f"pip --no-deps failed too: {done.stderr.strip()[-300:]}")
    return notes


def html_files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("index.html"))


HASHED_NAME = re.compile(rb"\.[0-9a-f]{12}(\.[a-z0-9]+)\b")


def same_bytes(ours: Path, theirs: Path, paths: list[str]) -> int:
    """How many of ``paths`` are the same page in both builds, once our asset hashes are cut."""
    alike = 0
    for path in paths:
        mine, other = ours / path, theirs / path
        if mine.exists() and HASHED_NAME.sub(rb"\1", mine.read_bytes()) == other.read_bytes():
            alike += 1
    return alike


# --- the report -------------------------------------------------------------------------------


@dataclass
class Row:
    metric: str
    value: str
    note: str = ""


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def add(self, metric: str, value: str, note: str = "") -> None:
        self.rows.append(Row(metric, value, note))

    def step(self, name: str, action: Callable[[], Any]) -> Any:
        """Run one step; a failure goes into the table instead of ending the benchmark."""
        log(name)
        try:
            return action()
        except Exception as exc:  # noqa: BLE001 - any failure becomes a FAILED row
            self.problems.append(f"{name}: {exc}")
            self.add(name, "FAILED", str(exc).splitlines()[0][:100])
            log(f"  failed: {exc}")
            return None

    def print(self, title: str) -> None:
        header = Row("metric", "value", "note")
        width = {a: max(len(getattr(r, a)) for r in [header, *self.rows]) for a in header.__dict__}
        rule = "-" * min(160, width["metric"] + width["value"] + 4 + width["note"])
        print(f"\n{title}\n{rule}")
        for row in [header, None, *self.rows]:
            if row is None:
                print(rule)
                continue
            print(f"{row.metric:<{width['metric']}}  {row.value:>{width['value']}}  {row.note}")
        print(rule)
        for problem in self.problems:
            print(f"PROBLEM: {problem}")


def per_page(seconds: float, count: int) -> str:
    return f"{1000 * seconds / count:.1f} ms/page" if count else "n/a"


# --- the benchmark ------------------------------------------------------------------------------


@dataclass
class Bench:
    pages: int
    workdir: Path
    bakery_venv: Path
    skip_bakery: bool
    report: Report = field(default_factory=Report)
    html: int = 0  # HTML page outputs: one per public page
    total: int = 0  # all planned outputs

    @property
    def var(self) -> Path:
        return self.workdir / f"site-{self.pages}" / "var"

    def out(self, name: str) -> Path:
        return self.workdir / "out" / name

    def run(self) -> None:
        r = self.report
        r.add(
            "load average (1/5/15 min) at start", load_average(), "other processes share the CPUs"
        )
        seconds = r.step(f"seed {self.pages} pages", lambda: seed_site(self.var, self.pages))
        if seconds is None:
            return
        r.add("seed: migrate + seed_demo + --pages N", f"{seconds:.1f} s", str(self.var))
        plan = r.step("plan", lambda: child("plan", self.var).result())
        if plan is None:
            return
        self._report_plan(plan)
        full = {
            2: r.step("full build --jobs 2", self._cli_full(2)),
            1: r.step("full build --jobs 1, queries counted", self._counted_full),
        }
        for jobs, result in full.items():
            if result:
                self._report_full(jobs, result)
        # Incremental next, before concurrent code edits can change the build's code fingerprint.
        self._incremental(full[1])
        # From here on the database has the edited op-ed: ours and bakery's see the same one.
        only = {
            jobs: r.step(f"build restricted to HTML pages, --jobs {jobs}", self._html_only(jobs))
            for jobs in (1, 2)
        }
        for jobs, result in only.items():
            if result:
                self._report_html_only(jobs, result)
        baseline = None if self.skip_bakery else self._baseline(plan["html_paths"])
        if baseline:
            self._report_ratios(baseline, only, full)
        self._memory(full[1])
        r.add("load average (1/5/15 min) at the end", load_average())

    # steps -----------------------------------------------------------------------------------

    def _cli_full(self, jobs: int) -> Callable[[], BuildRun]:
        return lambda: cli_build(self.var, self.out(f"full-j{jobs}"), jobs=jobs, full=True)

    def _counted_full(self) -> BuildRun:
        return counted_build(self.var, self.out("full-j1"))

    def _html_only(self, jobs: int) -> Callable[[], dict[str, Any]]:
        def action() -> dict[str, Any]:
            run = child("html-only", self.var, str(self.out(f"html-only-j{jobs}")), str(jobs))
            return {**run.result(), "max_rss_mb": run.max_rss_mb, "cpu": run.cpu_seconds}

        return action

    def _baseline(self, ours: list[str]) -> dict[str, Any] | None:
        """wagtail-bakery from its own venv; the test-Client loop when bakery cannot run."""
        r = self.report
        version = r.step("bakery venv", self._bakery_version)
        result = r.step(f"{version} build", lambda: self._bakery(version)) if version else None
        if result is None:
            r.problems.append("wagtail-bakery did not run: the baseline is the test-Client loop")
            result = r.step("test-Client baseline", self._client_baseline)
        if result is None:
            return None
        theirs = result["paths"]
        same = "identical" if set(ours) == set(theirs) else "DIFFERENT"
        alike = same_bytes(self.out("html-only-j1"), self.out(result["folder"]), theirs)
        r.add(
            f"{result['label']}: pages",
            f"{len(theirs)}",
            f"page set vs ours: {same} (only ours {len(set(ours) - set(theirs))}, "
            f"only theirs {len(set(theirs) - set(ours))}); byte-identical to ours "
            f"(asset hashes aside): {alike}/{len(theirs)}",
        )
        r.add(
            f"{result['label']}: time",
            f"{result['seconds']:.1f} s",
            f"{per_page(result['seconds'], len(theirs))}, serial, DEBUG off; "
            f"{result['queries'] / max(len(theirs), 1):.1f} queries/page; "
            f"CPU {result['cpu']:.0f} s; peak RSS {result['max_rss_mb']:.0f} MB",
        )
        return result

    def _bakery_version(self) -> str | None:
        """'wagtail-bakery X (django-bakery Y)' if it sets up and imports in its venv."""
        for attempt in ("reuse", "create"):
            if attempt == "create" or not (self.bakery_venv / "bin" / "python").exists():
                for note in create_bakery_venv(self.bakery_venv):
                    log(f"  {note}")
            try:
                return self._bakery_child("check").result()["version"]
            except StepFailed as exc:
                log(f"  bakery does not run ({attempt}): {exc}")
        self.report.problems.append(
            "wagtail-bakery installed but does not run with Wagtail 8 / Django 5.2"
        )
        return None

    def _bakery_child(self, mode: str, *args: str) -> Run:
        settings_dir = self.workdir / "pythonpath"
        settings_dir.mkdir(parents=True, exist_ok=True)
        (settings_dir / "bench_settings.py").write_text(BAKERY_SETTINGS)
        return child(
            mode,
            self.var,
            *args,
            python=self.bakery_venv / "bin" / "python",
            PYTHONPATH=f"{settings_dir}{os.pathsep}{PROJECT}",
            DJANGO_SETTINGS_MODULE="bench_settings",
            BENCH_BAKERY_DIR=str(self.out("bakery")),
        )

    def _bakery(self, version: str) -> dict[str, Any]:
        run = self._bakery_child("bakery", str(self.out("bakery")))
        return {
            **run.result(),
            "label": version,
            "folder": "bakery",
            "max_rss_mb": run.max_rss_mb,
            "cpu": run.cpu_seconds,
        }

    def _client_baseline(self) -> dict[str, Any]:
        run = child("client", self.var, str(self.out("client")))
        return {
            **run.result(),
            "label": CLIENT_LABEL,
            "folder": "client",
            "max_rss_mb": run.max_rss_mb,
            "cpu": run.cpu_seconds,
        }

    def _incremental(self, full: BuildRun | None) -> None:
        """Edit one op-ed, rebuild into the --jobs 1 output; retried once if the code changed."""
        r = self.report
        output = self.out("full-j1")
        if full is None or not (output / "manifest.json").exists():
            r.add("incremental build", "skipped", "no full --jobs 1 build to start from")
            return
        for attempt in (1, 2):
            before, inodes = manifest(output), output_inodes(output)
            edited = r.step("edit one op-ed title", lambda: child("edit", self.var).result())
            result = edited and r.step(
                "incremental build --jobs 1",
                lambda: cli_build(self.var, output, jobs=1, full=False),
            )
            if not result:
                return
            after = manifest(output)
            code_changed = before.get("state", {}).get("code") != after.get("state", {}).get("code")
            if not code_changed:
                break
            note = "project code changed between the full and the incremental build"
            if attempt == 1:
                log(f"  {note}: a new full build (--jobs 2) to start from, then again")
                r.step(
                    "refresh full build --jobs 2",
                    lambda: cli_build(self.var, output, jobs=2, full=True),
                )
            else:
                r.problems.append(f"incremental: {note} (twice); the figure is not representative")
        self._report_incremental(full, result, edited, before, after, inodes)

    def _memory(self, full: BuildRun | None) -> None:
        """The --jobs 1 build's peak RSS at N against a site of N/10 pages."""
        r = self.report
        small = self.pages // 10
        var = self.workdir / f"site-{small}" / "var"
        if full is None or r.step(f"seed {small} pages", lambda: seed_site(var, small)) is None:
            return
        result = r.step(
            f"full build --jobs 1 at {small} pages",
            lambda: counted_build(var, self.out(f"full-j1-n{small}")),
        )
        if result is None:
            return
        r.add(
            f"full build --jobs 1 at N/10 = {small}",
            f"{result.seconds:.1f} s",
            f"{result.rendered} outputs; {result.queries / result.rendered:.2f} queries/output",
        )
        r.add(f"peak RSS, --jobs 1 build, N = {self.pages}", f"{full.max_rss_mb:.0f} MB")
        r.add(f"peak RSS, --jobs 1 build, N/10 = {small}", f"{result.max_rss_mb:.0f} MB")
        r.add(
            "peak RSS ratio N / (N/10)",
            f"{full.max_rss_mb / result.max_rss_mb:.2f}×",
            "1.0 = flat in pages; 10 = linear",
        )

    # report rows -----------------------------------------------------------------------------

    def _report_plan(self, plan: dict[str, Any]) -> None:
        self.html, self.total = plan["html_pages"], plan["outputs"]
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(plan["by_kind"].items()))
        self.report.add("planned outputs (all)", f"{self.total}", kinds)
        self.report.add(
            "HTML page outputs (one per public page)", f"{self.html}", "what bakery renders"
        )

    def _share(self, result: BuildRun) -> float:
        """The HTML pages' proportional share of a full build's time."""
        return result.seconds * self.html / self.total

    def _report_full(self, jobs: int, result: BuildRun) -> None:
        r = self.report
        how = "manage.py build" if result.queries is None else "build_site in a child"
        r.add(
            f"our full build --jobs {jobs}, all outputs",
            f"{result.seconds:.1f} s",
            f"{how}: {result.rendered} rendered, {result.rendered / result.seconds:.0f} "
            f"outputs/s; process {result.wall:.1f} s wall, {result.cpu:.0f} s CPU, "
            f"peak RSS {result.max_rss_mb:.0f} MB",
        )
        r.add(
            f"  HTML pages' proportional share (--jobs {jobs})",
            f"{self._share(result):.1f} s",
            f"ESTIMATE: total × {self.html}/{self.total} outputs = "
            f"{per_page(self._share(result), self.html)}",
        )
        if result.queries is not None:
            r.add(
                "SQL queries, full build --jobs 1",
                f"{result.queries}",
                f"{result.queries / result.rendered:.2f} per rendered output "
                f"({result.rendered}); {result.queries / self.html:.2f} per HTML page",
            )

    def _report_html_only(self, jobs: int, result: dict[str, Any]) -> None:
        note = (
            f"{result['rendered']} rendered, {per_page(result['seconds'], result['rendered'])}; "
            f"CPU {result['cpu']:.0f} s; peak RSS {result['max_rss_mb']:.0f} MB"
        )
        if result["queries"] is not None:
            note += f"; {result['queries'] / result['rendered']:.1f} queries/page"
        self.report.add(
            f"our build restricted to HTML pages, --jobs {jobs}",
            f"{result['seconds']:.1f} s",
            note,
        )

    def _report_ratios(
        self,
        baseline: dict[str, Any],
        only: dict[int, dict[str, Any] | None],
        full: dict[int, BuildRun | None],
    ) -> None:
        theirs = baseline["seconds"]
        for jobs, result in only.items():
            if result:
                self.report.add(
                    f"SPEED-UP vs baseline, HTML pages only, --jobs {jobs}",
                    f"{theirs / result['seconds']:.2f}×",
                    "baseline time / our time, same pages, same database (measured)",
                )
        for jobs, built in full.items():
            if built:
                self.report.add(
                    f"speed-up vs baseline, proportional, --jobs {jobs}",
                    f"{theirs / self._share(built):.2f}×",
                    "baseline / our HTML pages' proportional share (ESTIMATE)",
                )
                self.report.add(
                    f"speed-up vs baseline, raw totals, --jobs {jobs}",
                    f"{theirs / built.seconds:.2f}×",
                    f"our {self.total} outputs vs their {self.html} pages (NOT equal work)",
                )

    def _report_incremental(
        self,
        full: BuildRun,
        result: BuildRun,
        edited: dict[str, Any],
        before: dict[str, Any],
        after: dict[str, Any],
        inodes: dict[str, int],
    ) -> None:
        output = self.out("full-j1")
        written = sorted(p for p, ino in output_inodes(output).items() if inodes.get(p) != ino)
        outputs = [p for p in written if not p.startswith(("static/", "media/", "manifest.json"))]
        old, new = before.get("entries", {}), after.get("entries", {})
        changed = sorted(p for p in new if old.get(p, {}).get("sha256") != new[p]["sha256"])
        listing = self.workdir / "incremental-rendered.txt"
        listing.write_text("".join(f"{p}\n" for p in outputs))
        r = self.report
        r.add(
            "incremental build after 1 op-ed title edit",
            f"{result.seconds:.1f} s",
            f"{100 * result.seconds / full.seconds:.1f}% of the full --jobs 1 build; summary: "
            f"{result.rendered} rendered, {result.reused} reused, {result.removed} removed",
        )
        r.add(
            "  outputs rewritten (new inode, no assets)",
            f"{len(outputs)}",
            f"edited {edited['url']}; all in {listing} (an output rendered again whose bytes "
            "did not change is not rewritten)",
        )
        for path in outputs[:40]:
            r.add("", "", f"  {path}")
        if len(outputs) > 40:
            r.add("", "", f"  … and {len(outputs) - 40} more")
        unchanged = sorted(set(outputs) - set(changed))
        missed = sorted(set(changed) - set(outputs) - {"manifest.json"})
        r.add(
            "  outputs whose bytes changed (manifest sha256)",
            f"{len(changed)}",
            f"rendered but identical: {len(unchanged)}; changed but not rendered: {len(missed)} "
            + ", ".join(missed[:5]),
        )


# --- child modes: run in a subprocess with the site's environment ------------------------------


def emit(result: dict[str, Any]) -> None:
    print(RESULT_PREFIX + json.dumps(result), flush=True)


@contextmanager
def counting_queries() -> Iterator[list[int]]:
    """Counts this process's SQL queries on the default connection: ``box[0]``."""
    from django.db import connection

    box = [0]

    def counter(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any):
        box[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        yield box


def is_html_page(job: Any) -> bool:
    """One output per public page at its own URL: what bakery renders (no routes, no JSON)."""
    from deploy.export.outputs import Kind

    return job.kind is Kind.PAGE and not job.route


def child_plan() -> None:
    from deploy.export.plan import plan_site

    jobs = plan_site().jobs.values()
    kinds = Counter(f"{job.kind.value}{' route' if job.route else ''}" for job in jobs)
    html = sorted(job.path for job in jobs if is_html_page(job))
    emit({"outputs": len(jobs), "by_kind": kinds, "html_pages": len(html), "html_paths": html})


def child_build(output: str) -> None:
    """``build_site(jobs=1, full=True)``, exactly what ``build --full --jobs 1`` calls."""
    from deploy.export.build import build_site

    with counting_queries() as queries:
        result = build_site(Path(output), jobs=1, full=True)
    emit(
        {
            "queries": queries[0],
            "rendered": result.rendered,
            "reused": result.reused,
            "seconds": result.seconds,
        }
    )


def child_html_only(output: str, jobs: str) -> None:
    """``build_site`` with its plan cut to the HTML pages (deploy code untouched: patched here).

    Those pages link to routes and JSON this run does not build, so validation runs (its time
    counts) but its broken-link verdict is ignored. Queries are counted with ``jobs == 1`` only
    (workers are other processes).
    """
    import deploy.export.build as build
    from deploy.errors import BuildError

    plan_site, validate = build.plan_site, build.validate

    def pages_only(*args: Any, **kwargs: Any) -> Any:
        plan = plan_site(*args, **kwargs)
        plan.jobs = {path: job for path, job in plan.jobs.items() if is_html_page(job)}
        return plan

    def lenient(*args: Any, **kwargs: Any) -> None:
        with suppress(BuildError):
            validate(*args, **kwargs)

    build.plan_site, build.validate = pages_only, lenient
    with counting_queries() as queries:
        result = build.build_site(Path(output), jobs=int(jobs), full=True)
    emit(
        {
            "rendered": result.rendered,
            "seconds": result.seconds,
            "queries": queries[0] if jobs == "1" else None,
        }
    )


def child_check() -> None:
    """In the bakery venv: bakery's build command and wagtail-bakery's view import."""
    import importlib.metadata as metadata

    from bakery.management.commands.build import Command  # noqa: F401
    from wagtailbakery.views import AllPublishedPagesView  # noqa: F401

    version = metadata.version
    emit(
        {
            "version": f"wagtail-bakery {version('wagtail-bakery')} "
            f"(django-bakery {version('django-bakery')})"
        }
    )


def child_bakery(output: str) -> None:
    """Bakery's ``build`` command (not ours), pages only: no static, no media."""
    from bakery.management.commands.build import Command
    from django.core.management import call_command

    started = time.perf_counter()
    with counting_queries() as queries:
        call_command(Command(), build_dir=output, skip_static=True, skip_media=True, verbosity=0)
    seconds = time.perf_counter() - started
    emit({"seconds": seconds, "queries": queries[0], "paths": html_files(Path(output))})


def child_client(output: str) -> None:
    """Bakery's approach without bakery: every live public page through Django's test Client."""
    from django.test import Client
    from django.test.utils import override_settings
    from wagtail.models import Site

    root = Path(output)
    shutil.rmtree(root, ignore_errors=True)
    client = Client()
    started = time.perf_counter()
    with override_settings(DEBUG=False), counting_queries() as queries:
        site = Site.objects.get(is_default_site=True)
        for page in site.root_page.get_descendants(inclusive=True).public().live():
            url = page.specific.url
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url}: HTTP {response.status_code}")
            target = root / url.lstrip("/") / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(response.content)
    seconds = time.perf_counter() - started
    emit({"seconds": seconds, "queries": queries[0], "paths": html_files(root)})


def child_edit() -> None:
    """Change one live op-ed's title and publish it as a new revision."""
    from publications.models import OpEdPage

    page = OpEdPage.objects.live().public().order_by("path").first()
    if page is None:
        raise SystemExit("no live op-ed to edit")
    old = page.title
    page.title = f"{old} (edited {time.strftime('%H:%M:%S')})"
    page.save_revision().publish()
    emit({"id": page.pk, "url": page.url, "old": old, "new": page.title})


CHILDREN: dict[str, Callable[..., None]] = {
    "plan": child_plan,
    "build": child_build,
    "html-only": child_html_only,
    "check": child_check,
    "bakery": child_bakery,
    "client": child_client,
    "edit": child_edit,
}


def run_child(argv: list[str]) -> None:
    mode, *args = argv
    sys.path.insert(0, str(PROJECT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    CHILDREN[mode](*args)


# --- entry point ------------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10_000, help="bulk pages (default 10000)")
    parser.add_argument("--workdir", type=Path, help="folder for DBs and builds (default: new)")
    parser.add_argument(
        "--bakery-venv",
        type=Path,
        default=Path(tempfile.gettempdir()) / "build-bench-venv",
        help="virtualenv for wagtail-bakery, created when missing (default /tmp/build-bench-venv)",
    )
    parser.add_argument("--skip-bakery", action="store_true", help="no bakery baseline")
    args = parser.parse_args(argv)
    if args.pages < 10:
        parser.error("--pages must be at least 10")
    return args


def main(argv: list[str]) -> int:
    if argv[:1] == ["child"]:
        run_child(argv[1:])
        return 0
    args = parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix=f"build-bench-{args.pages}-"))
    workdir = workdir.resolve()
    if PROJECT in [workdir, *workdir.parents]:
        raise SystemExit("--workdir must be outside the project (e.g. under /tmp)")
    workdir.mkdir(parents=True, exist_ok=True)
    log(f"workdir {workdir}")
    bench = Bench(args.pages, workdir, args.bakery_venv.resolve(), args.skip_bakery)
    started = time.perf_counter()
    try:
        bench.run()
    except Exception as exc:  # noqa: BLE001 - still print what was measured
        bench.report.problems.append(f"the benchmark stopped: {exc!r}")
    minutes = (time.perf_counter() - started) / 60
    bench.report.print(
        f"Build benchmark: seed_demo --pages {args.pages} on SQLite, {os.cpu_count()} cores, "
        f"{minutes:.1f} min in all (workdir {workdir})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
