"""The admin's Broken links report: rich-text links on live pages that lead nowhere public
(``cms.broken_links``), each with its page's edit link so an editor can fix it."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView

from cms.broken_links import BrokenLink, broken_links


class BrokenLinksReportView(ReportView):
    """Any admin user may see it: it names only pages and links, which editors see anyway."""

    template_name = "wagtailadmin/reports/base_report.html"
    results_template_name = "cms/reports/broken_links_results.html"
    page_title = _("Broken links")
    header_icon = "warning"
    index_url_name = "cms_broken_links"
    index_results_url_name = "cms_broken_links_results"
    paginate_by = 100
    list_export = ["page.title", "page.url_path", "target", "target_title", "reason"]
    export_headings = {
        "page.title": _("Linking page"),
        "page.url_path": _("Linking page path"),
        "target": _("Link target"),
        "target_title": _("Target title"),
        "reason": _("Why"),
    }

    def get_queryset(self) -> list[BrokenLink]:
        return broken_links()

    def get_context_data(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(*args, **kwargs)
        context["title"] = self.page_title
        return context
