"""``{% task_proposals task %}``: the proposals raised on a task and their answers, for the
task's page. A template tag, because ``tracking`` (which renders that page) never imports
this app; templates may include what is installed."""

from typing import Any

from django import template
from django.utils import timezone

from proposals import selectors

register = template.Library()


@register.inclusion_tag("proposals/_task_proposals.html", takes_context=True)
def task_proposals(context: template.Context, task: Any) -> dict[str, Any]:
    user = context["request"].user
    return {"rows": selectors.task_proposals(user, task, timezone.localdate())}
