"""The group's first reflection prompts, and a first version for notes written
before versions existed (so every saved note has at least one)."""

from django.contrib.postgres.search import SearchVector
from django.db import migrations

DEFAULT_PROMPTS = [
    "What went well?",
    "What felt difficult?",
    "Did you feel safe to speak?",
    "What should change?",
]


def forwards(apps, schema_editor):
    prompt_model = apps.get_model("reflections", "ReflectionPrompt")
    note_model = apps.get_model("reflections", "ReflectiveNote")
    version_model = apps.get_model("reflections", "NoteVersion")
    for position, text in enumerate(DEFAULT_PROMPTS, start=1):
        prompt_model.objects.get_or_create(text=text, defaults={"position": position})
    for note in note_model.objects.filter(version=0, is_draft=False).iterator():
        version_model.objects.create(
            note=note,
            number=1,
            title=note.title,
            body=note.body,
            saved_at=note.updated_at,
            saved_by_id=note.owner_id,
        )
        note.version = 1
        note.excerpt = " ".join(note.body.split())[:200]
        note.save(update_fields=["version", "excerpt"])
    note_model.objects.filter(search_vector__isnull=True).update(
        search_vector=SearchVector("title", weight="A", config="english")
        + SearchVector("body", weight="B", config="english")
    )


class Migration(migrations.Migration):
    dependencies = [("reflections", "0002_notes_prompts_versions_drafts")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
