"""iCalendar (RFC 5545) files for single events, written by hand.

Times carry the event's IANA zone (``DTSTART;TZID=America/New_York:…``) with a VTIMEZONE built
from the zone database; text is escaped, lines are folded at 75 octets and end in CRLF.
Nothing depends on the clock: DTSTAMP is given by the caller.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings

CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"
MAX_OCTETS = 75
CRLF = "\r\n"
# A zone's observances are looked up this far before the event, so the one in force is included.
TRANSITION_LOOKBACK = timedelta(days=366)


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    stamp: datetime
    start: datetime
    end: datetime
    timezone: str
    summary: str
    url: str
    description: str = ""
    location: str = ""
    status: str = "CONFIRMED"


def escape_text(value: str) -> str:
    """A TEXT property value: backslash, semicolon, comma and newlines escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, never inside a UTF-8 character."""
    parts: list[str] = []
    current, size, limit = "", 0, MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            # A continuation line starts with a space, which counts towards its 75 octets.
            current, size, limit = " ", 1, MAX_OCTETS
        current += char
        size += width
    parts.append(current)
    return CRLF.join(parts)


def utc_stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def local_stamp(value: datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%S")


def _offset(value: timedelta) -> str:
    seconds = int(value.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{seconds:02d}" if seconds else "")


def _transitions(
    zone: zoneinfo.ZoneInfo, since: datetime, until: datetime
) -> Iterator[tuple[int, timedelta, timedelta]]:
    """(UTC timestamp, offset before, offset after) of each change of the zone's UTC offset."""

    def offset(timestamp: int) -> timedelta:
        return datetime.fromtimestamp(timestamp, zone).utcoffset() or timedelta(0)

    day = 86_400
    moment, end = int(since.timestamp()), int(until.timestamp())
    before = offset(moment)
    while moment < end:
        after = offset(moment + day)
        if after != before:
            low, high = moment, moment + day
            while high - low > 1:
                middle = (low + high) // 2
                low, high = (middle, high) if offset(middle) == before else (low, middle)
            yield high, before, after
        moment, before = moment + day, after


def vtimezone(name: str, start: datetime, end: datetime) -> list[str]:
    """The VTIMEZONE of zone ``name`` with the observances around ``start``…``end``."""
    zone = zoneinfo.ZoneInfo(name)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{name}"]
    found = False
    for timestamp, before, after in _transitions(zone, start - TRANSITION_LOOKBACK, end):
        found = True
        moment = datetime.fromtimestamp(timestamp, zone)
        kind = "DAYLIGHT" if moment.dst() else "STANDARD"
        onset = datetime.fromtimestamp(timestamp, UTC).replace(tzinfo=None) + before
        lines += [
            f"BEGIN:{kind}",
            f"DTSTART:{local_stamp(onset)}",
            f"TZOFFSETFROM:{_offset(before)}",
            f"TZOFFSETTO:{_offset(after)}",
            f"TZNAME:{escape_text(moment.tzname() or name)}",
            f"END:{kind}",
        ]
    if not found:
        local = start.astimezone(zone)
        offset = _offset(local.utcoffset() or timedelta(0))
        kind = "DAYLIGHT" if local.dst() else "STANDARD"
        lines += [
            f"BEGIN:{kind}",
            "DTSTART:19700101T000000",
            f"TZOFFSETFROM:{offset}",
            f"TZOFFSETTO:{offset}",
            f"TZNAME:{escape_text(local.tzname() or name)}",
            f"END:{kind}",
        ]
    return [*lines, "END:VTIMEZONE"]


def render_calendar(event: CalendarEvent) -> str:
    """A VCALENDAR holding ``event``, CRLF-terminated and folded."""
    zone = zoneinfo.ZoneInfo(event.timezone)
    tzid = f"TZID={event.timezone}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{escape_text(settings.WAGTAIL_SITE_NAME)}//Events//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        *vtimezone(event.timezone, event.start, event.end),
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{utc_stamp(event.stamp)}",
        f"DTSTART;{tzid}:{local_stamp(event.start.astimezone(zone))}",
        f"DTEND;{tzid}:{local_stamp(event.end.astimezone(zone))}",
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    lines.append(f"URL:{event.url}")
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    lines += [f"STATUS:{event.status}", "END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + CRLF for line in lines)
