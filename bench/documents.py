"""Documents at scale: the Word mid-term report for a 300-task programme with 30 targets
(goal < 2 s) and an Excel import of 5,000 tasks, read and saved (goal < 10 s).

    .venv/bin/python bench/documents.py
"""

import random
import time
from datetime import date
from decimal import Decimal
from io import BytesIO

from _setup import setup

setup()

from openpyxl import Workbook  # noqa: E402

from demo.province import Scale, generate  # noqa: E402
from programmes.imports import apply_rows, read_task_sheet  # noqa: E402
from programmes.models import Body, Programme, Target, Task  # noqa: E402
from tracking.documents.midterm_docx import midterm_docx  # noqa: E402
from tracking.models import ProgressReport, ReportState, TargetReading  # noqa: E402


def ensure_data() -> Programme:
    programme = Programme.objects.filter(slug="demo-ctr-1").first()
    if programme is None or programme.tasks.count() < 300:
        generate(Scale(tasks_per_programme=308).times(0.1), log=lambda *_: None)
        programme = Programme.objects.get(slug="demo-ctr-1")
    if programme.targets.count() < 30:
        tasks = list(programme.tasks.filter(kind="task")[:30])
        for n, task in enumerate(tasks):
            target = Target.objects.create(
                programme=programme,
                task=task,
                position=n + 1,
                name=f"Chỉ tiêu minh họa {n + 1}",
                unit="%",
                planned_value=Decimal(50 + n),
            )
            report = (
                ProgressReport.objects.filter(task=task, is_lead=True, state=ReportState.CONFIRMED)
                .order_by("-period__ends_on")
                .first()
            )
            if report:
                TargetReading.objects.create(
                    report=report, target=target, value=Decimal(40 + 2 * n)
                )
    return programme


def sheet(rows: int) -> bytes:
    names = list(
        Body.objects.filter(code__startswith="demo-co-quan").values_list("name", flat=True)
    )
    rng = random.Random(5)  # noqa: S311 - synthetic data
    book = Workbook()
    ws = book.active
    ws.append(
        ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
    )
    group = 0
    for n in range(rows):
        if n % 50 == 0:
            group += 1
            ws.append([f"{group}", f"Nhóm nhiệm vụ {group}", "", "", ""])
            continue
        ws.append(
            [
                f"{group}.{n % 50}",
                f"Nhiệm vụ nhập thử {n}",
                rng.choice(names),
                "; ".join(rng.sample(names, 2)),
                rng.choice(["Quý II/2026", "Năm 2027", "Thường xuyên", "30/6/2026"]),
            ]
        )
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def main() -> None:
    programme = ensure_data()
    tasks = programme.tasks.count()
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        content = midterm_docx(programme, date(2024, 12, 15))
        timings.append(time.perf_counter() - started)
    print(
        f"Word mid-term report: {tasks} tasks, {programme.targets.count()} targets, "
        f"{len(content) // 1024} KiB: best {min(timings):.2f} s, worst {max(timings):.2f} s"
    )

    workbook = sheet(5000)
    target = Programme.objects.get(slug="demo-ctr-2")
    Task.objects.filter(programme=target, title__startswith="Nhiệm vụ nhập thử").delete()
    Task.objects.filter(programme=target, title__startswith="Nhóm nhiệm vụ ").filter(
        number__regex=r"^\d+$"
    ).delete()
    started = time.perf_counter()
    reading = read_task_sheet(workbook)
    read = time.perf_counter() - started
    assert not reading.errors, reading.errors[:3]
    payload = reading.as_json()["rows"]
    started = time.perf_counter()
    created = apply_rows(programme=target, rows=payload)
    saved = time.perf_counter() - started
    print(
        f"Excel import: {len(payload)} rows read in {read:.2f} s, {created} tasks saved in "
        f"{saved:.2f} s, total {read + saved:.2f} s"
    )


if __name__ == "__main__":
    main()
