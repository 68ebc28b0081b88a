"""`deploy` and `rollback`: make a release the live content of the bucket, safely.

Both go through one path (``apply_release``): under the deploy lock, compare the target release
with the live one (hashes from the release records, never a listing of the bucket), store the
new content in the private release store as ``_deploy/objects/<sha256>``, copy it to the live
keys of the site bucket in order — content-named
assets → JSON/feeds → HTML → home page → sitemap — delete stale keys (only when everything
else succeeded, capped), then switch the pointer with If-Match. At every moment each live key
is its old or its new version whole, and assets go live before the pages that reference them;
hashed code and styles of earlier releases linger for a grace period for pages cached elsewhere
(never the search index: it holds page text).
A deploy that stops half way leaves the pointer marked ``pending``; the next one finishes it.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings

from deploy import cycle_gc
from deploy.errors import DeployError
from deploy.export import output_folder
from deploy.export.manifest import Manifest
from deploy.export.output_policy import content_named, may_linger
from deploy.release import cdn
from deploy.release.bucket import OBJECTS, Bucket, Pointer, Release, RemoteFile, sha256_checksum
from deploy.release.bucket_lock import DeployLock
from deploy.release.faults import checkpoint
from deploy.release.restore import restore_scope
from deploy.release.target import Target, s3_client

PHASES = ("assets", "data", "html", "home", "sitemap")
Progress = Callable[[int, int], None]


def phase_of(path: str) -> str:
    """The upload phase of a site path: what a page references goes live before the page."""
    if path in {"sitemap.xml", "robots.txt"}:
        return "sitemap"
    if path == "index.html":
        return "home"
    if path.startswith("media/") or content_named(path):
        return "assets"
    if path.endswith(".html"):
        return "html"
    return "data"


@dataclass(frozen=True)
class Upload:
    path: str
    file: RemoteFile
    reason: str  # "new", "changed", "headers" or "unsure" (a stopped deploy may have changed it)


@dataclass
class ReleasePlan:
    release: Release
    uploads: list[Upload] = field(default_factory=list)
    objects: list[Upload] = field(default_factory=list)  # new content to store first
    deletes: list[str] = field(default_factory=list)
    lingering: dict[str, dict[str, Any]] = field(default_factory=dict)
    unchanged: int = 0

    @property
    def changes_nothing(self) -> bool:
        return not self.uploads and not self.deletes

    def lines(self, cdn_configured: bool = False) -> list[str]:
        """The plan as an operator reads it in a dry run."""
        out = [f"upload  {u.path}  ({u.reason}, {u.file.size} bytes)" for u in self.uploads]
        out += [f"delete  {path}" for path in self.deletes]
        out += [
            f"keep    {path}  (stale content-named asset, kept since {kept['since']})"
            for path, kept in sorted(self.lingering.items())
        ]
        if cdn_configured:
            paths = cdn.invalidation_paths(self.changed_paths())
            out += [f"invalidate  {path}" for path in paths]
        return out

    def changed_paths(self) -> list[str]:
        return [u.path for u in self.uploads] + self.deletes


@dataclass
class DeployResult:
    release_id: str
    uploaded: int
    unchanged: int
    deleted: int
    bytes: int
    seconds: float
    requests: int
    dry_run: bool = False
    already_live: bool = False
    plan: list[str] = field(default_factory=list)
    verb: str = "Deployed"
    restored_from: str = ""  # a rollback: the release it restored
    left_out: list[str] = field(default_factory=list)  # pages a rollback did not restore
    brought_back: list[str] = field(default_factory=list)  # … restored with --include-removed

    def summary(self) -> str:
        if self.dry_run:
            head = f"Dry run for release {self.release_id}, nothing changed:"
        elif self.already_live:
            head = f"Already live ({self.release_id}), nothing changed:"
        else:
            head = f"{self.verb} release {self.release_id}:"
        if self.restored_from and self.restored_from != self.release_id:
            head = head[:-1] + f" (from release {self.restored_from}):"
        scope = ""
        if self.left_out:
            scope = f" {len(self.left_out)} pages not public now left out."
        if self.brought_back:
            scope = f" {len(self.brought_back)} pages not public now brought back."
        return (
            f"{head} {self.uploaded} uploaded, {self.unchanged} unchanged, {self.deleted} "
            f"deleted, {self.bytes / 1_000_000:.1f} MB, {self.requests} requests, "
            f"{self.seconds:.1f} s.{scope}"
        )


@dataclass(frozen=True)
class Options:
    dry_run: bool = False
    max_deletes: int = 1000
    trigger: str = ""
    progress: Progress | None = None


def deploy_build(build: Path, options: Options, target: Target | None = None) -> DeployResult:
    """Deploy the build in ``build`` (its manifest says what it holds).

    The build folder's shared lock is held throughout, so no build commits into it meanwhile.
    """
    build = build.resolve()
    if not build.is_dir():
        raise DeployError(f"{build} holds no build (no manifest.json): run `manage.py build`.")
    # What lives through the deploy (a worker's heap, the build's manifest: a million objects
    # at 10,000 pages) is frozen: the collections the deploy triggers do not traverse it (a
    # full one cost 0.4 s, half of a publish's deploy).
    with output_folder.locked(build, shared=True), cycle_gc.freezing():
        return _deploy_locked(build, options, target)


def _deploy_locked(build: Path, options: Options, target: Target | None) -> DeployResult:
    with cycle_gc.lasting():
        manifest = Manifest.load(build)
        if manifest is None:
            raise DeployError(f"{build} holds no build (no manifest.json): run `manage.py build`.")
        if not any(path.startswith("pagefind/") for path in manifest.entries):
            raise DeployError(
                f"{build} has no search index: run `manage.py search_index --output {build}` first."
            )
        files = {
            path: RemoteFile(e.sha256, e.size, e.content_type, e.cache_control, e.redirect)
            for path, e in manifest.entries.items()
        }
    release = Release(id=new_release_id(), created=_now().isoformat(), trigger=options.trigger)
    release.files = files
    return apply_release(release, options, target, source=build)


def rollback(
    release_id: str | None,
    options: Options,
    target: Target | None = None,
    *,
    include_removed: bool = False,
) -> DeployResult:
    """Make an earlier release live again from the bucket alone (default: the one before),
    without the pages that are not public now (deploy.release.restore) unless
    ``include_removed``; what a takedown withdrew is never restored."""
    target = target or Target.from_settings()
    bucket = Bucket(s3_client(target), target)
    pointer = bucket.read_pointer()
    recorded = bucket.release_ids()
    restorable = [rid for rid, complete in recorded.items() if complete]
    live = bucket.read_release(pointer.release) if pointer.release else None
    if release_id is None:
        # Before the live release, or before the one a rollback made it from.
        base = (live.restores if live else "") or pointer.release
        earlier = [rid for rid in restorable if rid < base]
        if not earlier:
            raise DeployError("There is no earlier release to roll back to.")
        release_id = earlier[-1]
    if release_id not in recorded:
        raise DeployError(f"No release {release_id!r} in the bucket; see `manage.py releases`.")
    if release_id not in restorable:
        raise DeployError(f"Release {release_id} never went live whole, so it cannot be restored.")
    release = bucket.read_release(release_id, fresh=True)  # a takedown may have rewritten it
    if release is None:
        raise DeployError(f"The record of release {release_id} is missing from the bucket.")
    scope = restore_scope(bucket, release, live, include_removed=include_removed)
    if scope.changed(release):
        # A release of its own: records never change once written.
        release = Release(
            id=new_release_id(),
            created=_now().isoformat(),
            trigger=f"{options.trigger} (release {release_id} without pages not public now)"
            if options.trigger
            else f"Release {release_id} without pages not public now",
            files=scope.files,
            restores=release_id,
        )
    else:
        release.complete = True
    result = apply_release(release, options, target, source=None, verb="Rolled back to")
    result.restored_from = release_id
    result.left_out = [] if include_removed else scope.left_out
    result.brought_back = scope.left_out if include_removed else []
    result.plan = [
        *(f"left out  {url}  (not public now)" for url in result.left_out),
        *(f"bring back  {url}  (not public now: --include-removed)" for url in result.brought_back),
        *(f"withdrawn  /{path}  (taken down: never restored)" for path in scope.withdrawn),
        *result.plan,
    ]
    return result


def new_release_id() -> str:
    """Sortable by time, to the microsecond: ``20261124T065046.123456Z-5efc1b``."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%S.%fZ}-{secrets.token_hex(3)}"


def apply_release(
    release: Release,
    options: Options,
    target: Target | None = None,
    *,
    source: Path | None,
    verb: str = "Deployed",
) -> DeployResult:
    """Make ``release`` live. ``source`` is the build folder, or None when every file of the
    release is already stored in the bucket (a rollback)."""
    started = time.perf_counter()
    target = target or Target.from_settings()
    bucket = Bucket(s3_client(target), target)
    bucket.ensure_release_store_private()
    lock = DeployLock(bucket, settings.DEPLOY_LOCK_SECONDS)
    if not options.dry_run:
        lock.acquire()
    try:
        pointer = bucket.read_pointer()
        live = bucket.read_release(pointer.release) if pointer.release else None
        pending = bucket.read_release(pointer.pending) if pointer.pending else None
        legacy: list[str] = []
        if not pointer.release and not pointer.pending:
            legacy = bucket.legacy_records()
            # An earlier version's live release, recorded in the site bucket: its keys may be
            # live, so it is treated as a stopped deploy (every key rewritten, stale keys
            # deleted), and its records leave the site bucket once this release is live.
            pending = bucket.read_legacy_release() if legacy else None
        plan = plan_release(release, live, pending, pointer, now=_now())
        if source is None:
            plan.objects = []  # a complete release's content is stored already
        _check_deletes(plan, options.max_deletes)
        result = DeployResult(
            release_id=release.id,
            uploaded=len(plan.uploads),
            unchanged=plan.unchanged,
            deleted=len(plan.deletes),
            bytes=sum(upload.file.size for upload in plan.objects),
            seconds=0.0,
            requests=0,
            dry_run=options.dry_run,
            verb=verb,
        )
        if options.dry_run:
            result.plan = plan.lines(cdn_configured=bool(target.cloudfront_distribution_id))
        elif plan.changes_nothing and pointer.release and not pointer.pending:
            result.already_live = True
            result.release_id = pointer.release
        else:
            _apply(bucket, lock, plan, pointer, release, source, options.progress)
            if legacy:
                bucket.delete_legacy_records(legacy)
            collect_garbage(bucket, release.id)
            cdn.invalidate(target, plan.changed_paths(), caller_reference=release.id)
    finally:
        lock.release()
    result.requests = bucket.requests
    result.seconds = time.perf_counter() - started
    return result


def plan_release(
    release: Release,
    live: Release | None,
    pending: Release | None,
    pointer: Pointer,
    *,
    now: datetime,
) -> ReleasePlan:
    """What must change in the bucket to make ``release`` live, compared with the records."""
    plan = ReleasePlan(release=release)
    live_files = live.files if live else {}
    pending_files = pending.files if pending else {}
    stored = {item.sha256 for item in live_files.values()}
    for path, item in sorted(release.files.items(), key=lambda kv: _order(kv[0])):
        before = live_files.get(path)
        unsure = pending is not None and pending_files.get(path) != before
        if before == item and not unsure:
            plan.unchanged += 1
            continue
        if unsure:
            reason = "unsure"
        elif before is None:
            reason = "new"
        elif before.sha256 == item.sha256:
            reason = "headers"
        else:
            reason = "changed"
        plan.uploads.append(Upload(path, item, reason))
        if item.sha256 not in stored:
            stored.add(item.sha256)
            plan.objects.append(plan.uploads[-1])
    grace = timedelta(seconds=settings.DEPLOY_GRACE_SECONDS)
    candidates: dict[str, RemoteFile] = {
        path: RemoteFile(**kept["file"]) for path, kept in pointer.lingering.items()
    }
    candidates.update(pending_files)
    candidates.update(live_files)
    for path, item in sorted(candidates.items()):
        if path in release.files:
            continue
        kept = pointer.lingering.get(path)
        since = datetime.fromisoformat(kept["since"]) if kept else now
        if may_linger(path) and now - since < grace:
            plan.lingering[path] = {"file": asdict(item), "since": since.isoformat()}
        else:
            plan.deletes.append(path)
    return plan


def collect_garbage(bucket: Bucket, live_id: str) -> list[str]:
    """Forget releases beyond the newest DEPLOY_KEEP_RELEASES that are older than the grace
    period, with the stored objects no kept release needs. Returns the ids collected."""
    recorded = bucket.release_ids()
    keep_count = settings.DEPLOY_KEEP_RELEASES
    cutoff = datetime.now(UTC) - timedelta(seconds=settings.DEPLOY_GRACE_SECONDS)
    complete = [rid for rid, done in recorded.items() if done]
    kept = set(complete[-keep_count:]) | {live_id}
    doomed = [rid for rid in recorded if rid not in kept and _created(rid) < cutoff]
    if not doomed:
        return []
    needed: set[str] = set()
    for rid in recorded:
        if rid not in doomed and (hashes := bucket.release_hashes(rid)) is not None:
            needed |= hashes
    for rid in doomed:
        if (hashes := bucket.release_hashes(rid)) is not None:
            bucket.delete_keys(sorted(OBJECTS + sha for sha in hashes - needed))
        bucket.delete_release(rid)
    return doomed


def _apply(
    bucket: Bucket,
    lock: DeployLock,
    plan: ReleasePlan,
    pointer: Pointer,
    release: Release,
    source: Path | None,
    progress: Progress | None,
) -> None:
    total = len(plan.objects) + len(plan.uploads) + len(plan.deletes)
    counter = _Counter(total, progress)
    if not release.complete:
        bucket.write_release(release)
    pointer.pending = release.id
    pointer = bucket.write_pointer(pointer)
    bucket.abort_multipart_uploads()
    with ThreadPoolExecutor(max_workers=bucket.target.concurrency) as pool:
        _run_phase(
            pool,
            "objects",
            plan.objects,
            lambda upload: _store_object(bucket, source, upload),
            counter,
            lock,
        )
        for phase in PHASES:
            uploads = [u for u in plan.uploads if phase_of(u.path) == phase]
            _run_phase(
                pool,
                phase,
                uploads,
                lambda u: bucket.copy(OBJECTS + u.file.sha256, u.path, u.file),
                counter,
                lock,
            )
    checkpoint("deletes")
    bucket.delete_keys(plan.deletes)
    counter.advance(len(plan.deletes))
    lock.refresh()
    checkpoint("pointer")
    pointer.release, pointer.pending, pointer.lingering = release.id, "", plan.lingering
    bucket.write_pointer(pointer)
    bucket.mark_complete(release.id)


def _run_phase(
    pool: ThreadPoolExecutor,
    phase: str,
    items: list[Any],
    action: Callable[[Any], object],
    counter: _Counter,
    lock: DeployLock,
) -> None:
    """Run ``action`` on every item in parallel; stop at the first failure, after the rest of
    the running requests ended (nothing of a later phase starts)."""
    done = 0
    futures = [pool.submit(action, item) for item in items]
    try:
        for future in futures:
            future.result()
            done += 1
            counter.advance(1)
            checkpoint(phase, done)
            lock.refresh()
    except BaseException:
        for future in futures:
            future.cancel()
        wait(futures, return_when=FIRST_EXCEPTION)
        raise


def _store_object(bucket: Bucket, source: Path | None, upload: Upload) -> None:
    item = upload.file
    if source is None:
        raise DeployError(f"Release content {item.sha256} is not stored and there is no build.")
    data = (source / upload.path).read_bytes()
    if hashlib.sha256(data).hexdigest() != item.sha256:
        raise DeployError(
            f"{source / upload.path} changed after the build wrote its manifest: build again."
        )
    bucket.put(
        OBJECTS + item.sha256,
        data,
        item.content_type,
        "public, max-age=31536000, immutable",
        ChecksumSHA256=sha256_checksum(item.sha256),
    )


def _check_deletes(plan: ReleasePlan, max_deletes: int) -> None:
    if len(plan.deletes) > max_deletes:
        shown = ", ".join(plan.deletes[:5])
        raise DeployError(
            f"This would delete {len(plan.deletes)} live files, more than the cap of "
            f"{max_deletes} (e.g. {shown}). Nothing was changed. If that is intended, run "
            "again with a higher --max-deletes."
        )


class _Counter:
    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress = total, 0, progress

    def advance(self, count: int) -> None:
        self.done += count
        if self.progress and count:
            self.progress(self.done, self.total)


def _order(path: str) -> tuple[int, str]:
    return PHASES.index(phase_of(path)), path


def _created(release_id: str) -> datetime:
    return datetime.strptime(release_id[:23], "%Y%m%dT%H%M%S.%fZ").replace(tzinfo=UTC)


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
