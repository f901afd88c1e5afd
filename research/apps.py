from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "research"
    verbose_name = "Research: anonymised exports and framework analysis"

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from people.models import User
        from research.signals import remember_earlier_display_name

        pre_save.connect(
            remember_earlier_display_name, sender=User, dispatch_uid="research.earlier_name"
        )
