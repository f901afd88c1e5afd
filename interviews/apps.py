from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "interviews"
    verbose_name = "Interview records"

    def ready(self) -> None:
        from django.db.models import Q

        from consent.registry import ItemKind, register
        from interviews.models import Interview, Recording, export_text

        # The interviewee owns her interview; the interviewer always sees it.
        # For an outside participant the interviewer is the owner (custodian),
        # so no `also_managed_by` is needed: see docs/interviews.md.
        register(
            ItemKind(
                key="interview",
                model=Interview,
                label="interview",
                url_name="interview_detail",
                title=str,
                also_visible_to=lambda user: Q(interviewer=user),
                export=export_text,
            )
        )
        # The recording is shared on its own: the voice still says every
        # passage the interviewee takes out of the transcript, and a voice is
        # recognisable, so it is shared by name only and never exported.
        register(
            ItemKind(
                key="interview_recording",
                model=Recording,
                label="interview recording",
                url_name="recording_detail",
                title=str,
                also_visible_to=lambda user: Q(interview__interviewer=user),
                allow_anonymous=False,
                allow_research_use=False,
            )
        )
