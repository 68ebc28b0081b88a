"""The build manifest as the worker reads it again and again."""

from pathlib import Path

from deploy.export.manifest import MANIFEST_NAME, Entry, Manifest


def entry(sha: str) -> Entry:
    return Entry(sha256=sha, size=1, content_type="text/html", cache_control="no-cache")


def test_a_manifest_read_again_is_the_files_current_content(tmp_path: Path):
    first = Manifest(entries={"index.html": entry("a")})
    (tmp_path / MANIFEST_NAME).write_text(first.to_json())
    loaded = Manifest.load(tmp_path)
    assert loaded.entries == first.entries

    loaded.entries.clear()  # a caller's changes stay its own
    assert Manifest.load(tmp_path).entries == first.entries

    second = Manifest(entries={"index.html": entry("b"), "a/index.html": entry("c")})
    (tmp_path / MANIFEST_NAME).write_text(second.to_json())  # rewritten by another process
    assert Manifest.load(tmp_path).entries == second.entries


def test_a_missing_or_unreadable_manifest_is_none(tmp_path: Path):
    assert Manifest.load(tmp_path) is None
    (tmp_path / MANIFEST_NAME).write_text("{not json")
    assert Manifest.load(tmp_path) is None
