"""The embedded servers used when DATABASE_URL or REDIS_URL is not set."""

import socket

import psycopg
import pytest

from config import embedded


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_embedded_redis_starts_answers_and_stops(tmp_path, monkeypatch):
    port = free_port()
    monkeypatch.setenv("EMBEDDED_REDIS_PORT", str(port))
    monkeypatch.setattr(embedded, "REDIS_DIR", tmp_path / "redis")
    try:
        url = embedded.redis_url()
        assert url == f"redis://127.0.0.1:{port}/0"
        assert embedded.redis_running(port)
        assert embedded.redis_url() == url  # reused when already up
    finally:
        embedded.redis_stop()
    assert not embedded.redis_running(port)


def test_embedded_postgres_starts_with_pgserver_and_stops(tmp_path, monkeypatch):
    monkeypatch.setattr(embedded, "DATA_DIR", tmp_path)
    monkeypatch.setattr(embedded, "PG_DATA", tmp_path / "pg")
    try:
        uri = embedded.postgres_url()
        with psycopg.connect(uri) as conn:
            assert conn.execute("select 1").fetchone() == (1,)
        assert embedded.postgres_running()
    finally:
        embedded.postgres_stop()
    assert not embedded.postgres_running()


@pytest.mark.parametrize("argv", [[], ["run"], ["run", "--"], ["nonsense"]])
def test_the_command_line_explains_itself_when_misused(argv, capsys):
    assert embedded.main(argv) == 2
    assert "python -m config.embedded run" in capsys.readouterr().err
