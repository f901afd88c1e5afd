"""A ZIP written member by member in one pass: no going back to patch each member's header."""

from __future__ import annotations

import io
import zipfile

from bridging_gaps.zipping import one_pass


class _NoSeeking(io.BytesIO):
    """A file that fails any attempt to go back in it."""

    def seek(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the ZIP went back in its file")


def test_a_zip_written_in_one_pass_never_seeks_and_reads_back_whole():
    target = _NoSeeking()
    texts = {f"documents/{number}.txt": f"text {number} " * number for number in range(50)}
    with one_pass(target) as forward, zipfile.ZipFile(forward, "w", zipfile.ZIP_DEFLATED) as zip_:
        for name, text in texts.items():
            zip_.writestr(name, text)
    written = io.BytesIO(target.getvalue())
    with zipfile.ZipFile(written) as read:
        assert read.testzip() is None
        assert {name: read.read(name).decode() for name in read.namelist()} == texts
