"""N officials of different bodies save and submit reports through the real edit form
against gunicorn on 127.0.0.1 for T seconds; prints requests/s, p50, p95, errors by kind and
`lost: 0, doubled: 0` from comparing the database with the accepted responses.

    .venv/bin/python bench/load.py --users 20 --seconds 20

It uses the benchmark database (tiendo_bench) and its own accounts (bench-load-*), made
afresh on each run; no worker runs (notifications wait in the outbox and the queue).
"""

import argparse

from _setup import setup

setup()

from _load import free_port, prepare, report, run, start_gunicorn, stop  # noqa: E402
from _setup import BENCH_DB  # noqa: E402

MAX_USERS, MAX_SECONDS = 200, 600


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    args = parser.parse_args()
    users = max(1, min(args.users, MAX_USERS))
    seconds = max(1.0, min(args.seconds, MAX_SECONDS))
    # Enough reports that nobody runs out: about one report a second per official at most.
    plan = prepare(users=users, reports_per_user=int(seconds) + 5)
    port = free_port()
    server = start_gunicorn(port, workers=args.workers, env={"DJANGO_DATABASE_NAME": BENCH_DB})
    try:
        stats, accepted, elapsed = run(port, plan, seconds)
    finally:
        stop(server)
    report(
        f"{users} officials, {seconds:.0f} s, gunicorn {args.workers} workers",
        stats,
        elapsed,
        plan,
        accepted,
    )


if __name__ == "__main__":
    main()
