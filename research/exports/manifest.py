"""manifest.json: each file of the export's ZIP with its sha256 and size."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        for block in iter(lambda: source.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def write_manifest(
    out: IO[str], manifest: dict[str, Any], files: dict[str, tuple[str, int]], documents: Path
) -> None:
    """manifest.json: ``manifest`` with "files", each file's sha256 and size, the documents'
    read a line at a time from ``documents`` (100,000 of them are not held in memory)."""
    head = json.dumps(manifest, indent=2)
    out.write(head.removesuffix("\n}") + ',\n  "files": {')

    def entries() -> Iterator[tuple[str, str, int]]:
        for name, (digest, size) in files.items():
            yield name, digest, size
        with documents.open(encoding="utf-8") as lines:
            for line in lines:
                name, digest, size = json.loads(line)
                yield name, digest, size

    for number, (name, digest, size) in enumerate(entries()):
        separator = "," if number else ""
        facts = f'{{\n      "sha256": "{digest}",\n      "bytes": {size}\n    }}'
        out.write(f"{separator}\n    {json.dumps(name, ensure_ascii=False)}: {facts}")
    out.write("\n  }\n}\n")
