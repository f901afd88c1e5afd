from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "safety"
    verbose_name = "Safety on a shared phone"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from safety.sessions import start_clock

        user_logged_in.connect(start_clock, dispatch_uid="safety.start_clock")
