"""Programme text → draft task tree, on both seed texts and on the forms the issue names."""

from decimal import Decimal

import pytest
from django.urls import reverse

from programmes.models import Goal, Task
from programmes.seeding import SEED_DIR, seed_load
from programmes.text_import import draft_from_text
from tests.factories import BodyFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def source(name: str) -> str:
    return (SEED_DIR / "sources" / name).read_text(encoding="utf-8")


@pytest.fixture
def seeded():
    seed_load()


def test_binh_duong_gives_its_8_groups():
    draft = draft_from_text(source("binh_duong_8_nhom_nhiem_vu.txt"))
    assert [(t.number, t.kind) for t in draft.tasks] == [(f"{n}.", "group") for n in range(1, 9)]
    assert draft.tasks[0].title.startswith("Tiếp tục thực hiện tái cơ cấu nền kinh tế")


def test_binh_phuoc_gives_goals_tasks_breakthroughs_and_bodies(seeded):
    draft = draft_from_text(source("binh_phuoc_17_ctr_tu.txt"))
    assert [g.horizon for g in draft.goals] == [2025, 2030, 2045]
    assert draft.goals[0].text.startswith("Phấn đấu đến năm 2025, Bình Phước cơ bản trở thành")
    tasks = [t for t in draft.tasks if t.kind == "task"]
    breakthroughs = [t.title for t in draft.tasks if t.kind == "breakthrough"]
    assert (
        len(tasks) == 6
        and tasks[5].title == "Xây dựng Đảng và hệ thống chính trị trong sạch vững mạnh"
    )
    assert breakthroughs == [
        "xây dựng kết cấu hạ tầng",
        "cải cách thủ tục hành chính",
        "phát triển nguồn nhân lực",
    ]
    names = {b.name for b in draft.bodies}
    assert {
        "Ban Chấp hành Đảng bộ tỉnh Bình Phước",
        "Ban Thường vụ Tỉnh ủy Bình Phước",
        "Thường trực Tỉnh ủy Bình Phước",
        "Đảng đoàn HĐND tỉnh Bình Phước",
        "Ban cán sự đảng UBND tỉnh Bình Phước",
    } <= names
    assert "Tỉnh ủy Bình Dương" not in names
    assert draft.warnings == []


def test_targets_deadlines_and_roles():
    finance = BodyFactory(name="Sở Tài chính", short_name="")
    building = BodyFactory(name="Sở Xây dựng", short_name="")
    text = (
        "Mục tiêu đến năm 2030: GRDP bình quân 8,5%/năm; tỷ lệ đô thị hóa đạt 50%.\n"
        "1. Sở Tài chính chủ trì, phối hợp Sở Xây dựng rà soát quy hoạch (Quý II/2026).\n"
        "2. Tổ chức sơ kết, thời hạn: 30/6/2027."
    )
    draft = draft_from_text(text)
    assert [(t.name, t.value, t.unit) for t in draft.targets] == [
        ("GRDP", Decimal("8.5"), "%/năm"),
        ("Tỷ lệ đô thị hóa", Decimal("50"), "%"),
    ]
    assert [t.deadline for t in draft.tasks] == ["Quý II/2026", "30/6/2027"]
    roles = {b.body_id: b.role for b in draft.bodies}
    assert roles == {finance.pk: "lead", building.pk: "coordinating"}


def test_the_draft_is_edited_in_the_browser_then_saved(client, leader):
    programme = ProgrammeFactory()
    client.force_login(leader)
    url = reverse("programmes:text-import", args=[programme.slug])
    page = client.post(
        url, {"action": "read", "text": source("binh_duong_8_nhom_nhiem_vu.txt")}
    ).text
    assert 'name="task-TOTAL_FORMS" value="8"' in page
    data = {
        "action": "save",
        "token": "5b0f3c4e-8d0a-4c36-9a57-0b8f1f7f2a11",
        "goal-TOTAL_FORMS": 0,
        "goal-INITIAL_FORMS": 0,
        "target-TOTAL_FORMS": 0,
        "target-INITIAL_FORMS": 0,
        "task-TOTAL_FORMS": 2,
        "task-INITIAL_FORMS": 0,
    }
    data |= {
        "task-0-keep": "on",
        "task-0-number": "1.",
        "task-0-depth": 0,
        "task-0-kind": "group",
        "task-0-title": "Nhóm đã sửa",
        "task-0-deadline": "Năm 2026",
    }
    data |= {
        "task-1-number": "2.",
        "task-1-depth": 0,
        "task-1-kind": "group",
        "task-1-title": "Bỏ qua",
        "task-1-deadline": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert list(Task.objects.filter(programme=programme).values_list("title", flat=True)) == [
        "Nhóm đã sửa"
    ]
    assert not Goal.objects.filter(programme=programme).exists()


def test_a_wrong_deadline_in_the_draft_is_explained(client, leader):
    programme = ProgrammeFactory()
    client.force_login(leader)
    data = {
        "action": "save",
        "token": "5b0f3c4e-8d0a-4c36-9a57-0b8f1f7f2a11",
        "goal-TOTAL_FORMS": 0,
        "goal-INITIAL_FORMS": 0,
        "target-TOTAL_FORMS": 0,
        "target-INITIAL_FORMS": 0,
        "task-TOTAL_FORMS": 1,
        "task-INITIAL_FORMS": 0,
        "task-0-keep": "on",
        "task-0-number": "1.",
        "task-0-depth": 0,
        "task-0-kind": "task",
        "task-0-title": "Nhiệm vụ",
        "task-0-deadline": "sớm",
    }
    page = client.post(reverse("programmes:text-import", args=[programme.slug]), data).text
    assert "Không đọc được thời hạn “sớm”" in page
    assert not Task.objects.filter(programme=programme).exists()
