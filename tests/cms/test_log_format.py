"""LOG_FORMAT=json: one JSON object per line, with the fields a caller passed in ``extra``."""

import json
import logging
from datetime import datetime
from pathlib import Path

from cms.log_format import JsonFormatter


def record(**extra) -> logging.LogRecord:
    made = logging.getLogger("deploy").makeRecord(
        "deploy", logging.INFO, __file__, 1, "Sync %d live: %d rendered", (7, 12), None, extra=extra
    )
    return made


def test_one_parseable_line_with_the_extra_figures():
    line = JsonFormatter().format(
        record(event="sync", sync_id=7, rendered=12, reused=300, uploaded=5, seconds=1.25)
    )
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "INFO"
    assert entry["logger"] == "deploy"
    assert entry["message"] == "Sync 7 live: 12 rendered"
    assert datetime.fromisoformat(entry["time"]).utcoffset().total_seconds() == 0
    assert {k: entry[k] for k in ("event", "sync_id", "rendered", "reused", "uploaded")} == {
        "event": "sync",
        "sync_id": 7,
        "rendered": 12,
        "reused": 300,
        "uploaded": 5,
    }
    assert entry["seconds"] == 1.25
    assert "args" not in entry and "msg" not in entry and "levelno" not in entry


def test_an_exception_and_values_that_are_not_json_stay_on_one_line():
    try:
        raise RuntimeError("store refused\nsecond line")
    except RuntimeError:
        import sys

        made = logging.getLogger("deploy").makeRecord(
            "deploy",
            logging.ERROR,
            __file__,
            1,
            "failed",
            (),
            sys.exc_info(),
            extra={"path": Path("/tmp/x")},  # noqa: S108
        )
    line = JsonFormatter().format(made)
    assert len(line.splitlines()) == 1
    entry = json.loads(line)
    assert "RuntimeError: store refused" in entry["exception"]
    assert entry["path"] == "/tmp/x"  # noqa: S108
