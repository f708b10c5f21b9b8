"""docker-compose.yml's shape, checked by parsing it: no Docker engine runs on the development
machines or in CI, so `docker compose config` cannot be run here."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
COMPOSE = ROOT / "docker-compose.yml"


def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def test_web_and_worker_share_a_named_media_volume():
    services = compose()["services"]
    assert "media" in compose()["volumes"]
    for name in ("web", "worker"):
        mounts = services[name]["volumes"]
        assert "media:/var/lib/tiendo/media" in mounts
        assert services[name]["environment"]["DJANGO_MEDIA_ROOT"] == "/var/lib/tiendo/media"


def test_no_password_or_secret_is_written_in_the_file():
    services = compose()["services"]
    assert services["postgres"]["environment"]["POSTGRES_PASSWORD"].startswith(
        "${POSTGRES_PASSWORD"
    )
    database_url = services["web"]["environment"]["DATABASE_URL"]
    password = re.match(r"postgres://[^:]+:([^@]+)@", database_url).group(1)
    assert password.startswith("${POSTGRES_PASSWORD")
    assert services["web"]["environment"]["DJANGO_SECRET_KEY"].startswith("${DJANGO_SECRET_KEY")
    assert services["web"]["env_file"] == ["deploy/production.env"]


def test_every_server_has_a_health_check():
    services = compose()["services"]
    assert "pg_isready" in services["postgres"]["healthcheck"]["test"]
    assert services["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    web_check = " ".join(services["web"]["healthcheck"]["test"])
    assert "/suc-khoe/" in web_check
    for name in ("web", "worker", "beat"):
        depends = services[name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"


def test_web_runs_gunicorn_from_the_project_dependencies():
    assert "gunicorn config.wsgi" in compose()["services"]["web"]["command"]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert any(dep.startswith("gunicorn") for dep in project["project"]["dependencies"])
