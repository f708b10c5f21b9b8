"""Who may do what: a role × endpoint matrix, with ids changed in URLs and forms."""

import pytest
from django.urls import reverse

from programmes.models import Role
from tests.factories import BodyFactory, UserFactory
from tracking import services
from tracking.services import ReportData

pytestmark = pytest.mark.django_db


def words() -> ReportData:
    return ReportData(
        progress="in_progress",
        percent=50,
        completed_on=None,
        blocked=False,
        results="Đã triển khai.",
        difficulties="",
        proposals="",
        readings={},
    )


@pytest.fixture
def people(official, head, leader, admin_user, other_official, other_department):
    outsider_body = BodyFactory(name="Sở Y tế")
    return {
        "anonymous": None,
        "official": official,
        "head": head,
        "leader": leader,
        "admin": admin_user,
        "coordinator": other_official,
        "coordinator_head": UserFactory(role=Role.HEAD, body=other_department),
        "outsider": UserFactory(body=outsider_body),
        "outsider_head": UserFactory(role=Role.HEAD, body=outsider_body),
    }


@pytest.fixture
def lead_report(task, period, official):
    report = services.report_start(task=task, period=period, by=official)
    return services.report_save(report=report, by=official, data=words(), version=report.version)


@pytest.fixture
def submitted(lead_report, official):
    return services.report_submit(report=lead_report, by=official, version=lead_report.version)


@pytest.fixture
def coordinator_report(task, period, other_official):
    report = services.report_start(task=task, period=period, by=other_official)
    return services.report_save(
        report=report, by=other_official, data=words(), version=report.version
    )


def outcome(client, user, method, url, data=None):
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(url, data or {})
    if response.status_code == 302 and "/dang-nhap/" in response.url:
        return "login"
    return response.status_code


ALLOWED = {200, 302}

# Each row: endpoint, then who gets in (200/302); everybody else signed in gets 404.
MATRIX = {
    "report-edit": {"official", "head"},
    "report-detail": {"official", "head", "leader", "admin"},
    "coordinator-report-detail": {
        "official",
        "head",
        "leader",
        "admin",
        "coordinator",
        "coordinator_head",
    },
    "report-start": {"official", "head", "coordinator", "coordinator_head"},
    "subtask-create": {"official", "head", "coordinator", "coordinator_head"},
    "report-confirm": {"head"},
    "report-return": {"head"},
}


def request_for(name, task, submitted, coordinator_report):
    return {
        "report-edit": ("get", reverse("tracking:report-edit", args=[submitted.pk]), None),
        "report-detail": ("get", reverse("tracking:report-detail", args=[submitted.pk]), None),
        "coordinator-report-detail": (
            "get",
            reverse("tracking:report-detail", args=[coordinator_report.pk]),
            None,
        ),
        "report-start": (
            "post",
            reverse("tracking:report-start", args=[task.pk]),
            {"kind": "quarter", "year": 2023, "number": 3},
        ),
        "subtask-create": (
            "post",
            reverse("tracking:subtask-create", args=[task.pk]),
            {"title": "Việc con"},
        ),
        "report-confirm": (
            "post",
            reverse("tracking:report-confirm", args=[submitted.pk]),
            {"version": submitted.version},
        ),
        "report-return": (
            "post",
            reverse("tracking:report-return", args=[submitted.pk]),
            {"version": submitted.version, "comment": "Bổ sung"},
        ),
    }[name]


ROLES = [
    "anonymous",
    "official",
    "head",
    "leader",
    "admin",
    "coordinator",
    "coordinator_head",
    "outsider",
    "outsider_head",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", list(MATRIX))
def test_role_endpoint_matrix(client, people, task, submitted, coordinator_report, role, endpoint):
    method, url, data = request_for(endpoint, task, submitted, coordinator_report)
    result = outcome(client, people[role], method, url, data)
    if role == "anonymous":
        assert result == "login"
    elif role in MATRIX[endpoint]:
        assert result in ALLOWED, (role, endpoint, result)
    else:
        assert result == 404, (role, endpoint, result)


def test_the_lead_reads_coordinators_reports_but_not_the_other_way_round(
    client, official, other_official, lead_report, coordinator_report
):
    client.force_login(official)
    assert (
        client.get(reverse("tracking:report-detail", args=[coordinator_report.pk])).status_code
        == 200
    )
    client.force_login(other_official)
    assert client.get(reverse("tracking:report-detail", args=[lead_report.pk])).status_code == 404


def test_an_official_cannot_edit_another_bodys_report_by_changing_the_id(
    client, other_official, lead_report
):
    client.force_login(other_official)
    url = reverse("tracking:report-edit", args=[lead_report.pk])
    response = client.post(
        url, {"progress": "in_progress", "results": "Ghi đè", "version": lead_report.version}
    )
    assert response.status_code == 404
    lead_report.refresh_from_db()
    assert lead_report.results == "Đã triển khai."


def test_a_head_cannot_confirm_another_bodys_report(client, people, submitted):
    client.force_login(people["coordinator_head"])
    url = reverse("tracking:report-confirm", args=[submitted.pk])
    assert client.post(url, {"version": submitted.version}).status_code == 404
    submitted.refresh_from_db()
    assert submitted.state == "submitted"


def test_report_start_refuses_a_made_up_period(client, official, task):
    client.force_login(official)
    url = reverse("tracking:report-start", args=[task.pk])
    assert client.post(url, {"kind": "quarter", "year": "abc"}).status_code == 404


def test_evidence_is_downloadable_only_by_who_may_read_the_report(
    client, official, other_official, leader, lead_report, tmp_path, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    evidence = services.evidence_add(
        report=lead_report,
        by=official,
        upload=SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 noi dung", "application/pdf"),
    )
    url = reverse("tracking:evidence-download", args=[evidence.pk])
    for user, expected in ((official, 200), (leader, 200), (other_official, 404)):
        client.force_login(user)
        assert client.get(url).status_code == expected
