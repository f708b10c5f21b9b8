"""Default reminder rules and the Celery beat schedules, both editable in the admin."""

from django.db import migrations

RULES = [
    {
        "name": "Nhắc hạn nộp báo cáo định kỳ",
        "event": "report_due",
        "days": [14, 7, 1],
        "audience": ["lead_officials", "coordinating_officials"],
        "channels": ["email", "in_app"],
        "subject": "Còn {days} ngày đến hạn nộp báo cáo {period}",
        "body": (
            "Đơn vị còn {count} nhiệm vụ chưa gửi báo cáo {period}. "
            "Hạn nộp: {due}. Vui lòng cập nhật tiến độ tại: {link}"
        ),
    },
    {
        "name": "Nhắc sơ kết giữa nhiệm kỳ",
        "event": "midterm_review",
        "days": [30, 14, 7, 1],
        "audience": ["heads", "leaders"],
        "channels": ["email", "in_app"],
        "subject": "Còn {days} ngày đến sơ kết giữa nhiệm kỳ {programme}",
        "body": (
            "Ngày {due} sơ kết giữa nhiệm kỳ {programme}. Đề nghị các đơn vị hoàn thành báo "
            "cáo tiến độ trước thời điểm sơ kết: {link}"
        ),
    },
    {
        "name": "Nhắc thời hạn hoàn thành nhiệm vụ",
        "event": "task_deadline",
        "days": [30, 7, 1],
        "audience": ["lead_officials"],
        "channels": ["email", "in_app"],
        "subject": "Còn {days} ngày đến hạn {due}: {count} nhiệm vụ",
        "body": "Các nhiệm vụ đơn vị chủ trì đến hạn ngày {due}:\n{task}\nChi tiết: {link}",
    },
    {
        "name": "Báo lãnh đạo đơn vị: nhiệm vụ quá hạn 7 ngày",
        "event": "task_overdue",
        "days": [7],
        "audience": ["heads"],
        "channels": ["email", "in_app"],
        "subject": "{count} nhiệm vụ quá hạn {days} ngày (hạn {due})",
        "body": (
            "Các nhiệm vụ đơn vị chủ trì đã quá hạn {days} ngày (hạn {due}) mà chưa hoàn "
            "thành:\n{task}\nChi tiết: {link}"
        ),
    },
    {
        "name": "Báo lãnh đạo tỉnh: nhiệm vụ quá hạn 30 ngày",
        "event": "task_overdue",
        "days": [30],
        "audience": ["leaders"],
        "channels": ["email", "in_app"],
        "subject": "{count} nhiệm vụ quá hạn {days} ngày (hạn {due})",
        "body": (
            "Các nhiệm vụ đã quá hạn {days} ngày (hạn {due}) mà chưa hoàn thành:\n{task}\n"
            "Chi tiết: {link}"
        ),
    },
]

# name, task, crontab (minute, hour, day_of_week) or every N minutes
SCHEDULES = [
    ("Quét nhắc việc hằng ngày", "tracking.tasks.reminders_sweep", ("0", "7", "*"), None),
    ("Gửi nhắc việc còn tồn", "tracking.tasks.reminders_deliver", None, 15),
    ("Tổng hợp hằng tuần cho lãnh đạo tỉnh", "tracking.tasks.weekly_digest", ("30", "7", "1"), None),
    ("Cập nhật trạng thái nhiệm vụ", "tracking.tasks.task_states_refresh", None, 60),
    ("Nhịp tim worker", "tracking.tasks.heartbeat", None, 1),
]


def create(apps, schema_editor):
    ReminderRule = apps.get_model("tracking", "ReminderRule")
    for rule in RULES:
        ReminderRule.objects.get_or_create(name=rule["name"], defaults=rule)
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, cron, minutes in SCHEDULES:
        schedule = {}
        if cron:
            minute, hour, day_of_week = cron
            schedule["crontab"], _ = CrontabSchedule.objects.get_or_create(
                minute=minute, hour=hour, day_of_week=day_of_week, day_of_month="*",
                month_of_year="*", timezone="Asia/Ho_Chi_Minh",
            )
        else:
            schedule["interval"], _ = IntervalSchedule.objects.get_or_create(
                every=minutes, period="minutes"
            )
        PeriodicTask.objects.get_or_create(name=name, defaults={"task": task, **schedule})


def remove(apps, schema_editor):
    apps.get_model("tracking", "ReminderRule").objects.filter(
        name__in=[rule["name"] for rule in RULES]
    ).delete()
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        name__in=[name for name, *_ in SCHEDULES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tracking", "0002_heartbeat_reminderrule_reminder"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create, remove)]
