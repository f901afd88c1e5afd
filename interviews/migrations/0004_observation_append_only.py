from django.db import migrations

from bridging_gaps.append_only import append_only


class Migration(migrations.Migration):
    """The changes to observation notes and the group's decisions are ledgers."""

    dependencies = [
        ("consent", "0002_append_only"),
        ("interviews", "0003_observation_notes"),
    ]

    operations = [
        append_only("interviews_observationnotechange"),
        append_only("interviews_observationsharingdecision"),
    ]
