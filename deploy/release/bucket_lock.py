"""The deploy lock: one deploy or rollback at a time per bucket prefix, across machines.

Taken with a conditional write (If-None-Match: *), so two deployers can never both hold it; it
expires, so a deployer killed mid-way does not block the next one forever; an expired lock is
taken over with If-Match on the ETag that was read, so two deployers cannot both take it over.
"""

from __future__ import annotations

import json
import os
import socket
import time
from dataclasses import dataclass
from typing import Any

from deploy.errors import DeployError, LockHeld
from deploy.release.bucket import LOCK, RECORD_CACHE, Bucket


@dataclass
class DeployLock:
    bucket: Bucket
    seconds: int
    owner: str = ""
    etag: str = ""
    expires: float = 0.0

    def acquire(self) -> DeployLock:
        self.owner = f"{socket.gethostname()}:{os.getpid()}"
        if self._write(condition={"IfNoneMatch": "*"}):
            return self
        found = self.bucket.get(LOCK)
        if found is not None:
            raw, etag = found
            holder = _parse(raw)
            if holder.get("expires", 0) > time.time():
                raise LockHeld(
                    f"Another deploy or rollback is running ({holder.get('owner', 'unknown')}, "
                    f"lock expires in {int(holder['expires'] - time.time())} s). Nothing was "
                    "changed; try again when it has finished."
                )
            if self._write(condition={"IfMatch": etag}):
                return self  # the previous holder's lock had expired: taken over
        elif self._write(condition={"IfNoneMatch": "*"}):
            return self  # released between our two requests
        raise LockHeld("Another deploy or rollback took the lock first. Nothing was changed.")

    def refresh(self) -> None:
        """Extend the lock when a third of its time has passed; fail if it was lost."""
        if time.time() < self.expires - self.seconds * 2 / 3:
            return
        if not self._write(condition={"IfMatch": self.etag}):
            raise DeployError(
                "This deploy lost its lock (it ran longer than DEPLOY_LOCK_SECONDS without "
                "renewing it and another deployer took over). Stopped before changing more."
            )

    def release(self) -> None:
        if not self.etag:
            return
        try:
            self.bucket.delete_if_match(LOCK, self.etag)
        except Exception:  # noqa: BLE001 — an unreleased lock expires by itself
            return
        finally:
            self.etag = ""

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
