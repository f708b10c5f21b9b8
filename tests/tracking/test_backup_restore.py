"""`make backup` / `make restore`: a backup restored into a fresh database, with the media
folder wiped, gives back every report, version and evidence file."""

import hashlib
import shutil
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from config import backup
from tracking.models import Evidence, ProgressReport, ReportVersion
from tracking.services.reports import (
    ReportData,
    evidence_add,
    report_save,
    report_start,
    report_submit,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def fresh_database():
    """An empty database beside the test database, dropped afterwards."""
    conn = backup.Connection.from_settings(connection.settings_dict)
    name = f"{conn.dbname}_restore"
    admin = {**conn.psycopg_params(), "dbname": "postgres"}
    with psycopg.connect(**admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}"')
        db.execute(f'CREATE DATABASE "{name}"')
    yield backup.Connection(**{**conn.__dict__, "dbname": name})
    with psycopg.connect(**admin, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def rows(conn: backup.Connection, query: str) -> list[tuple]:
    with psycopg.connect(**conn.psycopg_params()) as db:
        return db.execute(query).fetchall()


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_a_fresh_database_has_every_report_version_and_file(
    task, period, official, head, media, fresh_database, tmp_path
):
    report = report_start(task=task, period=period, by=official)
    report = report_save(
        report=report,
        by=official,
        data=ReportData(
            progress="in_progress",
            percent=40,
            completed_on=None,
            blocked=False,
            results="Đã rà soát 12 dự án",
            difficulties="",
            proposals="",
            readings={},
        ),
        version=report.version,
    )
    evidence_add(
        report=report,
        by=official,
        upload=SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf"),
        code="15/BC-SKHĐT",
    )
    report.refresh_from_db()
    report_submit(report=report, by=official, version=report.version)
    reports = sorted(ProgressReport.objects.values_list("pk", "results", "state"))
    versions = sorted(ReportVersion.objects.values_list("pk", "report_id", "version", "action"))
    files = {e.file.name: e.sha256 for e in Evidence.objects.all()}
    assert reports and len(versions) >= 2 and files

    conn = backup.Connection.from_settings(connection.settings_dict)
    folder = backup.backup(
        conn=conn, media_root=Path(media), into=tmp_path / "backups", now=timezone.localtime()
    )
    assert {p.name for p in folder.iterdir()} == {"database.dump", "media.tar.gz", "manifest.json"}

    shutil.rmtree(media)  # the disk is lost
    backup.restore(folder=folder, conn=fresh_database, media_root=Path(media))

    restored_reports = rows(
        fresh_database, "SELECT id, results, state FROM tracking_progressreport ORDER BY 1"
    )
    assert sorted(restored_reports) == reports
    restored_versions = rows(
        fresh_database,
        "SELECT id, report_id, version, action FROM tracking_reportversion ORDER BY 1",
    )
    assert sorted(restored_versions) == versions
    restored_files = dict(rows(fresh_database, "SELECT file, sha256 FROM tracking_evidence"))
    assert restored_files == files
    for name, digest in restored_files.items():
        assert hashlib.sha256((Path(media) / name).read_bytes()).hexdigest() == digest


def test_the_client_tools_match_the_server_version(db):
    conn = backup.Connection.from_settings(connection.settings_dict)
    major = backup.server_major(conn)
    for tool in ("pg_dump", "pg_restore"):
        assert backup._tool_major(Path(backup.pg_tool(tool, major))) == major


def test_make_has_backup_and_restore():
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text(encoding="utf-8")
    assert "config.backup backup" in makefile
    assert "config.backup restore" in makefile
