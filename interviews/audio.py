"""What an uploaded recording is, decided by its content alone.

Neither the file's name nor the type the browser claims is trusted: mutagen
(a pure-Python reader of audio containers, so no native parser touches the
upload) must read the file as one of the formats below, and the file must hold
sound and no picture track (a phone video of an interview shows a face). WebM,
which mutagen does not read, gets the same check from a small reader of its
EBML header and track list.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import IO, Any

from mutagen import MutagenError
from mutagen.aac import AAC
from mutagen.aiff import AIFF
from mutagen.flac import FLAC
from mutagen.mp3 import MP3
from mutagen.mp4 import MP4, Atoms
from mutagen.ogg import OggPage
from mutagen.oggflac import OggFLAC
from mutagen.oggopus import OggOpus
from mutagen.oggspeex import OggSpeex
from mutagen.oggvorbis import OggVorbis
from mutagen.wave import WAVE

ACCEPTED_FORMATS = "MP3, M4A (MP4 audio), WAV, OGG or Opus, WebM audio, FLAC, AAC or AIFF"


class NotAudio(ValueError):
    """The file is not a recording we can take. The message says why, in plain words."""


@dataclass(frozen=True)
class AudioFormat:
    label: str
    content_type: str
    extension: str


@dataclass(frozen=True)
class Detected:
    format: AudioFormat
    duration_seconds: int | None


MP3_FORMAT = AudioFormat("MP3", "audio/mpeg", "mp3")
MP4_FORMAT = AudioFormat("M4A (MP4 audio)", "audio/mp4", "m4a")
WAV_FORMAT = AudioFormat("WAV", "audio/wav", "wav")
OGG_FORMAT = AudioFormat("OGG", "audio/ogg", "ogg")
OPUS_FORMAT = AudioFormat("Opus", "audio/ogg", "opus")
FLAC_FORMAT = AudioFormat("FLAC", "audio/flac", "flac")
AAC_FORMAT = AudioFormat("AAC", "audio/aac", "aac")
AIFF_FORMAT = AudioFormat("AIFF", "audio/aiff", "aiff")
WEBM_FORMAT = AudioFormat("WebM audio", "audio/webm", "webm")

# mutagen's readers we accept, in the order they are tried. OggTheora (video),
# ASF (often video) and the rarer formats are left out on purpose.
READERS: list[tuple[Any, AudioFormat]] = [
    (MP4, MP4_FORMAT),
    (WAVE, WAV_FORMAT),
    (OggOpus, OPUS_FORMAT),
    (OggVorbis, OGG_FORMAT),
    (OggFLAC, OGG_FORMAT),
    (OggSpeex, OGG_FORMAT),
    (FLAC, FLAC_FORMAT),
    (AIFF, AIFF_FORMAT),
    (MP3, MP3_FORMAT),
    (AAC, AAC_FORMAT),
]

EBML_MAGIC = b"\x1a\x45\xdf\xa3"
ADTS_SYNC = (b"\xff\xf1", b"\xff\xf9")

REFUSED_NOT_AUDIO = (
    "This file is not a sound recording we can take. "
    f"Choose an audio file: {ACCEPTED_FORMATS}. The file's name does not matter: "
    "what counts is what is inside it."
)
REFUSED_VIDEO = (
    "This file has pictures in it, not only sound (it is a video). "
    "Upload the sound alone: a video shows the person."
)
REFUSED_SILENT = "This file holds no sound we can find. Check that it is the right file."


class _Unnamed:
    """The upload without its name, so that nothing downstream guesses from it."""

    def __init__(self, fileobj: IO[bytes]) -> None:
        self._fileobj = fileobj

    def read(self, size: int = -1) -> bytes:
        return self._fileobj.read(size)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._fileobj.seek(offset, whence)

    def tell(self) -> int:
        return self._fileobj.tell()


def identify(fileobj: IO[bytes]) -> Detected:
    """Read the file and say which audio format it is, or raise NotAudio."""
    unnamed = _Unnamed(fileobj)
    unnamed.seek(0)
    header = unnamed.read(128)
    unnamed.seek(0)
    if not header:
        raise NotAudio("This file is empty.")
    try:
        if header.startswith(EBML_MAGIC):
            return Detected(_check_webm(unnamed), None)
        for reader, audio_format in READERS:
            if not _worth_trying(reader, unnamed, header):
                continue
            unnamed.seek(0)
            try:
                found = reader(unnamed)
            except (MutagenError, EOFError, ValueError, KeyError, IndexError):
                continue
            _check_no_pictures(reader, unnamed)
            return Detected(audio_format, _duration(found))
    finally:
        unnamed.seek(0)
    raise NotAudio(REFUSED_NOT_AUDIO)


def _worth_trying(reader: Any, fileobj: Any, header: bytes) -> bool:
    # mutagen's own score, with no file name: content only. Raw AAC (ADTS) has
    # no marker mutagen scores without a name, so its frame sync is checked here.
    if reader is AAC and header.startswith(ADTS_SYNC):
        return True
    return bool(reader.score("", fileobj, header))


def _duration(found: Any) -> int | None:
    length = getattr(getattr(found, "info", None), "length", None)
    if length is None:
        return None
    if length <= 0:
        raise NotAudio(REFUSED_SILENT)
    return max(1, round(length))


def _check_no_pictures(reader: Any, fileobj: Any) -> None:
    fileobj.seek(0)
    if reader is MP4:
        handlers = _mp4_track_handlers(fileobj)
        if b"vide" in handlers:
            raise NotAudio(REFUSED_VIDEO)
        if b"soun" not in handlers:
            raise NotAudio(REFUSED_SILENT)
    elif reader in (OggOpus, OggVorbis, OggFLAC, OggSpeex) and _ogg_has_video(fileobj):
        raise NotAudio(REFUSED_VIDEO)


def _mp4_track_handlers(fileobj: Any) -> set[bytes]:
    handlers = set()
    try:
        atoms = Atoms(fileobj)
        for trak in atoms[b"moov"].findall(b"trak"):
            ok, data = trak[b"mdia", b"hdlr"].read(fileobj)
            if ok:
                handlers.add(data[8:12])
    except (MutagenError, KeyError, EOFError, ValueError) as error:
        raise NotAudio(REFUSED_NOT_AUDIO) from error
    return handlers


def _ogg_has_video(fileobj: Any) -> bool:
    # Each stream of an Ogg file starts with a "first" page, before any data page.
    try:
        while True:
            page = OggPage(fileobj)
            if not page.first:
                return False
            if page.packets and page.packets[0].startswith((b"\x80theora", b"\x80daala")):
                return True
    except (MutagenError, EOFError, ValueError):
        return False


# WebM (Matroska) is a tree of EBML elements: an ID, a size, then the content.
EBML_DOCTYPE = 0x4282
SEGMENT = 0x18538067
TRACKS = 0x1654AE6B
TRACK_ENTRY = 0xAE
TRACK_TYPE = 0x83
CLUSTER = 0x1F43B675
VIDEO_TRACK = 1
AUDIO_TRACK = 2
UNKNOWN_SIZE = -1
# A real file's track list comes within its first few kilobytes.
WEBM_SCAN_LIMIT = 1024 * 1024


def _read_vint(fileobj: Any, *, keep_marker: bool) -> tuple[int, int]:
    first = fileobj.read(1)
    if not first:
        raise EOFError
    byte = first[0]
    length = 1
    mask = 0x80
    while length <= 8 and not byte & mask:
        mask >>= 1
        length += 1
    if length > 8:
        raise ValueError("bad EBML number")
    rest = fileobj.read(length - 1)
    if len(rest) != length - 1:
        raise EOFError
    value = byte if keep_marker else byte & (mask - 1)
    all_ones = value == mask - 1 and all(b == 0xFF for b in rest)
    for b in rest:
        value = (value << 8) | b
    if not keep_marker and all_ones:
        return UNKNOWN_SIZE, length
    return value, length


def _elements(fileobj: Any, end: int | None) -> Any:
    """(id, size, start of content) for each element until `end` (None: the file's end)."""
    while end is None or fileobj.tell() < end:
        if fileobj.tell() > WEBM_SCAN_LIMIT:
            return
        try:
            element_id, _ = _read_vint(fileobj, keep_marker=True)
            size, _ = _read_vint(fileobj, keep_marker=False)
        except EOFError:
            return
        start = fileobj.tell()
        yield element_id, size, start
        if size == UNKNOWN_SIZE:
            return
        fileobj.seek(start + size)


def _check_webm(fileobj: Any) -> AudioFormat:
    try:
        track_types = _webm_track_types(fileobj)
    except (EOFError, ValueError) as error:
        raise NotAudio(REFUSED_NOT_AUDIO) from error
    if VIDEO_TRACK in track_types:
        raise NotAudio(REFUSED_VIDEO)
    if AUDIO_TRACK not in track_types:
        raise NotAudio(REFUSED_SILENT)
    return WEBM_FORMAT


def _webm_track_types(fileobj: Any) -> list[int]:
    header_id, header_size, header_start = next(_elements(fileobj, None))
    if header_id != int.from_bytes(EBML_MAGIC) or header_size == UNKNOWN_SIZE:
        raise ValueError("no EBML header")
    doc_type = b""
    for element_id, size, start in _elements(fileobj, header_start + header_size):
        if element_id == EBML_DOCTYPE:
            fileobj.seek(start)
            doc_type = fileobj.read(min(size, 16)).rstrip(b"\x00")
    if doc_type not in (b"webm", b"matroska"):
        raise ValueError("not WebM")
    fileobj.seek(header_start + header_size)
    for element_id, size, start in _elements(fileobj, None):
        if element_id != SEGMENT:
            continue
        segment_end = None if size == UNKNOWN_SIZE else start + size
        fileobj.seek(start)
        for child_id, child_size, child_start in _elements(fileobj, segment_end):
            if child_id == CLUSTER:
                break  # sound before any track list: not a file we can trust
            if child_id == TRACKS and child_size != UNKNOWN_SIZE:
                return _track_types(fileobj, child_start, child_start + child_size)
        break
    return []


def _track_types(fileobj: Any, start: int, end: int) -> list[int]:
    types = []
    fileobj.seek(start)
    for element_id, size, entry_start in _elements(fileobj, end):
        if element_id != TRACK_ENTRY or size == UNKNOWN_SIZE:
            continue
        fileobj.seek(entry_start)
        for child_id, child_size, child_start in _elements(fileobj, entry_start + size):
            if child_id == TRACK_TYPE and 0 < child_size <= 8:
                fileobj.seek(child_start)
                types.append(int.from_bytes(fileobj.read(child_size)))
    return types
