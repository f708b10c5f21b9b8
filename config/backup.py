"""Backups: the database (pg_dump, custom format) and the media files (a tar of MEDIA_ROOT)
in a dated folder under ``backups/``, and back.

    python -m config.backup backup [--into backups]
    python -m config.backup restore backups/2026-12-01_120000 [--database NAME]

``make backup`` / ``make restore BACKUP=…`` run these through ``config.embedded`` so that they
work on the embedded PostgreSQL too. The pg_dump and pg_restore used are those of the
server's major version: the embedded server's own (in the pgserver package), else the
machine's (``/usr/lib/postgresql/<major>/bin``, or ``/usr/bin`` when it matches).
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

DUMP = "database.dump"
MEDIA = "media.tar.gz"
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Connection:
    """What libpq needs to reach one database; the password travels in PGPASSWORD."""

    dbname: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""

    @classmethod
    def from_settings(cls, db: Mapping[str, Any]) -> "Connection":
        options = db.get("OPTIONS") or {}
        return cls(
            dbname=db["NAME"],
            user=db.get("USER") or "",
            password=db.get("PASSWORD") or "",
            host=db.get("HOST") or options.get("host", ""),
            port=str(db.get("PORT") or ""),
        )

    def args(self) -> list[str]:
        args = ["--dbname", self.dbname]
        if self.host:
            args += ["--host", self.host]
        if self.port:
            args += ["--port", self.port]
        if self.user:
            args += ["--username", self.user]
        return args

    def env(self) -> dict[str, str]:
        env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
        if self.password:
            env["PGPASSWORD"] = self.password
        return env

    def psycopg_params(self) -> dict[str, str]:
        params = {
            "dbname": self.dbname,
            "user": self.user,
            "password": self.password,
            "host": self.host,
            "port": self.port,
        }
        return {key: value for key, value in params.items() if value}


def conninfo(conn: Connection) -> str:
    from psycopg.conninfo import make_conninfo

    return make_conninfo("", **conn.psycopg_params())


def server_major(conn: Connection) -> int:
    import psycopg

    with psycopg.connect(conninfo(conn), connect_timeout=10) as db:
        row = db.execute("SHOW server_version_num").fetchone()
    if row is None:
        raise RuntimeError("The server did not say its version")
    return int(row[0]) // 10000


def _tool_major(path: Path) -> int | None:
    try:
        out = subprocess.run(  # noqa: S603 - a PostgreSQL client found on this machine
            [str(path), "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(found.group(1)) if found else None


def pg_tool(name: str, major: int) -> str:
    """The ``name`` client (pg_dump, pg_restore) of the server's major version: a newer
    pg_dump writes archives an older pg_restore cannot read, and an older one refuses a newer
    server."""
    candidates: list[Path] = []
    try:
        import pgserver

        candidates.append(Path(pgserver.__file__).parent / "pginstall" / "bin" / name)
    except ImportError:
        pass
    candidates += [Path(f"/usr/lib/postgresql/{major}/bin/{name}"), Path(f"/usr/bin/{name}")]
    which = shutil.which(name)
    if which:
        candidates.append(Path(which))
    for candidate in candidates:
        if candidate.exists() and _tool_major(candidate) == major:
            return str(candidate)
    raise RuntimeError(f"No {name} for PostgreSQL {major} on this machine")


def backup(*, conn: Connection, media_root: Path, into: Path, now: datetime) -> Path:
    """Write ``into/<date>_<time>/`` with the dump, the media tar and a manifest."""
    folder = into / now.strftime("%Y-%m-%d_%H%M%S")
    folder.mkdir(parents=True, exist_ok=False)
    major = server_major(conn)
    subprocess.run(  # noqa: S603 - our own arguments, no shell
        [pg_tool("pg_dump", major), "--format=custom", "--no-owner", "--file", str(folder / DUMP)]
        + conn.args(),
        env=conn.env(),
        check=True,
        timeout=3600,
    )
    files = 0
    with tarfile.open(folder / MEDIA, "w:gz") as tar:
        if media_root.exists():
            for path in sorted(media_root.rglob("*")):
                if path.is_file():
                    tar.add(path, arcname=str(path.relative_to(media_root)))
                    files += 1
    manifest = {
        "made_at": now.isoformat(),
        "database": conn.dbname,
        "server_major": major,
        "media_files": files,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return folder


def restore(*, folder: Path, conn: Connection, media_root: Path) -> None:
    """Load the dump into ``conn``'s database (replacing what is there) and put the media
    files back under ``media_root`` (files of the same name are overwritten, others kept)."""
    dump = folder / DUMP
    if not dump.is_file():
        raise FileNotFoundError(dump)
    major = server_major(conn)
    subprocess.run(  # noqa: S603 - our own arguments, no shell
        [
            pg_tool("pg_restore", major),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--exit-on-error",
            "--single-transaction",
        ]
        + conn.args()
        + [str(dump)],
        env=conn.env(),
        check=True,
        timeout=3600,
    )
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA, "r:gz") as tar:
        tar.extractall(media_root, filter="data")  # refuses absolute paths and ../


def latest(into: Path) -> Path:
    folders = sorted(path for path in into.iterdir() if (path / DUMP).is_file())
    if not folders:
        raise FileNotFoundError(f"No backup under {into}")
    return folders[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m config.backup")
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("backup", help="dump the database and the media files")
    make.add_argument("--into", type=Path, default=Path("backups"))
    back = commands.add_parser("restore", help="load a backup (the latest when none is named)")
    back.add_argument("folder", type=Path, nargs="?")
    back.add_argument("--into", type=Path, default=Path("backups"))
    back.add_argument("--database", help="restore into this database instead of the configured")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.conf import settings
    from django.utils import timezone

    django.setup()
    conn = Connection.from_settings(settings.DATABASES["default"])
    media_root = Path(settings.MEDIA_ROOT)
    if args.command == "backup":
        folder = backup(conn=conn, media_root=media_root, into=args.into, now=timezone.localtime())
        print(folder)
        return 0
    if args.database:
        conn = Connection(**{**conn.__dict__, "dbname": args.database})
    folder = args.folder or latest(args.into)
    restore(folder=folder, conn=conn, media_root=media_root)
    print(f"restored {folder} into {conn.dbname}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
