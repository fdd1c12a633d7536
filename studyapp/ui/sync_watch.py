"""Run a sync pass whenever the sync folder changes, and every few seconds in any case.

File-system notices are fast but not always there (network shares, some engines that
replace files by renaming), so a slow timer backs them up; an idle pass only looks at file
sizes and writes nothing, so it costs next to nothing.

A pass runs on a thread of its own, on a connection of its own (progress/sync/companion.py),
so that a large merge never stops the window: the learner goes on answering while it runs.
One pass at a time; a change noticed meanwhile starts another once it ends.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

if TYPE_CHECKING:
    from studyapp.progress.sync import Merged

SETTLE_MS = 300  # an engine writes a file in several pieces: let it finish first
POLL_MS = 3000

# What a pass runs, made on the window's thread and run on the pass's own.
Job = Callable[[], "Merged | None"]


class SyncWatcher(QObject):
    merged = Signal(object)  # a Merged that brought answers, undos or settings in
    failed = Signal(str)  # what kept a pass from running (a folder gone, a disk full...)
    _ended = Signal(object, object)  # (Merged or None, error text or None), from the thread

    def __init__(self, job: Callable[[], Job | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self._thread: threading.Thread | None = None
        self._again = False
        self._ended.connect(self._finished)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._poke)
        self._watcher.fileChanged.connect(self._poke)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.run_now)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.run_now)
        self.folder: Path | None = None

    def watch(self, folder: Path | None) -> None:
        """Follow `folder` (None: stop)."""
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        self.folder = folder
        if folder is None:
            self._poll.stop()
            return
        self._rewatch()
        self._poll.start()
        self._settle.start()

    def _rewatch(self) -> None:
        if self.folder is None or not self.folder.is_dir():
            return
        wanted = [str(self.folder), *(str(p) for p in self.folder.glob("studyapp-*.jsonl"))]
        have = set(self._watcher.files() + self._watcher.directories())
        fresh = [p for p in wanted if p not in have]
        if fresh:
            self._watcher.addPaths(fresh)

    def _poke(self, _path: str) -> None:
        self._settle.start()

    @property
    def running(self) -> bool:
        return self._thread is not None

    def run_now(self) -> None:
        """Start a pass (or, while one runs, another right after it)."""
        if self._thread is not None:
            self._again = True
            return
        job = self._job()
        if job is None:
            return
        self._again = False
        self._thread = threading.Thread(target=self._work, args=(job,), daemon=True)
        self._thread.start()

    def _work(self, job: Job) -> None:
        # the store loads after the window is painted
        import sqlite3

        from studyapp.progress import StoreError

        try:
            merged = job()
        except (OSError, sqlite3.Error, StoreError) as error:
            # A busy or unwritable progress file: say so and try again on the next pass.
            self._ended.emit(None, str(error))
            return
        self._ended.emit(merged, None)

    def _finished(self, merged: Merged | None, error: str | None) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if error is not None:
            self.failed.emit(error)
        else:
            self._rewatch()  # new devices' files, and files replaced by rename
            if merged is not None and merged.changed:
                self.merged.emit(merged)
        if self._again:
            self.run_now()

    def finish(self) -> None:
        """Stop watching, let a pass under way end, and run a last one here (at quit: the
        last answers go to the folder)."""
        self._poll.stop()
        self._settle.stop()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join()
        job = self._job()
        if job is None:
            return
        # the store loads after the window is painted
        import contextlib
        import sqlite3

        from studyapp.progress import StoreError

        with contextlib.suppress(OSError, sqlite3.Error, StoreError):
            job()
