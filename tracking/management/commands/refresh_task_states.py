from django.core.management.base import BaseCommand
from django.utils import timezone

from tracking.reminders import task_states_refresh


class Command(BaseCommand):
    help = "Recompute every task's kept status for today (beat does it hourly)."

    def handle(self, *args, **options):
        changed = task_states_refresh(on=timezone.localdate())
        self.stdout.write(f"{changed} task statuses changed")
