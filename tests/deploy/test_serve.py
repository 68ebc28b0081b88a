"""`manage.py serve`: the deployed site read anonymously from the bucket, as a visitor sees it."""

import threading
import urllib.error
import urllib.request

import pytest

from cms.security_headers import static_site_headers
from deploy.local.serve import bucket_url, make_server
from deploy.release.apply import Options, deploy_build

pytestmark = pytest.mark.dbless


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def get(url: str):
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), exc.headers


@pytest.fixture
def site(target, builds):
    deploy_build(builds("v1").write(1, ["op-eds/a"]).root, Options(), target)
    base = bucket_url(target.endpoint_url, target.bucket, target.prefix)
    server = make_server("127.0.0.1", 0, base, static_site_headers(), verbose=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_folders_are_served_from_their_index_with_the_security_headers(site):
    status, body, headers = get(site + "/op-eds/a/")
    assert status == 200 and b"op-eds/a v1" in body
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_a_folder_without_its_slash_is_redirected(site):
    status, _, headers = get(site + "/op-eds/a")
    assert (status, headers["Location"]) == (301, "/op-eds/a/")


def test_missing_paths_get_the_deployed_404_page(site):
    status, body, _ = get(site + "/no/such/page/")
    assert status == 404 and b"Not found" in body


def test_deploy_records_are_not_served(site):
    assert get(site + "/_deploy/current.json")[0] == 404
    assert get(site + "/../_deploy/current.json")[0] == 404
