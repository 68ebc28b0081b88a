"""The deploy lock: one deploy or rollback at a time per bucket prefix, across machines.

Taken with a conditional write (If-None-Match: *), so two deployers can never both hold it. It
is a short lease (DEPLOY_LOCK_SECONDS, 60 s) that a thread of the holder renews every third of
it, so a holder killed on another machine blocks the next deploy for less than a minute; a
holder on this machine whose process is gone is taken over at once. Either takeover is a write
with If-Match on the ETag that was read, so two deployers cannot both take it over.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from deploy.errors import DeployError, LockHeld
from deploy.processes import gone_from_this_machine
from deploy.release.bucket import LOCK, RECORD_CACHE, Bucket

logger = logging.getLogger(__name__)


@dataclass
class DeployLock:
    bucket: Bucket
    seconds: int
    owner: str = ""
    etag: str = ""
    expires: float = 0.0
    lost: bool = False
    _guard: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _stop: threading.Event = field(default_factory=threading.Event, repr=False)
    _renewer: threading.Thread | None = field(default=None, repr=False)

    def acquire(self) -> DeployLock:
        self.owner = f"{socket.gethostname()}:{os.getpid()}"
        if self._write(condition={"IfNoneMatch": "*"}):
            return self._renewing()
        found = self.bucket.get(LOCK)
        if found is not None:
            raw, etag = found
            holder = _parse(raw)
            alive = not gone_from_this_machine(holder.get("owner", ""))
            if holder.get("expires", 0) > time.time() and alive:
                raise LockHeld(
                    f"Another deploy or rollback is running ({holder.get('owner', 'unknown')}, "
                    f"lock expires in {int(holder['expires'] - time.time())} s unless renewed). "
                    "Nothing was changed; try again when it has finished."
                )
            if self._write(condition={"IfMatch": etag}):
                # The previous holder's lock had expired, or its process is gone: taken over.
                return self._renewing()
        elif self._write(condition={"IfNoneMatch": "*"}):
            return self._renewing()  # released between our two requests
        raise LockHeld("Another deploy or rollback took the lock first. Nothing was changed.")

    def refresh(self) -> None:
        """Fail if the lock was lost (the renewing thread keeps it while this process lives)."""
        if self.lost:
            raise DeployError(
                "This deploy lost its lock (it could not renew it for DEPLOY_LOCK_SECONDS and "
                "another deployer took over). Stopped before changing more."
            )

    def release(self) -> None:
        self._stop.set()
        if self._renewer is not None:
            self._renewer.join()
        with self._guard:
            if not self.etag:
                return
            try:
                self.bucket.delete_if_match(LOCK, self.etag)
            except Exception:  # noqa: BLE001 — an unreleased lock expires by itself
                return
            finally:
                self.etag = ""

    def _renewing(self) -> DeployLock:
        self._stop.clear()
        self._renewer = threading.Thread(target=self._renew, name="deploy-lock", daemon=True)
        self._renewer.start()
        return self

    def _renew(self) -> None:
        while not self._stop.wait(self.seconds / 3):
            with self._guard:
                try:
                    renewed = self._write(condition={"IfMatch": self.etag})
                except Exception:  # noqa: BLE001 — retried at the next tick, until it expires
                    logger.warning("Could not renew the deploy lock", exc_info=True)
                    renewed = time.time() < self.expires
            if not renewed:
                self.lost = True
                return

    def _write(self, condition: dict[str, str]) -> bool:
        expires = time.time() + self.seconds
        body = json.dumps({"owner": self.owner, "expires": expires}).encode()
        etag = self.bucket.put(LOCK, body, "application/json", RECORD_CACHE, **condition)
        if etag is None:
            return False
        self.etag, self.expires = etag, expires
        return True


def _parse(raw: bytes) -> dict[str, Any]:
    try:
        data = json.loads(raw)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
