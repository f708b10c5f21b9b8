"""Tasks shown with their kept state on pages of any app: ``{% load task_status %}``.

``programmes`` never imports ``tracking``, yet its pages (the programme's text, a body's
page) list tasks that a reader wants to open and whose state they want to see. Templates may
load tags from any installed app, so the state comes in here, read for the whole page at once:

    {% kept_states nodes as states %}            (one query for every task of the page)
    {% task_link task states %}                  (a link to the task's page, chip and %)
"""

from collections.abc import Iterable
from typing import Any

from django import template

from programmes.models import WORK_KINDS, Task
from tracking.selectors.reports import KeptState
from tracking.selectors.reports import kept_states as read_kept_states

register = template.Library()


@register.simple_tag
def kept_states(items: Iterable[Any]) -> dict[int, KeptState]:
    """The kept states of the page's work tasks: ``items`` are tasks, or anything holding one
    as ``.task`` (a tree's nodes, a body's assignments). Groups have no state."""
    tasks: list[Task] = [getattr(item, "task", item) for item in items]
    return read_kept_states([task.pk for task in tasks if task.kind in WORK_KINDS])


@register.inclusion_tag("tracking/_task_link.html")
def task_link(
    task: Task, states: dict[int, KeptState], number: bool = True, length: int = 140
) -> dict[str, Any]:
    """The task's title linking to its page, then its status chip and % done."""
    return {"task": task, "state": states.get(task.pk), "number": number, "length": length}
