"""Putting a finished build in place, so no reader ever sees half of one.

A full build is written to a staging folder and swapped in with two renames. An incremental
build stages only the outputs it rendered and then *commits* them into the build folder: a
journal (the files to move in, the files to remove) is written first, then the files are moved
in one by one, the manifest last; a process killed half way is rolled forward from the journal
by the next reader (build, deploy, search index). This costs what changed, not what exists:
a hard-linked copy of a 10,000-page build takes seconds of file-system time on its own.

Readers and writers of a build folder take a lock (``flock`` on a file beside it): builds and
search-index swaps exclusively, deploys and search snapshots shared, so a deploy never reads a
file that a commit is replacing.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path


def _sibling(output: Path, suffix: str) -> Path:
    return output.parent / f".{output.name}.{suffix}"


def journal_path(output: Path) -> Path:
    return _sibling(output, "commit.json")


def staging_path(output: Path) -> Path:
    return _sibling(output, f"staging-{os.getpid()}")


@contextmanager
def locked(output: Path, *, shared: bool = False) -> Iterator[None]:
    """Hold the build folder's lock; an interrupted commit is finished first."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with open(_sibling(output, "lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        recover(output)
        if shared:
            fcntl.flock(handle, fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def recover(output: Path) -> None:
    """Finish a commit a killed process left half done; clear dead staging folders.

    Call with the lock held exclusively.
    """
    journal = journal_path(output)
    if journal.exists():
        plan = json.loads(journal.read_text())
        _apply(Path(plan["staging"]), output, plan["replace"], plan["remove"])
        journal.unlink()
        shutil.rmtree(plan["staging"], ignore_errors=True)
    for leftover in output.parent.glob(f".{output.name}.staging-*"):
        shutil.rmtree(leftover, ignore_errors=True)
    for leftover in output.parent.glob(f".{output.name}.old-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def commit(staging: Path, output: Path, replace: Iterable[str], remove: Iterable[str]) -> None:
    """Move ``replace`` (paths under ``staging``, the manifest last) into ``output`` and delete
    ``remove`` from it, crash-safely. Call with the lock held exclusively."""
    replacing, removing = list(replace), list(remove)
    plan = {"staging": str(staging), "replace": replacing, "remove": removing}
    journal = journal_path(output)
    temporary = journal.with_suffix(".tmp")
    with open(temporary, "w") as handle:
        json.dump(plan, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, journal)
    _apply(staging, output, replacing, removing)
    journal.unlink()
    shutil.rmtree(staging, ignore_errors=True)


def _apply(staging: Path, output: Path, replace: list[str], remove: list[str]) -> None:
    """Idempotent: files already moved are skipped, files already removed are ignored."""
    made: set[str] = set()
    for path in replace:
        source = staging / path
        if not source.exists():
            continue  # moved before the interruption
        folder = os.path.dirname(path)
        if folder not in made:
            os.makedirs(output / folder, exist_ok=True)
            made.add(folder)
        os.replace(source, output / path)
    for path in remove:
        try:
            os.unlink(output / path)
        except FileNotFoundError:
            continue
        _prune(output, os.path.dirname(path))


def _prune(output: Path, folder: str) -> None:
    """Remove ``folder`` and its parents while they are empty (never ``output`` itself)."""
    while folder:
        try:
            os.rmdir(output / folder)
        except OSError:
            return  # not empty
        folder = os.path.dirname(folder)


def swap(staging: Path, output: Path) -> None:
    """Replace ``output`` by ``staging`` with two renames. Call with the lock held.

    The previous build is removed by a background thread (tens of thousands of links take
    seconds), so a deploy can start at once; one left over by a killed process is removed by
    the next ``recover``."""
    old = _sibling(output, f"old-{os.getpid()}-{time.time_ns()}")
    if output.exists():
        output.rename(old)
    staging.rename(output)
    threading.Thread(target=shutil.rmtree, args=(old, True), name="remove-old-build").start()


def link_all(
    paths: Iterable[str], source: Path, target: Path, *, skip_missing: bool = False
) -> None:
    """Hard-link each of ``paths`` from ``source`` into ``target``, making each folder once;
    with ``skip_missing``, a path gone from ``source`` meanwhile is left out."""
    made: set[str] = set()
    for path in paths:
        folder = os.path.dirname(path)
        if folder not in made:
            os.makedirs(target / folder, exist_ok=True)
            made.add(folder)
        try:
            os.link(source / path, target / path)
        except FileNotFoundError:
            if not skip_missing:
                raise
