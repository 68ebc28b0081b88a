"""The build manifest: every output path with its hash, size, content type, cache policy and
the dependency record it was rendered from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from deploy import cycle_gc

MANIFEST_NAME = "manifest.json"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Entry:
    sha256: str
    size: int
    content_type: str
    cache_control: str
    deps: dict[str, Any] = field(default_factory=dict)
    redirect: str = ""  # redirect stubs: the target URL


@dataclass
class Manifest:
    entries: dict[str, Entry] = field(default_factory=dict)
    # The source state the outputs were rendered from, for the next incremental build.
    state: dict[str, Any] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        """Compact, sorted JSON as UTF-8 (orjson serialises the entries itself: a 10,000-page
        manifest is tens of MB of dependency lists)."""
        data = {"version": FORMAT_VERSION, "entries": self.entries, "state": self.state}
        return orjson.dumps(data, option=orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)

    def to_json(self) -> str:
        """``to_bytes`` as text."""
        return self.to_bytes().decode()

    @classmethod
    def from_json(cls, text: str | bytes) -> Manifest:
        # A million small strings and lists, none of them cyclic: the cycle collector would
        # only traverse them again and again while they are made (a third of the time).
        with cycle_gc.paused():
            data = orjson.loads(text)
            if data.get("version") != FORMAT_VERSION:
                raise ValueError(f"unknown manifest version {data.get('version')!r}")
            entries = {path: Entry(**values) for path, values in data["entries"].items()}
        return cls(entries=entries, state=data.get("state", {}))

    @classmethod
    def load(cls, directory: Path) -> Manifest | None:
        """The manifest of a previous build in ``directory``, or None when there is none.

        The last manifest read or written by this process is kept in memory, keyed by the
        file's inode, time and size: a long-running worker does not parse tens of MB again
        for each publish. Callers get their own copy of the entry table.
        """
        path = directory / MANIFEST_NAME
        try:
            key = _file_key(path)
        except FileNotFoundError:
            return None
        if _last is not None and _last[0] == (str(path), key):
            return _last[1].copy()
        try:
            manifest = cls.from_json(path.read_bytes())
        except (ValueError, KeyError, TypeError):  # orjson.JSONDecodeError is a ValueError
            return None
        manifest.remember(directory, key)
        return manifest.copy()

    def copy(self) -> Manifest:
        return Manifest(entries=dict(self.entries), state=self.state)

    def remember(self, directory: Path, key: tuple[int, int, int] | None = None) -> None:
        """Keep this manifest as the one in ``directory`` (just written there, or just read)."""
        global _last
        path = directory / MANIFEST_NAME
        _last = ((str(path), key or _file_key(path)), self.copy())


_last: tuple[tuple[str, tuple[int, int, int]], Manifest] | None = None


def _file_key(path: Path) -> tuple[int, int, int]:
    stat = path.stat()
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)
