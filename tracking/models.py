"""Execution: progress reports, approvals, reminders and notifications (built on programmes)."""
