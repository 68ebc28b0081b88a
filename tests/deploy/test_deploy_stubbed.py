"""What a local SeaweedFS cannot show, with botocore's Stubber: S3 redirect metadata (SeaweedFS
drops it) and CloudFront invalidations."""

from unittest import mock

import boto3
import pytest
from botocore.stub import Stubber

from deploy.release import cdn
from deploy.release.bucket import Bucket, RemoteFile
from deploy.release.target import Target

# No Django database: the same on SQLite and PostgreSQL, so run once (README, Tests).
pytestmark = pytest.mark.dbless

TARGET = Target(
    bucket="site",
    release_bucket="releases",
    prefix="www/",
    endpoint_url="",
    region="us-east-1",
    access_key="AKIDEXAMPLE",
    secret_key="not-a-secret",
    cloudfront_distribution_id="E2EXAMPLE",
    redirect_metadata=True,
)
STUB = RemoteFile("ab" * 32, 120, "text/html; charset=utf-8", "public, max-age=60", "/new/")


def test_redirect_stubs_carry_s3_redirect_metadata_when_enabled():
    client = boto3.client(
        "s3", region_name="us-east-1", aws_access_key_id="a", aws_secret_access_key="b"
    )
    with Stubber(client) as stubber:
        stubber.add_response(
            "copy_object",
            {},
            {
                "Bucket": "site",
                "Key": "www/old/index.html",
                "CopySource": {"Bucket": "releases", "Key": "www/_deploy/objects/" + "ab" * 32},
                "MetadataDirective": "REPLACE",
                "ContentType": "text/html; charset=utf-8",
                "CacheControl": "public, max-age=60",
                "Metadata": {"sha256": "ab" * 32},
                "WebsiteRedirectLocation": "/new/",
            },
        )
        Bucket(client, TARGET).copy("_deploy/objects/" + "ab" * 32, "old/index.html", STUB)
        stubber.assert_no_pending_responses()


def test_changed_pages_are_invalidated_on_cloudfront_in_one_batch():
    client = boto3.client("cloudfront", aws_access_key_id="a", aws_secret_access_key="b")
    with Stubber(client) as stubber:
        stubber.add_response(
            "create_invalidation",
            {
                "Invalidation": {
                    "Id": "I1",
                    "Status": "InProgress",
                    "CreateTime": "2026-01-01",
                    "InvalidationBatch": {"Paths": {"Quantity": 0}, "CallerReference": "r1"},
                }
            },
            {
                "DistributionId": "E2EXAMPLE",
                "InvalidationBatch": {
                    "Paths": {
                        "Quantity": 4,
                        "Items": ["/", "/index.html", "/op-eds/a/", "/op-eds/a/index.html"],
                    },
                    "CallerReference": "r1",
                },
            },
        )
        with mock.patch.object(cdn, "cloudfront_client", return_value=client):
            changed = ["index.html", "op-eds/a/index.html", "static/css/site.0123456789ab.css"]
            assert cdn.invalidate(TARGET, changed, caller_reference="r1") == "I1"
        stubber.assert_no_pending_responses()


def test_many_changed_paths_become_one_wildcard():
    changed = [f"p/{n}/index.html" for n in range(cdn.MAX_PATHS)]
    assert cdn.invalidation_paths(changed) == ["/*"]


def test_no_invalidation_without_a_distribution():
    no_cdn = Target(**{**TARGET.__dict__, "cloudfront_distribution_id": ""})
    client = boto3.client("cloudfront", aws_access_key_id="a", aws_secret_access_key="b")
    with Stubber(client), mock.patch.object(cdn, "cloudfront_client", return_value=client):
        assert cdn.invalidate(no_cdn, ["index.html"], caller_reference="r") == ""
