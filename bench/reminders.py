"""The reminder sweep at province scale: its time and query count at 10⁴ and 10⁵ tasks
(2,000 accounts, 150 bodies). The query count must not grow with the number of tasks.

    .venv/bin/python bench/reminders.py            # 10⁴ then 10⁵ tasks
"""

import time
from datetime import date

from _setup import setup

setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from demo.province import Scale, generate  # noqa: E402
from tracking import reminders  # noqa: E402
from tracking.models import Reminder, ReminderRule  # noqa: E402

DAYS = [date(2024, 1, 7), date(2024, 6, 9), date(2024, 12, 4)]


def rules() -> None:
    import importlib

    migration = importlib.import_module("tracking.migrations.0003_default_reminders_and_schedules")
    for rule in migration.RULES:
        ReminderRule.objects.get_or_create(name=rule["name"], defaults=rule)


def measure(day: date) -> tuple[float, int, int]:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        due = reminders.reminders_sweep(on=day)
        elapsed = time.perf_counter() - started
    return elapsed, len(queries), due


def main() -> None:
    rules()
    print(
        f"{'tasks':>8} {'day':>10} {'sweep s':>8} {'queries':>8} {'reminders':>10} "
        f"{'rerun s':>8} {'rerun q':>8}"
    )
    for tasks in (10_000, 100_000):
        scale = Scale(
            bodies=150, programmes=40, tasks_per_programme=tasks // 40 + 8, accounts=2000, reports=0
        )
        generate(scale, log=lambda *_: None)
        for day in DAYS:
            Reminder.objects.all().delete()
            elapsed, queries, due = measure(day)
            again, rerun_queries, _ = measure(day)
            print(
                f"{tasks:>8} {day:%d/%m/%Y} {elapsed:>8.2f} {queries:>8} {due:>10} "
                f"{again:>8.2f} {rerun_queries:>8}",
                flush=True,
            )


if __name__ == "__main__":
    main()
