from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "CMS core"

    def ready(self) -> None:
        from cms import deps, twofactor
        from cms.permissions import grant_group_permissions

        deps.connect()
        connection_created.connect(_private_sqlite_file)
        user_logged_in.connect(twofactor.on_password_sign_in, dispatch_uid="cms.twofactor")

        post_migrate.connect(grant_group_permissions, sender=self)


def _private_sqlite_file(sender: object, connection: object, **kwargs: object) -> None:
    """An SQLite database (password hashes, TOTP secrets) readable by its owner only: SQLite
    creates it, and its journal, with the process's umask (world-readable by default)."""
    import os
    import stat

    if getattr(connection, "vendor", "") != "sqlite":
        return
    name = str(connection.settings_dict.get("NAME", ""))  # type: ignore[attr-defined]
    for path in (name, f"{name}-wal", f"{name}-shm", f"{name}-journal"):
        try:
            if os.stat(path).st_mode & (stat.S_IRWXG | stat.S_IRWXO):
                os.chmod(path, 0o600)
        except (FileNotFoundError, PermissionError, OSError):
            continue
