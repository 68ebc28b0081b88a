"""Editors get clear messages for content that would publish wrong."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse
from wagtail.rich_text import RichText

from home.models import SiteImage
from publications.models import ContentPageAuthor, EventPage, ExplainerPage, OpEdPage

from .. import factories as f
from ..base import SiteTestCase
from ..page_forms import form_data_for


def _messages(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict


class OpEdValidationTests(SiteTestCase):
    def test_needs_outlet_and_original_url(self):
        page = OpEdPage(title="Unsourced", slug="unsourced", display_date=dt.date(2025, 2, 16))
        with self.assertRaises(ValidationError) as caught:
            page.clean()
        messages = _messages(caught.exception)
        self.assertIn("outlet", messages["outlet"][0])
        self.assertIn("URL of the original", messages["original_url"][0])

    def test_with_outlet_and_url_is_valid(self):
        page = OpEdPage(
            title="Sourced",
            slug="sourced",
            outlet=self.lawfare,
            original_url="https://www.lawfaremedia.org/article/x",
        )
        page.clean()

    def test_admin_shows_the_message_and_creates_nothing(self):
        self.client.force_login(self.create_superuser("moderator"))
        page = OpEdPage(title="x", slug="no-outlet")
        data = form_data_for(
            page,
            title="No outlet",
            person_id=self.person.pk,
            topic_id=self.grand_strategy.pk,
            outlet_id=self.lawfare.pk,
        )
        data["outlet"] = ""
        url = reverse("wagtailadmin_pages:add", args=["publications", "opedpage", self.op_eds.pk])
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "An op-ed needs the outlet that published it.")
        self.assertFalse(OpEdPage.objects.filter(slug="no-outlet").exists())


class EventValidationTests(TestCase):
    start = dt.datetime(2025, 6, 10, 16, 0, tzinfo=dt.UTC)

    def event(self, **fields) -> EventPage:
        values = {
            "title": "Syria after Assad",
            "slug": "syria",
            "start": self.start,
            "end": self.start + dt.timedelta(hours=1),
            "timezone": "America/New_York",
        }
        return EventPage(**{**values, **fields})

    def test_end_before_start_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.event(end=self.start - dt.timedelta(minutes=1)).clean()
        self.assertEqual(
            _messages(caught.exception)["end"], ["The event cannot end before it starts."]
        )

    def test_unknown_timezone_is_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.event(timezone="Mars/Olympus_Mons").clean()
        self.assertIn("not an IANA time zone", _messages(caught.exception)["timezone"][0])

    def test_naive_times_are_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self.event(
                start=dt.datetime(2025, 6, 10, 16, 0), end=dt.datetime(2025, 6, 10, 17, 0)
            ).clean()
        self.assertEqual(set(_messages(caught.exception)), {"start", "end"})

    def test_valid_event(self):
        event = self.event()
        event.clean()
        self.assertEqual(event.local_start.hour, 12)  # 16:00 UTC is noon in New York in June
        self.assertEqual(event.local_start.tzinfo.key, "America/New_York")


class ExplainerValidationTests(TestCase):
    def test_needs_key_points(self):
        with self.assertRaises(ValidationError) as caught:
            ExplainerPage(title="Restraint", slug="restraint").clean()
        self.assertIn("key point", _messages(caught.exception)["key_points"][0])

    def test_with_key_points_is_valid(self):
        page = ExplainerPage(
            title="Restraint",
            slug="restraint",
            key_points=[("point", RichText("<p>Restraint is a strategy.</p>"))],
        )
        page.clean()


class AuthorRowValidationTests(SiteTestCase):
    message = "Choose a person or type a name, not both."

    def test_both_person_and_name_is_refused(self):
        row = ContentPageAuthor(person=self.person, name="Daniel DePetris")
        with self.assertRaisesMessage(ValidationError, self.message):
            row.clean()

    def test_neither_is_refused(self):
        with self.assertRaisesMessage(ValidationError, self.message):
            ContentPageAuthor(name="  ").clean()

    def test_person_or_name_alone_is_valid(self):
        ContentPageAuthor(person=self.person).clean()
        ContentPageAuthor(name="An external co-author").clean()


class ImageAltTextTests(TestCase):
    def test_alt_text_required_unless_decorative(self):
        image = f.ImageFactory.build(description="")
        with self.assertRaises(ValidationError) as caught:
            image.clean()
        self.assertIn("Alt text is required", _messages(caught.exception)["description"][0])

        image.is_decorative = True
        image.clean()
        self.assertEqual(image.alt_text, "")

    def test_alt_text_is_used(self):
        image = f.ImageFactory.build(description="Daniel DePetris at a panel")
        image.clean()
        self.assertEqual(image.alt_text, "Daniel DePetris at a panel")
        self.assertIsInstance(image, SiteImage)
