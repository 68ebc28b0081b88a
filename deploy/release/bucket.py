"""The two buckets as the deployer sees them: the site's live keys, and the release store.

The site bucket holds what visitors may read, and nothing else. Everything under ``_deploy/``
lives in the private release bucket (``DEPLOY_S3_RELEASE_BUCKET``), which no anonymous client
can read: it keeps removed pages for rollback, so it must never be public. Below the
configured prefix, in each bucket::

    site:     <path>                      a live file (op-eds/x/index.html, static/...)
    release:  _deploy/objects/<sha256>    every file of every kept release, by content
              _deploy/releases/<id>.json  a release: every path with its hash, type and policy
              _deploy/releases/<id>.done  written once that release went live whole
              _deploy/current.json        the pointer: the live release (switched with If-Match)
              _deploy/lock.json           the deploy lock (If-None-Match, with an expiry)
              _deploy/withdrawn.json      paths taken down, never restored by a rollback

Live keys are server-side copies from the release store (``copy``), so content is uploaded once.
"""

from __future__ import annotations

import base64
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

import orjson
from botocore.client import BaseClient
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    EndpointConnectionError,
    NoCredentialsError,
)

from deploy.errors import DeployError
from deploy.release.target import Target, anonymous_s3_client

DEPLOY_DIR = "_deploy/"
POINTER = DEPLOY_DIR + "current.json"
LOCK = DEPLOY_DIR + "lock.json"
WITHDRAWN = DEPLOY_DIR + "withdrawn.json"  # paths taken down (manage.py takedown): never restored
RELEASES = DEPLOY_DIR + "releases/"
OBJECTS = DEPLOY_DIR + "objects/"
RECORD_CACHE = "no-store"
RECENT_RELEASES = 3
_recent_releases: dict[tuple[str, ...], Release] = {}  # oldest first
RELEASE_HASHES = 100  # more than DEPLOY_KEEP_RELEASES is ever set to, in practice
_release_hashes: dict[tuple[str, ...], frozenset[str]] = {}  # oldest first
_private_stores: set[tuple[str, str]] = set()  # (endpoint, release bucket) checked private
_RELEASE_ID = re.compile(r"^\d{8}T\d{6}\.\d{6}Z-[0-9a-f]{6}$")


@dataclass(frozen=True)
class RemoteFile:
    sha256: str
    size: int
    content_type: str
    cache_control: str
    redirect: str = ""  # redirect stubs: the target URL


@dataclass
class Release:
    id: str
    created: str  # ISO 8601, UTC
    trigger: str
    files: dict[str, RemoteFile] = field(default_factory=dict)
    complete: bool = False  # went live whole at least once (its objects are all stored)
    restores: str = ""  # a rollback's own release: the release it was made from

    @property
    def size(self) -> int:
        return sum(item.size for item in self.files.values())

    def to_json(self) -> bytes:
        data = {
            "id": self.id,
            "created": self.created,
            "trigger": self.trigger,
            "files": self.files,  # orjson writes dataclasses as objects, fields in order
        }
        if self.restores:
            data["restores"] = self.restores
        return orjson.dumps(data, option=orjson.OPT_SORT_KEYS)

    @classmethod
    def from_json(cls, raw: bytes) -> Release:
        data = orjson.loads(raw)
        files = {path: RemoteFile(**item) for path, item in data["files"].items()}
        return cls(
            id=data["id"],
            created=data["created"],
            trigger=data["trigger"],
            files=files,
            restores=data.get("restores", ""),
        )


@dataclass
class Pointer:
    """``_deploy/current.json``: the live release, the release being applied (if a deploy
    stopped half way, its keys may be live), and stale immutable assets kept for a while."""

    release: str = ""
    pending: str = ""
    # path → {"file": RemoteFile fields, "since": ISO time it left the live release}
    lingering: dict[str, dict[str, Any]] = field(default_factory=dict)
    etag: str = ""  # of the object read; "" when there is none yet

    def to_json(self) -> bytes:
        data = {"release": self.release, "pending": self.pending, "lingering": self.lingering}
        return json.dumps(data, separators=(",", ":"), sort_keys=True).encode()


def valid_release_id(value: str) -> bool:
    return bool(_RELEASE_ID.match(value))


def sha256_checksum(hex_digest: str) -> str:
    """The manifest's hex SHA-256 as S3's x-amz-checksum-sha256 (base64 of the raw digest)."""
    return base64.b64encode(bytes.fromhex(hex_digest)).decode()


class Bucket:
    """Typed access to the bucket; storage errors become DeployErrors that say what to do."""

    def __init__(self, client: BaseClient, target: Target) -> None:
        self.client = client
        self.target = target
        self.requests = 0  # S3 requests made, for the summary and the benchmarks

    # -- records -------------------------------------------------------------------------------

    def read_pointer(self) -> Pointer:
        found = self.get(POINTER)
        if found is None:
            return Pointer()
        raw, etag = found
        data = json.loads(raw)
        return Pointer(
            release=data.get("release", ""),
            pending=data.get("pending", ""),
            lingering=data.get("lingering", {}),
            etag=etag,
        )

    def write_pointer(self, pointer: Pointer) -> Pointer:
        """Switch the pointer if nobody else did since it was read; returns it with its new ETag."""
        condition = {"IfMatch": pointer.etag} if pointer.etag else {"IfNoneMatch": "*"}
        etag = self.put(POINTER, pointer.to_json(), "application/json", RECORD_CACHE, **condition)
        if etag is None:
            raise DeployError(
                "The live release pointer changed while this deploy ran: another deploy or "
                "rollback got in. Nothing more was changed; run it again."
            )
        pointer.etag = etag
        return pointer

    def read_release(self, release_id: str, *, fresh: bool = False) -> Release | None:
        """A release record; records change only by a takedown (``rewrite_release``), so the
        last few read or written by this process are kept (a worker deploys every few seconds);
        ``fresh`` reads it from the store whatever is kept (a rollback does)."""
        cache_key = (self.target.endpoint_url, self.target.bucket, self.target.prefix, release_id)
        if not fresh and (cached := _recent_releases.get(cache_key)) is not None:
            return replace(cached, files=dict(cached.files))
        found = self.get(f"{RELEASES}{release_id}.json")
        if found is None:
            return None
        release = Release.from_json(found[0])
        self._remember(cache_key, release)
        return replace(release, files=dict(release.files))

    def write_release(self, release: Release) -> None:
        key = f"{RELEASES}{release.id}.json"
        self.put(key, release.to_json(), "application/json", RECORD_CACHE)
        cache_key = (self.target.endpoint_url, self.target.bucket, self.target.prefix, release.id)
        self._remember(cache_key, replace(release, files=dict(release.files), complete=False))

    def rewrite_release(self, release: Release) -> None:
        """Replace a kept release's record: only a takedown does. Other processes may keep the
        old record for a while; rollbacks read records fresh and skip withdrawn paths."""
        self.write_release(release)

    def release_hashes(self, release_id: str) -> frozenset[str] | None:
        """The content hashes a release record names (None if it is gone). Garbage collection
        compares every kept release on each deploy, so these are kept for many more releases
        than whole records: a set of shared strings, not tens of thousands of entries."""
        cache_key = (self.target.endpoint_url, self.target.bucket, self.target.prefix, release_id)
        if (cached := _release_hashes.get(cache_key)) is None:
            if self.read_release(release_id) is None:
                return None
            cached = _release_hashes[cache_key]  # read_release remembered it
        return cached

    @staticmethod
    def _remember(cache_key: tuple[str, ...], release: Release) -> None:
        _recent_releases[cache_key] = release
        while len(_recent_releases) > RECENT_RELEASES:
            del _recent_releases[next(iter(_recent_releases))]
        _release_hashes[cache_key] = frozenset(
            sys.intern(item.sha256) for item in release.files.values()
        )
        while len(_release_hashes) > RELEASE_HASHES:
            del _release_hashes[next(iter(_release_hashes))]

    def mark_complete(self, release_id: str) -> None:
        self.put(f"{RELEASES}{release_id}.done", b"", "text/plain", RECORD_CACHE)

    def release_ids(self) -> dict[str, bool]:
        """Every recorded release id → whether it went live whole; oldest first."""
        found: dict[str, bool] = {}
        for key in self.list_keys(RELEASES):
            name = key.rsplit("/", 1)[-1]
            release_id, _, suffix = name.rpartition(".")
            if valid_release_id(release_id):
                found[release_id] = found.get(release_id, False) or suffix == "done"
        return dict(sorted(found.items()))

    def delete_release(self, release_id: str) -> None:
        self.delete_keys([f"{RELEASES}{release_id}.json", f"{RELEASES}{release_id}.done"])

    # -- the release store is private ----------------------------------------------------------

    def ensure_release_store_private(self) -> None:
        """Refuse to deploy into a release store an anonymous client can read (checked once
        per process and store): it holds every kept release, removed pages included."""
        where = (self.target.endpoint_url, self.target.release_bucket)
        if where in _private_stores:
            return
        client = anonymous_s3_client(self.target)
        try:
            client.head_object(Bucket=self.target.release_bucket, Key=self.target.key(POINTER))
        except ClientError as exc:
            if _code(exc) in {"403", "AccessDenied", "401"}:
                _private_stores.add(where)
                return
            answer = _code(exc)
        except BotoCoreError as exc:
            raise DeployError(
                f"Cannot reach the object store at {self.target.describe_release_store()}: {exc}"
            ) from exc
        else:
            answer = "200"
        raise DeployError(
            f"The release store {self.target.describe_release_store()} answers anonymous "
            f"clients ({answer} instead of 403): it keeps removed pages, so it must be private. "
            "Remove any public-read policy or ACL from DEPLOY_S3_RELEASE_BUCKET."
        )

    def legacy_records(self) -> list[str]:
        """Deploy records an earlier version kept in the site bucket (``_deploy/``), readable
        anonymously there: the first deploy into the release store deletes them."""
        return list(self.list_keys(DEPLOY_DIR, bucket=self.target.bucket))

    def read_legacy_release(self) -> Release | None:
        """The live release an earlier version recorded in the site bucket, if any."""
        found = self.get(POINTER, bucket=self.target.bucket)
        if found is None:
            return None
        release_id = json.loads(found[0]).get("release", "")
        record = self.get(f"{RELEASES}{release_id}.json", bucket=self.target.bucket)
        return Release.from_json(record[0]) if record and release_id else None

    def delete_legacy_records(self, keys: list[str]) -> None:
        self.delete_keys(keys, bucket=self.target.bucket)

    # -- objects -------------------------------------------------------------------------------

    def bucket_of(self, path: str) -> str:
        """Deploy records and stored content live in the release store, the rest in the site."""
        return self.target.release_bucket if path.startswith(DEPLOY_DIR) else self.target.bucket

    def get(self, path: str, *, bucket: str = "") -> tuple[bytes, str] | None:
        """The bytes and ETag of ``path``, or None when there is no such key."""
        try:
            response = self._call(
                "get_object", bucket or self.bucket_of(path), Key=self.target.key(path)
            )
        except ClientError as exc:
            if _code(exc) in {"NoSuchKey", "404"}:
                return None
            raise self._error(exc, f"read {path}") from exc
        return response["Body"].read(), response["ETag"]

    def put(
        self, path: str, body: bytes, content_type: str, cache_control: str, **extra: Any
    ) -> str | None:
        """Write ``path``; None when a condition (If-Match / If-None-Match) did not hold."""
        try:
            response = self._call(
                "put_object",
                self.bucket_of(path),
                Key=self.target.key(path),
                Body=body,
                ContentType=content_type,
                CacheControl=cache_control,
                **extra,
            )
        except ClientError as exc:
            if _code(exc) in {"PreconditionFailed", "412", "ConditionalRequestConflict", "409"}:
                return None
            raise self._error(exc, f"write {path}") from exc
        return response["ETag"]

    def copy(self, source: str, path: str, item: RemoteFile) -> None:
        """Server-side copy of a stored object (release store) to a live key (site bucket),
        with the file's own headers."""
        extra: dict[str, Any] = {}
        if item.redirect and self.target.redirect_metadata:
            extra["WebsiteRedirectLocation"] = item.redirect
        try:
            self._call(
                "copy_object",
                self.bucket_of(path),
                Key=self.target.key(path),
                CopySource={"Bucket": self.bucket_of(source), "Key": self.target.key(source)},
                MetadataDirective="REPLACE",
                ContentType=item.content_type,
                CacheControl=item.cache_control,
                Metadata={"sha256": item.sha256},
                **extra,
            )
        except ClientError as exc:
            raise self._error(exc, f"copy {source} to {path}") from exc

    def delete_keys(self, paths: list[str], *, bucket: str = "") -> None:
        if not bucket:
            for name in sorted({self.bucket_of(path) for path in paths}):
                self.delete_keys([p for p in paths if self.bucket_of(p) == name], bucket=name)
            return
        for start in range(0, len(paths), 1000):
            batch = paths[start : start + 1000]
            objects = [{"Key": self.target.key(path)} for path in batch]
            try:
                response = self._call(
                    "delete_objects", bucket, Delete={"Objects": objects, "Quiet": True}
                )
            except ClientError as exc:
                raise self._error(exc, f"delete {len(batch)} keys") from exc
            if response.get("Errors"):
                first = response["Errors"][0]
                raise DeployError(f"The store refused to delete {first['Key']}: {first['Message']}")

    def delete_if_match(self, path: str, etag: str) -> None:
        self._call("delete_object", self.bucket_of(path), Key=self.target.key(path), IfMatch=etag)

    def list_keys(self, folder: str, *, bucket: str = "") -> Iterator[str]:
        """Keys below ``folder`` (relative to the prefix); only used on small folders."""
        token: dict[str, str] = {}
        while True:
            try:
                response = self._call(
                    "list_objects_v2",
                    bucket or self.bucket_of(folder),
                    Prefix=self.target.key(folder),
                    **token,
                )
            except ClientError as exc:
                raise self._error(exc, f"list {folder}") from exc
            for item in response.get("Contents", ()):
                yield item["Key"][len(self.target.prefix) :]
            if not response.get("IsTruncated"):
                return
            token = {"ContinuationToken": response["NextContinuationToken"]}

    def abort_multipart_uploads(self) -> int:
        """Abort every unfinished multipart upload below the prefix (only call under the lock)."""
        aborted = 0
        try:
            for bucket in (self.target.bucket, self.target.release_bucket):
                response = self._call("list_multipart_uploads", bucket, Prefix=self.target.prefix)
                for upload in response.get("Uploads") or ():
                    self._call(
                        "abort_multipart_upload",
                        bucket,
                        Key=upload["Key"],
                        UploadId=upload["UploadId"],
                    )
                    aborted += 1
        except ClientError as exc:
            raise self._error(exc, "abort unfinished multipart uploads") from exc
        return aborted

    # -- plumbing ------------------------------------------------------------------------------

    def _call(self, operation: str, bucket: str, **params: Any) -> Any:
        self.requests += 1
        try:
            return getattr(self.client, operation)(Bucket=bucket, **params)
        except EndpointConnectionError as exc:
            raise DeployError(
                f"Cannot reach the object store at {self.target.describe()}: {exc}"
            ) from exc
        except NoCredentialsError as exc:
            raise DeployError(
                "No credentials for the object store: set AWS_ACCESS_KEY_ID and "
                "AWS_SECRET_ACCESS_KEY."
            ) from exc
        except ClientError:
            raise
        except BotoCoreError as exc:
            raise DeployError(f"The object store failed ({self.target.describe()}): {exc}") from exc

    def _error(self, exc: ClientError, action: str) -> DeployError:
        code = _code(exc)
        where = self.target.describe()
        if code in {"InvalidAccessKeyId", "SignatureDoesNotMatch", "403", "AccessDenied"}:
            return DeployError(
                f"The object store refused to {action} in {where} ({code}): check "
                "AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY and that this identity may write "
                "the bucket."
            )
        if code == "NoSuchBucket":
            return DeployError(
                f"The bucket {self.target.bucket!r} or the release store "
                f"{self.target.release_bucket!r} does not exist at {where}."
            )
        return DeployError(f"The object store failed to {action} in {where}: {exc}")


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))
