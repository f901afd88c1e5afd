from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "payments"
    verbose_name = "Getting paid for your time"

    def ready(self) -> None:
        from payments.signals import connect

        connect()
