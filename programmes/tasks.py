"""Celery tasks of the plan: thin adapters over the services."""

from celery import shared_task

from programmes import services


@shared_task(acks_late=True)
def import_apply(batch_pk: int) -> int:
    return services.import_run(batch_pk=batch_pk)


@shared_task(acks_late=True)
def imports_resume() -> int:
    """Every 15 minutes: long imports whose queued task was lost."""
    return services.imports_resume()
