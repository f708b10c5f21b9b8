import re
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from programmes.models import Assignment, Body, Goal, Programme, Task, TaskKind, User
from programmes.seeding import SEED_DIR, seed_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    seed_load()


def test_binh_duong_has_its_8_groups_of_tasks_and_solutions(seeded):
    programme = Programme.objects.get(slug="bd-8-nhom-nhiem-vu")
    groups = programme.tasks.filter(kind=TaskKind.GROUP).order_by("position")
    assert [g.number for g in groups] == [f"{n}." for n in range(1, 9)]
    assert groups[0].title == "Tiếp tục thực hiện tái cơ cấu nền kinh tế"
    assert "nông thôn mới nâng cao và kiểu mẫu" in groups[0].description


def test_binh_phuoc_17_ctr_tu_has_6_tasks_and_3_strategic_breakthroughs(seeded):
    programme = Programme.objects.get(code="17-CTr/TU")
    tasks = programme.tasks.filter(kind=TaskKind.TASK, parent=None).order_by("position")
    breakthroughs = programme.tasks.filter(kind=TaskKind.BREAKTHROUGH)
    assert tasks.count() == 6
    assert breakthroughs.count() == 3
    assert {b.parent.number for b in breakthroughs} == {"2."}
    assert {b.title for b in breakthroughs} == {
        "xây dựng kết cấu hạ tầng",
        "cải cách thủ tục hành chính",
        "phát triển nguồn nhân lực",
    }


def test_binh_phuoc_has_goals_for_2025_2030_and_2045(seeded):
    programme = Programme.objects.get(code="17-CTr/TU")
    horizons = programme.goals.filter(kind=Goal.Kind.HORIZON).values_list("horizon", flat=True)
    assert sorted(horizons) == [2025, 2030, 2045]
    assert "tỉnh công nghiệp hiện đại" in programme.goals.get(horizon=2030).text


def test_binh_phuoc_names_its_bodies_and_the_resolutions_it_implements(seeded):
    programme = Programme.objects.get(code="17-CTr/TU")
    assert programme.issuing_body.name == "Ban Chấp hành Đảng bộ tỉnh Bình Phước"
    assert programme.directing_body.name == "Ban Thường vụ Tỉnh ủy Bình Phước"
    assert (programme.code_number, programme.code_kind, programme.code_issuer) == (
        "17",
        "CTr",
        "TU",
    )
    assert {p.title for p in programme.implements.all()} == {
        "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
        "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh Bình Phước lần thứ XI",
    }
    names = set(Body.objects.values_list("name", flat=True))
    for named in [
        "Ban Chấp hành Đảng bộ tỉnh Bình Phước",
        "Ban Thường vụ Tỉnh ủy Bình Phước",
        "Thường trực Tỉnh ủy Bình Phước",
        "Đảng đoàn HĐND tỉnh Bình Phước",
        "Ban cán sự đảng UBND tỉnh Bình Phước",
        "Sở Tài chính tỉnh Bình Phước",
        "Công an tỉnh Bình Phước",
    ]:
        assert named in names


def test_facts_the_text_does_not_give_are_left_empty(seeded):
    # No deadline, lead, issue date or mid-term review date is invented.
    assert not Task.objects.exclude(deadline_text="").exists()
    assert not Assignment.objects.exists()
    programme = Programme.objects.get(code="17-CTr/TU")
    assert programme.issued_on is None
    assert programme.midterm_review_on is None
    assert Programme.objects.get(slug="bd-8-nhom-nhiem-vu").issuing_body is None


def test_loading_twice_changes_nothing(seeded):
    counts = (
        Body.objects.count(),
        Programme.objects.count(),
        Task.objects.count(),
        Goal.objects.count(),
    )
    ids = set(Task.objects.values_list("pk", flat=True))
    seed_load()
    assert counts == (
        Body.objects.count(),
        Programme.objects.count(),
        Task.objects.count(),
        Goal.objects.count(),
    )
    assert ids == set(Task.objects.values_list("pk", flat=True))


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize(
    ("data", "source"),
    [
        ("binh_phuoc_17_ctr_tu.yaml", "binh_phuoc_17_ctr_tu.txt"),
        ("binh_duong_8_nhom_nhiem_vu.yaml", "binh_duong_8_nhom_nhiem_vu.txt"),
    ],
)
def test_every_seed_text_stands_verbatim_in_its_source(data, source):
    text = _flat((SEED_DIR / "sources" / source).read_text(encoding="utf-8"))
    loaded = yaml.safe_load((SEED_DIR / data).read_text(encoding="utf-8"))
    passages = [
        loaded.get("summary"),
        loaded.get("implementation"),
        loaded.get("midterm_review_note"),
    ]
    passages += [goal["text"] for goal in loaded.get("goals", [])]
    passages += [doc["title"] for doc in loaded.get("implements", [])]

    def walk(nodes):
        for node in nodes:
            passages.extend([node["title"], node.get("description")])
            walk(node.get("children", []))

    walk(loaded["tasks"])
    for passage in filter(None, passages):
        assert _flat(passage) in text, passage


def test_load_seeds_command_creates_demo_accounts_once(capsys):
    call_command("load_seeds", "--demo-accounts")
    call_command("load_seeds", "--demo-accounts")
    out = capsys.readouterr().out
    assert "demo-2026" in out
    assert User.objects.filter(username__in=["canbo", "lanhdao", "tinhuy", "quantri"]).count() == 4
    assert User.objects.get(username="quantri").is_superuser
    assert Path(SEED_DIR / "bodies.yaml").exists()
