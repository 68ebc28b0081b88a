"""Production serves the admin's static files itself (WhiteNoise), hashed and cached for years."""

import json

import pytest

from .support import manage, production_env

# Its own SQLite file and settings module, whatever the suite's database: run once.
pytestmark = pytest.mark.dbless

FETCH = """
import json
from django.contrib.staticfiles.storage import staticfiles_storage
from django.test import Client
url = staticfiles_storage.url("wagtailadmin/css/core.css")
response = Client().get(url, secure=True, HTTP_ACCEPT_ENCODING="gzip")
print(json.dumps({
    "url": url,
    "status": response.status_code,
    "cache_control": response.headers.get("Cache-Control", ""),
    "encoding": response.headers.get("Content-Encoding", ""),
}))
"""


def test_collectstatic_with_production_settings_serves_hashed_far_future_files(tmp_path):
    env = production_env(tmp_path)
    manage(env, "collectstatic", "--no-input", "-v0")
    assert (tmp_path / "static" / "staticfiles.json").exists()
    got = json.loads(manage(env, "shell", "-c", FETCH).strip().splitlines()[-1])
    assert got["status"] == 200
    assert got["url"].startswith("/static/wagtailadmin/css/core.")
    assert got["url"] != "/static/wagtailadmin/css/core.css", "a content-hashed name"
    assert "max-age=315360000" in got["cache_control"]
    assert "immutable" in got["cache_control"]
    assert got["encoding"] == "gzip"
