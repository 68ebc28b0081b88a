"""What the publish-to-live pipeline records: editor actions waiting for the static site, the
syncs (build + deploy) that carried them there, and leases that keep one worker at a time."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


class SyncRequestQuerySet(models.QuerySet):
    def waiting(self) -> SyncRequestQuerySet:
        """Requests no sync has covered yet."""
        return self.filter(sync__isnull=True)


class SyncRequest(models.Model):
    """An editor action the static site must reflect (publish, unpublish, restriction...)."""

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    reason = models.CharField(max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    page_id = models.IntegerField(null=True, blank=True)  # no FK: deleted pages keep their row
    sync = models.ForeignKey(
        "SiteSync", null=True, blank=True, on_delete=models.SET_NULL, related_name="requests"
    )

    objects = SyncRequestQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.reason


class SiteSync(models.Model):
    """One run of the pipeline: an incremental build and a deploy, then the search index."""

    class State(models.TextChoices):
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Live"
        FAILED = "failed", "Failed"

    class Kind(models.TextChoices):
        DEPLOY = "deploy", "Deploy"
        ROLLBACK = "rollback", "Rollback"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.DEPLOY)
    state = models.CharField(max_length=10, choices=State.choices, default=State.RUNNING)
    trigger = models.TextField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # When the content was read: everything published before this is in the release.
    content_as_of = models.DateTimeField(null=True, blank=True)
    # The search index of this content: put into the build, then live in the bucket (by the
    # search step's own deploy, or by the next sync's when a publish was waiting).
    search_installed_at = models.DateTimeField(null=True, blank=True)
    search_indexed_at = models.DateTimeField(null=True, blank=True)
    release_id = models.CharField(max_length=40, blank=True)
    rendered = models.PositiveIntegerField(default=0)
    uploaded = models.PositiveIntegerField(default=0)
    deleted = models.PositiveIntegerField(default=0)
    attempt = models.PositiveSmallIntegerField(default=1)
    error = models.TextField(blank=True)
    worker = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        # Granted to the Deployers group (cms.permissions): the admin's Site deploys view.
        permissions = [("deploy_site", "Can deploy and roll back the static site")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_at:%Y-%m-%d %H:%M:%S} ({self.state})"

    @property
    def duration(self) -> timedelta | None:
        return self.finished_at - self.started_at if self.finished_at else None


class Lease(models.Model):
    """A named lease with an expiry, taken with one conditional UPDATE (atomic on every
    database): the sync pipeline and the scheduled-publishing tick run on one worker at a time."""

    name = models.CharField(max_length=50, primary_key=True)
    holder = models.CharField(max_length=100, blank=True)
    expires_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name


class WorkerHeartbeat(models.Model):
    """A running `manage.py worker`, refreshed every few seconds and removed on a clean stop:
    without a recent one, publishes queue up and never reach the site (the admin and
    ``/healthz/ready`` say so). A killed worker's row stays, ageing, until cleared."""

    worker_id = models.CharField(max_length=100, primary_key=True)  # host:pid
    host = models.CharField(max_length=100)
    pid = models.PositiveIntegerField()
    started = models.DateTimeField(default=timezone.now)
    seen = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-seen"]

    def __str__(self) -> str:
        return self.worker_id
