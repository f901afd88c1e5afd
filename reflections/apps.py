from django.apps import AppConfig

from consent.kinds import Kind


class ReflectionsConfig(AppConfig):
    name = "reflections"
    verbose_name = "Reflective notes"

    def ready(self) -> None:
        from consent.registry import ItemKind, register
        from reflections.models import ReflectiveNote, export_text

        register(
            ItemKind(
                key=Kind.NOTE,
                model=ReflectiveNote,
                label="reflective note",
                url_name="note_detail",
                # Only the owner sees this title (history, "who has seen my things").
                title=lambda note, viewer: note.title_for(viewer),
                export=export_text,
                # What export_text reads, fetched once for many notes.
                extra={"export_prefetch": ("answers__prompt", "meeting")},
            )
        )
