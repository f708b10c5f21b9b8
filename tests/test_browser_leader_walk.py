"""A provincial leader's walk on a generated province, on a phone and a desk: from the
overview's "Quá hạn" number to the list it counts, to a task, to its report, in three
clicks; the list holds as many tasks as the number said, in the programme's numbering order
(1.2 before 1.10)."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from demo.province import Scale, generate
from programmes.models import User
from tests.accounts.conftest import code_for
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

# Two programmes of 8 groups × 11 tasks (numbers 1.1 … 1.11), one quarter of reports.
SMALL = Scale(bodies=10, programmes=2, tasks_per_programme=96, accounts=20, reports=900, years=5)


@pytest.fixture
def province():
    generate(SMALL, log=lambda message: None)
    leader = User.objects.get(username="demo-0001")  # a leader of the province
    leader.set_password(PASSWORD)
    leader.save(update_fields=["password"])
    TOTPDevice.objects.create(user=leader, name="Điện thoại", confirmed=True)
    return leader


def numbering(heading: str) -> tuple[int, ...]:
    """ "1.10 Triển khai …" → (1, 10)."""
    return tuple(int(part) for part in heading.split()[0].strip(".").split("."))


@pytest.mark.parametrize("width", [390, 1280])
def test_leader_walks_from_a_number_to_a_report(page, live_server, province, width, tmp_path):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/dang-nhap/?next=/tong-quan/")
    page.get_by_label("Tên đăng nhập").fill(province.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_label("Mã trong ứng dụng xác thực").fill(code_for(TOTPDevice.objects.get()))
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("heading", name="Tổng quan", exact=True)).to_be_visible()

    overdue = int(page.locator(".kpi-bad strong").inner_text().replace(".", ""))
    assert overdue > 50  # more than a page: the count is the list's, not the page's
    page.screenshot(path=str(tmp_path / f"overview-{width}.png"), full_page=True)

    page.locator(".kpi-bad").click()  # click 1: the number
    expect(page.get_by_role("heading", name="Nhiệm vụ quá hạn")).to_be_visible()
    counted = page.locator("#results > p.muted").inner_text()
    assert int(re.match(r"[\d.]+", counted).group().replace(".", "")) == overdue
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    rows = page.locator("#results tbody tr")
    programmes = rows.locator("td:nth-child(1)").all_inner_texts()
    headings = rows.locator("td:nth-child(2) a").all_inner_texts()
    assert len(headings) == 50  # the first page
    for programme in set(programmes):
        numbers = [
            numbering(h) for p, h in zip(programmes, headings, strict=True) if p == programme
        ]
        assert numbers == sorted(numbers), programme
    numbers = [numbering(h) for h in headings]
    # "x.10" sorts as ten, after x.2 …, not as "x.1" and a zero: a row of two digits has the
    # one-digit rows of its group before it, none after it.
    ten = next(i for i, n in enumerate(numbers) if n[-1] >= 10)
    group = [(i, n) for i, n in enumerate(numbers) if programmes[i] == programmes[ten]]
    group = [(i, n) for i, n in group if n[:-1] == numbers[ten][:-1]]
    assert [i for i, n in group if n[-1] < 10 and i < ten]
    assert not [i for i, n in group if n[-1] < 10 and i > ten]
    page.screenshot(path=str(tmp_path / f"overdue-{width}.png"), full_page=True)

    task_heading = headings[ten]
    rows.locator("td:nth-child(2) a").nth(ten).click()  # click 2: a task
    expect(page.locator("h1")).to_contain_text(task_heading.split(" ", 1)[1][:40])
    expect(page.locator(".status").first).to_have_text("Quá hạn")

    report = page.locator(".report-list a").first  # click 3: its report
    period = report.inner_text()
    report.click()
    expect(page).to_have_url(re.compile(r"/bao-cao/\d+/$"))
    expect(page.get_by_text(period.split(" · ")[0]).first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(tmp_path / f"report-{width}.png"), full_page=True)
