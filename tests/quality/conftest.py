import pytest
from django.core.management import call_command


@pytest.fixture
def demo_site(db):
    """The seeded demo site (the reference op-ed and every page type)."""
    call_command("seed_demo", verbosity=0)
