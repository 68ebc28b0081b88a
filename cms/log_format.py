"""One JSON object per log line (``LOG_FORMAT=json``), for a log pipeline to parse, not grep.

Each line has ``time`` (UTC, ISO 8601), ``level``, ``logger`` and ``message``, then every field a
caller passed with ``extra={...}`` (a sync's figures, say), then ``exception`` when there is one.
Callers keep page titles and other content out of messages and fields: ids and neutral words.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

# What every LogRecord carries; anything else on a record came from ``extra``.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "taskName",
}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_") and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        # default=str: a field that is not JSON (a datetime, a Path) is written as its text.
        return json.dumps(entry, default=str, ensure_ascii=False)
