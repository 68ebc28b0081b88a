"""SIGTERM and SIGINT as one clean way out of a foreground command.

A service manager sends SIGTERM, a terminal SIGINT: both raise ``Stop`` in the main thread, so
the command unwinds through its ``finally`` and cleans up there, once, in the main thread (a
handler that cleaned up itself would run in the middle of whatever the main thread was doing:
waiting on the very process it stops, for one). ``Stop`` is a KeyboardInterrupt, so code that
already handles Ctrl-C handles SIGTERM alike.
"""

from __future__ import annotations

import signal
from types import FrameType

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
_stopping = False  # once set, the signals are no-ops (Ctrl-C and a script's SIGTERM may both come)


class Stop(KeyboardInterrupt):
    """Raised in the main thread by SIGTERM or SIGINT."""


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    global _stopping  # noqa: PLW0603 — the process's one stop
    if not _stopping:
        _stopping = True
        raise Stop(signal.Signals(signum).name)


def stop_on_signals() -> None:
    """From now on the first SIGTERM or SIGINT raises ``Stop`` in the main thread."""
    for signum in STOP_SIGNALS:
        signal.signal(signum, _raise_stop)


def ignore_signals() -> None:
    """While cleaning up: a second signal must not interrupt the cleanup half-way. Setting
    SIG_IGN alone is not enough: a signal that arrived just before still runs its handler."""
    global _stopping  # noqa: PLW0603
    _stopping = True
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)
