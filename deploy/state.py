"""The source state a build renders from, and what changed since the previous build.

For every public page: a content fingerprint (its live revision and URL), its URL, and the list
keys it belongs to (``cms.deps``); for every snippet, image, document and the site settings: a
fingerprint of the row. Comparing two states gives the dependency keys whose outputs must be
rendered again.
"""

from __future__ import annotations

import hashlib
import json
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.deps import sort_key

STATE_VERSION = 2
# Rows whose every field may show on the site, by the dependency key prefix they record.
ROW_MODELS = {
    "t": "home.Topic",
    "o": "publications.Outlet",
    "s": "publications.Series",
}


def _fingerprint(values: Any) -> str:
    data = json.dumps(values, sort_keys=True, default=str).encode()
    return hashlib.sha256(data).hexdigest()[:16]


def _rows(model: type[Model]) -> Iterable[dict[str, Any]]:
    return model._default_manager.order_by("pk").values()


@dataclass
class Changes:
    keys: set[str] = field(default_factory=set)
    # (membership keys, sort keys) of each page that entered, left or moved within lists
    moves: list[tuple[set[str], list[str]]] = field(default_factory=list)

    def affects(self, deps: Iterable[str]) -> bool:
        if not self.keys.isdisjoint(deps):
            return True
        if not self.moves:  # no list changed order: bounded keys ("scope<bound") are unaffected
            return False
        for dep in deps:
            if "<" in dep:
                scope, bound = dep.split("<", 1)
                for members, sorts in self.moves:
                    if scope in members and any(s and s < bound for s in sorts):
                        return True
        return False


def capture(pages: list[Any], now: datetime) -> dict[str, Any]:
    """The state of the site whose visible pages are ``pages`` (deploy.plan.public_pages)."""
    pages = _page_state(pages)
    rows: dict[str, str] = {}
    for prefix, label in ROW_MODELS.items():
        for row in _rows(apps.get_model(label)):
            rows[f"{prefix}:{row['id']}"] = _fingerprint(row)
    for row in _rows(get_image_model()):
        rows[f"i:{row['id']}"] = _fingerprint(row)
    for row in _rows(get_document_model()):
        rows[f"d:{row['id']}"] = _fingerprint(row)
    settings_rows = list(_rows(apps.get_model("home", "SiteSettings")))
    rows["settings"] = _fingerprint(settings_rows)
    return {"version": STATE_VERSION, "now": now.isoformat(), "pages": pages, "rows": rows}


def _page_state(rows: list[Any]) -> dict[str, list[Any]]:
    """page id → [content fingerprint, URL, membership keys, sort key]."""
    by_path = {path: pk for pk, path, *_ in rows}
    keys: dict[int, list[str]] = {pk: ["any"] for pk, *_ in rows}
    parents: dict[int, int | None] = {}
    models: dict[int, type[Model]] = {}
    for pk, path, _url, _rev, _published, ct in rows:
        parents[pk] = by_path.get(path[: -Page.steplen])
        keys[pk].append(f"children:{parents[pk]}")
        models[pk] = ContentType.objects.get_for_id(ct).model_class()
    sorts: dict[int, str] = {}
    _content_keys(keys, parents, models, sorts)
    _person_keys(keys, parents, models)
    for pk, model in models.items():
        if model.__name__ == "TopicHubPage":
            keys[pk].append("hubs")
    return {
        str(pk): [
            f"{rev}|{published.isoformat() if published else ''}|{ct}",
            url,
            sorted(set(keys[pk])),
            sorts.get(pk, ""),
        ]
        for pk, _path, url, rev, published, ct in rows
    }


def _content_keys(keys, parents, models, sorts) -> None:
    # Whole tables rather than ``page_id__in=<every id>``: at 10,000 pages the id lists cost
    # more than the rows of hidden pages, which are skipped here.
    content_page = apps.get_model("publications", "ContentPage")
    event_page = apps.get_model("publications", "EventPage")
    ids = {pk for pk, model in models.items() if issubclass(model, content_page)}
    topics, people, programs = defaultdict(list), defaultdict(list), defaultdict(list)
    for page_id, topic_id in apps.get_model("publications", "ContentPageTopic").objects.values_list(
        "page_id", "topic_id"
    ):
        topics[page_id].append(topic_id)
    for page_id, person_id in (
        apps.get_model("publications", "ContentPageAuthor")
        .objects.filter(person__isnull=False)
        .values_list("page_id", "person_id")
    ):
        people[page_id].append(person_id)
    through = content_page.programs.through
    for page_id, program_id in through.objects.values_list("contentpage_id", "programpage_id"):
        programs[page_id].append(program_id)
    dates = dict(content_page.objects.values_list("pk", "display_date"))
    starts = {
        pk: start.astimezone(zoneinfo.ZoneInfo(zone))
        for pk, start, zone in event_page.objects.values_list("pk", "start", "timezone")
        if pk in ids
    }
    for pk in sorted(ids):
        is_event = pk in starts
        prefix = "event" if is_event else "content"
        scopes = [
            prefix,
            f"{prefix}:type:{models[pk].__name__}",
            f"{prefix}:parent:{parents[pk]}",
            *(f"{prefix}:topic:{t}" for t in topics[pk]),
            *(f"{prefix}:person:{p}" for p in people[pk]),
            *(f"{prefix}:program:{g}" for g in programs[pk]),
        ]
        when = starts[pk] if is_event else dates[pk]
        month = f"{when.year:04d}-{when.month:02d}"
        keys[pk].extend(scopes + [f"{scope}@{month}" for scope in scopes])
        sorts[pk] = sort_key(dates[pk], pk)


def _person_keys(keys, parents, models) -> None:
    person_page = apps.get_model("people", "PersonPage")
    ids = [pk for pk, model in models.items() if issubclass(model, person_page)]
    experts = set(
        person_page.objects.filter(pk__in=ids, is_expert=True).values_list("pk", flat=True)
    )
    for pk in ids:
        keys[pk] += [f"person:parent:{parents[pk]}", "visible:people.PersonPage"]
        if pk in experts:
            keys[pk].append("person:expert")
    for person_id, topic_id in person_page.expertise.through.objects.filter(
        personpage_id__in=experts
    ).values_list("personpage_id", "topic_id"):
        keys[person_id].append(f"person:expertise:{topic_id}")
    for person_id, program_id in person_page.programs.through.objects.filter(
        personpage_id__in=ids
    ).values_list("personpage_id", "programpage_id"):
        keys[person_id].append(f"person:program:{program_id}")


def compare(old: dict[str, Any], new: dict[str, Any]) -> Changes:
    """The dependency keys (and list moves) that differ between two states."""
    changes = Changes()
    old_pages, new_pages = old["pages"], new["pages"]
    for pid in old_pages.keys() | new_pages.keys():
        before, after = old_pages.get(pid), new_pages.get(pid)
        if before == after:
            continue
        changes.keys.add(f"p:{pid}")
        if before is None or after is None or before[1] != after[1]:
            changes.keys.add(f"u:{pid}")
        if before is None or after is None or before[2:] != after[2:]:
            members = set((before or [0, 0, []])[2]) | set((after or [0, 0, []])[2])
            sorts = [state[3] for state in (before, after) if state is not None]
            changes.moves.append((members, sorts))
            changes.keys |= members
    for key in old["rows"].keys() | new["rows"].keys():
        if old["rows"].get(key) != new["rows"].get(key):
            changes.keys.add(key)
    if _clock_moved(datetime.fromisoformat(old["now"]), datetime.fromisoformat(new["now"])):
        changes.keys.add("clock")
    return changes


def _clock_moved(before: datetime, after: datetime) -> bool:
    """Did any event end between the two builds (so 'upcoming' became 'past')?"""
    event_page = apps.get_model("publications", "EventPage")
    return event_page.objects.filter(end__gt=before, end__lte=after).exists()
