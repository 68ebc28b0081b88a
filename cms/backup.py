"""Backup and restore of what only the CMS holds: its database and its media.

The static site is not backed up: it is rebuilt from these two (README, "Backup and restore").
A backup folder holds ``database.pgdump`` (PostgreSQL, ``pg_dump --format=custom``) or
``database.sqlite3`` (SQLite, through the sqlite3 backup API), ``media/`` (every file of Django's
default storage, local folder or private bucket alike) and ``backup.json``, written last, so a
folder without it is an interrupted backup and ``restore`` refuses it.

The database is copied before the media: a file uploaded meanwhile is at worst an extra file in
the backup, never a row whose file is missing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from django.core.files.base import File
from django.core.files.storage import Storage, default_storage
from django.db import DatabaseError, connection, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

FORMAT_VERSION = 1
MANIFEST = "backup.json"
MEDIA = "media"
DATABASE_FILES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
CHUNK = 1024 * 1024

Progress = Callable[[str], None]


class BackupError(Exception):
    """Something the operator must fix; the commands turn it into a CommandError."""


@dataclass(frozen=True)
class RestoreResult:
    vendor: str
    files: int
    bytes: int
    unchanged: int
    unapplied_migrations: int


def _no_progress(message: str) -> None:
    pass


# --- Backup ----------------------------------------------------------------------------------


def backup(folder: Path, progress: Progress = _no_progress) -> dict[str, Any]:
    """Write a backup of the default database and the default storage into ``folder``.

    ``folder`` must be new or empty: a backup is never mixed with an older one.
    """
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty: back up into a new folder.")
    folder.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    started = datetime.now(UTC)
    progress(f"database ({vendor})…")
    _dump_database(vendor, folder / _database_file(vendor))
    media = copy_media_out(default_storage, folder / MEDIA, progress)
    manifest = {
        "format": FORMAT_VERSION,
        "created": started.isoformat(),
        "database": {
            "vendor": vendor,
            "file": _database_file(vendor),
            "migrations": _migration_summary(),
        },
        "media": {
            "storage": type(getattr(default_storage, "_wrapped", default_storage)).__name__,
            "files": len(media),
            "bytes": sum(size for _sha, size in media.values()),
            "sha256": {name: sha for name, (sha, _size) in sorted(media.items())},
        },
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return manifest


def _database_file(vendor: str) -> str:
    try:
        return DATABASE_FILES[vendor]
    except KeyError:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.") from None


def _dump_database(vendor: str, target: Path) -> None:
    if vendor == "sqlite":
        # The backup API copies one consistent snapshot, even while other processes write; a
        # connection of its own, so no transaction of Django's is in the way.
        source = _sqlite_connection()
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        except sqlite3.Error as exc:
            raise BackupError(f"SQLite backup failed: {exc}") from exc
        finally:
            destination.close()
            if source is not connection.connection:
                source.close()
        return
    _run_pg("pg_dump", "--format=custom", "--no-owner", f"--file={target}")


def _sqlite_connection() -> sqlite3.Connection:
    """A connection of its own to the database file; Django's for an in-memory test database."""
    name = str(connection.settings_dict["NAME"])
    if name.startswith(":memory:") or "mode=memory" in name:
        connection.ensure_connection()
        return connection.connection
    return sqlite3.connect(name, timeout=30)


def _migration_summary() -> dict[str, Any]:
    """How many migrations are applied and each app's last one: what code the data fits."""
    applied = sorted(MigrationRecorder(connection).applied_migrations())
    latest: dict[str, str] = {}
    for app, name in applied:
        latest[app] = max(latest.get(app, ""), name)
    return {"applied": len(applied), "latest": latest}


def _walk(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name under ``folder``, sorted; a missing local media folder has none."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        if folder:
            raise
        return
    for name in sorted(files):
        yield str(PurePosixPath(folder, name)) if folder else name
    for sub in sorted(folders):
        yield from _walk(storage, str(PurePosixPath(folder, sub)) if folder else sub)


def copy_media_out(
    storage: Storage, target: Path, progress: Progress = _no_progress
) -> dict[str, tuple[str, int]]:
    """Copy every file of ``storage`` under ``target``: each name's (sha256, size)."""
    names = list(_walk(storage))
    copied: dict[str, tuple[str, int]] = {}
    target.mkdir()
    for number, name in enumerate(names, 1):
        path = _local_path(target, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with storage.open(name, "rb") as source, path.open("wb") as out:
                copied[name] = _copy_hashing(source, out)
        except OSError as exc:
            raise BackupError(f"Could not copy media file {name}: {exc}") from exc
        _report(progress, "media", number, len(names))
    return copied


def _local_path(root: Path, name: str) -> Path:
    """``root / name``, refusing names that would leave ``root`` (a tampered backup.json)."""
    parts = PurePosixPath(name).parts
    if not parts or PurePosixPath(name).is_absolute() or ".." in parts:
        raise BackupError(f"Refusing the media file name {name!r}.")
    return root.joinpath(*parts)


def _copy_hashing(source: Any, out: Any) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        if out is not None:
            out.write(chunk)
    return digest.hexdigest(), size


def _report(progress: Progress, what: str, number: int, total: int) -> None:
    if number == total or number % 100 == 0:
        progress(f"{what}: {number}/{total} files")


# --- Restore ---------------------------------------------------------------------------------


def read_manifest(folder: Path) -> dict[str, Any]:
    if not folder.is_dir():
        raise BackupError(f"No backup folder {folder}.")
    try:
        manifest: dict[str, Any] = json.loads((folder / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(
            f"{folder} has no {MANIFEST}: not a backup, or one that did not finish."
        ) from None
    except ValueError as exc:
        raise BackupError(f"{folder / MANIFEST} is not valid JSON: {exc}") from exc
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r} in {folder}.")
    return manifest


def database_has_pages() -> bool:
    """Whether the default database holds a Wagtail tree (even a freshly migrated one does)."""
    with connection.cursor() as cursor:
        if "wagtailcore_page" not in connection.introspection.table_names(cursor):
            return False
        cursor.execute("SELECT 1 FROM wagtailcore_page LIMIT 1")
        return cursor.fetchone() is not None


def restore(folder: Path, *, force: bool, progress: Progress = _no_progress) -> RestoreResult:
    """Restore ``folder`` into the default database and storage, checking everything first.

    Nothing is changed until the backup is known whole: its vendor matches, its database file
    is there and every media file has the sha256 ``backup.json`` recorded.
    """
    manifest = read_manifest(folder)
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            f"{folder} is a {vendor} backup; the configured database is {connection.vendor}. "
            "Restore it into a database of the same kind."
        )
    dump = folder / _database_file(vendor)
    if not dump.is_file():
        raise BackupError(f"{dump} is missing.")
    expected: dict[str, str] = manifest["media"]["sha256"]
    _verify_media(folder / MEDIA, expected, progress)
    try:
        has_pages = database_has_pages()
    except DatabaseError as exc:
        raise BackupError(f"Cannot read the configured database: {exc}") from exc
    if has_pages and not force:
        raise BackupError(
            "The database is not empty (wagtailcore_page has rows): restore replaces it only "
            "with --force."
        )
    progress(f"database ({vendor})…")
    _load_database(vendor, dump)
    files, size, unchanged = copy_media_in(folder / MEDIA, expected, default_storage, progress)
    return RestoreResult(vendor, files, size, unchanged, _unapplied_migrations())


def _verify_media(root: Path, expected: dict[str, str], progress: Progress) -> None:
    for number, (name, sha) in enumerate(sorted(expected.items()), 1):
        path = _local_path(root, name)
        try:
            with path.open("rb") as source:
                actual, _size = _copy_hashing(source, None)
        except FileNotFoundError:
            raise BackupError(f"Media file {name} is missing from the backup.") from None
        if actual != sha:
            raise BackupError(
                f"Media file {name} is corrupted: sha256 {actual}, the backup recorded {sha}. "
                "Nothing was restored."
            )
        _report(progress, "verified", number, len(expected))


def _load_database(vendor: str, dump: Path) -> None:
    # Django's own connections must not hold the old database (or a transaction) open.
    connections.close_all()
    if vendor == "sqlite":
        source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
        destination = _sqlite_connection()
        try:
            # Page by page under SQLite's locks: other processes see the old or the new database.
            source.backup(destination)
        except sqlite3.Error as exc:
            raise BackupError(f"SQLite restore failed: {exc}") from exc
        finally:
            source.close()
            if destination is not connection.connection:
                destination.close()
        return
    _run_pg("pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", str(dump))


def copy_media_in(
    root: Path, expected: dict[str, str], storage: Storage, progress: Progress = _no_progress
) -> tuple[int, int, int]:
    """Put each backed-up file into ``storage`` under its own name (a file already there with
    the same sha256 is kept); (files copied, bytes copied, files unchanged)."""
    total = unchanged = 0
    for number, (name, sha) in enumerate(sorted(expected.items()), 1):
        path = _local_path(root, name)
        if storage.exists(name):
            with storage.open(name, "rb") as current:
                if _copy_hashing(current, None)[0] == sha:
                    unchanged += 1
                    _report(progress, "media", number, len(expected))
                    continue
            storage.delete(name)
        try:
            with path.open("rb") as source:
                saved = storage.save(name, File(source, name=name))
        except OSError as exc:
            raise BackupError(f"Could not write media file {name}: {exc}") from exc
        if saved != name:
            raise BackupError(f"Storage saved media file {name} as {saved}.")
        with storage.open(name, "rb") as written:
            if _copy_hashing(written, None)[0] != sha:
                raise BackupError(f"Media file {name} reads back with another sha256.")
        total += path.stat().st_size
        _report(progress, "media", number, len(expected))
    return len(expected) - unchanged, total, unchanged


def _unapplied_migrations() -> int:
    """Migrations of this code that the restored data lacks (an older backup): migrate next."""
    connection.ensure_connection()
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


# --- PostgreSQL client tools -----------------------------------------------------------------


def _run_pg(tool: str, *args: str) -> None:
    """Run ``tool`` against the default database; the password only in PGPASSWORD."""
    executable = shutil.which(tool)
    if executable is None:
        raise BackupError(
            f"{tool} is not installed (PostgreSQL's client tools, the server's major version "
            "or newer: apt-get install postgresql-client)."
        )
    settings = connection.settings_dict
    command = [executable, "--dbname", str(settings["NAME"])]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            command += [flag, str(settings[key])]
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    for option, variable in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")):
        if settings.get("OPTIONS", {}).get(option):
            env[variable] = str(settings["OPTIONS"][option])
    done = subprocess.run(  # noqa: S603 (an absolute path and arguments, no shell)
        [*command, "--no-password", *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(f"{tool} failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
