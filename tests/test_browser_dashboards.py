"""A provincial leader reads the overview, a list, a programme's progress and searches, in
Debian's Chromium, on a phone and a desk."""

from datetime import date

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from programmes.models import AssignmentRole, Role
from tests.accounts.conftest import code_for
from tests.browser import follow_menu
from tests.factories import (
    PASSWORD,
    AssignmentFactory,
    BodyFactory,
    ProgrammeFactory,
    TaskFactory,
    UserFactory,
)
from tracking.services.states import task_states_refresh

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def data():
    body = BodyFactory(name="Sở Nông nghiệp và Môi trường tỉnh Đồng Nai", short_name="Sở NN&MT")
    programme = ProgrammeFactory(code="17-CTr/TU", midterm_review_on=date(2023, 12, 15))
    for n, (title, deadline) in enumerate(
        [("Xây dựng nông thôn mới nâng cao", "Năm 2023"), ("Chuyển đổi số", "Thường xuyên")]
    ):
        task = TaskFactory(programme=programme, title=title, position=n + 1)
        task.set_deadline(deadline)
        task.save()
        AssignmentFactory(task=task, body=body, role=AssignmentRole.LEAD)
    cuong = UserFactory(
        username="cuong", full_name="Lê Văn Cường", role=Role.LEADER, body=BodyFactory()
    )
    TOTPDevice.objects.create(user=cuong, name="Điện thoại", confirmed=True)
    task_states_refresh(on=timezone.localdate())  # the refresh after midnight
    return programme


@pytest.mark.parametrize("width", [390, 1280])
def test_leader_reads_the_overview_lists_and_searches(page, live_server, data, width, tmp_path):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("cuong")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    # Leaders sign in with a code from their authenticator app too.
    page.get_by_label("Mã trong ứng dụng xác thực").fill(code_for(TOTPDevice.objects.get()))
    page.get_by_role("button", name="Xác nhận").click()

    follow_menu(page, "Tổng quan")
    expect(page.get_by_role("heading", name="Tổng quan")).to_be_visible()
    expect(page.locator(".kpi-bad strong")).to_have_text("1")  # the 2023 task is overdue
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(tmp_path / f"overview-{width}.png"), full_page=True)

    page.get_by_role("link", name="Sơ kết giữa nhiệm kỳ 15/12/2023").click()
    expect(page.get_by_text("Tình hình tại ngày 15/12/2023")).to_be_visible()
    expect(page.locator(".kpi-bad strong")).to_have_text("0")  # not yet due then

    page.goto(f"{live_server.url}/danh-sach/qua-han/")
    expect(page.get_by_role("link", name="Xây dựng nông thôn mới nâng cao")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.goto(f"{live_server.url}/tim-kiem/")
    page.get_by_role("searchbox").fill("nong thon moi")
    expect(page.locator("#results")).to_contain_text("Xây dựng nông thôn mới nâng cao")  # htmx
    page.get_by_role("searchbox").fill("dong nai")
    expect(page.locator("#results")).to_contain_text("Sở Nông nghiệp và Môi trường tỉnh Đồng Nai")
