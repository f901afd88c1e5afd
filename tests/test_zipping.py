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


def test_a_zip_time_is_the_moment_on_the_clock_given_within_the_years_a_zip_can_say():
    from datetime import UTC, datetime

    from bridging_gaps.zipping import zip_time

    assert zip_time(datetime(2026, 12, 5, 16, 7, 9, 500, tzinfo=UTC)) == (2026, 12, 5, 16, 7, 9)
    assert zip_time(datetime(1970, 1, 1, tzinfo=UTC)) == (1980, 1, 1, 0, 0, 0)
    assert zip_time(datetime(2200, 6, 1, tzinfo=UTC)) == (2107, 12, 31, 0, 0, 0)
