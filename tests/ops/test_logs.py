"""Structured logs: a request's log line is JSON carrying the request id that the response
returns in X-Request-ID."""

import json
import logging

import pytest
from django.urls import reverse

from config.logs import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines():
    """The JSON lines the console handler would write, captured from the same formatter and
    filter as settings.LOGGING gives it."""
    lines: list[dict] = []

    class Capture(logging.Handler):
        def emit(self, record):
            lines.append(json.loads(self.format(record)))

    handler = Capture(level=logging.INFO)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lines
    finally:
        root.removeHandler(handler)


def test_the_console_handler_writes_json_with_the_request_id_at_info(settings):
    handler = settings.LOGGING["handlers"]["console"]
    assert settings.LOGGING["formatters"][handler["formatter"]]["()"] == "config.logs.JsonFormatter"
    assert "request_id" in handler["filters"]
    assert logging.getLogger().getEffectiveLevel() <= logging.INFO


def test_a_request_is_logged_as_json_with_the_id_the_response_carries(client, official, log_lines):
    client.force_login(official)
    response = client.get(reverse("tracking:my-tasks"))
    assert response.status_code == 200
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    line = next(line for line in log_lines if line["logger"] == "tiendo.request")
    assert line["request_id"] == request_id
    assert line["level"] == "INFO"
    assert line["path"] == reverse("tracking:my-tasks")
    assert line["status"] == 200
    assert line["duration_ms"] >= 0


def test_log_lines_written_during_the_request_carry_its_id(client, log_lines):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    request_id = response["X-Request-ID"]
    mine = [line for line in log_lines if line["request_id"] == request_id]
    assert {line["logger"] for line in mine} >= {"django.request", "tiendo.request"}


def test_a_sane_id_from_the_proxy_is_kept_and_a_strange_one_replaced(client):
    kept = client.get(reverse("login"), headers={"X-Request-ID": "proxy-abc-12345678"})
    assert kept["X-Request-ID"] == "proxy-abc-12345678"
    replaced = client.get(reverse("login"), headers={"X-Request-ID": 'x"\n{evil}'})
    assert replaced["X-Request-ID"] != 'x"\n{evil}'
    assert len(replaced["X-Request-ID"]) == 32


def test_ids_differ_between_requests(client):
    first = client.get(reverse("login"))["X-Request-ID"]
    second = client.get(reverse("login"))["X-Request-ID"]
    assert first != second
