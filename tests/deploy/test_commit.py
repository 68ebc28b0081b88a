"""Committing an incremental build into place: crash-safe, and only what changed."""

import os
import threading
from pathlib import Path
from unittest import mock

import pytest

from deploy.export import output_folder


def write(root: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text() for p in root.rglob("*") if p.is_file()}


def stage(output: Path) -> Path:
    """What an incremental build renders, staged (with the lock held: see ``recover``)."""
    staging = output_folder.staging_path(output)
    write(staging, {"index.html": "home v2", "b/index.html": "b v1", "manifest.json": "m2"})
    return staging


@pytest.fixture
def output(tmp_path: Path) -> Path:
    output = tmp_path / "site"
    write(
        output,
        {
            "index.html": "home v1",
            "a/index.html": "a v1",
            "old/deep/index.html": "gone soon",
            "manifest.json": "m1",
        },
    )
    return output


EXPECTED = {"index.html": "home v2", "a/index.html": "a v1", "b/index.html": "b v1"}
CHANGES = (["index.html", "b/index.html", "manifest.json"], ["old/deep/index.html"])


def test_commit_moves_changed_files_in_and_removes_stale_ones(output):
    untouched = (output / "a/index.html").stat().st_ino
    with output_folder.locked(output):
        staging = stage(output)
        output_folder.commit(staging, output, *CHANGES)
    assert tree(output) == {**EXPECTED, "manifest.json": "m2"}
    assert not (output / "old").exists()  # emptied folders are pruned
    assert (output / "a/index.html").stat().st_ino == untouched  # not rewritten
    assert not staging.exists() and not output_folder.journal_path(output).exists()


def test_an_interrupted_commit_is_finished_by_the_next_reader(output):
    real_replace = os.replace
    moved = []

    def dies_after_one_file(source, target):
        if str(target).endswith(".json") and "commit" in str(target):
            return real_replace(source, target)  # writing the journal itself
        if moved:
            raise OSError("killed")
        moved.append(target)
        return real_replace(source, target)

    with (
        mock.patch.object(output_folder.os, "replace", dies_after_one_file),
        pytest.raises(OSError),
        output_folder.locked(output),
    ):
        staging = stage(output)
        output_folder.commit(staging, output, *CHANGES)
    # Half done: the new home page is in, the manifest is still the old one.
    assert tree(output)["index.html"] == "home v2"
    assert tree(output)["manifest.json"] == "m1"
    assert output_folder.journal_path(output).exists()

    with output_folder.locked(output, shared=True):  # e.g. a deploy starting
        assert tree(output) == {**EXPECTED, "manifest.json": "m2"}
    assert not output_folder.journal_path(output).exists() and not staging.exists()


def test_a_commit_waits_for_readers_holding_the_shared_lock(output):
    reading, done_reading = threading.Event(), threading.Event()
    committed = threading.Event()

    def reader():
        with output_folder.locked(output, shared=True):
            reading.set()
            done_reading.wait(5)

    def writer():
        with output_folder.locked(output):
            committed.set()

    threads = [threading.Thread(target=reader), threading.Thread(target=writer)]
    threads[0].start()
    reading.wait(5)
    threads[1].start()
    assert not committed.wait(0.3)  # blocked while the deploy reads
    done_reading.set()
    assert committed.wait(5)
    for thread in threads:
        thread.join(5)


def test_staging_folders_of_dead_builds_are_cleared(output):
    staging = stage(output)  # without the lock: a build that died before committing
    with output_folder.locked(output):
        pass
    assert not staging.exists()
    assert tree(output)["manifest.json"] == "m1"
