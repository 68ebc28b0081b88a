import pytest
from django.core.management import call_command

from ..wagtail_roots import ensure_wagtail_roots


@pytest.fixture
def demo_site(db):
    """The seeded demo site (the reference op-ed and every page type)."""
    ensure_wagtail_roots()
    call_command("seed_demo", verbosity=0)
