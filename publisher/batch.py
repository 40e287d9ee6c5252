"""Many manuscripts at once: one piece of work per file, in worker processes when that pays.

Users convert folders of hundreds of manuscripts. Each file is independent of the others,
and the work (cleaning and structuring in pure Python) is bound by the processor, so on a
machine with several cores the files are shared among processes. Results come back in the
order of the files, whatever order the processes finish in: output is the same, byte for
byte, with one process or many.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

from .errors import PublisherError

T = TypeVar("T")

#: Below this much input, starting processes costs more than they save.
PARALLEL_MIN_BYTES = 1_000_000
PARALLEL_MIN_FILES = 4


def worker_count(paths: Sequence[Path], workers: int) -> int:
    """How many processes to use: ``workers`` (0: one per core), but one for a small batch."""
    if workers == 1 or len(paths) < PARALLEL_MIN_FILES:
        return 1
    if workers == 0:
        if sum(_size(p) for p in paths) < PARALLEL_MIN_BYTES:
            return 1
        workers = os.cpu_count() or 1
    return max(1, min(workers, len(paths)))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reading it will report the problem


def for_each_file(paths: Sequence[Path], work: Callable[[Path], T], workers: int = 0
                  ) -> Iterator[tuple[Path, T | PublisherError]]:
    """``work(path)`` for each path, in order; a :class:`PublisherError` is handed back, not raised.

    ``work`` must be picklable (a module-level function or a ``functools.partial`` of one)
    when it runs in worker processes. Any other exception is a bug and is raised.
    """
    count = worker_count(paths, workers)
    if count == 1:
        for path in paths:
            yield path, _attempt(work, path)
        return
    # Files go out in batches: one task per file would spend as long on messages as on work.
    chunk = max(1, min(16, len(paths) // (4 * count)))
    with ProcessPoolExecutor(max_workers=count) as pool:
        yield from zip(paths, pool.map(_attempt, [work] * len(paths), paths, chunksize=chunk), strict=True)


def _attempt(work: Callable[[Path], T], path: Path) -> T | PublisherError:
    try:
        return work(path)
    except PublisherError as exc:
        return exc
