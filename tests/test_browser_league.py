"""A provincial leader reads the league table of bodies, chooses a period and sorts it, in
Debian's Chromium, on a phone and a desk."""

import os
from datetime import date
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from programmes.models import Role
from tests.accounts.conftest import code_for
from tests.browser import follow_menu
from tests.factories import PASSWORD, BodyFactory, ProgrammeFactory, UserFactory, period_of
from tests.tracking.province import confirmed, make_task

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def data():
    programme = ProgrammeFactory(issued_on=date(2023, 1, 1))
    author = UserFactory()
    q4 = period_of("quarter", 2023, 4)
    for n, name in enumerate(["Sở Kế hoạch và Đầu tư", "Sở Tài chính", "Sở Y tế"]):
        body = BodyFactory(name=f"{name} tỉnh Bình Phước", short_name=name)
        for i in range(n + 1):
            task = make_task(programme, body, "Năm 2027", f"Nhiệm vụ {n}-{i}")
            if i % 2 == 0:
                confirmed(task, body, author, q4, on=date(2023, 12, 16), percent=20)
    cuong = UserFactory(username="cuong", full_name="Lê Văn Cường", role=Role.LEADER)
    TOTPDevice.objects.create(user=cuong, name="Điện thoại", confirmed=True)


@pytest.mark.parametrize("width", [390, 1280])
def test_leader_reads_and_sorts_the_league_table(page, live_server, data, width, tmp_path):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("cuong")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_label("Mã trong ứng dụng xác thực").fill(code_for(TOTPDevice.objects.get()))
    page.get_by_role("button", name="Xác nhận").click()

    follow_menu(page, "Xếp hạng")
    expect(page.get_by_role("heading", name="Bảng xếp hạng cơ quan, đơn vị")).to_be_visible()
    page.get_by_label("Kỳ báo cáo").select_option(label="Quý IV/2023")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator(".league-table tbody tr")).to_have_count(3)
    page.get_by_label("Sắp xếp theo").select_option(label="Báo cáo đúng hạn")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator(".league-table tbody tr").first).to_contain_text("Sở Kế hoạch và Đầu tư")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    folder = Path(os.environ.get("SCREENSHOT_DIR", tmp_path))
    page.screenshot(path=str(folder / f"league-{width}.png"), full_page=True)
