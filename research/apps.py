from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "research"
    verbose_name = "Research: anonymised exports and framework analysis"

    def ready(self) -> None:
        from django.db.models.signals import post_save, pre_save

        from consent.models import ShareWithdrawal
        from mentions.models import Mention, ResearchChoice
        from people.models import User
        from research.signals import (
            purge_on_research_withdrawal,
            recheck_on_passage_taken_out,
            recheck_on_research_choice,
            remember_earlier_display_name,
        )

        pre_save.connect(
            remember_earlier_display_name, sender=User, dispatch_uid="research.earlier_name"
        )
        post_save.connect(
            purge_on_research_withdrawal,
            sender=ShareWithdrawal,
            dispatch_uid="research.purge_on_withdrawal",
        )
        post_save.connect(
            recheck_on_research_choice,
            sender=ResearchChoice,
            dispatch_uid="research.recheck_on_research_choice",
        )
        post_save.connect(
            recheck_on_passage_taken_out,
            sender=Mention,
            dispatch_uid="research.recheck_on_passage_taken_out",
        )
