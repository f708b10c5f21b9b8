"""Sessions end after SESSION_COOKIE_AGE (30 minutes here) without a request."""

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.urls import reverse

pytestmark = pytest.mark.django_db


def signed_in(client, official, password):
    client.post("/dang-nhap/", {"username": official.username, "password": password})


def test_a_session_idle_for_longer_than_the_limit_is_signed_out(client, official, password):
    with time_machine.travel("2026-03-02 08:00 +0700") as clock:
        signed_in(client, official, password)
        assert client.get(reverse("tracking:my-tasks")).status_code == 200
        clock.shift(31 * 60)
        response = client.get(reverse("tracking:my-tasks"))
    assert response.status_code == 302
    assert response.url.startswith("/dang-nhap/")


def test_activity_keeps_the_session_alive(client, official, password):
    with time_machine.travel("2026-03-02 08:00 +0700") as clock:
        signed_in(client, official, password)
        for _ in range(4):  # two hours in all, never 30 minutes idle
            clock.shift(25 * 60)
            assert client.get(reverse("tracking:my-tasks")).status_code == 200


def test_the_session_is_written_at_most_once_a_minute(client, official, password):
    with time_machine.travel("2026-03-02 08:00 +0700") as clock:
        signed_in(client, official, password)
        client.get(reverse("tracking:my-tasks"))
        expiry = Session.objects.get().expire_date
        clock.shift(20)
        client.get(reverse("tracking:my-tasks"))
        assert Session.objects.get().expire_date == expiry
        clock.shift(60)
        client.get(reverse("tracking:my-tasks"))
        assert Session.objects.get().expire_date > expiry


def test_the_limit_comes_from_the_environment():
    import os
    import subprocess
    import sys

    result = subprocess.run(  # noqa: S603 - our own settings
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.SESSION_COOKIE_AGE)",
        ],
        env={
            **os.environ,
            "DJANGO_SESSION_IDLE_MINUTES": "45",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "2700"
