"""Every write on execution, a module per domain: reports (drafts, submissions, decisions,
evidence, sub-tasks), states (the one home of a task's status today), notifications,
reminders and readings. The report services are re-exported, being what most callers use."""

from tracking.services.notifications import notifications_mark_read
from tracking.services.reports import (
    ReportConflict,
    ReportData,
    evidence_add,
    evidence_remove,
    period_for,
    report_check_ready,
    report_confirm,
    report_return,
    report_save,
    report_start,
    report_submit,
    subtask_create,
)
from tracking.services.states import task_state_refresh, task_states_refresh

__all__ = [
    "ReportConflict",
    "ReportData",
    "evidence_add",
    "evidence_remove",
    "notifications_mark_read",
    "period_for",
    "report_check_ready",
    "report_confirm",
    "report_return",
    "report_save",
    "report_start",
    "report_submit",
    "subtask_create",
    "task_state_refresh",
    "task_states_refresh",
]
