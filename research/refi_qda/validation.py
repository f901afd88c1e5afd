"""Validation against the vendored REFI-QDA schemas.

For tests and checks: it needs the ``xmlschema`` package (a development dependency), imported
only when a schema is first used so production code that only writes never needs it.
"""

from __future__ import annotations

import zipfile
from functools import cache
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree

from research.refi_qda.model import PROJECT_ENTRY, PROJECT_NAMESPACE, SCHEMA_DIR, SOURCES_FOLDER


@cache
def _schema(filename: str) -> Any:
    import xmlschema  # only here: production code writes, it never validates

    return xmlschema.XMLSchema(SCHEMA_DIR / filename)


def validate_project_xml(xml: bytes | str) -> None:
    """Raise ``xmlschema.XMLSchemaValidationError`` unless ``xml`` is a valid project.qde."""
    _schema("Project.xsd").validate(xml, use_location_hints=False)


def validate_codebook_xml(xml: bytes | str) -> None:
    """Raise ``xmlschema.XMLSchemaValidationError`` unless ``xml`` is a valid .qdc codebook."""
    _schema("Codebook.xsd").validate(xml, use_location_hints=False)


def validate_qdpx(fileobj: IO[bytes] | Path | str) -> None:
    """Validate a .qdpx: project.qde against the schema, and every internal plain-text path
    against the ZIP's files (ValueError names the missing ones)."""
    with zipfile.ZipFile(fileobj) as archive:
        xml = archive.read(PROJECT_ENTRY)
        names = set(archive.namelist())
    validate_project_xml(xml)
    root = ElementTree.fromstring(xml)  # noqa: S314 - a file this package wrote, already valid
    missing = []
    for source in root.iter(f"{{{PROJECT_NAMESPACE}}}TextSource"):
        path = source.get("plainTextPath", "")
        if path.startswith("internal://"):
            member = f"{SOURCES_FOLDER}/{path.removeprefix('internal://')}"
            if member not in names:
                missing.append(member)
    if missing:
        raise ValueError(f"the project refers to files missing from the ZIP: {missing}")
