"""Sign-in pages in Debian's Chromium at 390 and 1280 px: an admin sets up two-step sign-in
and reads the leaders' pages with no Content-Security-Policy violation; wrong passwords lock
the sign-in, a new password by email lifts it; the error pages fit a phone."""

import os
import re
from base64 import b32decode
from pathlib import Path

import pytest
from django.core import mail
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.factories import PASSWORD, AssignmentFactory, ProgrammeFactory, TaskFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shots(tmp_path):
    """Where screenshots go: SCREENSHOT_DIR to keep them for checking by eye."""
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def csp_violations(page):
    """Console reports of anything the Content-Security-Policy refused."""
    found: list[str] = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


def fits(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [390, 1280])
def test_admin_sets_up_two_step_sign_in_then_reads_the_leaders_pages(
    page, live_server, admin_user, official, width, shots, csp_violations
):
    programme = ProgrammeFactory(code="17-CTr/TU")
    AssignmentFactory(task=TaskFactory(programme=programme), body=official.body)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/tong-quan/")
    page.get_by_label("Tên đăng nhập").fill(admin_user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.screenshot(path=str(shots / f"login-{width}.png"), full_page=True)
    page.get_by_role("button", name="Đăng nhập").click()

    expect(page.get_by_role("heading", name="Cài đặt đăng nhập hai bước")).to_be_visible()
    expect(page.locator(".qr svg")).to_be_visible()
    fits(page, width)
    page.screenshot(path=str(shots / f"otp-setup-{width}.png"), full_page=True)
    secret = re.sub(r"\s", "", page.locator(".otp-secret").inner_text())
    page.get_by_label("Mã trong ứng dụng xác thực").fill("000000")
    page.get_by_role("button", name="Xác nhận và đăng nhập").click()
    expect(page.get_by_role("alert")).to_contain_text("Mã không khớp")
    page.get_by_label("Mã trong ứng dụng xác thực").fill(f"{totp(b32decode(secret)):06d}")
    page.get_by_role("button", name="Xác nhận và đăng nhập").click()

    expect(page.get_by_role("heading", name="Tổng quan")).to_be_visible()  # where it was going
    expect(page.locator(".status-bar svg.seg").first).to_be_visible()
    fits(page, width)
    page.screenshot(path=str(shots / f"overview-{width}.png"), full_page=True)
    page.goto(f"{live_server.url}/chuong-trinh/{programme.slug}/")
    page.goto(f"{live_server.url}/co-quan/")
    page.goto(f"{live_server.url}/tim-kiem/")
    page.get_by_role("searchbox").fill("so")
    expect(page.locator("#results")).to_be_visible()  # htmx still works under the policy
    # Django's admin is CSP-clean too (its scripts are files; it sets styles through the DOM).
    for path in ("", "user/", f"user/{official.pk}/change/", "task/add/", "body/add/"):
        page.goto(f"{live_server.url}/quan-tri/programmes/{path}")
        expect(page.locator("#content")).to_be_visible()
    assert csp_violations == []


@pytest.mark.parametrize("width", [390, 1280])
def test_wrong_passwords_lock_and_a_new_password_by_email_unlocks(
    page, live_server, official, width, shots, settings, csp_violations
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = live_server.url
    official.email = "an@skhdt.gov.vn"
    official.save(update_fields=["email"])
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/dang-nhap/")
    for _ in range(5):
        page.get_by_label("Tên đăng nhập").fill("an")
        page.get_by_label("Mật khẩu").fill("sai-mat-khau")
        page.get_by_role("button", name="Đăng nhập").click()
        if page.get_by_role("heading", name="Tạm khoá đăng nhập").is_visible():
            break
    expect(page.get_by_role("heading", name="Tạm khoá đăng nhập")).to_be_visible()
    expect(page.get_by_text("15 phút")).to_be_visible()
    fits(page, width)
    page.screenshot(path=str(shots / f"lockout-{width}.png"), full_page=True)

    page.get_by_role("button", name="Đặt mật khẩu mới").click()
    expect(page.get_by_role("heading", name="Quên mật khẩu?")).to_be_visible()
    fits(page, width)
    page.screenshot(path=str(shots / f"password-reset-{width}.png"), full_page=True)
    page.get_by_label("Địa chỉ email").fill("an@skhdt.gov.vn")
    page.get_by_role("button", name="Gửi liên kết").click()
    expect(page.get_by_role("heading", name="Kiểm tra hộp thư")).to_be_visible()
    page.screenshot(path=str(shots / f"password-reset-done-{width}.png"), full_page=True)

    link = re.search(r"http\S+/dat-lai-mat-khau/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    expect(page.get_by_role("heading", name="Đặt mật khẩu mới")).to_be_visible()
    fits(page, width)
    page.screenshot(path=str(shots / f"password-reset-confirm-{width}.png"), full_page=True)
    page.get_by_label("Mật khẩu mới", exact=True).fill("Bau-troi-xanh-2026")
    page.get_by_label("Nhập lại mật khẩu mới").fill("Bau-troi-xanh-2026")
    page.get_by_role("button", name="Lưu mật khẩu mới").click()
    expect(page.get_by_role("heading", name="Đã đổi mật khẩu")).to_be_visible()

    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_label("Tên đăng nhập").fill("an")
    page.get_by_label("Mật khẩu").fill("Bau-troi-xanh-2026")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Nhiệm vụ của tôi")).to_be_visible()  # her inbox
    assert csp_violations == []


@pytest.mark.parametrize("width", [390, 1280])
def test_error_pages_are_vietnamese_and_fit(page, live_server, width, shots, csp_violations):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/khong-co-trang-nay/")
    expect(page.get_by_role("heading", name="Không tìm thấy")).to_be_visible()
    fits(page, width)
    page.screenshot(path=str(shots / f"error-404-{width}.png"), full_page=True)
    assert csp_violations == []


@pytest.mark.parametrize("width", [390, 1280])
def test_leader_signs_in_with_a_code(page, live_server, leader, width, shots, csp_violations):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.accounts.conftest import code_for

    app = TOTPDevice.objects.create(user=leader, name="Điện thoại", confirmed=True)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(leader.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Mã đăng nhập")).to_be_visible()
    page.get_by_label("Mã trong ứng dụng xác thực").fill("123 45")
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("alert")).to_contain_text("sáu chữ số")
    fits(page, width)
    page.screenshot(path=str(shots / f"otp-code-{width}.png"), full_page=True)
    page.get_by_label("Mã trong ứng dụng xác thực").fill(code_for(app))
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("heading", name="Tổng quan", exact=True)).to_be_visible()
    assert csp_violations == []
