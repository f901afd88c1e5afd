"""The deploy/ files agree with the settings they depend on. (The image is not built here: this
machine has no container daemon, podman or buildah.)"""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"


def test_the_web_server_refuses_bodies_larger_than_a_recording_but_accepts_one():
    caddy = (DEPLOY / "Caddyfile").read_text()
    limit = int(re.search(r"max_size (\d+)MiB", caddy).group(1)) * 1024 * 1024
    assert settings.INTERVIEW_AUDIO_MAX_BYTES < limit < 2 * settings.INTERVIEW_AUDIO_MAX_BYTES


def test_the_image_runs_as_a_user_checks_its_health_and_collects_static_files_at_build():
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert re.search(r"^USER workspace$", dockerfile, re.MULTILINE)
    assert "/healthz" in dockerfile
    assert "collectstatic --no-input" in dockerfile


def test_every_setting_production_requires_is_in_the_example_environment():
    example = (DEPLOY / "example.env").read_text()
    for name in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "FILE_ENCRYPTION_KEYS"):
        assert re.search(rf"^{name}=", example, re.MULTILINE), name
    compose = (DEPLOY / "compose.yaml").read_text()
    assert "DATABASE_URL: postgres://" in compose
    assert 'command: ["python", "manage.py", "db_worker"]' in compose
