"""CDN invalidation of the paths a deploy changed (CloudFront, when configured)."""

from __future__ import annotations

from botocore.exceptions import BotoCoreError, ClientError

from deploy.errors import DeployError
from deploy.export.output_policy import content_named
from deploy.release.target import Target, cloudfront_client

# Above this many paths one wildcard is cheaper than listing them (CloudFront bills per path).
MAX_PATHS = 1000


def invalidation_paths(changed: list[str]) -> list[str]:
    """URL paths to invalidate for changed site paths; content-named files never need it."""
    paths: set[str] = set()
    for path in changed:
        if content_named(path):
            continue
        paths.add("/" + path)
        if path == "index.html" or path.endswith("/index.html"):
            paths.add("/" + path.removesuffix("index.html"))
    if len(paths) > MAX_PATHS:
        return ["/*"]
    return sorted(paths)


def invalidate(target: Target, changed: list[str], *, caller_reference: str) -> str:
    """Ask CloudFront to drop the changed paths; returns the invalidation id ("" if none)."""
    if not target.cloudfront_distribution_id:
        return ""
    paths = invalidation_paths(changed)
    if not paths:
        return ""
    try:
        response = cloudfront_client(target).create_invalidation(
            DistributionId=target.cloudfront_distribution_id,
            InvalidationBatch={
                "Paths": {"Quantity": len(paths), "Items": paths},
                "CallerReference": caller_reference,
            },
        )
    except (BotoCoreError, ClientError) as exc:
        raise DeployError(
            f"The release is live, but the CDN invalidation failed: {exc}. Cached pages expire "
            "by their Cache-Control; invalidate by hand if needed."
        ) from exc
    return response["Invalidation"]["Id"]
