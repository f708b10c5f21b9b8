"""The reporting journey in Debian's Chromium on a 390 px phone: an official files a report
with an evidence file and a target reading, the head returns it, the official fixes and
resubmits it, the head confirms it, and the task's status and timeline show it."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from programmes.models import AssignmentRole, Role
from tests.browser import follow_menu
from tests.factories import (
    PASSWORD,
    AssignmentFactory,
    BodyFactory,
    ProgrammeFactory,
    TargetFactory,
    TaskFactory,
    UserFactory,
    period_of,
)
from tracking.models import ReportState

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def shots(tmp_path):
    """Where screenshots go: SCREENSHOT_DIR to keep them for checking by eye."""
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def setting():
    body = BodyFactory(name="Sở Kế hoạch và Đầu tư tỉnh Bình Phước", short_name="Sở KH&ĐT")
    programme = ProgrammeFactory(code="17-CTr/TU", title="Chương trình hành động thử nghiệm")
    task = TaskFactory(
        programme=programme, number="1.", title="Rà soát danh mục dự án kêu gọi đầu tư"
    )
    task.set_deadline("Năm 2026")
    task.save()
    AssignmentFactory(task=task, body=body, role=AssignmentRole.LEAD)
    TargetFactory(
        programme=programme, task=task, name="Số dự án được rà soát", unit="dự án", planned_value=20
    )
    official = UserFactory(username="an", full_name="Nguyễn Văn An", body=body)
    head = UserFactory(username="binh", full_name="Trần Thị Bình", role=Role.HEAD, body=body)
    return task, official, head


def signed_in(browser, live_server, username):
    context = browser.new_context(viewport=PHONE, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    return page


def fits(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_report_returned_fixed_and_confirmed(browser, live_server, setting, shots, tmp_path):
    task, _official, _head = setting
    pdf = tmp_path / "ke-hoach.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% ke hoach ra soat\n")

    an = signed_in(browser, live_server, "an")
    follow_menu(an, "Nhiệm vụ của tôi")
    expect(an.get_by_role("heading", name="Nhiệm vụ của tôi")).to_be_visible()
    fits(an)
    an.screenshot(path=shots / "1-nhiem-vu-cua-toi.png", full_page=True)
    # From 2/12 the quarter's report is due within 14 days and the task is in "Cần làm ngay"
    # too: the first link is as good as the other.
    an.get_by_role("link", name="Rà soát danh mục dự án").first.click()
    an.get_by_role("button", name="Quý IV/2026").click()

    expect(an.get_by_role("heading", name="Rà soát danh mục dự án kêu gọi đầu tư")).to_be_visible()
    version = an.locator("#save-status input[name=version]")
    opened = version.input_value()
    an.get_by_label("% hoàn thành").fill("90")
    an.get_by_label("Kết quả đạt được").fill("Đã rà soát 18 dự án.")
    an.get_by_label("Số dự án được rà soát (dự án)").fill("18")
    expect(version).not_to_have_value(opened)  # saved by htmx as she typed
    expect(an.locator("#save-status")).to_contain_text("Đã lưu nháp lúc")
    an.get_by_label("Số, ký hiệu văn bản").fill("125/KH-SKHĐT")
    an.get_by_label("Chọn tệp").set_input_files(str(pdf))
    expect(an.locator("[data-file-name]")).to_have_text(pdf.name)
    an.get_by_role("button", name="Đính kèm").click()
    expect(an.get_by_text("Đã đính kèm minh chứng.")).to_be_visible()
    expect(an.get_by_role("link", name="125/KH-SKHĐT")).to_be_visible()
    expect(an.get_by_label("Kết quả đạt được")).to_have_value("Đã rà soát 18 dự án.")
    fits(an)
    an.screenshot(path=shots / "2-soan-bao-cao.png", full_page=True)
    an.get_by_role("button", name="Gửi lãnh đạo đơn vị").click()
    expect(an.get_by_text("Đã gửi báo cáo tới lãnh đạo đơn vị.")).to_be_visible()

    binh = signed_in(browser, live_server, "binh")
    follow_menu(binh, "Chờ xác nhận")
    binh.get_by_role("link", name="Rà soát danh mục dự án").click()
    expect(binh.get_by_text("18", exact=True)).to_be_visible()
    binh.get_by_label("Nội dung cần chỉnh sửa").fill("Bổ sung danh sách 18 dự án.")
    fits(binh)
    binh.screenshot(path=shots / "3-lanh-dao-xem.png", full_page=True)
    binh.get_by_role("button", name="Trả lại người soạn").click()
    expect(binh.get_by_text("Đã trả lại báo cáo cho người soạn.")).to_be_visible()

    follow_menu(an, "Thông báo")
    an.get_by_role("link", name="Bổ sung danh sách 18 dự án.").click()
    expect(an.get_by_role("alert").first).to_contain_text("Bổ sung danh sách 18 dự án.")
    an.screenshot(path=shots / "4-bi-tra-lai.png", full_page=True)
    an.get_by_label("Kết quả đạt được").fill("Đã rà soát 18 dự án; danh sách kèm theo.")
    an.get_by_role("button", name="Gửi lãnh đạo đơn vị").click()
    expect(an.get_by_text("Đã gửi báo cáo tới lãnh đạo đơn vị.")).to_be_visible()

    follow_menu(binh, "Chờ xác nhận")
    binh.get_by_role("link", name="Rà soát danh mục dự án").click()
    binh.get_by_role("button", name="Xác nhận").click()
    expect(binh.get_by_text("Đã xác nhận báo cáo.")).to_be_visible()

    an.goto(f"{live_server.url}/nhiem-vu/{task.pk}/")
    expect(an.locator(".page-header .status")).to_have_text("Đang thực hiện — đúng tiến độ")
    an.screenshot(path=shots / "5-nhiem-vu.png", full_page=True)
    an.get_by_role("link", name="Dòng thời gian").click()
    timeline = an.locator(".timeline")
    for words in (
        "trả lại báo cáo",
        "Bổ sung danh sách 18 dự án.",
        "xác nhận báo cáo",
        "đính kèm minh chứng",
        "Đang thực hiện — đúng tiến độ",
    ):
        expect(timeline).to_contain_text(words)
    fits(an)
    an.screenshot(path=shots / "6-dong-thoi-gian.png", full_page=True)
    assert task.reports.get().state == ReportState.CONFIRMED


def test_text_typed_while_the_connection_is_lost_is_offered_back(
    browser, live_server, setting, shots
):
    task, official, _head = setting
    from tracking.services import report_start

    report = report_start(task=task, period=period_of("quarter", 2026, 4), by=official)
    an = signed_in(browser, live_server, "an")
    an.goto(f"{live_server.url}/bao-cao/{report.pk}/soan/")
    # The connection drops: every autosave fails.
    an.route(
        "**/soan/",
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    an.get_by_label("Kết quả đạt được").fill("Đã làm việc với 5 nhà đầu tư.")
    expect(an.locator("#save-status .offline")).to_contain_text("mất kết nối")
    an.unroute("**/soan/")
    an.reload()

    expect(an.get_by_role("alert")).to_contain_text("chưa được lưu")
    an.screenshot(path=shots / "7-khoi-phuc-ban-nhap.png", full_page=True)
    an.get_by_role("button", name="Khôi phục").click()
    expect(an.get_by_label("Kết quả đạt được")).to_have_value("Đã làm việc với 5 nhà đầu tư.")
    version = an.locator("#save-status input[name=version]")
    expect(version).not_to_have_value(str(report.version))  # saved now that it is back
    report.refresh_from_db()
    assert report.results == "Đã làm việc với 5 nhà đầu tư."
