"""Dung, the admin, makes a province's accounts from an Excel list: from the admin's accounts
list to the preview, then saves them all, in Debian's Chromium, on a phone and a desk."""

import pytest
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl import Workbook
from playwright.sync_api import expect

from programmes.models import Role, User
from tests.accounts.conftest import code_for
from tests.factories import PASSWORD, BodyFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def dung(settings, monkeypatch):
    from celery import current_app

    def no_broker(*args, **kwargs):
        raise ConnectionError("no broker")

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    monkeypatch.setattr(current_app, "send_task", no_broker)  # the emails go from the request
    BodyFactory(name="Sở Tài chính tỉnh Đồng Nai", short_name="Sở Tài chính")
    dung = UserFactory(
        username="dung",
        full_name="Phạm Thị Dung",
        role=Role.ADMIN,
        body=None,
        is_staff=True,
        is_superuser=True,
    )
    TOTPDevice.objects.create(user=dung, name="Điện thoại", confirmed=True)
    return dung


def sheet(path, *rows):
    book = Workbook()
    book.active.append(["Họ và tên", "Email", "Cơ quan", "Vai trò"])
    for row in rows:
        book.active.append(list(row))
    book.save(path)
    return path


@pytest.mark.parametrize("width", [390, 1280])
def test_admin_imports_a_province_account_list(page, live_server, dung, width, tmp_path):
    bad = sheet(
        tmp_path / "sai.xlsx",
        ["Vũ Thị Hoa", "hoa@stc.gov.vn", "So Tai chinh", "Cán bộ"],
        ["Đặng Văn Khánh", "khanh@stc.gov.vn", "Sở Không Có", "Cán bộ"],
    )
    good = sheet(
        tmp_path / "dung.xlsx",
        ["Vũ Thị Hoa", "hoa@stc.gov.vn", "So Tai chinh", "Cán bộ"],
        ["Đặng Văn Khánh", "khanh@stc.gov.vn", "Sở Tài chính", "Lãnh đạo đơn vị"],
    )
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("dung")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_label("Mã trong ứng dụng xác thực").fill(code_for(TOTPDevice.objects.get()))
    page.get_by_role("button", name="Xác nhận").click()

    page.goto(f"{live_server.url}/quan-tri/programmes/user/")
    page.get_by_role("link", name="Nhập tài khoản từ Excel").click()
    expect(page.get_by_role("heading", name="Nhập tài khoản từ Excel")).to_be_visible()

    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Đọc tệp").click()
    expect(page.get_by_text("Dòng 3, cột C: Không có cơ quan “Sở Không Có”.")).to_be_visible()
    expect(page.get_by_role("button", name="Lưu tất cả")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.get_by_role("link", name="Tải lên tệp đã sửa").click()
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(good))
    page.get_by_role("button", name="Đọc tệp").click()
    expect(page.get_by_text("2 dòng sẵn sàng để lưu.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(tmp_path / f"account-preview-{width}.png"), full_page=True)
    page.get_by_role("button", name="Lưu tất cả").click()
    expect(page.get_by_text("Đã tạo 2 tài khoản")).to_be_visible()
    assert User.objects.get(email="khanh@stc.gov.vn").role == Role.HEAD
    assert sorted(m.to[0] for m in mail.outbox) == ["hoa@stc.gov.vn", "khanh@stc.gov.vn"]
