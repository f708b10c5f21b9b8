"""The kept statuses are refreshed once a day just after midnight, Asia/Ho_Chi_Minh (a status
moves with time alone at midnight; every write keeps it in step the rest of the day)."""

from django.db import migrations

NAME = "Cập nhật trạng thái nhiệm vụ"


def after_midnight(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="5", hour="0", day_of_week="*", day_of_month="*", month_of_year="*",
        timezone="Asia/Ho_Chi_Minh",
    )
    PeriodicTask.objects.filter(task="tracking.tasks.task_states_refresh").update(
        interval=None, crontab=crontab, name=NAME
    )


def hourly(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    interval, _ = IntervalSchedule.objects.get_or_create(every=60, period="minutes")
    PeriodicTask.objects.filter(task="tracking.tasks.task_states_refresh").update(
        crontab=None, interval=interval
    )


class Migration(migrations.Migration):
    dependencies = [("tracking", "0005_imported_readings")]

    operations = [migrations.RunPython(after_midnight, hourly)]
