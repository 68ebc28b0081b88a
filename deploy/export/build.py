"""`build`: plan → render (in parallel) → assets → validate → manifest → swap into place."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections
from django.utils import timezone
from wagtail.models import Page, Site

from cms.deps import depend, loaded_keys, recording
from cms.memo import current_session, render_session
from deploy import cycle_gc
from deploy.errors import BuildError
from deploy.export import assets, output_folder, state
from deploy.export.manifest import MANIFEST_NAME, Entry, Manifest
from deploy.export.output_policy import cache_control, content_type
from deploy.export.outputs import Job, Kind
from deploy.export.plan import Plan, plan_site
from deploy.export.render import Renderer
from deploy.export.search_index import bundle_entries
from deploy.export.validate import SEARCH_BUNDLE, validate

Progress = Callable[[int, int], None]


@dataclass
class BuildResult:
    output: Path
    rendered: int = 0
    reused: int = 0
    removed: int = 0
    pages: int = 0
    seconds: float = 0.0
    rendered_paths: list[str] = field(default_factory=list)
    removed_paths: list[str] = field(default_factory=list)
    # Links typed in rich text that lead to no output: reported, not fatal (validate).
    dead_editor_links: list[str] = field(default_factory=list)

    @property
    def removed_pages(self) -> bool:
        """Whether a page left the site (its words must leave the search index with it)."""
        return any(path.endswith(".html") for path in self.removed_paths)

    def summary(self) -> str:
        rate = self.rendered / self.seconds if self.seconds else 0.0
        text = (
            f"Built {self.output}: {self.rendered} rendered, {self.reused} reused, "
            f"{self.removed} removed in {self.seconds:.1f} s ({rate:.0f} outputs/s, "
            f"{self.pages} public pages)."
        )
        if self.dead_editor_links:
            count = len(self.dead_editor_links)
            links = "editor link points" if count == 1 else "editor links point"
            text += f" Warning: {count} {links} nowhere (see the admin's Broken links report)."
        return text


@dataclass(frozen=True)
class Written:
    path: str
    sha256: str
    size: int
    content_type: str
    # Sorted and interned: a 10,000-page build holds a million of these strings (memory).
    keys: tuple[str, ...]  # what the output was rendered from (cms.deps)
    refs: tuple[str, ...]  # the /static/ and /media/ files it references


def build_site(
    output: Path, *, jobs: int = 1, full: bool = False, progress: Progress | None = None
) -> BuildResult:
    """Build the public site into ``output``; on any failure ``output`` is left untouched.

    Without ``full``, outputs of the previous build in ``output`` whose dependencies did not
    change are reused (``deploy.export.state``) and only what changed is committed into
    ``output`` (``deploy.export.output_folder``); the result is the same as a full build, which
    is swapped in whole.
    """
    started = time.perf_counter()
    output = output.resolve()
    with output_folder.locked(output), cycle_gc.freezing():
        with cycle_gc.lasting():
            previous = None if full else Manifest.load(output)
        staging = output_folder.staging_path(output)
        staging.mkdir(parents=True)
        try:
            plan, manifest, written, reused, dead = _build(
                output, staging, previous, jobs, progress
            )
            if previous is None:
                output_folder.link_all(_search_index(manifest), output, staging)
                output_folder.swap(staging, output)
            else:
                output_folder.commit(staging, output, *_changes(previous, manifest, written))
            manifest.remember(output)
        except BaseException:
            if not output_folder.journal_path(
                output
            ).exists():  # else the next reader rolls forward
                shutil.rmtree(staging, ignore_errors=True)
            raise
    removed = sorted(set(previous.entries) - set(manifest.entries)) if previous else []
    return BuildResult(
        output=output,
        rendered=len(written),
        reused=len(reused),
        removed=len(removed),
        removed_paths=removed,
        pages=len(plan.urls),
        seconds=time.perf_counter() - started,
        rendered_paths=sorted(item.path for item in written),
        dead_editor_links=dead,
    )


def _build(
    output: Path,
    staging: Path,
    previous: Manifest | None,
    jobs: int,
    progress: Progress | None,
) -> tuple[Plan, Manifest, list[Written], dict[str, Entry], list[str]]:
    """Render what changed into ``staging`` and make the new manifest (validated, written to
    ``staging``); outputs reused from ``output`` stay where they are. Also returns the
    validator's warnings (editors' links that lead nowhere)."""
    now = timezone.now()
    with assets.hashed_static() as static_root, render_session(now):
        with cycle_gc.lasting():
            plan = plan_site()
            current = state.capture(plan.pages, now)
            current["code"] = code_fingerprint(static_root)
            reused = _reusable(plan, previous, current, output)
        todo = sorted(job for path, job in plan.jobs.items() if path not in reused)
        written = render_all(plan, todo, staging, jobs=max(1, jobs), progress=progress, now=now)
        refs = {ref for item in written for ref in item.refs}
        refs |= {ref for entry in reused.values() for ref in entry.deps.get("refs", ())}
        asset_paths = assets.copy_static(refs, static_root, staging)
        asset_paths += assets.copy_media(refs, staging)
    with cycle_gc.paused():
        manifest = _manifest(current, plan, written, reused, asset_paths, staging)
    # The previous search index stays until `search_index` replaces it, so a deploy right
    # after a build still has one (searching may lag the pages by one step). A full build
    # reads it from disk: the previous manifest would double its peak memory.
    if previous is not None:
        manifest.entries.update(_search_index(previous, output))
    else:
        manifest.entries.update(bundle_entries(output))
    # Reused outputs passed the previous build's checks; if every output they could link to
    # is still there, they still pass.
    nothing_removed = previous is not None and previous.entries.keys() <= manifest.entries.keys()
    dead = validate(staging, manifest, checked=reused if nothing_removed else ())
    (staging / MANIFEST_NAME).write_bytes(manifest.to_bytes())
    return plan, manifest, written, reused, dead


def _manifest(
    current: dict[str, Any],
    plan: Plan,
    written: list[Written],
    reused: dict[str, Entry],
    asset_paths: list[str],
    staging: Path,
) -> Manifest:
    manifest = Manifest(state=current)
    for item in written:
        deps = {"keys": item.keys, "refs": item.refs}
        entry = _entry(item.path, staging, item.sha256, item.size, deps)
        manifest.entries[item.path] = replace(entry, redirect=plan.jobs[item.path].target)
    manifest.entries.update(reused)
    for path in asset_paths:
        manifest.entries[path] = _entry(path, staging)
    return manifest


def _changes(
    previous: Manifest, manifest: Manifest, written: list[Written]
) -> tuple[list[str], list[str]]:
    """(staged files that differ from what ``output`` holds, the manifest last; outputs to
    remove) for an incremental commit."""
    staged = [item.path for item in written] + [
        path
        for path, entry in manifest.entries.items()
        if not entry.deps and not path.startswith(SEARCH_BUNDLE)
    ]
    moved = [
        path
        for path in dict.fromkeys(staged)
        if (before := previous.entries.get(path)) is None
        or before.sha256 != manifest.entries[path].sha256
    ]
    removed = sorted(set(previous.entries) - set(manifest.entries))
    return [*moved, MANIFEST_NAME], removed


def _reusable(
    plan: Plan, previous: Manifest | None, current: dict[str, Any], output: Path
) -> dict[str, Entry]:
    """Previous outputs that are still planned, still on disk, and that no change since then
    can affect."""
    if previous is None or previous.state.get("version") != current["version"]:
        return {}
    if previous.state.get("code") != current["code"]:
        return {}  # templates, code or static assets changed: everything may look different
    changes = state.compare(previous.state, current)
    root = f"{output}{os.sep}"  # string joins: twice as fast as Path's for 24,000 files
    return {
        path: entry
        for path, job in plan.jobs.items()
        if (entry := previous.entries.get(path)) is not None
        and job.kind is not Kind.REDIRECT
        and not entry.redirect  # a page now lives where a redirect stub was
        and "keys" in entry.deps
        and not changes.affects(entry.deps["keys"])
        and os.path.exists(root + path)
    }


def _search_index(manifest: Manifest, output: Path | None = None) -> dict[str, Entry]:
    """The search index's entries of ``manifest`` (those still in ``output``, if given)."""
    entries = {p: e for p, e in manifest.entries.items() if p.startswith(SEARCH_BUNDLE)}
    if output is None:
        return entries
    # One listing of the folder rather than a stat per file (10,000 files at 10,000 pages).
    on_disk = {
        f"{folder}/{name}".removeprefix(f"{output}/")
        for folder, _dirs, names in os.walk(output / SEARCH_BUNDLE)
        for name in names
    }
    return {path: entry for path, entry in entries.items() if path in on_disk}


def code_fingerprint(static_root: Path) -> str:
    """Everything besides content that shapes the outputs: our code, templates, static files."""
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for package in ("cms", "home", "people", "publications", "deploy"):
        for path in sorted((root / package).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".html", ".css", ".js", ".txt", ".xml"}:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    manifest = static_root / "staticfiles.json"
    if manifest.exists():
        digest.update(manifest.read_bytes())
    return digest.hexdigest()


def _entry(
    path: str, root: Path, sha256: str = "", size: int = -1, deps: dict[str, Any] | None = None
) -> Entry:
    if not sha256:
        data = (root / path).read_bytes()
        sha256, size = hashlib.sha256(data).hexdigest(), len(data)
    return Entry(
        sha256=sha256,
        size=size,
        content_type=content_type(path),
        cache_control=cache_control(path),
        deps=deps or {},
    )


# --- rendering -----------------------------------------------------------------------------

_worker: dict[str, object] = {}


def _chunks(todo: list[Job], size: int) -> list[list[Job]]:
    """Jobs grouped by page, so each page is loaded once, in chunks of about ``size`` jobs."""
    by_page: dict[int | None, list[Job]] = defaultdict(list)
    for job in todo:
        by_page[job.page_id].append(job)
    chunks: list[list[Job]] = [[]]
    for group in by_page.values():
        if len(chunks[-1]) >= size:
            chunks.append([])
        chunks[-1].extend(group)
    return [chunk for chunk in chunks if chunk]


def render_all(
    plan: Plan,
    todo: list[Job],
    staging: Path,
    *,
    jobs: int,
    progress: Progress | None,
    now: datetime,
) -> list[Written]:
    chunks = _chunks(todo, size=100)
    done = 0
    results: list[Written] = []

    def advance(batch: list[Written]) -> None:
        nonlocal done
        results.extend(batch)
        done += len(batch)
        if progress:
            progress(done, len(todo))

    if jobs == 1:
        renderer = Renderer(plan.site)
        with render_session(now):
            for chunk in chunks:
                advance(_render_chunk(renderer, _load(chunk), chunk, staging))
        return results
    connections.close_all()  # each worker opens its own connection
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_init_worker, initargs=(plan.site, now)) as pool:
        for batch in pool.imap_unordered(_render_in_worker, [(c, staging) for c in chunks]):
            advance(batch)
    return results


def _init_worker(site: Site, now: datetime) -> None:
    connections.close_all()
    _worker["renderer"] = Renderer(site)
    # Shared values (menus, settings, topic lists) are computed once per worker process.
    _worker["session"] = render_session(now)
    _worker["session"].__enter__()  # type: ignore[attr-defined]


def _render_in_worker(args: tuple[list[Job], Path]) -> list[Written]:
    chunk, staging = args
    return _render_chunk(_worker["renderer"], _load(chunk), chunk, staging)  # type: ignore[arg-type]


def _load(chunk: list[Job]) -> dict[int, Page]:
    """The chunk's pages, specific, with what their detail view shows prefetched in bulk."""
    ids = {job.page_id for job in chunk if job.page_id is not None}
    session = current_session()
    if session is not None:
        session.next_chunk()
    pages = list(Page.objects.filter(pk__in=ids).specific())
    by_class: dict[type, list[Page]] = defaultdict(list)
    for page in pages:
        by_class[type(page)].append(page)
    # Page types may load what their pages show in bulk (``prefetch_for_render``).
    for model, group in by_class.items():
        if hook := getattr(model, "prefetch_for_render", None):
            hook(group)
    # Their parents, for the JSON's "parent" (cms.api.PublicPageParentField).
    if session is not None:
        paths = {page.path[: -Page.steplen] for page in pages if page.depth > 1}
        parents = Page.objects.filter(path__in=paths)
        session.parents.update((parent.path, parent) for parent in parents)
    return {page.pk: page for page in pages}


def _render_chunk(
    renderer: Renderer, pages: dict[int, Page], chunk: Iterable[Job], staging: Path
) -> list[Written]:
    written = []
    for job in chunk:
        with recording() as keys:
            if job.page_id in pages:
                depend(*loaded_keys(pages[job.page_id]))
            rendered = renderer.render(job, pages.get(job.page_id) if job.page_id else None)
        target = staging / job.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(rendered.body)
        written.append(
            Written(
                job.path,
                hashlib.sha256(rendered.body).hexdigest(),
                len(rendered.body),
                rendered.content_type,
                _interned(keys),
                _interned(assets.references(rendered.body)),
            )
        )
    return written


def _interned(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(sys.intern(value) for value in values))


__all__ = ["BuildError", "BuildResult", "build_site"]
