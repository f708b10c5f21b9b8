"""A provincial leader downloads a programme's tasks, edits them in Excel, uploads the file,
checks old → new in the preview, maps a body the registry does not know, and saves; in
Debian's Chromium, on a phone and a desk."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl import load_workbook
from playwright.sync_api import expect

from programmes.models import Assignment, AssignmentRole, Task, User
from programmes.seeding import seed_load
from tests.accounts.conftest import code_for
from tests.test_browser_programmes import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seeded():
    seed_load(demo_accounts=True)
    leader = User.objects.get(username="tinhuy")
    TOTPDevice.objects.create(user=leader, name="Điện thoại", confirmed=True)


@pytest.mark.parametrize("width", [390, 1280])
def test_leader_round_trips_the_tasks_through_excel(page, live_server, seeded, width, tmp_path):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, "tinhuy")  # back to the programmes' list once signed in
    # Leaders sign in with a code from their authenticator app too.
    page.get_by_label("Mã trong ứng dụng xác thực").fill(code_for(TOTPDevice.objects.get()))
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("heading", name="Chương trình, kế hoạch")).to_be_visible()
    page.get_by_role("link", name="Chương trình hành động của Ban Chấp hành").first.click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải danh sách nhiệm vụ (Excel)").click()
    exported = tmp_path / "xuat.xlsx"
    download.value.save_as(exported)

    book = load_workbook(exported)
    sheet = book.active
    first = next(row for row in sheet.iter_rows(min_row=2) if row[5].value == "Nhiệm vụ")
    task = Task.objects.get(pk=first[6].value)
    old_title = task.title
    first[1].value = f"{old_title} (sửa đổi)"
    first[2].value = "Trung tâm Chuyển đổi số tỉnh"  # not in the registry
    sheet.append(["7", "Xây dựng cơ sở dữ liệu dùng chung", "", "", "Năm 2027"])
    edited = tmp_path / "sua.xlsx"
    book.save(edited)

    page.goto(f"{live_server.url}{task.programme.get_absolute_url()}")
    page.get_by_role("link", name="Nhập nhiệm vụ từ Excel").click()
    page.locator("input[type=file]").set_input_files(str(edited))
    page.get_by_role("button", name="Đọc tệp").click()

    expect(page.get_by_role("alert")).to_contain_text("Trung tâm Chuyển đổi số tỉnh")
    page.get_by_label("Trung tâm Chuyển đổi số tỉnh").select_option(
        label="Sở Thông tin và Truyền thông tỉnh Bình Phước"
    )
    page.get_by_role("button", name="Dùng các cơ quan này").click()

    expect(page.locator(".roundtrip-summary")).to_contain_text("1 thêm mới · 1 thay đổi")
    changes = page.locator(".roundtrip-changes")
    expect(changes.locator("del").first).to_contain_text(old_title[:60])
    expect(changes.locator("ins").first).to_contain_text("(sửa đổi)")
    expect(changes).to_contain_text("Sở Thông tin và Truyền thông tỉnh Bình Phước")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(tmp_path / f"preview-{width}.png"), full_page=True)

    page.get_by_role("button", name="Lưu các thay đổi").click()
    expect(page.locator(".messages, .message").first).to_contain_text(
        "Đã lưu các thay đổi: thêm 1, sửa 1, lưu trữ 0."
    )
    task.refresh_from_db()
    assert task.title == f"{old_title} (sửa đổi)"
    lead = Assignment.objects.current().get(task=task, role=AssignmentRole.LEAD)
    assert lead.body.name == "Sở Thông tin và Truyền thông tỉnh Bình Phước"
    assert Task.objects.filter(title="Xây dựng cơ sở dữ liệu dùng chung").count() == 1
