"""The op-ed page is light, self-contained, and sizes its images."""

import gzip
import re
from urllib.parse import urlparse

from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders

from .. import factories as f
from ..base import SiteTestCase

BUDGET_BYTES = 60 * 1024


def _static_file(url: str) -> bytes:
    path = urlparse(url).path
    assert path.startswith(settings.STATIC_URL), url
    found = finders.find(path.removeprefix(settings.STATIC_URL))
    assert found, f"{url} is not a static file of the project"
    with open(found, "rb") as handle:
        return handle.read()


def _resource_urls(soup: BeautifulSoup) -> list[str]:
    urls = [tag["src"] for tag in soup.find_all(["img", "script", "iframe", "source"], src=True)]
    urls += [
        tag["href"]
        for tag in soup.find_all("link", href=True)
        if tag.get("rel") != ["canonical"] and "alternate" not in tag.get("rel", [])
    ]
    for tag in soup.find_all(["img", "source"], srcset=True):
        urls += [part.strip().split(" ")[0] for part in tag["srcset"].split(",")]
    return urls


class OpEdWeightTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.person.headshot = f.ImageFactory(description="Daniel DePetris")
        cls.person.save_revision().publish()
        paragraphs = [
            ("paragraph", f"<p>{'The bilateral relationship is turbulent. ' * 40}</p>")
            for _ in range(8)
        ]
        cls.op_ed = f.OpEdPageFactory(
            parent=cls.op_eds,
            outlet=cls.lawfare,
            body=paragraphs,
            listing_image=f.ImageFactory(),
            authors=[cls.person],
            topics=[cls.grand_strategy, cls.americas],
        )
        for n in range(6):
            f.OpEdPageFactory(
                parent=cls.op_eds,
                outlet=cls.lawfare,
                topics=[cls.grand_strategy],
                authors=[cls.person],
                title=f"Related op-ed {n}",
            )

    def test_html_css_js_compressed_within_budget(self):
        response = self.client.get(self.op_ed.url)
        self.assertEqual(response.status_code, 200)
        soup = BeautifulSoup(response.content, "html.parser")
        total = len(gzip.compress(response.content, compresslevel=6))
        assets = [t["href"] for t in soup.find_all("link", rel="stylesheet")]
        assets += [t["src"] for t in soup.find_all("script", src=True)]
        for url in assets:
            total += len(gzip.compress(_static_file(url), compresslevel=6))
        self.assertLessEqual(total, BUDGET_BYTES, f"{total} bytes compressed")

    def test_no_third_party_resources(self):
        soup = BeautifulSoup(self.client.get(self.op_ed.url).content, "html.parser")
        urls = _resource_urls(soup)
        self.assertTrue(urls)
        foreign = [
            u
            for u in urls
            if re.match(r"^(https?:)?//", u) and not u.startswith(settings.SITE_BASE_URL)
        ]
        self.assertEqual(foreign, [])

    def test_images_have_width_and_height(self):
        soup = BeautifulSoup(self.client.get(self.op_ed.url).content, "html.parser")
        images = soup.find_all("img")
        self.assertTrue(images)
        for image in images:
            self.assertTrue(image.get("width") and image.get("height"), image)
            self.assertIn("alt", image.attrs)
