from django.apps import AppConfig

from consent.kinds import Kind


class ReflectionsConfig(AppConfig):
    name = "reflections"
    verbose_name = "Reflective notes"

    def ready(self) -> None:
        from django.db.models import Prefetch

        from consent.registry import ItemKind, register
        from reflections.models import EXPORT_ANSWERS, NoteAnswer, ReflectiveNote, export_text

        register(
            ItemKind(
                key=Kind.NOTE,
                model=ReflectiveNote,
                label="reflective note",
                url_name="note_detail",
                # Only the owner sees this title (history, "who has seen my things").
                title=lambda note, viewer: note.title_for(viewer),
                export=export_text,
                # What export_text reads, fetched once for many notes: the meeting in the same
                # query, the answers in one more, as a plain list on each note (a related
                # manager made for each of 100,000 notes costs more than the query).
                extra={
                    "export_related": ("meeting",),
                    "export_prefetch": (
                        Prefetch(
                            "answers",
                            queryset=NoteAnswer.objects.select_related("prompt"),
                            to_attr=EXPORT_ANSWERS,
                        ),
                    ),
                },
            )
        )
