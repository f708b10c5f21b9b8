"""A provincial leader pastes a published text, corrects the draft in the editor (a row added,
moved and indented, a coordinating body chosen) and saves it, in Debian's Chromium, on a phone
and a desk."""

from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from programmes.models import Assignment, Role, Task
from tests.accounts.conftest import code_for
from tests.factories import PASSWORD, BodyFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

TEXT = (
    Path(__file__).parent
    / "fixtures"
    / "programme_texts"
    / "kon_tum_de_an_nguoi_co_uy_tin_phan_cong.txt"
)


@pytest.fixture
def programme():
    BodyFactory(name="Sở Tài chính", short_name="STC")
    cuong = UserFactory(
        username="cuong", full_name="Lê Văn Cường", role=Role.LEADER, body=BodyFactory()
    )
    TOTPDevice.objects.create(user=cuong, name="Điện thoại", confirmed=True)
    return ProgrammeFactory(code="15-KH/UBND", title="Kế hoạch thực hiện Đề án người có uy tín")


@pytest.mark.parametrize("width", [390, 1280])
def test_leader_corrects_a_draft_and_saves_it(page, live_server, programme, width, tmp_path):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("cuong")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_label("Mã trong ứng dụng xác thực").fill(code_for(TOTPDevice.objects.get()))
    page.get_by_role("button", name="Xác nhận").click()

    page.goto(f"{live_server.url}{programme.get_absolute_url()}")
    page.get_by_role("link", name="Lập danh sách nhiệm vụ từ văn bản chương trình").click()
    page.get_by_label("Toàn văn chương trình như đã ban hành").fill(TEXT.read_text())
    page.get_by_role("button", name="Đọc văn bản").click()

    rows = page.locator("[data-rows=task] > [data-row]")
    read = rows.count()
    assert read >= 3
    titles = [rows.nth(n).locator("textarea").input_value() for n in range(read)]

    page.get_by_role("button", name="Thêm nhiệm vụ").click()  # a new last row, at the top level
    expect(rows).to_have_count(read + 1)
    # the new row wherever it moves (``rows.last`` would follow the last row)
    new = rows.filter(has=page.locator(f"#{rows.last.locator('textarea').get_attribute('id')}"))
    new.get_by_label("Nhiệm vụ", exact=True).fill("Tập huấn cho người có uy tín")
    new.get_by_label("Thời hạn").fill("Quý III/2027")
    new.get_by_label("Phối hợp").fill("Sở Tài chính")
    new.get_by_role("button", name="Chuyển lên").click()  # now between the last two read rows
    new.get_by_role("button", name="Thụt vào một cấp").click()  # a sub-task of the row above
    expect(rows.nth(read - 1)).to_have_attribute("data-depth", "1")
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scroll
    page.screenshot(path=str(tmp_path / f"draft-{width}.png"), full_page=True)

    page.get_by_role("button", name="Lưu bản nháp").click()
    expect(page.get_by_text(f"Đã thêm {read + 1} nhiệm vụ")).to_be_visible()
    added = page.locator(".task-tree > li").filter(has_text="Tập huấn cho người có uy tín")
    expect(added).to_have_attribute("data-depth", "1")
    expect(added).to_contain_text("STC")  # the coordinating body, by its short name
    expect(added.locator(".badge")).to_have_count(0)  # a task, not a group

    saved = Task.objects.get(programme=programme, title="Tập huấn cho người có uy tín")
    assert saved.parent is not None and saved.parent.title == titles[read - 2]
    assert saved.deadline_text == "Quý III/2027"
    assert Assignment.objects.filter(task=saved, role="coordinating").count() == 1
    last = Task.objects.filter(programme=programme).order_by("tree_key").last()
    assert last is not None and last.title == titles[-1]
