"""`manage.py takedown`: remove a page's content from everything the pipeline keeps.

An unpublish already takes a page off every public surface in one sync. A legal takedown also
has to reach what is kept for rollback: every kept release that holds the page loses its files
(and its stored objects are deleted), the search index and listings of those releases go with
them, the path is recorded as withdrawn so no rollback restores it (``deploy.release.restore``),
and the CDN forgets it. The page must be unpublished first: this never hides a live page.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Page, Site

from deploy.errors import DeployError
from deploy.live import leases
from deploy.live.sync import SYNC_LEASE, perform_sync, wait_for_lease, worker_id
from deploy.release import cdn
from deploy.release.bucket import OBJECTS, RECORD_CACHE, WITHDRAWN, Bucket
from deploy.release.bucket_lock import DeployLock
from deploy.release.restore import SEARCH_BUNDLE, TEXT_SUFFIXES, read_withdrawn
from deploy.release.target import Target, s3_client

TAKEDOWN_ACTION = "deploy.takedown"


@dataclass
class Takedown:
    folder: str  # the page's site folder, "briefs/x/"
    page: Page | None
    sync_release: str = ""
    releases_rewritten: list[str] = field(default_factory=list)
    files_removed: int = 0
    objects_deleted: int = 0
    invalidation: str = ""

    def summary(self) -> str:
        cdn_note = f"CDN invalidation {self.invalidation}" if self.invalidation else "no CDN"
        return (
            f"Took down /{self.folder}: live release {self.sync_release or 'unchanged'}, "
            f"{len(self.releases_rewritten)} kept releases rewritten ({self.files_removed} files "
            f"removed), {self.objects_deleted} stored objects deleted, {cdn_note}; no rollback "
            "restores it."
        )


def resolve(path_or_id: str) -> tuple[str, Page | None]:
    """The site folder of a page id or a URL path (a deleted page has only its path)."""
    value = path_or_id.strip()
    if value.isdigit():
        page = Page.objects.filter(pk=int(value)).first()
        if page is None:
            raise DeployError(f"There is no page {value}: give the path it was published at.")
        return _folder_of(page), page
    path = urlsplit(value).path if "://" in value else value
    folder = path.strip("/")
    if not folder or ".." in folder.split("/"):
        raise DeployError(f"{path_or_id!r} is not the path of a page (e.g. /briefs/some-brief/).")
    folder += "/"
    for site in Site.objects.select_related("root_page"):
        found = Page.objects.filter(url_path=site.root_page.url_path + folder).first()
        if found is not None:
            return folder, found
    return folder, None


def take_down(
    path_or_id: str, *, reason: str, progress: Callable[[str], None] = lambda _: None
) -> Takedown:
    folder, page = resolve(path_or_id)
    if page is not None and page.live:
        raise DeployError(
            f"Page {page.pk} is published: unpublish it first (a takedown never hides a live "
            "page behind the CMS's back)."
        )
    takedown = Takedown(folder, page)
    progress("Bringing the live site up to date (a sync)…")
    holder = f"{worker_id()}/takedown"
    wait_for_lease(SYNC_LEASE, holder, timeout=600)
    try:
        sync = perform_sync(holder=holder)
        if sync.error and not sync.release_id:
            raise DeployError(f"The sync failed, so nothing was taken down: {sync.error}")
        takedown.sync_release = sync.release_id
        target = Target.from_settings()
        bucket = Bucket(s3_client(target), target)
        lock = DeployLock(bucket, settings.DEPLOY_LOCK_SECONDS).acquire()
        try:
            progress("Removing the page from every kept release…")
            _purge_releases(bucket, takedown)
        finally:
            lock.release()
    finally:
        leases.release(SYNC_LEASE, holder)
    takedown.invalidation = cdn.invalidate(
        target,
        [f"{folder}index.html", f"{folder}index.json"],
        caller_reference=f"takedown-{datetime.now(UTC):%Y%m%dT%H%M%S.%f}",
    )
    return takedown


def _purge_releases(bucket: Bucket, takedown: Takedown) -> None:
    """Rewrite every kept release without the page's files, the files that name it and the
    search index (when not the live one), then delete the stored objects nothing needs."""
    folder = takedown.folder
    url = f"/{folder}".encode()
    pointer = bucket.read_pointer()
    live = bucket.read_release(pointer.release) if pointer.release else None
    live_files = live.files if live else {}
    if any(path.startswith(folder) for path in live_files):
        raise DeployError(
            f"/{folder} is still in the live release: the page (or a child of it) is public. "
            "Unpublish it, and its children, first."
        )
    withdrawn = read_withdrawn(bucket)
    recorded = list(bucket.release_ids())
    releases = [r for rid in recorded if (r := bucket.read_release(rid)) is not None]
    before = {item.sha256 for release in releases for item in release.files.values()}
    for release in releases:
        if release.id == pointer.release:
            continue
        doomed = [path for path in release.files if path.startswith(folder)]
        for path in doomed:
            withdrawn[path] = {"at": datetime.now(UTC).isoformat(timespec="seconds")}
        if doomed:  # its search index and listings held the page too
            doomed += [
                path
                for path, item in release.files.items()
                if path not in doomed
                and live_files.get(path) != item
                and (path.startswith(SEARCH_BUNDLE) or _names(bucket, item.sha256, path, url))
            ]
        if not doomed:
            continue
        for path in doomed:
            del release.files[path]
        bucket.rewrite_release(release)
        takedown.releases_rewritten.append(release.id)
        takedown.files_removed += len(doomed)
    withdrawn[f"{folder}index.html"] = {"at": datetime.now(UTC).isoformat(timespec="seconds")}
    bucket.put(
        WITHDRAWN, json.dumps(withdrawn, sort_keys=True).encode(), "application/json", RECORD_CACHE
    )
    after = {item.sha256 for release in releases for item in release.files.values()}
    unneeded = sorted(before - after)
    bucket.delete_keys([OBJECTS + sha for sha in unneeded])
    takedown.objects_deleted = len(unneeded)


def _names(bucket: Bucket, sha256: str, path: str, url: bytes) -> bool:
    if not path.endswith(TEXT_SUFFIXES):
        return False
    found = bucket.get(OBJECTS + sha256)
    return found is not None and url in found[0]


def _folder_of(page: Page) -> str:
    """A page's folder below its site's root (``briefs/x/``), published or not."""
    for site in Site.objects.select_related("root_page"):
        root = site.root_page.url_path
        if page.url_path.startswith(root) and page.url_path != root:
            return page.url_path[len(root) :]
    raise DeployError(f"Page {page.pk} is not below any site's root page: give its path.")
