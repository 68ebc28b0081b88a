"""Publish to live: editor actions become incremental build + deploy runs on a worker.

Signal handlers (deploy.live.signals) call ``request_sync``: it records a SyncRequest and, once the
transaction commits, enqueues ``sync_site`` on the "deploys" task backend (django-tasks-db).
Any number of workers may run it; ``run_sync`` coalesces:

- a lone change (one editor action, after a quiet spell) is synced at once;
- a burst waits until no request arrived for SYNC_QUIET_SECONDS (a burst of publishes is one
  sync), but never more than SYNC_MAX_WAIT_SECONDS after the oldest waiting request;
- one sync at a time across all workers (a database lease; the bucket's deploy lock as well);
  a task that finds the lease taken tries again a little later, and finds its request covered;
- a sync covers exactly the requests visible when it read the content, so the last state wins
  and nothing is lost: requests that arrive meanwhile get the next sync.

A sync is an incremental build and a deploy. The search index follows as its own task
(``index_site``, on the "search" queue, which the worker runs on a thread of its own): Pagefind
reads a snapshot of the build outside the sync lease, so publishes are not held up by it; only
the swap of the new index into the build takes the lease, and its small deploy too unless a
publish is waiting by then: that publish's sync deploys the index with its pages. Failures are
retried with backoff; after SYNC_MAX_ATTEMPTS the Deployers group is e-mailed. The bucket is
never left half-updated: that is the deploy's guarantee.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max, Min, QuerySet
from django.utils import timezone
from django_tasks import task

from cms.bulk import in_bulk_changes
from deploy.export.build import build_site
from deploy.export.manifest import Manifest
from deploy.export.search_index import (
    StaleIndex,
    build_search_index,
    install_search_index,
    prepare_search_index,
)
from deploy.live import leases
from deploy.models import SiteSync, SyncRequest
from deploy.release.apply import Options, deploy_build, rollback

logger = logging.getLogger(__name__)
# One line per sync with its figures, on the logger operators filter the pipeline's figures by
# (manage.py deploy logs there too). Ids and counts only: a trigger names page titles.
figures = logging.getLogger("deploy")
SYNC_LEASE = "site-sync"
SEARCH_LEASE = "site-search"
LEASE_SECONDS = 30 * 60
BUSY_RETRY_SECONDS = 0.2  # a publish that finds the lease taken waits at most this long extra
LEASE_WAIT_SECONDS = 10 * 60  # how long the search step waits for a sync to end
# Requests this close together come from one editor action (e.g. a move and a slug change).
ONE_ACTION_SECONDS = 0.25


def request_sync(reason: str, *, user: Any = None, page_id: int | None = None) -> None:
    """Record that the static site must catch up, and wake a worker after the commit."""
    if in_bulk_changes():
        return  # bulk imports (seed_demo) deploy once, at the end
    if user is not None and not getattr(user, "pk", None):
        user = None
    SyncRequest.objects.create(reason=reason[:255], user=user, page_id=page_id)
    transaction.on_commit(enqueue_sync)


def enqueue_sync(delay: float = 0.0) -> None:
    run_after = timezone.now() + timedelta(seconds=delay) if delay > 0 else None
    sync_site.using(run_after=run_after).enqueue()


@task(backend="deploys", queue_name="deploys")
def sync_site() -> str:
    """The queued task: see ``run_sync``."""
    return run_sync()


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def run_sync() -> str:
    """Bring the live site up to date with every waiting request, or say why not yet."""
    waiting = SyncRequest.objects.waiting()
    span = waiting.aggregate(oldest=Min("created_at"), newest=Max("created_at"))
    if span["newest"] is None:
        return "Up to date."
    now = timezone.now()
    quiet_left = settings.SYNC_QUIET_SECONDS - (now - span["newest"]).total_seconds()
    waited = (now - span["oldest"]).total_seconds()
    if quiet_left > 0 and waited < settings.SYNC_MAX_WAIT_SECONDS and _in_a_burst(span, now):
        enqueue_sync(delay=min(quiet_left, settings.SYNC_MAX_WAIT_SECONDS - waited))
        return "Waiting for the burst of changes to end."
    holder = worker_id()
    if not leases.take(SYNC_LEASE, holder, LEASE_SECONDS):
        enqueue_sync(delay=BUSY_RETRY_SECONDS)
        return "Another worker is syncing; trying again shortly."
    try:
        sync = perform_sync(holder=holder)
    finally:
        leases.release(SYNC_LEASE, holder)
    if SyncRequest.objects.waiting().exists() and sync.state == sync.State.SUCCEEDED:
        enqueue_sync()
    return f"{sync.get_state_display()}: {sync.release_id or sync.error}"


def _in_a_burst(span: dict[str, datetime], now: datetime) -> bool:
    """Several actions are waiting, or one arrived right after a sync: more may follow."""
    if (span["newest"] - span["oldest"]).total_seconds() > ONE_ACTION_SECONDS:
        return True
    quiet_since = now - timedelta(seconds=settings.SYNC_QUIET_SECONDS)
    return SiteSync.objects.filter(finished_at__gt=quiet_since).exists()


def perform_sync(
    *, holder: str = "", user: Any = None, kind: str = cast(str, SiteSync.Kind.DEPLOY)
) -> SiteSync:
    """One sync under the lease: build, deploy, then the search index. Never raises."""
    _abandon_unfinished()
    covered = list(SyncRequest.objects.waiting().order_by("pk"))
    attempt = _failures_in_a_row() + 1
    sync = SiteSync.objects.create(
        kind=kind,
        trigger=_describe(covered) or "Deploy requested",
        user=user or next((r.user for r in reversed(covered) if r.user_id), None),
        worker=holder or worker_id(),
        content_as_of=timezone.now(),
        attempt=attempt,
    )
    output = settings.SITE_BUILD_DIR
    try:
        built = build_site(output, jobs=settings.SYNC_BUILD_JOBS)
        # The very first build needs an index to deploy; a build that removed a page re-indexes
        # before it deploys, so the page leaves search in the same deploy as it leaves the site.
        indexed = not _has_search_index(output) or built.removed_pages
        if indexed:
            build_search_index(output)
        # The release record leaves the database: ids and neutral words, never a title.
        deployed = deploy_build(output, Options(trigger=_neutral_trigger(sync, covered)))
    except Exception as exc:  # noqa: BLE001 — recorded, retried and reported
        _failed(sync, exc)
        figures.exception(
            "Sync %d failed (attempt %d)",
            sync.pk,
            sync.attempt,
            extra={
                "event": "sync",
                "sync_id": sync.pk,
                "state": "failed",
                "attempt": sync.attempt,
                "seconds": _seconds(sync),
            },
        )
        return sync
    sync.release_id = deployed.release_id
    sync.rendered, sync.uploaded, sync.deleted = built.rendered, deployed.uploaded, deployed.deleted
    sync.state, sync.finished_at = SiteSync.State.SUCCEEDED, timezone.now()
    if indexed:
        sync.search_installed_at = sync.search_indexed_at = sync.finished_at
    sync.save()
    # A search index installed in the build but left for this sync to deploy is live now.
    _installed_only().update(search_indexed_at=sync.finished_at)
    if indexed:  # this sync's index covers every earlier build too
        _unindexed().filter(pk__lt=sync.pk).update(
            search_installed_at=sync.finished_at, search_indexed_at=sync.finished_at
        )
    figures.info(
        "Sync %d live as %s: %d rendered, %d reused, %d uploaded, %d deleted in %.2f s",
        sync.pk,
        deployed.release_id,
        built.rendered,
        built.reused,
        deployed.uploaded,
        deployed.deleted,
        _seconds(sync),
        extra={
            "event": "sync",
            "sync_id": sync.pk,
            "state": "succeeded",
            "release_id": deployed.release_id,
            "attempt": sync.attempt,
            "rendered": built.rendered,
            "reused": built.reused,
            "uploaded": deployed.uploaded,
            "unchanged": deployed.unchanged,
            "deleted": deployed.deleted,
            "requests": deployed.requests,
            "build_seconds": round(built.seconds, 3),
            "deploy_seconds": round(deployed.seconds, 3),
            "seconds": _seconds(sync),
            "changes": len(covered),
            "search_indexed": bool(indexed),
        },
    )
    SyncRequest.objects.filter(pk__in=[r.pk for r in covered]).update(sync=sync)
    if not indexed:
        index_site.enqueue()
    return sync


@task(backend="deploys", queue_name="search")
def index_site() -> str:
    """The queued search step: see ``run_search``."""
    return run_search()


def _unindexed() -> QuerySet:
    """Deployed syncs whose content the search index does not hold yet."""
    return SiteSync.objects.filter(
        kind=SiteSync.Kind.DEPLOY,
        state=SiteSync.State.SUCCEEDED,
        search_installed_at__isnull=True,
        search_indexed_at__isnull=True,
    )


def _installed_only() -> QuerySet:
    """Syncs whose search index is in the build, waiting for the next deploy to go live."""
    return SiteSync.objects.filter(
        search_installed_at__isnull=False, search_indexed_at__isnull=True
    )


def run_search(holder: str = "") -> str:
    """Bring the deployed search index up to date with the latest deployed build.

    One at a time (its own lease); Pagefind runs outside the sync lease, which is taken only
    to swap the new index into the build and deploy it (see ``_index_and_deploy``). Never
    raises: a failure is recorded on the sync and the next sync's search step catches up.
    """
    # Not the worker's own id: its deploy-queue thread may hold the sync lease under that one.
    holder = holder or f"{worker_id()}/search"
    if not _unindexed().exists():
        return "Search index up to date."
    if not leases.take(SEARCH_LEASE, holder, LEASE_SECONDS):
        index_site.using(run_after=timezone.now() + timedelta(seconds=5)).enqueue()
        return "Another worker is indexing; trying again shortly."
    try:
        latest = _unindexed().order_by("-pk").first()  # the snapshot is at least this recent
        if latest is None:
            return "Search index up to date."
        try:
            outcome = _index_and_deploy(settings.SITE_BUILD_DIR, latest, holder)
        except Exception as exc:  # noqa: BLE001 — the pages are live; the index catches up
            logger.exception("Search index step failed")
            latest.error = f"Search index not updated: {exc}"
            latest.save(update_fields=["error"])
            return latest.error
    finally:
        leases.release(SEARCH_LEASE, holder)
    if _unindexed().exists():
        index_site.enqueue()  # syncs that finished while Pagefind ran
    if outcome == "stale":
        return "Search index not installed: a sync removed pages since and re-indexed itself."
    if outcome == "waiting":
        return f"Search index for {latest.release_id} goes live with the waiting publish."
    return f"Search index deployed for {latest.release_id}."


def _index_and_deploy(output: Path, latest: SiteSync, holder: str) -> str:
    """Index a snapshot of the build, swap the index in, and deploy it, unless a publish waits
    by then: its sync deploys the index with its pages (the search step holds up no publish
    for longer than the swap). Returns "deployed", "waiting" (a publish will deploy it) or
    "stale" (pages left the site while Pagefind ran: never installed)."""
    prepared = prepare_search_index(output)
    try:
        wait_for_lease(SYNC_LEASE, holder, after_waiting_syncs=True)
        try:
            try:
                install_search_index(output, prepared)
            except StaleIndex:
                return "stale"
            _unindexed().filter(pk__lte=latest.pk).update(search_installed_at=timezone.now())
            if SyncRequest.objects.waiting().exists():
                return "waiting"
            deploy_build(output, Options(trigger=f"search index for {latest.release_id}"))
            _installed_only().update(search_indexed_at=timezone.now())
            return "deployed"
        finally:
            leases.release(SYNC_LEASE, holder)
    finally:
        prepared.discard()


def wait_for_lease(
    name: str, holder: str, timeout: float | None = None, *, after_waiting_syncs: bool = False
) -> None:
    """Take the lease ``name``; with ``after_waiting_syncs``, not while a change waits for its
    sync (publishes go first: the search index may lag, the pages should not)."""
    timeout = LEASE_WAIT_SECONDS if timeout is None else timeout
    deadline = time.monotonic() + timeout
    waiting = SyncRequest.objects.waiting()
    while (after_waiting_syncs and waiting.exists()) or not leases.take(
        name, holder, LEASE_SECONDS
    ):
        if time.monotonic() > deadline:
            raise TimeoutError(
                f"the {name} lease stayed taken (or changes waited for their sync) "
                f"for {timeout:.0f} s"
            )
        time.sleep(BUSY_RETRY_SECONDS)


@task(backend="deploys", queue_name="deploys")
def rollback_site(release_id: str | None, user_id: int | None = None) -> str:
    """The queued rollback asked for in the admin (None: the release before the live one)."""
    holder = worker_id()
    if not leases.take(SYNC_LEASE, holder, LEASE_SECONDS):
        rollback_site.using(
            run_after=timezone.now() + timedelta(seconds=BUSY_RETRY_SECONDS)
        ).enqueue(release_id, user_id)
        return "Another worker is syncing; trying again shortly."
    try:
        sync = perform_rollback(release_id, user_id=user_id, holder=holder)
    finally:
        leases.release(SYNC_LEASE, holder)
    return f"{sync.get_state_display()}: {sync.release_id or sync.error}"


def perform_rollback(
    release_id: str | None, *, user_id: int | None = None, holder: str = ""
) -> SiteSync:
    """Restore a recorded release from the bucket alone; recorded as a SiteSync. Never raises."""
    _abandon_unfinished()
    sync = SiteSync.objects.create(
        kind=SiteSync.Kind.ROLLBACK,
        trigger=f"Roll back to {release_id or 'the previous release'}",
        user_id=user_id,
        worker=holder or worker_id(),
    )
    try:
        result = rollback(release_id, Options(trigger=sync.trigger))
    except Exception as exc:  # noqa: BLE001 — recorded and shown in the admin
        logger.exception("Rollback failed")
        sync.state, sync.finished_at, sync.error = SiteSync.State.FAILED, timezone.now(), str(exc)
        sync.save()
        return sync
    # The release asked for (whose deploy read the content that is live now), even when the
    # rollback recorded a release of its own without the pages that are not public now.
    sync.release_id, sync.uploaded, sync.deleted = (
        result.restored_from or result.release_id,
        result.uploaded,
        result.deleted,
    )
    if result.left_out:
        sync.trigger += f" ({len(result.left_out)} pages not public now left out)"
    sync.state, sync.finished_at = SiteSync.State.SUCCEEDED, timezone.now()
    sync.save()
    return sync


def _abandon_unfinished() -> None:
    """Syncs and rollbacks still marked running when the sync lease is taken were cut short
    (their worker was killed): only the lease holder runs one. Say so, for the admin."""
    SiteSync.objects.filter(state=SiteSync.State.RUNNING).update(
        state=SiteSync.State.FAILED,
        finished_at=timezone.now(),
        error="Abandoned: the worker running it stopped; the next sync covers its changes.",
    )


def resume_waiting() -> None:
    """A worker starting: changes left waiting by a worker that stopped get their sync, and the
    search index its step (the stopped worker's own tasks are never picked up again)."""
    if SyncRequest.objects.waiting().exists():
        enqueue_sync()
    if _unindexed().exists():
        index_site.enqueue()


def _failed(sync: SiteSync, exc: Exception) -> None:
    sync.state, sync.finished_at, sync.error = SiteSync.State.FAILED, timezone.now(), str(exc)
    sync.save()
    if sync.attempt < settings.SYNC_MAX_ATTEMPTS:
        enqueue_sync(delay=min(5 * 2 ** (sync.attempt - 1), 300))
    elif sync.attempt == settings.SYNC_MAX_ATTEMPTS:
        notify_deployers(sync)


def notify_deployers(sync: SiteSync) -> int:
    """E-mail the Deployers group that syncs keep failing; returns the number of recipients."""
    recipients = sorted(
        {
            user.email
            for user in Group.objects.get(name="Deployers").user_set.filter(is_active=True)
            if user.email
        }
        if Group.objects.filter(name="Deployers").exists()
        else set()
    )
    if recipients:
        send_mail(
            subject=f"[{settings.WAGTAIL_SITE_NAME}] Site deploys are failing",
            message=(
                f"The static site could not be updated after {sync.attempt} attempts.\n\n"
                f"Last error: {sync.error}\n\nThe live site is unchanged (still the last good "
                "release). See Site deploys in the CMS admin, or run `manage.py deploy` by hand."
            ),
            from_email=None,
            recipient_list=recipients,
        )
    return len(recipients)


def _failures_in_a_row() -> int:
    count = 0
    syncs = SiteSync.objects.filter(kind=SiteSync.Kind.DEPLOY).order_by("-started_at", "-pk")
    for state in syncs.values_list("state", flat=True):
        if state != SiteSync.State.FAILED:
            break
        count += 1
    return count


def _seconds(sync: SiteSync) -> float:
    return round(sync.duration.total_seconds(), 3) if sync.duration else 0.0


def _has_search_index(output: Path) -> bool:
    manifest = Manifest.load(output)
    return manifest is not None and any(p.startswith("pagefind/") for p in manifest.entries)


def _neutral_trigger(sync: SiteSync, covered: list[SyncRequest]) -> str:
    """``sync 12 by user 7: pages 22, 31`` (the admin's sync history says what they were)."""
    who = f" by user {sync.user_id}" if sync.user_id else ""
    pages = sorted({r.page_id for r in covered if r.page_id})
    shown = ", ".join(str(pk) for pk in pages[:20]) + (" …" if len(pages) > 20 else "")
    what = f": pages {shown}" if pages else f": {len(covered)} changes" if covered else ""
    return f"sync {sync.pk}{who}{what}"


def _describe(requests: list[SyncRequest]) -> str:
    if not requests:
        return ""
    shown = "; ".join(r.reason for r in requests[:3])
    more = f" (+{len(requests) - 3} more)" if len(requests) > 3 else ""
    return shown + more
