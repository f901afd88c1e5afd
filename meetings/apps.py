from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"

    def ready(self) -> None:
        from consent.registry import register
        from meetings.items import minutes_kind
        from meetings.mentioned import register_sources

        register(minutes_kind())
        register_sources()
