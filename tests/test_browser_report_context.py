"""The report form and the head's report page in Debian's Chromium, at 390 and 1280 px: the
official sees each target's context, attaches evidence with the Vietnamese picker and sends;
the head sees the previous period's report, returns it, and after the resubmission sees what
changed."""

import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from programmes.models import AssignmentRole, Role
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
from tests.tracking.province import confirmed
from tracking.models import ProgressReport

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def setting():
    body = BodyFactory(name="Sở Kế hoạch và Đầu tư tỉnh Bình Phước", short_name="Sở KH&ĐT")
    programme = ProgrammeFactory(code="17-CTr/TU", title="Chương trình hành động thử nghiệm")
    task = TaskFactory(programme=programme, number="1.", title="Phát triển doanh nghiệp")
    task.set_deadline("Năm 2026")
    task.save()
    AssignmentFactory(task=task, body=body, role=AssignmentRole.LEAD)
    target = TargetFactory(
        programme=programme,
        task=task,
        name="Doanh nghiệp thành lập mới",
        unit="doanh nghiệp",
        planned_value=Decimal("1200"),
        target_year=2026,
        baseline_value=Decimal("850"),
        baseline_year=2020,
    )
    official = UserFactory(username="an", full_name="Nguyễn Văn An", body=body)
    UserFactory(username="binh", full_name="Trần Thị Bình", role=Role.HEAD, body=body)
    confirmed(
        task,
        body,
        official,
        period_of("quarter", 2026, 3),
        on=date(2026, 9, 17),
        percent=55,
        readings={target: Decimal("1034.5")},
    )
    return task


def signed_in(browser, live_server, username, viewport):
    context = browser.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    page = context.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("button", name="Đăng nhập")).to_have_count(0)
    return page


def fits(page, viewport):
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]


@pytest.mark.parametrize("size", SIZES)
def test_target_context_evidence_and_the_heads_diff(
    browser, live_server, setting, shots, tmp_path, size
):
    task, viewport = setting, SIZES[size]
    pdf = tmp_path / "to-trinh.pdf"
    pdf.write_bytes(b"%PDF-1.4\n% to trinh\n")

    an = signed_in(browser, live_server, "an", viewport)
    an.goto(f"{live_server.url}/nhiem-vu/{task.pk}/")
    an.get_by_role("button", name="Quý IV/2026").click()
    facts = an.locator(".reading-facts")
    expect(facts).to_contain_text("Kế hoạch: ≥ 1.200 doanh nghiệp (2026)")
    expect(facts).to_contain_text("Giá trị gốc: 850 doanh nghiệp (2020)")
    expect(facts).to_contain_text("Số liệu gần nhất đã xác nhận: 1.034,5 doanh nghiệp")
    an.get_by_label("% hoàn thành").fill("70")
    an.get_by_label("Kết quả đạt được").fill("Đã thẩm định 12 dự án.")
    an.get_by_label("Doanh nghiệp thành lập mới").fill("1.150")
    expect(an.locator("#save-status")).to_contain_text("Đã lưu nháp lúc")
    expect(an.get_by_text("Chọn tệp", exact=True)).to_be_visible()
    an.get_by_label("Chọn tệp").set_input_files(str(pdf))
    expect(an.locator("[data-file-name]")).to_have_text("to-trinh.pdf")
    an.get_by_label("Số, ký hiệu văn bản").fill("125/TTr-SKHĐT")
    an.get_by_role("button", name="Đính kèm").click()
    expect(an.get_by_role("link", name="125/TTr-SKHĐT")).to_be_visible()
    send = an.get_by_role("button", name="Gửi lãnh đạo đơn vị")
    evidence = an.locator("#evidence").bounding_box()
    assert evidence and send.bounding_box()["y"] > evidence["y"]  # type: ignore[index]
    fits(an, viewport)
    an.screenshot(path=shots / f"{size}-1-soan-bao-cao.png", full_page=True)
    send.click()
    expect(an.get_by_text("Đã gửi báo cáo tới lãnh đạo đơn vị.")).to_be_visible()
    report = ProgressReport.objects.get(period__number=4)

    binh = signed_in(browser, live_server, "binh", viewport)
    binh.goto(f"{live_server.url}/bao-cao/{report.pk}/")
    expect(binh.get_by_text("Báo cáo kỳ trước đã xác nhận: Quý III/2026")).to_be_visible()
    expect(binh.locator(".report-context")).to_contain_text("Thời hạn nhiệm vụ")
    binh.get_by_label("Nội dung cần chỉnh sửa").fill("Ghi rõ số dự án đã trình.")
    binh.get_by_role("button", name="Trả lại người soạn").click()
    expect(binh.get_by_text("Đã trả lại báo cáo cho người soạn.")).to_be_visible()

    an.goto(f"{live_server.url}/bao-cao/{report.pk}/soan/")
    an.get_by_label("Kết quả đạt được").fill("Đã thẩm định 15 dự án, trình UBND tỉnh.")
    an.get_by_role("button", name="Gửi lãnh đạo đơn vị").click()
    expect(an.get_by_text("Đã gửi báo cáo tới lãnh đạo đơn vị.")).to_be_visible()

    binh.goto(f"{live_server.url}/bao-cao/{report.pk}/")
    changed = binh.locator(".since-return")
    expect(changed).to_contain_text("Ghi rõ số dự án đã trình.")
    expect(changed.locator("del").first).to_have_text("12")
    expect(changed.locator("ins").first).to_have_text("15")
    fits(binh, viewport)
    binh.screenshot(path=shots / f"{size}-2-lanh-dao-xem.png", full_page=True)
