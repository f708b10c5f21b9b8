"""The public pages of a programme an admin opened: no sign-in, nothing private.

"Nothing private" is tested by generating every private field — officials' names, usernames
and e-mails, the words of drafts, returned and confirmed reports (results, difficulties,
proposals, the head's comment), evidence codes, titles and file names — and searching the
HTML of the list and of the programme page for each of them.
"""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from programmes.models import AssignmentRole, Role, TaskKind, User
from tests.factories import (
    AssignmentFactory,
    ProgrammeFactory,
    TargetFactory,
    TaskFactory,
    UserFactory,
    period_of,
)
from tracking import services
from tracking.models import Evidence, ProgressReport
from tracking.services import ReportData

pytestmark = pytest.mark.django_db

DAY = date(2023, 11, 1)  # Q4/2023 is owed then


def words(secret: str, readings: dict | None = None, percent: int = 40) -> ReportData:
    return ReportData(
        progress="in_progress",
        percent=percent,
        completed_on=None,
        blocked=False,
        results=f"Kết quả {secret}-ketqua",
        difficulties=f"Khó khăn {secret}-khokhan",
        proposals=f"Kiến nghị {secret}-kiennghi",
        readings=readings or {},
    )


def evidence(report, by, secret):
    return services.evidence_add(
        report=report,
        by=by,
        upload=SimpleUploadedFile(
            f"minh-chung-{secret}.pdf", b"%PDF-1.4 noi dung", "application/pdf"
        ),
        code=f"{secret}/QD-UBND",
        title=f"Quyết định {secret}-tieude",
    )


@pytest.fixture
def people(department):
    """Alice writes the body's reports, Bob heads the body and decides them."""
    alice = UserFactory(
        username="alice.nguyen",
        full_name="Nguyễn Thị Ái Liên",
        email="alice.nguyen@sokhdt.example.vn",
        body=department,
    )
    bob = UserFactory(
        username="bob.tran",
        full_name="Trần Văn Bốn",
        email="bob.tran@sokhdt.example.vn",
        role=Role.HEAD,
        body=department,
    )
    return alice, bob


@pytest.fixture
def published(department, people, tmp_path, settings):
    """A public programme: a group of three tasks (one confirmed report with evidence and a
    target reading, one draft, one returned report) and a sub-task assigned to Alice."""
    settings.MEDIA_ROOT = tmp_path
    alice, bob = people
    programme = ProgrammeFactory(
        code="21-CTr/TU",
        title="chương trình hành động về chuyển đổi số",
        issued_on=date(2023, 1, 1),
        is_public=True,
    )
    group = TaskFactory(
        programme=programme, kind=TaskKind.GROUP, number="I.", title="Phát triển hạ tầng số"
    )
    tasks = [
        TaskFactory(programme=programme, parent=group, number=f"{n}.", position=n)
        for n in (1, 2, 3)
    ]
    for task in tasks:
        AssignmentFactory(task=task, body=department, role=AssignmentRole.LEAD)
    TaskFactory(
        programme=programme,
        parent=tasks[0],
        kind=TaskKind.SUBTASK,
        owner_body=department,
        assignee=alice,
        number="-",
    )
    target = TargetFactory(
        programme=programme,
        task=tasks[0],
        name="Tỷ lệ hồ sơ trực tuyến",
        unit="%",
        planned_value=50,
    )
    period = period_of("quarter", 2023, 4)
    with time_machine.travel(DAY):
        confirmed = services.report_start(task=tasks[0], period=period, by=alice)
        confirmed = services.report_save(
            report=confirmed,
            by=alice,
            data=words("mat1", {target.pk: Decimal("55")}),
            version=1,
        )
        evidence(confirmed, alice, "mat2")
        confirmed = services.report_submit(report=confirmed, by=alice, version=confirmed.version)
        services.report_confirm(report=confirmed, by=bob, version=confirmed.version)
        draft = services.report_start(task=tasks[1], period=period, by=alice)
        draft = services.report_save(
            report=draft, by=alice, data=words("mat3", percent=90), version=1
        )
        evidence(draft, alice, "mat4")
        returned = services.report_start(task=tasks[2], period=period, by=alice)
        returned = services.report_save(
            report=returned, by=alice, data=words("mat5", percent=70), version=1
        )
        returned = services.report_submit(report=returned, by=alice, version=returned.version)
        services.report_return(
            report=returned, by=bob, comment="Bổ sung số liệu mat6-tralai", version=returned.version
        )
    return programme, tasks, target


def private_words() -> list[str]:
    """Every private field of the generated data, read back from the database."""
    found: list[str] = []
    for user in User.objects.all():
        found += [user.username, user.full_name, user.email]
    for report in ProgressReport.objects.all():
        found += [report.results, report.difficulties, report.proposals, report.return_comment]
    for item in Evidence.objects.all():
        found += [item.original_name, item.code, item.title, item.file.name]
    return [word for word in found if word]


@time_machine.travel(DAY)
def test_the_public_pages_show_nothing_private(client, published):
    programme, _tasks, _target = published
    private = private_words()
    assert len(private) >= 20  # the generated data holds what the pages must not show
    for url in (reverse("public:list"), reverse("public:programme", args=[programme.slug])):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode().lower()
        shown = [word for word in private if word.lower() in html]
        assert shown == [], url


@time_machine.travel(DAY)
def test_the_page_shows_groups_progress_and_target_readings_from_confirmed_reports(
    client, published
):
    programme, _tasks, _target = published
    response = client.get(reverse("public:programme", args=[programme.slug]))
    data = response.context["data"]
    (group,) = data.groups
    assert group.title == "I. Phát triển hạ tầng số"
    # Only the confirmed 40 % counts: the draft's 90 % and the returned 70 % do not.
    assert (group.tally.total, group.tally.progress) == (4, 40)
    (target,) = data.targets
    assert (target.value, target.judgement) == (Decimal("55"), "exceeded")
    html = response.content.decode()
    assert "Tỷ lệ hồ sơ trực tuyến" in html
    assert "Vượt" in html
    assert "40,0%" in html


def test_a_programme_not_opened_to_the_public_is_not_found(client, published):
    programme, _tasks, _target = published
    hidden = ProgrammeFactory(code="22-CTr/TU", title="chương trình chưa công khai")
    assert client.get(reverse("public:programme", args=[hidden.slug])).status_code == 404
    assert client.get(reverse("public:programme", args=["khong-co"])).status_code == 404
    listing = client.get(reverse("public:list")).content.decode()
    assert "chưa công khai" not in listing
    assert reverse("public:programme", args=[programme.slug]) in listing


def test_anonymous_visitors_read_without_signing_in_in_vietnamese(client, published, leader):
    programme, _tasks, _target = published
    client.cookies["django_language"] = "en"  # a visitor's choice of English elsewhere
    for url in (reverse("public:list"), reverse("public:programme", args=[programme.slug])):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Language"] == "vi"
        html = response.content.decode()
        assert "Tiến độ" in html
        assert "dang-xuat" not in html and "menu-toggle" not in html  # no signed-in menu
    client.force_login(leader)  # signed in, the same page without the menu
    assert "menu-toggle" not in client.get(reverse("public:list")).content.decode()


def test_the_cached_page_is_forgotten_when_a_report_is_confirmed(
    client, published, people, django_capture_on_commit_callbacks
):
    programme, tasks, _target = published
    alice, bob = people
    url = reverse("public:programme", args=[programme.slug])
    with time_machine.travel(DAY):
        assert client.get(url).context["data"].groups[0].tally.progress == 40
        draft = ProgressReport.objects.get(task=tasks[1])
        draft = services.report_submit(report=draft, by=alice, version=draft.version)
        # Submitted is not confirmed: nothing changes on the public page.
        assert client.get(url).context["data"].groups[0].tally.progress == 40
        with django_capture_on_commit_callbacks(execute=True):
            services.report_confirm(report=draft, by=bob, version=draft.version)
        assert client.get(url).context["data"].groups[0].tally.progress == (40 + 90) / 2


def test_the_cached_page_is_forgotten_when_the_plan_changes(
    client, published, django_capture_on_commit_callbacks
):
    from programmes.services import programme_save, task_save

    programme, _tasks, _target = published
    url = reverse("public:programme", args=[programme.slug])
    with time_machine.travel(DAY):
        assert client.get(url).context["data"].groups[0].title == "I. Phát triển hạ tầng số"
        group = programme.tasks.get(kind=TaskKind.GROUP)
        group.title = "Phát triển hạ tầng số và dữ liệu"
        with django_capture_on_commit_callbacks(execute=True):
            task_save(task=group)
        assert client.get(url).context["data"].groups[0].title.endswith("và dữ liệu")
        programme.is_public = False
        with django_capture_on_commit_callbacks(execute=True):
            programme_save(programme=programme)
        assert client.get(url).status_code == 404
        assert programme.slug not in client.get(reverse("public:list")).content.decode()


@time_machine.travel(DAY)
def test_query_budget_does_not_grow_with_the_data(client, published, department):
    """Counted with an empty cache: the pages' own work, not the cache's."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    programme, _tasks, _target = published

    def queries(url) -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    urls = [reverse("public:list"), reverse("public:programme", args=[programme.slug])]
    few = [queries(url) for url in urls]
    group = programme.tasks.get(kind=TaskKind.GROUP)
    for n in range(5):
        more = ProgrammeFactory(code=f"3{n}-CTr/TU", is_public=True)
        task = TaskFactory(programme=more)
        AssignmentFactory(task=task, body=department, role=AssignmentRole.LEAD)
        TaskFactory(programme=programme, parent=group)
        TargetFactory(programme=programme, name=f"Chỉ tiêu {n}")
    assert [queries(url) for url in urls] == few
