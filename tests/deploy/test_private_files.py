"""The project's data is private: the embedded database and the local store's files are readable
by their owner only, and the store's own HTTP APIs refuse unsigned requests."""

import os
import stat
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

from deploy.local.objectstore import read_credentials

from .s3_support import anonymous_get, target_for

pytestmark = pytest.mark.dbless

ROOT = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_embedded_database_is_created_private(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "CMS_VAR_DIR": str(tmp_path / "var"),
    }
    subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c",
         "from django.db import connection; connection.ensure_connection()"],
        env=env, check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    assert mode(tmp_path / "var") == 0o700
    assert mode(tmp_path / "var" / "db.sqlite3") == 0o600


def test_the_local_stores_files_are_private(store):
    for folder in (store.directory, store.directory / "data"):
        assert mode(folder) == 0o700, folder
    for name in ("credentials.json", "s3.json", "security.toml"):
        assert mode(store.directory / name) == 0o600, name


def request(method: str, url: str, body: bytes | None = None) -> int:
    try:
        prepared = urllib.request.Request(url, data=body, method=method)  # noqa: S310 — loopback
        with urllib.request.urlopen(prepared, timeout=10) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_the_filer_refuses_reads_and_writes_that_bypass_the_s3_identities(store):
    credentials = read_credentials(store.directory)
    media = boto3.client(
        "s3",
        endpoint_url=store.endpoint_url,
        region_name="us-east-1",
        aws_access_key_id=credentials.media.access_key,
        aws_secret_access_key=credentials.media.secret_key,
        config=Config(s3={"addressing_style": "path"}),
    )
    media.put_object(Bucket=store.media_bucket, Key="board-minutes.txt", Body=b"private")
    assert media.get_object(Bucket=store.media_bucket, Key="board-minutes.txt")["Body"].read()
    filer = f"http://127.0.0.1:{store.ports()['filer.port']}"

    assert request("GET", f"{filer}/buckets/{store.media_bucket}/board-minutes.txt") == 401
    target = target_for(store)
    planted = f"/buckets/{store.site_bucket}/{target.prefix}planted.html"
    assert request("POST", f"{filer}{planted}", b"<script>alert(1)</script>") == 401
    assert anonymous_get(target, "planted.html")[0] == 404
