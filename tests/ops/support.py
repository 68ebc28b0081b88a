"""Run the CMS as production does: production settings from the environment, in processes."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = Path(sys.executable)


def production_env(folder: Path, **extra: str) -> dict[str, str]:
    """Production settings on a SQLite file of the test's own, static files collected into
    ``folder/static``. Nothing is relaxed: clients send ``X-Forwarded-Proto: https`` as the
    TLS-terminating proxy in front of the server does."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "SITE_", "WAGTAIL", "DATABASE_", "DEPLOY_", "LOG_"))
    }
    return clean | {
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "SITE_BASE_URL": "https://www.example.org",
        "WAGTAILADMIN_BASE_URL": "https://cms.example.org",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "CMS_VAR_DIR": str(folder / "var"),
        "DJANGO_STATIC_ROOT": str(folder / "static"),
        **extra,
    }


def manage(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    """``manage.py ARGS`` under ``env``; its stdout, or the assertion shows its stderr."""
    done = subprocess.run(  # noqa: S603
        [str(PYTHON), str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout
