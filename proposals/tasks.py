"""Celery tasks: thin adapters over the services. Beat's schedule names
``proposals.tasks.proposals_remind``: keep the path."""

from celery import shared_task
from django.utils import timezone


@shared_task(acks_late=True)
def proposals_remind() -> int:
    from proposals.services import proposals_remind as remind

    return remind(on=timezone.localdate())
