"""A small site built once per test class."""

from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from . import factories as f


class SiteTestCase(WagtailPageTestCase):
    """Home, every index page, two topics with a hub, a person, an outlet."""

    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        Page.objects.filter(depth=2).delete()  # Wagtail's "Welcome" page
        cls.home = f.HomePageFactory(parent=root)
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"root_page": cls.home, "hostname": "localhost", "port": 80},
        )
        cls.grand_strategy = f.TopicFactory(name="Grand strategy", slug="grand-strategy")
        cls.americas = f.TopicFactory(name="Americas", slug="americas", kind="region")
        cls.hubs = f.TopicHubIndexPageFactory(parent=cls.home)
        cls.grand_strategy_hub = f.TopicHubPageFactory(parent=cls.hubs, topic=cls.grand_strategy)
        cls.programs = f.ProgramIndexPageFactory(parent=cls.home)
        cls.program = f.ProgramPageFactory(parent=cls.programs, title="Grand Strategy Program")
        cls.people = f.PeopleIndexPageFactory(parent=cls.home)
        cls.experts = f.ExpertsIndexPageFactory(parent=cls.home)
        cls.person = f.PersonPageFactory(
            parent=cls.people, first_name="Daniel", last_name="DePetris", slug="daniel-depetris"
        )
        cls.about = f.StandardPageFactory(parent=cls.home, title="About", slug="about")
        cls.search = f.SearchPageFactory(parent=cls.home)
        cls.research = f.ResearchIndexPageFactory(parent=cls.home)
        cls.briefs = f.BriefIndexPageFactory(parent=cls.home)
        cls.explainers = f.ExplainerIndexPageFactory(parent=cls.home)
        cls.reports = f.ReportIndexPageFactory(parent=cls.home)
        cls.qas = f.QAIndexPageFactory(parent=cls.home)
        cls.op_eds = f.OpEdIndexPageFactory(parent=cls.home)
        cls.mentions = f.MediaMentionIndexPageFactory(parent=cls.home)
        cls.press = f.PressReleaseIndexPageFactory(parent=cls.home)
        cls.events = f.EventIndexPageFactory(parent=cls.home)
        cls.lawfare = f.OutletFactory(name="Lawfare")
