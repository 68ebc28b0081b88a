"""A backup restored onto empty infrastructure builds the same site, byte for byte.

The demo site is built in full, backed up (`manage.py backup`), restored into a new, never
migrated database and an empty media folder (`manage.py restore`) and built again: every
output's sha256 in the two manifests must agree. Every step is its own process, as an operator
would run it. Both builds run with the clock pinned to one instant (as scripts/output_oracle.py
does), so an event that starts between them cannot move between "upcoming" and "past".

SQLite: the session's seeded demo site (`dbless`: the PostgreSQL run skips it). PostgreSQL:
under scripts/with-postgres.sh, two databases of their own on that server, one seeded and one
empty for the restore.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
PINNED_NOW = datetime.now(UTC).replace(microsecond=0).isoformat()
# `manage.py ARGS` with django.utils.timezone.now pinned before Django loads (see
# scripts/output_oracle.py: `from django.utils.timezone import now` must bind the pinned one).
PINNED_MANAGE = (
    "import os, sys; from datetime import datetime; from django.utils import timezone;"
    "pinned = datetime.fromisoformat(os.environ['CMS_TEST_PINNED_NOW']);"
    "timezone.now = lambda: pinned;"
    "from django.core.management import execute_from_command_line;"
    "execute_from_command_line(['manage.py', *sys.argv[1:]])"
)


def manage(env: dict[str, str], *args: str, pinned: bool = False) -> str:
    head = ["-c", PINNED_MANAGE] if pinned else [str(ROOT / "manage.py")]
    done = subprocess.run(  # noqa: S603
        [sys.executable, *head, *args],
        cwd=ROOT,
        env=env | {"CMS_TEST_PINNED_NOW": PINNED_NOW},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, (done.stdout[-2000:], done.stderr[-3000:])
    return done.stdout


def full_build(env: dict[str, str], output: Path) -> dict[str, str]:
    """Each output's sha256 from a full build's manifest."""
    manage(env, "build", "--output", str(output), "--full", "--quiet", pinned=True)
    entries = json.loads((output / "manifest.json").read_text())["entries"]
    return {path: entry["sha256"] for path, entry in entries.items()}


def media_files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}


def back_up_restore_and_compare(source: dict[str, str], target: dict[str, str], tmp: Path):
    first = full_build(source, tmp / "build-1")
    backup = tmp / "backup"
    out = manage(source, "backup", str(backup))
    assert "media files" in out and "media: " in out, out  # the summary and the progress
    recorded = json.loads((backup / "backup.json").read_text())
    originals = media_files(Path(source["CMS_TEST_MEDIA_ROOT"]))
    assert set(recorded["media"]["sha256"]) == originals, "every media file, renditions too"
    assert recorded["media"]["files"] == len(originals) > 0

    out = manage(target, "restore", str(backup))
    assert f"{len(originals)} media files" in out, out
    assert media_files(Path(target["CMS_TEST_MEDIA_ROOT"])) == originals

    second = full_build(target, tmp / "build-2")
    assert len(first) > 100
    assert sorted(second) == sorted(first), "the same outputs"
    changed = sorted(path for path in first if first[path] != second[path])
    assert not changed, f"outputs differ after the restore: {changed[:20]}"


@pytest.mark.dbless
def test_a_restored_sqlite_backup_builds_a_byte_identical_site(seeded_database, tmp_path):
    source_db, source_media = tmp_path / "source.sqlite3", tmp_path / "source-media"
    shutil.copy(seeded_database, source_db)
    shutil.copytree(seeded_database.env["CMS_TEST_MEDIA_ROOT"], source_media)
    source = seeded_database.env | {
        "DATABASE_URL": f"sqlite:///{source_db}",
        "CMS_TEST_MEDIA_ROOT": str(source_media),
        "CMS_VAR_DIR": str(tmp_path / "source-var"),
    }
    target_db = tmp_path / "restored.sqlite3"
    target = source | {
        "DATABASE_URL": f"sqlite:///{target_db}",  # does not exist: never migrated
        "CMS_TEST_MEDIA_ROOT": str(tmp_path / "restored-media"),
        "CMS_VAR_DIR": str(tmp_path / "restored-var"),
    }
    back_up_restore_and_compare(source, target, tmp_path)


def _postgres_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else ""


@pytest.mark.skipif(not _postgres_url(), reason="PostgreSQL only (scripts/with-postgres.sh)")
def test_a_restored_postgresql_backup_builds_a_byte_identical_site(tmp_path):
    import psycopg

    url = urlsplit(_postgres_url())
    names = [f"backup_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("source", "restored")]
    admin = urlunsplit(url._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        for name in names:
            conn.execute(f'CREATE DATABASE "{name}"')
    try:
        base = dict(os.environ) | {"DJANGO_SETTINGS_MODULE": "cms.settings.test"}
        source = base | {
            "DATABASE_URL": urlunsplit(url._replace(path=f"/{names[0]}")),
            "CMS_TEST_MEDIA_ROOT": str(tmp_path / "source-media"),
            "CMS_VAR_DIR": str(tmp_path / "source-var"),
        }
        target = base | {
            "DATABASE_URL": urlunsplit(url._replace(path=f"/{names[1]}")),  # empty: no tables
            "CMS_TEST_MEDIA_ROOT": str(tmp_path / "restored-media"),
            "CMS_VAR_DIR": str(tmp_path / "restored-var"),
        }
        manage(source, "migrate", "--no-input", "-v0")
        manage(source, "seed_demo")
        back_up_restore_and_compare(source, target, tmp_path)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
