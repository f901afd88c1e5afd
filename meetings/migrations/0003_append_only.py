from django.db import migrations

from bridging_gaps.append_only import append_only


class Migration(migrations.Migration):
    """Observation answers and finance downloads are ledgers: appended, never changed."""

    dependencies = [
        ("meetings", "0002_series_rsvp_attendance_agenda_minutes"),
        ("consent", "0002_append_only"),
    ]

    operations = [
        append_only("meetings_observationanswer"),
        append_only("meetings_financeexport"),
    ]
