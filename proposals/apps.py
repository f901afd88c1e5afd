from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = "Deciding together"

    def ready(self) -> None:
        from meetings.outcomes import register
        from proposals.mentioned import register_sources
        from proposals.outcomes import proposal_outcomes
        from proposals.research import proposal_counts
        from research.exports.extras import register as register_export_files

        register_sources()
        register(proposal_outcomes)
        register_export_files(proposal_counts)
