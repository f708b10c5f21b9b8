"""Realistic synthetic data at province scale, written with bulk inserts.

The full scale (DOMAIN.md): 150 bodies, 40 programmes × 300 tasks, 2,000 accounts and about
10⁶ progress reports over a five-year term; ``scale=0.1`` makes a tenth of it. Everything it
makes is marked: bodies' and programmes' codes start with ``demo-``, so it never mixes with
real data and ``purge`` removes it.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from programmes.models import (
    Assignment,
    AssignmentRole,
    Body,
    BodyKind,
    Programme,
    Role,
    Task,
    TaskKind,
    User,
    tree_key,
)
from programmes.text import fold, sort_key
from tracking.models import Progress, ProgressReport, ReportState
from tracking.periods import period_span
from tracking.services import period_for
from tracking.services.states import task_states_refresh

PREFIX = "demo-"
SEARCH_TEXT = fold("Đã triển khai theo kế hoạch.")
DEPARTMENTS = [
    "Tài chính",
    "Công Thương",
    "Xây dựng",
    "Giáo dục và Đào tạo",
    "Y tế",
    "Nội vụ",
    "Tư pháp",
    "Khoa học và Công nghệ",
    "Nông nghiệp và Môi trường",
    "Văn hóa, Thể thao và Du lịch",
    "Dân tộc và Tôn giáo",
    "Ngoại vụ",
]
VERBS = [
    "Triển khai",
    "Hoàn thiện",
    "Nâng cao hiệu quả",
    "Rà soát",
    "Đẩy mạnh",
    "Xây dựng",
    "Tăng cường",
    "Đổi mới",
]
OBJECTS = [
    "chuyển đổi số",
    "nông thôn mới",
    "cải cách hành chính",
    "thu hút đầu tư",
    "hạ tầng giao thông",
    "nguồn nhân lực",
    "an sinh xã hội",
    "quy hoạch đô thị",
    "kinh tế tập thể",
    "bảo vệ môi trường",
]
DEADLINES = [
    "Năm 2022",
    "Năm 2023",
    "Năm 2024",
    "Năm 2025",
    "Quý II/2023",
    "Quý IV/2024",
    "30/6/2024",
    "2021–2025",
    "Thường xuyên",
    "Hằng năm",
]


@dataclass
class Scale:
    bodies: int = 150
    programmes: int = 40
    tasks_per_programme: int = 300
    accounts: int = 2000
    reports: int = 1_000_000
    first_year: int = 2021
    years: int = 5

    def times(self, factor: float) -> "Scale":
        return Scale(
            bodies=max(10, round(self.bodies * factor)),
            programmes=max(2, round(self.programmes * factor)),
            tasks_per_programme=self.tasks_per_programme,
            accounts=max(20, round(self.accounts * factor)),
            reports=round(self.reports * factor),
            first_year=self.first_year,
            years=self.years,
        )


def _searchable(obj, text: str) -> None:
    obj.search_text = fold(text)
    obj.sort_key = sort_key(text)[:600]


PURGE = [
    # The demo programmes' tasks and reports, noted once, then deleted table by table.
    "CREATE TEMP TABLE demo_tasks ON COMMIT DROP AS SELECT t.id FROM programmes_task t "
    "JOIN programmes_programme p ON p.id = t.programme_id WHERE p.slug LIKE %(pattern)s",
    "CREATE TEMP TABLE demo_reports ON COMMIT DROP AS SELECT id FROM tracking_progressreport "
    "WHERE task_id IN (SELECT id FROM demo_tasks)",
    "DELETE FROM tracking_reportversion WHERE report_id IN (SELECT id FROM demo_reports)",
    "DELETE FROM tracking_evidence WHERE report_id IN (SELECT id FROM demo_reports)",
    "DELETE FROM tracking_targetreading WHERE report_id IN (SELECT id FROM demo_reports) "
    "OR target_id IN (SELECT id FROM programmes_target WHERE task_id IN "
    "(SELECT id FROM demo_tasks))",
    "DELETE FROM tracking_taskstate WHERE task_id IN (SELECT id FROM demo_tasks)",
    "DELETE FROM tracking_statuschange WHERE task_id IN (SELECT id FROM demo_tasks)",
    "DELETE FROM tracking_progressreport WHERE id IN (SELECT id FROM demo_reports)",
    "DELETE FROM programmes_assignment WHERE task_id IN (SELECT id FROM demo_tasks)",
    "DELETE FROM programmes_target WHERE task_id IN (SELECT id FROM demo_tasks)",
]


def purge() -> None:
    """Remove everything this module made, in set-based deletes: a million reports go in
    seconds (Django's cascading delete would fetch and delete them in batches)."""
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in PURGE:
            cursor.execute(statement, {"pattern": f"{PREFIX}%"})
        Task.objects.filter(programme__slug__startswith=PREFIX).update(parent=None)
        Task.objects.filter(programme__slug__startswith=PREFIX).delete()
        Programme.objects.filter(slug__startswith=PREFIX).delete()
        User.objects.filter(username__startswith=PREFIX).delete()
        Body.objects.filter(code__startswith=PREFIX, parent__isnull=False).delete()
        Body.objects.filter(code__startswith=PREFIX).delete()


def generate(scale: Scale, *, seed: int = 2026, batch: int = 10_000, log=print) -> dict:
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    purge()
    counts = {}
    with transaction.atomic():
        bodies = _bodies(scale, rng)
        counts["bodies"] = len(bodies)
        counts["accounts"] = _accounts(scale, bodies, rng)
        tasks = _programmes(scale, bodies, rng)
        counts["tasks"] = len(tasks)
    log(f"{counts['bodies']} bodies, {counts['accounts']} accounts, {counts['tasks']} tasks")
    counts["reports"] = _reports(scale, tasks, rng, batch, log)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics, or the planner guesses badly at first
    return counts


def _bodies(scale: Scale, rng: random.Random) -> list[Body]:
    root = Body(
        code=f"{PREFIX}tinh", name="Tỉnh Minh Họa", short_name="Minh Họa", kind=BodyKind.PROVINCE
    )
    _searchable(root, root.name)
    root.save()
    made = []
    for n in range(scale.bodies - 1):
        department = DEPARTMENTS[n % len(DEPARTMENTS)]
        name = f"Sở {department} số {n + 1}" if n >= len(DEPARTMENTS) else f"Sở {department}"
        body = Body(
            code=f"{PREFIX}co-quan-{n + 1}",
            name=f"{name} tỉnh Minh Họa",
            short_name=name,
            kind=BodyKind.DEPARTMENT,
            parent=root,
        )
        _searchable(body, body.name)
        made.append(body)
    return [root, *Body.objects.bulk_create(made)]


def _accounts(scale: Scale, bodies: list[Body], rng: random.Random) -> int:
    password = make_password("demo-2026")
    departments = bodies[1:]
    users = []
    for n in range(scale.accounts):
        if n < 10:
            role, body = Role.LEADER, bodies[0]
        else:
            body = departments[n % len(departments)]
            role = Role.HEAD if n < 10 + len(departments) else Role.OFFICIAL
        users.append(
            User(
                username=f"{PREFIX}{n + 1:04d}",
                full_name=f"Cán bộ minh họa {n + 1}",
                role=role,
                body=body,
                password=password,
                email=f"{PREFIX}{n + 1}@example.invalid",
            )
        )
    User.objects.bulk_create(users, batch_size=2000)
    return len(users)


def _programmes(scale: Scale, bodies: list[Body], rng: random.Random) -> list[tuple]:
    departments = bodies[1:]
    programmes = []
    for n in range(scale.programmes):
        title = f"Chương trình hành động minh họa số {n + 1} về {rng.choice(OBJECTS)}"
        programme = Programme(
            slug=f"{PREFIX}ctr-{n + 1}",
            code=f"{n + 101}-CTr/TU",
            code_number=str(n + 101),
            code_kind="CTr",
            code_issuer="TU",
            kind="programme",
            title=title,
            issuing_body=bodies[0],
            issued_on=date(scale.first_year, 6, 1),
            term_start=scale.first_year,
            term_end=scale.first_year + scale.years - 1,
            midterm_review_on=date(scale.first_year + 2, 12, 15),
        )
        _searchable(programme, f"{programme.code} {title}")
        programmes.append(programme)
    programmes = Programme.objects.bulk_create(programmes)
    groups = []
    for programme in programmes:
        for g in range(8):
            group = Task(
                programme=programme,
                kind=TaskKind.GROUP,
                number=f"{g + 1}.",
                position=g + 1,
                title=f"Nhóm nhiệm vụ {g + 1}: {OBJECTS[g]}",
                tree_key=tree_key("", g + 1),
            )
            _searchable(group, group.title)
            groups.append(group)
    groups = Task.objects.bulk_create(groups)
    by_id = {programme.pk: programme for programme in programmes}
    tasks, plan = [], []
    per_group = max(1, (scale.tasks_per_programme - 8) // 8)
    for group in groups:
        for t in range(per_group):
            title = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} (nhiệm vụ {group.number}{t + 1})"
            task = Task(
                programme=by_id[group.programme_id],
                parent=group,
                kind=TaskKind.TASK,
                number=f"{group.number}{t + 1}",
                position=t + 1,
                title=title,
                tree_key=tree_key(group.tree_key, t + 1),
            )
            task.set_deadline(rng.choice(DEADLINES))
            _searchable(task, title)
            tasks.append(task)
    tasks = Task.objects.bulk_create(tasks, batch_size=5000)
    assignments = []
    for task in tasks:
        chosen = rng.sample(departments, k=min(len(departments), 1 + rng.randint(2, 5)))
        assignments.append(Assignment(task=task, body=chosen[0], role=AssignmentRole.LEAD))
        assignments += [
            Assignment(task=task, body=body, role=AssignmentRole.COORDINATING)
            for body in chosen[1:]
        ]
        plan.append((task, [body.pk for body in chosen]))
    Assignment.objects.bulk_create(assignments, batch_size=10_000)
    return plan


def _reports(scale: Scale, plan: list[tuple], rng: random.Random, batch: int, log) -> int:
    """Quarterly reports by every assigned body, oldest first, until the target count.

    The full-text index on reports is dropped while they are inserted and built once after:
    updating it row by row makes a million inserts several times slower.
    """
    if not scale.reports or not plan:
        return 0
    index = next(i for i in ProgressReport._meta.indexes if i.name == "report_search")
    with connection.schema_editor() as editor:
        editor.remove_index(ProgressReport, index)
    try:
        return _insert_reports(scale, plan, rng, batch, log)
    finally:
        with connection.schema_editor() as editor:
            editor.add_index(ProgressReport, index)


def _insert_reports(scale: Scale, plan: list[tuple], rng: random.Random, batch: int, log) -> int:
    quarters = [
        period_for(period_span("quarter", year, q))
        for year in range(scale.first_year, scale.first_year + scale.years)
        for q in range(1, 5)
    ]
    pairs = sum(len(bodies) for _task, bodies in plan)
    rounds = min(len(quarters), max(1, scale.reports // pairs))
    authors = dict(
        User.objects.filter(username__startswith=PREFIX, role=Role.OFFICIAL)
        .order_by("body_id", "pk")
        .values_list("body_id", "pk")
    )
    fallback = User.objects.filter(username__startswith=PREFIX).values_list("pk", flat=True)[0]
    open_ended = {task.pk: bool(task.deadline and task.deadline.is_open_ended) for task, _ in plan}
    made = 0
    rows: list[ProgressReport] = []
    for index, period in enumerate(quarters[:rounds]):
        decided = timezone.make_aware(datetime.combine(period.due_on, time(9)))
        for task, bodies in plan:
            for position, body_id in enumerate(bodies):
                percent = min(100, round(100 * (index + 1) / rounds) - rng.randint(0, 20))
                report = ProgressReport(
                    task=task,
                    body_id=body_id,
                    period=period,
                    is_lead=position == 0,
                    state=ReportState.CONFIRMED,
                    progress=Progress.IN_PROGRESS,
                    percent=None if open_ended[task.pk] else max(0, percent),
                    blocked=rng.random() < 0.03,
                    results="Đã triển khai theo kế hoạch.",
                    difficulties="Thiếu kinh phí." if rng.random() < 0.1 else "",
                    proposals="Đề nghị bổ sung kinh phí." if rng.random() < 0.05 else "",
                    author_id=authors.get(body_id, fallback),
                    submitted_at=decided,
                    decided_at=decided,
                )
                rows.append(report)
        if len(rows) >= batch or index == rounds - 1:
            ProgressReport.objects.bulk_create(rows, batch_size=batch)
            made += len(rows)
            rows = []
            log(f"  {made} reports")
    # Every task's kept status, from the history just written (the one home of it).
    task_states_refresh(on=timezone.localdate())
    return made
