"""The execution tests' reporting period and task, shared with the register's tests."""

from tests.tracking.conftest import period, task  # noqa: F401
