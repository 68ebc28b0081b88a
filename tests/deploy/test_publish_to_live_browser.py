"""End to end in Chromium: an editor publishes in the admin, a worker brings it to the bucket.

Real processes on a real SQLite file: `runserver` (the CMS), `manage.py worker`, the object store.
The bucket is read anonymously, as visitors (and `manage.py serve`) read it.
"""

import json
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from deploy.local.serve import bucket_url, make_server

from .s3_support import anonymous_get, run_manage, site_copy_env, target_for

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
BUDGET_SECONDS = 60  # generous for a 2-core CI machine; benchmarks/publish_bench.py measures
TITLE = "Restraint is the realist choice"
SLUG = "restraint-is-the-realist-choice"
FACTS = """
import json
from django.contrib.auth.models import User
from home.models import TopicHubPage
from people.models import PersonPage
from publications.models import OpEdIndexPage
User.objects.create_superuser("editor", "editor@example.org", "correct horse battery")
hub = TopicHubPage.objects.live().get(topic__name="Grand strategy")
person = PersonPage.objects.live().get(last_name="DePetris")
print(json.dumps({
    "op_eds": OpEdIndexPage.objects.get().pk, "op_eds_url": OpEdIndexPage.objects.get().url,
    "hub_url": hub.url, "person_url": person.url,
}))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def eventually(condition: Callable[[], bool], what: str, budget: float = BUDGET_SECONDS) -> float:
    started = time.monotonic()
    while time.monotonic() - started < budget:
        if condition():
            return time.monotonic() - started
        time.sleep(0.5)
    raise AssertionError(f"not within {budget} s: {what}")


@pytest.fixture
def cms(tmp_path, store, seeded_database):
    target = target_for(store)
    env = site_copy_env(seeded_database, tmp_path, target)
    build = Path(env["SITE_BUILD_DIR"])
    facts = json.loads(run_manage(["shell", "-c", FACTS], env).splitlines()[-1])
    run_manage(["build", "--output", str(build), "--quiet"], env)
    run_manage(["search_index", "--output", str(build)], env)
    run_manage(["deploy", "--build", str(build), "--quiet"], env)

    port = free_port()
    processes = [
        subprocess.Popen(  # noqa: S603
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for args in (
            ["runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
            ["worker", "--interval", "0.2", "--schedule-every", "3600"],
        )
    ]
    proxy = make_server(
        "127.0.0.1",
        0,
        bucket_url(target.endpoint_url, target.bucket, target.prefix),
        {},
        verbose=False,
    )
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    admin = f"http://127.0.0.1:{port}"
    eventually(lambda: _answers(admin + "/admin/login/"), "the CMS answers", 60)
    yield {
        "admin": admin,
        "site": f"http://127.0.0.1:{proxy.server_address[1]}",
        "target": target,
        **facts,
    }
    proxy.shutdown()
    for process in processes:
        process.terminate()
        process.wait(timeout=30)


def _answers(url: str) -> bool:
    import urllib.request

    try:
        urllib.request.urlopen(url, timeout=2)  # noqa: S310
    except OSError:
        return False
    return True


def live_body(target, path: str) -> bytes:
    status, body, _ = anonymous_get(target, path)
    return body if status == 200 else b""


def choose_in_modal(page: Page, button, item_text: str) -> None:
    button.click()
    modal = page.locator(".modal-dialog")
    expect(modal).to_be_visible()
    modal.get_by_role("textbox").first.fill(item_text)
    modal.get_by_role("link", name=item_text, exact=True).first.click()
    expect(modal).to_be_hidden()


def sign_in(page: Page, admin: str) -> None:
    page.goto(f"{admin}/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name=re.compile("Sign in")).click()
    expect(page).to_have_url(re.compile("/admin/$"))


def test_publish_unpublish_and_restrict_reach_the_bucket(page: Page, cms):
    target = cms["target"]
    sign_in(page, cms["admin"])
    page.goto(f"{cms['admin']}/admin/pages/add/publications/opedpage/{cms['op_eds']}/")
    page.locator("#id_title").fill(TITLE)
    page.get_by_role("button", name="Add authors").click()
    choose_in_modal(
        page,
        page.locator("#id_authors-0-person-chooser .chooser__choose-button"),
        "Daniel DePetris",
    )
    page.get_by_role("button", name="Add topics").click()
    choose_in_modal(
        page,
        page.locator("#id_topics-0-topic-chooser .chooser__choose-button"),
        "Grand strategy",
    )
    choose_in_modal(page, page.locator("#id_outlet-chooser .chooser__choose-button"), "Lawfare")
    page.locator("#id_original_url").fill("https://www.lawfaremedia.org/article/restraint")
    page.get_by_role("navigation", name="Actions (footer)").get_by_role(
        "button", name="More actions"
    ).click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text("published")

    url = f"{cms['op_eds_url']}{SLUG}/".lstrip("/")
    title = TITLE.encode()
    eventually(lambda: title in live_body(target, url + "index.html"), "the op-ed is live")
    for listing in (cms["hub_url"], cms["person_url"], cms["op_eds_url"]):
        assert title in live_body(target, listing.lstrip("/") + "index.html"), listing
    assert title in live_body(target, cms["op_eds_url"].lstrip("/") + "feed.xml")
    assert SLUG.encode() in live_body(target, "sitemap.xml")

    search = page.context.new_page()

    def found() -> bool:
        search.goto(f"{cms['site']}/search/?q=realist+choice")
        search.wait_for_timeout(1500)
        return search.get_by_role("link", name=TITLE).count() > 0

    eventually(found, "the op-ed is in the search index")

    # Unpublish in the admin: gone from its page, hub, author page, index, feed and sitemap.
    page.goto(f"{cms['admin']}/admin/pages/search/?q={SLUG}")
    edit = page.get_by_role("link", name=TITLE).first.get_attribute("href")
    page_id = re.search(r"/pages/(\d+)/", edit).group(1)
    page.goto(f"{cms['admin']}/admin/pages/{page_id}/unpublish/")
    page.get_by_role("button", name=re.compile("Yes, unpublish")).click()
    expect(page.locator(".messages")).to_contain_text("unpublished")
    eventually(lambda: anonymous_get(target, url + "index.html")[0] == 404, "the op-ed is gone")
    for listing in (cms["hub_url"], cms["person_url"], cms["op_eds_url"]):
        assert title not in live_body(target, listing.lstrip("/") + "index.html"), listing
    assert title not in live_body(target, cms["op_eds_url"].lstrip("/") + "feed.xml")
    assert SLUG.encode() not in live_body(target, "sitemap.xml")
    eventually(lambda: not found(), "the op-ed is gone from the search index")

    # A password on a live page, with no publish: the page leaves the bucket.
    about = "about/index.html"
    assert live_body(target, about)
    page.goto(f"{cms['admin']}/admin/pages/search/?q=About")
    about_id = re.search(
        r"/pages/(\d+)/",
        page.get_by_role("link", name="About", exact=True).first.get_attribute("href"),
    ).group(1)
    page.goto(f"{cms['admin']}/admin/pages/{about_id}/edit/")
    page.locator('[data-side-panel-toggle="status"]').click()
    page.get_by_role("button", name="Change privacy").click()
    modal = page.locator("#set-privacy")
    modal.get_by_label("Private, accessible with a shared password").check()
    modal.locator("#id_password").fill("only-for-staff")
    modal.get_by_role("button", name="Save").click()
    expect(modal.locator("#id_password")).to_be_hidden()
    eventually(lambda: anonymous_get(target, about)[0] == 404, "the restricted page is gone")
