"""Every change the static site must reflect asks for a sync (deploy.live.sync.request_sync)."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from cms import keys
from deploy.live.sync import request_sync

# Rows outside the page tree that change what is published besides the rows pages show
# (cms.keys.row_models): redirects become stubs, the Site record moves the whole site.
PLAN_MODELS = (Redirect, Site)


def _page_label(page: Page) -> str:
    return f"'{page.title}' (page {page.pk})"


def on_published(sender: type, instance: Page, revision: Any = None, **kwargs: Any) -> None:
    user = getattr(revision, "user", None)
    request_sync(f"Published {_page_label(instance)}", user=user, page_id=instance.pk)


def on_unpublished(sender: type, instance: Page, **kwargs: Any) -> None:
    request_sync(
        f"Unpublished {_page_label(instance)}", user=kwargs.get("user"), page_id=instance.pk
    )


def on_moved(sender: type, instance: Page, **kwargs: Any) -> None:
    if kwargs.get("url_path_before") != kwargs.get("url_path_after"):
        request_sync(f"Moved {_page_label(instance)}", page_id=instance.pk)


def on_slug_changed(sender: type, instance: Page, **kwargs: Any) -> None:
    request_sync(f"Changed the slug of {_page_label(instance)}", page_id=instance.pk)


def on_page_deleted(sender: type, instance: Page, **kwargs: Any) -> None:
    request_sync(f"Deleted {_page_label(instance)}", page_id=instance.pk)


def on_restriction_changed(sender: type, instance: Any, **kwargs: Any) -> None:
    page = getattr(instance, "page", None)
    if page is not None:
        request_sync(f"Changed who may view {_page_label(page)}", page_id=page.pk)
    else:
        request_sync(f"Changed who may view the collection '{instance.collection}'")


def on_content_changed(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    action = "Deleted" if kwargs.get("signal") is post_delete else "Saved"
    request_sync(f"{action} {sender._meta.verbose_name} '{instance}'")


def connect() -> None:
    page_published.connect(on_published, dispatch_uid="deploy-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="deploy-unpublished")
    post_page_move.connect(on_moved, dispatch_uid="deploy-moved")
    page_slug_changed.connect(on_slug_changed, dispatch_uid="deploy-slug")
    # Multi-table inheritance: deleting any page deletes its base Page row too.
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="deploy-page-deleted")
    for model in (PageViewRestriction, CollectionViewRestriction):
        for signal in (post_save, post_delete):
            signal.connect(
                on_restriction_changed, sender=model, dispatch_uid=f"deploy-{model._meta.label}"
            )
    shown = [entry.model for entry in keys.captured_rows()]
    for model in [*shown, *PLAN_MODELS]:
        for signal in (post_save, post_delete):
            signal.connect(
                on_content_changed, sender=model, dispatch_uid=f"deploy-{model._meta.label}"
            )
