"""Settings come from the environment; production refuses to start without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from cms.env import env, env_bool, env_list

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DATABASE_URL": "postgres://cms@db.internal:5432/cms",
    "DJANGO_SECRET_KEY": "x" * 20 + "production-key-from-the-environment-0123456789",
    "DJANGO_ALLOWED_HOSTS": "cms.example.org",
    "SITE_BASE_URL": "https://www.example.org",
    "WAGTAILADMIN_BASE_URL": "https://cms.example.org",
}


def manage(*args: str, env_vars: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "SITE_", "WAGTAIL", "DATABASE_"))
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args, "--settings=cms.settings.production"],
        cwd=ROOT,
        env={**clean, **env_vars},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_production_names_the_missing_variable(missing):
    result = manage("check", env_vars={k: v for k, v in PRODUCTION_ENV.items() if k != missing})
    assert result.returncode != 0
    assert f"Set the environment variable {missing}." in result.stderr


def test_production_passes_check_deploy():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env_vars=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_env_helpers(monkeypatch):
    monkeypatch.setenv("CMS_TEST_LIST", " a, b ,,c ")
    monkeypatch.setenv("CMS_TEST_BOOL", "yes")
    monkeypatch.delenv("CMS_TEST_MISSING", raising=False)
    assert env_list("CMS_TEST_LIST") == ["a", "b", "c"]
    assert env_bool("CMS_TEST_BOOL") is True
    assert env("CMS_TEST_MISSING", "fallback") == "fallback"
    with pytest.raises(ImproperlyConfigured, match="CMS_TEST_MISSING"):
        env("CMS_TEST_MISSING")
    monkeypatch.setenv("CMS_TEST_BOOL", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="true or false"):
        env_bool("CMS_TEST_BOOL")


def test_development_settings_find_the_local_store_without_importing_it(tmp_path):
    """dev.py reads the local store's bucket and credentials file as plain data (settings
    import no app); they must stay what the store writes."""
    from deploy.local.objectstore import SITE_BUCKET, ensure_credentials

    written = ensure_credentials(tmp_path / "var" / "objectstore")
    script = "from django.conf import settings as s; print(s.DEPLOY_S3_BUCKET, s.AWS_ACCESS_KEY_ID)"
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AWS_", "DEPLOY_"))
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", script, "--settings=cms.settings.dev"],
        cwd=ROOT,
        env={**clean, "CMS_VAR_DIR": str(tmp_path / "var")},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == [SITE_BUCKET, written.deployer.access_key]
