from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "CMS core"

    def ready(self) -> None:
        from cms import deps
        from cms.permissions import grant_group_permissions

        deps.connect()

        post_migrate.connect(grant_group_permissions, sender=self)
