#!/usr/bin/env python
"""Publish-to-live latency: from `publish()` returning to the bucket serving the new content.

Usage (from the project root, with the project's virtualenv)::

    .venv/bin/python benchmarks/publish_bench.py [--pages 10000] [--publishes 20]

In a folder of its own (never ``var/``) it seeds a SQLite site (``seed_demo`` plus ``--pages N``
bulk pages), starts its own object store, builds, indexes and deploys once, then starts one
``manage.py worker``. It then publishes an op-ed ``--publishes`` times (a new title each time)
and measures, for each publish, the time until the op-ed's page AND its topic hub are readable in
the bucket with the new title; the next publish follows ``--pause`` seconds later, whether or not
the search step (its own task, outside the sync) has caught up. At the end it reports, apart,
how long after each publish the search index covering it was deployed. It prints p50 and p95.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--publishes", type=int, default=20)
    parser.add_argument("--pause", type=float, default=2.0, help="seconds between publishes")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="publish-bench-"))
    sys.path.insert(0, str(PROJECT))
    from deploy.local.objectstore import LocalStore, free_port_block, read_credentials

    store = LocalStore(work / "store", s3_port=free_port_block())
    store.start(log=work / "weed.log")
    credentials = read_credentials(store.directory)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "CMS_VAR_DIR": str(work / "var"),
        "SITE_BUILD_DIR": str(work / "build"),
        "DEPLOY_S3_ENDPOINT_URL": store.endpoint_url,
        "DEPLOY_S3_BUCKET": store.site_bucket,
        "DEPLOY_S3_RELEASE_BUCKET": store.release_bucket,
        "DEPLOY_S3_PREFIX": "",
        "AWS_ACCESS_KEY_ID": credentials.deployer.access_key,
        "AWS_SECRET_ACCESS_KEY": credentials.deployer.secret_key,
    }
    os.environ.update(env)
    worker = None
    try:
        step("migrate + seed", ["migrate", "--no-input", "-v0"], env)
        step("seed_demo", ["seed_demo"], env)
        if args.pages:
            step(f"seed_demo --pages {args.pages}", ["seed_demo", "--pages", str(args.pages)], env)
        build = str(work / "build")
        step("first full build", ["build", "--output", build, "--jobs", "2", "--quiet"], env)
        step("search index", ["search_index", "--output", build], env)
        step("first deploy", ["deploy", "--build", build, "--quiet"], env)
        worker = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "manage.py",
                "worker",
                "--interval",
                "0.1",
                "--schedule-every",
                "3600",
            ],
            cwd=PROJECT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(work / "worker.log", "w"),  # noqa: SIM115
        )
        measure(args.publishes, args.pause, store.endpoint_url, store.site_bucket)
    finally:
        if worker:
            worker.terminate()
            worker.wait(timeout=60)
        store.stop()
        print(f"(work folder: {work})")


def step(label: str, args: list[str], env: dict) -> None:
    started = time.perf_counter()
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"{label}: {time.perf_counter() - started:.1f} s", flush=True)


def fetch(base: str, path: str) -> bytes:
    try:
        with urllib.request.urlopen(base + path, timeout=10) as response:  # noqa: S310
            return response.read()
    except urllib.error.HTTPError:
        return b""


def measure(publishes: int, pause: float, endpoint: str, bucket: str) -> None:
    import django

    django.setup()
    from deploy.models import SiteSync
    from home.models import TopicHubPage
    from publications.models import OpEdPage

    base = f"{endpoint}/{bucket}/"
    hubs = {hub.topic_id: hub for hub in TopicHubPage.objects.live()}
    page = next(
        p for p in OpEdPage.objects.live().order_by("-display_date") if p.primary_topic_id in hubs
    )
    hub = hubs[page.primary_topic_id]
    live: list[float] = []
    published: dict[str, float] = {}  # title → wall-clock time publish() returned
    for number in range(publishes):
        title = f"Latency probe {number} {time.time_ns()}"
        page.title = title
        page.save_revision().publish()
        started, published[title] = time.monotonic(), time.time()
        wanted = title.encode()
        deadline = started + 300
        while time.monotonic() < deadline:
            if wanted in fetch(base, page.url.lstrip("/") + "index.html") and wanted in fetch(
                base, hub.url.lstrip("/") + "index.html"
            ):
                break
            time.sleep(0.05)
        live.append(time.monotonic() - started)
        print(f"publish {number + 1}: live in {live[-1]:.2f} s", flush=True)
        time.sleep(pause)
    search = []
    deadline = time.monotonic() + 600
    for title, at in published.items():
        covering = SiteSync.objects.filter(requests__reason__contains=f"'{title}'")
        while time.monotonic() < deadline:
            sync = covering.exclude(search_indexed_at=None).first()
            if sync:
                search.append(sync.search_indexed_at.timestamp() - at)
                break
            time.sleep(0.2)
    print(
        f"Publish-to-live (page + topic hub in the bucket), {publishes} publishes: "
        f"p50 {percentile(live, 50):.2f} s, p95 {percentile(live, 95):.2f} s"
    )
    if search:
        print(
            f"Search index deployed after publish: p50 {percentile(search, 50):.2f} s, "
            f"p95 {percentile(search, 95):.2f} s ({len(search)} of {publishes})"
        )


def percentile(values: list[float], pct: int) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[pct - 1]


if __name__ == "__main__":
    main()
