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


class Stop(KeyboardInterrupt):
    """Raised in the main thread by SIGTERM or SIGINT."""


def _raise_stop(signum: int, frame: FrameType | None) -> None:
    raise Stop(signal.Signals(signum).name)


def stop_on_signals() -> None:
    """From now on SIGTERM and SIGINT raise ``Stop`` in the main thread."""
    for signum in STOP_SIGNALS:
        signal.signal(signum, _raise_stop)


def ignore_signals() -> None:
    """While cleaning up: a second signal must not interrupt the cleanup half-way."""
    for signum in STOP_SIGNALS:
        signal.signal(signum, signal.SIG_IGN)
