from django.db import migrations

from bridging_gaps.append_only import append_only, create_function


class Migration(migrations.Migration):
    dependencies = [("consent", "0001_initial")]

    operations = [
        create_function(),
        append_only("consent_share"),
        append_only("consent_sharewithdrawal"),
        append_only("consent_accessevent"),
        append_only("people_rolechange"),
    ]
