"""Every stored text with \\n line breaks only (bridging_gaps.text.one_newline), and every coded
passage moved with its text so that it still covers the same words.

Browsers sent \\r\\n from text boxes and it was stored as typed: a research export counted each
break as two characters while the analysis tools count one. Forms now store \\n; this converts
what is already stored, in every app's texts, here because the offsets it must move are the
analysis's.
"""

from django.db import migrations
from django.db.models import F, Value
from django.db.models.functions import Replace

TEXTS = {
    ("reflections", "ReflectiveNote"): ["body"],
    ("reflections", "NoteAnswer"): ["answer"],
    ("reflections", "NoteVersion"): ["body"],
    ("meetings", "Meeting"): ["place", "access_notes", "cancellation_message"],
    ("meetings", "Series"): ["place", "access_notes"],
    ("meetings", "AgendaItem"): ["details"],
    ("meetings", "GroupAgreement"): ["text"],
    ("meetings", "Minutes"): ["body"],
    ("meetings", "Decision"): ["text", "outcome"],
    ("meetings", "Action"): ["description", "outcome"],
    ("interviews", "Passage"): ["text", "comment"],
    ("interviews", "ObservationNote"): ["text"],
    ("research", "Passage"): ["memo"],
    ("research", "MatrixCell"): ["summary"],
}


def _one_newline(column):
    return Replace(Replace(F(column), Value("\r\n"), Value("\n")), Value("\r"), Value("\n"))


def moved(text, position):
    """Where `position` in `text` is once each \\r\\n is one character."""
    return position - text.count("\r\n", 0, position) - (
        1 if 0 < position < len(text) and text[position - 1 : position + 1] == "\r\n" else 0
    )


def forwards(apps, schema_editor):
    for (app, name), columns in TEXTS.items():
        model = apps.get_model(app, name)
        for column in columns:
            model.objects.filter(**{f"{column}__contains": "\r"}).update(
                **{column: _one_newline(column)}
            )
    ProjectItem = apps.get_model("research", "ProjectItem")
    Passage = apps.get_model("research", "Passage")
    for item in ProjectItem.objects.filter(text__contains="\r").iterator():
        text = item.text
        passages = list(Passage.objects.filter(item=item))
        for passage in passages:
            passage.start, passage.end = moved(text, passage.start), moved(text, passage.end)
        Passage.objects.bulk_update(passages, ["start", "end"])
        item.text = text.replace("\r\n", "\n").replace("\r", "\n")
        item.save(update_fields=["text"])


class Migration(migrations.Migration):
    dependencies = [
        ("research", "0003_export_file_withdrawn"),
        ("reflections", "0003_default_prompts_and_first_versions"),
        ("meetings", "0005_attendance_removed"),
        ("interviews", "0004_observation_append_only"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
