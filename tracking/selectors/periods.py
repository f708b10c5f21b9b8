"""Reads of reporting periods: which are locked, for the pages and the import preview."""

from datetime import date

from tracking.models import Period


def locked_keys(on: date) -> set[tuple[str, int, int]]:
    """(kind, year, number) of every period locked on ``on``: one query."""
    return set(Period.objects.locked_on(on).values_list("kind", "year", "number"))
