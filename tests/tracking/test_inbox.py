"""The official's inbox ("Nhiệm vụ của tôi"): "Cần làm ngay" first, then every task with
filters, search and paging, in a fixed number of queries."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes.models import AssignmentRole
from tests.factories import AssignmentFactory, ProgrammeFactory, TaskFactory, period_of
from tracking import services
from tracking.models import ProgressReport, ReportState
from tracking.services import ReportData
from tracking.services.states import task_states_refresh

pytestmark = pytest.mark.django_db

# A week before Quý IV/2026's reports are due (16/12/2026).
TODAY = date(2026, 12, 8)
URL = "/nhiem-vu-cua-toi/"


def words(percent: int = 40) -> ReportData:
    return ReportData(
        progress="in_progress",
        percent=percent,
        completed_on=None,
        blocked=False,
        results="Đã triển khai.",
        difficulties="",
        proposals="",
        readings={},
    )


def make(programme, body, title, deadline="Năm 2027", role=AssignmentRole.LEAD):
    task = TaskFactory(programme=programme, title=title)
    task.set_deadline(deadline)
    task.save()
    AssignmentFactory(task=task, body=body, role=role)
    return task


def sent(task, official, kind="quarter", year=2026, number=4):
    report = services.report_start(task=task, period=period_of(kind, year, number), by=official)
    report = services.report_save(report=report, by=official, data=words(), version=report.version)
    return services.report_submit(report=report, by=official, version=report.version)


@pytest.fixture
def programme():
    return ProgrammeFactory(
        code="17-CTr/TU", issued_on=date(2021, 1, 1), reporting_periods=["quarter"]
    )


@pytest.fixture
def desk(programme, department, other_department, official, head):
    """An's body: a task whose report came back, one already sent, one overdue, one not yet
    due to anyone, one it only coordinates, and another body's task."""
    tasks = {
        "returned": make(programme, department, "Xây dựng nông thôn mới kiểu mẫu"),
        "sent": make(programme, department, "Phát triển du lịch cộng đồng"),
        "overdue": make(programme, department, "Hoàn thiện hạ tầng số", deadline="Năm 2025"),
        "fresh": make(programme, department, "Cải cách hành chính"),
        "helping": make(programme, department, "Chuyển đổi số", role=AssignmentRole.COORDINATING),
        "theirs": make(programme, other_department, "Quy hoạch đô thị"),
    }
    with time_machine.travel(TODAY):
        returned = sent(tasks["returned"], official)
        services.report_return(
            report=returned, by=head, comment="Bổ sung số liệu.", version=returned.version
        )
        sent(tasks["sent"], official)
        task_states_refresh(on=TODAY)
    return tasks


def urgent_part(page: str) -> str:
    return page.split('id="all-title"')[0]


def list_part(page: str) -> str:
    return page.split('id="all-title"')[1]


@time_machine.travel(TODAY)
def test_to_do_now_holds_the_returned_report_first_then_what_is_due_and_overdue(
    client, official, desk
):
    client.force_login(official)
    page = urgent_part(client.get(URL).text)
    returned = page.index("Xây dựng nông thôn mới kiểu mẫu")
    assert returned < page.index("Hoàn thiện hạ tầng số") < page.index("Cải cách hành chính")
    assert "Sửa báo cáo Quý IV/2026" in page
    assert "Báo cáo bị trả lại" in page and "Nhiệm vụ quá hạn" in page
    assert "Viết báo cáo Quý IV/2026" in page  # the one button of a report not started
    assert "Báo cáo hạn 16/12/2026" in page
    # A report already sent is not work to do; another body's task is not ours.
    assert "Phát triển du lịch cộng đồng" not in page
    assert "Quy hoạch đô thị" not in page


@time_machine.travel(TODAY)
def test_the_button_starts_the_report_of_the_period_owed(client, official, desk):
    client.force_login(official)
    page = client.get(URL).text
    start = reverse("tracking:report-start", args=[desk["fresh"].pk])
    assert f'action="{start}"' in page
    assert 'name="year" value="2026"' in page  # not "2.026", as Vietnamese numbers are shown
    response = client.post(start, {"kind": "quarter", "year": 2026, "number": 4})
    report = ProgressReport.objects.get(task=desk["fresh"])
    assert response.url == reverse("tracking:report-edit", args=[report.pk])
    # Once started, the button goes on with the same report.
    assert "Viết tiếp báo cáo Quý IV/2026" in urgent_part(client.get(URL).text)


@time_machine.travel(date(2026, 10, 20))
def test_a_report_not_due_for_weeks_is_not_urgent(client, official, desk):
    client.force_login(official)
    page = client.get(URL).text
    assert "Cải cách hành chính" not in urgent_part(page)
    assert "Cải cách hành chính" in list_part(page)


@time_machine.travel(TODAY)
def test_the_list_holds_every_task_of_the_body_with_its_button(client, official, desk):
    client.force_login(official)
    page = list_part(client.get(URL).text)
    for key in ("returned", "sent", "overdue", "fresh", "helping"):
        assert desk[key].title in page
    assert "Quy hoạch đô thị" not in page
    assert "Quý IV/2026: Chờ xác nhận" in page  # the report sent, as a link


@time_machine.travel(TODAY)
def test_search_ignores_diacritics(client, official, desk):
    client.force_login(official)
    page = list_part(client.get(URL, {"q": "nong thon moi"}).text)
    assert "Xây dựng nông thôn mới kiểu mẫu" in page
    assert "Cải cách hành chính" not in page
    page = list_part(client.get(URL, {"q": "NÔNG THÔN"}).text)
    assert "Xây dựng nông thôn mới kiểu mẫu" in page


@time_machine.travel(TODAY)
def test_filters_by_status_role_programme_and_period_not_reported(
    client, official, desk, department
):
    client.force_login(official)
    overdue = list_part(client.get(URL, {"trang_thai": "overdue"}).text)
    assert "Hoàn thiện hạ tầng số" in overdue and "Cải cách hành chính" not in overdue
    helping = list_part(client.get(URL, {"vai_tro": "coordinating"}).text)
    assert "Chuyển đổi số" in helping and "Cải cách hành chính" not in helping
    unreported = list_part(client.get(URL, {"ky": "quarter-2026-4"}).text)
    assert "Cải cách hành chính" in unreported
    assert "Xây dựng nông thôn mới kiểu mẫu" in unreported  # returned: not sent
    assert "Phát triển du lịch cộng đồng" not in unreported
    other = make(ProgrammeFactory(code="05-KH/UBND"), department, "Nhiệm vụ của kế hoạch khác")
    mine = list_part(client.get(URL, {"chuong_trinh": other.programme_id}).text)
    assert "Nhiệm vụ của kế hoạch khác" in mine and "Cải cách hành chính" not in mine
    # An unknown value is ignored, not an error.
    assert client.get(URL, {"trang_thai": "bogus", "chuong_trinh": "x"}).status_code == 200


@time_machine.travel(TODAY)
def test_fifty_a_page(client, official, programme, department):
    for n in range(120):
        make(programme, department, f"Nhiệm vụ số {n}")
    client.force_login(official)
    first = list_part(client.get(URL).text)
    assert first.count('class="inbox-item"') == 50
    assert "Trang 1/3" in first
    last = list_part(client.get(URL, {"trang": 3}).text)
    assert last.count('class="inbox-item"') == 20


@time_machine.travel(TODAY)
def test_the_htmx_request_gets_only_the_list(client, official, desk):
    client.force_login(official)
    part = client.get(URL, {"q": "du lich"}, HTTP_HX_REQUEST="true").text
    assert part.lstrip().startswith('<section id="results"')
    assert "Phát triển du lịch cộng đồng" in part


@time_machine.travel(TODAY)
def test_the_query_count_does_not_grow_with_the_tasks(client, official, programme, department):
    make(programme, department, "Nhiệm vụ đầu tiên")
    client.force_login(official)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    few = queries()
    tasks = [make(programme, department, f"Nhiệm vụ thêm {n}") for n in range(60)]
    for task in tasks[:5]:
        sent(task, official)
    task_states_refresh(on=TODAY)
    assert queries() == few


@time_machine.travel(TODAY)
def test_pages_never_write(client, official, desk):
    client.force_login(official)
    client.get(URL)
    with CaptureQueriesContext(connection) as captured:
        client.get(URL, {"q": "so", "ky": "quarter-2026-4"})
    writes = [q["sql"] for q in captured if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert writes == []
    assert ProgressReport.objects.filter(state=ReportState.DRAFT).count() == 0
