#!/usr/bin/env python
"""Benchmark of `deploy` against a real SeaweedFS on this machine, in one run.

Usage (from the project root, with the project's virtualenv)::

    .venv/bin/python benchmarks/deploy_bench.py [--pages 10000] [--build DIR]

Without ``--build`` it writes a synthetic build of N pages shaped like ours (an HTML page of
~25 KB and its ~4 KB JSON per page, hashed CSS/JS, feeds, sitemap, a search index) with a
valid manifest. It starts its own object store on free ports, then measures:

1. a full deploy (ours: content-addressed store + ordered parallel copies) vs a sequential
   ``put_object`` loop of the same files into another prefix — seconds and ratio;
2. the S3 requests of a no-op deploy (same build again);
3. the S3 requests of a deploy after one page changed.

On loopback every request costs only CPU (client and server share the two cores), so
concurrency gains little; a real bucket is a network round trip away. ``--rtt-ms 20`` adds
that round trip to every request of both contenders (a botocore ``before-send`` hook that
sleeps), and the script runs the comparison once without and once with it.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from deploy.export.manifest import MANIFEST_NAME, Entry, Manifest  # noqa: E402
from deploy.export.output_policy import cache_control, content_type  # noqa: E402
from deploy.local.objectstore import LocalStore, free_port_block, read_credentials  # noqa: E402
from deploy.release import apply  # noqa: E402
from deploy.release.apply import Options, deploy_build  # noqa: E402
from deploy.release.target import Target, s3_client  # noqa: E402


def with_round_trip(rtt_ms: float):
    """s3_client, with every request delayed by a simulated network round trip."""

    def make(target: Target):
        client = s3_client(target)
        if rtt_ms:
            client.meta.events.register("before-send.s3", lambda **_: time.sleep(rtt_ms / 1000))
        return client

    return make


def synthetic_build(root: Path, pages: int) -> Manifest:
    filler = ("<p>" + "Analysis of the alliance's posture and its costs. " * 20 + "</p>") * 24
    files: dict[str, bytes] = {
        "static/css/site.0123456789ab.css": b"body{margin:0}" * 2000,
        "static/js/search.0123456789ab.js": b"void 0;" * 500,
        "sitemap.xml": b"<urlset/>" * pages,
        "robots.txt": b"User-agent: *\n",
        "feed.xml": b"<rss/>" * 200,
        "404.html": b"<!doctype html><title>Not found</title>",
        "pagefind/pagefind-entry.json": b"{}",
        "pagefind/index/en_abcdef0.pf_index": os.urandom(200_000),
    }
    for number in range(pages):
        folder = f"research/page-{number}/"
        html = f"<!doctype html><title>Page {number}</title><h1>Page {number}</h1>{filler}"
        files[folder + "index.html"] = html.encode()
        files[folder + "index.json"] = (f'{{"id":{number},"body":"' + "x" * 4000 + '"}').encode()
    files["index.html"] = b"<!doctype html><title>Home</title>"
    manifest = Manifest()
    for path, data in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        manifest.entries[path] = _entry(path, data)
    (root / MANIFEST_NAME).write_text(manifest.to_json())
    return manifest


def _entry(path: str, data: bytes) -> Entry:
    return Entry(
        hashlib.sha256(data).hexdigest(), len(data), content_type(path), cache_control(path)
    )


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all its threads) from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class CpuMeter:
    """Wall time, this process's CPU time and the object store's CPU time over a block."""

    def __init__(self, store_pid: int) -> None:
        self.store_pid = store_pid

    def __enter__(self) -> CpuMeter:
        self._wall, self._client = time.perf_counter(), time.process_time()
        self._server = process_cpu_seconds(self.store_pid)
        return self

    def __exit__(self, *exc) -> None:
        self.wall = time.perf_counter() - self._wall
        self.client = time.process_time() - self._client
        self.server = process_cpu_seconds(self.store_pid) - self._server

    def __str__(self) -> str:
        return f"wall {self.wall:.1f} s, CPU: client {self.client:.1f} s, store {self.server:.1f} s"


def sequential_put_loop(target: Target, root: Path, manifest: Manifest, rtt_ms: float) -> float:
    client = with_round_trip(rtt_ms)(target)
    started = time.perf_counter()
    for path, entry in manifest.entries.items():
        client.put_object(
            Bucket=target.bucket,
            Key=target.key(path),
            Body=(root / path).read_bytes(),
            ContentType=entry.content_type,
            CacheControl=entry.cache_control,
        )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--build", type=Path, help="Deploy this build instead of a synthetic one.")
    parser.add_argument("--rtt-ms", type=float, default=20.0, help="Simulated round trip.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="deploy-bench-") as work:
        workdir = Path(work)
        if args.build:
            root, manifest = args.build.resolve(), Manifest.load(args.build.resolve())
        else:
            root = workdir / "build"
            manifest = synthetic_build(root, args.pages)
        size = sum(entry.size for entry in manifest.entries.values())
        print(f"Build: {len(manifest.entries)} files, {size / 1e6:.1f} MB")

        store = LocalStore(workdir / "store", s3_port=free_port_block())
        store.start(log=workdir / "weed.log")
        try:
            credentials = read_credentials(store.directory)
            base = Target(
                bucket=store.site_bucket,
                release_bucket=store.release_bucket,
                prefix="ours/",
                endpoint_url=store.endpoint_url,
                region="us-east-1",
                access_key=credentials.deployer.access_key,
                secret_key=credentials.deployer.secret_key,
            )
            for rtt in (0.0, args.rtt_ms):
                label = f"round trip +{rtt:.0f} ms" if rtt else "loopback"
                apply.s3_client = with_round_trip(rtt)
                loop_target = Target(**{**base.__dict__, "prefix": f"loop-{rtt:.0f}/"})
                ours = Target(**{**base.__dict__, "prefix": f"ours-{rtt:.0f}/"})
                with CpuMeter(store.process.pid) as loop_cpu:
                    loop = sequential_put_loop(loop_target, root, manifest, rtt)
                with CpuMeter(store.process.pid) as ours_cpu:
                    full = deploy_build(root, Options(trigger="bench"), ours)
                print(
                    f"[{label}] full deploy: ours {full.seconds:.1f} s ({full.requests} "
                    f"requests) vs sequential put_object loop {loop:.1f} s: "
                    f"{loop / full.seconds:.1f}x"
                )
                print(f"    loop: {loop_cpu}\n    ours: {ours_cpu}")
                if not rtt:
                    # Storing these files costs the store at least what the loop's PUTs cost
                    # it; spread over every core, that is the fastest any client could go.
                    cores = os.cpu_count() or 1
                    floor = loop_cpu.server / cores
                    print(
                        f"    bound: the store alone needs {loop_cpu.server:.1f} CPU s for these "
                        f"PUTs; on {cores} cores no deploy can take under {floor:.1f} s, i.e. "
                        f"at most {loop / floor:.1f}x the loop here"
                    )
            noop = deploy_build(root, Options(), ours)
            print(f"No-op deploy: {noop.requests} requests, {noop.seconds:.2f} s")

            page = next(path for path in manifest.entries if path.endswith("/index.html"))
            target_file = root / page
            target_file.write_bytes(target_file.read_bytes() + b"<!-- edited -->")
            manifest.entries[page] = _entry(page, target_file.read_bytes())
            (root / MANIFEST_NAME).write_text(manifest.to_json())
            one = deploy_build(root, Options(), ours)
            print(
                f"One-page change: {one.uploaded} uploaded, {one.requests} requests, "
                f"{one.seconds:.2f} s"
            )
        finally:
            store.stop()


if __name__ == "__main__":
    main()
