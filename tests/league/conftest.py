"""The execution tests' fixtures, shared with the league table's tests."""

from tests.tracking.conftest import period, task  # noqa: F401
