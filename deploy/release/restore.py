"""What a rollback may restore: an earlier release without the pages that are not public now.

A rollback restores code, templates and the content of pages that are public now; it never
changes which pages are public. The live release is the authority on that (the worker keeps it
in step with the CMS, and the rollback needs no database), and takedowns are recorded in the
release store (``_deploy/withdrawn.json``), read afresh at every rollback:

- a page of the earlier release that is not in the live one is left out, with the files in its
  folder the live release does not have (its JSON, its feeds);
- any other text file of the earlier release (a listing, a feed, the sitemap) that names a page
  left out keeps its live version (or is left out when there is none);
- files of the live release the earlier one lacks (pages published since) stay, and so does the
  live search index (the earlier one lacks their words, or holds those of pages left out);
- ``--include-removed`` restores the earlier release exactly, and lists the pages it brings
  back; withdrawn paths (``manage.py takedown``) are never restored, not even then.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from deploy.release.bucket import OBJECTS, WITHDRAWN, Bucket, Release, RemoteFile

SEARCH_BUNDLE = "pagefind/"
TEXT_SUFFIXES = (".html", ".xml", ".json", ".txt", ".ics")


@dataclass
class RestoreScope:
    files: dict[str, RemoteFile]
    left_out: list[str] = field(default_factory=list)  # URL paths of pages not restored
    kept_live: list[str] = field(default_factory=list)  # files whose live version was kept
    withdrawn: list[str] = field(default_factory=list)  # paths takedowns withdrew (all of them)

    def changed(self, earlier: Release) -> bool:
        return self.files != earlier.files


def page_url(path: str) -> str:
    """``topics/nato/index.html`` → ``/topics/nato/``; ``404.html`` → ``/404.html``."""
    if path == "index.html":
        return "/"
    if path.endswith("/index.html"):
        return "/" + path[: -len("index.html")]
    return "/" + path


def read_withdrawn(bucket: Bucket) -> dict[str, dict[str, str]]:
    """Withdrawn path → {"reason", "at"}; never cached (another process may have added one)."""
    found = bucket.get(WITHDRAWN)
    if found is None:
        return {}
    data = json.loads(found[0])
    return data if isinstance(data, dict) else {}


def restore_scope(
    bucket: Bucket, earlier: Release, live: Release | None, *, include_removed: bool = False
) -> RestoreScope:
    """The files a rollback to ``earlier`` makes live, and what it leaves out and why."""
    withdrawn = read_withdrawn(bucket)
    files = {path: item for path, item in earlier.files.items() if path not in withdrawn}
    scope = RestoreScope(files, withdrawn=sorted(withdrawn))
    live_files = live.files if live else {}
    gone = sorted(
        path
        for path in files
        if path.endswith(".html") and path not in live_files and not files[path].redirect
    )
    if include_removed or live is None:
        scope.left_out = [page_url(path) for path in gone] if live else []
        return scope
    folders = [path[: -len("index.html")] for path in gone if path.endswith("index.html")]
    for path in list(files):
        if path in gone or (
            path not in live_files and any(path.startswith(folder) for folder in folders if folder)
        ):
            del files[path]
    scope.left_out = [page_url(path) for path in gone]
    if gone:
        urls = [url.encode() for url in scope.left_out if url != "/"]
        _keep_live_where_named(bucket, scope, live_files, urls)
    # The set of pages stays the live one: pages published since stay, with the live search
    # index (the earlier one lacks their words, or holds those of pages left out).
    for path in [path for path in files if path.startswith(SEARCH_BUNDLE)]:
        del files[path]
    for path, item in live_files.items():
        if path not in files or path.startswith(SEARCH_BUNDLE):
            files[path] = item
    return scope


def _keep_live_where_named(
    bucket: Bucket, scope: RestoreScope, live_files: dict[str, RemoteFile], urls: list[bytes]
) -> None:
    """Text files of the earlier release that differ from live and name a page left out keep
    their live version (read from the release store, in parallel)."""
    files = scope.files
    suspects = [
        path
        for path, item in files.items()
        if path.endswith(TEXT_SUFFIXES)
        and not path.startswith(SEARCH_BUNDLE)
        and live_files.get(path) != item
    ]

    def names_a_removed_page(path: str) -> bool:
        found = bucket.get(OBJECTS + files[path].sha256)
        return found is not None and any(url in found[0] for url in urls)

    with ThreadPoolExecutor(max_workers=bucket.target.concurrency) as pool:
        naming = [
            p
            for p, hit in zip(suspects, pool.map(names_a_removed_page, suspects), strict=True)
            if hit
        ]
    for path in naming:
        if path in live_files:
            files[path] = live_files[path]
        else:
            del files[path]
        scope.kept_live.append(path)
