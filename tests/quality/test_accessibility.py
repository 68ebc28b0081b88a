"""axe-core in Chromium: no serious or critical violations on any page type or listing kind."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, expect

from ..conftest import OUTPUT
from .pages import LISTING_PATHS, one_page_of_every_type, one_route_of_every_kind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "mobile": {"width": 390, "height": 844}}
SCREENSHOTS = {
    "op-ed": "OpEdPage",
    "topic-hub": "TopicHubPage",
    "person": "PersonPage",
    "event": "EventPage",
}


def serious(results) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_every_page_type_and_listing_has_no_serious_violations(
    live_server, browser: Browser, demo_site
):
    by_type = one_page_of_every_type()
    routes = one_route_of_every_kind()
    paths = sorted({*by_type.values(), *LISTING_PATHS, *routes, "/no-such-page/"})
    axe = Axe()
    failures: dict[str, list[str]] = {}
    for width_name, viewport in VIEWPORTS.items():
        context = browser.new_context(viewport=viewport)
        tab = context.new_page()
        for path in paths:
            tab.goto(live_server.url + path)
            problems = serious(axe.run(tab))
            if problems:
                failures[f"{width_name} {path}"] = problems
        context.close()
    assert len(by_type) >= 20, by_type
    assert any("/type/" in r for r in routes) and any("/archive/" in r for r in routes), routes
    assert failures == {}


def test_screenshots_for_people_to_look_at(live_server, browser: Browser, demo_site):
    by_type = one_page_of_every_type()
    targets = {name: by_type[type_name] for name, type_name in SCREENSHOTS.items()}
    targets["research"] = "/research/"
    folder = OUTPUT / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    for width_name, viewport in VIEWPORTS.items():
        context = browser.new_context(viewport=viewport)
        tab = context.new_page()
        for name, path in targets.items():
            response = tab.goto(live_server.url + path)
            assert response.status == 200, path
            shot = folder / f"{name}-{width_name}.png"
            tab.screenshot(path=shot, full_page=True)
            assert shot.stat().st_size > 10_000
        context.close()


def test_skip_link_focus_and_no_javascript_needed(live_server, browser: Browser, demo_site):
    op_ed = one_page_of_every_type()["OpEdPage"]
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(live_server.url + op_ed)
    expect(tab.get_by_role("heading", level=1)).to_be_visible()
    expect(tab.locator("main")).to_contain_text("Read at")

    tab.keyboard.press("Tab")
    skip = tab.locator(":focus")
    expect(skip).to_have_attribute("href", "#main")
    expect(skip).to_be_visible()
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline not in {"none", ""}
    context.close()


def test_print_stylesheet_hides_site_chrome(live_server, browser: Browser, demo_site):
    op_ed = one_page_of_every_type()["OpEdPage"]
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(live_server.url + op_ed)
    expect(tab.locator("body > header")).to_be_visible()
    tab.emulate_media(media="print")
    expect(tab.locator("body > header")).to_be_hidden()
    expect(tab.locator("body > footer")).to_be_hidden()
    expect(tab.get_by_role("heading", level=1)).to_be_visible()
    context.close()
