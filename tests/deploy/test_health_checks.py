"""deploy's readiness checks against a real object store, and one that does not answer."""

import time

import pytest
from django.test import override_settings

from deploy.health import check_object_store

from .s3_support import settings_for

pytestmark = pytest.mark.dbless


def test_the_store_check_passes_against_the_bucket(target):
    with override_settings(**settings_for(target)):
        assert check_object_store() is True


def test_a_wrong_key_fails_the_store_check(target):
    wrong = settings_for(target) | {"AWS_SECRET_ACCESS_KEY": "wrong"}
    with override_settings(**wrong), pytest.raises(Exception):  # noqa: B017 — ClientError
        check_object_store()


def test_an_unreachable_store_fails_within_seconds(target):
    # 192.0.2.0/24 is TEST-NET-1: never routed, so the connection times out (no retries).
    unreachable = settings_for(target) | {"DEPLOY_S3_ENDPOINT_URL": "http://192.0.2.1:8333"}
    started = time.monotonic()
    with override_settings(**unreachable), pytest.raises(Exception):  # noqa: B017
        check_object_store()
    assert time.monotonic() - started < 15  # 2 s connect timeout; generous for a busy machine
