from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"

    def ready(self) -> None:
        from consent.registry import register
        from meetings.items import minutes_kind

        register(minutes_kind())
