"""Helpers for the deploy tests: a real SeaweedFS, targets on it and small synthetic builds."""

from __future__ import annotations

import hashlib
import re
import secrets
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from deploy.export.manifest import MANIFEST_NAME, Entry, Manifest
from deploy.export.output_policy import cache_control, content_type
from deploy.local.objectstore import LocalStore, free_port_block
from deploy.release.bucket import DEPLOY_DIR
from deploy.release.target import Target, s3_client


def start_store(directory: Path) -> LocalStore:
    store = LocalStore(directory, s3_port=free_port_block())
    store.start(log=directory / "weed.log")
    return store


def target_for(store: LocalStore, **overrides) -> Target:
    """A target on ``store`` under a prefix of its own, so tests never see each other's keys."""
    credentials = store.prepare() if store.process is None else _credentials(store)
    values = {
        "bucket": store.site_bucket,
        "release_bucket": store.release_bucket,
        "prefix": f"t-{secrets.token_hex(4)}/",
        "endpoint_url": store.endpoint_url,
        "region": "us-east-1",
        "access_key": credentials.deployer.access_key,
        "secret_key": credentials.deployer.secret_key,
        "concurrency": 8,
        "max_attempts": 2,
        "connect_timeout": 2.0,
        "read_timeout": 10.0,
    }
    return Target(**(values | overrides))


def _credentials(store: LocalStore):
    from deploy.local.objectstore import read_credentials

    return read_credentials(store.directory)


def settings_for(target: Target) -> dict:
    """Django settings naming ``target`` (for the management commands)."""
    return {
        "DEPLOY_S3_ENDPOINT_URL": target.endpoint_url,
        "DEPLOY_S3_BUCKET": target.bucket,
        "DEPLOY_S3_RELEASE_BUCKET": target.release_bucket,
        "DEPLOY_S3_PREFIX": target.prefix,
        "AWS_ACCESS_KEY_ID": target.access_key,
        "AWS_SECRET_ACCESS_KEY": target.secret_key,
    }


def live_keys(target: Target) -> dict[str, bytes]:
    """Every site file in the bucket under the target's prefix (not the deploy records)."""
    client = s3_client(target)
    found: dict[str, bytes] = {}
    paginator = client.get_paginator("list_objects_v2")
    for page in paginator.paginate(Bucket=target.bucket, Prefix=target.prefix):
        for item in page.get("Contents", ()):
            path = item["Key"][len(target.prefix) :]
            if not path.startswith(DEPLOY_DIR):
                body = client.get_object(Bucket=target.bucket, Key=item["Key"])["Body"].read()
                found[path] = body
    return found


def anonymous_get(target: Target, path: str) -> tuple[int, bytes, dict[str, str]]:
    url = f"{target.endpoint_url}/{target.bucket}/{target.prefix}{path}"
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, response.read(), dict(response.headers.items())
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers.items())


@dataclass
class SyntheticBuild:
    """A small build folder with a manifest, as `build` + `search_index` would leave it."""

    root: Path

    def write(
        self, version: int, pages: list[str], css: str = "body{color:#111}"
    ) -> SyntheticBuild:
        for child in sorted(self.root.rglob("*"), reverse=True):
            child.unlink() if child.is_file() else child.rmdir()
        self.root.mkdir(parents=True, exist_ok=True)
        css_name = f"static/css/site.{hashlib.sha256(css.encode()).hexdigest()[:12]}.css"
        files: dict[str, bytes] = {css_name: css.encode()}
        links = "".join(f'<a href="/{page}/">{page}</a>' for page in pages)
        for page in ["", *pages]:
            folder = f"{page}/" if page else ""
            html = (
                f'<!doctype html><html><head><link rel="stylesheet" href="/{css_name}">'
                f"<title>{page or 'home'}</title></head><body><h1>{page or 'home'} v{version}"
                f"</h1>{links}</body></html>"
            )
            files[f"{folder}index.html"] = html.encode()
            files[f"{folder}index.json"] = f'{{"page":"{page}","v":{version}}}'.encode()
        files["404.html"] = b"<!doctype html><title>Not found</title><h1>Not found</h1>"
        files["feed.xml"] = f"<rss><channel><title>v{version}</title></channel></rss>".encode()
        files["sitemap.xml"] = "".join(f"<url>/{page}/</url>" for page in pages).encode()
        files["robots.txt"] = b"User-agent: *\nAllow: /\n"
        index = f"index v{version} {' '.join(pages)}".encode()
        chunk = f"pagefind/index/en_{hashlib.sha256(index).hexdigest()[:7]}.pf_index"
        files[chunk] = index
        files["pagefind/pagefind-entry.json"] = f'{{"index":"{chunk}"}}'.encode()
        manifest = Manifest()
        for path, data in files.items():
            target = self.root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            manifest.entries[path] = Entry(
                sha256=hashlib.sha256(data).hexdigest(),
                size=len(data),
                content_type=content_type(path),
                cache_control=cache_control(path),
            )
        (self.root / MANIFEST_NAME).write_text(manifest.to_json())
        return self

    def files(self) -> dict[str, bytes]:
        manifest = Manifest.load(self.root)
        assert manifest is not None
        return {path: (self.root / path).read_bytes() for path in manifest.entries}


_REF = re.compile(r'(?:href|src)="/((?:static|media)/[^"]+)"')


def referenced_assets(html: bytes) -> set[str]:
    return set(_REF.findall(html.decode()))


def manage(args: list[str], target: Target, **env: str):
    """Run ``manage.py`` in a process of its own against ``target``, with no usable database."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    environment = (
        os.environ
        | {
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            # Any database access would fail: deploy, rollback and releases need only the bucket.
            "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none",
            "DEPLOY_S3_ENDPOINT_URL": target.endpoint_url,
            "DEPLOY_S3_BUCKET": target.bucket,
            "DEPLOY_S3_RELEASE_BUCKET": target.release_bucket,
            "DEPLOY_S3_PREFIX": target.prefix,
            "AWS_ACCESS_KEY_ID": target.access_key,
            "AWS_SECRET_ACCESS_KEY": target.secret_key,
        }
        | env
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, str(root / "manage.py"), *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def assert_consistent(target: Target, old: dict[str, bytes], new: dict[str, bytes]) -> None:
    """Every live file is its old or its new version, whole; every asset a page uses exists."""
    live = live_keys(target)
    for path, body in live.items():
        assert body in (old.get(path), new.get(path)), f"{path} is neither version"
        if path.endswith(".html"):
            for asset in referenced_assets(body):
                assert asset in live, f"{path} references missing {asset}"


def run_manage(args: list[str], env: dict[str, str], timeout: float = 300) -> str:
    """Run ``manage.py`` with exactly ``env``; its standard output (it must succeed)."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(  # noqa: S603
        [sys.executable, str(root / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def site_copy_env(seeded_database, folder: Path, target: Target) -> dict[str, str]:
    """The environment of processes sharing a copy of the seeded site and deploying to target."""
    import shutil

    database = folder / "db.sqlite3"
    shutil.copy(seeded_database, database)
    return seeded_database.env | {
        "DATABASE_URL": f"sqlite:///{database}",
        "SITE_BUILD_DIR": str(folder / "build"),
        "DEPLOY_S3_ENDPOINT_URL": target.endpoint_url,
        "DEPLOY_S3_BUCKET": target.bucket,
        "DEPLOY_S3_RELEASE_BUCKET": target.release_bucket,
        "DEPLOY_S3_PREFIX": target.prefix,
        "AWS_ACCESS_KEY_ID": target.access_key,
        "AWS_SECRET_ACCESS_KEY": target.secret_key,
    }
