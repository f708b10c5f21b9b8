"""Error pages in Vietnamese, a 503 with Retry-After while the database is down, and a health
check that says so instead of failing."""

from unittest import mock

import pytest
from django.core.exceptions import SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.db.backends.utils import CursorWrapper
from django.urls import include, path, reverse

pytestmark = pytest.mark.django_db


def boom(request):
    raise RuntimeError("a bug")


def suspicious(request):
    raise SuspiciousOperation("tampered")


# The project's URLs plus two views that fail, for the 400 and 500 pages.
urlpatterns = [
    path("loi-500/", boom),
    path("loi-400/", suspicious),
    path("", include("config.urls")),
]


def database_down(error: type[Exception] = OperationalError):
    """Every query fails as it does while PostgreSQL restarts."""
    return mock.patch.object(
        CursorWrapper, "execute", side_effect=error("server closed the connection unexpectedly")
    )


def test_an_unknown_page_answers_404_in_vietnamese(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.text
    assert 'lang="vi"' in response.text


def test_a_page_the_role_may_not_open_answers_403_in_vietnamese(client, official):
    client.force_login(official)
    response = client.get(reverse("tracking:overview"))
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.text
    assert "Forbidden" not in response.text


def test_an_unknown_host_answers_400_in_vietnamese(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.text
    assert "Bad Request" not in response.text


@pytest.mark.urls("tests.test_error_pages")
def test_a_tampered_request_answers_400_in_vietnamese(client):
    response = client.get("/loi-400/")
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.text


@pytest.mark.urls("tests.test_error_pages")
def test_a_bug_answers_500_in_vietnamese(client):
    client.raise_request_exception = False
    response = client.get("/loi-500/")
    assert response.status_code == 500
    assert "Lỗi máy chủ" in response.text
    assert "Server Error" not in response.text


def test_an_expired_form_answers_403_in_vietnamese(official):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(official)
    response = client.post(reverse("logout"))
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in response.text
    assert "CSRF verification failed" not in response.text


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_pages_answer_503_with_retry_after_while_the_database_is_down(client, official, error):
    client.force_login(official)
    with database_down(error):
        response = client.get(reverse("tracking:my-tasks"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Tạm thời gián đoạn" in response.text


def test_other_errors_are_not_mistaken_for_the_database(client, official):
    client.force_login(official)
    client.raise_request_exception = False
    with mock.patch("tracking.views.reports.inbox.inbox_page", side_effect=RuntimeError("a bug")):
        response = client.get(reverse("tracking:my-tasks"))
    assert response.status_code == 500


def test_health_says_the_database_is_down_with_a_503(client):
    with database_down():
        response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["database"] is False
    assert body["ok"] is False
    assert body["broker"] is True  # the real Redis is still up


def test_health_reports_the_database_up_when_it_answers(client):
    assert client.get(reverse("health")).json()["database"] is True


def test_a_database_error_outside_the_view_answers_503_too(client):
    """Saving the session happens after the view, outside the 503 middleware: a restart of
    PostgreSQL at that moment (bench/faults.py showed it) must not be a 500."""
    client.raise_request_exception = False
    failing = mock.patch(
        "django.contrib.sessions.middleware.SessionMiddleware.process_response",
        side_effect=OperationalError("terminating connection due to administrator command"),
    )
    with failing:
        response = client.get(reverse("login"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Tạm thời gián đoạn" in response.text
