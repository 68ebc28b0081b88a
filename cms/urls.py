"""URL routes of the CMS server (the admin, the API, and the pages the static export renders)."""

from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import health, page_passwords, twofactor, views
from cms.api import api_router

urlpatterns = [
    # For load balancers and supervisors (cms/health.py): exempt from the HTTPS redirect.
    path("healthz/live", health.live, name="healthz_live"),
    path("healthz/ready", health.ready, name="healthz_ready"),
    # Listed before the admin so no admin route can shadow the two-factor pages.
    path("admin/2fa/", include(twofactor.urlpatterns)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Wagtail's page-password form, throttled like the admin sign-in (cms/page_passwords.py).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        page_passwords.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    # Files that pages serve as routes (feed.xml, event.ics): Wagtail's own pattern only
    # matches paths ending in a slash.
    re_path(r"^((?:[\w\-]+/)*[\w\-]+\.(?:xml|ics))$", wagtail_views.serve, name="page_file"),
    path("", include(wagtail_urls)),
]
