"""Writes of target readings imported from the figures offices send."""

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from programmes.models import Programme, User
from tracking.cache import forget_summaries
from tracking.models import TargetReading
from tracking.periods import period_span
from tracking.services.locks import period_check_open
from tracking.services.reports import period_for


@transaction.atomic
def apply_readings(*, programme: Programme, rows: list[dict[str, Any]], by: User) -> int:
    """Record the readings (a second import for the same target and period replaces it).
    A reading for a locked period refuses the whole import (``PeriodLocked``)."""
    allowed = set(programme.targets.values_list("pk", flat=True))
    now = timezone.now()
    for row in rows:
        if row["target_id"] not in allowed:
            raise ValueError("target of another programme")
        period = period_for(period_span(row["kind"], row["year"], row["number"]))
        period_check_open(period.pk)  # all or nothing: one locked period refuses the import
        TargetReading.objects.update_or_create(
            target_id=row["target_id"],
            period=period,
            report=None,
            defaults={
                "value": Decimal(row["value"]),
                "note": row["note"],
                "recorded_at": now,
                "recorded_by": by,
            },
        )
    transaction.on_commit(forget_summaries)
    return len(rows)
