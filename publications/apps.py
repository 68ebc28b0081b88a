from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = "Publications"

    def ready(self) -> None:
        from cms.api import api_router

        from .api import ContentPagesAPIViewSet

        # The pages endpoint with the content filters, over cms's generic one.
        api_router.register_endpoint("pages", ContentPagesAPIViewSet)
