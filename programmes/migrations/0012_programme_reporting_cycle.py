"""Programmes report quarterly unless they ask for more.

Until now every programme was created asking for quarterly, six-monthly and yearly reports
(the old default), so each task owed three reports due the same day in December. The field had
no real choice in the admin (a comma-separated text box of codes), so a programme still asking
for exactly those three kept the old default rather than a decision: it now reports quarterly,
and its six-month and yearly summaries are built from the quarterly reports. A programme with any
other list chose it, and keeps it. Reports already written for six-month or yearly periods stay
as they were (history is not rewritten); they are simply no longer asked for.
"""

from django.db import migrations

OLD_DEFAULT = {"quarter", "half_year", "year"}


def to_quarterly(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    for programme in Programme.objects.only("pk", "reporting_periods"):
        periods = programme.reporting_periods or []
        if not periods or (set(periods) == OLD_DEFAULT and len(periods) == 3):
            Programme.objects.filter(pk=programme.pk).update(reporting_periods=["quarter"])


class Migration(migrations.Migration):
    dependencies = [("programmes", "0011_merge_saved_draft")]

    operations = [migrations.RunPython(to_quarterly, migrations.RunPython.noop, elidable=True)]
