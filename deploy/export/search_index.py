"""`search_index`: the Pagefind full-text index of a finished build, as its own step.

Pagefind cannot update an index in place, so each run indexes the build's HTML from scratch
into a staging folder next to the build, swaps it in as ``pagefind/`` and records its files in
the build's manifest (stale ``pagefind/`` entries are dropped). Pagefind's output depends only
on the HTML it reads (once deploy.export.pagefind_format has put its hash-map-ordered lists in
order), so the same build always gives the same index files, byte for byte.
Only pages marked ``data-pagefind-body`` are indexed; the build holds only public pages.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from deploy.errors import BuildError
from deploy.export import output_folder
from deploy.export.manifest import MANIFEST_NAME, Entry, Manifest
from deploy.export.output_policy import cache_control, content_type
from deploy.export.pagefind_format import UnknownFormat, canonicalise

BUNDLE = "pagefind"
# What the /search/ page loads, and Pagefind's entry point: a run without them failed.
REQUIRED = ("pagefind.js", "pagefind-entry.json", "pagefind-ui.js", "pagefind-ui.css")
TIMEOUT_SECONDS = 30 * 60
# Pagefind uses every core for tens of seconds on a large site; the publish that follows
# (an incremental build and a deploy) must not wait for it.
NICENESS = 10


@dataclass
class SearchResult:
    output: Path
    files: list[str] = field(default_factory=list)  # manifest paths, all under pagefind/
    pages: int = 0
    size: int = 0
    removed: int = 0
    seconds: float = 0.0
    # Why the index may differ from run to run over the same build ("" when it cannot).
    unstable: str = ""

    def summary(self) -> str:
        warning = f" Warning: index not byte-stable ({self.unstable})." if self.unstable else ""
        return (
            f"Indexed {self.pages} pages for search in {self.output / BUNDLE}: "
            f"{len(self.files)} files, {self.size / 1_000_000:.1f} MB, "
            f"{self.removed} stale files removed, in {self.seconds:.1f} s.{warning}"
        )


class StaleIndex(BuildError):
    """A prepared index holds pages the build has removed since: never installed."""


@dataclass
class PreparedIndex:
    """A new index written next to the build, not yet in it (``install_search_index``)."""

    staging: Path
    entries: dict[str, Entry]  # its manifest entries, as they will be under pagefind/
    pages: int
    unstable: str
    started: float
    sources: frozenset[str] = frozenset()  # the build's pages it was made from

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def build_search_index(output: Path) -> SearchResult:
    """Rebuild ``output/pagefind/`` from the build's HTML and record it in its manifest."""
    prepared = prepare_search_index(output)
    try:
        return install_search_index(output, prepared)
    finally:
        prepared.discard()


def prepare_search_index(output: Path) -> PreparedIndex:
    """Run Pagefind over a hard-linked snapshot of the build's HTML pages.

    The snapshot holds only the pages the build's manifest lists (never a stray file) and
    takes no lock: a build committing meanwhile replaces files whole (a page is linked in its
    old or its new version) and one it removes is skipped. Pagefind then runs at a lower CPU
    priority, so builds and deploys go on meanwhile (the index may lag the pages by one step).
    """
    started = time.perf_counter()
    output = output.resolve()
    executable = _pagefind_executable()
    # The process id (for clearing a killed process's folders) and a token: a worker's sync
    # thread and search thread may both index, in one process.
    run = f"{secrets.token_hex(4)}-{os.getpid()}"
    snapshot = output.parent / f".{output.name}.{BUNDLE}-snapshot-{run}"
    staging = output.parent / f".{output.name}.{BUNDLE}-staging-{run}"
    _clear_leftovers(output)
    for folder in (snapshot, staging):
        shutil.rmtree(folder, ignore_errors=True)
    try:
        # Only the pages the manifest lists; one removed by a commit meanwhile is left out.
        pages = [path for path in _load_manifest(output).entries if path.endswith(".html")]
        output_folder.link_all(pages, output, snapshot, skip_missing=True)
        sources = frozenset(str(path.relative_to(snapshot)) for path in snapshot.rglob("*.html"))
        _run(executable, snapshot, staging)
        try:
            canonicalise(staging)
            unstable = ""
        except UnknownFormat as exc:
            unstable = str(exc)
        entries = _entries_of(staging)  # hashed here, outside any lock or lease
        return PreparedIndex(staging, entries, _page_count(staging), unstable, started, sources)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(snapshot, ignore_errors=True)


def _clear_leftovers(output: Path) -> None:
    """Remove the snapshot and staging folders of search steps whose process is gone (a
    killed worker's): each holds a copy of the site's pages or of its index."""
    for kind in ("snapshot", "staging", "old"):
        for folder in output.parent.glob(f".{output.name}.{BUNDLE}-{kind}-*"):
            pid = folder.name.rsplit("-", 1)[-1]
            if pid.isdigit() and not _running(int(pid)):
                shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def install_search_index(output: Path, prepared: PreparedIndex) -> SearchResult:
    """Swap a prepared index in as ``output/pagefind/`` and record its files in the manifest
    of the build that is current now (quick: the files were hashed when prepared). An index
    holding a page the build has removed since is refused (StaleIndex): installing it would
    put the removed page back in search."""
    output = output.resolve()
    with output_folder.locked(output):
        manifest = _load_manifest(output)
        if gone := sorted(prepared.sources - manifest.entries.keys()):
            raise StaleIndex(f"{len(gone)} indexed pages were removed since, e.g. /{gone[0]}")
        target = output / BUNDLE
        _swap(prepared.staging, target)
        prefix = BUNDLE + "/"
        before = {path for path in manifest.entries if path.startswith(prefix)}
        for path in before:
            del manifest.entries[path]
        installed = prepared.entries
        manifest.entries.update(installed)
        files = list(installed)
        _save_manifest(output, manifest)
    return SearchResult(
        output=output,
        files=files,
        pages=prepared.pages,
        size=sum(manifest.entries[path].size for path in files),
        removed=len(before - set(files)),
        seconds=time.perf_counter() - prepared.started,
        unstable=prepared.unstable,
    )


def _load_manifest(output: Path) -> Manifest:
    if not output.is_dir():
        raise BuildError(f"{output} is not a build folder: run `manage.py build` first.")
    manifest = Manifest.load(output)
    if manifest is None:
        raise BuildError(
            f"{output} has no readable {MANIFEST_NAME}: run `manage.py build` before indexing."
        )
    pages = [p for p in manifest.entries if p.startswith(BUNDLE + "/") and p.endswith(".html")]
    if pages:
        raise BuildError(f"site pages are in the search index's folder /{BUNDLE}/: {pages[:10]}")
    return manifest


def _pagefind_executable() -> Path:
    try:
        from pagefind.service import get_executable
    except ImportError as exc:
        raise BuildError("Pagefind is not installed: pip install 'pagefind[bin]'.") from exc
    try:
        executable = get_executable()
    except FileNotFoundError:
        executable = None
    if executable is None or not executable.is_file():
        raise BuildError(
            "The Pagefind binary was not found: pip install 'pagefind[bin]' "
            "or set PAGEFIND_BINARY_PATH."
        )
    return executable


def _run(executable: Path, output: Path, staging: Path) -> None:
    command = [str(executable), "--site", str(output), "--output-path", str(staging), "--quiet"]
    if nice := shutil.which("nice"):
        command = [nice, "-n", str(NICENESS), *command]
    try:
        completed = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BuildError(f"Pagefind could not run: {exc}") from exc
    if completed.returncode != 0:
        log = (completed.stderr or completed.stdout).strip()[-2000:]
        raise BuildError(f"Pagefind failed (exit {completed.returncode}):\n{log}")
    missing = [name for name in REQUIRED if not (staging / name).is_file()]
    if missing:
        raise BuildError(f"Pagefind wrote no {', '.join(missing)} in {staging}.")


def _swap(staging: Path, target: Path) -> None:
    """Replace the previous index by the new one with two renames."""
    old = target.parent.parent / f".{target.parent.name}.{BUNDLE}-old-{os.getpid()}"
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _page_count(staging: Path) -> int:
    entry = json.loads((staging / "pagefind-entry.json").read_text())
    return sum(language.get("page_count", 0) for language in entry.get("languages", {}).values())


def bundle_entries(output: Path) -> dict[str, Entry]:
    """Manifest entries of the search index in ``output/pagefind/``, as it is on disk."""
    return _entries_of(output / BUNDLE)


def _entries_of(folder: Path) -> dict[str, Entry]:
    """Manifest entries of an index in ``folder``, keyed by their paths under ``pagefind/``."""
    files = (path for path in folder.rglob("*") if path.is_file())
    names = sorted(path.relative_to(folder).as_posix() for path in files)
    return {f"{BUNDLE}/{name}": _entry(folder / name, f"{BUNDLE}/{name}") for name in names}


def _entry(file: Path, path: str) -> Entry:
    data = file.read_bytes()
    return Entry(
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        content_type=content_type(path),
        cache_control=cache_control(path),
    )


def _save_manifest(output: Path, manifest: Manifest) -> None:
    """Replace the manifest in one rename, so a reader never sees half of it."""
    target = output / MANIFEST_NAME
    temporary = output / f".{MANIFEST_NAME}.{os.getpid()}.tmp"
    temporary.write_bytes(manifest.to_bytes())
    os.replace(temporary, target)
    manifest.remember(output)


__all__ = [
    "PreparedIndex",
    "SearchResult",
    "build_search_index",
    "install_search_index",
    "prepare_search_index",
]
