"""Notice bank files changing on disk, and say so once the burst of writes is over."""

from __future__ import annotations

import os
from collections.abc import Iterable

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

SETTLE_MS = 250  # editors write in several steps; wait for them to finish


class BankWatcher(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._poke)
        self._watcher.directoryChanged.connect(self._poke)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self.changed)
        self._wanted: set[str] = set()

    def watch(self, paths: Iterable[str]) -> None:
        """Watch exactly these files and folders (those that exist now)."""
        self._wanted = set(paths)
        self._sync()

    def _sync(self) -> None:
        current = set(self._watcher.files()) | set(self._watcher.directories())
        gone = current - self._wanted
        if gone:
            self._watcher.removePaths(sorted(gone))
        # A file replaced by rename (how most editors save) drops out of the watch: add it back.
        missing = [p for p in sorted(self._wanted - current) if os.path.exists(p)]
        if missing:
            self._watcher.addPaths(missing)

    def _poke(self, _path: str) -> None:
        self._sync()
        self._timer.start()
