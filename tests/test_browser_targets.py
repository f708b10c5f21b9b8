"""A provincial leader reads the targets along their path, on a phone and a desk, in Debian's
Chromium: the table with a chart per target, then one target's own page."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from programmes.models import Role
from tests.accounts.conftest import code_for
from tests.factories import (
    PASSWORD,
    BodyFactory,
    ProgrammeFactory,
    TargetFactory,
    TaskFactory,
    UserFactory,
    period_of,
)
from tracking.models import TargetReading

pytestmark = pytest.mark.django_db(transaction=True)


def read(target, year, value):
    period = period_of("year", year)
    recorded = datetime.combine(period.ends_on + timedelta(days=5), datetime.min.time())
    TargetReading.objects.create(
        target=target,
        period=period,
        value=Decimal(value),
        recorded_at=timezone.make_aware(recorded),
    )


@pytest.fixture
def data():
    programme = ProgrammeFactory(code="17-CTr/TU", midterm_review_on=date(2023, 12, 15))
    task = TaskFactory(programme=programme, title="Phát triển đô thị", position=1)
    urban = TargetFactory(
        programme=programme,
        task=task,
        position=1,
        name="Tỷ lệ đô thị hóa",
        unit="%",
        baseline_value=Decimal("10"),
        baseline_year=2020,
        planned_value=Decimal("30"),
        target_year=2026,
    )
    urban.milestones.create(year=2025, value=Decimal("25"))
    poor = TargetFactory(
        programme=programme,
        position=2,
        name="Tỷ lệ hộ nghèo",
        unit="%",
        comparator="lte",
        baseline_value=Decimal("4"),
        baseline_year=2020,
        planned_value=Decimal("1"),
        target_year=2026,
    )
    for year, value in ((2021, "12"), (2022, "15"), (2023, "18")):
        read(urban, year, value)
    for year, value in ((2021, "3.5"), (2022, "3"), (2023, "1.8")):
        read(poor, year, value)
    cuong = UserFactory(
        username="cuong", full_name="Lê Văn Cường", role=Role.LEADER, body=BodyFactory()
    )
    TOTPDevice.objects.create(user=cuong, name="Điện thoại", confirmed=True)
    return programme


@pytest.mark.parametrize("width", [390, 1280])
def test_leader_reads_targets_along_their_path(page, live_server, data, width, tmp_path):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("cuong")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_label("Mã trong ứng dụng xác thực").fill(code_for(TOTPDevice.objects.get()))
    page.get_by_role("button", name="Xác nhận").click()

    page.goto(f"{live_server.url}/chuong-trinh/{data.slug}/chi-tieu/?ngay=31/12/2023")
    expect(page.get_by_role("heading", name="Chỉ tiêu")).to_be_visible()
    rows = page.locator("table.targets-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Chậm so với lộ trình")  # 18 where 20 is expected
    expect(rows.nth(1)).to_contain_text("Đúng lộ trình")  # 1,8 where 2,5 is expected
    expect(rows.nth(1)).to_contain_text("55,6%")
    expect(page.locator("svg.target-chart")).to_have_count(2)
    expect(page.locator("svg.target-chart circle")).to_have_count(6)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(tmp_path / f"targets-{width}.png"), full_page=True)

    page.get_by_role("link", name="Tỷ lệ đô thị hóa").click()
    expect(page.get_by_role("heading", name="Tỷ lệ đô thị hóa")).to_be_visible()
    expect(page.get_by_role("heading", name="Lộ trình")).to_be_visible()
    expect(page.get_by_text("Mốc", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Phát triển đô thị")).to_be_visible()
    chart = page.locator("svg.target-chart")
    expect(chart.locator("text", has_text="18")).to_be_visible()  # read without hovering
    box = chart.bounding_box()
    assert box is not None and box["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(tmp_path / f"target-{width}.png"), full_page=True)
