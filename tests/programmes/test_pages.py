from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes.models import AssignmentRole, Goal, TaskKind
from programmes.services import body_merge
from tests.factories import (
    AssignmentFactory,
    BodyFactory,
    GoalFactory,
    ProgrammeFactory,
    TargetFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db


def programme_with_tasks(count: int):
    programme = ProgrammeFactory(code="17-CTr/TU", slug="bp-17")
    GoalFactory(programme=programme, horizon=2025)
    GoalFactory(programme=programme, horizon=2030, text="Đến 2030 trở thành tỉnh công nghiệp.")
    GoalFactory(programme=programme, kind=Goal.Kind.SPECIFIC, horizon=None, text="Cụ thể.")
    TargetFactory(programme=programme)
    group = TaskFactory(programme=programme, kind=TaskKind.GROUP, number="I.")
    for n in range(count):
        task = TaskFactory(programme=programme, parent=group, number=f"{n + 1}.", position=n + 1)
        AssignmentFactory(task=task, role=AssignmentRole.LEAD)
        AssignmentFactory(task=task, role=AssignmentRole.COORDINATING)
        AssignmentFactory(task=task, role=AssignmentRole.COORDINATING)
    return programme


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        reverse("programmes:programme-list"),
        reverse("programmes:programme-detail", args=["bp-17"]),
        reverse("programmes:body-list"),
        reverse("programmes:body-detail", args=[1]),
    ],
)
def test_anonymous_people_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_sign_in_page_is_in_vietnamese_whatever_the_browser_says(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Đăng nhập" in response.text
    assert response["Content-Language"] == "vi"


def test_english_is_there_for_those_who_choose_it(client, official):
    client.force_login(official)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/chuong-trinh/"})
    response = client.get(reverse("programmes:programme-list"))
    assert "Programmes and plans" in response.text


def test_programme_list_shows_programmes_and_plans_but_not_resolutions(client, official):
    ProgrammeFactory(title="Chương trình hành động về chuyển đổi số")
    ProgrammeFactory(kind="resolution", title="Nghị quyết Đại hội lần thứ XI")
    client.force_login(official)
    response = client.get(reverse("programmes:programme-list"))
    assert "Chương trình hành động về chuyển đổi số" in response.text
    assert "Nghị quyết Đại hội lần thứ XI" not in response.text


def test_programme_page_shows_the_numbered_tree_goals_targets_and_bodies(client, official):
    programme = programme_with_tasks(2)
    task = programme.tasks.get(number="1.")
    task.set_deadline("Quý II/2023")
    task.save()
    client.force_login(official)

    response = client.get(programme.get_absolute_url())

    page = response.text
    assert "17-CTr/TU" in page
    assert "Đến năm 2025" in page and "Đến năm 2030" in page
    assert "Mục tiêu cụ thể" in page
    assert "8,5" in page  # the target's planned value, written the Vietnamese way
    assert "Quý II/2023" in page and "hạn 30/06/2023" in page
    lead = task.assignments.get(role=AssignmentRole.LEAD).body
    assert lead.short_name in page
    assert "Chưa có thời hạn" in page  # the second task


def test_programme_page_says_what_the_text_does_not_give(client, official):
    programme = ProgrammeFactory(code="", issued_on=None)
    TaskFactory(programme=programme)
    client.force_login(official)
    page = client.get(programme.get_absolute_url()).text
    assert "Chưa phân công" in page
    assert "Văn bản chương trình không nêu chỉ tiêu định lượng." in page
    assert "Chưa định ngày" in page


def test_unknown_programme_is_not_found(client, official):
    client.force_login(official)
    assert client.get(reverse("programmes:programme-detail", args=["khong-co"])).status_code == 404


def test_programme_page_queries_do_not_grow_with_its_tasks(client, official):
    client.force_login(official)
    small = queries_for(client, programme_with_tasks(3).get_absolute_url())
    ProgrammeFactory._meta.model.objects.all().delete()
    large = queries_for(client, programme_with_tasks(30).get_absolute_url())
    assert small == large


def test_programme_page_query_budget(client, official, django_assert_max_num_queries):
    programme = programme_with_tasks(20)
    client.force_login(official)
    with django_assert_max_num_queries(11):  # 10, and the tasks' kept states in one
        client.get(programme.get_absolute_url())


def test_programme_list_query_budget(client, official, django_assert_max_num_queries):
    for _ in range(15):
        TaskFactory.create_batch(3, programme=ProgrammeFactory())
    client.force_login(official)
    with django_assert_max_num_queries(5):
        response = client.get(reverse("programmes:programme-list"))
    assert response.text.count('class="programme-card"') == 15


def test_body_list_shows_the_tree_and_merged_bodies(
    client, official, django_assert_max_num_queries
):
    ubnd = BodyFactory(name="Ủy ban nhân dân tỉnh Bình Phước", kind="peoples_committee")
    planning = BodyFactory(name="Sở Kế hoạch và Đầu tư tỉnh Bình Phước", parent=ubnd)
    finance = BodyFactory(name="Sở Tài chính", short_name="Sở TC", parent=ubnd)
    for _ in range(20):
        BodyFactory(parent=ubnd)
    body_merge(sources=[planning], into=finance, on=date(2025, 3, 1))
    client.force_login(official)
    with django_assert_max_num_queries(5):
        page = client.get(reverse("programmes:body-list")).text
    assert page.index("Ủy ban nhân dân tỉnh Bình Phước") < page.index(
        "Sở Kế hoạch và Đầu tư tỉnh Bình Phước"
    )
    assert "đã sáp nhập vào Sở TC ngày 01/03/2025" in page


def test_body_page_lists_its_tasks_including_those_carried_over(
    client, official, django_assert_max_num_queries
):
    planning = BodyFactory(name="Sở Kế hoạch và Đầu tư", short_name="Sở KH&ĐT")
    finance = BodyFactory(name="Sở Tài chính")
    tasks = [AssignmentFactory(body=planning).task for _ in range(5)]
    body_merge(sources=[planning], into=finance, on=date(2025, 3, 1))
    client.force_login(official)
    with django_assert_max_num_queries(10):
        page = client.get(finance.get_absolute_url()).text
    for task in tasks:
        assert task.title in page
    assert "kế thừa từ Sở KH&amp;ĐT" in page
    assert "Sở Kế hoạch và Đầu tư" in page  # "took over from"
    old = client.get(planning.get_absolute_url()).text
    assert "Ngày 01/03/2025 đã sáp nhập vào" in old
    assert "đến 01/03/2025" in old  # its own assignments, ended on the merger


def test_numbers_use_vietnamese_grouping(client, official):
    programme = ProgrammeFactory()
    TargetFactory(programme=programme, planned_value=Decimal("1234.5"), unit="tỷ đồng")
    client.force_login(official)
    assert "1.234,5" in client.get(programme.get_absolute_url()).text
