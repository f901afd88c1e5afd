from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "consent"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from consent.models import Share, ShareWithdrawal
        from consent.projection import share_granted, share_withdrawn

        # The projection of current shares changes in the same transaction as the ledger.
        post_save.connect(share_granted, sender=Share, dispatch_uid="consent.current.granted")
        post_save.connect(
            share_withdrawn, sender=ShareWithdrawal, dispatch_uid="consent.current.withdrawn"
        )
