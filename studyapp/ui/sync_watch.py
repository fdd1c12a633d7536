"""Run a sync pass whenever the sync folder changes, and every few seconds in any case.

File-system notices are fast but not always there (network shares, some engines that
replace files by renaming), so a slow timer backs them up; an idle pass only looks at file
sizes and writes nothing, so it costs next to nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

if TYPE_CHECKING:
    from studyapp.progress.sync import Merged

SETTLE_MS = 300  # an engine writes a file in several pieces: let it finish first
POLL_MS = 3000


class SyncWatcher(QObject):
    merged = Signal(object)  # a Merged that brought answers, undos or settings in
    failed = Signal(str)  # what kept a pass from running (a folder gone, a disk full...)

    def __init__(self, run: Callable[[], Merged | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._run = run
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

    def run_now(self) -> None:
        # the store loads after the window is painted
        import sqlite3

        from studyapp.progress import StoreError

        try:
            merged = self._run()
        except (OSError, sqlite3.Error, StoreError) as error:
            # A busy or unwritable progress file: say so and try again on the next pass.
            self.failed.emit(str(error))
            return
        self._rewatch()  # new devices' files, and files replaced by rename
        if merged is not None and merged.changed:
            self.merged.emit(merged)
