from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "CMS core"

    def ready(self) -> None:
        from cms import deps, twofactor
        from cms.permissions import grant_group_permissions

        deps.connect()
        user_logged_in.connect(twofactor.on_password_sign_in, dispatch_uid="cms.twofactor")

        post_migrate.connect(grant_group_permissions, sender=self)
