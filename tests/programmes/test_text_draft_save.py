"""The draft read from a programme's text is edited as a whole and saved once, all or nothing.

The editor's script sends the draft as one JSON field (``draft``): these tests build that
field as the script does.
"""

import json
import uuid
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.urls import reverse

from programmes.models import Assignment, Goal, SavedDraft, Target, Task
from programmes.services import programme_draft_save
from programmes.signals import tasks_changed
from tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def task(number, title, depth=0, kind="task", **cells):
    return {
        "keep": True,
        "number": number,
        "depth": depth,
        "kind": kind,
        "title": title,
        "deadline": "",
        "lead": "",
        "coordinating": "",
    } | cells


def target(name, value, **cells):
    return {
        "keep": True,
        "name": name,
        "unit": "%",
        "comparator": "gte",
        "planned_value": value,
        "planned_max": "",
        "target_year": "2030",
        "baseline_value": "",
        "baseline_year": "",
    } | cells


def post(client, programme, tasks=(), targets=(), goals=(), token=None):
    draft = {"goal": list(goals), "target": list(targets), "task": list(tasks)}
    data = {"action": "save", "token": str(token or uuid.uuid4()), "draft": json.dumps(draft)}
    return client.post(reverse("programmes:text-import", args=[programme.slug]), data)


def saved_tree(programme):
    return [
        (t.number, t.title, t.parent.number if t.parent else None)
        for t in Task.objects.filter(programme=programme)
        .select_related("parent")
        .order_by("tree_key")
    ]


@pytest.fixture
def programme():
    return ProgrammeFactory()


@pytest.fixture
def signed_in(client, leader):
    client.force_login(leader)
    return client


def test_a_300_task_draft_saves_with_its_targets_and_coordinating_bodies(
    signed_in, programme, department, other_department, django_assert_max_num_queries
):
    rows = []
    for group in range(1, 31):
        rows.append(task(f"{group}.", f"Nhóm {group}", kind="group"))
        rows += [
            task(
                f"{group}.{n}",
                f"Nhiệm vụ {group}.{n}",
                depth=1,
                deadline="Quý II/2027",
                lead="Sở Tài chính",
                # a short name, a full name without diacritics: both are found
                coordinating="Sở KH&ĐT; so tai chinh" if n == 1 else "sở kế hoạch và đầu tư",
            )
            for n in range(1, 10)
        ]
    assert len(rows) == 300
    targets = [
        target("Tốc độ tăng trưởng GRDP", "8,5", unit="%/năm"),
        target(
            "Tỷ lệ đô thị hóa", "45", comparator="range", planned_max="50", baseline_value="1.234,5"
        ),
    ]
    goals = [{"keep": True, "horizon": "2030", "text": "Trở thành tỉnh phát triển khá"}]
    with django_assert_max_num_queries(60):
        response = post(signed_in, programme, rows, targets, goals)
    assert response.status_code == 302
    assert response.url == programme.get_absolute_url()

    tree = saved_tree(programme)
    assert len(tree) == 300
    assert tree[:3] == [
        ("1.", "Nhóm 1", None),
        ("1.1", "Nhiệm vụ 1.1", "1."),
        ("1.2", "Nhiệm vụ 1.2", "1."),
    ]
    assert tree[-1] == ("30.9", "Nhiệm vụ 30.9", "30.")
    first = Task.objects.get(programme=programme, number="1.1")
    assert first.deadline_text == "Quý II/2027"
    roles = {(a.body_id, a.role) for a in Assignment.objects.filter(task=first)}
    # the lead named again among the coordinating bodies stays the lead only
    assert roles == {(other_department.pk, "lead"), (department.pk, "coordinating")}
    assert Assignment.objects.filter(task__programme=programme, role="coordinating").count() == 270

    saved = list(Target.objects.filter(programme=programme).order_by("position"))
    assert [(t.name, t.unit, t.comparator, t.planned_value) for t in saved] == [
        ("Tốc độ tăng trưởng GRDP", "%/năm", "gte", Decimal("8.5")),
        ("Tỷ lệ đô thị hóa", "%", "range", Decimal("45")),
    ]
    assert (saved[1].planned_max, saved[1].baseline_value, saved[1].target_year) == (
        Decimal("50"),
        Decimal("1234.5"),
        2030,
    )
    assert list(Goal.objects.filter(programme=programme).values_list("horizon", "text")) == [
        (2030, "Trở thành tỉnh phát triển khá")
    ]


def test_moved_and_indented_rows_give_the_right_parents(signed_in, programme):
    # As the editor sends it after "2." was moved above "1." and "1.2" indented under "1.1".
    rows = [
        task("2.", "Thứ hai", kind="group"),
        task("2.1", "Con của hai", depth=1),
        task("1.", "Thứ nhất", kind="group"),
        task("1.1", "Con thứ nhất", depth=1),
        task("1.1.1", "Cháu", depth=2),
        task("3.", "Thứ ba", kind="group"),
    ]
    assert post(signed_in, programme, rows).status_code == 302
    assert saved_tree(programme) == [
        ("2.", "Thứ hai", None),
        ("2.1", "Con của hai", "2."),
        ("1.", "Thứ nhất", None),
        ("1.1", "Con thứ nhất", "1."),
        ("1.1.1", "Cháu", "1.1"),
        ("3.", "Thứ ba", None),
    ]
    grandchild = Task.objects.get(programme=programme, number="1.1.1")
    assert grandchild.tree_key == "0002.0001.0001"


def test_a_row_left_out_hands_its_children_to_the_row_above(signed_in, programme):
    rows = [
        task("1.", "Giữ", kind="group"),
        task("1.1", "Bỏ", depth=1, keep=False, deadline="sớm"),  # its error does not count
        task("1.1.1", "Con của dòng bỏ", depth=2),
    ]
    assert post(signed_in, programme, rows).status_code == 302
    assert saved_tree(programme) == [("1.", "Giữ", None), ("1.1.1", "Con của dòng bỏ", "1.")]


def test_tasks_are_added_after_those_the_programme_has(signed_in, programme):
    assert post(signed_in, programme, [task("1.", "Đầu")]).status_code == 302
    assert post(signed_in, programme, [task("2.", "Sau")]).status_code == 302
    assert [t[1] for t in saved_tree(programme)] == ["Đầu", "Sau"]


def test_an_invalid_row_comes_back_with_the_edits_and_a_vietnamese_error(signed_in, programme):
    token = uuid.uuid4()
    rows = [
        task("1.", "Nhiệm vụ đã sửa tay", lead="Sở Không Có"),
        task("2.", "Nhiệm vụ thêm mới", deadline="sớm"),
        task("3.", "Dòng đúng"),
    ]
    response = post(signed_in, programme, rows, [target("Tỷ lệ", "abc")], token=token)
    assert response.status_code == 200
    page = response.text
    assert "3 dòng cần sửa" in page
    assert "Không đọc được thời hạn “sớm”" in page
    assert "Không có cơ quan nào tên “Sở Không Có”" in page
    assert "“abc” không phải là một số." in page
    # the user's edits are all on the page, with the same token
    for text in ("Nhiệm vụ đã sửa tay", "Nhiệm vụ thêm mới", "Dòng đúng", 'value="Sở Không Có"'):
        assert text in page
    assert f'value="{token}"' in page
    assert page.count('class="draft-row draft-task has-errors"') == 2
    assert not Task.objects.filter(programme=programme).exists()
    assert not SavedDraft.objects.exists()


def test_a_range_target_needs_its_upper_bound(signed_in, programme):
    response = post(signed_in, programme, targets=[target("Tỷ lệ", "50", comparator="range")])
    assert "Khoảng giá trị cần cận trên lớn hơn cận dưới." in response.text
    assert not Target.objects.exists()


def test_a_draft_saved_twice_adds_its_tasks_once(signed_in, programme):
    token = uuid.uuid4()
    rows = [task("1.", "Một lần thôi"), task("1.1", "Con", depth=1)]
    assert post(signed_in, programme, rows, [target("Tỷ lệ", "50")], token=token).status_code == 302
    again = post(signed_in, programme, rows, [target("Tỷ lệ", "50")], token=token)
    assert again.status_code == 302 and again.url == programme.get_absolute_url()
    page = signed_in.get(again.url).text
    assert "Bản nháp này đã được lưu" in page
    assert Task.objects.filter(programme=programme).count() == 2
    assert Target.objects.filter(programme=programme).count() == 1


def test_one_failing_row_saves_nothing(signed_in, programme):
    rows = [task(f"{n}.", f"Nhiệm vụ {n}") for n in range(1, 300)]
    rows.append(task("300.", "Thời hạn sai", deadline="Quý V/2027"))
    response = post(
        signed_in, programme, rows, [target("Tỷ lệ", "50")], [{"keep": True, "text": "Mục tiêu"}]
    )
    assert response.status_code == 200
    assert "1 dòng cần sửa" in response.text
    assert not Task.objects.filter(programme=programme).exists()
    assert not Target.objects.exists() and not Goal.objects.exists()


def test_a_failure_while_saving_leaves_nothing_behind(programme, leader):
    rows = [dict(task("1.", "Nhiệm vụ"), lead=None, coordinating=[])]
    broken = {
        "keep": True,
        "name": "Khoảng sai",
        "comparator": "range",
        "planned_value": Decimal(50),
        "planned_max": Decimal(10),  # below its lower bound: the database refuses it
    }
    with pytest.raises(IntegrityError):
        programme_draft_save(
            programme=programme,
            token=uuid.uuid4(),
            goals=[],
            targets=[broken],
            tasks=rows,
            by=leader,
        )
    assert not Task.objects.exists() and not SavedDraft.objects.exists()


def test_saving_tells_tracking_which_tasks_were_added(programme, leader):
    received = []

    def receiver(sender, task_ids, **kwargs):
        received.extend(task_ids)

    tasks_changed.connect(receiver)
    try:
        rows = [dict(task("1.", "Nhiệm vụ"), lead=None, coordinating=[])]
        programme_draft_save(
            programme=programme, token=uuid.uuid4(), goals=[], targets=[], tasks=rows, by=leader
        )
    finally:
        tasks_changed.disconnect(receiver)
    assert received == list(Task.objects.filter(programme=programme).values_list("pk", flat=True))


def test_a_draft_that_cannot_be_read_is_refused_in_vietnamese(signed_in, programme):
    url = reverse("programmes:text-import", args=[programme.slug])
    data = {"action": "save", "token": str(uuid.uuid4()), "draft": "{không phải JSON"}
    page = signed_in.post(url, data).text
    assert "Không đọc được bản nháp gửi lên" in page
    assert not Task.objects.exists()


def test_reading_shows_the_targets_to_edit(signed_in, programme):
    text = (
        "Mục tiêu đến năm 2030: GRDP bình quân 8,5%/năm; tỷ lệ đô thị hóa đạt 50%.\n"
        "1. Rà soát quy hoạch."
    )
    url = reverse("programmes:text-import", args=[programme.slug])
    page = signed_in.post(url, {"action": "read", "text": text}).text
    assert 'name="target-0-planned_value" value="8,5"' in page
    assert 'name="target-1-name"' in page
    assert 'name="token"' in page
    assert "js/draft-editor.js" in page


def test_a_body_the_list_lacks_is_shown_as_a_hint(signed_in, programme, department):
    text = "1. Ban Dân tộc tỉnh chủ trì, phối hợp Sở Kế hoạch và Đầu tư xây dựng kế hoạch."
    url = reverse("programmes:text-import", args=[programme.slug])
    page = signed_in.post(url, {"action": "read", "text": text}).text
    assert 'placeholder="Trong văn bản: Ban Dân tộc' in page
    assert 'name="task-0-coordinating" value="Sở Kế hoạch và Đầu tư"' in page
