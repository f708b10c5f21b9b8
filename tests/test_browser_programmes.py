"""A signed-in official reads the seed programmes in Debian's Chromium, on a phone and a desk."""

import pytest
from playwright.sync_api import expect

from programmes.seeding import DEMO_PASSWORD, seed_load
from tests.browser import follow_menu

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seeded():
    seed_load(demo_accounts=True)


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/chuong-trinh/")
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


@pytest.mark.parametrize("width", [390, 1280])
def test_official_reads_a_programme_and_its_bodies(page, live_server, seeded, width, tmp_path):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, "canbo")

    follow_menu(page, "Chương trình")  # an official lands on the inbox
    expect(page.get_by_role("heading", name="Chương trình, kế hoạch")).to_be_visible()
    page.get_by_role("link", name="Chương trình hành động của Ban Chấp hành").click()

    expect(page.locator(".code").first).to_have_text("17-CTr/TU")
    expect(page.get_by_role("heading", name="Đến năm 2045")).to_be_visible()
    expect(page.locator(".task-breakthrough")).to_have_count(3)
    expect(page.locator(".task-task")).to_have_count(6)
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scroll
    page.screenshot(path=str(tmp_path / f"programme-{width}.png"), full_page=True)

    follow_menu(page, "Cơ quan, đơn vị")
    expect(page.get_by_role("heading", name="Cơ quan, đơn vị")).to_be_visible()
    page.get_by_role("link", name="Ban Thường vụ Tỉnh ủy Bình Phước").click()
    expect(page.get_by_role("heading", name="Ban Thường vụ Tỉnh ủy Bình Phước")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_wrong_password_gets_a_vietnamese_message(page, live_server, seeded):
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("canbo")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("alert")).to_contain_text("Tên đăng nhập")
