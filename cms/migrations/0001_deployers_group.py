"""Editors and Moderators come from Wagtail's own migrations; the Deployers group is ours."""

from django.db import migrations


def create_deployers(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    deployers, _ = Group.objects.get_or_create(name="Deployers")
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if access_admin:
        deployers.permissions.add(access_admin)


def remove_deployers(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Deployers").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(create_deployers, remove_deployers)]
