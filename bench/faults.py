"""The load of bench/load.py under three faults, one after the other, each with reminders
being delivered by a real Celery worker (file email backend) at the same time:

1. PostgreSQL restarted (the machine's own cluster: pg_ctlcluster 15 main restart);
2. Redis stopped for 25 s (redis-cli shutdown nosave, then redis-server started again);
3. the Celery worker killed (SIGKILL) during delivery, then started again.

For each it prints the lines of bench/load.py, then emails sent against reminders due.

    .venv/bin/python bench/faults.py --users 20 --seconds 20

Loopback only. Faults 1 and 2 stop servers other people on this machine may be using: run it
where that is agreed. Every wait is bounded.
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from _setup import BENCH_DB, setup

setup()

from _load import ROOT, free_port, prepare, report, run, start_gunicorn, stop  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.db.utils import Error as DatabaseError  # noqa: E402

REMINDERS = 60
REDIS_DOWN_SECONDS = 25
MAIL_ROOT = ROOT / ".data" / "bench-mail"
REDIS_PORT = os.environ.get("BENCH_REDIS_PORT", "6379")
# The machine's own servers' tools, by full path.
PG_CTLCLUSTER = "/usr/bin/pg_ctlcluster"
REDIS_CLI = "/usr/bin/redis-cli"
REDIS_SERVER = "/usr/bin/redis-server"


def pg_restart() -> None:
    subprocess.run(  # noqa: S603 - the machine's own cluster, as the brief allows
        [PG_CTLCLUSTER, "--skip-systemctl-redirect", "15", "main", "restart"],
        check=True,
        timeout=120,
    )


def redis_stop() -> None:
    subprocess.run(  # noqa: S603
        [REDIS_CLI, "-h", "127.0.0.1", "-p", REDIS_PORT, "shutdown", "nosave"],
        timeout=30,
        check=False,
    )


def redis_start() -> None:
    subprocess.run(  # noqa: S603
        [
            REDIS_SERVER,
            "--daemonize",
            "yes",
            "--bind",
            "127.0.0.1",
            "--port",
            REDIS_PORT,
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        check=True,
        timeout=30,
    )
    for _ in range(50):
        done = subprocess.run(  # noqa: S603
            [REDIS_CLI, "-h", "127.0.0.1", "-p", REDIS_PORT, "ping"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
        if done.stdout.strip() == "PONG":
            return
        time.sleep(0.2)


class Worker:
    """A Celery worker on this bench's database and broker, writing emails to files."""

    def __init__(self, mail_dir: Path):
        self.mail_dir = mail_dir
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        env = {
            **os.environ,
            "DJANGO_DATABASE_NAME": BENCH_DB,
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(self.mail_dir),
            "DJANGO_LOG_LEVEL": "WARNING",
            # A short pause after each email, so that the kill lands mid-delivery.
            "REMINDER_DELIVER_PAUSE_SECONDS": "0.3",
        }
        self.process = subprocess.Popen(  # noqa: S603 - our own worker
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=solo",
                "--loglevel=WARNING",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"bench-{os.getpid()}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(ROOT / ".data" / "bench-worker.log", "a"),  # noqa: SIM115
            start_new_session=True,
        )

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def deliver_soon() -> None:
    """What beat does every few minutes: queue a delivery run (False when Redis is down)."""
    from tracking.queue import enqueue

    enqueue("tracking.tasks.reminders_deliver")


def make_reminders(phase: str) -> int:
    from programmes.models import User
    from tracking.models import Reminder

    Reminder.objects.filter(key__startswith="bench-").delete()
    people = list(User.objects.filter(username__startswith="bench-load-").order_by("pk"))
    Reminder.objects.bulk_create(
        Reminder(
            key=f"bench-{phase}-{n}",
            recipient=people[n % len(people)],
            channels=["email"],
            subject=f"Nhắc thử {phase} số {n}",
            text="Báo cáo quý sắp đến hạn.",
        )
        for n in range(REMINDERS)
    )
    return REMINDERS


def emails(mail_dir: Path) -> Counter:
    subjects: Counter = Counter()
    for path in mail_dir.glob("*.log"):
        text = path.read_text(encoding="utf-8", errors="replace")
        subjects.update(re.findall(r"^Subject: (.+)$", text, flags=re.MULTILINE))
    return subjects


def states() -> dict[str, int]:
    from django.db.models import Count

    from tracking.models import Reminder

    for _ in range(30):  # the database may be coming back
        try:
            close_old_connections()
            return dict(
                Reminder.objects.filter(key__startswith="bench-")
                .values_list("state")
                .annotate(n=Count("pk"))
                .values_list("state", "n")
            )
        except DatabaseError:
            connection.close()
            time.sleep(1)
    return {}


def sent_count() -> int:
    return states().get("sent", 0)


def wait_delivered(limit: float) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        current = states()
        if current and set(current) <= {"sent"}:
            return
        deliver_soon()
        time.sleep(3)


def phase(title: str, users: int, seconds: float, fault, worker: Worker) -> tuple[int, int, bool]:
    plan = prepare(users=users, reports_per_user=int(seconds) + 5)
    mail_dir = MAIL_ROOT / title.split()[0]
    mail_dir.mkdir(parents=True, exist_ok=True)
    for old in mail_dir.glob("*.log"):
        old.unlink()
    worker.mail_dir = mail_dir
    worker.stop()
    worker.start()
    due = make_reminders(title.split()[0])
    connection.close()  # the fault may restart the database under this connection
    port = free_port()
    server = start_gunicorn(port, env={"DJANGO_DATABASE_NAME": BENCH_DB})
    results: dict = {}
    load_started = threading.Event()

    def load() -> None:
        results["run"] = run(port, plan, seconds, load_started)

    loader = threading.Thread(target=load)
    try:
        loader.start()
        load_started.wait(timeout=240)  # the fault strikes during the timed load, not sign-in
        deliver_soon()
        fault(worker)
        loader.join(timeout=seconds + 180)
    finally:
        stop(server)
    deliver_soon()
    wait_delivered(90)
    close_old_connections()
    stats, accepted, elapsed = results["run"]
    lost, doubled = report(title, stats, elapsed, plan, accepted)
    subjects = emails(mail_dir)
    current = states()
    twice = sum(1 for count in subjects.values() if count > 1)
    print(
        f"emails sent: {sum(subjects.values())}, reminders due: {due}, "
        f"sent twice: {twice}, reminder states: {current}"
    )
    sys.stdout.flush()
    return lost, doubled, sum(subjects.values()) == due and not twice


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument(
        "--faults", default="postgres,redis,worker", help="which, comma-separated, in order"
    )
    args = parser.parse_args()
    chosen = [name.strip() for name in args.faults.split(",") if name.strip()]
    users = max(1, min(args.users, 200))
    seconds = max(10.0, min(args.seconds, 300))
    worker = Worker(MAIL_ROOT)

    def postgres(_worker: Worker) -> None:
        time.sleep(seconds / 3)
        pg_restart()

    def redis(_worker: Worker) -> None:
        time.sleep(2)
        redis_stop()
        time.sleep(REDIS_DOWN_SECONDS)
        redis_start()

    def kill_worker(worker: Worker) -> None:
        deadline = time.monotonic() + 60
        while sent_count() < REMINDERS // 3 and time.monotonic() < deadline:
            time.sleep(0.2)
        worker.kill()
        time.sleep(1)
        worker.start()
        deliver_soon()

    phases = {
        "postgres": ("postgres restarted", seconds, postgres),
        "redis": ("redis stopped 25 s", seconds + REDIS_DOWN_SECONDS, redis),
        "worker": ("worker killed during delivery", seconds, kill_worker),
    }
    outcomes = []
    try:
        for name in chosen:
            title, length, fault = phases[name]
            outcomes.append(phase(title, users, length, fault, worker))
    finally:
        worker.stop()
    ok = all(lost == 0 and doubled == 0 and emails_ok for lost, doubled, emails_ok in outcomes)
    print("all faults: lost 0, doubled 0, emails = reminders" if ok else "some fault lost data")


if __name__ == "__main__":
    main()
