"""Named people and shared fixtures.

An (official) and Bình (head) work at Sở Kế hoạch và Đầu tư; Cường is a provincial leader;
Dung is the admin; Em is an official of another body, Sở Tài chính.
"""

import os

import pytest

from programmes.models import BodyKind, Role
from tests.factories import PASSWORD, BodyFactory, UserFactory


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    # Tests sign in (and fail to) hundreds of times, through forms and browsers; the real
    # hasher costs most of a second a try on a 2-core machine. What is tested is the flow, not
    # the hash (production keeps Django's default).
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


@pytest.fixture(autouse=True)
def private_cache(settings):
    """Each test its own empty cache: cached summaries never leak between tests."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def department():
    return BodyFactory(code="so-khdt", name="Sở Kế hoạch và Đầu tư", short_name="Sở KH&ĐT")


@pytest.fixture
def other_department():
    return BodyFactory(code="so-tc", name="Sở Tài chính", short_name="Sở Tài chính")


@pytest.fixture
def official(department):
    return UserFactory(username="an", full_name="Nguyễn Văn An", body=department)


@pytest.fixture
def head(department):
    return UserFactory(username="binh", full_name="Trần Thị Bình", role=Role.HEAD, body=department)


@pytest.fixture
def leader():
    standing = BodyFactory(code="ttr", name="Thường trực Tỉnh ủy", kind=BodyKind.PARTY_COMMITTEE)
    return UserFactory(username="cuong", full_name="Lê Văn Cường", role=Role.LEADER, body=standing)


@pytest.fixture
def admin_user():
    return UserFactory(
        username="dung",
        full_name="Phạm Thị Dung",
        role=Role.ADMIN,
        body=None,
        is_staff=True,
        is_superuser=True,
    )


@pytest.fixture
def other_official(other_department):
    return UserFactory(username="em", full_name="Hoàng Văn Em", body=other_department)


@pytest.fixture
def password():
    return PASSWORD


# Browser tests: Debian's Chromium, never a downloaded browser ------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


@pytest.fixture
def allow_async_unsafe():
    # Playwright's sync API runs an event loop in this thread from the first browser test to
    # the end of the session, and Django refuses ORM calls while one runs unless told it is
    # safe (it is: the loop only drives the browser). Browser tests run last, so the setting
    # covers them and the database teardown after them, and no other test.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "1"


def pytest_collection_modifyitems(config, items):
    playwright = {"page", "browser", "context"}
    browser_tests = [item for item in items if playwright & set(getattr(item, "fixturenames", ()))]
    for item in browser_tests:
        item.add_marker(pytest.mark.browser)
        item.fixturenames.insert(0, "allow_async_unsafe")
    items[:] = [item for item in items if item not in browser_tests] + browser_tests


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    # The live server's threads would otherwise keep their connections open for reuse, and
    # the test database could not be dropped at the end.
    from django.db import connections

    for connection in connections.all():
        connection.settings_dict["CONN_MAX_AGE"] = 0


@pytest.fixture
def reminder_rules(db):
    """The default reminder rules as the data migration makes them. A transactional test
    empties every table when it ends, so the tests that need them ask for them."""
    import importlib

    from tracking.models import ReminderRule

    migration = importlib.import_module("tracking.migrations.0003_default_reminders_and_schedules")
    for rule in migration.RULES:
        ReminderRule.objects.get_or_create(name=rule["name"], defaults=rule)
    return ReminderRule.objects.order_by("pk")
