"""Where the site is deployed: the bucket settings and the one explicitly configured S3 client."""

from __future__ import annotations

from dataclasses import dataclass

import boto3
from botocore import UNSIGNED
from botocore.client import BaseClient
from botocore.config import Config
from django.conf import settings

from deploy.errors import DeployError


@dataclass(frozen=True)
class Target:
    bucket: str  # the site bucket: live files only, readable anonymously
    prefix: str  # "" or a folder ending in "/"; the same in both buckets
    endpoint_url: str  # "" means AWS
    region: str
    access_key: str
    secret_key: str
    # The private release store: release records, the pointer, the lock and every kept
    # release's content. Never the site bucket: nothing in it may be readable anonymously.
    release_bucket: str = ""
    cloudfront_distribution_id: str = ""
    redirect_metadata: bool = False  # also set S3's x-amz-website-redirect-location on stubs
    concurrency: int = 32
    max_attempts: int = 3
    connect_timeout: float = 5.0
    read_timeout: float = 30.0

    @classmethod
    def from_settings(cls) -> Target:
        bucket = settings.DEPLOY_S3_BUCKET
        if not bucket:
            raise DeployError("Set DEPLOY_S3_BUCKET to the bucket the site is deployed to.")
        if bool(settings.AWS_ACCESS_KEY_ID) != bool(settings.AWS_SECRET_ACCESS_KEY):
            raise DeployError("Set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither.")
        release_bucket = settings.DEPLOY_S3_RELEASE_BUCKET
        if not release_bucket:
            raise DeployError(
                "Set DEPLOY_S3_RELEASE_BUCKET to a private bucket for the release store "
                "(release records and the content kept for rollback)."
            )
        if release_bucket == bucket:
            raise DeployError(
                "DEPLOY_S3_RELEASE_BUCKET must not be the site bucket: the release store keeps "
                "removed pages for rollback and must never be readable anonymously."
            )
        prefix = settings.DEPLOY_S3_PREFIX.strip("/")
        return cls(
            bucket=bucket,
            release_bucket=release_bucket,
            prefix=f"{prefix}/" if prefix else "",
            endpoint_url=settings.DEPLOY_S3_ENDPOINT_URL,
            region=settings.DEPLOY_S3_REGION,
            access_key=settings.AWS_ACCESS_KEY_ID,
            secret_key=settings.AWS_SECRET_ACCESS_KEY,
            cloudfront_distribution_id=settings.DEPLOY_CLOUDFRONT_DISTRIBUTION_ID,
            redirect_metadata=settings.DEPLOY_S3_REDIRECT_METADATA,
            concurrency=settings.DEPLOY_CONCURRENCY,
        )

    def key(self, path: str) -> str:
        """The bucket key of a site path (``op-eds/x/index.html``)."""
        return self.prefix + path

    def describe(self) -> str:
        where = self.endpoint_url or "AWS S3"
        return f"s3://{self.bucket}/{self.prefix} at {where}"

    def describe_release_store(self) -> str:
        where = self.endpoint_url or "AWS S3"
        return f"s3://{self.release_bucket}/{self.prefix} at {where}"


def s3_client(target: Target) -> BaseClient:
    """boto3's S3 client with every behaviour that matters chosen here, not by default."""
    config = Config(
        region_name=target.region,
        retries={"mode": "standard", "max_attempts": target.max_attempts},
        connect_timeout=target.connect_timeout,
        read_timeout=target.read_timeout,
        max_pool_connections=target.concurrency + 4,
        # We send SHA-256 checksums ourselves (the manifest's hash), so the store verifies
        # every upload against the build; no additional default CRC32 on every request.
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
        # Path-style addressing for S3-compatible servers on their own host name.
        s3={"addressing_style": "path" if target.endpoint_url else "virtual"},
    )
    return boto3.session.Session().client(
        "s3",
        endpoint_url=target.endpoint_url or None,
        aws_access_key_id=target.access_key or None,
        aws_secret_access_key=target.secret_key or None,
        config=config,
    )


def anonymous_s3_client(target: Target) -> BaseClient:
    """A client that signs nothing: what a visitor (or an attacker) can read."""
    config = Config(
        signature_version=UNSIGNED,
        region_name=target.region,
        retries={"mode": "standard", "max_attempts": target.max_attempts},
        connect_timeout=target.connect_timeout,
        read_timeout=target.read_timeout,
        s3={"addressing_style": "path" if target.endpoint_url else "virtual"},
    )
    return boto3.session.Session().client(
        "s3", endpoint_url=target.endpoint_url or None, config=config
    )


def cloudfront_client(target: Target) -> BaseClient:
    config = Config(retries={"mode": "standard", "max_attempts": target.max_attempts})
    return boto3.session.Session().client(
        "cloudfront",
        aws_access_key_id=target.access_key or None,
        aws_secret_access_key=target.secret_key or None,
        config=config,
    )
