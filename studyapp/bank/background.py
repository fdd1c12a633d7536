"""Listing bank files off the caller's thread, in worker processes when there is enough to parse.

Parsing and validating YAML is pure Python: in a thread it would share one core with the
window (and its GIL). A first start with a large library is therefore handed to worker
processes, one per core up to two, each listing whole files (and filling the bank cache, so the
window never receives the questions, only each bank's info). Small jobs stay in one thread of
this process: starting an interpreter costs more than they do.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from pathlib import Path

from studyapp.bank.built import Listed
from studyapp.bank.catalogue import list_file
from studyapp.bank.problems import Problem

# Below this many bytes to parse, one thread does the work (a spawned worker takes about a
# fifth of a second to start and import the loader: what one thread parses of 1 MB).
PROCESS_BYTES = 2 * 1024 * 1024
MAX_WORKERS = 2

Report = Callable[[int, Listed], None]


def workers_for(files: Sequence[Path]) -> int:
    """How many worker processes listing these files pays for: 0 means one thread."""
    total = 0
    for file in files:
        try:
            total += file.stat().st_size
        except OSError:
            continue
    if total < PROCESS_BYTES:
        return 0
    return max(1, min(MAX_WORKERS, len(files), os.cpu_count() or 1))


class ListingJob:
    """Lists `files`; `report(index, listed)` is called from the job's own thread for each file,
    as each finishes, then `done()` once (also after cancel())."""

    def __init__(
        self,
        files: Sequence[Path],
        cache_dir: str | os.PathLike[str] | None,
        report: Report,
        done: Callable[[], None],
        workers: int | None = None,
    ) -> None:
        self.files = list(files)
        self._cache = str(cache_dir) if cache_dir is not None else None
        self._report = report
        self._done = done
        self.workers = workers_for(self.files) if workers is None else workers
        self._cancelled = threading.Event()
        self._pool: ProcessPoolExecutor | None = None
        self._thread = threading.Thread(target=self._run, name="bank-listing", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        """Stop taking new files; a file being parsed finishes (within its own time bound)."""
        self._cancelled.set()
        pool = self._pool
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        try:
            if self.workers:
                self._in_processes()
            else:
                self._in_thread()
        finally:
            self._done()

    def _in_thread(self) -> None:
        for index, file in enumerate(self.files):
            if self.cancelled:
                return
            self._report(index, _listed(file, self._cache))

    def _in_processes(self) -> None:
        import multiprocessing

        # Spawned, not forked: the parent runs Qt's threads, which a fork would copy mid-step.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(self.workers, mp_context=context) as pool:
            self._pool = pool
            if self.cancelled:
                return
            futures: dict[Future[Listed], int] = {}
            for index, file in enumerate(self.files):
                futures[pool.submit(list_file, str(file), self._cache)] = index
            for future in as_completed(futures):
                if self.cancelled:
                    return
                index = futures[future]
                try:
                    listed = future.result()
                except Exception as exc:
                    listed = _failed(self.files[index], exc)
                self._report(index, listed)


def _listed(file: Path, cache: str | None) -> Listed:
    try:
        return list_file(str(file), cache)
    except Exception as exc:
        return _failed(file, exc)


def _failed(file: Path, exc: BaseException) -> Listed:
    message = f"could not be loaded: {type(exc).__name__}: {exc}"
    return Listed(str(file), None, (Problem(str(file), 0, 0, message),))
