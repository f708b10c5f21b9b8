"""Events of the plan that the execution side keeps in step with.

``programmes`` never imports ``tracking``, yet a task's status (kept by ``tracking``) changes
when its deadline, its assignments or its programme's start change, or when tasks are added.
Every service here that makes such a change sends ``tasks_changed`` inside its transaction, so
that the kept status is written in the same transaction as the change that moved it.
"""

from collections.abc import Iterable

from django.dispatch import Signal

# Sent with ``task_ids``: the tasks whose deadline, assignments or window may have changed.
tasks_changed = Signal()


def tasks_changed_send(task_ids: Iterable[int]) -> None:
    ids = sorted(set(task_ids))
    if ids:
        tasks_changed.send(sender=None, task_ids=ids)
