from django.apps import AppConfig

from consent.kinds import Kind


class InterviewsConfig(AppConfig):
    name = "interviews"
    verbose_name = "Interview records"

    def ready(self) -> None:
        from django.db.models import Q

        from consent.models import Audience
        from consent.registry import ItemKind, register
        from interviews.access import recording_titles
        from interviews.models import (
            Interview,
            ObservationNote,
            Recording,
            export_text,
            observation_note_audiences,
            observation_note_export_text,
        )

        # The interviewee owns her interview; the interviewer always sees it.
        # For an outside participant the interviewer is the owner (custodian),
        # so no `also_managed_by` is needed: see docs/interviews.md.
        register(
            ItemKind(
                key=Kind.INTERVIEW,
                model=Interview,
                label="interview",
                url_name="interview_detail",
                title=lambda interview, viewer: interview.title,
                also_visible_to=lambda user: Q(interviewer=user),
                export=export_text,
                # What export_text reads, fetched once for many interviews.
                extra={"export_prefetch": ("passages",)},
            )
        )
        # The recording is shared on its own: the voice still says every
        # passage the interviewee takes out of the transcript, and a voice is
        # recognisable, so it is shared by name only and never exported.
        register(
            ItemKind(
                key=Kind.RECORDING,
                model=Recording,
                label="interview recording",
                url_name="recording_detail",
                titles=recording_titles,
                also_visible_to=lambda user: Q(interview__interviewer=user),
                allow_anonymous=False,
                allow_research_use=False,
            )
        )
        register_observation_note_source()
        # An observation note is the researcher's own: only she sees it until she
        # shares it with researchers, or with facilitators while the group agrees
        # (`audiences_now`). Shared by name only: the meeting page names the
        # observer, so "a researcher" would hide nothing.
        register(
            ItemKind(
                key=Kind.OBSERVATION_NOTE,
                model=ObservationNote,
                label="observation note",
                url_name="observation_note_detail",
                title=lambda note, viewer: f"Observation note: {note.meeting}",
                audiences=(Audience.RESEARCHERS, Audience.FACILITATORS),
                audiences_now=observation_note_audiences,
                allow_anonymous=False,
                export=observation_note_export_text,
            )
        )


def register_observation_note_source() -> None:
    """Observation notes name people too: those named decide about their part (mentions)."""
    from django.urls import reverse

    from consent.describe import readers_in_words
    from interviews.access import observation_note_for_mentions_unchecked as note_of
    from mentions.sources import Source, every_text_unchecked, register

    def write(pk: object, field: str, text: str) -> None:
        note = note_of(pk)
        if note is not None:
            setattr(note, field, text)
            note.save(update_fields=[field])

    register(
        Source(
            kind=Kind.OBSERVATION_NOTE,
            label="an observation note",
            readers=lambda pk: readers_in_words(note) if (note := note_of(pk)) else "nobody",
            url=lambda pk: reverse("observation_note_detail", args=[pk]),
            read=lambda pk, field: getattr(note, field) if (note := note_of(pk)) else None,
            write=write,
            research=True,
            every=every_text_unchecked("interviews", "ObservationNote", "text"),
        )
    )
