from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo site and bulk seeding: installed in development and tests, never in production."""

    name = "demo"
    verbose_name = "Demo content"
