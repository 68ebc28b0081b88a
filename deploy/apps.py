from django.apps import AppConfig


class DeployConfig(AppConfig):
    name = "deploy"
    verbose_name = "Static site deploys"

    def ready(self) -> None:
        from deploy.live import signals

        signals.connect()
