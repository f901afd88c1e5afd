from django.db import migrations

from bridging_gaps.append_only import append_only


class Migration(migrations.Migration):
    dependencies = [("actionlog", "0001_initial"), ("consent", "0002_append_only")]

    operations = [append_only("actionlog_loggedaction")]
