"""The readiness checks that need deploy (named in ``HEALTH_READINESS_CHECKS``; cms.health runs
them): a CMS whose publishes cannot reach the site is not ready, even if its pages render."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from botocore.client import BaseClient

from deploy.live.heartbeat import worker_seen_recently
from deploy.release.target import Target, s3_client

PROBE_TIMEOUT_SECONDS = 2.0


@lru_cache(maxsize=4)
def _probe_client(target: Target) -> BaseClient:
    """One client per process and target: building a boto3 client costs more than the probe."""
    return s3_client(target)


def check_object_store() -> bool:
    """The site bucket and the release store answer a HEAD with the deployer's credentials
    within 2 s each (no retries)."""
    target = replace(
        Target.from_settings(),
        connect_timeout=PROBE_TIMEOUT_SECONDS,
        read_timeout=PROBE_TIMEOUT_SECONDS,
        max_attempts=1,
    )
    client = _probe_client(target)
    client.head_bucket(Bucket=target.bucket)
    client.head_bucket(Bucket=target.release_bucket)
    return True


def check_worker() -> bool:
    """Some worker was seen within HEALTH_WORKER_SEEN_SECONDS (deploy.live.heartbeat)."""
    return worker_seen_recently()
