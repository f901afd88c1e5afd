from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core import mail

from people.models import Role, User
from tests.factories import users_in_bulk

# Words that must never appear in an email's subject, sender or body: someone
# else may read the phone's notifications.
SENSITIVE_EMAIL_WORDS = re.compile(
    r"trauma|abuse|violence|self-harm|addiction|exploitation|homeless|bridging gaps|"
    r"lived experience|reflective note|interview|transcript",
    re.IGNORECASE,
)


def pytest_configure(config):
    """For the whole run, before any request handler exists (the browser tests' live server
    makes one per run): sessions in memory, not in the database. Signing in is most of the
    cost of the authorization matrix, and what is tested is who may see what, not where a
    session is kept."""
    from django.conf import settings

    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    _start_the_s3_server_for_the_workers(config)


def _start_the_s3_server_for_the_workers(config) -> None:
    """Under xdist, the first process starts the storage tests' S3 server before the workers
    exist, for all of them (tests/s3.py): its ten seconds of starting are spent while the
    workers run other tests, not by a worker waiting for it."""
    if hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", None):
        return
    storage_tests = Path(__file__).parent / "storage"
    chosen = [Path(arg.split("::")[0]).resolve() for arg in config.args]
    if not any(path == storage_tests or path in storage_tests.parents for path in chosen):
        return
    from tests import s3

    try:
        server = s3.start(Path(tempfile.mkdtemp(prefix="bg-seaweedfs-")))
    except s3.NotStarted:
        return  # each storage test then fails saying why; the rest of the run goes on
    os.environ[s3.ENDPOINT_VARIABLE] = server.endpoint

    def stop() -> None:
        server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)

    config.add_cleanup(stop)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """The test databases need not survive a power cut: a commit does not wait for the disk
    (the browser tests commit, and empty every table, after each test). No connection pool:
    closing one at the end of the run waits seconds for its threads, for nothing. Each
    worker's database is a copy of one migrated for the whole run (tests/databases.py)."""
    from django.conf import settings

    from tests.databases import migrated_template

    default = settings.DATABASES["default"]
    options = default.setdefault("OPTIONS", {})
    options["options"] = "-c synchronous_commit=off"
    options.pop("pool", None)
    default.setdefault("TEST", {})["TEMPLATE"] = migrated_template(default)


TEST_FILE_KEYS = "test:" + "A" * 43 + "="


@pytest.fixture
def database_tasks(settings):
    """Tasks queued in the database for a worker, as in production (none runs in the tests
    unless a test starts one)."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


@pytest.fixture(autouse=True)
def _an_empty_cache():
    """Nothing one test cached (a calendar feed) is seen by the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fast_and_immediate(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # WhiteNoise otherwise reads every static file's details each time a test client is
    # made (the authorization matrix makes thousands); looked up when asked for instead.
    settings.WHITENOISE_AUTOREFRESH = True
    # Tasks run at once in tests, in the same transaction, so their effects can be checked.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _every_export_made_in_a_test_is_valid_refi_qda(monkeypatch):
    """Whatever a test is about, the project.qdpx of any export it makes validates against the
    REFI-QDA schema, and every source it names is in it."""
    import io
    import zipfile

    from research.exports import making
    from research.refi_qda import validate_qdpx

    made = making.write_export_zip

    def checked(export, target, **kwargs):
        tally = made(export, target, **kwargs)
        target.seek(0)
        with zipfile.ZipFile(target) as archive:
            validate_qdpx(io.BytesIO(archive.read("project.qdpx")))
        target.seek(0, io.SEEK_END)
        return tally

    monkeypatch.setattr(making, "write_export_zip", checked)


@pytest.fixture(autouse=True)
def _private_files_in_a_temporary_folder(settings, tmp_path):
    """Uploads (interview recordings) go to a folder of the test's own, not var/private,
    encrypted as in production (every test that stores a file reads it back through it)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "bridging_gaps.encryption.EncryptedFileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "keys": TEST_FILE_KEYS},
        },
    }


@pytest.fixture(autouse=True)
def _emails_stay_neutral():
    """Every email any test causes is checked: nothing in it reveals the topic."""
    yield
    for message in getattr(mail, "outbox", []):
        for part in (message.subject, message.from_email, message.body):
            found = SENSITIVE_EMAIL_WORDS.search(part or "")
            assert found is None, f"email reveals {found.group(0)!r}: {message.subject!r}"


@dataclass
class Cast:
    """The shared set of people every view is tried as."""

    owner: User
    member: User
    gp: User
    researcher: User
    support_worker: User
    facilitator: User
    superuser: User
    deactivated: User
    outsider: User

    def by_name(self, name: str) -> User | None:
        return None if name == "anonymous" else getattr(self, name)


# Who tries every item page in the authorization matrix. "owner" is the author.
VIEWER_NAMES = [
    "member",
    "gp",
    "researcher",
    "support_worker",
    "facilitator",
    "superuser",
    "deactivated",
    "outsider",
    "anonymous",
]


CAST: dict[str, dict[str, Any]] = {
    "owner": {"display_name": "Olive Owner", "roles": [Role.MEMBER]},
    "member": {"display_name": "Mina Member", "roles": [Role.MEMBER]},
    "gp": {"display_name": "Dr Gita Practitioner", "roles": [Role.GP]},
    "researcher": {"display_name": "Rhea Researcher", "roles": [Role.RESEARCHER]},
    "support_worker": {"display_name": "Sol Supporter", "roles": [Role.SUPPORT_WORKER]},
    "facilitator": {
        "display_name": "Fen Facilitator",
        "roles": [Role.SUPPORT_WORKER],
        "is_facilitator": True,
    },
    "superuser": {
        "display_name": "Ada Admin",
        "roles": [],
        "is_staff": True,
        "is_superuser": True,
    },
    "deactivated": {"display_name": "Dee Deactivated", "roles": [Role.MEMBER], "is_active": False},
    "outsider": {"display_name": "Oz Outsider", "roles": []},
}


@pytest.fixture
def cast(db) -> Cast:
    return Cast(**users_in_bulk(CAST))
