"""The Content-Security-Policy: on the CMS's public responses, kept by our templates (no inline
script, style or handler), and holding in Chromium on the built site, search included."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import SimpleTestCase
from playwright.sync_api import Browser
from wagtail.rich_text import RichText

from cms.middleware import is_public_path
from cms.security_headers import (
    CDN_ONLY_HEADERS,
    CONTENT_SECURITY_POLICY,
    STATIC_SITE_HEADERS,
    static_site_headers,
)
from deploy.export.build import build_site
from deploy.export.search_index import build_search_index

from .. import factories as f
from ..base import SiteTestCase
from ..static_server import serve
from .xss_corpus import in_chromium

TEMPLATE_DIRS = [settings.BASE_DIR / app / "templates" for app in ["cms", "home", "people"]] + [
    settings.BASE_DIR / "publications" / "templates"
]
# Templates of the admin's own pages (sign-in lockout, two-factor), which the CSP does not cover.
ADMIN_TEMPLATES = ("axes/", "twofactor/")


def directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: values for name, *values in parts}


class PolicyTests(SimpleTestCase):
    def test_the_policy_allows_no_inline_code_and_no_eval(self):
        policy = directives(CONTENT_SECURITY_POLICY)
        self.assertEqual(policy["default-src"], ["'self'"])
        self.assertEqual(policy["script-src"], ["'self'", "'wasm-unsafe-eval'"])
        self.assertEqual(policy["style-src"], ["'self'"])
        self.assertEqual(policy["img-src"], ["'self'", "data:"])
        self.assertEqual(policy["object-src"], ["'none'"])
        self.assertEqual(policy["base-uri"], ["'self'"])
        self.assertEqual(policy["frame-ancestors"], ["'none'"])
        self.assertEqual(policy["form-action"][0], "'self'")
        self.assertNotIn("'unsafe-inline'", CONTENT_SECURITY_POLICY)
        self.assertNotIn("'unsafe-eval'", CONTENT_SECURITY_POLICY)

    def test_static_site_headers(self):
        headers = static_site_headers()
        self.assertEqual(headers["Content-Security-Policy"], CONTENT_SECURITY_POLICY)
        self.assertEqual(headers["X-Content-Type-Options"], "nosniff")
        self.assertEqual(headers["Referrer-Policy"], "strict-origin-when-cross-origin")
        self.assertNotIn("Strict-Transport-Security", headers)  # never over plain HTTP
        headers["X-Frame-Options"] = "changed"
        self.assertEqual(STATIC_SITE_HEADERS["X-Frame-Options"], "DENY")  # a copy
        cdn = static_site_headers(include_cdn=True)
        self.assertEqual(cdn, {**STATIC_SITE_HEADERS, **CDN_ONLY_HEADERS})
        self.assertIn("max-age=31536000", cdn["Strict-Transport-Security"])

    def test_public_paths(self):
        for path in ["/", "/op-eds/x/", "/sitemap.xml", "/media/documents/x.pdf", "/static/x"]:
            self.assertTrue(is_public_path(path), path)
        for path in ["/admin/", "/admin/pages/3/edit/", "/api/v2/pages/", "/documents/1/x.pdf"]:
            self.assertFalse(is_public_path(path), path)


class TemplateTests(SimpleTestCase):
    """What the CSP forbids never appears in a template of the public site."""

    def templates(self) -> list[tuple[str, str]]:
        found = []
        for folder in TEMPLATE_DIRS:
            for path in sorted(folder.rglob("*.html")) if folder.is_dir() else []:
                name = path.relative_to(folder).as_posix()
                if not name.startswith(ADMIN_TEMPLATES):
                    found.append((name, path.read_text()))
        return found

    def test_no_inline_script_style_or_handler(self):
        templates = self.templates()
        self.assertGreater(len(templates), 40)
        problems = []
        for name, text in templates:
            for tag in re.findall(r"<script\b[^>]*>", text, flags=re.IGNORECASE):
                json_ld = 'type="application/ld+json"' in tag
                if not json_ld and "src=" not in tag:
                    problems.append(f"{name}: inline {tag}")
            if re.search(r"<style\b", text, flags=re.IGNORECASE):
                problems.append(f"{name}: <style>")
            for match in re.finditer(r"\s(on[a-z]+|style)\s*=", text, flags=re.IGNORECASE):
                problems.append(f"{name}: {match.group(1)}= attribute")
            if re.search(r"javascript:", text, flags=re.IGNORECASE):
                problems.append(f"{name}: javascript: URL")
        self.assertEqual(problems, [])


class HeaderTests(SiteTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.op_ed = f.OpEdPageFactory(parent=cls.op_eds, slug="op-ed", outlet=cls.lawfare)

    def test_public_responses_carry_the_static_sites_headers(self):
        for url in ["/", self.op_ed.url, "/op-eds/feed.xml", "/sitemap.xml", "/no-such-page/"]:
            response = self.client.get(url)
            with self.subTest(url):
                self.assertIn(response.status_code, {200, 404})
                for name, value in STATIC_SITE_HEADERS.items():
                    self.assertEqual(response.headers.get(name), value, name)
                self.assertNotIn("Strict-Transport-Security", response.headers)

    def test_the_admin_and_the_api_keep_djangos_defaults(self):
        for url in ["/admin/login/", f"/api/v2/pages/{self.op_ed.pk}/"]:
            response = self.client.get(url)
            with self.subTest(url):
                self.assertNotEqual(
                    response.headers.get("Content-Security-Policy"), CONTENT_SECURITY_POLICY
                )


# Collects what the browser refuses under the policy, before any page script runs.
CSP_LISTENER = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${where}`);
});
"""


class BuiltSiteUnderCspTests(SiteTestCase):
    """The built and indexed site, served with static_site_headers(), in Chromium."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.op_ed = f.OpEdPageFactory(
            parent=cls.op_eds,
            title="Restraint in the Americas",
            slug="restraint-americas",
            outlet=cls.lawfare,
            authors=[cls.person, "Jane Freelance"],
            topics=[cls.grand_strategy],
            listing_image=f.ImageFactory(),
            body=[("paragraph", RichText("<p>The word quetzalcoatlus is only here.</p>"))],
        )
        cls.tmp = Path(tempfile.mkdtemp(prefix="csp-test-"))
        cls.output = cls.tmp / "site"
        build_site(cls.output, jobs=1)
        build_search_index(cls.output)
        # A positive control: a page the policy must refuse, so the listener is known to work.
        (cls.output / "csp-canary.html").write_text(
            '<!DOCTYPE html><p style="color:red">x</p><script>window.ran = 1</script>'
        )

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)
        super().tearDownClass()

    @pytest.mark.browser
    def test_no_violation_and_search_works(self):
        paths = ["/", self.op_ed.url, self.about.url, self.person.url, "/op-eds/", "/404.html"]

        def visit(browser: Browser) -> dict[str, Any]:
            context = browser.new_context()
            context.add_init_script(CSP_LISTENER)
            report: dict[str, Any] = {"problems": [], "headers": {}}
            try:
                tab = context.new_page()
                tab.set_default_timeout(15_000)
                tab.on(
                    "console",
                    lambda m: (
                        m.type == "error"
                        and not m.text.startswith("Failed to load resource")
                        and report["problems"].append(f"console: {m.text}")
                    ),
                )
                tab.on("pageerror", lambda e: report["problems"].append(f"page error: {e}"))
                with serve(self.output, static_site_headers()) as base:
                    canary = tab.goto(base + "/csp-canary.html")
                    report["canary"] = tab.evaluate("[window.__violations, window.ran]")
                    report["problems"].clear()  # the canary's own console errors
                    report["headers"] = canary.headers
                    for path in paths:
                        tab.goto(base + path, wait_until="load")
                        tab.wait_for_timeout(100)
                        for violation in tab.evaluate("window.__violations"):
                            report["problems"].append(f"{path}: {violation}")
                    tab.goto(base + "/search/")
                    tab.fill(".pagefind-ui__search-input", "quetzalcoatlus")
                    link = tab.locator(".pagefind-ui__result-link", has_text=self.op_ed.title)
                    link.wait_for()
                    report["result"] = link.get_attribute("href")
                    tab.locator("label[for='type-op-ed']").first.wait_for(state="attached")
                    for violation in tab.evaluate("window.__violations"):
                        report["problems"].append(f"/search/: {violation}")
            finally:
                context.close()
            return report

        report = in_chromium(visit)
        violations, ran = report["canary"]
        self.assertIsNone(ran, "the policy did not stop an inline script")
        self.assertTrue(any("script-src" in v for v in violations), violations)
        self.assertTrue(any("style-src" in v for v in violations), violations)
        self.assertEqual(report["headers"]["content-security-policy"], CONTENT_SECURITY_POLICY)
        self.assertEqual(report["result"], self.op_ed.url)  # Pagefind works under the policy
        self.assertEqual(report["problems"], [])
