"""The public page of a programme read on a phone and a desk without signing in, and a leader
comparing the programme on the mid-term review and today, in Debian's Chromium."""

from datetime import date

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from programmes.models import AssignmentRole, Role, TaskKind
from tests.accounts.conftest import code_for
from tests.factories import (
    PASSWORD,
    AssignmentFactory,
    BodyFactory,
    ProgrammeFactory,
    TargetFactory,
    TaskFactory,
    UserFactory,
)
from tracking.services.states import task_states_refresh

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def data():
    body = BodyFactory(name="Sở Nông nghiệp và Môi trường tỉnh Đồng Nai", short_name="Sở NN&MT")
    programme = ProgrammeFactory(
        code="17-CTr/TU",
        title="chương trình hành động thực hiện Nghị quyết Đại hội",
        midterm_review_on=date(2023, 12, 15),
        is_public=True,
    )
    group = TaskFactory(
        programme=programme, kind=TaskKind.GROUP, number="I.", title="Phát triển nông nghiệp"
    )
    for n, (title, deadline) in enumerate(
        [("Xây dựng nông thôn mới nâng cao", "Năm 2023"), ("Chuyển đổi số", "Thường xuyên")]
    ):
        task = TaskFactory(programme=programme, parent=group, title=title, position=n + 1)
        task.set_deadline(deadline)
        task.save()
        AssignmentFactory(task=task, body=body, role=AssignmentRole.LEAD)
    TargetFactory(programme=programme, name="Tỷ lệ xã đạt chuẩn nông thôn mới", unit="%")
    cuong = UserFactory(
        username="cuong", full_name="Lê Văn Cường", role=Role.LEADER, body=BodyFactory()
    )
    TOTPDevice.objects.create(user=cuong, name="Điện thoại", confirmed=True)
    task_states_refresh(on=timezone.localdate())
    return programme


@pytest.mark.parametrize("width", [390, 1280])
def test_anyone_reads_the_public_page_of_a_programme(page, live_server, data, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/cong-khai/")
    expect(
        page.get_by_role("heading", name="Tiến độ thực hiện các chương trình hành động")
    ).to_be_visible()
    page.get_by_role("link", name="Chương trình hành động thực hiện Nghị quyết Đại hội").click()
    expect(page.get_by_role("heading", name="Theo nhóm nhiệm vụ")).to_be_visible()
    expect(page.get_by_text("I. Phát triển nông nghiệp")).to_be_visible()
    expect(page.get_by_text("Tỷ lệ xã đạt chuẩn nông thôn mới")).to_be_visible()
    expect(page.locator(".menu-toggle")).to_have_count(0)  # no signed-in menu
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [390, 1280])
def test_leader_compares_the_mid_term_review_and_today(page, live_server, data, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("cuong")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_label("Mã trong ứng dụng xác thực").fill(code_for(TOTPDevice.objects.get()))
    page.get_by_role("button", name="Xác nhận").click()
    page.goto(f"{live_server.url}/chuong-trinh/{data.slug}/tien-do/")
    page.get_by_role("link", name="So sánh hai thời điểm").click()
    expect(page.get_by_role("heading", name="So sánh hai thời điểm")).to_be_visible()
    expect(page.get_by_text("Chương trình tại ngày 15/12/2023")).to_be_visible()
    # The 2023 task was on track at the review and is overdue now: it moved.
    expect(page.locator(".transitions li")).to_have_count(1)
    page.locator("details.group-progress summary").first.click()
    expect(page.get_by_role("link", name="Xây dựng nông thôn mới nâng cao")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_label("Từ ngày").fill("31/02/2023")
    page.get_by_role("button", name="So sánh").click()
    expect(page.get_by_role("alert").first).to_contain_text("dd/mm/yyyy")
    expect(page.get_by_label("Từ ngày")).to_have_value("31/02/2023")
