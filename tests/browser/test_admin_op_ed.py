"""An editor writes, previews and publishes an op-ed in the Wagtail admin, in a real browser."""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from wagtail.models import Page as WagtailPage
from wagtail.models import Site

from publications.models import OpEdPage

from .. import factories as f
from ..wagtail_roots import ensure_wagtail_roots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site_tree():
    ensure_wagtail_roots()
    root = WagtailPage.get_first_root_node()
    WagtailPage.objects.filter(depth=2).delete()
    home = f.HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"root_page": home, "hostname": "localhost", "port": 80}
    )
    people = f.PeopleIndexPageFactory(parent=home)
    person = f.PersonPageFactory(
        parent=people, first_name="Daniel", last_name="DePetris", title="Daniel DePetris"
    )
    return {
        "home": home,
        "op_eds": f.OpEdIndexPageFactory(parent=home),
        "person": person,
        "grand_strategy": f.TopicFactory(name="Grand strategy", slug="grand-strategy"),
        "americas": f.TopicFactory(name="Americas", slug="americas"),
        "lawfare": f.OutletFactory(name="Lawfare"),
    }


def choose_in_modal(page: Page, button, item_text: str) -> None:
    button.click()
    modal = page.locator(".modal-dialog")
    expect(modal).to_be_visible()
    search = modal.get_by_role("textbox").first
    search.fill(item_text)
    modal.get_by_role("link", name=item_text, exact=True).first.click()
    expect(modal).to_be_hidden()


def test_editor_creates_previews_and_publishes_an_op_ed(live_server, page: Page, site_tree):
    User.objects.create_superuser("editor", "editor@example.org", "correct horse battery")

    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name=re.compile("Sign in")).click()
    expect(page).to_have_url(re.compile("/admin/$"))

    op_eds = site_tree["op_eds"]
    page.goto(f"{live_server.url}/admin/pages/add/publications/opedpage/{op_eds.pk}/")
    page.locator("#id_title").fill("What would bombing Mexico accomplish?")
    page.locator("#id_dek").fill("No one should have illusions about U.S.-Mexico relations.")

    page.get_by_role("button", name="Add authors").click()
    choose_in_modal(
        page,
        page.locator("#id_authors-0-person-chooser .chooser__choose-button"),
        "Daniel DePetris",
    )

    for index, topic in enumerate(["Grand strategy", "Americas"]):
        page.get_by_role("button", name="Add topics").click()
        chooser = page.locator(f"#id_topics-{index}-topic-chooser .chooser__choose-button")
        choose_in_modal(page, chooser, topic)

    choose_in_modal(page, page.locator("#id_outlet-chooser .chooser__choose-button"), "Lawfare")
    page.locator("#id_original_url").fill(
        "https://www.lawfaremedia.org/article/what-would-bombing-mexico-accomplish"
    )

    # Preview in the side panel renders the unsaved page.
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text(
        "What would bombing Mexico accomplish?"
    )
    expect(preview.get_by_role("link", name="Read at Lawfare")).to_be_visible()

    page.get_by_role("navigation", name="Actions (footer)").get_by_role(
        "button", name="More actions"
    ).click()
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text("published")

    op_ed = OpEdPage.objects.get(slug="what-would-bombing-mexico-accomplish")
    assert op_ed.live
    assert [t.topic.name for t in op_ed.topics.all()] == ["Grand strategy", "Americas"]

    page.goto(f"{live_server.url}/op-eds/what-would-bombing-mexico-accomplish/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "What would bombing Mexico accomplish?"
    )
    expect(page.locator("main")).to_contain_text("By Daniel DePetris")
    read_at = page.get_by_role("link", name="Read at Lawfare")
    expect(read_at).to_have_attribute(
        "href", "https://www.lawfaremedia.org/article/what-would-bombing-mexico-accomplish"
    )
