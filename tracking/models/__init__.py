"""Execution: reporting periods, progress reports, evidence, target readings, each task's kept
state and its history, notifications and reminders. A module per domain; names re-exported."""

from tracking.models.notifications import (
    Audience,
    Channel,
    DeliveryState,
    Heartbeat,
    Notification,
    Reminder,
    ReminderEvent,
    ReminderRule,
)
from tracking.models.reports import (
    Evidence,
    Period,
    PeriodLockChange,
    Progress,
    ProgressReport,
    ReportState,
    ReportVersion,
    TargetReading,
    evidence_path,
)
from tracking.models.states import StatusChange, TaskState

__all__ = [
    "Audience",
    "Channel",
    "DeliveryState",
    "Evidence",
    "Heartbeat",
    "Notification",
    "Period",
    "PeriodLockChange",
    "Progress",
    "ProgressReport",
    "Reminder",
    "ReminderEvent",
    "ReminderRule",
    "ReportState",
    "ReportVersion",
    "StatusChange",
    "TargetReading",
    "TaskState",
    "evidence_path",
]
