"""A department's day at real volume (300 tasks) in Debian's Chromium, at 390 px and 1280 px:
the official signs in to the inbox, opens "Cần làm ngay", writes and sends a report; the head
signs in to the unit page and confirms two reports at once."""

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from programmes.models import Assignment, AssignmentRole, Role, Task, TaskKind
from programmes.text import fold
from tests.factories import PASSWORD, BodyFactory, ProgrammeFactory, UserFactory, period_of
from tracking import services
from tracking.models import ProgressReport, ReportState
from tracking.services import ReportData
from tracking.services.states import task_states_refresh

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = {"phone": {"width": 390, "height": 844}, "desk": {"width": 1280, "height": 900}}
TASKS = 300


@pytest.fixture
def shots(tmp_path):
    """Where screenshots go: SCREENSHOT_DIR to keep them for checking by eye."""
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def words(results: str) -> ReportData:
    return ReportData(
        progress="in_progress",
        percent=60,
        completed_on=None,
        blocked=False,
        results=results,
        difficulties="",
        proposals="",
        readings={},
    )


@pytest.fixture
def clock():
    """Four weeks before Quý IV/2026's reports are due, so that only the overdue tasks need
    doing now; the clock runs on (the live server and the browser's waits need it)."""
    zone = ZoneInfo("Asia/Ho_Chi_Minh")
    with time_machine.travel(datetime(2026, 11, 18, 9, 0, tzinfo=zone), tick=True):
        yield


@pytest.fixture
def department(clock):
    """Sở Kế hoạch và Đầu tư with 300 tasks: four past their deadline, three reports already
    waiting for the head."""
    body = BodyFactory(name="Sở Kế hoạch và Đầu tư tỉnh Bình Phước", short_name="Sở KH&ĐT")
    programme = ProgrammeFactory(
        code="17-CTr/TU", title="Chương trình hành động thử nghiệm", reporting_periods=["quarter"]
    )
    tasks = []
    for n in range(1, TASKS + 1):
        task = Task(
            programme=programme,
            kind=TaskKind.TASK,
            number=f"{n}.",
            position=n,
            title=f"Nhiệm vụ số {n} về phát triển kinh tế - xã hội",
        )
        task.set_deadline("Năm 2025" if n <= 4 else "Năm 2027")
        tasks.append(task)
    tasks[0].title = "Hoàn thiện hạ tầng số của tỉnh"
    for task in tasks:  # what save() would store; bulk_create does not call it
        task.search_text = fold(f"{task.number} {task.title}")
    tasks = Task.objects.bulk_create(tasks)
    Assignment.objects.bulk_create(
        Assignment(task=task, body=body, role=AssignmentRole.LEAD) for task in tasks
    )
    official = UserFactory(username="an", full_name="Nguyễn Văn An", body=body)
    UserFactory(username="binh", full_name="Trần Thị Bình", role=Role.HEAD, body=body)
    quarter = period_of("quarter", 2026, 4)
    for task in tasks[10:13]:
        report = services.report_start(task=task, period=quarter, by=official)
        report = services.report_save(
            report=report, by=official, data=words("Đã triển khai."), version=report.version
        )
        services.report_submit(report=report, by=official, version=report.version)
    task_states_refresh(on=timezone.localdate())
    return body, tasks


def signed_in(browser, live_server, username, viewport):
    context = browser.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    return page


def fits(page, viewport):
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


SMALL_TARGETS = """
() => [...document.querySelectorAll('main a, main button, main input[type=checkbox], main select')]
  .filter(el => el.offsetParent !== null)
  .map(el => [el.textContent.trim().slice(0, 40) || el.name,
              // a checkbox is tapped through its label
              (el.type === 'checkbox' ? el.closest('label') || el : el)
                .getBoundingClientRect().height])
  .filter(([, h]) => h < 44)
"""


@pytest.mark.parametrize("width", ["phone", "desk"])
def test_the_official_sends_a_report_from_the_inbox_and_the_head_confirms_two(
    browser, live_server, department, shots, width
):
    viewport = WIDTHS[width]
    _body, tasks = department
    an = signed_in(browser, live_server, "an", viewport)
    expect(an).to_have_url(f"{live_server.url}/nhiem-vu-cua-toi/")
    expect(an.get_by_role("heading", name="Nhiệm vụ của tôi")).to_be_visible()
    urgent = an.locator(".urgent")
    expect(urgent.get_by_role("heading", name="Cần làm ngay")).to_be_visible()
    expect(urgent.locator(".inbox-item")).to_have_count(4)  # the four overdue tasks
    expect(an.locator("#results .inbox-item")).to_have_count(50)
    expect(an.locator("#results")).to_contain_text("300 nhiệm vụ")
    fits(an, viewport)
    if width == "phone":
        assert an.evaluate(SMALL_TARGETS) == [], an.evaluate(SMALL_TARGETS)
    an.screenshot(path=shots / f"{width}-1-hop-viec.png", full_page=False)

    # Search without diacritics narrows the list (htmx swaps only the list).
    an.get_by_label("Tìm nhiệm vụ").fill("ha tang so")
    expect(an.locator("#results .inbox-item")).to_have_count(1)
    expect(an.locator("#results")).to_contain_text("Hoàn thiện hạ tầng số")
    an.screenshot(path=shots / f"{width}-2-tim-kiem.png", full_page=True)

    first = urgent.locator(".inbox-item").first
    expect(first).to_contain_text("Hoàn thiện hạ tầng số")
    first.get_by_role("button", name="Viết báo cáo Quý IV/2026").click()
    expect(an.get_by_role("heading", name="Hoàn thiện hạ tầng số của tỉnh")).to_be_visible()
    an.get_by_label("% hoàn thành").fill("70")
    an.get_by_label("Kết quả đạt được").fill("Đã hoàn thành 70% khối lượng hạ tầng.")
    an.get_by_role("button", name="Gửi lãnh đạo đơn vị").click()
    expect(an.get_by_text("Báo cáo chưa kèm văn bản, minh chứng nào.")).to_be_visible()
    an.get_by_role("button", name="Gửi không kèm minh chứng").click()
    expect(an.get_by_text("Đã gửi báo cáo tới lãnh đạo đơn vị.")).to_be_visible()
    an.goto(f"{live_server.url}/nhiem-vu-cua-toi/")
    expect(an.locator(".urgent")).to_contain_text("Quý IV/2026: Chờ xác nhận")

    binh = signed_in(browser, live_server, "binh", viewport)
    expect(binh.get_by_role("heading", name="Đơn vị của tôi")).to_be_visible()
    queue = binh.locator(".queue-form .inbox-item")
    expect(queue).to_have_count(4)
    fits(binh, viewport)
    if width == "phone":
        assert binh.evaluate(SMALL_TARGETS) == [], binh.evaluate(SMALL_TARGETS)
    binh.screenshot(path=shots / f"{width}-3-don-vi.png", full_page=True)
    queue.nth(0).get_by_role("checkbox").check()
    queue.nth(1).get_by_role("checkbox").check()
    binh.get_by_role("button", name="Xác nhận các báo cáo đã chọn").click()
    expect(binh.get_by_text("Đã xác nhận 2 báo cáo.")).to_be_visible()
    expect(binh.locator(".queue-form .inbox-item")).to_have_count(2)
    binh.screenshot(path=shots / f"{width}-4-da-xac-nhan.png", full_page=False)
    states = ProgressReport.objects.values_list("state", flat=True)
    assert sorted(states).count(ReportState.CONFIRMED) == 2
