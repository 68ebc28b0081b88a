"""The release history recorded in the bucket, for `manage.py releases` and the admin."""

from __future__ import annotations

from dataclasses import dataclass

from deploy.release.bucket import Bucket
from deploy.release.target import Target, s3_client


@dataclass(frozen=True)
class ReleaseRow:
    id: str
    created: str
    trigger: str
    files: int
    bytes: int
    live: bool
    complete: bool


def list_releases(target: Target | None = None) -> list[ReleaseRow]:
    """Recorded releases, newest first, read from the bucket alone."""
    target = target or Target.from_settings()
    bucket = Bucket(s3_client(target), target)
    live = bucket.read_pointer().release
    rows = []
    for release_id, complete in reversed(bucket.release_ids().items()):
        record = bucket.read_release(release_id)
        if record is None:
            continue
        rows.append(
            ReleaseRow(
                id=record.id,
                created=record.created,
                trigger=record.trigger,
                files=len(record.files),
                bytes=record.size,
                live=record.id == live,
                complete=complete,
            )
        )
    return rows
