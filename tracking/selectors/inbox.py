"""The official's inbox ("Nhiệm vụ của tôi"): what needs doing now, then every task of the
body with filters, search and paging.

Today's status comes from each task's kept state (``TaskState``), never computed again. The
periods a task owes are ``reports.open_spans`` (the rule of ``reportable_spans``). Each page
reads a fixed number of queries whatever the number of tasks: the tasks once (few columns),
the body's reports on the periods that can be owed once, one page of the list and its
reports.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _

from programmes.models import Assignment, AssignmentRole, Programme, Task, User, reports_by
from programmes.text import fold
from tracking.models import ProgressReport, ReportState
from tracking.periods import PeriodSpan
from tracking.selectors.reports import kept_status, open_spans, span_order
from tracking.selectors.rows import kept_status_is
from tracking.status import TaskStatus

PAGE_SIZE = 50
# A report enters "Cần làm ngay" this many days before it is due: the first report-deadline
# reminder goes out then too.
DUE_AHEAD_DAYS = 14
URGENT_SHOWN = 20
SENT = (ReportState.SUBMITTED, ReportState.CONFIRMED)

# Why a task needs doing now, most pressing first.
RETURNED = "returned"
LATE = "late"
OVERDUE = "overdue"
DUE = "due"
REASON_ORDER = (RETURNED, LATE, OVERDUE, DUE)


def span_key(span: PeriodSpan) -> str:
    return f"{span.kind}-{span.year}-{span.number}"


def candidate_spans(today: date) -> list[PeriodSpan]:
    """The periods any task may owe today, whatever its programme reports by."""
    return open_spans(today)


def owed_spans(programme: Programme, today: date) -> list[PeriodSpan]:
    """The periods a task of ``programme`` owes a report for today (``reportable_spans``)."""
    return open_spans(today, programme.reporting_kinds)


def _period_q(spans: Iterable[PeriodSpan], prefix: str = "period__") -> Q:
    found = Q(pk__in=[])
    for span in spans:
        found |= Q(
            **{
                f"{prefix}kind": span.kind,
                f"{prefix}year": span.year,
                f"{prefix}number": span.number,
            }
        )
    return found


@dataclass(frozen=True)
class NextStep:
    """The one primary button of a task: write the report it owes, go on with it, or see it."""

    action: str  # "start" (POST to report-start), "edit" or "view"
    span: PeriodSpan
    report_id: int | None = None
    report_state: str = ""

    @property
    def label(self) -> str:
        period = self.span.label
        if self.action == "start":
            return _("Write the %(period)s report") % {"period": period}
        if self.report_state == ReportState.RETURNED:
            return _("Revise the %(period)s report") % {"period": period}
        if self.action == "edit":
            return _("Continue the %(period)s report") % {"period": period}
        return _("See the %(period)s report") % {"period": period}

    @property
    def state_label(self) -> str:
        if not self.report_state:
            return _("Not started")
        return str(ReportState(self.report_state).label)


@dataclass(frozen=True)
class ReportRef:
    pk: int
    task_id: int
    span: PeriodSpan
    state: str


def _reports(
    body_id: int, task_ids: Sequence[int] | None, spans: list[PeriodSpan]
) -> list[ReportRef]:
    """The body's reports on the periods that can be owed, and every returned one."""
    reports = ProgressReport.objects.filter(body_id=body_id).filter(
        _period_q(spans) | Q(state=ReportState.RETURNED)
    )
    if task_ids is not None:
        reports = reports.filter(task_id__in=task_ids)
    found = reports.values_list(
        "pk",
        "task_id",
        "state",
        "period__kind",
        "period__year",
        "period__number",
        "period__starts_on",
        "period__ends_on",
        "period__due_on",
    )
    return [
        ReportRef(pk, task_id, PeriodSpan(kind, year, number, starts, ends, due), state)
        for pk, task_id, state, kind, year, number, starts, ends, due in found
    ]


def next_step(task: Task, reports: list[ReportRef], today: date) -> NextStep | None:
    """What the body does next on ``task``: a returned report first, then the first period it
    owes and has not sent, else its latest report sent."""
    for report in reports:
        if report.state == ReportState.RETURNED:
            return NextStep("edit", report.span, report.pk, report.state)
    by_span = {report.span: report for report in reports}
    owed = owed_spans(task.programme, today)
    for span in owed:
        found = by_span.get(span)
        if found is None:
            return NextStep("start", span)
        if found.state not in SENT:
            return NextStep("edit", span, found.pk, found.state)
    sent = [report for report in reports if report.span in owed]
    if sent:
        latest = max(sent, key=lambda report: span_order(report.span))
        return NextStep("view", latest.span, latest.pk, latest.state)
    return None


def _reasons(task: Task, step: NextStep | None, today: date) -> tuple[str, ...]:
    reasons = []
    if step and step.report_state == ReportState.RETURNED:
        reasons.append(RETURNED)
    elif step and step.action != "view":
        if step.span.due_on < today:
            reasons.append(LATE)
        elif step.span.due_on <= today + timedelta(days=DUE_AHEAD_DAYS):
            reasons.append(DUE)
    if kept_status(task) == TaskStatus.OVERDUE:
        reasons.append(OVERDUE)
    return tuple(reasons)


@dataclass(frozen=True)
class UrgentItem:
    """A task in "Cần làm ngay": why, and its one button."""

    task: Task
    reasons: tuple[str, ...]
    step: NextStep | None

    @property
    def status(self) -> TaskStatus:
        return kept_status(self.task)

    @property
    def status_label(self) -> str:
        return str(self.status.label)

    @property
    def tags(self) -> list["Choice"]:
        """Each reason as (code, words)."""
        due = self.step.span.due_on.strftime("%d/%m/%Y") if self.step else ""
        words = {
            RETURNED: _("Report returned"),
            LATE: _("Report late"),
            OVERDUE: _("Task overdue"),
            DUE: _("Report due %(day)s") % {"day": due},
        }
        return [Choice(reason, words[reason]) for reason in self.reasons]


@dataclass
class Urgent:
    items: list[UrgentItem] = field(default_factory=list)
    count: int = 0


def _sort_key(item: UrgentItem) -> tuple[int, date, str, int]:
    due = item.step.span.due_on if item.step else date.max
    return (
        REASON_ORDER.index(item.reasons[0]),
        due,
        item.task.programme.sort_key,
        item.task.position,
    )


def urgent(user: User, today: date, *, shown: int | None = URGENT_SHOWN) -> Urgent:
    """Returned reports, reports due or late and not sent, overdue tasks: the first ``shown``
    of them (all with None) and how many there are. Two queries."""
    if user.body_id is None:
        return Urgent()
    tasks = list(
        Task.objects.reported_by(user)
        .select_related("programme", "state")
        .only(
            "pk",
            "number",
            "title",
            "position",
            "deadline_text",
            "deadline_due",
            "programme__id",
            "programme__code",
            "programme__title",
            "programme__sort_key",
            "programme__reporting_periods",
            "state__status",
            "state__percent",
        )
    )
    by_task: dict[int, list[ReportRef]] = {}
    for report in _reports(user.body_id, None, candidate_spans(today)):
        by_task.setdefault(report.task_id, []).append(report)
    items = []
    for task in tasks:
        step = next_step(task, by_task.get(task.pk, []), today)
        reasons = _reasons(task, step, today)
        if reasons:
            items.append(UrgentItem(task=task, reasons=reasons, step=step))
    items.sort(key=_sort_key)
    return Urgent(items=items if shown is None else items[:shown], count=len(items))


# The list of every task --------------------------------------------------------------------------


@dataclass(frozen=True)
class InboxFilter:
    """What the official chose: programme, status, a period not yet reported, their body's
    role, words to find."""

    programme_id: int | None = None
    status: str = ""
    unreported: str = ""  # a span key: tasks owing that period's report and not sent
    role: str = ""
    query: str = ""


def filtered_tasks(
    tasks: "QuerySet[Task]", body_id: int, chosen: InboxFilter, today: date
) -> "QuerySet[Task]":
    """``tasks`` (the body's) narrowed as ``chosen``: the one rule behind the inbox list and
    every count of the unit page that links to it."""
    if chosen.programme_id:
        tasks = tasks.filter(programme_id=chosen.programme_id)
    if chosen.status:
        tasks = tasks.filter(kept_status_is(chosen.status))
    if chosen.role:
        roles = Assignment.objects.current().filter(
            task_id=OuterRef("pk"), body_id=body_id, role=chosen.role
        )
        tasks = tasks.filter(Exists(roles))
    span = next((s for s in candidate_spans(today) if span_key(s) == chosen.unreported), None)
    if span is not None:
        sent = ProgressReport.objects.filter(
            task_id=OuterRef("pk"), body_id=body_id, state__in=SENT
        ).filter(_period_q([span]))
        tasks = tasks.filter(reports_by(span.kind, prefix="programme__")).exclude(Exists(sent))
    for word in fold(chosen.query).split():
        tasks = tasks.filter(search_text__contains=word)
    return tasks


@dataclass(frozen=True)
class InboxRow:
    task: Task
    role: str
    status: TaskStatus
    percent: int | None
    step: NextStep | None

    @property
    def status_label(self) -> str:
        return str(self.status.label)


def inbox_tasks(user: User, chosen: InboxFilter, today: date) -> "QuerySet[Task]":
    """The body's tasks as ``chosen``, what is due first: the inbox's list and its export."""
    if user.body_id is None:
        return Task.objects.none()
    role = Assignment.objects.current().filter(task_id=OuterRef("pk"), body_id=user.body_id)
    return (
        filtered_tasks(Task.objects.reported_by(user), user.body_id, chosen, today)
        .select_related("programme", "state")
        .annotate(my_role=Subquery(role.values("role")[:1]))
        .order_by(F("deadline_due").asc(nulls_last=True), "programme__sort_key", "position", "pk")
    )


def inbox_rows(user: User, tasks: Sequence[Task], today: date) -> list[InboxRow]:
    """Rows for ``tasks`` (from ``inbox_tasks``) with each one's next step: one query."""
    if user.body_id is None:
        return []
    by_task: dict[int, list[ReportRef]] = {}
    ids = [task.pk for task in tasks]
    # A long list (an export) reads the body's reports without naming every task.
    for report in _reports(user.body_id, ids if len(ids) <= 500 else None, candidate_spans(today)):
        by_task.setdefault(report.task_id, []).append(report)
    return [
        InboxRow(
            task=task,
            role=task.my_role,
            status=kept_status(task),
            percent=task.state.percent if hasattr(task, "state") else None,
            step=next_step(task, by_task.get(task.pk, []), today),
        )
        for task in tasks
    ]


def inbox_page(
    user: User, chosen: InboxFilter, today: date, page_number: str | None
) -> Page[InboxRow]:
    """One page of the body's tasks as ``chosen``, what is due first: three queries."""
    if user.body_id is None:
        return Paginator(list[InboxRow](), PAGE_SIZE).get_page(1)
    page: Page[Task] = Paginator(inbox_tasks(user, chosen, today), PAGE_SIZE).get_page(page_number)
    page.object_list = inbox_rows(user, list(page.object_list), today)  # type: ignore[assignment]
    return page  # type: ignore[return-value]


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class FilterChoices:
    programmes: list[Choice]
    periods: list[Choice]


def filter_choices(user: User, today: date) -> FilterChoices:
    """The inbox filters' choices, in one query: the programmes the body has tasks in, and
    the periods those tasks may owe today (of the kinds their programmes ask for)."""
    programmes = (
        Programme.objects.filter(tasks__in=Task.objects.reported_by(user))
        .distinct()
        .order_by("sort_key")
        .values_list("pk", "code", "title", "reporting_periods")
    )
    kinds: set[str] = set()
    named = []
    for pk, code, title, periods in programmes:
        named.append(Choice(str(pk), code or title))
        kinds.update(Programme(reporting_periods=periods).reporting_kinds)
    periods_owed = [
        Choice(span_key(span), span.label) for span in candidate_spans(today) if span.kind in kinds
    ]
    return FilterChoices(programmes=named, periods=periods_owed)


ROLE_CHOICES = (AssignmentRole.LEAD, AssignmentRole.COORDINATING)
