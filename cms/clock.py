"""The time renders compare against (past or upcoming events)."""

from __future__ import annotations

from datetime import datetime

from cms import keys, memo
from cms.deps import depend


def now() -> datetime:
    """One value for a whole build; the output is recorded as depending on the clock."""
    depend(keys.CLOCK)
    return memo.now()
