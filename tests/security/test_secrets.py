"""No secret of the CMS reaches the public build: every output file, search index included, is
scanned for distinctive values given to every secret-looking setting during the build."""

from __future__ import annotations

import gzip
import re
import shutil
import tempfile
import uuid
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.contrib.auth.models import User
from django.test import override_settings

from deploy.export.build import build_site
from deploy.export.search_index import build_search_index

from .. import factories as f
from ..base import SiteTestCase

SECRET_NAME = re.compile(r"SECRET|PASSWORD|TOKEN|ACCESS_KEY|PRIVATE|CREDENTIAL|API_KEY")
ENVIRONMENT = [
    "DJANGO_SECRET_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "MEDIA_S3_ACCESS_KEY_ID",
    "MEDIA_S3_SECRET_ACCESS_KEY",
    "DATABASE_URL_PASSWORD",
]


def canary(name: str) -> str:
    return f"canary{name.replace('_', '').lower()}{uuid.uuid4().hex}"


def secret_settings() -> dict[str, str]:
    """A distinctive value for every string setting whose name says it is a secret."""
    values = {
        name: canary(name)
        for name in dir(settings)
        if name.isupper()
        and SECRET_NAME.search(name)
        and not name.endswith("_FIELD")  # AXES_PASSWORD_FORM_FIELD names a form field
        and isinstance(getattr(settings, name), str)
    }
    values["AWS_ACCESS_KEY_ID"] = canary("AWS_ACCESS_KEY_ID")
    values["AWS_SECRET_ACCESS_KEY"] = canary("AWS_SECRET_ACCESS_KEY")
    return values


def contents(path: Path) -> list[bytes]:
    """The file's bytes, and its decompressed bytes when it is gzip (Pagefind's index)."""
    data = path.read_bytes()
    found = [data]
    if data[:2] == b"\x1f\x8b":
        found.append(gzip.decompress(data))
    return found


class SecretsTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        f.OpEdPageFactory(
            parent=cls.op_eds,
            slug="op-ed",
            outlet=cls.lawfare,
            authors=[cls.person],
            topics=[cls.grand_strategy],
            listing_image=f.ImageFactory(),
        )
        f.ReportPageFactory(parent=cls.reports, slug="report", authors=[cls.person])
        cls.password = canary("USER_PASSWORD")
        cls.email = f"{canary('EMAIL')}@example.org"
        User.objects.create_superuser("editor", cls.email, cls.password)

    def setUp(self):
        super().setUp()
        self.tmp = Path(tempfile.mkdtemp(prefix="secrets-test-"))
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def test_no_secret_reaches_any_output_file(self):
        secrets = secret_settings()
        self.assertIn("SECRET_KEY", secrets)
        secrets_list = [
            *secrets.values(),
            self.password,
            self.email,
            User.objects.get().password,  # the hash
        ]
        environment = {name: canary(name) for name in ENVIRONMENT}
        secrets_list += environment.values()
        output = self.tmp / "site"
        fallbacks = [canary("SECRET_KEY_FALLBACKS")]
        with (
            override_settings(**secrets, SECRET_KEY_FALLBACKS=fallbacks),
            mock.patch.dict("os.environ", environment),
        ):
            self.assertEqual(settings.SECRET_KEY, secrets["SECRET_KEY"])
            build_site(output, jobs=1)
            build_search_index(output)
        secrets_list += fallbacks

        files = [p for p in output.rglob("*") if p.is_file()]
        self.assertGreater(len(files), 50)
        self.assertTrue(any(p.suffix == ".pf_fragment" for p in files))  # the index too
        leaks, seen = [], 0
        for path in files:
            for data in contents(path):
                seen += b"mainstream option" in data  # body text: the scan sees content
                for secret in secrets_list:
                    if secret.encode() in data:
                        leaks.append(f"{path.relative_to(output)}: {secret[:20]}…")
                if b"csrfmiddlewaretoken" in data:
                    leaks.append(f"{path.relative_to(output)}: a CSRF token")
        self.assertEqual(leaks, [])
        self.assertGreater(seen, 2)  # the pages and the decompressed search fragments
