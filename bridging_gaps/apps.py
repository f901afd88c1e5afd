from django.apps import AppConfig


class BridgingGapsConfig(AppConfig):
    """The project's own app: the form messages, choices and template tags every page uses."""

    name = "bridging_gaps"
    verbose_name = "Workspace"

    def ready(self) -> None:
        from bridging_gaps.choices import choices_in_one_query
        from bridging_gaps.messages import use_the_workspaces_words
        from bridging_gaps.text import _char_field_keeps_one_newline

        use_the_workspaces_words()
        choices_in_one_query()
        _char_field_keeps_one_newline()
