"""Making the ZIP of "Download my data": readable HTML pages, data.json, and files.

    index.html          what the file is, and a link to each page
    <section>.html      one page per section, plain and accessible, no outside assets
    data.json           the same, for other programs
    files/...           recordings and other stored files

Each app's `collect(person)` hook gives its sections (datarights/hooks.py). The ZIP is
written to a temporary file, then saved in the private default storage under a name
nobody can guess; only the person's download page serves it.
"""

from __future__ import annotations

import json
import logging
import secrets
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from datarights.downloads import download_lifetime
from datarights.hooks import Section, hook_modules, when
from datarights.models import DataDownload
from people.models import User

logger = logging.getLogger(__name__)

READY_SUBJECT = "Your workspace: your file is ready"
FILE_PREFIX = "data-downloads/"


def collect_sections(person: User, *, progress: Any = None) -> list[Section]:
    """Every app's sections about this person, in INSTALLED_APPS order."""
    collectors = [module for module in hook_modules() if hasattr(module, "collect")]
    sections: list[Section] = []
    for number, module in enumerate(collectors, start=1):
        app = apps.get_containing_app_config(module.__name__)
        if progress is not None:
            progress(round(90 * (number - 1) / len(collectors)), app.verbose_name if app else "")
        sections.extend(module.collect(person))
    return sections


def _page(section: Section) -> str:
    return f"{section.key}.html"


def write_zip(target: Any, *, person: User, sections: Iterable[Section], made_at: Any) -> None:
    sections = list(sections)
    pages: list[dict[str, Any]] = [
        {"section": section, "page": _page(section)} for section in sections
    ]
    context = {
        "person": person,
        "made_at": when(made_at),
        "pages": pages,
        "has_files": any(section.attachments for section in sections),
    }
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.html", render_to_string("datarights/archive/index.html", context))
        for page in pages:
            archive.writestr(
                page["page"],
                render_to_string("datarights/archive/section.html", {**context, **page}),
            )
        data = {
            "made_at": made_at,
            "person": str(person.pk),
            "sections": {
                section.key: {"title": section.title, "data": section.data} for section in sections
            },
        }
        archive.writestr(
            "data.json", json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
        )
        for section in sections:
            for attachment in section.attachments:
                _copy_in(archive, f"files/{attachment.path}", attachment.storage_name)


def _copy_in(archive: zipfile.ZipFile, path: str, storage_name: str) -> None:
    try:
        source = default_storage.open(storage_name, "rb")
    except FileNotFoundError:
        # Deleted while the ZIP was being made (a withdrawal): leave it out.
        logger.warning("A file for a data download was gone: left out.")
        return
    info = zipfile.ZipInfo(path, date_time=timezone.localtime().timetuple()[:6])
    # Sound is compressed already.
    info.compress_type = zipfile.ZIP_STORED
    with source, archive.open(info, "w", force_zip64=True) as out:
        shutil.copyfileobj(source, out)


def _set_progress(download: DataDownload, percent: int, step: str) -> None:
    DataDownload.objects.filter(pk=download.pk).update(progress=percent, step=step[:100])


def build(download_id: str) -> DataDownload | None:
    """Make the ZIP of one download that is waiting. Progress is written as it goes, so
    the person's page can show it; on failure the download says so and keeps no file."""
    claimed = DataDownload.objects.filter(pk=download_id, state=DataDownload.State.WAITING).update(
        state=DataDownload.State.MAKING, progress=0
    )
    if not claimed:
        return None
    download = DataDownload.objects.select_related("person").get(pk=download_id)
    name = ""
    try:
        sections = collect_sections(
            download.person, progress=lambda percent, step: _set_progress(download, percent, step)
        )
        _set_progress(download, 95, "Putting it all in one file")
        made_at = timezone.now()
        with tempfile.TemporaryFile(dir=settings.FILE_UPLOAD_TEMP_DIR) as temporary:
            write_zip(temporary, person=download.person, sections=sections, made_at=made_at)
            size = temporary.tell()
            temporary.seek(0)
            name = default_storage.save(
                f"{FILE_PREFIX}{secrets.token_urlsafe(32)}", File(temporary)
            )
        with transaction.atomic():
            updated = DataDownload.objects.filter(pk=download.pk).update(
                state=DataDownload.State.READY,
                progress=100,
                step="",
                file=name,
                size=size,
                ready_at=made_at,
                expires_at=made_at + download_lifetime(),
            )
            if not updated:
                # The download was deleted meanwhile (a new one asked for, the account deleted).
                default_storage.delete(name)
                return None
            download.refresh_from_db()
            if download.email_when_ready:
                transaction.on_commit(lambda: _email_ready(download))
        return download
    except Exception:
        logger.exception("A data download could not be made.")
        if name:
            default_storage.delete(name)
        DataDownload.objects.filter(pk=download.pk).update(
            state=DataDownload.State.FAILED, step="", file=""
        )
        raise


def _email_ready(download: DataDownload) -> None:
    """Says only that a file is ready and where to sign in: never what is in it."""
    link = settings.SITE_URL.rstrip("/") + reverse("data_download")
    send_mail(
        subject=READY_SUBJECT,
        message=render_to_string(
            "datarights/email/ready.txt",
            {"link": link, "until": when(download.expires_at), "person": download.person},
        ),
        from_email=None,
        recipient_list=[download.person.email],
    )
