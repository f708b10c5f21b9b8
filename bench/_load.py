"""The load shared by bench/load.py and bench/faults.py: officials of different bodies log in
once, then save and submit their reports through the real edit form against gunicorn on
127.0.0.1, and the database is compared with the responses the server accepted.

Only loopback addresses are used; every loop stops by count and by time.
"""

import http.client
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "bench-load-"
PASSWORD = "bench-2026-load"  # noqa: S105 - a throwaway account in the bench database
HOST = "127.0.0.1"
SAVES_PER_REPORT = 2


# --- data ------------------------------------------------------------------------------------


def prepare(*, users: int, reports_per_user: int) -> dict[str, list[int]]:
    """Fresh officials, one per body, each with ``reports_per_user`` draft reports on tasks
    their body leads; returns {username: [report ids]}. Everything made earlier is removed."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
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
    )
    from programmes.text import fold, sort_key
    from tracking.models import ProgressReport
    from tracking.selectors.reports import reportable_spans
    from tracking.services import period_for, report_start

    today = timezone.localdate()
    with transaction.atomic():
        ProgressReport.objects.filter(task__programme__slug__startswith=PREFIX).delete()
        Task.objects.filter(programme__slug__startswith=PREFIX).update(parent=None)
        Task.objects.filter(programme__slug__startswith=PREFIX).delete()
        Programme.objects.filter(slug__startswith=PREFIX).delete()
        User.objects.filter(username__startswith=PREFIX).delete()
        Body.objects.filter(code__startswith=PREFIX).delete()

        def searchable(obj, text: str) -> None:
            obj.search_text = fold(text)
            obj.sort_key = sort_key(text)[:600]

        bodies = []
        for n in range(users):
            body = Body(
                code=f"{PREFIX}{n}",
                name=f"Sở thử tải số {n + 1}",
                short_name=f"Sở {n + 1}",
                kind=BodyKind.DEPARTMENT,
            )
            searchable(body, body.name)
            bodies.append(body)
        bodies = Body.objects.bulk_create(bodies)
        password = make_password(PASSWORD)
        accounts = User.objects.bulk_create(
            User(
                username=f"{PREFIX}{n:03d}",
                full_name=f"Cán bộ thử tải {n + 1}",
                role=Role.OFFICIAL,
                body=body,
                password=password,
                email=f"{PREFIX}{n}@example.invalid",
            )
            for n, body in enumerate(bodies)
        )
        programme = Programme(
            slug=f"{PREFIX}ctr",
            code="999-CTr/TU",
            kind="programme",
            title="Chương trình thử tải",
            issued_on=date(today.year, 1, 1),
            term_start=today.year,
            term_end=today.year + 4,
        )
        searchable(programme, programme.title)
        programme.save()
        tasks = []
        for n in range(users * reports_per_user):
            task = Task(
                programme=programme,
                kind=TaskKind.TASK,
                number=f"{n + 1}.",
                position=n + 1,
                title=f"Nhiệm vụ thử tải {n + 1}",
                tree_key=f"{n + 1:06d}",
            )
            task.set_deadline(f"Năm {today.year + 1}")
            searchable(task, task.title)
            tasks.append(task)
        tasks = Task.objects.bulk_create(tasks, batch_size=2000)
        Assignment.objects.bulk_create(
            Assignment(task=task, body=bodies[n % users], role=AssignmentRole.LEAD)
            for n, task in enumerate(tasks)
        )
    span = reportable_spans(tasks[0], today)[0]
    period = period_for(span)
    plan: dict[str, list[int]] = {account.username: [] for account in accounts}
    for n, task in enumerate(tasks):
        account = accounts[n % users]
        plan[account.username].append(report_start(task=task, period=period, by=account).pk)
    return plan


def check(plan: dict[str, list[int]], accepted: "Accepted") -> tuple[int, int, int]:
    """(lost, doubled, unconfirmed): an accepted write missing from the database; a report
    submitted twice; a submission the database has but whose response never came back."""
    from django.db.models import Count, Q

    from tracking.models import ProgressReport

    ids = [pk for pks in plan.values() for pk in pks]
    rows = {
        pk: (state, results, submits)
        for pk, state, results, submits in ProgressReport.objects.filter(pk__in=ids)
        .annotate(submits=Count("versions", filter=Q(versions__action="submitted")))
        .values_list("pk", "state", "results", "submits")
    }
    lost = doubled = unconfirmed = 0
    for pk in ids:
        state, results, submits = rows.get(pk, (None, None, 0))
        # A write the server answered after it committed must be there; a later write whose
        # answer was lost may have landed on top of it, which is not a loss.
        written = int(SEQ.search(results).group(1)) if results and SEQ.search(results) else 0
        if (pk in accepted.submitted and state != "submitted") or written < accepted.last.get(
            pk, 0
        ):
            lost += 1
        if submits > 1:
            doubled += 1
        if submits == 1 and pk not in accepted.submitted:
            unconfirmed += 1
    return lost, doubled, unconfirmed


# --- the server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int, *, workers: int = 3, env: dict[str, str] | None = None):
    """gunicorn on 127.0.0.1:port with the bench database; returns the process once it answers."""
    process_env = {**os.environ, **(env or {})}
    process_env.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    process = subprocess.Popen(  # noqa: S603 - our own command
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "60",
            "--graceful-timeout",
            "5",
            # gunicorn 27's control socket defaults to one path per machine user: keep ours apart.
            "--control-socket",
            str(ROOT / ".data" / f"gunicorn-{port}.ctl"),
        ],
        cwd=ROOT,
        env=process_env,
        stdout=subprocess.DEVNULL,
        stderr=open(ROOT / ".data" / "bench-gunicorn.log", "a"),  # noqa: SIM115
        start_new_session=True,
    )
    # Ready when every worker has loaded Django and answered a page (not when the socket
    # opens): otherwise the first seconds measure start-up.
    deadline = time.monotonic() + 120
    answered = 0
    while time.monotonic() < deadline and answered < workers * 2:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=30)
            conn.request("GET", "/dang-nhap/", headers={"Host": HOST})
            if conn.getresponse().status == 200:
                answered += 1
            conn.close()
        except (OSError, http.client.HTTPException):
            time.sleep(0.2)
    if answered < workers * 2:
        stop(process)
        raise RuntimeError("gunicorn did not start")
    return process


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


# --- the officials ---------------------------------------------------------------------------


@dataclass
class Accepted:
    """What the server said it did: per report, the number of the last write it accepted
    and whether it accepted the submission."""

    last: dict[int, int] = field(default_factory=dict)
    submitted: set[int] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    requests: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, error: str | None) -> None:
        with self.lock:
            self.requests += 1
            self.latencies.append(seconds)
            if error:
                self.errors[error] += 1


class Browser:
    """One official's browser: cookies, a new connection a request (gunicorn's sync workers
    close each connection), responses timed into ``stats``."""

    def __init__(self, port: int, stats: Stats):
        self.port = port
        self.stats = stats
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None, htmx: bool = False):
        headers = {"Host": HOST}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{HOST}:{self.port}{path}"
        if htmx:
            headers["HX-Request"] = "true"
        started = time.perf_counter()
        error = None
        status, text, location = 0, "", ""
        try:
            conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            status = response.status
            text = response.read().decode("utf-8", "replace")
            location = response.getheader("Location") or response.getheader("HX-Redirect") or ""
            for value in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            conn.close()
            if status >= 400:
                error = f"HTTP {status}"
        except TimeoutError:
            error = "timeout"
        except OSError as exc:
            error = type(exc).__name__
        except http.client.HTTPException as exc:
            error = type(exc).__name__
        self.stats.add(time.perf_counter() - started, error)
        return status, text, location


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version" value="(\d+)"')
SEQ = re.compile(r"lần lưu (\d+)$")


def log_in(browser: Browser, username: str, until: float) -> bool:
    """Sign in through the login form; a few tries while the server may be restarting."""
    for _attempt in range(20):
        if time.monotonic() >= until:
            return False
        status, page, _ = browser.request("GET", "/dang-nhap/")
        token = CSRF.search(page)
        if status == 200 and token:
            form = {"csrfmiddlewaretoken": token.group(1), "username": username}
            status, _, _ = browser.request("POST", "/dang-nhap/", {**form, "password": PASSWORD})
            if status == 302:
                return True
        time.sleep(0.5)
    return False


def official(browser: Browser, reports: list[int], until: float, accepted: Accepted) -> None:
    """For each report: open the form, save twice as autosave does (htmx), submit with the
    button (a plain POST); stop at ``until``."""
    for pk in reports:
        path = f"/bao-cao/{pk}/soan/"
        for _attempt in range(10):
            if time.monotonic() >= until:
                return
            if _write_report(browser, path, pk, accepted, until):
                break
            time.sleep(0.2)


def _write_report(browser: Browser, path: str, pk: int, accepted: Accepted, until: float) -> bool:
    """One report from opening to sending. False to try again (a failed request)."""
    status, page, _ = browser.request("GET", path)
    if status == 302:
        return True  # already sent (an earlier try whose answer was lost)
    token, version = CSRF.search(page), VERSION.search(page)
    if status != 200 or not token or not version:
        return False
    csrf, current = token.group(1), int(version.group(1))
    for n in range(SAVES_PER_REPORT + 1):
        if time.monotonic() >= until:
            return True
        submit = n == SAVES_PER_REPORT
        text = f"Báo cáo {pk}: lần lưu {n + 1}"
        form = {
            "csrfmiddlewaretoken": csrf,
            "version": current,
            "progress": "in_progress",
            "percent": 10 * (n + 1),
            "results": text,
            "difficulties": "",
            "proposals": "",
        }
        if submit:
            form["action"] = "submit_without_evidence"  # the bench attaches no file
        status, answer, location = browser.request("POST", path, form, htmx=not submit)
        if submit:
            if status == 302 and f"/bao-cao/{pk}/" in location and "soan" not in location:
                with accepted.lock:
                    accepted.submitted.add(pk)
                    accepted.last[pk] = n + 1
                return True
            return False
        saved = VERSION.search(answer)
        if status != 200 or not saved or "save-error" in answer:
            return False
        current = int(saved.group(1))
        with accepted.lock:
            accepted.last[pk] = n + 1
    return True


def run(
    port: int,
    plan: dict[str, list[int]],
    seconds: float,
    started_event: threading.Event | None = None,
) -> tuple[Stats, Accepted, float]:
    """Everyone signs in first (a password hash each, not timed: officials sign in once a
    day), then saves and submits for ``seconds``; ``started_event`` is set then."""
    login_stats = Stats()
    browsers = {name: Browser(port, login_stats) for name in plan}
    signed_in: set[str] = set()
    login_until = time.monotonic() + 180

    def sign_in(name: str) -> None:
        if log_in(browsers[name], name, login_until):
            signed_in.add(name)

    _together([threading.Thread(target=sign_in, args=(name,)) for name in plan], 200)
    stats, accepted = Stats(), Accepted()
    for browser in browsers.values():
        browser.stats = stats
    started = time.monotonic()
    until = started + seconds
    if started_event is not None:
        started_event.set()
    _together(
        [
            threading.Thread(target=official, args=(browsers[name], plan[name], until, accepted))
            for name in plan
            if name in signed_in
        ],
        seconds + 120,
    )
    stats.errors.update(
        {"could not sign in": len(plan) - len(signed_in)} if len(plan) > len(signed_in) else {}
    )
    return stats, accepted, time.monotonic() - started


def _together(threads: list[threading.Thread], limit: float) -> None:
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + limit
    for thread in threads:
        thread.join(timeout=max(0.1, deadline - time.monotonic()))


def report(title: str, stats: Stats, elapsed: float, plan, accepted: Accepted) -> tuple[int, int]:
    latencies = sorted(stats.latencies) or [0.0]
    p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
    print(f"== {title}")
    print(
        f"requests: {stats.requests}, {stats.requests / elapsed:.1f} requests/s, "
        f"p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"reports sent: {len(accepted.submitted)}"
    )
    errors = ", ".join(f"{kind}: {count}" for kind, count in stats.errors.most_common()) or "none"
    print(f"errors: {errors}")
    lost, doubled, unconfirmed = check(plan, accepted)
    print(f"lost: {lost}, doubled: {doubled}", end="")
    print(f" (sent without an answer: {unconfirmed})" if unconfirmed else "")
    sys.stdout.flush()
    return lost, doubled
