"""Shared set-up for the benchmarks: a database of their own, migrated, beside the dev one.

Run a benchmark as ``.venv/bin/python bench/NAME.py``; without DATABASE_URL it uses the
embedded PostgreSQL. The benchmark database (``tiendo_bench``, or BENCH_DATABASE when set,
so that engineers sharing a server keep theirs apart) is kept between runs.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# BENCH_DATABASE names another, e.g. to keep apart from others using the same server.
BENCH_DB = os.environ.get("BENCH_DATABASE", "tiendo_bench")


def setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DJANGO_DATABASE_NAME"] = BENCH_DB
    import django
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    params = {
        "dbname": "postgres",
        "user": db["USER"],
        "password": db["PASSWORD"] or None,
        "host": db["HOST"] or db["OPTIONS"].get("host"),
        "port": db["PORT"] or None,
    }
    with psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True) as conn:
        query = "SELECT 1 FROM pg_database WHERE datname = %s"
        exists = conn.execute(query, [BENCH_DB]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{BENCH_DB}"')
    django.setup()
    # The request log (JSON, a line per request) would time itself in the benchmarks.
    import logging

    logging.getLogger("tiendo.request").setLevel(logging.WARNING)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
