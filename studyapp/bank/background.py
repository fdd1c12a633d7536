"""Listing bank files off the caller's thread, in worker processes when there is enough to parse.

Parsing and validating YAML is pure Python: in a thread it would share one core with the
window (and its GIL). A first start with a large library is therefore handed to worker
processes, one per core up to two, each listing whole files (and filling the bank cache, so the
window never receives the questions, only each bank's info). Small jobs stay in one thread of
this process: starting an interpreter costs more than they do.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import studyapp
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
        self._lock = threading.Lock()
        self._workers: list[subprocess.Popen[bytes]] = []
        self._thread = threading.Thread(target=self._run, name="bank-listing", daemon=True)

    def start(self) -> None:
        if not self.cancelled:
            self._thread.start()

    def cancel(self) -> None:
        """Stop taking new files; worker processes stop at once, a file parsed in this process
        finishes (within the loader's own time bound)."""
        self._cancelled.set()
        with self._lock:
            workers = list(self._workers)
        for worker in workers:
            # Its cache entries are written whole or not at all (a rename), so it may stop
            # in the middle of a file.
            with contextlib.suppress(OSError):
                worker.kill()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Whether the job is over (or never started) within `timeout` seconds."""
        if self._thread.ident is None:
            return True
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
        places = list(range(len(self.files)))
        taken = threading.Lock()

        def next_place() -> int | None:
            with taken:
                return places.pop(0) if places and not self.cancelled else None

        threads = [
            threading.Thread(target=self._feed_worker, args=(next_place,), daemon=True)
            for _ in range(self.workers)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def _feed_worker(self, next_place: Callable[[], int | None]) -> None:
        """Hand files one at a time to one worker process, so the faster worker takes more."""
        try:
            worker = _start_worker(self._cache)
        except OSError:
            worker = None
        with self._lock:
            if worker is not None:
                self._workers.append(worker)
        try:
            while (place := next_place()) is not None:
                listed = None
                if worker is not None:
                    listed = _ask(worker, place, self.files[place])
                    if listed is None and not self.cancelled:
                        # The worker died on this file (out of memory, killed): report the file,
                        # and list the rest here, in this thread.
                        _stop(worker)
                        worker = None
                        listed = _failed(self.files[place], RuntimeError("the worker stopped"))
                if listed is None:
                    if self.cancelled:
                        return
                    listed = _listed(self.files[place], self._cache)
                self._report(place, listed)
        finally:
            if worker is not None:
                _stop(worker)


def _start_worker(cache: str | None) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    # The child imports this very studyapp, installed or not (a checkout run in place).
    home = str(Path(studyapp.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (home, env.get("PYTHONPATH", "")) if p)
    return subprocess.Popen(
        [sys.executable, "-m", "studyapp.bank.worker", cache or ""],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
    )


def _ask(worker: subprocess.Popen[bytes], place: int, file: Path) -> Listed | None:
    """One file listed by the worker; None when the worker is gone."""
    assert worker.stdin is not None
    assert worker.stdout is not None
    try:
        pickle.dump((place, str(file)), worker.stdin, pickle.HIGHEST_PROTOCOL)
        worker.stdin.flush()
        answered, listed = pickle.load(worker.stdout)  # noqa: S301 (our own child's answer)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError):
        return None
    return listed if answered == place and isinstance(listed, Listed) else None


def _stop(worker: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(OSError):
        if worker.stdin is not None:
            worker.stdin.close()  # end of input: the worker returns
    try:
        worker.wait(2)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()
    if worker.stdout is not None:
        worker.stdout.close()


def _listed(file: Path, cache: str | None) -> Listed:
    try:
        return list_file(str(file), cache)
    except Exception as exc:
        return _failed(file, exc)


def _failed(file: Path, exc: BaseException) -> Listed:
    message = f"could not be loaded: {type(exc).__name__}: {exc}"
    return Listed(str(file), None, (Problem(str(file), 0, 0, message),))
