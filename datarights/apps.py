from typing import Any

from django.apps import AppConfig


class DataRightsConfig(AppConfig):
    name = "datarights"
    verbose_name = "Your data"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        user_logged_in.connect(_keep_retention_running, dispatch_uid="datarights.retention")


def _keep_retention_running(sender: Any, **kwargs: Any) -> None:
    """Any sign-in makes sure the daily retention run is queued: a site someone uses
    keeps removing what is past its time, with no one having to remember to start it."""
    from django.db import transaction

    from datarights.tasks import retention_keep_running

    transaction.on_commit(retention_keep_running)
