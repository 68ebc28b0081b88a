"""Named points of a deploy where a test can stop it deterministically, not at a random moment.

``checkpoint(phase, done)`` is called before the pointer switch, after each stored object and
after each live key of each phase. In-process tests register a hook (e.g. one that SIGKILLs the
object store); a deployer process started with ``DEPLOY_FAULT=<phase>:<done>`` kills itself with
SIGKILL at that point, as a crash or an OOM kill would.

All of it runs only when the ``DEPLOY_FAULT_INJECTION`` setting is on (the test settings): a
production deploy reads one setting at each checkpoint and nothing else.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable

from django.conf import settings

ENV = "DEPLOY_FAULT"
Hook = Callable[[str, int], None]
_hooks: list[Hook] = []


def checkpoint(phase: str, done: int = 0) -> None:
    if not settings.DEPLOY_FAULT_INJECTION:
        return
    for hook in list(_hooks):
        hook(phase, done)
    spec = os.environ.get(ENV, "")
    if spec:
        name, _, after = spec.partition(":")
        if name == phase and done == int(after or 0):
            os.kill(os.getpid(), signal.SIGKILL)


def add_hook(hook: Hook) -> None:
    _hooks.append(hook)


def remove_hook(hook: Hook) -> None:
    _hooks.remove(hook)
