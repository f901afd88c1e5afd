"""Anonymising many texts on several cores, while the caller goes on with other work.

Anonymising is pure Python and about a third of the time of a large export; threads would take
turns on one core, so the texts go to processes. Each process gets a copy of the compiled
anonymiser once, when it starts (started with "spawn": a process forked from a server with
threads and open database connections could inherit a held lock). The texts are sent a chunk
at a time and come back in order; nothing else leaves this process. A process that dies (killed
for memory) fails the export with an error instead of leaving it waiting for ever, which is
why this is `concurrent.futures`' pool and not `multiprocessing.Pool`.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from types import TracebackType
from typing import Any, Protocol

from research.anonymiser.model import Anonymised

logger = logging.getLogger(__name__)
# A chunk of texts takes about a second; one not back after this long fails the export
# rather than leaving it waiting.
CHUNK_SECONDS = 600


class Anonymises(Protocol):
    """An `Anonymiser`, or what an export does to each text (passages.ForResearch)."""

    def anonymise(self, text: Any, /) -> Anonymised: ...


# The anonymiser of a process in the pool, set once as it starts.
_own: Anonymises | None = None


def _start(anonymiser: Anonymises) -> None:
    global _own
    _own = anonymiser


def _anonymise(text: Any) -> Anonymised:
    assert _own is not None, "started by _start"
    return _own.anonymise(text)


class Spread:
    """`submit(texts)` starts anonymising a chunk and gives back a function that waits for the
    results (in the order of `texts`). With `processes` of 1 or less nothing is started: the
    chunk is anonymised here when its results are asked for."""

    def __init__(self, anonymiser: Anonymises, *, processes: int) -> None:
        self.anonymiser = anonymiser
        self.processes = processes
        self._pool: ProcessPoolExecutor | None = None
        if processes > 1:
            try:
                self._pool = ProcessPoolExecutor(
                    processes,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start,
                    initargs=(anonymiser,),
                )
            except OSError:
                # A container without shared memory for the pool's locks: slower, not broken.
                logger.warning("Export: anonymising in this process only.", exc_info=True)

    def submit(self, texts: Sequence[Any]) -> Callable[[], list[Anonymised]]:
        if self._pool is None:
            return lambda: [self.anonymiser.anonymise(text) for text in texts]
        # A few pieces per process, so that one long text does not leave the others idle.
        pending = self._pool.map(
            _anonymise,
            texts,
            timeout=CHUNK_SECONDS,
            chunksize=max(1, len(texts) // (self.processes * 4)),
        )
        return lambda: list(pending)

    def close(self) -> None:
        if self._pool is not None:
            # Every result was taken, or the export failed: nothing is left to wait for, and a
            # process stuck on a text must not keep the worker waiting (Python 3.14 has
            # `terminate_workers()` for this).
            processes = list((self._pool._processes or {}).values())
            self._pool.shutdown(wait=False, cancel_futures=True)
            for process in processes:
                process.terminate()
                process.join()
            self._pool = None

    def __enter__(self) -> Spread:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
