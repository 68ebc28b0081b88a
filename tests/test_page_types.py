"""Every page type: its place in the tree, rendering, editing (saving a revision) and preview."""

from django.urls import reverse
from wagtail.models import Page

from home.models import (
    HomePage,
    ProgramIndexPage,
    ProgramPage,
    SearchPage,
    StandardPage,
    TopicHubIndexPage,
    TopicHubPage,
)
from people.models import ExpertsIndexPage, PeopleIndexPage, PersonPage
from publications.models import (
    BriefIndexPage,
    BriefPage,
    ContentPage,
    EventIndexPage,
    EventPage,
    ExplainerIndexPage,
    ExplainerPage,
    MediaMentionIndexPage,
    MediaMentionPage,
    OpEdIndexPage,
    OpEdPage,
    PressReleaseIndexPage,
    PressReleasePage,
    QAIndexPage,
    QAPage,
    ReportIndexPage,
    ReportPage,
    ResearchIndexPage,
)

from . import factories as f
from .base import SiteTestCase
from .page_forms import form_data_for

SECTIONS = {
    BriefIndexPage: BriefPage,
    ExplainerIndexPage: ExplainerPage,
    ReportIndexPage: ReportPage,
    QAIndexPage: QAPage,
    OpEdIndexPage: OpEdPage,
    MediaMentionIndexPage: MediaMentionPage,
    PressReleaseIndexPage: PressReleasePage,
    EventIndexPage: EventPage,
}
HOME_CHILDREN = {
    StandardPage,
    TopicHubIndexPage,
    ProgramIndexPage,
    SearchPage,
    PeopleIndexPage,
    ExpertsIndexPage,
    ResearchIndexPage,
    *SECTIONS,
}


class TreeRulesTests(SiteTestCase):
    def test_home_holds_the_sections(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, HOME_CHILDREN)

    def test_each_section_holds_only_its_type(self):
        for index, child in SECTIONS.items():
            with self.subTest(index=index.__name__):
                self.assertAllowedSubpageTypes(index, {child})
                self.assertAllowedParentPageTypes(index, {HomePage})
                self.assertAllowedParentPageTypes(child, {index})
                self.assertAllowedSubpageTypes(child, set())

    def test_site_level_pages(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertAllowedSubpageTypes(TopicHubIndexPage, {TopicHubPage})
        self.assertAllowedParentPageTypes(TopicHubPage, {TopicHubIndexPage})
        self.assertAllowedSubpageTypes(ProgramIndexPage, {ProgramPage})
        self.assertAllowedParentPageTypes(ProgramPage, {ProgramIndexPage})
        self.assertAllowedSubpageTypes(PeopleIndexPage, {PersonPage})
        self.assertAllowedParentPageTypes(PersonPage, {PeopleIndexPage})
        for leaf in (SearchPage, ResearchIndexPage, ExpertsIndexPage, TopicHubPage, PersonPage):
            self.assertAllowedSubpageTypes(leaf, set())

    def test_content_page_is_not_creatable(self):
        self.assertFalse(ContentPage.is_creatable)
        self.assertCanNotCreateAt(OpEdIndexPage, ContentPage)
        self.assertTrue(OpEdPage.is_creatable)

    def test_singletons(self):
        for model in (HomePage, SearchPage, ResearchIndexPage, ExpertsIndexPage, *SECTIONS):
            with self.subTest(model=model.__name__):
                self.assertEqual(model.max_count, 1)
                # The tree already holds one, so the admin offers no second.
                self.assertFalse(model.can_create_at(self.home))


class PageTypeTestCase(SiteTestCase):
    """One published page of every type."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.superuser = cls.create_superuser("editor-in-chief")
        authors = {"authors": [cls.person], "topics": [cls.grand_strategy, cls.americas]}
        cls.content_pages = [
            f.BriefPageFactory(parent=cls.briefs, **authors),
            f.ExplainerPageFactory(parent=cls.explainers, **authors),
            f.ReportPageFactory(parent=cls.reports, **authors),
            f.QAPageFactory(parent=cls.qas, **authors),
            f.OpEdPageFactory(parent=cls.op_eds, outlet=cls.lawfare, **authors),
            f.MediaMentionPageFactory(parent=cls.mentions, **authors),
            f.PressReleasePageFactory(parent=cls.press, **authors),
            f.EventPageFactory(parent=cls.events, **authors),
        ]
        cls.all_pages = [
            cls.home,
            cls.about,
            cls.search,
            cls.hubs,
            cls.grand_strategy_hub,
            cls.programs,
            cls.program,
            cls.people,
            cls.experts,
            cls.person,
            cls.research,
            cls.briefs,
            cls.explainers,
            cls.reports,
            cls.qas,
            cls.op_eds,
            cls.mentions,
            cls.press,
            cls.events,
            *cls.content_pages,
        ]

    def form_data(self, page, title: str) -> dict:
        return form_data_for(
            page,
            title=title,
            person_id=self.person.pk,
            topic_id=self.grand_strategy.pk,
            outlet_id=self.lawfare.pk,
        )


class EveryPageTypeTests(PageTypeTestCase):
    def test_covers_every_concrete_page_type(self):
        from django.apps import apps

        ours = {
            m
            for m in apps.get_models()
            if issubclass(m, Page) and m._meta.app_label in {"home", "people", "publications"}
        }
        covered = {type(p) for p in self.all_pages} | {ContentPage}
        self.assertEqual(ours - covered, set())

    def test_renders(self):
        for page in self.all_pages:
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRenderable(page)

    def test_edit_saves_a_new_revision(self):
        for page in self.all_pages:
            with self.subTest(page=type(page).__name__):
                before = page.revisions.count()
                title = f"Edited {type(page).__name__}"
                data = self.form_data(page, title)
                self.assertPageIsEditable(page, post_data=data)

                self.client.force_login(self.superuser)
                url = reverse("wagtailadmin_pages:edit", args=[page.pk])
                response = self.client.post(url, data)
                form = response.context["form"] if response.status_code == 200 else None
                self.assertEqual(
                    response.status_code, 302, form.errors if form is not None else response
                )
                # assertPageIsEditable posted once too; both saves must have made revisions.
                self.assertEqual(page.revisions.count(), before + 2)
                latest = Page.objects.get(pk=page.pk).get_latest_revision_as_object()
                self.assertEqual(latest.title, title)

    def test_previewable(self):
        for page in self.all_pages:
            with self.subTest(page=type(page).__name__):
                data = self.form_data(page, f"Preview of {type(page).__name__}")
                self.assertPageIsPreviewable(page, post_data=data)
