"""Each live mention holds its sentence exactly as the text has it now.

Before, a writer who changed only the spacing of a sentence kept its mention (the same words)
with the sentence as first typed, and readers and research look for the exact sentence: a
passage taken out was shown again. The code keeps them in step now (mentions_sync); this puts
right the mentions already out of step."""

from __future__ import annotations

import hashlib

from django.db import migrations

from research.anonymiser.passages import sentences

# Where each kind of text lives (mentions/sources.py registers them at run time).
TEXTS = {
    "minutes": ("meetings", "Minutes"),
    "decision": ("meetings", "Decision"),
    "action": ("meetings", "Action"),
    "agenda_item": ("meetings", "AgendaItem"),
    "cancellation": ("meetings", "Meeting"),
    "proposal": ("proposals", "Proposal"),
    "proposal_comment": ("proposals", "Comment"),
    "proposal_outcome": ("proposals", "Proposal"),
    "proposal_action": ("proposals", "ProposalAction"),
    "observation_note": ("interviews", "ObservationNote"),
}


def _key(sentence: str) -> str:
    return hashlib.sha256(" ".join(sentence.split()).encode()).hexdigest()


def sentences_as_written(apps, schema_editor) -> None:
    Mention = apps.get_model("mentions", "Mention")
    for mention in Mention.objects.filter(gone_at__isnull=True).iterator(chunk_size=500):
        if mention.source_kind not in TEXTS:
            continue
        model = apps.get_model(*TEXTS[mention.source_kind])
        text = (
            model.objects.filter(pk=mention.source_id)
            .values_list(mention.field, flat=True)
            .first()
        )
        if not text or mention.sentence in text:
            continue
        for sentence in sentences(text):
            if _key(sentence.text) == mention.sentence_key:
                Mention.objects.filter(pk=mention.pk).update(sentence=sentence.text)
                break


class Migration(migrations.Migration):
    dependencies = [
        ("mentions", "0001_initial"),
        ("meetings", "0005_attendance_removed"),
        ("proposals", "0002_ranking_comments_outcomes"),
        ("interviews", "0004_observation_append_only"),
    ]

    operations = [migrations.RunPython(sentences_as_written, migrations.RunPython.noop)]
