"""Reading a transcript (pasted, a .txt file or a Word .docx file) and cutting it into passages.

A passage is a paragraph or a speaker's turn: the unit the interviewee keeps or
takes out. Uploaded files are read by their content, not their name; only the
text is kept, never the file.
"""

from __future__ import annotations

import re
import zipfile
from typing import IO

import docx
from docx.opc.exceptions import PackageNotFoundError

# A Word file is a zip of XML. Its text unpacks to far more than the file's
# size; past this it is not an interview transcript but a "zip bomb".
DOCX_MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_PASSAGES = 5000

REFUSED_FILE = (
    "This file could not be read as a transcript. Choose a plain text file (.txt) "
    "or a Word document (.docx), or paste the text instead."
)
REFUSED_EMPTY = "There is no text in it."
REFUSED_TOO_MANY = f"The transcript has more than {MAX_PASSAGES} paragraphs. Split it in two."


class UnreadableTranscript(ValueError):
    """The message says why, in plain words."""


def read_file(fileobj: IO[bytes]) -> str:
    """The text of an uploaded .txt or .docx file, decided by what is inside it."""
    fileobj.seek(0)
    head = fileobj.read(4)
    fileobj.seek(0)
    if head.startswith(b"PK\x03\x04"):
        return _read_docx(fileobj)
    return _read_text(fileobj.read())


def _read_docx(fileobj: IO[bytes]) -> str:
    try:
        with zipfile.ZipFile(fileobj) as archive:
            if sum(info.file_size for info in archive.infolist()) > DOCX_MAX_UNPACKED_BYTES:
                raise UnreadableTranscript(REFUSED_FILE)
        fileobj.seek(0)
        document = docx.Document(fileobj)
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as error:
        raise UnreadableTranscript(REFUSED_FILE) from error
    # Each Word paragraph is a passage; table cells are read row by row.
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paragraphs.append(" ".join(cell.text for cell in row.cells))
    return "\n\n".join(text.strip() for text in paragraphs if text.strip())


def _read_text(data: bytes) -> str:
    if b"\x00" in data:
        # UTF-16 text, or not text at all (a picture, a PDF).
        raise UnreadableTranscript(REFUSED_FILE)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Older Windows editors save text this way.
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise UnreadableTranscript(REFUSED_FILE) from error
    if any(ord(char) < 32 and char not in "\r\n\t\f" for char in text):
        raise UnreadableTranscript(REFUSED_FILE)
    return text


def split_passages(text: str) -> list[str]:
    """Paragraphs separated by blank lines; if there are none, one passage per line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise UnreadableTranscript(REFUSED_EMPTY)
    blank_line = re.compile(r"\n[ \t]*\n")
    parts = blank_line.split(text) if blank_line.search(text) else text.split("\n")
    passages = [part.strip() for part in parts if part.strip()]
    if len(passages) > MAX_PASSAGES:
        raise UnreadableTranscript(REFUSED_TOO_MANY)
    return passages
