"""The source state a build renders from, and what changed since the previous build.

For every public page: a content fingerprint (its live revision and URL), its URL, and the list
keys it belongs to (``cms.keys``: its place in the tree, plus what its page type's
``list_memberships`` hook names); for every row of the models the site shows
(``cms.keys.row_models``): a fingerprint of the row. Comparing two states gives the
dependency keys whose outputs must be rendered again.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from wagtail.models import Page, get_page_models

from cms import keys

STATE_VERSION = 3


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
            if (bounded := keys.split_bound(dep)) is not None:
                scope, bound = bounded
                for members, sorts in self.moves:
                    if scope in members and any(s and s < bound for s in sorts):
                        return True
        return False


def capture(pages: list[Any], now: datetime) -> dict[str, Any]:
    """The state of the site whose visible pages are ``pages`` (deploy.export.plan.public_pages)."""
    rows: dict[str, str] = {}
    for entry in keys.captured_rows():
        table = list(_rows(entry.model))
        if entry.whole_table:
            rows[entry.key(None)] = _fingerprint(table)
        else:
            rows.update((entry.key(row["id"]), _fingerprint(row)) for row in table)
    return {
        "version": STATE_VERSION,
        "now": now.isoformat(),
        "pages": _page_state(pages),
        "rows": rows,
    }


def _page_state(rows: list[Any]) -> dict[str, list[Any]]:
    """page id → [content fingerprint, URL, membership keys, sort key]."""
    by_path = {path: pk for pk, path, *_ in rows}
    places: dict[int, keys.Place] = {}
    for pk, path, _url, _rev, _published, ct in rows:
        model = ContentType.objects.get_for_id(ct).model_class()
        places[pk] = keys.Place(by_path.get(path[: -Page.steplen]), model)
    members: dict[int, list[str]] = {
        pk: [keys.ANY_PAGE, keys.children(place.parent), *_visible_keys(place.model)]
        for pk, place in places.items()
    }
    sorts: dict[int, str] = {}
    for hook, group in _by_hook(places, "list_memberships").items():
        for pk, membership in hook(group).items():
            members[pk] += membership.lists
            sorts[pk] = membership.sort
    return {
        str(pk): [
            f"{rev}|{published.isoformat() if published else ''}|{ct}",
            url,
            sorted(set(members[pk])),
            sorts.get(pk, ""),
        ]
        for pk, _path, url, rev, published, ct in rows
    }


def _visible_keys(model: type[Model]) -> list[str]:
    """``cms.keys.visible`` of the page's type and of every concrete page type it extends."""
    return [
        keys.visible(cls)
        for cls in model.__mro__
        if issubclass(cls, Page) and cls is not Page and not cast(Any, cls)._meta.abstract
    ]


def _by_hook(
    places: dict[int, keys.Place], name: str
) -> dict[Callable[..., Any], dict[int, keys.Place]]:
    """Pages grouped by the class that defines their type's hook ``name`` (one call each, so a
    hook on ``ContentPage`` reads its tables once for all eight content types)."""
    groups: dict[Callable[..., Any], dict[int, keys.Place]] = defaultdict(dict)
    for pk, place in places.items():
        owner = next((c for c in place.model.__mro__ if name in vars(c)), None)
        if owner is not None:
            groups[getattr(owner, name)][pk] = place
    return groups


def compare(old: dict[str, Any], new: dict[str, Any]) -> Changes:
    """The dependency keys (and list moves) that differ between two states."""
    changes = Changes()
    old_pages, new_pages = old["pages"], new["pages"]
    for pid in old_pages.keys() | new_pages.keys():
        before, after = old_pages.get(pid), new_pages.get(pid)
        if before == after:
            continue
        changes.keys.add(keys.page(int(pid)))
        if before is None or after is None or before[1] != after[1]:
            changes.keys.add(keys.page_url(int(pid)))
        if before is None or after is None or before[2:] != after[2:]:
            members = set((before or [0, 0, []])[2]) | set((after or [0, 0, []])[2])
            sorts = [state[3] for state in (before, after) if state is not None]
            changes.moves.append((members, sorts))
            changes.keys |= members
    for key in old["rows"].keys() | new["rows"].keys():
        if old["rows"].get(key) != new["rows"].get(key):
            changes.keys.add(key)
    if _clock_moved(datetime.fromisoformat(old["now"]), datetime.fromisoformat(new["now"])):
        changes.keys.add(keys.CLOCK)
    return changes


def _clock_moved(before: datetime, after: datetime) -> bool:
    """Does any page type look different at ``after`` than at ``before`` (an event ended,
    so it moved from upcoming to past)? Each type answers through its ``clock_changes``."""
    owners = {
        next(c for c in model.__mro__ if "clock_changes" in vars(c))
        for model in get_page_models()
        if hasattr(model, "clock_changes")
    }
    return any(owner.clock_changes(before, after) for owner in owners)
