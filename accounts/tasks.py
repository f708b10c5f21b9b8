"""Thin Celery adapters for the accounts' services."""

from celery import shared_task


@shared_task(acks_late=True)
def welcome_emails_send(user_ids: list[int]) -> int:
    from accounts.services import account_welcome_send

    return account_welcome_send(user_ids=user_ids)
