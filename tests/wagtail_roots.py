"""Transactional tests flush the database, migration data included: put Wagtail's roots back."""

from wagtail.models import Collection, Locale, Page


def ensure_wagtail_roots() -> None:
    locale, _ = Locale.objects.get_or_create(language_code="en")
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale, live=True))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
