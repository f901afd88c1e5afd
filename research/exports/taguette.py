"""The export's files for Taguette, which reads a codebook only as CSV (a "tag" column, and
"description"; a "." in a tag makes a level) and each document as a file of its own."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import struct
import zipfile
from typing import IO

from django.utils import timezone

from bridging_gaps.zipping import zip_time
from research.refi_qda import QdaCode

CODEBOOK = "taguette/codebook.csv"
DOCUMENTS = "taguette/documents"
_UNSAFE_IN_FILE_NAME = re.compile(r"[^A-Za-z0-9 ,()._-]+")
# A Taguette document kept for later: the sizes of its name and content, then both.
_SIZES = struct.Struct("<II")


def write_codebook(out: IO[str], codes: list[QdaCode], parent: str = "") -> None:
    """Taguette's codebook CSV: "tag" (levels joined with ".") and "description"."""
    writer = csv.writer(out)
    if not parent:
        writer.writerow(["tag", "description"])
    for code in codes:
        path = f"{parent}{code.name.replace('.', '-')}"
        writer.writerow([path, code.description])
        write_codebook(out, list(code.children), parent=f"{path}.")


def keep_document(documents: IO[bytes], name: str, text: str) -> None:
    """A source as a Taguette document, named ``name``, kept in ``documents`` (a file on disk)
    until ``write_documents``."""
    safe = _UNSAFE_IN_FILE_NAME.sub("-", name)
    member = f"{DOCUMENTS}/{safe}.txt".encode()
    content = text.encode("utf-8")
    documents.write(_SIZES.pack(len(member), len(content)) + member + content)


def write_documents(archive: zipfile.ZipFile, documents: IO[bytes], facts: IO[str]) -> None:
    """The Taguette documents kept on disk into the export's ZIP, and each one's name, sha256
    and size, a line each, into ``facts`` for the manifest.

    Written after the project file is finished, so that the ZIP directories of the two (one
    entry a source each in both, a few hundred bytes an entry) are never held in memory
    together."""
    stamp = zip_time(timezone.localtime())  # one tuple for every entry, not one each
    documents.seek(0)
    while header := documents.read(_SIZES.size):
        name_size, content_size = _SIZES.unpack(header)
        member = documents.read(name_size).decode()
        content = documents.read(content_size)
        entry = zipfile.ZipInfo(member, date_time=stamp)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o600 << 16  # as zipfile gives a member written from text
        archive.writestr(entry, content)
        digest = hashlib.sha256(content).hexdigest()
        facts.write(json.dumps([member, digest, content_size]) + "\n")
