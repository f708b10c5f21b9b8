"""Writes on the plan. Every change of bodies, tasks and assignments goes through here."""

import contextlib
from collections.abc import Iterable, Mapping
from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from programmes.roundtrip import Plan

from programmes.models import Assignment, AssignmentRole, Body, BodyEvent, Programme, Task, User
from programmes.signals import tasks_changed_send
from programmes.text import normalize


def _carry_assignment(*, assignment: Assignment, to: Body, on: date) -> None:
    """End ``assignment`` on ``on`` and give its part to ``to``, keeping the stronger role."""
    assignment.ended_on = on
    assignment.save(update_fields=["ended_on"])
    existing = Assignment.objects.current().filter(task_id=assignment.task_id, body=to).first()
    if existing is not None:
        if existing.role == AssignmentRole.LEAD or assignment.role != AssignmentRole.LEAD:
            return
        # The successor coordinated and now inherits the lead: its old part ends as well.
        existing.ended_on = on
        existing.save(update_fields=["ended_on"])
    Assignment.objects.create(
        task_id=assignment.task_id,
        body=to,
        role=assignment.role,
        started_on=on,
        carried_from=assignment,
    )


def _close_body(*, body: Body, on: date, successor: Body | None) -> None:
    if body.active_to is not None:
        raise ValidationError(_("%(body)s no longer exists.") % {"body": body.name})
    if body.active_from and on <= body.active_from:
        raise ValidationError(_("%(body)s did not exist yet on that date.") % {"body": body.name})
    body.active_to = on
    body.successor = successor
    body.save(update_fields=["active_to", "successor"])


@transaction.atomic
def body_merge(*, sources: Iterable[Body], into: Body, on: date, note: str = "") -> None:
    """Merge ``sources`` into ``into`` on ``on``.

    Their current assignments end and carry over to ``into``; their accounts and the
    sub-tasks they own move to ``into``; each source keeps its name and history and points at
    ``into`` as its successor.
    """
    sources = [Body.objects.select_for_update().get(pk=s.pk) for s in sources]
    if not sources:
        raise ValidationError(_("Choose at least one body to merge."))
    if any(source.pk == into.pk for source in sources):
        raise ValidationError(_("A body cannot be merged into itself."))
    if into.active_to is not None:
        raise ValidationError(_("%(body)s no longer exists.") % {"body": into.name})
    moved: list[int] = []
    for source in sources:
        for assignment in Assignment.objects.current().filter(body=source).order_by("pk"):
            _carry_assignment(assignment=assignment, to=into, on=on)
            moved.append(assignment.task_id)
        User.objects.filter(body=source).update(body=into)
        Task.objects.filter(owner_body=source).update(owner_body=into)
        Body.objects.filter(parent=source).exclude(pk=into.pk).update(parent=into)
        _close_body(body=source, on=on, successor=into)
        BodyEvent.objects.create(
            body=source, kind=BodyEvent.Kind.MERGE, on=on, related=into, note=note
        )
    tasks_changed_send(moved)


@transaction.atomic
def body_split(
    *,
    source: Body,
    into: list[Body],
    on: date,
    task_bodies: Mapping[int, Body] | None = None,
    note: str = "",
) -> None:
    """Split ``source`` into the bodies ``into`` on ``on``.

    Each current assignment goes to the body ``task_bodies`` names for its task, or to the
    first of ``into``; accounts go to the first of ``into``, to be moved by an admin.
    """
    if not into:
        raise ValidationError(_("Choose the bodies it splits into."))
    source = Body.objects.select_for_update().get(pk=source.pk)
    task_bodies = task_bodies or {}
    moved: list[int] = []
    for assignment in Assignment.objects.current().filter(body=source).order_by("pk"):
        target = task_bodies.get(assignment.task_id, into[0])
        _carry_assignment(assignment=assignment, to=target, on=on)
        moved.append(assignment.task_id)
    User.objects.filter(body=source).update(body=into[0])
    Task.objects.filter(owner_body=source).update(owner_body=into[0])
    _close_body(body=source, on=on, successor=into[0])
    for part in into:
        BodyEvent.objects.create(
            body=source, kind=BodyEvent.Kind.SPLIT, on=on, related=part, note=note
        )
    tasks_changed_send(moved)


@transaction.atomic
def body_rename(*, body: Body, name: str, short_name: str | None = None, on: date) -> None:
    """Rename ``body`` from ``on``; the old name stays readable through ``Body.name_on``."""
    name = normalize(name)
    if not name:
        raise ValidationError(_("The new name is empty."))
    BodyEvent.objects.create(
        body=body, kind=BodyEvent.Kind.RENAME, on=on, old_name=body.name, new_name=name
    )
    body.name = name
    fields = ["name"]
    if short_name is not None:
        body.short_name = normalize(short_name)
        fields.append("short_name")
    body.save(update_fields=fields)


@transaction.atomic
def task_assign(
    *, task: Task, lead: Body | None, coordinating: Iterable[Body] = (), on: date | None = None
) -> None:
    """Set the task's lead and coordinating bodies, ending the parts that are dropped."""
    wanted = {body.pk: AssignmentRole.COORDINATING for body in coordinating}
    if lead is not None:
        wanted[lead.pk] = AssignmentRole.LEAD
    for assignment in Assignment.objects.current().filter(task=task):
        if wanted.get(assignment.body_id) == assignment.role:
            wanted.pop(assignment.body_id)
        else:
            assignment.ended_on = on or timezone.localdate()
            assignment.save(update_fields=["ended_on"])
    for body_id, role in sorted(wanted.items(), key=lambda item: item[1] != "lead"):
        Assignment.objects.create(task=task, body_id=body_id, role=role, started_on=on)
    tasks_changed_send([task.pk])


DEADLINE_FIELDS = ["deadline_text", "deadline_kind", "deadline_start", "deadline_due"]


@transaction.atomic
def task_save(*, task: Task, deadline_text: str | None = None) -> Task:
    """Save a task edited as a whole (the admin's form): its deadline read from the text as
    written, and its kept status brought in step in the same transaction."""
    if deadline_text is not None:
        try:
            task.set_deadline(deadline_text)
        except ValueError as error:
            raise ValidationError({"deadline_text": str(error)}) from None
    old_key = Task.objects.filter(pk=task.pk).values_list("tree_key", flat=True).first()
    task.save()
    if old_key and old_key != task.tree_key:  # moved: its subtree follows it in the order
        moved = list(
            Task.objects.filter(programme_id=task.programme_id, tree_key__startswith=f"{old_key}.")
        )
        for descendant in moved:
            descendant.tree_key = task.tree_key + descendant.tree_key[len(old_key) :]
        Task.objects.bulk_update(moved, ["tree_key"])
    tasks_changed_send([task.pk])
    return task


@transaction.atomic
def assignments_changed(*, task_ids: Iterable[int]) -> None:
    """Assignments were edited outside ``task_assign`` (the admin's inline forms, which save
    each row): bring the tasks' kept status in step."""
    tasks_changed_send(task_ids)


@transaction.atomic
def programme_save(*, programme: Programme) -> Programme:
    """Save a programme edited as a whole: its issue date and term are where its tasks'
    windows start, so their kept status follows."""
    programme.save()
    tasks_changed_send(programme.tasks.values_list("pk", flat=True))
    return programme


MAX_IMPORT_BYTES = 10 * 1024 * 1024


def import_read(*, programme, upload, by):
    """Read an uploaded task list into a batch to preview; nothing of the plan changes."""
    from programmes.imports import read_task_sheet
    from programmes.models import ImportBatch

    if upload.size > MAX_IMPORT_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."))
    reading = read_task_sheet(upload.read()).as_json()
    if reading["round_trip"]:  # ids of no task or of another programme: row errors too
        from programmes.roundtrip import compare

        plan = compare(programme=programme, rows=reading["rows"], mapping={})
        errors = reading["errors"] + [asdict(error) for error in plan.errors]
        reading["errors"] = sorted(errors, key=lambda error: error["line"])
    return ImportBatch.objects.create(
        programme=programme, file_name=upload.name[:255], reading=reading, created_by=by
    )


def import_map(*, batch, mapping: Mapping[str, Body | None], by) -> None:
    """Keep the bodies the leader chose for the names the registry did not know; a name left
    without a body keeps its error."""
    from programmes.models import ImportBatch

    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.state != ImportBatch.State.PREVIEW:
            raise ValidationError(_("This file has already been imported."))
        known = set(batch.reading.get("unknown_bodies", []))
        chosen = {
            name: body.pk
            for name, body in mapping.items()
            if name in known and body is not None and body.active_to is None
        }
        batch.reading = batch.reading | {"mapping": chosen}
        batch.save(update_fields=["reading"])


IMPORT_IN_BACKGROUND = 1000  # rows; a longer list is saved by the worker behind a progress bar


def import_progress_key(batch_pk: int) -> str:
    return f"import-progress:{batch_pk}"


def import_start(*, batch, by, fingerprint: str = "") -> bool:
    """Save a previewed batch now, or hand a long one to the worker. True when it is done.

    A second click finds the batch running or done and says so; a broken broker saves it here.
    A round-trip file is saved only if it still changes what the preview showed
    (``fingerprint``): otherwise the leader checks the changes again.
    """
    from programmes.models import ImportBatch

    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        _check_importable(batch)
        if len(batch.rows) <= IMPORT_IN_BACKGROUND:
            _import(batch, fingerprint=fingerprint)
            return True
        batch.state = ImportBatch.State.RUNNING
        batch.save(update_fields=["state"])
    from celery import current_app

    try:
        current_app.send_task("programmes.tasks.import_apply", args=[batch.pk], retry=False)
    except Exception:  # noqa: BLE001 - no broker: do it here rather than not at all
        import_run(batch_pk=batch.pk)
        return True
    return False


def _check_importable(batch) -> None:
    from programmes.models import ImportBatch

    if batch.state == ImportBatch.State.APPLIED:
        raise ValidationError(_("This file has already been imported."))
    if batch.state == ImportBatch.State.RUNNING:
        raise ValidationError(_("This file is being imported."))
    if batch.errors:
        raise ValidationError(_("Fix the errors in the file and upload it again."))


def _import(batch, progress=None, fingerprint: str = "") -> int:
    from programmes.imports import apply_rows
    from programmes.models import ImportBatch
    from programmes.roundtrip import with_mapping

    if batch.round_trip:
        plan = import_round_trip(
            programme=batch.programme,
            rows=batch.rows,
            mapping=batch.mapping,
            on=timezone.localdate(),
            fingerprint=fingerprint,
        )
        summary = {
            "added": len(plan.added),
            "changed": len(plan.changed),
            "removed": len(plan.removed),
        }
        count = sum(summary.values())
        batch.reading = batch.reading | {"summary": summary}
    else:
        rows = with_mapping(batch.rows, batch.mapping)
        count = apply_rows(programme=batch.programme, rows=rows, progress=progress)
    batch.state = ImportBatch.State.APPLIED
    batch.applied_at = timezone.now()
    batch.applied_count = count
    batch.save(update_fields=["state", "applied_at", "applied_count", "reading"])
    return count


@transaction.atomic
def import_round_trip(
    *,
    programme: Programme,
    rows: list[dict],
    mapping: dict[str, int],
    on: date,
    fingerprint: str = "",
) -> "Plan":
    """Save what ``compare`` finds, all or nothing; refused when it is not the plan whose
    ``fingerprint`` the leader saw. Tasks' kept status follows through ``tasks_changed``."""
    from programmes.imports import ROMAN
    from programmes.models import TaskKind
    from programmes.roundtrip import (
        compare,
        parts,
        programme_tasks,
        refresh_search,
        rekey,
        window,
        with_mapping,
    )
    from programmes.text import fold

    plan = compare(programme=programme, rows=rows, mapping=mapping, lock=True)
    if plan.errors:
        raise ValidationError(_("Fix the errors in the file and upload it again."))
    if fingerprint and fingerprint != plan.fingerprint:
        raise ValidationError(
            _("The programme has changed since this preview was made: check the changes again.")
        )
    rows = with_mapping(rows, mapping)
    tasks = programme_tasks(programme)
    saved: dict[int, Task] = {}  # row index → its task
    for index, row in enumerate(rows):
        if row["task_id"]:
            saved[index] = tasks[row["task_id"]]

    def parent_id(index: int) -> int | None:
        parent = plan.parents[index]
        if isinstance(parent, str):
            return saved[int(parent.removeprefix("row:"))].pk
        return parent

    # New rows, level by level so that each finds its parent saved.
    for depth in sorted({row["depth"] for row in plan.added}):
        level = []
        for row in plan.added:
            if row["depth"] != depth:
                continue
            group = depth == 0 and ROMAN.match(fold(row["number"]).rstrip("."))
            task = Task(
                programme=programme,
                parent_id=parent_id(row["index"]),
                kind=row["kind"] or (TaskKind.GROUP if group else TaskKind.TASK),
                number=row["number"],
                title=row["title"],
                position=plan.positions.get(row["index"], 1),
            )
            task.set_deadline(row["deadline"])
            refresh_search(task)
            saved[row["index"]] = task
            level.append(task)
        Task.objects.bulk_create(level)
    Assignment.objects.bulk_create(
        [
            Assignment(task=saved[row["index"]], body_id=body_id, role=role, started_on=on)
            for row in plan.added
            for body_id, role in [
                *([(row["lead_id"], AssignmentRole.LEAD)] if row["lead_id"] else []),
                *((pk, AssignmentRole.COORDINATING) for pk in row["coordinating_ids"]),
            ]
        ]
    )

    changed_ids = {change.task_id for change in plan.changed}
    updated: list[Task] = []
    for index, task in saved.items():
        row = rows[index]
        if task.pk not in changed_ids and index not in plan.positions:
            continue
        if task.pk in changed_ids:
            task.number, task.title = row["number"], row["title"]
            task.kind = row["kind"] or task.kind
            task.parent_id = parent_id(index)
            task.archived_on = None
            if window(row["deadline"]) != window(task.deadline_text):
                task.set_deadline(row["deadline"])
            refresh_search(task)
            lead, coordinating = parts(task)
            if row["lead_id"] != lead or set(row["coordinating_ids"]) != set(coordinating):
                task_assign(
                    task=task,
                    lead=Body(pk=row["lead_id"]) if row["lead_id"] else None,
                    coordinating=[Body(pk=pk) for pk in row["coordinating_ids"]],
                    on=on,
                )
        task.position = plan.positions.get(index, task.position)
        updated.append(task)
    fields = ["number", "title", "kind", "parent", "archived_on", "position", "search_text"]
    fields += ["sort_key", "deadline_text", "deadline_kind", "deadline_start", "deadline_due"]
    Task.objects.bulk_update(updated, [*fields, "deadline_every"], batch_size=1000)

    removed_ids = [removed.task_id for removed in plan.removed]
    Task.objects.filter(pk__in=removed_ids).update(archived_on=on)
    Assignment.objects.current().filter(task_id__in=removed_ids).update(ended_on=on)
    if not plan.is_empty:
        rekey(programme)
    added_ids = [saved[row["index"]].pk for row in plan.added]
    tasks_changed_send([*changed_ids, *removed_ids, *added_ids])
    return plan


def import_run(*, batch_pk: int) -> int:
    """The worker's half: save the whole batch in one transaction, reporting progress through
    the cache (outside the transaction, so the page can read it while it runs)."""
    from django.core.cache import cache

    from programmes.models import ImportBatch

    def progress(share: float) -> None:
        with contextlib.suppress(Exception):  # progress is a courtesy: never fail the import
            cache.set(import_progress_key(batch_pk), round(100 * share), 3600)

    try:
        with transaction.atomic():
            batch = ImportBatch.objects.select_for_update().get(pk=batch_pk)
            if batch.state == ImportBatch.State.APPLIED:
                return batch.applied_count
            return _import(batch, progress)
    except Exception as error:
        ImportBatch.objects.filter(pk=batch_pk).update(
            state=ImportBatch.State.FAILED, failure=str(error)[:2000]
        )
        raise


def imports_resume() -> int:
    """Beat's catch-up for long imports whose queued task never ran (Redis down when it was
    sent, or restarted and emptied): every batch marked running that no worker is saving now
    (its row is not locked) is saved here. Safe beside the worker: a batch it saves meanwhile
    is found applied. Returns how many batches were taken up."""
    import logging

    from programmes.models import ImportBatch

    with transaction.atomic():
        stuck = list(
            ImportBatch.objects.select_for_update(skip_locked=True)
            .filter(state=ImportBatch.State.RUNNING)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    for batch_pk in stuck:
        try:
            import_run(batch_pk=batch_pk)
        except Exception:  # noqa: BLE001 - recorded on the batch by import_run; go on
            logging.getLogger(__name__).warning("import %s failed", batch_pk, exc_info=True)
    return len(stuck)


class DraftAlreadySaved(Exception):
    """The draft with this token was saved before (a double click, back and resubmit)."""


def _draft_rows(tasks: list[dict]) -> list[dict]:
    """The kept tasks as rows for ``apply_rows``. A row is at most one level below the row
    before it: a dropped parent hands its kept children to the row above it."""
    rows: list[dict] = []
    for task in tasks:
        if not task.get("keep"):
            continue
        depth = min(task["depth"], rows[-1]["depth"] + 1 if rows else 0)
        lead = task.get("lead")
        rows.append(
            {
                "number": task["number"],
                "title": task["title"],
                "depth": depth,
                "kind": task["kind"],
                "deadline": task["deadline"],
                "lead_id": lead.pk if lead else None,
                "coordinating_ids": [body.pk for body in task.get("coordinating") or []],
            }
        )
    return rows


def _draft_goals(*, programme, goals: list[dict]) -> int:
    from programmes.models import Goal

    kept = [g for g in goals if g.get("keep")]
    start = programme.goals.count()
    Goal.objects.bulk_create(
        Goal(
            programme=programme,
            kind=Goal.Kind.HORIZON if goal.get("horizon") else Goal.Kind.GENERAL,
            horizon=goal.get("horizon"),
            text=goal["text"],
            position=position,
        )
        for position, goal in enumerate(kept, start=start + 1)
    )
    return len(kept)


def _draft_targets(*, programme, targets: list[dict]) -> int:
    from django.db.models import Max

    from programmes.models import Target

    kept = [t for t in targets if t.get("keep")]
    start = programme.targets.aggregate(last=Max("position"))["last"] or 0
    Target.objects.bulk_create(
        Target(
            programme=programme,
            position=position,
            name=target["name"],
            unit=target.get("unit") or "",
            comparator=target["comparator"],
            baseline_value=target.get("baseline_value"),
            baseline_year=target.get("baseline_year"),
            planned_value=target["planned_value"],
            planned_max=target.get("planned_max"),
            target_year=target.get("target_year"),
        )
        for position, target in enumerate(kept, start=start + 1)
    )
    return len(kept)


@transaction.atomic
def programme_add_draft(*, programme, goals: list[dict], tasks: list[dict]) -> tuple[int, int]:
    """Save the kept goals and tasks of an edited draft: all or nothing."""
    from programmes.imports import apply_rows

    added_goals = _draft_goals(programme=programme, goals=goals)
    return added_goals, apply_rows(programme=programme, rows=_draft_rows(tasks))


@transaction.atomic
def programme_draft_save(
    *,
    programme: Programme,
    token,
    goals: list[dict],
    targets: list[dict],
    tasks: list[dict],
    by: User,
):
    """Save the kept goals, targets and tasks of a draft read from the programme's text, in
    one transaction: all or nothing, in the draft's order under the programme's existing tasks
    (``apply_rows`` keeps ``tree_key`` and sends ``tasks_changed``).

    The draft's token is recorded first: a second save of the same draft, also one racing the
    first, meets the unique token and raises ``DraftAlreadySaved`` without adding anything.
    """
    from django.db import IntegrityError

    from programmes.imports import apply_rows
    from programmes.models import SavedDraft

    try:
        with transaction.atomic():
            saved = SavedDraft.objects.create(token=token, programme=programme, saved_by=by)
    except IntegrityError:
        raise DraftAlreadySaved from None
    saved.goal_count = _draft_goals(programme=programme, goals=goals)
    saved.target_count = _draft_targets(programme=programme, targets=targets)
    saved.task_count = apply_rows(programme=programme, rows=_draft_rows(tasks))
    saved.save(update_fields=["goal_count", "target_count", "task_count"])
    return saved


def user_deactivate(*, users: Iterable[User], by: User) -> list[User]:
    """People who leave are deactivated, never deleted: their reports, decisions and history
    keep their author. A deactivated account cannot sign in or reset its password, any session
    it still has ends at its next request, and reminders skip it. Nobody deactivates their own
    account (an admin could otherwise lock everyone out). Returns the accounts deactivated."""
    done = []
    with transaction.atomic():
        for user in users:
            if user.pk == by.pk or not user.is_active:
                continue
            user.is_active = False
            user.save(update_fields=["is_active"])
            done.append(user)
    return done
