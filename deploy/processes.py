"""Whether the holder of a lock or lease is still running, for taking over a dead one's at once.

Holders are named ``host:pid`` (a worker's thread may add ``/search``). Only a process of this
machine can be known to be gone; one elsewhere is judged by its lease or heartbeat instead.
"""

from __future__ import annotations

import os
import socket


def gone_from_this_machine(holder: str) -> bool:
    """True when ``holder`` names a process of this machine that no longer runs (or is a zombie
    its parent has not reaped); False when it runs, or is another machine's, or is no process."""
    host, _, pid_text = holder.split("/", 1)[0].rpartition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # another user's process: alive
    return _zombie(pid)


def _zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[-1].split()[0] == "Z"
    except OSError:
        return False
