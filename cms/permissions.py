"""Model permissions of the editorial groups, granted after every migrate (idempotent)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

# (group, app_label, codenames): snippets are shared vocabulary, so writers may add to them.
GROUP_MODEL_PERMISSIONS: list[tuple[str, str, list[str]]] = [
    ("Editors", "home", ["add_topic", "change_topic"]),
    ("Editors", "publications", ["add_outlet", "change_outlet", "add_series", "change_series"]),
    ("Moderators", "home", ["add_topic", "change_topic", "delete_topic", "change_sitesettings"]),
    (
        "Moderators",
        "publications",
        [
            "add_outlet",
            "change_outlet",
            "delete_outlet",
            "add_series",
            "change_series",
            "delete_series",
        ],
    ),
    ("Deployers", "deploy", ["deploy_site"]),  # the admin's Site deploys view and its actions
]


def grant_group_permissions(**kwargs: Any) -> None:
    # post_migrate reaches this app before the apps whose permissions it grants: create them first.
    for app_label in {app_label for _, app_label, _ in GROUP_MODEL_PERMISSIONS}:
        create_permissions(apps.get_app_config(app_label), verbosity=0)
    for group_name, app_label, codenames in GROUP_MODEL_PERMISSIONS:
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        permissions = Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        )
        group.permissions.add(*permissions)
