from django.db import migrations

from bridging_gaps.append_only import append_only


class Migration(migrations.Migration):
    """The consent form and the workflow steps are ledgers: appended, never edited."""

    dependencies = [
        ("consent", "0002_append_only"),
        ("interviews", "0001_initial"),
    ]

    operations = [
        append_only("interviews_interviewstep"),
        append_only("interviews_consentform"),
        append_only("interviews_consentanswer"),
        append_only("interviews_consentconfirmation"),
        append_only("interviews_consentwithdrawal"),
    ]
