"""A programme's roll-up rule, set by an admin: equal weights or each task's weight, and tasks
without a confirmed report left out or counted as 0 %. The same figure on the progress page,
the leaders' overview (today and an earlier day) and the Word report, for all four rules."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from programmes.models import ProgressWeighting, TaskKind, UnreportedTasks
from programmes.services import programme_save
from tests.factories import ProgrammeFactory, TaskFactory, period_of
from tests.tracking.province import confirmed, make_task
from tracking.documents.midterm_content import gather
from tracking.selectors.overview import overview
from tracking.services.states import task_states_refresh

pytestmark = pytest.mark.django_db

TODAY = date(2024, 1, 10)
WEIGHTED, EQUAL = ProgressWeighting.TASK_WEIGHTS, ProgressWeighting.EQUAL
ZERO, LEFT_OUT = UnreportedTasks.ZERO, UnreportedTasks.LEFT_OUT

# Task A weighs 3 at 60 %, B weighs 1 at 20 %, C weighs 2 with no confirmed report.
RULES = [
    (EQUAL, LEFT_OUT, (60 + 20) / 2),
    (EQUAL, ZERO, (60 + 20 + 0) / 3),
    (WEIGHTED, LEFT_OUT, (3 * 60 + 1 * 20) / (3 + 1)),
    (WEIGHTED, ZERO, (3 * 60 + 1 * 20) / (3 + 1 + 2)),
]


@pytest.fixture
def weighed(department, official):
    programme = ProgrammeFactory(code="20-CTr/TU", issued_on=date(2023, 1, 1))
    group = TaskFactory(programme=programme, kind=TaskKind.GROUP, number="I.", position=1)
    tasks = {}
    for position, (key, weight) in enumerate((("a", 3), ("b", 1), ("c", 2)), start=1):
        task = make_task(programme, department, "Năm 2025", f"Nhiệm vụ {key}")
        task.parent, task.position, task.weight = group, position, Decimal(weight)
        task.save()
        tasks[key] = task
    q4 = period_of("quarter", 2023, 4)
    confirmed(tasks["a"], department, official, q4, on=date(2023, 12, 16), percent=60)
    confirmed(tasks["b"], department, official, q4, on=date(2023, 12, 16), percent=20)
    task_states_refresh(on=TODAY)
    return programme


def set_rule(programme, weighting, unreported):
    programme.progress_weighting = weighting
    programme.unreported_tasks = unreported
    programme_save(programme=programme)


@pytest.mark.parametrize(("weighting", "unreported", "expected"), RULES)
@time_machine.travel(TODAY)
def test_every_page_applies_the_programmes_rule(
    client, leader, weighed, weighting, unreported, expected
):
    set_rule(weighed, weighting, unreported)
    client.force_login(leader)
    response = client.get(reverse("tracking:programme-progress", args=[weighed.slug]))
    (section,) = response.context["sections"]
    assert section.tally.progress == pytest.approx(expected)
    assert response.context["total"].progress == pytest.approx(expected)
    assert section.tally.unreported == 1
    content = gather(weighed, TODAY)
    assert content.total.progress == pytest.approx(expected)
    for day in (TODAY, date(2023, 12, 31)):  # kept states in SQL, and the rows of a past day
        (line,) = overview(day).programmes
        assert line.tally.progress == pytest.approx(expected), day


@pytest.mark.parametrize(
    ("weighting", "unreported", "words"),
    [
        (EQUAL, LEFT_OUT, ["bình quân", "không tính"]),
        (WEIGHTED, ZERO, ["bình quân gia quyền theo trọng số nhiệm vụ", "tính 0 %"]),
    ],
)
@time_machine.travel(TODAY)
def test_the_progress_page_says_how_progress_is_computed(
    client, leader, weighed, weighting, unreported, words
):
    set_rule(weighed, weighting, unreported)
    client.force_login(leader)
    client.cookies["django_language"] = "vi"
    response = client.get(reverse("tracking:programme-progress", args=[weighed.slug]))
    (sentence,) = [line for line in response.content.decode().splitlines() if "rollup-rule" in line]
    for word in words:
        assert word in sentence
    assert ("gia quyền" in sentence) == (weighting == WEIGHTED)


@time_machine.travel(TODAY)
def test_a_changed_rule_forgets_the_cached_summaries(
    client, leader, weighed, django_capture_on_commit_callbacks
):
    client.force_login(leader)
    url = reverse("tracking:overview")
    assert client.get(url).context["data"].programmes[0].tally.progress == pytest.approx(40)
    response = client.get(url)  # from the cache now
    assert response.context["data"].programmes[0].tally.progress == pytest.approx(40)
    assert "cách tính riêng" not in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        set_rule(weighed, WEIGHTED, ZERO)  # as the admin's form saves it
    assert client.get(url).context["data"].programmes[0].tally.progress == pytest.approx(200 / 6)


@time_machine.travel(TODAY)
def test_a_changed_weight_forgets_the_cached_summaries(
    client, leader, weighed, django_capture_on_commit_callbacks
):
    from programmes.services import task_save

    set_rule(weighed, WEIGHTED, LEFT_OUT)
    client.force_login(leader)
    url = reverse("tracking:overview")
    assert client.get(url).context["data"].programmes[0].tally.progress == pytest.approx(50)
    task = weighed.tasks.get(title="Nhiệm vụ b")
    task.weight = Decimal(3)
    with django_capture_on_commit_callbacks(execute=True):
        task_save(task=task)
    assert client.get(url).context["data"].programmes[0].tally.progress == pytest.approx(40)


def test_a_task_weight_must_be_positive(weighed):
    from django.core.exceptions import ValidationError

    task = weighed.tasks.filter(kind=TaskKind.TASK).first()
    task.weight = Decimal(0)
    with pytest.raises(ValidationError):
        task.full_clean()


@pytest.mark.parametrize(
    ("weighting", "unreported", "sentence"),
    [
        (
            EQUAL,
            LEFT_OUT,
            "Tiến độ bình quân của 2 nhiệm vụ có báo cáo đạt 40%"
            " (1 nhiệm vụ chưa có báo cáo được xác nhận nên chưa tính).",
        ),
        (
            WEIGHTED,
            ZERO,
            "Tiến độ bình quân gia quyền theo trọng số nhiệm vụ của 3 nhiệm vụ đạt 33,3%"
            " (1 nhiệm vụ chưa có báo cáo được xác nhận tính 0 %).",
        ),
    ],
)
@time_machine.travel(TODAY)
def test_the_word_report_states_the_programmes_rule(weighed, weighting, unreported, sentence):
    from docx import Document

    from tracking.documents.midterm_docx import midterm_docx

    set_rule(weighed, weighting, unreported)
    document = Document(__import__("io").BytesIO(midterm_docx(weighed, TODAY)))
    assert sentence in [paragraph.text for paragraph in document.paragraphs]
