"""The time renders compare against (past or upcoming events)."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from cms import keys
from cms.deps import depend
from cms.memo import shared


def now() -> datetime:
    """One value for a whole build; the output is recorded as depending on the clock."""
    depend(keys.CLOCK)
    return shared(None, "now", timezone.now)
