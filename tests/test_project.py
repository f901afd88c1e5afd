"""The project as a whole: production settings, health check, migrations."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(**overrides: str) -> dict[str, str]:
    env = {
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": "k" * 20 + "-a-long-random-production-secret-for-the-test-" + "x" * 20,
        "DJANGO_ALLOWED_HOSTS": "workspace.example.org",
        "DATABASE_URL": "postgres://nobody@localhost:1/none",
        "FILE_ENCRYPTION_KEYS": "prod:" + "B" * 43 + "=",
    }
    env.update(overrides)
    return {key: value for key, value in env.items() if value}


def test_production_settings_pass_the_deployment_checks_with_no_warnings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_links_in_emails_use_the_public_address_in_production():
    code = "from django.conf import settings; print(settings.SITE_URL)"
    result = run_manage("shell", "-v", "0", "-c", code, env=production_env())
    assert result.stdout.strip() == "https://workspace.example.org", result.stderr
    chosen = production_env(SITE_URL="https://ws.example.net")
    assert run_manage("shell", "-v", "0", "-c", code, env=chosen).stdout.strip() == (
        "https://ws.example.net"
    )


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("DJANGO_SECRET_KEY", "DJANGO_SECRET_KEY must be set"),
        ("DJANGO_ALLOWED_HOSTS", "DJANGO_ALLOWED_HOSTS must be set"),
        ("DATABASE_URL", "DATABASE_URL must be set"),
        ("FILE_ENCRYPTION_KEYS", "FILE_ENCRYPTION_KEYS must be set"),
    ],
)
def test_production_refuses_to_start_without_required_settings(missing, message):
    result = run_manage("check", env=production_env(**{missing: ""}))
    assert result.returncode != 0
    assert message in result.stderr


def test_content_security_policy_allows_no_inline_script_or_style():
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in settings.SECURE_CSP[directive]
        assert "'unsafe-eval'" not in settings.SECURE_CSP[directive]


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    header = client.get(reverse("account_login"))["Content-Security-Policy"]
    assert "script-src 'self'" in header
    assert "unsafe-inline" not in header
    assert "object-src 'none'" in header
    assert "frame-ancestors 'none'" in header


@pytest.mark.django_db
def test_health_check_answers_ok_when_the_database_answers(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.text == "ok\n"


@pytest.mark.django_db
def test_health_check_answers_503_when_the_database_does_not(client):
    real = copy.deepcopy(connection.settings_dict)
    connection.close()
    connection.close_pool()
    # A real connection attempt to a socket where no server listens.
    connection.settings_dict["HOST"] = "/nonexistent-socket-dir"
    connection.settings_dict["OPTIONS"] = {"host": "/nonexistent-socket-dir"}
    try:
        response = client.get(reverse("healthz"))
    finally:
        connection.close()
        connection.close_pool()
        connection.settings_dict.clear()
        connection.settings_dict.update(real)
    assert response.status_code == 503


@pytest.mark.django_db
def test_no_migration_is_missing():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:
        pytest.fail(f"Model changes without a migration:\n{out.getvalue()} ({exit_})")


def test_database_is_postgresql():
    assert connection.vendor == "postgresql"


def test_the_manage_page_links_every_facilitator_tool(client, db):
    faye = UserFactory(roles=["support_worker"], is_facilitator=True)
    client.force_login(faye)
    page = client.get(reverse("manage")).content.decode()
    for name in (
        "invitations",
        "people_manage_list",
        "series_create",
        "meeting_add",
        "series_list",
        "payments_export",
        "agreement_change",
        "prompts_manage",
        "sensitive_terms",
        "observation_sharing",
    ):
        assert f'href="{reverse(name)}"' in page, name
