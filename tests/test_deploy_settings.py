"""Headers and the production settings: a Content-Security-Policy with no inline script or
style, and `manage.py check --deploy` clean with deploy/production.env.example."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "deploy" / "production.env.example"


def production_environment() -> dict[str, str]:
    values = {}
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    # The example carries no secrets: fill the blanks as an operator would.
    values["DJANGO_SECRET_KEY"] = values["DJANGO_SECRET_KEY"] or secrets.token_urlsafe(50)
    return values


def test_the_example_lists_no_secret():
    values = production_environment()
    assert EXAMPLE.read_text(encoding="utf-8").count("DJANGO_SECRET_KEY=\n") == 1
    assert "CHANGE-ME" in values["DATABASE_URL"]


def test_check_deploy_is_clean_with_the_production_environment():
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATABASE_", "REDIS_", "EMAIL_", "SECURE_"))
    }
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**inherited, **production_environment()},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.django_db
def test_pages_send_a_content_security_policy_without_inline_script(client, official):
    client.force_login(official)
    response = client.get(reverse("tracking:my-tasks"))
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    # htmx would otherwise inject its indicator styles as an inline <style> element.
    assert '"includeIndicatorStyles": false' in response.text


def test_no_page_template_has_an_inline_script_or_style():
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
    inline_style = re.compile(r"<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)
    found = []
    for template in sorted((ROOT / "templates").rglob("*.html")):
        if "email" in template.parts:  # mail clients, not browsers, read these
            continue
        text = template.read_text(encoding="utf-8")
        if inline_script.search(text) or inline_style.search(text):
            found.append(str(template.relative_to(ROOT)))
    assert found == []
