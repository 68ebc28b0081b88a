"""Events: timezone-aware times, a format and status, an agenda and an iCalendar file."""

from __future__ import annotations

import zoneinfo
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.search import index

from cms import clock
from cms.api_fields import LocalDateTimeField
from cms.ical import CALENDAR_CONTENT_TYPE, CalendarEvent, render_calendar
from cms.public_urls import public_url
from cms.routing import StaticRoutesMixin

from ..blocks import AgendaItemBlock
from .content import ContentPage, content_panels_for


class EventFormat(models.TextChoices):
    VIRTUAL = "virtual", "Virtual"
    IN_PERSON = "in_person", "In person"
    HYBRID = "hybrid", "Hybrid"


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    POSTPONED = "postponed", "Postponed"
    RESCHEDULED = "rescheduled", "Rescheduled"
    CANCELLED = "cancelled", "Cancelled"
    MOVED_ONLINE = "moved_online", "Moved online"


def timezone_choices() -> list[tuple[str, str]]:
    # A callable, so the list follows the installed tzdata rather than being frozen in a migration.
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


ICS_ROUTE = "event.ics"
ICS_STATUS = {EventStatus.CANCELLED: "CANCELLED", EventStatus.POSTPONED: "TENTATIVE"}


class EventPage(StaticRoutesMixin, ContentPage):
    """An event with timezone-aware times, its speakers (author rows) and an agenda."""

    fixed_routes = (ICS_ROUTE,)
    og_type = "website"  # an event is not an article

    start = models.DateTimeField()
    end = models.DateTimeField()
    timezone = models.CharField(
        max_length=64,
        default="America/New_York",
        help_text="IANA zone where the event happens; times are shown in this zone.",
    )
    format = models.CharField(
        max_length=10, choices=EventFormat.choices, default=EventFormat.VIRTUAL
    )
    status = models.CharField(
        max_length=15, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    venue_name = models.CharField(max_length=200, blank=True)
    venue_address = models.TextField(blank=True)
    registration_url = models.URLField(blank=True)
    livestream_url = models.URLField(blank=True)
    recording_url = models.URLField(blank=True)
    agenda = StreamField([("item", AgendaItemBlock())], blank=True)

    content_panels = content_panels_for(
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("timezone", widget=forms.Select(choices=timezone_choices)),
                FieldRowPanel([FieldPanel("format"), FieldPanel("status")]),
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("registration_url"),
                FieldPanel("livestream_url"),
                FieldPanel("recording_url"),
            ],
            heading="When and where",
        ),
        FieldPanel("agenda"),
    )
    search_fields = [*ContentPage.search_fields, index.FilterField("start")]
    api_fields = [
        *ContentPage.api_fields,
        APIField("start", serializer=LocalDateTimeField(source="local_start")),
        APIField("end", serializer=LocalDateTimeField(source="local_end")),
        APIField("timezone"),
        APIField("format"),
        APIField("status"),
        APIField("venue_name"),
        APIField("venue_address"),
        APIField("registration_url"),
        APIField("livestream_url"),
        APIField("recording_url"),
        APIField("agenda"),
    ]

    parent_page_types = ["publications.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "event"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.timezone not in zoneinfo.available_timezones():
            errors["timezone"] = (
                f"{self.timezone!r} is not an IANA time zone, e.g. America/New_York."
            )
        for field in ("start", "end"):
            value = getattr(self, field)
            if value is not None and timezone.is_naive(value):
                errors[field] = "Give a timezone-aware time."
        if not errors and self.start and self.end and self.end < self.start:
            errors["end"] = "The event cannot end before it starts."
        if errors:
            raise ValidationError(errors)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def local_start(self) -> datetime:
        return self.start.astimezone(self.zone)

    @property
    def local_end(self) -> datetime:
        return self.end.astimezone(self.zone)

    @property
    def is_past(self) -> bool:
        return self.end < clock.now()

    def structured_data(self, org: dict[str, Any], linked_ids: set[int] | None) -> Any:
        from ..structured_data import event, visible_person_ids

        if linked_ids is None:
            linked_ids = visible_person_ids(self.author_rows)
        return event(self, org, linked_ids)

    @classmethod
    def clock_changes(cls, before: datetime, after: datetime) -> bool:
        return EventPage.objects.filter(end__gt=before, end__lte=after).exists()

    @property
    def event_label(self) -> str:
        """e.g. 'Past Virtual Event', 'Upcoming In-Person Event' (cards and headings)."""
        kind = {EventFormat.IN_PERSON: "In-Person"}.get(self.format, self.get_format_display())
        return f"{'Past' if self.is_past else 'Upcoming'} {kind} Event"

    @property
    def location_text(self) -> str:
        """The venue (name and address on one line), else 'Online'."""
        lines = [line.strip() for line in self.venue_address.splitlines()]
        parts = [self.venue_name.strip(), ", ".join(line for line in lines if line)]
        place = ", ".join(part for part in parts if part)
        return place or "Online"

    def calendar_event(self) -> CalendarEvent:
        """The event as one VEVENT; every value comes from the page, never the clock."""
        host = urlsplit(settings.SITE_BASE_URL).hostname or "localhost"
        return CalendarEvent(
            uid=f"event-{self.pk}@{host}",
            stamp=self.last_published_at
            or timezone.make_aware(datetime.combine(self.display_date, datetime.min.time())),
            start=self.start,
            end=self.end,
            timezone=self.timezone,
            summary=self.title,
            description=self.dek,
            url=public_url(self.url_path_on_site),
            location=self.location_text,
            status=ICS_STATUS.get(self.status, "CONFIRMED"),
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["ics_url"] = self.route_url(request, ICS_ROUTE) if self.pk else ""
        return context

    @path(ICS_ROUTE, name="ics")
    def ics(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse(
            render_calendar(self.calendar_event()), content_type=CALENDAR_CONTENT_TYPE
        )
