"""How long `seed_demo --pages N` takes on a fresh SQLite site, and whether the tree is sound.

    .venv/bin/python benchmarks/seed_bench.py [--pages 10000] [--workdir DIR]

Prints the seconds for the base demo site and for the N bulk pages, pages per second, and what
`manage.py fixtree` reports afterwards (the goal: 10,000 pages in at most 5 minutes, nothing to
fix).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def manage(workdir: Path, *args: str) -> tuple[float, str]:
    env = {**os.environ, "CMS_VAR_DIR": str(workdir), "DJANGO_SETTINGS_MODULE": "cms.settings.dev"}
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - started, result.stdout + result.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="seed-bench-"))
    manage(workdir, "migrate", "--no-input")
    base, _ = manage(workdir, "seed_demo")
    bulk, _ = manage(workdir, "seed_demo", "--pages", str(args.pages))
    _, fixtree = manage(workdir, "fixtree")
    problems = [line for line in fixtree.splitlines() if "problem" in line.lower()]
    print(f"work folder           {workdir}")
    print(f"seed_demo (base site) {base:8.1f} s")
    print(f"seed_demo --pages {args.pages:<5} {bulk:6.1f} s  ({args.pages / bulk:,.0f} pages/s)")
    print(f"fixtree               {'; '.join(problems) or fixtree.strip().splitlines()[-1]}")


if __name__ == "__main__":
    main()
