"""Delivery confidence and the forecast in Debian's Chromium, on a phone and a desk: a head
confirms a report with a lower rating (refused without a reason, then with one), and a leader
opens "Dự báo trễ hạn" from the overview and finds the task with its rating."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from programmes.models import Role
from tests.accounts.conftest import code_for
from tests.browser import follow_menu
from tests.factories import PASSWORD, BodyFactory, ProgrammeFactory, UserFactory, period_of
from tests.tracking.province import confirmed, make_task
from tracking.forecast import Confidence
from tracking.models import ProgressReport, ReportState
from tracking.periods import span_containing

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Xây dựng cơ sở dữ liệu đất đai"


@pytest.fixture
def setting():
    """A task due at the end of next year, its last two quarters confirmed (10 %, then 14 %:
    at that pace it finishes years late) and rated High, and this quarter's report submitted
    to Bình, the head."""
    today = timezone.localdate()
    body = BodyFactory(name="Sở Nông nghiệp và Môi trường tỉnh Đồng Nai", short_name="Sở NN&MT")
    programme = ProgrammeFactory(code="17-CTr/TU", issued_on=today.replace(year=today.year - 2))
    task = make_task(programme, body, f"Năm {today.year + 1}", TITLE)
    an = UserFactory(username="an", full_name="Nguyễn Văn An", body=body)
    UserFactory(username="binh", full_name="Trần Thị Bình", role=Role.HEAD, body=body)
    now = span_containing("quarter", today)
    last = span_containing("quarter", now.starts_on - timedelta(days=1))
    before = span_containing("quarter", last.starts_on - timedelta(days=1))
    for span, percent in ((before, 10), (last, 14)):
        report = confirmed(
            task,
            body,
            an,
            period_of("quarter", span.year, span.number),
            on=span.ends_on + timedelta(days=2),
            percent=percent,
        )
    ProgressReport.objects.filter(pk=report.pk).update(confidence=Confidence.HIGH)
    ProgressReport.objects.create(
        task=task,
        body=body,
        period=period_of("quarter", now.year, now.number),
        is_lead=True,
        state=ReportState.SUBMITTED,
        percent=18,
        results="Đã số hóa 18 % hồ sơ địa chính.",
        author=an,
        submitted_at=timezone.now(),
    )
    cuong = UserFactory(
        username="cuong", full_name="Lê Văn Cường", role=Role.LEADER, body=BodyFactory()
    )
    TOTPDevice.objects.create(user=cuong, name="Điện thoại", confirmed=True)
    return task


def sign_in(browser, live_server, username, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    return page


def fits(page, width):
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("width", [390, 1280])
def test_head_rates_and_leader_opens_the_forecast_list(
    browser, live_server, setting, width, tmp_path
):
    binh = sign_in(browser, live_server, "binh", width)
    follow_menu(binh, "Chờ xác nhận")
    binh.get_by_role("link", name=TITLE).click()
    expect(binh.get_by_text("Kỳ trước: Cao.")).to_be_visible()
    expect(binh.get_by_role("radio", name="Cao", exact=True)).to_be_checked()
    binh.get_by_role("radio", name="Thấp", exact=True).check()
    binh.get_by_role("button", name="Xác nhận").click()
    refused = "Mức đánh giá thấp hơn kỳ trước (Cao): hãy nêu lý do."
    expect(binh.locator(".confidence-fields .form-error")).to_have_text(refused)
    expect(binh.get_by_role("radio", name="Thấp", exact=True)).to_be_checked()  # kept
    fits(binh, width)
    binh.screenshot(path=str(tmp_path / f"xac-nhan-{width}.png"), full_page=True)
    binh.get_by_label("Lý do đánh giá").fill("Kinh phí số hóa chưa được bố trí.")
    binh.get_by_role("button", name="Xác nhận").click()
    expect(binh.get_by_text("Đã xác nhận báo cáo.")).to_be_visible()

    cuong = sign_in(browser, live_server, "cuong", width)
    cuong.get_by_label("Mã trong ứng dụng xác thực").fill(code_for(TOTPDevice.objects.get()))
    cuong.get_by_role("button", name="Xác nhận").click()
    follow_menu(cuong, "Tổng quan")
    card = cuong.locator(".kpi", has_text="Dự báo trễ hạn")
    expect(card.locator("strong")).to_have_text("1")
    fits(cuong, width)
    card.click()
    expect(cuong.get_by_role("heading", name="Dự báo trễ hạn")).to_be_visible()
    row = cuong.locator("tbody tr", has_text=TITLE)
    expect(row).to_contain_text("Thấp")
    expect(row).to_contain_text("Dự báo trễ hạn")
    fits(cuong, width)
    cuong.screenshot(path=str(tmp_path / f"du-bao-tre-han-{width}.png"), full_page=True)
    row.get_by_role("link", name=TITLE).click()
    expect(cuong.get_by_text("Kinh phí số hóa chưa được bố trí.")).to_be_visible()
