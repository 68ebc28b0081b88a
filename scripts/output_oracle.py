#!/usr/bin/env python3
"""The refactoring oracle: the same database must give byte-identical build outputs.

A refactor that changes no behaviour leaves every output of a full build unchanged. This script
records a full build of a seeded site (each output's sha256, content type, cache policy and
redirect target: the manifest entries without their dependency records or the build clock) and
later rebuilds from *the same database and media* and compares.

    # on the code before the change (a worktree of the old commit works too):
    scripts/output_oracle.py record /tmp/oracle/demo
    scripts/output_oracle.py record /tmp/oracle/p2000 --pages 2000
    # after the change:
    scripts/output_oracle.py compare /tmp/oracle/demo
    scripts/output_oracle.py compare /tmp/oracle/p2000

    # one step, the old code checked out by git into a temporary worktree:
    scripts/output_oracle.py against 0c2f936 [--pages 2000] [--workdir DIR]

With ``DATABASE_URL`` set to a PostgreSQL database (``scripts/with-postgres.sh``), ``record``
seeds that database and keeps a ``pg_dump`` of it; ``compare`` restores the dump into a fresh
database of the same server first. SQLite sites live in the work folder itself
(``CMS_VAR_DIR``). Every command runs with the clock pinned to ``PINNED_NOW``, so seeding and
building agree on which events are upcoming whatever day it is.

Exit status: 0 when the outputs match, 1 with the differing paths listed, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PINNED_NOW = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
RESULT = "outputs.json"
DUMP = "db.dump"


def manage(root: Path, workdir: Path, *args: str) -> None:
    """``manage.py ARGS`` of the checkout ``root``, on the site in ``workdir``, clock pinned."""
    env = {**os.environ, "CMS_VAR_DIR": str(workdir / "var")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    command = [sys.executable, __file__, "_manage", str(root), *args]
    subprocess.run(command, cwd=root, env=env, check=True)


def _pinned_manage(root: str, args: list[str]) -> None:
    # Patch the clock before Django loads, so ``from django.utils.timezone import now`` binds it.
    from django.utils import timezone

    timezone.now = lambda: PINNED_NOW
    sys.path.insert(0, root)
    os.chdir(root)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["manage.py", *args])


def outputs(build: Path) -> dict[str, list[str]]:
    entries = json.loads((build / "manifest.json").read_text())["entries"]
    return {
        path: [e["sha256"], e["content_type"], e["cache_control"], e.get("redirect", "")]
        for path, e in sorted(entries.items())
    }


def _postgres() -> dict[str, str] | None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    parts = urlsplit(url)
    return {
        "host": parts.hostname or "127.0.0.1",
        "port": str(parts.port or 5432),
        "user": parts.username or "postgres",
        "db": parts.path.lstrip("/"),
    }


def _pg(tool: str, pg: dict[str, str], *args: str) -> None:
    conn = ["-h", pg["host"], "-p", pg["port"], "-U", pg["user"]]
    subprocess.run([tool, *conn, *args], check=True, stdout=subprocess.DEVNULL)


def _fresh_database(pg: dict[str, str]) -> None:
    _pg("dropdb", pg, "--if-exists", pg["db"])
    _pg("createdb", pg, pg["db"])


def _build(root: Path, workdir: Path) -> dict[str, list[str]]:
    out = workdir / "build"
    shutil.rmtree(out, ignore_errors=True)
    manage(root, workdir, "build", "--output", str(out), "--full", "--quiet")
    return outputs(out)


def record(root: Path, workdir: Path, pages: int | None) -> None:
    if (workdir / RESULT).exists():
        raise SystemExit(f"{workdir / RESULT} exists: record into a new folder.")
    workdir.mkdir(parents=True, exist_ok=True)
    pg = _postgres()
    if pg:
        _fresh_database(pg)
    manage(root, workdir, "migrate", "--no-input", "-v", "0")
    manage(root, workdir, "seed_demo", *(["--pages", str(pages)] if pages else []))
    result = _build(root, workdir)
    if pg:  # after the build: the renditions it made are rows too, and files in media/
        _pg("pg_dump", pg, "-Fc", "-f", str(workdir / DUMP), pg["db"])
    (workdir / RESULT).write_text(json.dumps(result, indent=0, sort_keys=True))
    print(f"Recorded {len(result)} outputs in {workdir / RESULT}.")


def compare(root: Path, workdir: Path) -> int:
    expected = json.loads((workdir / RESULT).read_text())
    pg = _postgres()
    if pg:
        if not (workdir / DUMP).exists():
            raise SystemExit(f"{workdir} was recorded on SQLite, not PostgreSQL.")
        _fresh_database(pg)
        _pg("pg_restore", pg, "--no-owner", "-d", pg["db"], str(workdir / DUMP))
        # A model moved between apps is a new migration; an old database must accept it.
        manage(root, workdir, "migrate", "--no-input", "-v", "0")
    else:
        manage(root, workdir, "migrate", "--no-input", "-v", "0")
    actual = _build(root, workdir)
    missing = sorted(expected.keys() - actual.keys())
    extra = sorted(actual.keys() - expected.keys())
    changed = sorted(p for p in expected.keys() & actual.keys() if expected[p] != actual[p])
    for label, paths in (("missing", missing), ("new", extra), ("changed", changed)):
        for path in paths[:50]:
            print(f"{label}: {path}")
        if len(paths) > 50:
            print(f"… and {len(paths) - 50} more {label}")
    if missing or extra or changed:
        print(
            f"DIFFERENT: {len(changed)} changed, {len(missing)} missing, {len(extra)} new "
            f"of {len(expected)} outputs."
        )
        return 1
    print(f"IDENTICAL: all {len(expected)} outputs byte-identical to the recording.")
    return 0


def against(revision: str, workdir: Path | None, pages: int | None) -> int:
    """Record on ``revision`` (a temporary git worktree), then compare on this checkout."""
    workdir = workdir or Path(tempfile.mkdtemp(prefix="output-oracle-"))
    tree = Path(tempfile.mkdtemp(prefix="oracle-tree-"))
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), revision])
    try:
        record(tree, workdir, pages)
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)])
    return compare(ROOT, workdir)


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "_manage":
        _pinned_manage(sys.argv[2], sys.argv[3:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record", help="seed a new site in WORKDIR, build it, record outputs")
    rec.add_argument("workdir", type=Path)
    rec.add_argument("--pages", type=int, help="also seed N generated pages")
    cmp_ = sub.add_parser("compare", help="build WORKDIR's site again and compare")
    cmp_.add_argument("workdir", type=Path)
    ag = sub.add_parser("against", help="record on REVISION, compare on this checkout")
    ag.add_argument("revision")
    ag.add_argument("--workdir", type=Path)
    ag.add_argument("--pages", type=int)
    args = parser.parse_args()
    if args.command == "record":
        record(ROOT, args.workdir.resolve(), args.pages)
        return 0
    if args.command == "compare":
        if not (args.workdir / RESULT).exists():
            parser.error(f"nothing recorded in {args.workdir}")
        return compare(ROOT, args.workdir.resolve())
    return against(args.revision, args.workdir, args.pages)


if __name__ == "__main__":
    sys.exit(main())
