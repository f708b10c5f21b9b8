"""The addressed body's head answers a proposal from the queue; the proposing official reads
the answer on the task's page and finds a locked period's report closed; in Debian's
Chromium, on a phone and a desk."""

import os
from datetime import date
from pathlib import Path

import pytest
import time_machine
from playwright.sync_api import expect

from programmes.models import AssignmentRole, Role
from tests.browser import follow_menu
from tests.factories import (
    PASSWORD,
    AssignmentFactory,
    BodyFactory,
    ProgrammeFactory,
    TaskFactory,
    UserFactory,
    period_of,
)
from tracking import services
from tracking.services import ReportData
from tracking.services.locks import period_lock

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def data():
    ubnd = BodyFactory(name="Ủy ban nhân dân tỉnh Bình Phước", short_name="UBND tỉnh")
    department = BodyFactory(name="Sở Kế hoạch và Đầu tư tỉnh Bình Phước", short_name="Sở KH&ĐT")
    programme = ProgrammeFactory(code="17-CTr/TU", issuing_body=ubnd, issued_on=date(2023, 1, 1))
    task = TaskFactory(programme=programme, title="Rà soát danh mục dự án kêu gọi đầu tư")
    task.set_deadline("Năm 2027")
    task.save()
    AssignmentFactory(task=task, body=department, role=AssignmentRole.LEAD)
    an = UserFactory(username="an", full_name="Nguyễn Văn An", body=department)
    binh = UserFactory(username="binh", full_name="Trần Thị Bình", role=Role.HEAD, body=department)
    UserFactory(username="giang", full_name="Đỗ Văn Giang", role=Role.HEAD, body=ubnd)
    admin = UserFactory(username="dung", role=Role.ADMIN, body=None, is_superuser=True)
    period = period_of("quarter", 2023, 2)
    with time_machine.travel(date(2023, 6, 20)):  # a day Q2/2023 is owed
        report = _written_and_confirmed(task, period, an, binh)
    period_lock(period=period, by=admin, reason="Đã sơ kết quý II")
    return task, report


def _written_and_confirmed(task, period, an, binh):
    report = services.report_start(task=task, period=period, by=an)
    report = services.report_save(
        report=report,
        by=an,
        data=ReportData(
            progress="in_progress",
            percent=30,
            completed_on=None,
            blocked=True,
            results="Đã rà soát 12 dự án.",
            difficulties="Thiếu vốn đối ứng.",
            proposals="- Đề nghị bổ sung kinh phí 2 tỷ đồng cho công tác rà soát.\n"
            "- Đề nghị giao Sở Tài nguyên và Môi trường hoàn thiện hồ sơ đất đai.",
            readings={},
        ),
        version=report.version,
    )
    report = services.report_submit(report=report, by=an, version=report.version)
    return services.report_confirm(report=report, by=binh, version=report.version)


def sign_in(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def shot(page, name: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("width", [390, 1280])
def test_a_head_answers_and_the_proposing_body_reads_it(page, live_server, data, width, tmp_path):
    task, report = data
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, "giang")
    follow_menu(page, "Kiến nghị, đề xuất")
    expect(page.get_by_role("heading", name="Khó khăn, vướng mắc và kiến nghị")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot(page, f"proposal-queue-{width}", tmp_path)
    page.get_by_role("link", name="Đề nghị bổ sung kinh phí 2 tỷ đồng").click()
    shot(page, f"proposal-detail-{width}", tmp_path)
    page.get_by_label("Trả lời").fill("Đã trình UBND tỉnh bố trí 2 tỷ đồng từ nguồn dự phòng.")
    page.get_by_role("button", name="Gửi trả lời").click()
    expect(page.get_by_text("Đã cập nhật kiến nghị.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    sign_in(page, live_server, "an")
    page.goto(f"{live_server.url}/nhiem-vu/{task.pk}/")
    expect(page.get_by_text("Đã trình UBND tỉnh bố trí 2 tỷ đồng")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot(page, f"task-proposals-{width}", tmp_path)
    page.goto(f"{live_server.url}/bao-cao/{report.pk}/")
    expect(page.get_by_text("đã khóa sổ").first).to_be_visible()
    shot(page, f"report-locked-{width}", tmp_path)
