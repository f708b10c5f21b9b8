"""Writes on the plan. Every change of bodies, tasks and assignments goes through here."""

import contextlib
from collections.abc import Iterable, Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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


def _check_not_before_assignments(*, body: Body, on: date) -> None:
    """A merge or split on ``on`` ends the body's current assignments that day: one that
    started later would end before it began, and the history would read wrong."""
    later = (
        Assignment.objects.current()
        .filter(body=body, started_on__gt=on)
        .select_related("task")
        .order_by("-started_on")
        .first()
    )
    if later is not None and later.started_on is not None:
        raise ValidationError(
            _(
                "%(body)s was given “%(task)s” on %(started)s: the change cannot be dated "
                "before that (%(on)s)."
            )
            % {
                "body": body.name,
                "task": later.task.title[:80],
                "started": f"{later.started_on:%d/%m/%Y}",
                "on": f"{on:%d/%m/%Y}",
            }
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
        _check_not_before_assignments(body=source, on=on)
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
    if any(part.pk == source.pk for part in into):
        raise ValidationError(_("A body cannot be split into itself."))
    if any(part.active_to is not None for part in into):
        raise ValidationError(_("Choose bodies that exist today to split into."))
    _check_not_before_assignments(body=source, on=on)
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
def body_rename(
    *, body: Body, name: str, short_name: str | None = None, on: date, note: str = ""
) -> None:
    """Rename ``body`` from ``on``; the old name stays readable through ``Body.name_on``."""
    name = normalize(name)
    if not name:
        raise ValidationError(_("The new name is empty."))
    if name == body.name and (short_name is None or normalize(short_name) == body.short_name):
        raise ValidationError(_("The new name is the same as the current one."))
    if body.active_to is not None:
        raise ValidationError(_("%(body)s no longer exists.") % {"body": body.name})
    BodyEvent.objects.create(
        body=body, kind=BodyEvent.Kind.RENAME, on=on, old_name=body.name, new_name=name, note=note
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
    reading = read_task_sheet(upload.read())
    return ImportBatch.objects.create(
        programme=programme, file_name=upload.name[:255], reading=reading.as_json(), created_by=by
    )


IMPORT_IN_BACKGROUND = 1000  # rows; a longer list is saved by the worker behind a progress bar


def import_progress_key(batch_pk: int) -> str:
    return f"import-progress:{batch_pk}"


def import_start(*, batch, by) -> bool:
    """Save a previewed batch now, or hand a long one to the worker. True when it is done.

    A second click finds the batch running or done and says so; a broken broker saves it here.
    """
    from programmes.models import ImportBatch

    with transaction.atomic():
        batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        _check_importable(batch)
        if len(batch.rows) <= IMPORT_IN_BACKGROUND:
            _import(batch)
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


def _import(batch, progress=None) -> int:
    from programmes.imports import apply_rows
    from programmes.models import ImportBatch

    count = apply_rows(programme=batch.programme, rows=batch.rows, progress=progress)
    batch.state = ImportBatch.State.APPLIED
    batch.applied_at = timezone.now()
    batch.applied_count = count
    batch.save(update_fields=["state", "applied_at", "applied_count"])
    return count


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


@transaction.atomic
def programme_add_draft(*, programme, goals: list[dict], tasks: list[dict]) -> tuple[int, int]:
    """Save the kept goals and tasks of an edited draft: all or nothing."""
    from programmes.imports import apply_rows
    from programmes.models import Goal

    kept_goals = [g for g in goals if g.get("keep")]
    start = programme.goals.count()
    for position, goal in enumerate(kept_goals, start=start + 1):
        Goal.objects.create(
            programme=programme,
            kind=Goal.Kind.HORIZON if goal.get("horizon") else Goal.Kind.GENERAL,
            horizon=goal.get("horizon"),
            text=goal["text"],
            position=position,
        )
    rows = [
        {
            "number": task["number"],
            "title": task["title"],
            "depth": task["depth"],
            "kind": task["kind"],
            "deadline": task["deadline"],
            "lead_id": task["lead"].pk if task.get("lead") else None,
            "coordinating_ids": [],
        }
        for task in tasks
        if task.get("keep")
    ]
    return len(kept_goals), apply_rows(programme=programme, rows=rows)


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
