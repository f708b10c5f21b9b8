"""What the mid-term review report says, gathered from the same reads as the leaders' pages:
the rows of the day (``rows_on``), rolled up by the one roll-up rule (``rollup``), with the
difficulties and proposals of the confirmed reports grouped by what they say."""

import re
from dataclasses import dataclass, field
from datetime import date

from programmes.models import Body, BodyKind, Programme, Task
from tracking.models import ProgressReport, ReportState
from tracking.selectors.rollup import Section, Tally, rollup
from tracking.selectors.rows import Row, end_of, rows_on
from tracking.selectors.targets import target_judgements
from tracking.signals import midterm_proposals_summary
from tracking.status import COMPLETED, TaskStatus


def province_of(programme: Programme) -> str:
    body = programme.issuing_body
    if body is None:
        return ""
    for ancestor in Body.objects.ancestors(body, include_self=True):
        if ancestor.kind == BodyKind.PROVINCE:
            return ancestor.short_name or ancestor.name.removeprefix("Tỉnh ").strip()
    return ""


@dataclass
class Concern:
    """A difficulty or proposal as the offices wrote it, with the tasks whose confirmed reports
    raised it (each task once, in the programme's order)."""

    text: str
    rows: list[Row] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.rows)


@dataclass
class Content:
    programme: Programme
    day: date
    sections: list[Section]
    targets: list[dict]
    difficulties: list[Concern]
    proposals: list[Concern]
    remaining: list[Row]
    overdue: list[Row]
    total: Tally
    # What later apps add (the register of proposals: how many were resolved by the day).
    register: list[str] = field(default_factory=list)

    @property
    def groups(self) -> list[dict]:
        """The sections that hold tasks, with the title the report gives them."""
        return [
            {
                "title": section_title(section, len(self.sections)),
                "name": _named(section, len(self.sections)),
                "tally": section.tally,
            }
            for section in self.sections
            if section.tally.total
        ]


def section_title(section: Section, count: int) -> str:
    if section.title:
        return section.title
    return "Các nhiệm vụ khác" if count > 1 else "Các nhiệm vụ, giải pháp"


def _named(section: Section, count: int) -> str:
    """A group as a sentence names it: its title without its number, "nhóm" in lower case
    ("nhóm nhiệm vụ 5: hạ tầng giao thông")."""
    title = section.group.title.strip() if section.group else section_title(section, count)
    if title[:4].casefold() == "nhóm":
        return "nhóm" + title[4:]
    return f"nhóm {title[:1].lower()}{title[1:]}"


BULLET = re.compile(r"^[\s\-–—+•*·]+")


def items_of(text: str) -> list[str]:
    """A report's free text as separate items: one per line, without list markers or the
    final full stop, so that "- Thiếu kinh phí." and "Thiếu kinh phí" are the same item."""
    found = []
    for line in text.splitlines():
        item = BULLET.sub("", line).strip().rstrip(".;,").strip()
        if item:
            found.append(item[:1].upper() + item[1:])
    return found


def _key(item: str) -> str:
    return " ".join(item.casefold().split())


def _concerns(
    reports: list[tuple[int, str]], rows: dict[int, Row], order: dict[int, int]
) -> list[Concern]:
    """Identical items grouped with the tasks that raised them (each once, in the
    programme's order), the most frequent first."""
    concerns: dict[str, Concern] = {}
    counted: dict[str, set[int]] = {}
    for task_id, text in reports:
        row = rows.get(task_id)
        if row is None:
            continue
        for item in items_of(text):
            key = _key(item)
            concern = concerns.setdefault(key, Concern(item))
            if task_id not in counted.setdefault(key, set()):
                counted[key].add(task_id)
                concern.rows.append(row)
    for concern in concerns.values():
        concern.rows.sort(key=lambda r: order[r.pk])
    return sorted(concerns.values(), key=lambda c: (-c.count, _key(c.text)))


def gather(programme: Programme, day: date) -> Content:
    """What the report says, from the same reads as the leaders' pages: the rows of the day,
    rolled up by the one roll-up rule. Difficulties and proposals come from every confirmed
    lead report up to the day, not only the latest: a difficulty reported in one quarter
    stays in the review even when a later report no longer repeats it."""
    rows = rows_on(day, Task.objects.filter(programme=programme))
    # Short names ("Sở Tài chính") keep the appendix tables' rows to a line or two.
    names = {
        pk: short or name
        for pk, name, short in Body.objects.values_list("pk", "name", "short_name")
    }
    for row in rows:
        row.lead = names.get(row.lead_id, "") if row.lead_id else ""
    sections, total = rollup(programme, rows)
    ordered = [row for section in sections for row in section.rows]
    order = {row.pk: index for index, row in enumerate(ordered)}
    by_pk = {row.pk: row for row in ordered}
    reports = list(
        ProgressReport.objects.filter(
            task_id__in=list(by_pk),
            is_lead=True,
            state=ReportState.CONFIRMED,
            decided_at__lt=end_of(day),
        )
        .exclude(difficulties="", proposals="")
        .order_by("period__ends_on", "decided_at")
        .values_list("task_id", "difficulties", "proposals")
    )
    difficulties = _concerns([(task, text) for task, text, _ in reports], by_pk, order)
    proposals = _concerns([(task, text) for task, _, text in reports], by_pk, order)
    judged = target_judgements(day, [programme.pk])
    targets = [
        {"target": target, "judged": judged.get(target.pk)} for target in programme.targets.all()
    ]
    # The rest of the term: what is neither done nor already past its deadline on the day;
    # the overdue ones (the status engine's word, not a date compared here) get their own list.
    open_rows = [row for row in ordered if row.status not in COMPLETED]
    return Content(
        programme=programme,
        day=day,
        sections=sections,
        targets=targets,
        difficulties=difficulties,
        proposals=proposals,
        remaining=[row for row in open_rows if row.status != TaskStatus.OVERDUE],
        overdue=[row for row in open_rows if row.status == TaskStatus.OVERDUE],
        total=total,
        register=[
            paragraph
            for _receiver, paragraphs in midterm_proposals_summary.send(
                sender=Programme, programme=programme, day=day
            )
            for paragraph in paragraphs or []
        ],
    )
